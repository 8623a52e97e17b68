"""Quotations and roles across a corpus: the same quotation in several articles, and whether
they give it, and each person's role, to the same person."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from difflib import SequenceMatcher

from ..components.quotations import QuoteRules
from ..lexicon import Lexicon
from ..reading import story_of
from ..types import Entity, Finding, Mention, Quote
from .groups import UnionFind

_PERSON = "PERSON"
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")

def speaker_lookup(
    entities: Iterable[Entity], by_mention: dict[tuple[str, int, int], str]
) -> Callable[[Quote], str | None]:
    """entity_of for reconcile_quotes from resolve_entities' output: a quote's canonical speaker."""
    names = {e.id: e.name for e in entities}

    def entity_of(quote: Quote) -> str | None:
        if quote.speaker_start is None or quote.speaker_end is None:
            return None
        entity = by_mention.get((quote.article, quote.speaker_start, quote.speaker_end))
        return names.get(entity) if entity is not None else None

    return entity_of



def _finding_id(kind: str, keys: Iterable[str]) -> str:
    return "f" + hashlib.sha1("\0".join([kind, *keys]).encode()).hexdigest()[:12]


def _common_story(articles: Iterable[str]) -> str:
    stories = {story_of(a) for a in articles}
    return stories.pop() if len(stories) == 1 else ""


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _shared(short: list[str], long: list[str], min_run: int) -> int:
    """How many words of `short` appear in `long`, in order, in runs of at least `min_run`."""
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks() if b.size >= min_run)


def _is_run_of(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _same_quotation_pairs(words: list[list[str]], articles: list[str],
                          rules: QuoteRules) -> Iterable[tuple[int, int]]:
    # only pairs sharing a three-word run are compared, so a corpus is not compared pairwise
    shingles: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        if len(ws) < rules.min_words:
            continue
        for key in {tuple(ws[j : j + 3]) for j in range(len(ws) - 2)}:
            shingles[key].append(i)
    candidates = {
        (a, b)
        for members in shingles.values()
        for x, a in enumerate(members)
        for b in members[x + 1 :]
        if articles[a] != articles[b]
    }
    for a, b in sorted(candidates):
        short, long = sorted((words[a], words[b]), key=len)
        if _shared(short, long, rules.min_run_words) >= rules.similarity * len(short):
            yield a, b


def _first_words(text: str, n: int) -> str:
    words = _SPACES.sub(" ", text).strip().split(" ")
    return " ".join(words[:n]) + "…"


def _how_quoted(words: list[str], reference: list[str]) -> str:
    if words == reference:
        return ""
    if _is_run_of(words, reference):
        return ", part of it"
    if len(words) < len(reference):
        return ", part of it, worded differently"
    return ", worded differently"


def _cited(quote: Quote, words: list[str], reference: list[str]) -> str:
    """Where a researcher finds the quotation, whom the article names, and how it quotes it."""
    how = _how_quoted(words, reference)
    return f"{quote.article} line {quote.line} (“{quote.speaker_text}”{how})"


def reconcile_quotes(quotes: list[Quote], entity_of: Callable[[Quote], str | None],
                     rules: QuoteRules, people: Collection[str] | None = None) -> list[Finding]:
    """Group the same quotation (allowing small wording changes, and one article quoting only part
    of another's longer quotation) across articles. entity_of(quote) gives the canonical speaker
    name. A group stated by two or more articles and attributed to the same person: verdict
    'agree'; to different people: 'disagree' (explanation names who says whom). Finding fields:
    kind='quotation', what='quotation: “first words…”', claims=sorted quote ids, articles=sorted
    article paths, entity=the speaker (when one), explanation a sentence a researcher can check,
    id a stable hash of the sorted quote ids. Only groups with 2+ articles become findings.
    `people` are the speakers who are persons (all, when not given): a person and an
    organisation credited with one quotation do not disagree, as a person speaks for one."""
    ordered = sorted(quotes, key=lambda q: (q.article, q.start, q.end, q.id))
    words = [_words(q.text) for q in ordered]
    groups = UnionFind(range(len(ordered)))
    for a, b in _same_quotation_pairs(words, [q.article for q in ordered], rules):
        groups.union(a, b)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ordered)):
        members[groups.find(i)].append(i)

    findings = []
    for indices in members.values():
        articles = sorted({ordered[i].article for i in indices})
        if len(articles) < 2:
            continue
        speakers = {i: entity_of(ordered[i]) for i in indices}
        named = sorted({s for s in speakers.values() if s is not None})
        if not named:
            continue  # nobody to compare: the quotation is the same, its source unknown
        # the shortest is the part every article carries; the longest is the fullest wording
        shortest = min(indices, key=lambda i: (len(words[i]), ordered[i].article, i))
        longest = max(indices, key=lambda i: (len(words[i]), -i))

        persons = named if people is None else [s for s in named if s in people]
        if len(persons) < 2:
            verdict, entity = "agree", (persons or named)[0]
            listed = "; ".join(_cited(ordered[i], words[i], words[longest]) for i in indices)
            others = [s for s in named if s != entity]
            speaking_for = f" (speaking for {', '.join(others)})" if others else ""
            explanation = (
                f"{len(articles)} articles attribute this quotation to {entity}{speaking_for}: "
                f"{listed}."
            )
        else:
            verdict, entity = "disagree", None
            by_speaker = "; ".join(
                f"{speakers[i] or 'no one identified'} in "
                + _cited(ordered[i], words[i], words[longest])
                for i in indices
            )
            explanation = (
                f"The articles attribute this quotation to different people: {by_speaker}."
            )
        ids = sorted(ordered[i].id for i in indices)
        findings.append(
            Finding(
                id=_finding_id("quotation", ids),
                what=f"quotation: “{_first_words(ordered[shortest].text, rules.what_words)}”",
                verdict=verdict,
                claims=ids,
                explanation=explanation,
                story=_common_story(articles),
                kind="quotation",
                articles=articles,
                entity=entity,
            )
        )
    findings.sort(key=lambda f: (f.story, f.entity or "", f.what, f.id))
    return findings


# -- roles --


def _org_forms(entities: Iterable[Entity]) -> list[tuple[re.Pattern[str], str]]:
    """Every name and acronym of every organisation, longest first, as a pattern and its id."""
    forms: list[tuple[str, str]] = []
    for e in entities:
        if e.label != _PERSON:
            forms.extend((form, e.id) for form in {e.name, *e.aliases})
    forms.sort(key=lambda f: (-len(f[0]), f[0]))
    patterns = []
    for form, entity_id in forms:
        # an acronym is matched as written ("US" is not "us"); a written-out name in any case
        acronym = " " not in form and sum(c.isupper() for c in form) >= 2
        flags = 0 if acronym else re.IGNORECASE
        patterns.append((re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", flags), entity_id))
    return patterns


def _role_words(role: str, orgs: list[tuple[re.Pattern[str], str]],
                rules: QuoteRules) -> frozenset[str]:
    """A role as a set of words: organisations as their entity id, no filler, abbreviations out."""
    text = _SPACES.sub(" ", role)
    for pattern, entity_id in orgs:
        text = pattern.sub(f" \x00{entity_id} ", text)
    abbreviations = dict(rules.role_abbreviations)
    words = set()
    for raw in text.split():
        word = raw.lower().strip("()[],;:")
        word = abbreviations.get(word, word)
        for suffix in ("’s", "'s", "’", "'"):
            if word.endswith(suffix) and len(word) > len(suffix):
                word = word[: -len(suffix)]
        if word and word not in rules.role_ignore and any(c.isalnum() for c in word):
            words.add(word)
    return frozenset(words)


def _same_role(a: frozenset[str], b: frozenset[str], rules: QuoteRules,
               lexicon: Lexicon | None = None) -> bool:
    """One role in other words: the fewer words all among the others, a word counting as any
    word of its usual meaning in WordNet ("FBI chief" and "FBI head": a chief is a head)."""
    if lexicon is not None:  # each word of one as the word of the other it means
        a = frozenset(next((other for other in b - a if _synonyms(word, other, lexicon)), word)
                      for word in a)
    # "FBI Director" and "FBI Deputy Director": a rank word makes another office
    if a & rules.role_rank_words != b & rules.role_rank_words:
        return False
    return a <= b or b <= a


def _synonyms(one: str, other: str, lexicon: Lexicon) -> bool:
    """Is either word among the words of the other's usual meaning ('chief': head, top dog)?"""
    return any(word in lexicon.synset(meaning).words
               for word, meaning in ((other, lexicon.meaning(one)), (one, lexicon.meaning(other)))
               if meaning is not None)


def reconcile_roles(entities: list[Entity], mentions: list[Mention],
                    entity_id_of: Callable[[Mention], str | None],
                    rules: QuoteRules | None = None,
                    lexicon: Lexicon | None = None) -> list[Finding]:
    """For each person whose role is stated by two or more articles: 'agree' when the roles are
    the same allowing for case, word order and an organisation named by name or acronym
    ("Europol Executive Director" = "the executive director of the European Union Agency for Law
    Enforcement Cooperation (Europol)"; "DEA Administrator" = "DEA administrator"; a role with
    fewer words that is contained in the other also agrees, as do words of one meaning in
    `lexicon`, WordNet: "FBI chief" = "FBI head"), 'disagree' when they differ
    ("FBI Director" vs "FBI Deputy Director"). kind='role', what='role of <name>', entity=name,
    claims=[], articles sorted, explanation quotes each article's role."""
    rules = rules or QuoteRules.load()
    lexicon = lexicon if lexicon is not None else Lexicon.installed()
    people = {e.id: e for e in entities if e.label == _PERSON}
    orgs = _org_forms(entities)
    stated: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for m in sorted(mentions, key=lambda m: (m.article, m.start, m.end)):
        entity_id = entity_id_of(m)
        if not m.role or entity_id not in people:
            continue
        role = _SPACES.sub(" ", m.role).strip()
        roles = stated[entity_id][m.article]
        if role.casefold() not in {r.casefold() for r in roles}:
            roles.append(role)

    findings = []
    for entity_id, by_article in stated.items():
        if len(by_article) < 2:
            continue
        person = people[entity_id]
        articles = sorted(by_article)
        words = {
            (a, r): _role_words(r, orgs, rules) for a in articles for r in by_article[a]
        }
        differ = [
            (x, y)
            for i, x in enumerate(words)
            for y in list(words)[i + 1 :]
            if x[0] != y[0] and not _same_role(words[x], words[y], rules, lexicon)
        ]
        listed = "; ".join(
            f"{a}: " + ", ".join(f"“{r}”" for r in by_article[a]) for a in articles
        )
        if differ:
            (_, r1), (_, r2) = differ[0]
            verdict = "disagree"
            explanation = (
                f"The articles give {person.name} different roles ({listed}): "
                f"“{r1}” is not “{r2}”."
            )
        else:
            verdict = "agree"
            explanation = (
                f"The articles give {person.name} the same role, allowing for case, word order "
                f"and organisation names: {listed}."
            )
        findings.append(
            Finding(
                id=_finding_id("role", [entity_id]),
                what=f"role of {person.name}",
                verdict=verdict,
                claims=[],
                explanation=explanation,
                story=_common_story(articles),
                kind="role",
                articles=articles,
                entity=person.name,
            )
        )
    findings.sort(key=lambda f: (f.story, f.entity or "", f.id))
    return findings
