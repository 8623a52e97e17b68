"""`Doc._.quantities`: the finished figures of a Doc, built from the attributes the components set
on `doc.spans["quantities"]`. A range written as two figures ("$3 billion to $5 billion") is
one Quantity; a figure that leaves out its unit ("eight or nine euros") has the unit of the
figure it shares it with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Normalized, Quantity, What
from .tokens import in_sentences, scope_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def quantities(doc: Doc, spans_key: str = "quantities") -> list[Quantity]:
    """One Quantity per figure in `doc.spans[spans_key]`, in text order."""
    spans = list(doc.spans.get(spans_key, []))
    uppers = {(s._.upper.start, s._.upper.end): s for s in spans if s._.upper is not None}
    found: dict[tuple[int, int], Quantity] = {}
    for sent, span in in_sentences(doc, spans):
        if (span.start, span.end) not in uppers:
            found[span.start, span.end] = _quantity(sent, span)
    for (start, end), q in found.items():
        restated = doc[start:end]._.restates
        if restated is not None:
            key = (restated.start, restated.end)
            whole = found.get(key) or found[_key(uppers[key])]
            q.restates = (whole.start, whole.end)
    return list(found.values())


def _key(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _sharing(span: Span) -> tuple[Span, What | None]:
    """The figure whose unit `span` has (itself, or the one it shares it with, as claims_shared
    found), and what `span` measures: its own, else that figure's."""
    what = span._.what
    source = span
    while (partner := source._.unit_from) is not None:
        source = partner
        what = what or partner._.what
    return source, what


def _quantity(sent: Span, span: Span) -> Quantity:
    first = span._.opener or span[0]  # the span starts at its qualifying words, if any
    last = span._.upper or span
    value, low, high = span._.interval
    source, what = _sharing(span)
    unit = source._.unit
    # a figure set against an earlier one ("up from 900,000") is a rate if that one is
    elided = source.start < span.start
    normaliser = source._.normaliser
    if normaliser is not None:
        normalized = normaliser.normalise(value, low, high)
    else:
        normalized = Normalized(value, low, high, None if unit is None else unit.unit)
    return Quantity(
        start=first.idx,
        end=last._.text_end,
        value=value,
        low=low,
        high=high,
        qualifier=span._.qualifier,
        unit=None if unit is None else unit.unit,
        currency=bool(unit is not None and unit.currency),
        stated_unit=span._.stated_unit,
        kind=source._.kind,
        what=what,
        scope=tuple(scope_phrase(s) for s in span._.scope),
        sent_start=sent.start_char,
        sent_end=sent.end_char,
        normalized=normalized,
        dimension=source._.dimension,
        tokens=(first.i, last.end),
        change=span._.change,
        per=source._.per if elided else span._.per,
    )
