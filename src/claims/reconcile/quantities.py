"""Figures across articles: group the claims about the same thing and judge each group."""

from __future__ import annotations

import itertools
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from ..components.rules import entries
from ..intervals import Interval, add, format_interval, overlap
from ..lexicon import Lexicon
from ..resources import load_json
from ..types import Claim, Finding, Holder, What, scope_text
from .figures import (
    COMPARED_KINDS,
    Change,
    Rates,
    age_findings,
    by_holder,
    changes_by_sentence,
    context,
    distinctive,
    finding_id,
    interval_of,
    one_of,
    other_occasions,
    place_by_value,
    rate_of,
    same_values,
    stated_often_enough,
    stem,
    value_of,
)
from .groups import UnionFind

VERDICT_ORDER = {"disagree": 0, "agree": 1, "single_source": 2}
# WordNet hypernym steps within which one noun of a claim is a kind of another, so that the
# narrower decides ("fentanyl or other drugs": fentanyl is three steps below drug)
KIND_OF_IN_ONE_CLAIM = 3
# hypernym steps within which two holders' nouns may name one thing ("hurricane" is three
# below "storm")
KIND_OF_HOLDER = 4
# Figures further apart than this factor are never taken for one fact reported differently.
FAR_APART = 10
# Parts are tried in subsets of at most this many: a story rarely splits a total further.
MAX_PARTS = 4


_NOTHING: frozenset[str] = frozenset()  # one object: frozenset() is a new one each call
# why a finding's figures were compared with some of the group's figures only
_SEVERAL = (" (other figures of {what} in these articles are not compared: an article states "
            "more than one)")
_UNRELATED = (" (other figures of {what} come from sentences that share no other word with "
              "these: not compared)")
_OTHER_OCCASIONS = (" (other figures of {what} come from sentences that report another "
                    "occasion: a change of the same holder the other way, or from another level; "
                    "not compared)")
_FAR_APART = (" (other figures of {what} differ from these more than tenfold: not taken for "
              "the same fact, not compared)")
_HELD_APART = (" (other figures of {what} are about things named differently, and these do "
               "not say they are one: only the same figure is compared)")
_OTHER_HOLDERS = (" (other figures of {what} are about other holders, and these do not say "
                  "whose they are: only the same figure is compared)")


@dataclass
class ConceptRules:
    """What decides what a claim is about: WordNet (`claims.lexicon`: nouns of one meaning, and
    kinds of things), and `models/concepts.json`, the overrides for news usage WordNet does not
    give ('consumers' are customers; 'pills' in a seizure are drugs)."""

    synonyms: dict[str, str]
    hypernyms: dict[str, str]
    ignore: set[str]
    lexicon: Lexicon = field(default_factory=lambda: Lexicon(None), compare=False)
    # what -> its concepts, worked out once: a corpus names the same few things thousands of
    # times, and every claim is looked up more than once
    _seen: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False,
                                             compare=False)
    _keys: dict[frozenset[str], frozenset[object]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, directory: Path | None = None) -> ConceptRules:
        data: dict[str, Any] = load_json("concepts.json", directory)
        return cls(entries(data["synonyms"]), entries(data["hypernyms"]),
                   set(data["ignore"]["nouns"]), Lexicon.installed())

    def meanings(self, concepts: frozenset[str]) -> frozenset[object]:
        """The concepts as meanings: a noun WordNet knows is its usual sense ('quake' and
        'earthquake' are one), any other noun itself."""
        found = self._keys.get(concepts)
        if found is None:
            found = self._keys[concepts] = frozenset(
                self.lexicon.meaning(t) or t for t in concepts)
        return found

    def may_hold_alike(self, a: Holder | None, b: Holder | None) -> bool:
        """Could two holders be one thing? Yes when either is unnamed or named by a proper
        name or number (those are told apart by their keys, see figures.by_holder), or when
        their head nouns are one word, one meaning, or one a kind of the other ('laptop' and
        'computer'); no when both are common nouns that name different things ('storm' and
        'nose cone') or a noun WordNet does not know."""
        if a is None or b is None or a.key or b.key:
            return True
        first, second = self._head(a), self._head(b)
        if first == second:
            return True
        one, other = self.lexicon.meaning(first), self.lexicon.meaning(second)
        return one is not None and other is not None and (
            one == other or self.lexicon.kind_of(first, second, KIND_OF_HOLDER)
            or self.lexicon.kind_of(second, first, KIND_OF_HOLDER))

    def _head(self, holder: Holder) -> str:
        """The holder's head noun, singular where WordNet knows the singular ('seizures')."""
        words = holder.text.lower().split()
        word = words[-1] if words else ""
        for suffix, ending in (("ies", "y"), ("es", ""), ("s", "")):
            if word.endswith(suffix) and not self.lexicon.senses(word):
                singular = word[: -len(suffix)] + ending
                if self.lexicon.senses(singular):
                    return singular
        return word

    def concepts(self, what: What | None) -> frozenset[str]:
        """'fentanyl or narcotic' -> {'fentanyl'}; 'pill and drug' -> {'drug'}."""
        if not what:
            return _NOTHING
        found = self._seen.get(what)
        if found is None:
            found = self._seen[what] = self._concepts(what)
        return found

    def _concepts(self, what: What) -> frozenset[str]:
        terms = set()
        for words in what.terms:
            if not words or words[-1] in self.ignore:
                continue
            head = words[-1]
            canonical = self.synonyms.get(head, head)
            # keep noun compounds ("field office"), canonicalising their head
            terms.add(" ".join([*words[:-1], canonical]))
        broader = {self.hypernyms[t] for t in terms if t in self.hypernyms} | {
            wide for wide in terms for narrow in terms
            if narrow != wide and self.lexicon.kind_of(narrow, wide, KIND_OF_IN_ONE_CLAIM)}
        return frozenset(t for t in terms if t not in broader)


