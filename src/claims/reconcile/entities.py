"""People and organisations across a corpus: one Entity per real person or organisation, with
every name it goes by ("Merrick B. Garland" / "Garland"; "Justice Department" / "DOJ")."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..components.mentions import ALL_CAPS_ACRONYM, EntityRules
from ..types import Entity, Mention
from .groups import UnionFind

_PERSON = "PERSON"
_ORG = "ORG"
_SPACES = re.compile(r"\s+")

# --------------------------------------------------------------------------- corpus-wide merging


def _surface(text: str, rules: EntityRules) -> str:
    """A mention's name with layout and a leading article removed ("the\nFBI" -> "FBI")."""
    words = _SPACES.sub(" ", text).strip().split(" ")
    while len(words) > 1 and words[0].lower() in rules.determiners:
        words = words[1:]
    return " ".join(words)


def _entity_id(label: str, name: str) -> str:
    digest = hashlib.sha1(f"{label}\x1f{name}".encode()).hexdigest()
    return f"{label.lower()}-{digest[:10]}"


# -- people --


@dataclass(frozen=True)
class _PersonName:
    given: tuple[str, ...]  # lowercased; an initial is a single letter
    initials: tuple[bool, ...]
    surname: str  # lowercased, particles included ("de bolle")


def _parse_person(name: str, rules: EntityRules) -> _PersonName:
    words = name.split(" ")
    while len(words) > 1 and words[-1].lower().rstrip(",") in rules.name_suffixes:
        words = words[:-1]
    surname = [words[-1]]
    words = words[:-1]
    while len(words) > 1 and words[-1].lower() in rules.surname_particles:
        surname.insert(0, words[-1])
        words = words[:-1]
    given: list[str] = []
    initials: list[bool] = []
    for word in words:
        # "P.J." is two initials; "B." one
        if re.fullmatch(r"(?:[A-Za-z]\.)+", word):
            letters = word.replace(".", "")
            given.extend(letters.lower())
            initials.extend([True] * len(letters))
        else:
            given.append(word.lower().rstrip("."))
            initials.append(len(word.rstrip(".")) == 1)
    return _PersonName(tuple(given), tuple(initials), " ".join(surname).lower())


def _given_compatible(a: _PersonName, b: _PersonName) -> bool:
    """Same first name (or its initial), and no middle name that contradicts the other's."""

    def same(i: int, j: int) -> bool:
        x, y = a.given[i], b.given[j]
        if a.initials[i] or b.initials[j]:
            return x[0] == y[0]
        return x == y

    if not a.given or not b.given:
        return True
    if not same(0, 0):
        return False
    if len(a.given) > 1 and len(b.given) > 1:
        return same(1, 1)
    return True


def _fullness(name: str, parsed: _PersonName) -> tuple[int, int, int]:
    """Spelled-out given names count first ("Patrick" over "P.J."), then any initials."""
    spelled = sum(not initial for initial in parsed.initials)
    return spelled, len(parsed.given), len(name)


def _resolve_people(mentions: list[Mention], rules: EntityRules) -> list[tuple[str, list[Mention]]]:
    names = {m.text: _surface(m.text, rules) for m in mentions}
    parsed = {name: _parse_person(name, rules) for name in set(names.values())}
    counts = Counter(names[m.text] for m in mentions)
    by_surname: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_surname[parsed[names[m.text]].surname].append(m)

    groups: list[tuple[str, list[Mention]]] = []
    for surname in sorted(by_surname):
        group_mentions = by_surname[surname]
        full = sorted(
            {names[m.text] for m in group_mentions if parsed[names[m.text]].given},
            key=lambda n: (*(-x for x in _fullness(n, parsed[n])), -counts[n], n),
        )
        # the fullest forms seed the clusters; a form joins the first cluster it fits entirely
        clusters: list[list[str]] = []
        for name in full:
            for cluster in clusters:
                if all(_given_compatible(parsed[name], parsed[other]) for other in cluster):
                    cluster.append(name)
                    break
            else:
                clusters.append([name])
        members: list[list[Mention]] = [[] for _ in clusters]
        bare: list[Mention] = []
        for m in group_mentions:
            name = names[m.text]
            if parsed[name].given:
                index = next(i for i, c in enumerate(clusters) if name in c)
                members[index].append(m)
            else:
                bare.append(m)
        bare_only: list[Mention] = []
        for m in bare:
            # the article's own full name first (news style: full name, then surname alone),
            # then the corpus: a bare surname is only safe when one person carries it
            local = [i for i, ms in enumerate(members) if any(x.article == m.article for x in ms)]
            if len(local) == 1:
                members[local[0]].append(m)
            elif not local and len(clusters) == 1:
                members[0].append(m)
            elif not clusters:
                bare_only.append(m)
        for cluster, ms in zip(clusters, members, strict=True):
            groups.append((cluster[0], ms))
        if bare_only:
            groups.append((names[bare_only[0].text], bare_only))
    return groups


# -- organisations --


def _is_acronym_form(form: str) -> bool:
    return " " not in form and sum(c.isupper() for c in form) >= 2


def _department_form(form: str, rules: EntityRules) -> str:
    """ "Justice Department" -> "Department of Justice" (likewise Agency, Bureau, Ministry …)."""
    words = form.split(" ")
    if len(words) >= 2 and words[-1].lower() in rules.department_heads:
        return f"{words[-1]} of {' '.join(words[:-1])}"
    return form


