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
from .rules import RuleFiles, Sources, count_abbreviations, entries, from_to_verbs
from .tokens import in_sentences, is_pronoun, measured_from, root_of, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

POINT = What.word("point")
DISTANCE = What.word("distance")
# how a figure hangs on the noun it describes: "a 5.3-magnitude quake", "the $8.6 billion deal"
_MODIFIER_DEPS = frozenset({"compound", "nummod", "amod", "nmod", "quantmod"})
# how a figure hangs on the verb or adjective that governs it: "weighs 3.1 pounds", "rose 14 per
# cent" (whose last word outside the figure is "per"), "priced at $999", "0.6 inches thick"
_GOVERNED_DEPS = frozenset({"npadvmod", "dobj", "pobj", "attr", "prep"})


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
    change_verbs: frozenset[str]  # "Sales rose 12% to $4.2bn": the subject changed
    measure_words: dict[str, str]  # "weighs 3.1 pounds" -> "weight", "0.9 inches thick"
    directions: frozenset[str]  # "3 miles north of the town": a distance
    statistic_words: frozenset[str]  # "the average price": a statistic, not one thing's price

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
            count_abbreviations={k: v[0] for k, v in count_abbreviations(data).items()},
            change_verbs=from_to_verbs(data),
            measure_words=entries(data["measure_words"]),
            directions=frozenset(data["directions"]["words"]),
            statistic_words=frozenset(data["statistic_words"]["words"]),
        )


