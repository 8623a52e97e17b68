"""Figures as the reconciler compares them: their intervals in comparable units, when two state
the same value, whose they are, what their sentences say besides the figure (and of which
occasion), and the ages of people, compared person by person."""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from ..intervals import Interval, overlap
from ..types import Claim, Finding
from .groups import UnionFind

# Kinds the reconciler compares by what they measure; ages are compared by the person they are
# of (age_findings).
COMPARED_KINDS = ("count", "quantity", "money", "percent", "fraction")

# Relative slack past an interval's end within which a value may still overlap it (intervals.py
# allows rounding of this order).
_SLACK = 1e-6


class RatesError(ValueError):
    """The exchange-rates file cannot be used; the message says why."""


@dataclass(frozen=True)
class Rates:
    """Exchange rates from a user's file: how many `base` units one unit of each currency is."""

    base: str
    rates: dict[str, float]

    @classmethod
    def load(cls, path: Path) -> Rates:
        """`{"base": "USD", "rates": {"EUR": 1.08, "GBP": 1.27}}`."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            base = str(data["base"]).upper()
            rates = {str(k).upper(): float(v) for k, v in data["rates"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            raise RatesError(
                f"{path}: not a rates file ({err}); expected "
                '{"base": "USD", "rates": {"EUR": 1.08}}'
            ) from None
        if any(v <= 0 for v in rates.values()):
            raise RatesError(f"{path}: every rate must be a positive number")
        rates[base] = 1.0
        return cls(base, rates)


def rate_of(claim: Claim, rates: Rates | None) -> float | None:
    """How many base units one unit of the claim's money is, when the rates convert it."""
    if rates is None or claim.kind != "money":
        return None
    return rates.rates.get(claim.normalized.unit)  # type: ignore[arg-type]


def interval_of(claim: Claim, rates: Rates | None) -> Interval:
    n = claim.normalized
    factor = rate_of(claim, rates) or 1.0
    return (None if n.low is None else n.low * factor,
            None if n.high is None else n.high * factor)


def same_values(members: list[Claim], rates: Rates | None) -> list[list[Claim]]:
    """The claims joined when each one's value lies in the other's interval ("about 14 miles"
    and "14 miles"; not "at least 3" and "20", which merely fit together: an open end counts as
    closed at the value stated). Claims stating the same interval are one figure; figures are
    swept in order of value, each against those whose value its interval can hold."""
    figures: dict[tuple[float | None, Interval], list[Claim]] = defaultdict(list)
    for c in members:
        figures[(value_of(c, rates), closed(c, rates))].append(c)
    keys = sorted(figures, key=lambda k: (k[0] is None, k[0] or 0.0))
    joined = UnionFind(range(len(keys)))
    for i, (value, interval) in enumerate(keys):
        high = math.inf if interval[1] is None else interval[1]
        for j in range(i + 1, len(keys)):
            other_value, other_interval = keys[j]
            if other_value is None or other_value > high + _SLACK * max(1.0, abs(high)):
                break
            if holds(interval, other_value) and holds(other_interval, value):
                joined.union(i, j)
    out = [[c for k in group for c in figures[keys[k]]] for group in joined.groups()]
    order = {c.id: n for n, c in enumerate(members)}
    return sorted(out, key=lambda cluster: min(order[c.id] for c in cluster))


def holder_keys(members: list[Claim]) -> list[frozenset[str]]:
    """What tells each claim's holder from another: its names and numbers, and all the names
    its entity goes by among these claims ('Acme' and 'Acme Corp.' are one holder)."""
    by_entity: dict[str, set[str]] = defaultdict(set)
    for c in members:
        if c.holder is not None and c.holder.entity:
            by_entity[c.holder.entity].update(c.holder.key)
    return [frozenset() if c.holder is None else
            frozenset(c.holder.key) | frozenset(by_entity.get(c.holder.entity or "", ()))
            for c in members]


def by_holder(members: list[Claim]) -> tuple[list[list[Claim]], list[Claim]]:
    """The claims of each holder, and those whose holder is not named or could be several.
    A holder named more fully ('the 14-inch Zephyr Pro') is the one named in part ('the Zephyr
    Pro') unless the part fits more than one ('the 16-inch Zephyr Pro' too). Where no claim
    names its holder, all are one group; where some do, one that does not ('it weighs 4.5
    pounds' beside 'the 14-inch model weighs 3.1 pounds') could be any of them."""
    of_claim = holder_keys(members)
    keys = {k for k in of_claim if k}
    if not keys:
        return [members], []
    widest = sorted((k for k in keys if not any(k < other for other in keys)), key=sorted)
    held: dict[frozenset[str], list[Claim]] = {k: [] for k in widest}
    loose = []
    for c, key in zip(members, of_claim, strict=True):
        homes = [k for k in widest if key <= k] if key else []
        if len(homes) == 1:
            held[homes[0]].append(c)
        else:
            loose.append(c)
    return [held[k] for k in widest], loose


