"""claims_measured: what each figure of `doc.spans["quantities"]` measures or counts, read from the
parse: `span._.what` (a What: the lemmas of one or more noun phrases) and `span._.measured` (the
noun that names it). "Agents seized 850 kilograms of drugs" measures drugs; "288 people were
arrested" counts arrests; "The fine was €26.7 million" states a fine.

Change what-is-measured here only: numbers, units and the figure's extent are fixed before."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from spacy.language import Language

from ..numbers import VAGUE_WORDS
from ..types import What
from .rules import RuleFiles, Sources, entries
from .tokens import in_sentences, is_pronoun, root_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

POINT = What.word("point")


@dataclass(frozen=True)
class MeasuredRules:
    """The word lists of models/quantities.json that say what a figure is about."""

    measure_heads: frozenset[str]  # "the number of arrests" counts arrests
    listing_words: frozenset[str]  # "arrests, including 153 in the U.S."
    subject_verbs: frozenset[str]  # "The fine was €26.7 million": the subject is measured
    people_nouns: frozenset[str]
    people_events: dict[str, str]  # "were arrested" -> "arrest"
    duration_units: frozenset[str]
    count_abbreviations: dict[str, str]  # "ppg" -> "point"

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> MeasuredRules:
        people = data["people_events"]
        return cls(
            measure_heads=frozenset(data["measure_heads"]["nouns"]),
            listing_words=frozenset(data["listing_words"]["words"]),
            subject_verbs=frozenset(data["subject_verbs"]["lemmas"]),
            people_nouns=frozenset(people["nouns"]),
            people_events=dict(people["verbs"]),
            duration_units=frozenset(data["duration_units"]),
            count_abbreviations={k: v[0] for k, v in
                                 entries(data["count_abbreviations"]).items()},
        )


class MeasuredComponent(RuleFiles):
    """Sets `span._.what` and `span._.measured` on each figure in `doc.spans[spans_key]`."""

    SOURCES: ClassVar[Sources] = {"quantities.json": (
        "measure_heads", "listing_words", "subject_verbs", "people_events", "duration_units",
        "count_abbreviations")}

    def __init__(self, spans_key: str, rules_dir: str | None) -> None:
        self.spans_key = spans_key
        super().__init__(rules_dir)

    def use(self, data: dict[str, dict[str, Any]]) -> None:
        self.rules = MeasuredRules.from_data(data["quantities.json"])

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        whats: list[What | None] = []
        for sent, span in in_sentences(doc, spans):
            noun, what = self._own(doc, sent, span)
            span._.measured = noun
            whats.append(what)
        self._share(doc, spans, whats)
        for span, what in zip(spans, whats, strict=True):
            span._.what = what
        return doc

    def _own(self, doc: Doc, sent: Span, span: Span) -> tuple[Token | None, What | None]:
        """What the figure's own words say it measures, and the noun that says it."""
        kind, unit, num = span._.kind, span._.unit, span._.number
        hedge = span._.hedge
        start = hedge.end if hedge is not None else span.start
        unit_end = span._.unit_end
        anchor = doc[num.end - 1] if kind == "count" else root_of(doc, start, unit_end)
        noun = self._thing(doc, sent, anchor, unit_end, kind, span._.counted)
        if noun is not None and num.start <= noun.i < num.end:
            noun = None  # "200 million": the scale word is part of the number, not its noun
        noun = noun or span._.counted
        if noun is None:
            if unit is not None and unit.unit in self.rules.duration_units:
                return None, self._verb_what(root_of(doc, span.start, span.end))
            return None, None
        what = self._noun_phrase(noun)
        if kind == "count":
            event = self._people_event(noun)
            what = What.word(event) if event else what
            counted = self.rules.count_abbreviations.get(noun.lower_)
            if counted is not None:
                what = What.word(counted)  # "15.3 ppg": points per game
        return noun, what

    def _thing(self, doc: Doc, sent: Span, root: Token, end: int, kind: str,
               counted: Token | None) -> Token | None:
        """The token naming what the figure measures or counts: the noun that follows a share
        ('half the condos'), an of-complement ('850 kilograms of drugs'), the noun counted
        ('288 arrests'), the noun a list is of ('arrests, including 153'), or the subject of
        a verb that states a measure ('The fine was €26.7 million')."""
        preps = ("of",) if kind != "money" else ("in", "of")
        if kind == "fraction" and end < sent.end and doc[end].lower_ not in preps:
            # "half the condos": the share is of the noun phrase that follows
            return next((t for t in doc[end : min(end + 4, sent.end)]
                         if t.pos_ in ("NOUN", "PROPN")), None)
        if end < sent.end and doc[end].text == "(":
            # "500 kilograms (1,102 pounds) of cocaine": the complement follows the restatement
            close = next((t.i for t in doc[end : min(end + 10, sent.end)] if t.text == ")"), None)
            end = close + 1 if close is not None else end
        if end < sent.end and doc[end].lower_ in preps:
            obj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
            if obj is not None and is_pronoun(obj):
                return None  # "a third of those screened", "half of which": no noun is named
            if obj is not None:
                return self._past_measure(obj)
        if kind in ("count", "age") and counted is not None:
            return counted  # the number counts this noun itself ("one count of fraud")
        if kind == "count" and root.dep_ in ("pobj", "appos") and \
                root.head.lower_ in self.rules.listing_words:
            noun = root.head.head
            if noun.pos_ in ("NOUN", "PROPN"):
                return self._past_measure(noun)
        if kind == "count" and root.dep_ == "pobj" and root.head.pos_ == "ADP" \
                and root.head.head.pos_ in ("VERB", "AUX"):
            subject = self._subject(root.head.head)
            if subject is not None:
                return self._past_measure(subject)
        if root.dep_ in ("attr", "dobj", "npadvmod") and \
                root.head.lemma_ in self.rules.subject_verbs:
            subject = self._subject(root.head)
            if subject is not None:
                return self._past_measure(subject)  # "The fine was €26.7 million"
        return None

    @staticmethod
    def _subject(verb: Token) -> Token | None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject if subject is not None and subject.pos_ == "NOUN" else None

    def _people_event(self, noun: Token) -> str | None:
        """'288 people were arrested' -> 'arrest'; 'killed 47 people' -> 'death'."""
        if noun.lemma_.lower() not in self.rules.people_nouns:
            return None
        verb = noun.head
        if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "ADJ"):
            return None
        return self.rules.people_events.get(verb.lemma_.lower())

    def _past_measure(self, noun: Token) -> Token:
        """'the number of arrests' -> 'arrests'."""
        if noun.lemma_.lower() in self.rules.measure_heads:
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
        return noun

    @staticmethod
    def _verb_what(root: Token) -> What | None:
        """Durations without a complement take their verb: 'sentenced to 16 years' -> 'sentence'."""
        head = root.head
        if head.pos_ == "ADP":
            head = head.head
        if head.pos_ == "VERB" and head.i != root.i:
            return What.word(head.lemma_.lower())
        return None

    def _noun_phrase(self, tok: Token) -> What:
        """Lemmas of the noun and its conjuncts with their noun compounds: 'pill and drug'."""
        parts = [(word,) for word in self._elided_noun(tok)]
        for t in (tok, *self._tight_conjuncts(tok)):
            words = [c.lemma_.lower() for c in t.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
            words.append(t.text if t.pos_ == "PROPN" else t.lemma_.lower())
            if tuple(words) not in parts:
                parts.append(tuple(words))
        # "fentanyl or fentanyl-laced narcotics": alternatives (one term alone is just itself)
        either = len(parts) > 1 and any(c.lower_ == "or" for t in (tok, *tok.lefts)
                                        for c in t.children if c.dep_ == "cc")
        return What(tuple(parts), either)

    @staticmethod
    def _elided_noun(tok: Token) -> list[str]:
        """'fentanyl or fentanyl-laced narcotics' names fentanyl, though it parses as a modifier."""
        for mod in tok.lefts:
            for conj in mod.conjuncts:
                hyphenated = tok.doc[conj.left_edge.i : conj.i + 1].text.lower()
                if mod.dep_ in ("amod", "compound") and hyphenated.startswith(f"{mod.lower_}-"):
                    return [mod.lower_]
        return []

    @staticmethod
    def _tight_conjuncts(tok: Token) -> list[Token]:
        """Conjuncts that share the quantity: 'pills and other drugs', not the next list item.

        A conjunct counts only when nothing but a conjunction and its own modifiers stands
        between it and the noun, and it carries no number of its own.
        """
        out = []
        prev = tok
        for conj in tok.conjuncts:
            if conj.i < tok.i:
                continue
            between = tok.doc[prev.i + 1 : conj.left_edge.i]
            if any(t.is_punct for t in between) or any(t.dep_ != "cc" for t in between):
                break
            if any(c.like_num or c.dep_ == "nummod" or c.lower_ in VAGUE_WORDS
                   for c in conj.subtree):
                break
            out.append(conj)
            prev = conj
        return out

    # -- figures that say what they measure through another ------------------------------------

    @staticmethod
    def _share(doc: Doc, spans: list[Span], whats: list[What | None]) -> None:
        """Figures that say what they measure through another figure: an index level in
        points, a restatement in other units. (A figure that leaves out its unit shares what
        the figure it shares the unit with measures: see claims_shared.)"""
        _points(doc, spans, whats)
        at = {(s.start, s.end): i for i, s in enumerate(spans)}
        # the upper end of a range is part of the figure that opens it
        at.update({(s._.upper.start, s._.upper.end): i for i, s in enumerate(spans)
                   if s._.upper is not None})
        for i, span in enumerate(spans):
            restated = span._.restates
            if restated is not None:  # "500 kg (1,102 pounds)": the same thing in other units
                whats[i] = whats[i] or whats[at[restated.start, restated.end]]


def _points(doc: Doc, spans: list[Span], whats: list[What | None]) -> None:
    """'lost 162.31 points, or 2.14%, to fall to 7,425.81': an index's level reached after a
    change in points is in points too; so is a level stated right before its change, as market
    tables write it: 'Dow (25,410.2 up 58.1 points)'."""
    text = doc.text
    sents = [sent.start_char for sent, _ in in_sentences(doc, spans)]
    for i, q in enumerate(spans):
        if q._.kind != "count" or whats[i] is not None or q._.unit is not None:
            continue
        start = q[0].idx
        if re.search(r"\b(to|at)\s*$", text[max(sents[i], start - 4) : start]) and any(
            sents[k] == sents[i] and whats[k] == POINT and spans[k]._.kind == "count"
            for k in range(max(0, i - 3), i)
        ):
            whats[i] = POINT
        if i + 1 < len(spans):
            nxt = spans[i + 1]
            change = nxt._.change
            between = text[q._.text_end : nxt[0].idx].lower()
            if sents[i + 1] == sents[i] and nxt._.kind == "count" and whats[i + 1] == POINT \
                    and change is not None and re.fullmatch(r"[\s,;(]*",
                                                            between.replace(change, "", 1)):
                whats[i] = POINT


@Language.factory(
    "claims_measured",
    requires=["span._.number", "span._.unit", "span._.kind", "span._.counted",
              "span._.restates", "span._.upper", "span._.change", "token.dep", "token.lemma"],
    assigns=["span._.what", "span._.measured"],
    default_config={"spans_key": "quantities", "rules_dir": None},
)
def make_measured(nlp: Language, name: str, spans_key: str, rules_dir: str | None
                  ) -> MeasuredComponent:
    return MeasuredComponent(spans_key, rules_dir)
