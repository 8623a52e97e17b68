"""`Doc._.quantities`: the finished figures of a Doc, built from the attributes the components set
on `doc.spans["quantities"]`. A range written as two figures ("$3 billion to $5 billion") is
one Quantity; a figure that leaves out its unit ("eight or nine euros") has the unit of the
figure it shares it with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types import Holder, Normalized, Quantity, What
from .holders import holder_key
from .tokens import in_sentences, scope_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def quantities(doc: Doc, spans_key: str = "quantities") -> list[Quantity]:
    """One Quantity per figure in `doc.spans[spans_key]`, in text order."""
    spans = list(doc.spans.get(spans_key, []))
    upper_of = [s._.upper for s in spans]
    # the upper end of a range is part of the figure that opens it
    head_of = {(u.start, u.end): s for s, u in zip(spans, upper_of, strict=True) if u is not None}
    found: dict[tuple[int, int], Quantity] = {}
    restating = []
    for (sent, span), upper in zip(in_sentences(doc, spans), upper_of, strict=True):
        if (span.start, span.end) in head_of:
            continue
        found[span.start, span.end] = q = _quantity(sent, span, upper)
        restated = span._.restates
        if restated is not None:
            restating.append((q, restated))
    for q, restated in restating:
        key = (restated.start, restated.end)
        whole = found[_key(head_of[key])] if key in head_of else found[key]
        q.restates = (whole.start, whole.end)
    return list(found.values())


def _key(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _sharing(span: Span, attributes: Any) -> tuple[Any, What | None, str | None]:
    """The attributes of the figure whose unit `span` has (its own, or those of the figure it
    shares the unit with, as claims_shared found), what `span` measures (its own, else that
    figure's), and its rate: a figure set against an earlier one ('1.2 million crates, up from
    900,000') is a rate if that one is; one coordinated with the next ('eight or nine euros')
    keeps its own."""
    what, per = attributes.what, attributes.per
    source, at = attributes, span.start
    elided = True
    while (partner := source.unit_from) is not None:
        elided = elided and partner.start < at
        source, at = partner._, partner.start
        what = what or source.what
        if elided:
            per = source.per
    return source, what, per


def _quantity(sent: Span, span: Span, upper: Span | None) -> Quantity:
    a = span._  # read once: each `span._` is a new object
    first = a.opener or span[0]  # the span starts at its qualifying words, if any
    value, low, high = a.interval
    source, what, per = _sharing(span, a)
    unit = source.unit
    normaliser = source.normaliser
    if normaliser is not None:
        normalized = normaliser.normalise(value, low, high)
    else:
        normalized = Normalized(value, low, high, None if unit is None else unit.unit)
    return Quantity(
        start=first.idx,
        end=(upper or span)._.text_end,
        value=value,
        low=low,
        high=high,
        qualifier=a.qualifier,
        unit=None if unit is None else unit.unit,
        currency=bool(unit is not None and unit.currency),
        stated_unit=a.stated_unit,
        kind=source.kind,
        what=what,
        scope=tuple(scope_phrase(s) for s in a.scope),
        sent_start=sent.start_char,
        sent_end=sent.end_char,
        normalized=normalized,
        dimension=source.dimension,
        tokens=(first.i, (upper or span).end),
        change=a.change,
        per=per,
        holder=_holder(a.holder),
    )


def _holder(phrase: Span | None) -> Holder | None:
    if phrase is None:
        return None
    return Holder(phrase.text, phrase.start_char, phrase.end_char, holder_key(phrase))