def place_by_value(groups: list[list[Claim]], loose: list[Claim],
                    rates: Rates | None) -> list[list[Claim]]:
    """Each loose claim joins the one group in which another article states its value, if it
    fits all the group's figures of other articles (it is appended there: a claim placed so
    never makes its group disagree); a measure or an amount that states no group's value joins
    the one group whose figures it all fits, if there is one. The others are returned grouped
    by value."""
    # the groups' figures in order of value, one per group, article and interval
    figures = sorted({(value, g, c.article, interval_of(c, rates)): c
                      for g, members in enumerate(groups) for c in members
                      if (value := value_of(c, rates)) is not None}.items(),
                     key=lambda item: item[0][:2])
    values = [key[0] for key, _ in figures]
    leftover, unvalued = [], []
    for claim in loose:
        if value_of(claim, rates) is None:
            unvalued.append([claim])
            continue
        low, high = closed(claim, rates)  # a figure of the same value lies within these
        slack = _SLACK * max(1.0, abs(low), abs(high))
        homes = sorted({g for (_, g, article, _), other in
                        figures[bisect_left(values, low - slack):
                                bisect_right(values, high + slack)]
                        if article != claim.article and same_value(other, claim, rates)})
        if homes:
            fitting = homes if len(homes) == 1 and _fits(claim, groups[homes[0]], rates) else []
        elif claim.kind in ("quantity", "money"):
            # a measure or an amount that states no group's value may still fit one group
            # alone: "3.18 pounds" beside "3.2 pounds" and "under 3.2 pounds"
            fitting = [g for g in range(len(groups)) if _fits(claim, groups[g], rates)]
        else:
            fitting = []
        if len(fitting) == 1:
            groups[fitting[0]].append(claim)
        else:
            leftover.append(claim)
    return [*same_values(leftover, rates), *unvalued]


def _fits(claim: Claim, members: list[Claim], rates: Rates | None) -> bool:
    """Does the claim fit every figure another article states in the group (and is there one)?"""
    interval = interval_of(claim, rates)
    others = [c for c in members if c.article != claim.article]
    return bool(others) and all(overlap(interval, interval_of(c, rates)) for c in others)


