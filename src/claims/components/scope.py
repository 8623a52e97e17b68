"""claims_scope: what narrows each figure of `doc.spans["quantities"]` to part of the story:
`span._.scope`, the phrases that say so ("overseas", "in the U.S.", "in one case", "in 2022", "last
year's operation"). Figures of different scope are different facts, not a disagreement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from spacy.language import Language

from .rules import RuleFiles, Sources
from .tokens import in_sentences, measured_from, root_of, scope_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SCOPE_HOPS = 12  # heads walked up from a figure when looking for what narrows it
# "in one case", "in a California basement": the determiners that make a noun one instance
_ONE_OF = ("one", "a", "an", "another", "each", "that", "this")


@dataclass(frozen=True)
class ScopeRules:
    """The scope words of models/quantities.json."""

    adverbs: frozenset[str]  # "overseas", "nationwide"
    prepositions: frozenset[str]  # "in", "across"
    instance_nouns: frozenset[str]  # "case", "raid": "in one case"
    prior_event: frozenset[str]  # "last year's operation", "the previous operation"
    directions: frozenset[str]  # "3 miles north of the town": measured from the town

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ScopeRules:
        return cls(
            adverbs=frozenset(data["scope_adverbs"]),
            prepositions=frozenset(data["scope_prepositions"]),
            instance_nouns=frozenset(data["scope_nouns"]["nouns"]),
            prior_event=frozenset(data["prior_event_words"]["words"]),
            directions=frozenset(data["directions"]["words"]),
        )


class _ScopeFinder:
    """Scope phrases in one Doc. The walk up from a figure stops after SCOPE_HOPS heads, and
    each head's candidate modifiers are gathered once, so a sentence that runs on for thousands
    of figures (a table pasted as one line) costs time in proportion to its length."""

    def __init__(self, rules: ScopeRules) -> None:
        self.rules = rules
        self._modifiers: dict[int, list[Token]] = {}
        self._phrases: dict[int, Span | None] = {}

    def __call__(self, anchor: Token, inside: range) -> list[Span]:
        doc = anchor.doc
        found: dict[tuple[int, int], tuple[int, str, Span]] = {}

        def add(key: int, span: Span) -> None:
            found.setdefault((span.start, span.end), (key, scope_phrase(span), span))

        for tok in (anchor, *(doc[k] for k in inside)):
            for child in tok.children:
                if child.i not in inside:
                    self._add(child, inside, add)
        self._measured_from(anchor, add)
        node = anchor
        for _ in range(SCOPE_HOPS):
            if node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                for child in self._clause_modifiers(node):
                    self._add(child, inside, add)
                    if child.dep_ in ("nsubj", "nsubjpass"):
                        self._prior_event(child, add)
                if node.dep_ in ("relcl", "acl"):
                    self._prior_event(node.head, add)
        return [span for _, _, span in sorted(found.values(), key=lambda x: (x[0], x[1]))]

    def _measured_from(self, anchor: Token, add) -> None:
        """'3 miles north of the town', '13 miles from the city': the place a distance is
        measured from ('of the town', 'from the city') narrows it."""
        for prep in measured_from(anchor, self.rules.directions) or ():
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if place is not None:  # the place's name, not what the sentence adds about it
                add(prep.i, anchor.doc[prep.i : place.i + 1])

    def _clause_modifiers(self, verb: Token) -> list[Token]:
        """The children of a verb that can narrow a figure or name a prior event (cached)."""
        cached = self._modifiers.get(verb.i)
        if cached is None:
            cached = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                      or self._phrase(c) is not None]
            self._modifiers[verb.i] = cached
        return cached

    def _prior_event(self, noun: Token, add) -> None:
        """'last year's operation', 'the previous operation': a figure of another event."""
        words = {c.lower_ for c in noun.lefts} | {
            g.lower_ for c in noun.lefts if c.dep_ == "poss" for g in c.lefts
        }
        if noun.pos_ == "NOUN" and not words.isdisjoint(self.rules.prior_event):
            add(noun.left_edge.i, noun.doc[noun.left_edge.i : noun.i + 1])

    def _add(self, child: Token, inside: range, add) -> None:
        """The child's scope phrase, unless the figure itself lies within the child."""
        if any(k in inside for k in (child.left_edge.i, child.right_edge.i)) or (
            child.left_edge.i <= inside.start and child.right_edge.i >= inside.stop - 1
        ):
            return
        span = self._phrase(child)
        if span is not None:
            add(child.i, span)

    def _phrase(self, child: Token) -> Span | None:
        """'overseas', 'in the U.S.', 'in 2022', 'in one case'; None for any other modifier."""
        if child.i in self._phrases:
            return self._phrases[child.i]
        span = None
        if child.dep_ in ("advmod", "npadvmod") and child.lower_ in self.rules.adverbs:
            span = child.doc[child.i : child.i + 1]
        elif child.dep_ == "prep" and child.lower_ in self.rules.prepositions:
            span = self._prepositional(child)
        self._phrases[child.i] = span
        return span

    def _prepositional(self, child: Token) -> Span | None:
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        subtree = list(obj.subtree)
        year = obj.ent_type_ == "DATE" and any(t.shape_ == "dddd" for t in subtree)
        if not year and any(t.like_num and t.lower_ not in ("one", "a", "an") for t in subtree):
            return None  # "throughout 30 federal districts" is a quantity of its own, not a scope
        place = obj.ent_type_ in ("GPE", "LOC", "FAC") or any(
            c.ent_type_ in ("GPE", "LOC", "FAC") for c in obj.lefts
        )
        instance = obj.lemma_.lower() in self.rules.instance_nouns and any(
            c.lower_ in _ONE_OF for c in obj.lefts
        )
        if not (place or year or instance):
            return None
        return child.doc[child.i : child.right_edge.i + 1]