class MeasuredComponent(RuleFiles):
    """Sets `span._.what` and `span._.measured` on each figure in `doc.spans[spans_key]`."""

    SOURCES: ClassVar[Sources] = {"quantities.json": (
        "measure_heads", "listing_words", "subject_verbs", "people_events", "duration_units",
        "count_abbreviations", "change_verbs", "motion_verbs", "measure_words",
        "directions", "statistic_words")}

    def __init__(self, spans_key: str, rules_dir: str | None) -> None:
        self.spans_key = spans_key
        super().__init__(rules_dir)

    def use(self, data: dict[str, dict[str, Any]]) -> None:
        self.rules = MeasuredRules.from_data(data["quantities.json"])

    def __call__(self, doc: Doc) -> Doc:
        figures = [_Figure(sent, span, span._)
                   for sent, span in in_sentences(doc, doc.spans.get(self.spans_key, []))]
        whats: list[What | None] = []
        for f in figures:
            noun, what = self._own(doc, f)
            f.attributes.measured = noun
            whats.append(what)
        _points(text_of(doc), figures, whats)
        _restated(figures, whats)
        for f, what in zip(figures, whats, strict=True):
            f.attributes.what = what
        return doc

    def _own(self, doc: Doc, f: _Figure) -> tuple[Token | None, What | None]:
        """What the figure's own words say it measures, and the noun that says it."""
        a, kind, span, sent = f.attributes, f.kind, f.span, f.sent
        num, hedge, unit_end = a.number, a.hedge, a.unit_end
        start = hedge.end if hedge is not None else span.start
        anchor = doc[num.end - 1] if kind == "count" else root_of(doc, start, unit_end)
        noun = self._thing(doc, sent, anchor, unit_end, kind, f.counted)
        if noun is not None and num.start <= noun.i < num.end:
            noun = None  # "200 million": the scale word is part of the number, not its noun
        noun = noun or f.counted
        if noun is not None and _multiplier(noun):
            return None, None  # "three times longer", "four times the speed": no count of times
        if noun is None:
            noun, named = self._context(anchor, kind, a.change is not None)
            if named is not None:
                return None, named
        if noun is None:
            unit = f.unit
            if unit is not None and unit.unit in self.rules.duration_units:
                return None, self._verb_what(root_of(doc, span.start, span.end))
            return None, None
        what = self._noun_phrase(noun, own=range(span.start, unit_end))
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
            if obj is not None and doc[end].lower_ == "in" and obj.pos_ != "NOUN":
                obj = None  # "$53.4 million in cash", not "$41.80 in London"
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

    def _context(self, root: Token, kind: str, changed: bool = False
                 ) -> tuple[Token | None, What | None]:
        """What the words around a figure say it measures when its own words name nothing: the
        noun it modifies ('the $8.6 billion deal', 'a 5.3-magnitude quake'), the noun it
        completes ('a depth of 1.2 miles', 'revenue of $5.1 billion'), a word that names a
        measure ('weighs 3.1 pounds', '0.6 inches thick', 'priced at $999'), the subject of a
        verb of change or of a figure that states one ('Sales rose 14% to $3.2 billion', 'shares
        closed down 1.8%'), a direction ('3 miles north of the
        town': a distance), or, for people, what happened to them ('Three died', '8,500 were
        hurt', 'two dead')."""
        head = root.head
        if root.dep_ in _MODIFIER_DEPS and head.i > root.i and head.pos_ == "NOUN" \
                and kind != "count":
            return self._past_measure(head), None
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" \
                and head.head.lemma_.lower() not in self.rules.measure_heads:
            return head.head, None
        if kind == "quantity" and measured_from(root, self.rules.directions) is not None:
            return None, DISTANCE  # "3 miles north of the town", "13 miles from the city"
        if kind == "count":
            event = self._event_of(root)
            return None, (What.word(event) if event else None)
        verb = head.head if (root.dep_ == "pobj" and head.pos_ == "ADP") or (
            changed and head.dep_ in ("advmod", "prt") and head.pos_ in ("ADV", "ADP")
        ) else head  # "priced at $999"; "closed down 1.8%"
        if root.dep_ in _GOVERNED_DEPS and verb.pos_ in ("VERB", "ADJ"):
            named = self.rules.measure_words.get(verb.lemma_.lower())
            if named is not None:
                return None, What.word(named)
            if root.dep_ != "dobj" and (verb.lemma_.lower() in self.rules.change_verbs or (
                    changed and not any(c.dep_ == "dobj" for c in verb.children))):
                # "Sales rose 12%" changed the sales, as "shares closed down 1.8%" the shares
                # (not "it expects a profit of $5bn, up $1bn"); "the company lost $2bn" is no
                # company
                subject = self._subject(verb)
                if subject is not None:
                    return self._past_measure(subject), None
        return None, None

    def _event_of(self, number: Token) -> str | None:
        """'Three died', '8,500 were hurt', 'two dead': a count of people with no noun is a
        count of what the clause says happened to them."""
        if number.dep_ in ("nsubj", "nsubjpass") and \
                (event := self.rules.people_events.get(number.head.lemma_.lower())):
            return event
        if number.dep_ == "nummod" and number.head.pos_ == "ADJ":  # "4 dead after …"
            return self.rules.people_events.get(number.head.lemma_.lower())
        for child in number.children:  # "two dead", "Four dead after a blast hits a mine"
            if child.dep_ in ("amod", "acl") and child.i > number.i:
                return self.rules.people_events.get(child.lemma_.lower())
        return None

    @staticmethod
    def _subject(verb: Token) -> Token | None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject if subject is not None and subject.pos_ == "NOUN" else None

    def _people_event(self, noun: Token) -> str | None:
        """'120 people were arrested' -> 'arrest'; 'killed 47 people' -> 'death'; 'four
        workers killed when …' -> 'death'."""
        if noun.lemma_.lower() not in self.rules.people_nouns:
            return None
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if after is not None and after.dep_ in ("acl", "conj") and after.tag_ in ("VBN", "VBD") \
                and not any(c.dep_ == "dobj" for c in after.children):
            # "four workers killed when …" (the parser may join the participle to the clause)
            event = self.rules.people_events.get(after.lemma_.lower())
            if event is not None:
                return event
        verb = noun.head
        if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "ADJ"):
            return None
        if noun.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children):
            return None  # "5 men killed three people": the 5 did it; it did not happen to them
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
        """Durations without a complement take their verb: 'sentenced to 16 years' -> 'sentence'
        ('made over 30 years' names a time span, not what was made)."""
        head = root.head
        if head.pos_ == "ADP":
            if head.lower_ in _SPAN_PREPOSITIONS:
                return None
            head = head.head
        if head.pos_ == "VERB" and head.i != root.i:
            return What.word(head.lemma_.lower())
        return None

    def _noun_phrase(self, tok: Token, own: range = range(0)) -> What:
        """Lemmas of the noun and its conjuncts with their noun compounds: 'pill and drug'.
        Compounds among the tokens `own` are the figure's own words ('a 5.3 magnitude quake').
        An adjective that makes the noun a statistic stays: 'the average price'."""
        parts = [(word,) for word in self._elided_noun(tok)]
        for t in (tok, *self._tight_conjuncts(tok)):
            words = [c.lemma_.lower() for c in t.lefts if c.i not in own and (
                (c.dep_ == "compound" and c.pos_ == "NOUN")
                or (c.dep_ == "amod" and c.lower_ in self.rules.statistic_words))]
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