# Words of a scope phrase that do not tell one scope from another: "in the U.S." is "U.S.", and
# "north of the town" is measured from where "from the town" is.
_SCOPE_FILLER = frozenset({"in", "the", "a", "an", "at", "on", "across", "of", "from"})


def _scope_key(scope: tuple[str, ...]) -> str:
    return " ".join(w for phrase in scope for w in phrase.lower().replace(";", " ").split()
                    if w not in _SCOPE_FILLER)


class Measure(NamedTuple):
    """What kind of figure a claim states, as the reconciler compares it: only figures of one
    measure are compared."""

    dimension: str  # "[mass]", "count", "money"
    currency: str  # money compared in its own currency ("" when rates convert all of it)
    change: str  # "", "up", "down": a change ("rose 5%") is not a level ("5%")
    per: str  # "" or the noun of a rate ("per barrel"), which is not a total

    def in_any_currency(self) -> Measure:
        """The same kind of figure (level, change, rate), whatever its currency."""
        return self._replace(currency="")


def sort_by(items: list[Any], *keys: Callable[[Any], Any]) -> None:
    """Sort `items` in place by `keys`, most significant first: one stable pass a key, least
    significant first, which orders as one tuple key would without building a tuple per item
    (a corpus's findings are sorted at the run's peak of memory)."""
    for key in reversed(keys):
        items.sort(key=key)


def _unit_label(claim: Claim, rates: Rates | None) -> str | None:
    if rate_of(claim, rates) is not None:
        return rates.base  # type: ignore[union-attr]
    return claim.normalized.unit


def _measure(claim: Claim, rates: Rates | None) -> Measure:
    change, per = claim.change or "", claim.per or ""
    if claim.kind == "money":
        converted = rate_of(claim, rates) is not None
        return Measure("money", "" if converted else claim.normalized.unit or "", change, per)
    if claim.kind == "fraction":  # "a third of sales" is a share, never a count of sales
        return Measure("fraction", "", change, per)
    return Measure(claim.dimension or "count", "", change, per)


def _stated(claim: Claim, rates: Rates | None) -> str:
    """'about 152 pounds (65.3–72.6 kilogram)' — as written, then as compared."""
    low, high = interval_of(claim, rates)
    return f"{claim.text} ({format_interval(low, high, _unit_label(claim, rates))})"


