"""The `Doc._`, `Span._` attributes the claims components set, registered once, when a component is
made.

A figure's span in `doc.spans["quantities"]` carries one attribute per fact, each set by the one
component whose job that fact is (see README, "How it works"). Attributes that point at other
parts of the Doc (the noun a figure counts, the figure it restates, its scope phrases) store token
offsets and hand back Tokens and Spans when read: a Doc holding Spans of itself would only be
freed by the cycle collector.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

# Plain values, one per span (None until the component that owns the fact sets it).
VALUES = {
    # claims_numbers (on doc.spans["numbers"]) and claims_units (on doc.spans["quantities"])
    "number": "the NumberPhrase the span states: value, precision, the upper end of a range",
    # claims_units
    "unit": "UnitReading | None: the unit, or None for a count",
    "kind": "count | quantity | money | percent | fraction | age",
    "stated_unit": "the unit, or the counted words, as the text spells them",
    "unit_end": "token index where the unit (and a rate after it) ends, before counted words",
    "per": "the noun of a rate ('barrel' of '$58 per barrel'), or None",
    "normaliser": "the Normaliser for the unit (None for counts and money)",
    "dimension": "'[mass]', 'currency:USD', 'count'",
    "text_end": "character offset where the figure's text ends (a sentence's full stop left out)",
    # claims_qualifiers
    "qualifier": "exact | approximately | more_than | at_least | less_than | at_most | range",
    "interval": "(value, low, high) in the stated unit; None is an open end",
    "change": "up | down when the figure is a change ('rose 0.3%'), else None",
    # claims_measured
    "what": "What | None: what the figure measures or counts",
}
# References to other parts of the Doc: stored as token offsets, read as Tokens or Spans.
TOKENS = {
    "counted": "claims_units: the noun a count counts ('288 arrests'), wherever it stands",
    "opener": "claims_qualifiers: 'between', 'from': the word opening a range of two figures",
    "measured": "claims_measured: the noun naming what the figure measures",
}
SPANS = {
    "restates": "claims_units: the figure this one states again in another unit",
    "hedge": "claims_units: the words that qualify the figure ('more than', 'between')",
    "upper": "claims_qualifiers: the figure stating the upper end of this one's range",
    "unit_from": "claims_shared: the figure whose unit (and what) this one leaves out",
    "holder": "claims_holders: the noun phrase the figure is about ('the 13-inch model')",
}
SPAN_LISTS = {"scope": "claims_scope: the phrases that narrow the figure ('overseas', 'in 2022')"}


def _key(name: str, span: Span) -> tuple[str, str, int, int]:
    return ("._.", name, span.start_char, span.end_char)


def _token_reference(name: str) -> tuple[Any, Any]:
    def get(span: Span) -> Token | None:
        i = span.doc.user_data.get(_key(name, span))
        return None if i is None else span.doc[i]

    def put(span: Span, token: Token | None) -> None:
        span.doc.user_data[_key(name, span)] = None if token is None else token.i

    return get, put


def _span_reference(name: str) -> tuple[Any, Any]:
    def get(span: Span) -> Span | None:
        at = span.doc.user_data.get(_key(name, span))
        return None if at is None else span.doc[at[0] : at[1]]

    def put(span: Span, other: Span | None) -> None:
        span.doc.user_data[_key(name, span)] = None if other is None else (other.start, other.end)

    return get, put


def _span_list(name: str) -> tuple[Any, Any]:
    def get(span: Span) -> tuple[Span, ...]:
        doc = span.doc
        return tuple(doc[s:e] for s, e in doc.user_data.get(_key(name, span), ()))

    def put(span: Span, spans: Iterable[Span]) -> None:
        span.doc.user_data[_key(name, span)] = tuple((s.start, s.end) for s in spans)

    return get, put


def register_extensions() -> None:
    """Register every attribute once (a component calls this when it is made)."""
    for name in VALUES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for names, reference in ((TOKENS, _token_reference), (SPANS, _span_reference),
                             (SPAN_LISTS, _span_list)):
        for name in names:
            if not Span.has_extension(name):
                get, put = reference(name)
                Span.set_extension(name, getter=get, setter=put)
    if not Doc.has_extension("quantities"):
        from .quantities import quantities

        Doc.set_extension("quantities", getter=quantities)
    for name in ("mentions", "quotes"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