@dataclass
class _Figure:
    """A figure of doc.spans["quantities"], with the attributes this component reads."""

    sent: Span
    span: Span
    attributes: Any  # span._, read once

    def __post_init__(self) -> None:
        a = self.attributes
        self.kind, self.unit, self.counted = a.kind, a.unit, a.counted


# "made over 30 years", "within 24 hours": a duration after these is when, not what was done
_SPAN_PREPOSITIONS = frozenset({"over", "in", "within", "during", "after", "before", "since",
                                "throughout", "across", "through", "until"})
# the words after "N times" that make it a ratio to another figure
_RATIO_WORDS = frozenset({"the", "that", "this", "those", "these", "as", "more", "less"})


def _multiplier(noun: Token) -> bool:
    """'three times longer', 'four times the speed', 'five times as many': a ratio to another
    figure, not a count of times ('78,000 times a minute' is one)."""
    if noun.lemma_.lower() != "time" or noun.i + 1 >= len(noun.doc):
        return False
    after = noun.doc[noun.i + 1]
    return after.tag_ in ("JJR", "RBR") or after.lower_ in _RATIO_WORDS


def _restated(figures: list[_Figure], whats: list[What | None]) -> None:
    """'500 kg (1,102 pounds)': a restatement measures what the figure it restates measures (a
    restated upper end of a range: what the range measures)."""
    at = {(f.span.start, f.span.end): i for i, f in enumerate(figures)}
    for i, f in enumerate(figures):
        upper = f.attributes.upper
        if upper is not None:
            at[upper.start, upper.end] = i
    for i, f in enumerate(figures):
        restated = f.attributes.restates
        if restated is not None:
            whats[i] = whats[i] or whats[at[restated.start, restated.end]]


def _points(text: str, figures: list[_Figure], whats: list[What | None]) -> None:
    """'lost 162.31 points, or 2.14%, to fall to 7,425.81': an index's level reached after a
    change in points is in points too; so is a level stated right before its change, as market
    tables write it: 'Dow (25,410.2 up 58.1 points)'. (A figure that leaves out its unit shares
    what the figure it shares the unit with measures: see claims_shared.)"""
    for i, q in enumerate(figures):
        if q.kind != "count" or whats[i] is not None or q.unit is not None:
            continue
        sent_start, start = q.sent.start_char, q.span[0].idx
        if re.search(r"\b(to|at)\s*$", text[max(sent_start, start - 4) : start]) and any(
            figures[k].sent.start == q.sent.start and whats[k] == POINT
            and figures[k].kind == "count" for k in range(max(0, i - 3), i)
        ):
            whats[i] = POINT
        if i + 1 < len(figures):
            nxt = figures[i + 1]
            change = nxt.attributes.change
            between = text[q.attributes.text_end : nxt.span[0].idx].lower()
            if nxt.sent.start == q.sent.start and nxt.kind == "count" and \
                    whats[i + 1] == POINT and change is not None and \
                    re.fullmatch(r"[\s,;(]*", between.replace(change, "", 1)):
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