class ScopeComponent(RuleFiles):
    """Sets `span._.scope` on each figure in `doc.spans[spans_key]`."""

    SOURCES: ClassVar[Sources] = {"quantities.json": (
        "scope_adverbs", "scope_prepositions", "scope_nouns", "prior_event_words",
        "directions")}

    def __init__(self, spans_key: str, rules_dir: str | None) -> None:
        self.spans_key = spans_key
        super().__init__(rules_dir)

    def use(self, data: dict[str, dict[str, Any]]) -> None:
        self.rules = ScopeRules.from_data(data["quantities.json"])

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        find = _ScopeFinder(self.rules)  # its caches hold for this Doc only
        scopes: dict[tuple[int, int], list[Span]] = {}
        head_of: dict[tuple[int, int], tuple[int, int]] = {}  # a range's upper end -> the range
        restating = []
        for _, span in in_sentences(doc, spans):
            a = span._
            hedge, noun, upper, restated = a.hedge, a.measured, a.upper, a.restates
            start = hedge.end if hedge is not None else span.start
            anchor = noun if noun is not None and noun.i >= start else \
                root_of(doc, span.start, span.end)
            key = (span.start, span.end)
            scopes[key] = find(anchor, range(span.start, span.end))
            if upper is not None:
                head_of[upper.start, upper.end] = key
            if restated is not None:
                restating.append((key, (restated.start, restated.end)))
        for key, restated in restating:
            if not scopes[key]:  # "500 kg (1,102 pounds)": the same figure, in the same scope
                scopes[key] = scopes[head_of.get(restated, restated)]
        for span in spans:
            span._.scope = scopes[span.start, span.end]
        return doc


@Language.factory(
    "claims_scope",
    requires=["span._.measured", "span._.hedge", "span._.restates", "span._.upper",
              "token.dep", "doc.ents"],
    assigns=["span._.scope"],
    default_config={"spans_key": "quantities", "rules_dir": None},
)
def make_scope(nlp: Language, name: str, spans_key: str, rules_dir: str | None
               ) -> ScopeComponent:
    return ScopeComponent(spans_key, rules_dir)
