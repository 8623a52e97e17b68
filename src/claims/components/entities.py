"""claims_entities: the people and organisations one Doc mentions, in `doc.spans["entities"]`
and `doc._.mentions` (see `mentions`)."""

from __future__ import annotations

from typing import Any, ClassVar

from spacy.language import Language
from spacy.tokens import Doc

from .mentions import RULE_FILES, EntityRules, find_mentions
from .rules import RuleFiles, Sources


class EntitiesComponent(RuleFiles):
    """Writes `doc.spans[spans_key]` (PERSON/ORG, NER mistakes fixed) and `doc._.mentions`."""

    SOURCES: ClassVar[Sources] = {f"entities/{name}": None for name in RULE_FILES}

    def __init__(self, spans_key: str, rules_dir: str | None) -> None:
        self.spans_key = spans_key
        super().__init__(rules_dir)

    def use(self, data: dict[str, Any]) -> None:
        self.rules = EntityRules.from_files(
            {name.removeprefix("entities/"): files for name, files in data.items()})

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(doc, self.rules)
        doc._.mentions = mentions
        spans = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "claims_entities",
    requires=["token.dep", "token.pos", "doc.ents"],
    assigns=["doc.spans", "doc._.mentions"],
    default_config={"spans_key": "entities", "rules_dir": None},
)
def make_entities(nlp: Language, name: str, spans_key: str, rules_dir: str | None
                  ) -> EntitiesComponent:
    return EntitiesComponent(spans_key, rules_dir)
