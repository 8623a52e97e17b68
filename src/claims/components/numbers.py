"""claims_numbers: the number phrases of a Doc, each a span in `doc.spans["numbers"]` with
`span._.number` (a NumberPhrase): "1,875", "53.4 million", "between 5 and 10", "two-thirds", "~45g",
"Y=28,030". Numbers that are not claims (years, "COVID-19", "S&P 500") are left out by the
filters chosen in the config (`claims.components.filters`)."""

from __future__ import annotations

from typing import Any, ClassVar

from spacy.language import Language
from spacy.tokens import Doc

from .filters import NUMBER_FILTERS
from .number_reading import NumberFilter, NumberFinder, NumberRules
from .rules import RuleFiles, Sources


class NumbersComponent(RuleFiles):
    """Writes `doc.spans[spans_key]`: one span per number phrase that may be a claim."""

    SOURCES: ClassVar[Sources] = {
        "quantities.json": ("range_links", "change_verbs", "motion_verbs", "scope_nouns",
                            "not_counted", "named_numbers", "year_prepositions", "months",
                            "scale_phrases", "scale_nouns"),
        "units.json": ("currencies", "glued_single_letters", "transliterated_signs"),
    }

    def __init__(self, spans_key: str, rules_dir: str | None,
                 filters: dict[str, NumberFilter]) -> None:
        self.spans_key = spans_key
        self.filters = list(filters.values())
        super().__init__(rules_dir)

    def use(self, data: dict[str, dict[str, Any]]) -> None:
        self.rules = NumberRules.from_data(data["quantities.json"], data["units.json"])
        self.finder = NumberFinder(self.rules)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for candidate in self.finder(doc):
            if not any(f(candidate, self.rules) for f in self.filters):
                num = candidate.number
                span = doc[num.start : num.end]
                span._.number = num
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "claims_numbers",
    requires=["token.pos", "token.dep", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc.spans", "span._.number"],
    default_config={"spans_key": "numbers", "rules_dir": None, "filters": NUMBER_FILTERS},
)
def make_numbers(nlp: Language, name: str, spans_key: str, rules_dir: str | None,
                 filters: dict[str, Any]) -> NumbersComponent:
    # `filters` is typed Any: spaCy checks a factory's settings before it resolves the
    # registered functions a dict of them names, and {"@misc": ...} is no Callable
    return NumbersComponent(spans_key, rules_dir, filters)

