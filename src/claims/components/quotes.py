"""claims_quotes: the quotations of one Doc and whom they are attributed to, in `doc._.quotes`
(see `quotations`)."""

from __future__ import annotations

from typing import Any, ClassVar

from spacy.language import Language
from spacy.tokens import Doc

from .quotations import RULES_FILE, find_quotes, quote_rules
from .rules import RuleFiles, Sources


class QuotesComponent(RuleFiles):
    """Writes `doc._.quotes`: each quotation with the PERSON/ORG mention it is attributed to."""

    SOURCES: ClassVar[Sources] = {RULES_FILE: None}

    def __init__(self, rules_dir: str | None) -> None:
        super().__init__(rules_dir)

    def use(self, data: dict[str, Any]) -> None:
        self.rules = quote_rules(data[RULES_FILE], RULES_FILE)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, doc._.mentions or [], self.rules)
        return doc


@Language.factory(
    "claims_quotes",
    requires=["token.dep", "token.lemma", "token.pos", "doc._.mentions"],
    assigns=["doc._.quotes"],
    default_config={"rules_dir": None},
)
def make_quotes(nlp: Language, name: str, rules_dir: str | None) -> QuotesComponent:
    return QuotesComponent(rules_dir)
