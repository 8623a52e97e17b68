"""claims_units: from the number phrases of `doc.spans["numbers"]` to figures in
`doc.spans["quantities"]`, each span covering the figure's whole text: its qualifying words, a
currency sign, the number, its unit and rate, the noun it counts ("more than $50 million",
"about 152 pounds", "288 arrests", "$58.24 per barrel"). Sets the unit, kind, counted noun, rate
and normaliser of each, and which figure restates another in other units ("500 kg (1,102 lb)")."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar

from spacy.language import Language

from ..units import UnitReading
from .figure_reading import FigureFilter, FigureReader, Reading, UnitRules
from .filters import FIGURE_FILTERS
from .rules import RuleFiles, Sources
from .tokens import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

# "another pick or two", "a day or two": the number counts the noun before "or"
_ONE_OR_TWO = re.compile(r"\b(?:a|an|another|one)\s+([a-z]+)\s+or\s*$")


def link_restatements(text: str, figures: list[Reading]) -> None:
    """'500 kg (1,102 pounds)', '€26.7 million (USD 31 million)': one figure, two units."""
    for first, second in pairwise(figures):
        if text[first.text_end : second.start_char].strip() != "(" or \
                text[second.text_end : second.text_end + 3].strip()[:1] != ")":
            continue
        money = first.unit is not None and first.unit.currency and \
            second.unit is not None and second.unit.currency
        if money or (first.kind == second.kind == "quantity" and first.unit is not None
                      and second.unit is not None and first.unit.unit != second.unit.unit):
            second.restates = first.start, first.end


def read_one_or_two(doc: Doc, figures: list[Reading], durations: frozenset[str]) -> None:
    """'a day or two', 'another pick or two': a bare number after 'a X or' counts X."""
    text = text_of(doc)
    for q in figures:
        if q.kind != "count" or q.counted is not None or q.unit is not None or \
                q.stated is not None or q.restates is not None:
            continue
        offset = max(q.sent_start, q.start_char - 24)
        idiom = _ONE_OR_TWO.search(text[offset : q.start_char].lower())
        if idiom is None:
            continue
        noun = idiom.group(1)
        if noun in durations:  # "a day or two": two days
            q.unit, q.kind = UnitReading(noun), "quantity"
            continue
        word = doc.char_span(offset + idiom.start(1), offset + idiom.end(1))
        if word is not None:
            q.counted = word.start  # "another player or two": two players


class UnitsComponent(RuleFiles):
    """Writes `doc.spans[spans_key]`, one span per figure, from the number phrases in
    `doc.spans[numbers_key]`, with the unit attributes of each (see `attributes.VALUES`)."""

    SOURCES: ClassVar[Sources] = {
        "quantities.json": ("qualifiers", "range_starts", "duration_units", "count_rates",
                            "rate_words", "percent_words", "count_abbreviations",
                            "scale_nouns", "scale_phrases", "age_patterns"),
        "units.json": None,
    }

    def __init__(self, numbers_key: str, spans_key: str, rules_dir: str | None,
                 filters: dict[str, FigureFilter]) -> None:
        self.numbers_key, self.spans_key = numbers_key, spans_key
        self.filters = list(filters.values())
        super().__init__(rules_dir)

    def use(self, data: dict[str, dict[str, Any]]) -> None:
        self.rules = UnitRules.from_data(data["quantities.json"], data["units.json"])
        self.reader = FigureReader(self.rules)

    def __call__(self, doc: Doc) -> Doc:
        figures = list(self.reader(doc, list(doc.spans.get(self.numbers_key, [])),
                                   self.filters))
        link_restatements(text_of(doc), figures)
        read_one_or_two(doc, figures, self.rules.duration_units)
        units = self.rules.units
        spans = []
        for f in figures:
            span = doc[f.start : f.end]
            a = span._  # one Underscore for every attribute of the span
            a.number, a.unit, a.kind, a.stated_unit = f.number, f.unit, f.kind, f.stated
            a.unit_end, a.per, a.text_end = f.unit_end, f.per, f.text_end
            a.counted = None if f.counted is None else doc[f.counted]
            a.hedge = doc[f.start : f.money_start] if f.start < f.money_start else None
            money = f.unit is not None and f.unit.currency
            name = None if f.unit is None else f.unit.unit
            a.normaliser = None if name is None or money else units.normaliser(name)
            a.dimension = units.dimension(name, money)
            a.restates = None if f.restates is None else doc[slice(*f.restates)]
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "claims_units",
    requires=["span._.number", "token.dep", "token.lemma", "token.pos", "doc.ents"],
    assigns=["doc.spans", "span._.unit", "span._.kind", "span._.counted", "span._.per",
             "span._.normaliser", "span._.dimension", "span._.restates"],
    default_config={"numbers_key": "numbers", "spans_key": "quantities", "rules_dir": None,
                    "filters": FIGURE_FILTERS},
)
def make_units(nlp: Language, name: str, numbers_key: str, spans_key: str,
               rules_dir: str | None, filters: dict[str, Any]) -> UnitsComponent:
    # `filters` is typed Any: spaCy checks a factory's settings before it resolves the
    # registered functions a dict of them names, and {"@misc": ...} is no Callable
    return UnitsComponent(numbers_key, spans_key, rules_dir, filters)