_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
# words that say nothing about which fact a sentence reports
_FILLER = frozenset(STOP_WORDS) | {"said", "says", "say", "told", "according", "reported",
                                   "percent", "cent", "per", "about", "nearly", "around"}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem that lets 'seizure' meet 'seizures' and 'injured' meet 'injuries'."""
    word = word.lower()
    return word[:5] if len(word) > 5 else word


@lru_cache(maxsize=65536)
def _sentence_words(sentence: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(sentence) if w.lower() not in _FILLER)


def context(claim: Claim) -> frozenset[str]:
    """The stems of a claim's sentence, its figure's own words left out."""
    return _sentence_words(claim.sentence) - _sentence_words(claim.text)


def one_of(claim: Claim) -> bool:
    """'one protester threw a bomb': one of something, named as such, is a person or thing the
    story talks about, not a count it states ('one person died' counts deaths, and is kept)."""
    return claim.kind == "count" and claim.value == 1 and claim.qualifier == "exact" and \
        claim.what is not None and str(claim.what) == (claim.stated_unit or "").lower()


def distinctive(claim: Claim) -> bool:
    """A figure two articles are unlikely to state by chance for different things."""
    value = claim.normalized.value if claim.normalized.value is not None else claim.value
    if value is None or claim.kind not in COMPARED_KINDS:
        return False
    if claim.kind == "count":
        return abs(value) >= 10  # below 100, only when three articles state it
    if claim.kind in ("percent", "fraction"):
        return value != round(value)
    return True


def stated_often_enough(claim: Claim, articles: int) -> bool:
    """Do enough articles state a distinctive figure to take it for one fact: two, or three
    for a count below 100 ("12 arrests" in two articles can be chance)?"""
    small_count = claim.kind == "count" and abs(claim.value or 0) < 100
    return articles >= (3 if small_count else 2)


def same_value(a: Claim, b: Claim, rates: Rates | None) -> bool:
    return holds(closed(a, rates), value_of(b, rates)) and \
        holds(closed(b, rates), value_of(a, rates))


def closed(claim: Claim, rates: Rates | None) -> Interval:
    """The claim's interval with an open end closed at the value stated: what the figure
    itself says, for telling whether two claims state the same figure."""
    value = value_of(claim, rates)
    low, high = interval_of(claim, rates)
    return (value if low is None else low, value if high is None else high)


def value_of(claim: Claim, rates: Rates | None) -> float | None:
    value = claim.normalized.value
    return None if value is None else value * (rate_of(claim, rates) or 1.0)


def holds(interval: Interval, value: float | None) -> bool:
    return value is not None and overlap(interval, (value, value))


# what may stand between a change and the level it reaches: "fell $1.20, or 4%, to close at"
_TO_LEVEL = re.compile(r"^[^.;]{0,60}\bto\b[^.;]{0,20}$")


class Change(NamedTuple):
    """A change a sentence states: whose, in what units, which way, and from what level."""

    holder: tuple[str, ...]
    units: object
    direction: str
    start: Interval | None


def changes_by_sentence(claims: list[Claim], rates: Rates | None,
                        in_units: Callable[[Claim], object]
                        ) -> dict[tuple[str, int], list[Change]]:
    """The changes of named holders each sentence states, with the level each set out from
    when the sentence gives the level it reached ("fell $1.20 to $30.50" set out from 30.50 +
    1.20, within both figures' precision). `in_units` tells the units a claim is compared in:
    the level is the next figure of the sentence in the change's."""
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        by_sentence[(c.article, c.sentence_start)].append(c)
    out: dict[tuple[str, int], list[Change]] = {}
    for key, members in by_sentence.items():
        members.sort(key=attrgetter("start"))
        for n, change in enumerate(members):
            if change.change is None or change.holder is None or not change.holder.key:
                continue
            units = in_units(change)
            level = next((c for c in members[n + 1:] if in_units(c) == units), None)
            start = None
            if level is not None and level.change is None and \
                    _TO_LEVEL.match(change.sentence[change.end - change.sentence_start:
                                                    level.start - change.sentence_start]):
                (low, high), (level_low, level_high) = (interval_of(change, rates),
                                                        interval_of(level, rates))
                if None not in (low, high, level_low, level_high):
                    sign = 1.0 if change.change == "down" else -1.0
                    ends = (level_low + sign * low,  # type: ignore[operator]
                            level_high + sign * high)  # type: ignore[operator]
                    start = (min(ends), max(ends))
            out.setdefault(key, []).append(
                Change(change.holder.key, units, change.change, start))
    return out


def other_occasions(first: list[Change], second: list[Change]) -> bool:
    """Do two sentences report changes of one holder that cannot be of one occasion: one up and
    one down, or setting out from levels that cannot be one ("fell $1.20 to $30.50", "fell $1.30
    to $28.90": two days' trading)?"""
    return any(a.holder == b.holder and a.units == b.units and (
        a.direction != b.direction
        or (a.start is not None and b.start is not None and not overlap(a.start, b.start)))
        for a in first for b in second)


def _aged_people(claim: Claim, people: dict[str, str]) -> list[str]:
    """The person entities an age is of: its holder's, or each person named in a holder that
    joins several ("Jo Smith and Kim Lee")."""
    holder = claim.holder
    if holder is None:
        return []
    if holder.entity is not None:
        return [holder.entity] if holder.entity.startswith("person-") else []
    return sorted({people[name] for name in claim.entities
                   if name in people and name in holder.text})


def finding_id(kind: str, claim_ids: Iterable[str]) -> str:
    """A finding's id: a stable hash of its kind and its claims, in any order."""
    key = kind + "\0" + "\0".join(sorted(claim_ids))
    return "f" + hashlib.sha1(key.encode()).hexdigest()[:12]


def age_findings(claims: list[Claim], people: dict[str, str] | None = None) -> list[Finding]:
    """A person's age, compared across the articles of a story that set it beside the same
    person ("Jo Smith, 38,", "38-year-old Jo Smith"; "Jo Smith and Kim Lee, both 29," for each
    of them): one fact a person, so two ages that differ disagree. Ages of people no entity
    names ("a 29-year-old man") are not compared, nor a person's where one article states two
    ages for them. `people` maps the names of the corpus's people to their entity ids; the
    finding's `entity` is the person's name, as in role and quotation findings."""
    by_person: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind != "age" or c.holder is None:
            continue
        for person in _aged_people(c, people or {}):
            by_person[(c.story, person)].append(c)
    names = {entity: name for name, entity in (people or {}).items()}
    out = []
    for (story, person), members in sorted(by_person.items()):
        articles = sorted({c.article for c in members})
        if len(articles) < 2 or any(
                a.article == b.article and a.value != b.value
                for a, b in itertools.combinations(members, 2)):
            continue
        members.sort(key=lambda c: (c.article, c.start))
        # an age is a whole number of years: 38 and 39 are two ages, not one rounded
        clash = len({c.value for c in members}) > 1
        said = Counter(c.holder.text for c in members if c.holder is not None)
        name = names.get(person) or min(said, key=lambda text: (-said[text], len(text)))
        ids = [c.id for c in members]
        out.append(Finding(
            id=finding_id("age", ids), what=f"age of {name}",
            verdict="disagree" if clash else "agree", claims=ids, story=story,
            articles=articles, entity=name,
            explanation=("no value fits all: " if clash else "the same age: ")
            + ", ".join(f"{c.text} [{c.article}]" for c in members)))
    return out
