"""A corpus's results reconciled: claims judged across articles, people and organisations merged,
quotations and roles compared. The one place where articles meet."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable

from ..types import ArticleResult, Claim, Entity, Finding, Holder, Mention, Quote, Result, What
from .entities import resolve_entities
from .figures import Rates
from .quantities import VERDICT_ORDER, ConceptRules, Reconciler
from .quotes import QuoteRules, reconcile_quotes, reconcile_roles, speaker_lookup


def _shared(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)


class _Shared:
    """One copy of each value many claims repeat ('kilogram', '[mass]', 'arrest', 'in the
    U.S.'): a corpus's claims are all held until they are reconciled."""

    def __init__(self) -> None:
        self.whats: dict[What, What] = {}
        self.scopes: dict[tuple[str, ...], tuple[str, ...]] = {}

    def __call__(self, c: Claim) -> None:
        c.unit, c.dimension, c.stated_unit, c.per, c.normalized.unit = (
            _shared(x) for x in (c.unit, c.dimension, c.stated_unit, c.per, c.normalized.unit))
        if c.what is not None:
            c.what = self.whats.setdefault(c.what, c.what)
        if c.scope:
            c.scope = self.scopes.setdefault(c.scope, tuple(sys.intern(p) for p in c.scope))


def assemble(results: Iterable[ArticleResult], rates: Rates | None = None) -> Result:
    """A corpus Result from per-article results: entities merged, claims linked to them."""
    result = Result()
    mentions = []
    share = _Shared()
    for r in results:
        result.articles.append(r.article)
        for c in r.claims:  # fresh, rebuilt from pickles or from the cache
            share(c)
        for m in r.mentions:
            m.text, m.role = sys.intern(m.text), _shared(m.role)  # names recur: one copy each
        result.claims.extend(r.claims)
        result.quotes.extend(r.quotes)
        mentions.extend(r.mentions)
    result.articles.sort(key=lambda a: a.path)
    result.claims.sort(key=lambda c: (c.article, c.start, c.end))
    result.quotes.sort(key=lambda q: (q.article, q.start))
    entities, by_mention = resolve_entities(mentions)
    result.entities = entities
    result.mentions = [m for m in mentions if (m.article, m.start, m.end) in by_mention]
    del mentions  # and with them the mentions no entity kept
    _name_entities(result.claims, result.mentions, entities, by_mention)
    # the figures' holders are known as entities now: the findings can tell them apart
    concept_rules = ConceptRules.load()
    person_ids = {e.name: e.id for e in entities if e.label == "PERSON"}
    findings = Reconciler(concept_rules, rates, person_ids)(result.claims)
    speaker_of = speaker_lookup(entities, by_mention)
    for q in result.quotes:
        q.speaker = speaker_of(q)
    quote_rules, lexicon = QuoteRules.load(), concept_rules.lexicon
    story_of = {a.path: a.story for a in result.articles}
    quotes_by_story: dict[str, list[Quote]] = defaultdict(list)
    for q in result.quotes:
        quotes_by_story[story_of.get(q.article, "")].append(q)
    mentions_by_story: dict[str, list[Mention]] = defaultdict(list)
    for m in result.mentions:
        mentions_by_story[story_of.get(m.article, "")].append(m)
    people: list[Finding] = []
    for story in sorted(set(story_of.values())):  # people, too, are compared within a story
        quotes, kept = quotes_by_story[story], mentions_by_story[story]
        people += reconcile_quotes(quotes, speaker_of, quote_rules, person_ids)
        people += reconcile_roles(entities, kept,
                                  lambda m: by_mention.get((m.article, m.start, m.end)),
                                  quote_rules, lexicon)
    people.sort(key=lambda f: (VERDICT_ORDER.get(f.verdict, 3), f.kind, f.what, f.id))
    findings += people
    findings.sort(key=lambda f: VERDICT_ORDER.get(f.verdict, 3))
    result.findings = findings
    return result


def _name_entities(claims: list[Claim], mentions: list[Mention], entities: list[Entity],
                   by_mention: dict[tuple[str, int, int], str]) -> None:
    """Set each claim's `entities`: the people and organisations its sentence mentions; and its
    holder's entity, when the holder is one of them."""
    names = {e.id: e.name for e in entities}
    in_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        in_article[m.article].append(m)
    for claim in claims:
        here = [m for m in in_article.get(claim.article, ())
                if claim.sentence_start <= m.start < claim.sentence_end]
        claim.entities = tuple(sorted({names[by_mention[(m.article, m.start, m.end)]]
                                       for m in here}))
        if claim.holder is not None:
            _name_holder(claim.holder, [by_mention[(m.article, m.start, m.end)] for m in here
                                        if m.start < claim.holder.end and
                                        claim.holder.start < m.end])


def _name_holder(holder: Holder, ids: list[str]) -> None:
    """A holder that is one person or organisation gets its entity ('Acme' and 'Acme Corp.'
    are one holder)."""
    if len(set(ids)) == 1:
        holder.entity = ids[0]


