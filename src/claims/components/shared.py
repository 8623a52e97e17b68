"""claims_shared: figures that leave out their unit or noun and share another figure's.
`span._.unit_from` is that figure: "eight or nine euros" (eight shares nine's euros), "1.2
million crates, up from 900,000" (900,000 crates), "from 20 mpg to 24" (24 mpg).

Only a figure whose own words name nothing it measures shares: so this runs once what each
figure measures is known (claims_measured). `Doc._.quantities` gives a sharing figure the unit,
kind and what of the figure it shares them with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar

from spacy.language import Language

from ..types import What
from ..units import Currencies, UnitReading
from .rules import RuleFiles, Sources
from .tokens import in_sentences, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# "up from 2.4 million", "compared with 63", "versus 40": a figure set against an earlier one
_COMPARED = re.compile(r"\b(?:up from|down from|from|compared with|compared to|versus|vs\.?)\s*$")
# the words between two figures that write one unit for both: "eight or nine euros"
_COORDINATING = ("or", "and", "to", "-", "–")
_UNIT_KINDS = ("count", "money", "quantity", "percent")


@dataclass
class _Figure:
    """A figure as this component sees it: its unit and what it measures, as shared so far."""

    span: Span
    sent_start: int
    start: int  # character offsets of the figure's text (a range: both ends)
    end: int
    own_end: int  # where the figure's own text ends (a range's lower end: before the upper)
    value: float
    kind: str
    unit: UnitReading | None
    stated: str | None
    what: What | None
    per: str | None
    restates: bool
    partner: _Figure | None = None


class SharedComponent(RuleFiles):
    """Sets `span._.unit_from` on the figures of `doc.spans[spans_key]` that share a unit."""

    SOURCES: ClassVar[Sources] = {
        "units.json": ("currencies", "glued_single_letters", "transliterated_signs")}

    def __init__(self, spans_key: str, rules_dir: str | None) -> None:
        self.spans_key = spans_key
        super().__init__(rules_dir)

    def use(self, data: dict[str, dict[str, Any]]) -> None:
        self.currencies = Currencies(data["units.json"])

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        figures, uppers = [], set()
        for sent, span in in_sentences(doc, spans):
            figure, upper = _figure(sent, span)
            figures.append(figure)
            if upper is not None:
                uppers.add((upper.start, upper.end))
        text = text_of(doc)
        _coordinated(text, figures)
        # a range written as two figures is one figure here
        self._elided(text, [f for f in figures if (f.span.start, f.span.end) not in uppers])
        for f in figures:
            f.span._.unit_from = None if f.partner is None else f.partner.span
        return doc

    def _elided(self, text: str, figures: list[_Figure]) -> None:
        """'3.9 million headsets, up from 2.4 million', '435 homes by sale and 187 by tender',
        'from 20 mpg to 24': a bare number set against the figure just before it, in a
        comparison or a list, leaves out the unit or noun it shares with that figure."""
        for i, q in enumerate(figures):
            if q.kind != "count" or q.what is not None or q.unit is not None or \
                    q.stated is not None or q.restates:
                continue
            before = text[max(q.sent_start, q.start - 24) : q.start].lower()
            partner = self._partner(q, figures[max(0, i - 3) : i])
            if partner is None:
                continue
            opened = text[max(q.sent_start, partner.start - 6) : partner.start].lower()
            if _COMPARED.search(before) or re.search(r"\band\s*$", before) or (
                re.search(r"\bto\s*$", before) and re.search(r"\bfrom\s*$", opened)
            ):  # "from 20 mpg to 24": the range of a change, both ends in the first one's unit
                q.unit, q.kind, q.per = partner.unit, partner.kind, partner.per
                q.what, q.partner = partner.what, partner

    def _partner(self, q: _Figure, earlier: list[_Figure]) -> _Figure | None:
        """The figure whose unit a bare number shares: the nearest earlier one in its sentence
        of the same order of magnitude (in "68400 people out of work for one to two years and
        95800", not "two years"), which must state its unit or noun itself."""
        partner = next((p for p in reversed(earlier)
                        if not p.restates and p.sent_start == q.sent_start
                        and q.start - p.end <= 120 and _comparable(p.value, q.value)), None)
        if partner is None or partner.kind not in _UNIT_KINDS or \
                (partner.unit is None and partner.what is None) or \
                (partner.kind == "count" and partner.stated is None):
            return None  # the partner must state its unit or noun: "464 vehicles", "20 mpg"
        if partner.unit is not None and partner.unit.currency and partner.stated and \
                (reading := self.currencies.currency(partner.stated)) and reading.factor != 1:
            return None  # "84.75 cents": the sub-unit's value is stored in the main currency
        return partner


def _figure(sent: Span, span: Span) -> tuple[_Figure, Span | None]:
    """The figure as this component sees it, and the upper end of its range, if any."""
    a = span._
    opener, upper = a.opener, a.upper
    return _Figure(
        span=span, sent_start=sent.start_char,
        start=opener.idx if opener is not None else span[0].idx,
        end=a.text_end if upper is None else upper._.text_end, own_end=a.text_end,
        value=a.interval[0], kind=a.kind, unit=a.unit, stated=a.stated_unit, what=a.what,
        per=a.per, restates=a.restates is not None,
    ), upper


def _coordinated(text: str, figures: list[_Figure]) -> None:
    """'eight or nine euros', '5 and 6 percent': a bare number takes the unit of the figure it
    is coordinated with."""
    for first, second in pairwise(figures):
        link = text[first.own_end : second.span[0].idx].strip().lower()
        if first.sent_start == second.sent_start and link in _COORDINATING \
                and first.kind == "count" and first.what is None and second.unit is not None \
                and first.stated is None:  # "sixfold to HK $3.7 billion" keeps no unit
            first.unit, first.kind = second.unit, second.kind
            first.what, first.partner = second.what, second


def _comparable(a: float | None, b: float | None) -> bool:
    """Two figures of the same order of magnitude (within a factor of 100)."""
    if a is None or b is None or a <= 0 or b <= 0:
        return False
    return max(a, b) / min(a, b) <= 100


@Language.factory(
    "claims_shared",
    requires=["span._.unit", "span._.kind", "span._.what", "span._.interval", "span._.upper",
              "span._.restates"],
    assigns=["span._.unit_from"],
    default_config={"spans_key": "quantities", "rules_dir": None},
)
def make_shared(nlp: Language, name: str, spans_key: str, rules_dir: str | None
                ) -> SharedComponent:
    return SharedComponent(spans_key, rules_dir)
