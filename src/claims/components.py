"""The project's spaCy components, registered through the `spacy_factories` entry point."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .entities import EntityRules, find_mentions
from .quantities import QuantityFinder, QuantityRules
from .quotes import QuoteRules, find_quotes
from .units import Units


def _ensure_extension(name: str) -> None:
    # Registered when a component is made, never at import time of an unrelated module.
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None)


class QuantitiesComponent:
    """Writes `doc.spans[spans_key]` and `doc._.quantities` (one Quantity per span)."""

    def __init__(self, spans_key: str, rules_dir: str | None) -> None:
        directory = Path(rules_dir) if rules_dir else None
        self.spans_key = spans_key
        self.units = Units(directory)  # the one Pint registry of this pipeline
        self.finder = QuantityFinder(self.units, QuantityRules.load(directory))
        _ensure_extension("quantities")

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder(doc)
        doc._.quantities = found
        doc.spans[self.spans_key] = [
            Span(doc, q.tokens[0], q.tokens[1], label=q.kind) for q in found
        ]
        return doc


class EntitiesComponent:
    """Writes `doc.spans[spans_key]` (PERSON/ORG, NER mistakes fixed) and `doc._.mentions`."""

    def __init__(self, spans_key: str, rules_dir: str | None) -> None:
        self.spans_key = spans_key
        self.rules = EntityRules.load(Path(rules_dir) if rules_dir else None)
        _ensure_extension("mentions")

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


class QuotesComponent:
    """Writes `doc._.quotes`: each quotation with the PERSON/ORG mention it is attributed to."""

    def __init__(self, rules_dir: str | None) -> None:
        self.rules = QuoteRules.load(Path(rules_dir) if rules_dir else None)
        _ensure_extension("quotes")

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, doc._.mentions or [], self.rules)
        return doc


_TERMINAL = set(".!?:;\"”’)")


class ParagraphsComponent:
    """Starts a sentence after each paragraph break: a figure never borrows its neighbour's words.

    News files put a paragraph on each line, and headlines and captions often lack a full stop:
    without this, "...16 years in prison\n\nIn Europe, ..." parses as one sentence. A blank line
    always breaks; a single newline breaks when the line before ends like a sentence or is short
    (a headline), so hard-wrapped prose still parses as prose.
    """

    def __init__(self, short_line: int) -> None:
        self.short_line = short_line

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text joins every token on each access: read it once
        line_start = 0
        for tok in doc[:-1]:
            if "\n" not in tok.text and "\n" not in tok.whitespace_:
                continue
            nxt = doc[tok.i + 1]
            text_before = text[line_start : nxt.idx].strip()
            line_start = nxt.idx
            blank = (tok.text + tok.whitespace_).count("\n") >= 2 or tok.is_space
            ends = text_before[-1:] in _TERMINAL
            short = len(text_before.rsplit("\n", 1)[-1]) <= self.short_line
            if blank or ends or short:
                nxt.is_sent_start = True
        return doc


@Language.factory(
    "claims_paragraphs",
    requires=[],
    assigns=["token.is_sent_start"],
    default_config={"short_line": 60},
)
def make_paragraphs(nlp: Language, name: str, short_line: int) -> ParagraphsComponent:
    return ParagraphsComponent(short_line)


@Language.factory(
    "claims_quantities",
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc.sents"],
    assigns=["doc.spans", "doc._.quantities"],
    default_config={"spans_key": "quantities", "rules_dir": None},
)
def make_quantities(nlp: Language, name: str, spans_key: str,
                    rules_dir: str | None) -> QuantitiesComponent:
    return QuantitiesComponent(spans_key, rules_dir)


@Language.factory(
    "claims_entities",
    requires=["token.dep", "token.pos", "doc.ents"],
    assigns=["doc.spans", "doc._.mentions"],
    default_config={"spans_key": "entities", "rules_dir": None},
)
def make_entities(nlp: Language, name: str, spans_key: str,
                  rules_dir: str | None) -> EntitiesComponent:
    return EntitiesComponent(spans_key, rules_dir)


@Language.factory(
    "claims_quotes",
    requires=["token.dep", "token.lemma", "token.pos", "doc._.mentions"],
    assigns=["doc._.quotes"],
    default_config={"rules_dir": None},
)
def make_quotes(nlp: Language, name: str, rules_dir: str | None) -> QuotesComponent:
    return QuotesComponent(rules_dir)
