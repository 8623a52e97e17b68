"""People and organisations in one parsed Doc: their mentions, NER mistakes fixed, with role
titles and the acronyms the text defines. Merged across a corpus in `claims.reconcile.entities`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claims.components.tokens import text_of
from claims.resources import load_json, models_dir
from claims.types import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Skip = Callable[[int, int], bool]

_PERSON = "PERSON"
_ORG = "ORG"
_POSSESSIVES = frozenset({"’s", "'s", "’", "'"})
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
_ROLE_STOP_PUNCT = frozenset({",", ";", ":", "—", "–", ".", "!", "?"}) | _QUOTES
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,11}$")
ALL_CAPS_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class EntityRules:
    """The lexical data find_mentions and resolve_entities apply (models/entities/*.json)."""

    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    title_phrases: tuple[tuple[str, ...], ...]  # longest first, so the widest title wins
    apposition_stops: frozenset[str]
    determiners: frozenset[str]
    connectors: frozenset[str]
    generic_heads: frozenset[str]
    department_heads: frozenset[str]
    country_qualifiers: tuple[str, ...]  # longest first: "U.S." must not be read as "US"
    not_org_first_words: frozenset[str]
    credit_words: frozenset[str]
    surname_particles: frozenset[str]
    name_suffixes: frozenset[str]
    title_words: frozenset[str]  # heads and modifiers together

    @classmethod
    def load(cls, directory: Path | None = None) -> EntityRules:
        """Read the rule files from `directory` (default: the shipped models/entities/).

        Loaded once per directory and process: the rules are data shipped with the package.
        """
        return _load_rules((directory or models_dir() / "entities").resolve())

    @classmethod
    def from_files(cls, files: dict[str, Any], where: str = "entities") -> EntityRules:
        """From the data of the rule files, by name: titles.json, organisations.json and
        persons.json. `where` names them in errors."""

        def strings(name: str, key: str) -> list[str]:
            data = files.get(name)
            values = data.get(key) if isinstance(data, dict) else None
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ValueError(
                    f"{where}/{name}: expected {key!r} to be a list of strings, got {values!r}"
                )
            return values

        def words(name: str, key: str) -> frozenset[str]:
            return frozenset(v.lower() for v in strings(name, key))

        phrases = sorted((tuple(p.lower().split()) for p in strings("titles.json", "phrases")),
                         key=len, reverse=True)
        qualifiers = strings("organisations.json", "country_qualifiers")
        heads = words("titles.json", "heads")
        modifiers = words("titles.json", "modifiers")
        return cls(
            title_heads=heads,
            title_modifiers=modifiers,
            title_phrases=tuple(phrases),
            apposition_stops=words("titles.json", "apposition_stops"),
            determiners=words("organisations.json", "determiners"),
            connectors=words("organisations.json", "connectors"),
            generic_heads=words("organisations.json", "generic_heads"),
            department_heads=words("organisations.json", "department_heads"),
            country_qualifiers=tuple(sorted(qualifiers, key=len, reverse=True)),
            not_org_first_words=words("organisations.json", "not_org_first_words"),
            credit_words=words("organisations.json", "credit_words"),
            surname_particles=words("persons.json", "surname_particles"),
            name_suffixes=words("persons.json", "suffixes"),
            title_words=heads | modifiers,
        )


RULE_FILES = ("titles.json", "organisations.json", "persons.json")


@cache
def _load_rules(directory: Path) -> EntityRules:
    return EntityRules.from_files({name: load_json(name, directory) for name in RULE_FILES},
                                  str(directory))


# --------------------------------------------------------------------------- finding mentions


@dataclass
class _Candidate:
    start: int  # token indices [start, end)
    end: int
    label: str
    acronym: str | None = None


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


class _MentionFinder:
    """One pass over one Doc; holds the per-token facts every rule asks about."""

    def __init__(self, doc: Doc, rules: EntityRules, skip: Skip) -> None:
        self.doc = doc
        self.rules = rules
        self.skipped = [skip(t.idx, t.idx + len(t)) for t in doc]
        self.ent_label = [t.ent_type_ for t in doc]
        # read once: the title rules ask about every token, and each Doc access builds a Token
        self.lower = [t.lower_ for t in doc]
        self.text = text_of(doc)
        # tokens of a title phrase ("Secretary of State"), whose "State" the model calls an ORG
        self.in_title_phrase: set[int] = set()
        for i in range(len(doc)):
            n = self._phrase_ending_at(i)
            self.in_title_phrase.update(range(i - n + 1, i + 1))

    # -- token runs ---------------------------------------------------------------------------

    def _ends_paragraph(self, i: int) -> bool:
        """True when a blank line separates token i from token i + 1."""
        doc = self.doc
        if doc[i].is_space and _BLANK_LINE.search(doc[i].text):
            return True
        if i + 1 >= len(doc):
            return False
        return bool(_BLANK_LINE.search(self.text[doc[i].idx + len(doc[i]) : doc[i + 1].idx]))

    def _runs(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of [start, end) a name may come from.

        Boilerplate inside the span is cut out and both sides stand alone (article text goes on
        after the furniture). At a blank line the span stops: the model recognised its start and
        ran on into the next block, which is headings or furniture no rule marked.
        """
        runs: list[tuple[int, int]] = []
        run_start = start
        for i in range(start, end):
            if self.skipped[i]:
                runs.append((run_start, i))
                run_start = i + 1
                continue
            if self._ends_paragraph(i):
                runs.append((run_start, i + 1))
                break
        else:
            runs.append((run_start, end))
        return [(s, e) for s, e in runs if e > s]

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        doc, rules = self.doc, self.rules
        while start < end and (
            doc[start].is_punct
            or doc[start].is_space
            or doc[start].text in _QUOTES
            or doc[start].lower_ in rules.determiners
        ):
            start += 1
        while end > start and (
            doc[end - 1].is_punct
            or doc[end - 1].is_space
            or doc[end - 1].text in _QUOTES
            or doc[end - 1].text in _POSSESSIVES
        ):
            end -= 1
        return start, end

    def _is_possessive(self, i: int) -> bool:
        token = self.doc[i]
        if token.text in ("’s", "'s"):
            return True
        # "DHS’ Homeland Security Investigations": a bare apostrophe after a plural-looking word
        return token.text in ("’", "'") and i > 0 and self.doc[i - 1].text[-1:].lower() == "s"

    def _parts(self, start: int, end: int) -> list[tuple[int, int]]:
        """Cut a name at possessives and parentheses: "X’s Y" and "X (Y" name two things."""
        parts: list[tuple[int, int]] = []
        part_start = start
        for i in range(start, end):
            if self._is_possessive(i) or self.doc[i].text in ("(", ")"):
                parts.append((part_start, i))
                part_start = i + 1
        parts.append((part_start, end))
        return [self._trim(s, e) for s, e in parts if e > s]

    # -- NER spans, repaired --------------------------------------------------------------------

    def ner_candidates(self) -> list[_Candidate]:
        found: list[_Candidate] = []
        for ent in self.doc.ents:
            if ent.label_ not in (_PERSON, _ORG):
                continue
            # the model runs names across blank lines and page furniture; each side stands alone
            for run in self._runs(ent.start, ent.end):
                start, end = self._trim(*run)
                if end <= start:
                    continue
                if ent.label_ == _PERSON:
                    person = self._person(start, end)
                    if person:
                        found.append(person)
                else:
                    for part in self._parts(start, end):
                        found.extend(self._orgs(*part))
        return found

    def _person(self, start: int, end: int) -> _Candidate | None:
        doc, rules = self.doc, self.rules
        # a person's name stops at a possessive or a parenthesis
        parts = self._parts(start, end)
        if not parts:
            return None
        start, end = parts[0]
        # a title the model swept into the name is a role, found again by _role_before
        while end - start > 1:
            phrase = self._phrase_starting_at(start)
            if phrase and end - start > phrase:
                start += phrase
            elif doc[start].lower_ in rules.title_words:
                start += 1
            else:
                break
        if end <= start:
            return None
        tokens = doc[start:end]
        if not any(_is_capitalised(t) for t in tokens):
            return None  # "marijuana": a person's name is capitalised
        if any(t.like_num for t in tokens):
            return None
        return _Candidate(start, end, _PERSON)

    def _orgs(self, start: int, end: int) -> list[_Candidate]:
        doc, rules = self.doc, self.rules
        if end <= start:
            return []
        words = [t.lower_ for t in doc[start:end]]
        if words[0] in rules.credit_words or words[-1] in rules.credit_words:
            return []  # "FBI Image": a photo credit, not the article naming the FBI
        if self._is_credited(end):
            return []
        if len(words) > 1 and words[0] in rules.not_org_first_words:
            return []  # "Operation SpecTor" is an operation
        if all(i in self.in_title_phrase for i in range(start, end)):
            return []
        # "FBI Director" before a name: the title belongs to the person, not the organisation
        if end < len(doc) and self.ent_label[end] == _PERSON:
            while end - start > 1 and doc[end - 1].lower_ in rules.title_words:
                end -= 1
        if " ".join(t.lower_ for t in doc[start:end]) in rules.generic_heads:
            return []  # a bare "Bureau" refers back to something; it does not name it
        if not any(_is_capitalised(t) for t in doc[start:end]):
            return []
        if end - start == 1 and self._is_place_modifier(doc[start]):
            return []
        head = doc[start]
        rest = doc[start + 1 : end]
        if (
            ALL_CAPS_ACRONYM.match(head.text)
            and len(rest) >= 2
            and all(_is_capitalised(t) for t in rest)
            and rest[0].lower_ not in rules.title_words
        ):
            # "IRS Criminal Investigation": an acronym naming its parent, like "IRS’s Criminal ..."
            return [_Candidate(start, start + 1, _ORG), _Candidate(start + 1, end, _ORG)]
        return [_Candidate(start, end, _ORG)]

    def _is_credited(self, end: int) -> bool:
        """True when the name is followed by a credit word ending its line: "FBI Image"."""
        doc = self.doc
        if end >= len(doc) or doc[end].lower_ not in self.rules.credit_words:
            return False
        after = end + 1
        return after == len(doc) or doc[after].is_space or "\n" in doc[end].whitespace_

    def _is_place_modifier(self, token: Token) -> bool:
        """True for a name coordinated with a place and modifying a common noun, as "Sinaloa" in
        "the Sinaloa and Jalisco drug cartels": it names a place, as its conjunct does."""
        if token.dep_ not in ("compound", "nmod", "amod") or token.head.pos_ != "NOUN":
            return False
        conjuncts = [c for c in token.children if c.dep_ == "conj"]
        return any(self.ent_label[c.i] == "GPE" for c in conjuncts)

    # -- in-text acronym definitions -------------------------------------------------------------

    def definitions(self) -> list[tuple[_Candidate, int]]:
        """Each in-text definition "Long Name (ACRONYM)": the long name, and its "(" token."""
        doc = self.doc
        found: list[tuple[_Candidate, int]] = []
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(" or doc[i + 2].text != ")":
                continue
            acronym = doc[i + 1].text
            if not _ACRONYM_TOKEN.match(acronym) or any(self.skipped[i : i + 3]):
                continue
            start = self._long_name_start(i, acronym)
            if start is not None:
                found.append((_Candidate(start, i, _ORG, acronym=acronym), i))
        return found

    def _long_name_start(self, paren: int, acronym: str) -> int | None:
        doc, rules = self.doc, self.rules
        # the run of capitalised words and connectors that ends at the parenthesis
        start = paren
        while start > 0:
            token = doc[start - 1]
            if self.skipped[start - 1] or token.is_space or "\n" in token.whitespace_:
                break
            is_name_word = _is_capitalised(token) and any(c.isalpha() for c in token.text)
            if not is_name_word and token.lower_ not in rules.connectors:
                break
            start -= 1
        words = [t.text for t in doc[start:paren]]
        # candidate long names start at a content word; the best fit covers most of its words
        best: tuple[float, int, int] | None = None
        for offset, word in enumerate(words):
            if word.lower() in rules.connectors or word.lower() in rules.determiners:
                continue
            tail = words[offset:]
            content = [w for w in tail if w.lower() not in rules.connectors]
            if len(tail) < 2:
                continue
            covered = _acronym_fit(acronym, tail, rules.connectors)
            if covered is None or covered * 2 < len(content):
                continue
            score = (covered / len(content), len(tail), start + offset)
            if best is None or score[:2] > best[:2]:
                best = score
        if best is not None:
            return best[2]
        if sum(c.isupper() for c in acronym) < 2:
            # "Europol" is clipped, not initials: accept the whole run it begins like
            for offset, word in enumerate(words):
                if len(words) - offset >= 2 and word[:3].lower() == acronym[:3].lower():
                    return start + offset
        return None

    def acronym_uses(self, definitions: list[tuple[_Candidate, int]]) -> list[_Candidate]:
        """Every other use of an acronym the article defines ("JCODE’s approach", "DOJ Says")."""
        defined = {cand.acronym for cand, _ in definitions}
        inside = {paren + 1 for _, paren in definitions}
        return [
            _Candidate(t.i, t.i + 1, _ORG)
            for t in self.doc
            if t.text in defined and t.i not in inside and not self.skipped[t.i]
        ]

    def surname_uses(self, persons: list[_Candidate]) -> list[_Candidate]:
        """A bare surname the model missed ("Peck dispensed …") after the full name was found."""
        doc = self.doc
        surnames = {doc[c.end - 1].text for c in persons if c.end - c.start >= 2}
        found = []
        for t in doc:
            if t.text not in surnames or self.skipped[t.i] or t.tag_ != "NNP" or t.ent_type_:
                continue
            before = doc[t.i - 1] if t.i > 0 else None
            after = doc[t.i + 1] if t.i + 1 < len(doc) else None
            # a capitalised neighbour means a different, longer name the model did not see
            if before is not None and before.tag_ == "NNP" and _is_capitalised(before):
                continue
            if after is not None and after.tag_ == "NNP" and _is_capitalised(after):
                continue
            found.append(_Candidate(t.i, t.i + 1, _PERSON))
        return found

    # -- roles -----------------------------------------------------------------------------------

    def _phrase_ending_at(self, i: int) -> int:
        """Length of the longest title phrase ("attorney general") ending at token i, or 0."""
        word = self.lower[i]
        for phrase in self.rules.title_phrases:
            n = len(phrase)
            if phrase[-1] != word or i - n + 1 < 0:
                continue
            if tuple(self.lower[i - n + 1 : i + 1]) == phrase:
                return n
        return 0

    def _phrase_starting_at(self, i: int) -> int:
        """Length of the longest title phrase starting at token i, or 0."""
        word = self.lower[i]
        for phrase in self.rules.title_phrases:
            n = len(phrase)
            if phrase[0] == word and tuple(self.lower[i : i + n]) == phrase:
                return n
        return 0

    def _is_org_word(self, token: Token) -> bool:
        return (
            self.ent_label[token.i] in (_ORG, "GPE", "NORP")
            or bool(ALL_CAPS_ACRONYM.match(token.text))
            or (token.tag_ in ("NNP", "NNPS") and _is_capitalised(token))
        )

    def _role_before(self, start: int) -> str | None:
        """A title before the name: "FBI Deputy Director" in "FBI Deputy Director Paul Abbate"."""
        doc, rules = self.doc, self.rules
        i = start - 1
        first: int | None = None
        while i >= 0:
            token = doc[i]
            if self.skipped[i] or token.is_space or token.is_punct or "\n" in token.whitespace_:
                break
            n = self._phrase_ending_at(i)
            if n:
                first, i = i - n + 1, i - n
                continue
            if token.lower_ in rules.title_heads or (
                first is not None and token.lower_ in rules.title_modifiers
            ):
                first, i = i, i - 1
                continue
            if first is not None and self._is_org_word(token):
                first, i = i, i - 1
                continue
            break
        if first is None:
            return None
        return _SPACES.sub(" ", doc[first:start].text)

    def _role_after(self, end: int) -> str | None:
        """An apposition whose noun is a title: "DEA administrator" in "Anne Milgram, DEA
        administrator, said"."""
        doc, rules = self.doc, self.rules
        if end + 1 >= len(doc) or doc[end].text != ",":
            return None
        i = end + 1
        if doc[i].lower_ in rules.determiners:
            i += 1
        first = i
        while i < len(doc):
            token = doc[i]
            if (
                self.skipped[i]
                or token.is_space
                or (token.text in _ROLE_STOP_PUNCT and not self._is_possessive(i))
                or token.lower_ in rules.apposition_stops
                or (token.is_sent_start and i > first)
            ):
                break
            i += 1
        last = i
        # the noun phrase before the first preposition must end in a title word
        head_end = first
        while head_end < last and doc[head_end].pos_ != "ADP":
            head_end += 1
        if head_end == first:
            return None
        nominal = doc[first:head_end]
        ends_in_title = nominal[-1].lower_ in rules.title_heads or self._phrase_ending_at(
            head_end - 1
        )
        if not ends_in_title:
            return None
        if not all(
            t.lower_ in rules.title_words or self._is_org_word(t) or t.text in _POSSESSIVES
            for t in nominal
        ):
            return None
        return _SPACES.sub(" ", doc[first:last].text)

    def role(self, candidate: _Candidate) -> str | None:
        return self._role_before(candidate.start) or self._role_after(candidate.end)


def _acronym_fit(acronym: str, words: list[str], connectors: frozenset[str]) -> int | None:
    """How many content words the acronym's letters draw on, if it spells out `words` at all.

    Each word lends a prefix of itself (the first word at least its initial; any other word may
    lend nothing), so "DOJ" fits "Department of Justice" and "EC3" fits "European Cybercrime
    Centre"; digits are ignored.
    """
    letters = "".join(c for c in acronym.lower() if c.isalpha())
    spelled = [
        ("".join(c for c in w.lower() if c.isalpha()), w.lower() in connectors) for w in words
    ]
    if not letters:
        return None
    memo: dict[tuple[int, int], int | None] = {}

    def fit(i: int, j: int) -> int | None:
        if (i, j) in memo:
            return memo[i, j]
        if j == len(spelled):
            result = 0 if i == len(letters) else None
        else:
            word, is_connector = spelled[j]
            options = [fit(i, j + 1)] if j > 0 else []
            for k in range(1, len(word) + 1):
                if letters[i : i + k] != word[:k]:
                    break
                rest = fit(i + k, j + 1)
                if rest is not None:
                    options.append(rest + (0 if is_connector else 1))
            found = [o for o in options if o is not None]
            result = max(found) if found else None
        memo[i, j] = result
        return result

    return fit(0, 0)


def _overlaps(a: _Candidate, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def find_mentions(doc: Doc, rules: EntityRules, skip: Skip = lambda s, e: False) -> list[Mention]:
    """PERSON and ORG mentions in one parsed Doc (base pipeline already run), NER mistakes fixed,
    with role titles and in-text acronym definitions. `skip(start_char, end_char)` is True for
    boilerplate ranges: no mention may come from there. Mention.article is left ''; offsets are
    character offsets into doc.text and Mention.text == doc.text[start:end]."""
    finder = _MentionFinder(doc, rules, skip)
    definitions = finder.definitions()
    candidates = finder.ner_candidates()
    # a definition is the better reading of whatever the model made of that stretch
    for definition, paren in definitions:
        candidates = [c for c in candidates if not _overlaps(c, definition.start, paren + 3)]
    candidates.extend(d for d, _ in definitions)
    for extra in finder.acronym_uses(definitions):
        if not any(_overlaps(c, extra.start, extra.end) for c in candidates):
            candidates.append(extra)
    persons = [c for c in candidates if c.label == _PERSON]
    for extra in finder.surname_uses(persons):
        if not any(_overlaps(c, extra.start, extra.end) for c in candidates):
            candidates.append(extra)

    mentions: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for cand in sorted(candidates, key=lambda c: (c.start, c.end)):
        span = doc[cand.start : cand.end]
        start, end = span.start_char, span.end_char
        if (start, end) in seen or any(finder.skipped[cand.start : cand.end]):
            continue
        seen.add((start, end))
        role = finder.role(cand) if cand.label == _PERSON else None
        mentions.append(
            Mention(
                article="",
                start=start,
                end=end,
                text=finder.text[start:end],
                label=cand.label,
                role=role,
                acronym=cand.acronym,
            )
        )
    return mentions