class Reconciler:
    """Groups claims by story, dimension, scope and concept; judges groups by interval overlap."""

    def __init__(self, rules: ConceptRules, rates: Rates | None = None,
                 people: dict[str, str] | None = None) -> None:
        self.rules = rules
        self.rates = rates
        self.people = people or {}  # the names of the corpus's people -> their entity ids
        # the changes each sentence states, worked out for each call
        self._changes: dict[tuple[str, int], list[Change]] = {}

    def __call__(self, claims: list[Claim]) -> list[Finding]:
        usable = [c for c in claims if c.kind in COMPARED_KINDS and not one_of(c)]
        restated = {c.same_as for c in usable if c.same_as is not None}
        by_id = {c.id: c for c in usable if c.id in restated}
        # A restatement in the same unit family adds nothing; in another currency it is the
        # article's own figure in that currency and may be compared there.
        usable = [
            c for c in usable
            if c.same_as is None or c.same_as not in by_id
            or _in_units(by_id[c.same_as], self.rates) != _in_units(c, self.rates)
        ]
        partitions: dict[tuple[str, Measure, str], list[Claim]] = defaultdict(list)
        for c in usable:
            partitions[(c.story, _measure(c, self.rates), _scope_key(c.scope))].append(c)

        self._changes = changes_by_sentence(usable, self.rates,
                                            lambda c: _in_units(c, self.rates))
        findings: list[Finding] = age_findings(claims, self.people)
        # One story at a time (parts and currencies are looked for within one): what a story
        # needs is let go before the next, while the corpus's findings accumulate
        for _story, keys in itertools.groupby(sorted(partitions), key=itemgetter(0)):
            start = len(findings)
            groups: list[tuple[tuple[str, Measure, str], frozenset[str], list[Claim]]] = []
            by_measure: dict[Measure, list[Claim]] = defaultdict(list)
            for key in keys:
                claims = partitions.pop(key)
                by_measure[key[1]].extend(claims)
                for concepts, members in self._groups(claims):
                    if concepts:  # what parts and currencies look at; most groups name none
                        groups.append((key, concepts, members))
                    findings.extend(self._judged(members, concepts))
            made = findings[start:]
            for measure in sorted(by_measure):
                findings.extend(self._same_figures(by_measure[measure], made))
            self._note_other_currencies(groups, findings[start:])
            findings.extend(self._parts(groups))
        sort_by(findings, lambda f: VERDICT_ORDER.get(f.verdict, 3), attrgetter("story"),
                lambda f: f.kind != "parts", attrgetter("what"), lambda f: f.scope or "",
                attrgetter("id"))
        return findings

    def _groups(self, claims: list[Claim]) -> list[tuple[frozenset[str], list[Claim]]]:
        """Connected components of 'one's concepts contain the other's'; order-independent.

        Claims are joined through their distinct concept sets, so the cost grows with the
        number of different things named, not with the number of claims.
        """
        concepts = [self.rules.concepts(c.what) for c in claims]
        sets = sorted({s for s in concepts if s}, key=sorted)
        joined = UnionFind(sets, key=sorted)
        meanings = {s: self.rules.meanings(s) for s in sets}
        for a, b in itertools.combinations(sets, 2):
            if meanings[a] <= meanings[b] or meanings[b] <= meanings[a]:
                joined.union(a, b)
        components: dict[object, list[int]] = defaultdict(list)
        for i, names in enumerate(concepts):
            # a claim naming nothing known stands alone
            components[joined.find(names) if names else ("alone", i)].append(i)
        named, unnamed = [], []
        for members in components.values():
            if not concepts[members[0]]:
                unnamed.append(claims[members[0]])
                continue
            names = concepts[members[0]] if len(members) == 1 else \
                frozenset().union(*(concepts[i] for i in members))
            named.append((names, [claims[i] for i in members]))
        out = [*named, *self._place_unnamed(named, unnamed)]
        for _, group in out:
            group.sort(key=lambda c: (c.article, c.start))
        return sorted(out, key=lambda g: (sorted(g[0]), [c.id for c in g[1]]))

    def _same_figures(self, claims: list[Claim], made: list[Finding]) -> list[Finding]:
        """The same distinctive figure stated by several articles of a story under different
        names or scopes ("a price tag of $3,149", "an MSRP of $3,149", "$3,149"; "17 offices
        in the US and the UK", "17 offices in the United States and the United Kingdom"): one
        finding that they agree, where no finding holds them all. Only figures unlikely to
        match by chance: money, measures, percentages with decimals, counts of 100 or more,
        and counts of 10 or more that three articles state."""
        by_id = {c.id: c for c in claims}
        together: dict[tuple[str, Interval], set[int]] = defaultdict(set)
        for n, finding in enumerate(made):
            for cid in finding.claims:
                if (c := by_id.get(cid)) is not None:
                    together[(c.article, interval_of(c, self.rates))].add(n)
        out = []
        for cluster in same_values([c for c in claims if distinctive(c)], self.rates):
            kept = _first_statements(cluster, self.rates)
            articles = len({article for article, _ in kept})
            if not stated_often_enough(cluster[0], articles) or \
                    set.intersection(*(together[k] for k in kept)):
                continue
            members = sorted(kept.values(), key=lambda c: (c.article, c.start))
            names = sorted({str(c.what) if c.what else "" for c in members} - {""})
            what = " / ".join(names[:3]) if names else members[0].text
            positions = ", ".join(
                f"{_stated(c, self.rates)}{_named_as(c)} [{c.article}]" for c in members)
            ids = [c.id for c in members]
            scopes = {c.scope for c in members}
            out.append(Finding(
                id=finding_id("same", ids), verdict="agree", what=what,
                scope=scope_text(members[0].scope) if len(scopes) == 1 else None,
                story=members[0].story,
                articles=sorted({c.article for c in members}), claims=ids,
                explanation="the same figure in several articles, named differently: "
                + positions))
        return out

    def _place_unnamed(self, named: list[tuple[frozenset[str], list[Claim]]],
                       unnamed: list[Claim]) -> list[tuple[frozenset[str], list[Claim]]]:
        """Claims whose text names nothing they measure: one that states the very value a
        group's figure from another article states (and no other group's) joins that group;
        the rest are grouped by value, so the same figure stated by several articles is seen
        to agree. A different value is never a disagreement: nothing says it is the same fact."""
        rest = place_by_value([members for _, members in named], unnamed, self.rates)
        return [(_NOTHING, cluster) for cluster in rest]

    def _label(self, members: list[Claim], concepts: frozenset[str]) -> str:
        if concepts:
            # the smallest concept set stated is what every member shares
            sets = [self.rules.concepts(c.what) for c in members if c.what]
            common = frozenset.intersection(*sets) if sets else concepts
            said = Counter(t for s in sets for t in s)
            if not common and said:  # words of one meaning ('quake', 'earthquake'): the usual
                common = frozenset([min(said, key=lambda t: (-said[t], t))])
            return sys.intern(" and ".join(sorted(common or concepts)))  # one copy a label
        return str(members[0].what) if members[0].what else members[0].text

    def _judged(self, members: list[Claim], concepts: frozenset[str]) -> list[Finding]:
        """One finding for a group, or several when its figures are held by different holders:
        "Jo Smith finished with 31 points" and "Lee Brown scored 12 points" are two facts. A
        figure whose holder is not named where it is stated ("it weighs 4.5 pounds"), or could
        be more than one of them, joins the holder whose figure another article states with its
        value, or else is compared only with figures of the same value: the text does not say
        which fact it is, so it never disagrees. (Where an article states two figures of the
        thing that cannot both hold, the holders named are no help: see _judged_held.)"""
        several = None
        if concepts and members[0].article != members[-1].article:
            several = self._several(members)
            held, loose = ([members], []) if several else by_holder(members)
            if loose or len(held) > 1:
                rest = place_by_value(held, loose, self.rates)
                return [*(f for group in held for f in self._judged_held(group, concepts)),
                        *(self._judge(cluster, concepts, note=_OTHER_HOLDERS)
                          for cluster in rest)]
        return self._judged_held(members, concepts, several)

    def _judged_held(self, members: list[Claim], concepts: frozenset[str],
                     several: bool | None = None) -> list[Finding]:
        """One finding for a group, or one for each figure when the group names several facts.

        An article that states two figures of one thing that cannot both hold ("a 5.3 quake
        ... a 3.7 quake in 2012", "the 14-inch model costs $1,049, the 16-inch $1,549") shows
        that the words alone do not tell its facts apart: then only figures that state the same
        value are compared, and no disagreement is claimed. Nor is one where the sentences of
        the figures that cannot both hold share no word but the thing's name ("There were 400
        people" and "8 billion people live on earth"), nor for figures more than tenfold apart,
        of other occasions or of differently named holders (see _unrelated). `several` is
        `_several(members)` when the caller has worked it out."""
        if not concepts or len({c.article for c in members}) < 2:
            return [self._judge(members, concepts)]
        note = _SEVERAL if (self._several(members) if several is None else several) else \
            self._unrelated(members, concepts)
        if not note:
            return [self._judge(members, concepts)]
        return [self._judge(cluster, concepts, note=note)
                for cluster in same_values(members, self.rates)]

    def _unrelated(self, members: list[Claim], concepts: frozenset[str]) -> str:
        """Why the figures of different articles that cannot both hold are no evidence of a
        disagreement, or "" when some are: all come from sentences that share no word beyond
        the thing's name, the figures and function words; or the pairs that do share one are
        held by things named differently ("the storm" and "the nose cone": two things)."""
        intervals = [interval_of(c, self.rates) for c in members]
        clashing = [(a, b) for (a, ia), (b, ib) in
                    itertools.combinations(zip(members, intervals, strict=True), 2)
                    if a.article != b.article and not overlap(ia, ib)]
        if not clashing:
            return ""
        clashing = [(a, b) for a, b in clashing if not self._apart_in_size(a, b)]
        if not clashing:
            return _FAR_APART
        clashing = [(a, b) for a, b in clashing if not self._other_occasions(a, b)]
        if not clashing:
            return _OTHER_OCCASIONS
        named = {stem(w) for concept in concepts for w in concept.split()}
        related = [(a, b) for a, b in clashing if (context(a) & context(b)) - named]
        if not related:
            return _UNRELATED
        if not any(self.rules.may_hold_alike(a.holder, b.holder) for a, b in related):
            return _HELD_APART
        return ""

    def _other_occasions(self, a: Claim, b: Claim) -> bool:
        """Do the two figures' sentences report changes of one holder that cannot be of one
        occasion ("the index rose 0.4%" and "the index lost 0.9%"; "fell $1.20 to $30.50" and
        "fell $1.30 to $28.90")? Then the figures are of two days, not one fact."""
        return other_occasions(self._changes.get((a.article, a.sentence_start), []),
                               self._changes.get((b.article, b.sentence_start), []))

    def _apart_in_size(self, a: Claim, b: Claim) -> bool:
        """Do two figures differ more than tenfold ('an 8kW panel', 'an 800-megawatt farm')?
        Sources that report one fact differently stay within that of each other; figures
        further apart are about different things that share a name."""
        x, y = value_of(a, self.rates), value_of(b, self.rates)
        if x is None or y is None or x * y <= 0:
            return False
        return max(abs(x), abs(y)) > FAR_APART * min(abs(x), abs(y))

    def _several(self, members: list[Claim]) -> bool:
        """Does one article state figures of this group that cannot both hold? (Intervals that
        overlap pairwise share one value, so an article's need only their common part.)"""
        common: dict[str, tuple[float, float]] = {}
        for c in members:
            low, high = interval_of(c, self.rates)
            seen_low, seen_high = common.get(c.article, (-math.inf, math.inf))
            common[c.article] = (max(seen_low, -math.inf if low is None else low),
                                 min(seen_high, math.inf if high is None else high))
        # figures whose intervals only touch ("2.1GHz" and "2.2GHz": 2.05-2.15 and 2.15-2.25)
        # are two figures, though a third source's could fit both
        return any(low >= high for low, high in common.values()
                   if math.isfinite(low) and math.isfinite(high))

    def _judge(self, members: list[Claim], concepts: frozenset[str], note: str = "") -> Finding:
        first = members[0]
        if len(members) == 1:  # most claims: lists of exactly one item (a list grown is larger)
            articles, kept = [first.article], members
        else:
            articles = sorted({c.article for c in members})
            kept_ids = set(_kept_ids(members, self.rates))
            kept = [c for c in members if c.id in kept_ids]
        base = {"what": self._label(members, concepts), "scope": scope_text(first.scope),
                "story": first.story, "articles": articles,
                "claims": [kept[0].id] if len(kept) == 1 else [c.id for c in kept]}
        if len(articles) < 2:
            return Finding(id=finding_id("quantity", base["claims"]), verdict="single_source",
                           explanation=sys.intern(f"stated by {articles[0]} only"), **base)
        if not concepts:  # the same value, stated by several articles (see _place_unnamed)
            return Finding(id=finding_id("quantity", base["claims"]), verdict="agree",
                           explanation="the same figure, though no article says what it "
                           "measures: " + ", ".join(self._positions(kept)), **base)
        clashes = [
            (a, b) for a, b in itertools.combinations(kept, 2)
            if a.article != b.article
            and not overlap(interval_of(a, self.rates), interval_of(b, self.rates))
        ]
        if clashes:
            verdict, explanation = "disagree", "no value fits all: " + " vs ".join(
                self._positions(kept))
        else:
            verdict, explanation = "agree", "intervals overlap: " + ", ".join(
                self._positions(kept))
        if note:
            explanation += note.format(what=base["what"])
        return Finding(id=finding_id("quantity", base["claims"]), verdict=verdict,
                       explanation=explanation, **base)

    def _positions(self, claims: list[Claim]) -> list[str]:
        """Each distinct statement once, with the articles that make it."""
        by_statement: dict[str, list[str]] = defaultdict(list)
        for c in claims:
            by_statement[_stated(c, self.rates)].append(c.article)
        return [f"{stated} [{', '.join(sorted(set(arts)))}]"
                for stated, arts in by_statement.items()]

    def _parts(self, groups: list[tuple[tuple[str, Measure, str], frozenset[str], list[Claim]]]
               ) -> list[Finding]:
        """Scoped figures that add up to an unscoped total in the same article: 135 + 153 = 288."""
        parts: dict[tuple[str, Measure, frozenset[str]], list[Claim]] = defaultdict(list)
        for (_story, dimension, scope), concepts, members in groups:
            if scope:
                for c in members:
                    parts[(c.article, dimension, concepts)].append(c)
        # totals only where an article has parts: most figures have none
        totals: dict[tuple[str, Measure, frozenset[str]], list[Claim]] = defaultdict(list)
        for (_story, dimension, scope), concepts, members in groups:
            if not scope:
                for c in members:
                    if (key := (c.article, dimension, concepts)) in parts:
                        totals[key].append(c)
        findings = []
        for key in sorted(set(totals) & set(parts), key=lambda k: (k[0], k[1], sorted(k[2]))):
            candidates = {}
            for c in parts[key]:
                candidates.setdefault(_scope_key(c.scope), c)  # one figure a scope
            for whole in totals[key]:
                found = self._sum_to(whole, list(candidates.values()))
                if found is None:
                    continue
                terms = " + ".join(f"{c.text} ({scope_text(c.scope)})" for c in found)
                ids = [whole.id, *(c.id for c in found)]
                findings.append(Finding(
                    id=finding_id("parts", ids), kind="parts", verdict="agree",
                    what=self._label([whole], key[2]), scope=None, story=whole.story,
                    articles=[whole.article], claims=ids,
                    explanation=f"parts add up to the whole: {terms} = {whole.text}",
                ))
                break
        return findings

    def _sum_to(self, whole: Claim, parts: list[Claim]) -> list[Claim] | None:
        target = interval_of(whole, self.rates)
        for size in range(2, min(len(parts), MAX_PARTS) + 1):
            for combo in itertools.combinations(sorted(parts, key=lambda c: c.start), size):
                total = add([interval_of(c, self.rates) for c in combo])
                if None not in total and overlap(total, target):
                    return list(combo)
        return None

    def _note_other_currencies(self, groups, findings: list[Finding]) -> None:
        """Money in another currency is not compared without rates: say so on the finding."""
        # the same thing in the same kind of figure (a level, a change, a rate per something)
        currencies: dict[tuple[str, str, frozenset[str], Measure], set[str]] = defaultdict(set)
        for (story, measure, scope), concepts, _ in groups:
            if measure.currency:
                currencies[(story, scope, concepts, measure.in_any_currency())].add(
                    measure.currency)
        noted: dict[str, set[str]] = {}  # finding id -> the other currencies
        for (story, measure, scope), concepts, members in groups:
            if not measure.currency:
                continue
            others = currencies[(story, scope, concepts, measure.in_any_currency())] - {
                measure.currency}
            if others:
                noted[finding_id("quantity", _kept_ids(members, self.rates))] = others
        for finding in findings if noted else ():
            if (others := noted.get(finding.id)) is not None:
                finding.explanation += (
                    f" (also stated in {', '.join(sorted(others))}: not compared across "
                    "currencies without a rates file, --rates)"
                )


def _in_units(claim: Claim, rates: Rates | None) -> tuple[str, str]:
    """The dimension a claim is compared in, and its currency when that is compared as such."""
    measure = _measure(claim, rates)
    return measure.dimension, measure.currency


def _named_as(claim: Claim) -> str:
    """' (price tag)', ' (office; in the US)': what and scope, as a finding lists them."""
    said = [str(claim.what)] if claim.what else []
    said += [scope_text(claim.scope)] if claim.scope else []
    return f" ({'; '.join(said)})" if said else ""


def _first_statements(members: list[Claim], rates: Rates | None
                      ) -> dict[tuple[str, Interval], Claim]:
    """A figure repeated inside one article (a lede echoed in a caption) counts once: each
    article's first statement of each interval."""
    first: dict[tuple[str, Interval], Claim] = {}
    for c in members:
        first.setdefault((c.article, interval_of(c, rates)), c)
    return first


def _kept_ids(members: list[Claim], rates: Rates | None) -> list[str]:
    return [c.id for c in _first_statements(members, rates).values()]