def _without_qualifier(form: str, rules: EntityRules) -> str | None:
    """ "U.S. Postal Inspection Service" -> "Postal Inspection Service"; None if unqualified."""
    for qualifier in rules.country_qualifiers:
        if form.startswith(qualifier + " "):
            rest = form[len(qualifier) + 1 :]
            if len(rest.split(" ")) >= 2:  # "US Airways" is no qualified "Airways"
                return rest
    return None


def _initials(form: str, rules: EntityRules) -> set[str]:
    """The acronyms a written-out name could have, with and without its connectors."""
    words = [w for w in form.split(" ") if any(c.isalpha() for c in w)]
    if len(words) < 2:
        return set()
    with_connectors = ""
    without = ""
    for word in words:
        letters = "".join(c for c in word if c.isalpha())
        # "U.S." contributes both letters, as in USPIS
        head = letters.upper() if "." in word and len(letters) <= 3 else letters[0].upper()
        with_connectors += head
        if word.lower() not in rules.connectors:
            without += head
    return {with_connectors, without}


def _resolve_orgs(mentions: list[Mention], rules: EntityRules) -> list[tuple[str, list[Mention]]]:
    names = {m.text: _surface(m.text, rules) for m in mentions}
    forms = sorted(set(names.values()))
    counts = Counter(names[m.text] for m in mentions)
    uf = UnionFind(forms)

    # the same name, however cased or whichever way round "Department" goes
    by_key: dict[str, str] = {}
    for form in forms:
        key = _department_form(form, rules).casefold()
        if key in by_key:
            uf.union(by_key[key], form)
        else:
            by_key[key] = form

    defined: set[str] = set()
    for m in mentions:
        if m.acronym:
            uf.add(m.acronym)
            uf.union(names[m.text], m.acronym)
            defined.add(m.acronym)

    # "U.S. Postal Inspection Service" is "Postal Inspection Service" when the corpus has both,
    # unless two different countries qualify the same name
    qualified: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for form in forms:
        rest = _without_qualifier(form, rules)
        if rest is not None:
            key = _department_form(rest, rules).casefold()
            if key in by_key:
                qualified[key].append((form, form[: -len(rest)].strip().casefold()))
    for key, qualified_forms in qualified.items():
        if len({qualifier for _, qualifier in qualified_forms}) == 1:
            for form, _ in qualified_forms:
                uf.union(by_key[key], form)

    # initials link an acronym no article defines to the one written-out name that spells it
    for acronym in forms:
        if not ALL_CAPS_ACRONYM.match(acronym) or acronym in defined:
            continue
        letters = "".join(c for c in acronym if c.isalpha())
        roots = set()
        for form in forms:
            variants = {form, _department_form(form, rules)}
            rest = _without_qualifier(form, rules)
            if rest:
                variants |= {rest, _department_form(rest, rules)}
            if any(letters in _initials(v, rules) for v in variants):
                roots.add(uf.find(form))
        if len(roots) == 1:
            uf.union(acronym, roots.pop())

    members: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        members[uf.find(names[m.text])].append(m)
    groups = []
    for group in uf.groups():
        ms = members.get(uf.find(group[0]), [])
        if not ms:
            continue
        present = {names[m.text] for m in ms} | {m.acronym for m in ms if m.acronym}
        clipped = {m.acronym for m in ms if m.acronym}
        # the fullest written-out form names the organisation, never its acronym
        canonical = max(
            present,
            key=lambda f: (
                not (_is_acronym_form(f) or f in clipped),
                len(f),
                counts[f],
                f,
            ),
        )
        groups.append((canonical, ms))
    return groups


def _aliases(canonical: str, forms: Iterable[str]) -> list[str]:
    seen = {canonical.casefold()}
    aliases = []
    # written-out forms first, then acronyms; longer before shorter
    for form in sorted(set(forms), key=lambda f: (" " not in f, -len(f), f)):
        if form.casefold() not in seen:
            seen.add(form.casefold())
            aliases.append(form)
    return aliases


def resolve_entities(
    mentions: list[Mention], rules: EntityRules | None = None
) -> tuple[list[Entity], dict[tuple[str, int, int], str]]:
    """Merge mentions across a whole corpus into one Entity per real person/organisation.
    Returns the entities (deterministic order: label, then name; deterministic ids, e.g. a short
    hash of label+canonical name, stable across runs and independent of input order) and a map
    (article, start, end) -> entity id for every mention kept."""
    rules = rules or EntityRules.load()
    ordered = sorted(mentions, key=lambda m: (m.article, m.start, m.end, m.label, m.text))
    groups = _resolve_people([m for m in ordered if m.label == _PERSON], rules)
    groups += _resolve_orgs([m for m in ordered if m.label == _ORG], rules)

    entities: list[Entity] = []
    index: dict[tuple[str, int, int], str] = {}
    for canonical, ms in groups:
        label = ms[0].label
        ms = sorted(ms, key=lambda m: (m.article, m.start, m.end))
        forms = [_surface(m.text, rules) for m in ms] + [m.acronym for m in ms if m.acronym]
        roles: list[str] = []
        for m in ms:
            if m.role and m.role.casefold() not in {r.casefold() for r in roles}:
                roles.append(m.role)
        entity = Entity(
            id=_entity_id(label, canonical),
            name=canonical,
            label=label,
            aliases=_aliases(canonical, forms),
            role=roles[0] if roles else None,
            roles=roles,
            articles=sorted({m.article for m in ms}),
        )
        entities.append(entity)
        for m in ms:
            index[m.article, m.start, m.end] = entity.id
    entities.sort(key=lambda e: (e.label, e.name, e.id))
    return entities, index
