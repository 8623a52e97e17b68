"""Quotations in one parsed Doc and who says them: quotation marks read paragraph by paragraph,
each quotation attributed from the parse ("…,” said Garland", "Wray said: “…”", "he added").
Compared across articles in `claims.reconcile.quotes`."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claims.components.tokens import text_of
from claims.resources import load_json, models_dir
from claims.types import Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

RULES_FILE = "quotes.json"

_PERSON = "PERSON"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")
_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
_TERMINAL = ".!?…"
_ATTRIBUTION_ENDS = ",.!?…—–-"  # how a quotation followed by "said X" may end
_OPENING_PUNCT = "([{—–-/"


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class QuoteRules:
    """The lexical data quotation finding and reconciliation apply (models/quotes.json)."""

    speech_verbs: frozenset[str]
    person_pronouns: frozenset[str]
    source_phrases: tuple[tuple[str, ...], ...]
    double_marks: tuple[tuple[str, str], ...]
    single_marks: tuple[tuple[str, str], ...]
    similarity: float
    min_words: int
    min_run_words: int
    what_words: int
    min_blank_tail: int
    role_ignore: frozenset[str]
    role_rank_words: frozenset[str]
    role_abbreviations: tuple[tuple[str, str], ...]

    @classmethod
    def load(cls, directory: Path | None = None) -> QuoteRules:
        """Read `quotes.json` from `directory` (default: the shipped models/).

        Loaded once per directory and process: the rules are data shipped with the package.
        """
        return _load_rules((directory or models_dir()).resolve())


def _section(data: dict, path: Path | str, name: str, key: str,
             kind: type | tuple[type, ...]) -> object:
    section = data.get(name)
    value = section.get(key) if isinstance(section, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool):
        expected = f"a {kind.__name__}" if isinstance(kind, type) else " or ".join(
            k.__name__ for k in kind
        )
        raise ValueError(f"{path}: expected {name}.{key} to be {expected}, got {value!r}")
    return value


def _strings(data: dict, path: Path | str, name: str, key: str) -> list[str]:
    values = _section(data, path, name, key, list)
    if not all(isinstance(v, str) and v for v in values):
        raise ValueError(f"{path}: expected {name}.{key} to be a list of strings, got {values!r}")
    return values


def _pairs(data: dict, path: Path | str, key: str) -> tuple[tuple[str, str], ...]:
    values = _section(data, path, "quotation_marks", key, list)
    if not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(m, str) and len(m) == 1 for m in p)
        for p in values
    ):
        raise ValueError(
            f"{path}: expected quotation_marks.{key} to be [opening, closing] pairs of single "
            f"characters, got {values!r}"
        )
    return tuple((p[0], p[1]) for p in values)


@cache
def _load_rules(directory: Path) -> QuoteRules:
    return quote_rules(load_json(RULES_FILE, directory), directory / RULES_FILE)


def quote_rules(data: Any, path: Path | str) -> QuoteRules:
    """QuoteRules from the data of quotes.json; `path` names it in errors."""
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object, got {type(data).__name__}")
    abbreviations = _section(data, path, "roles", "abbreviations", dict)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in abbreviations.items()):
        raise ValueError(f"{path}: expected roles.abbreviations to map strings to strings")
    similarity = float(_section(data, path, "matching", "similarity", (int, float)))
    if not 0 < similarity <= 1:
        raise ValueError(f"{path}: matching.similarity must be in (0, 1], got {similarity}")
    return QuoteRules(
        speech_verbs=frozenset(w.lower() for w in _strings(data, path, "speech_verbs", "lemmas")),
        person_pronouns=frozenset(
            w.lower() for w in _strings(data, path, "person_pronouns", "words")
        ),
        source_phrases=tuple(
            tuple(p.lower().split()) for p in _strings(data, path, "source_phrases", "phrases")
        ),
        double_marks=_pairs(data, path, "double"),
        single_marks=_pairs(data, path, "single"),
        similarity=similarity,
        min_words=int(_section(data, path, "matching", "min_words", int)),
        min_run_words=int(_section(data, path, "matching", "min_run_words", int)),
        what_words=int(_section(data, path, "matching", "what_words", int)),
        min_blank_tail=int(_section(data, path, "captions", "min_blank_tail", int)),
        role_ignore=frozenset(w.lower() for w in _strings(data, path, "roles", "ignore")),
        role_rank_words=frozenset(w.lower() for w in _strings(data, path, "roles", "rank_words")),
        role_abbreviations=tuple(sorted((k.lower(), v.lower()) for k, v in abbreviations.items())),
    )


def quote_id(article: str, start: int, end: int) -> str:
    """Stable across runs: depends only on where the quotation is."""
    return "q" + hashlib.sha1(f"{article}\0{start}\0{end}".encode()).hexdigest()[:12]


# --------------------------------------------------------------------------- quotation marks


@dataclass
class _Span:
    """One quotation in the text, before attribution."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the paragraph ended first
    start: int  # the quoted words
    end: int
    paragraph: int
    raw_last: str  # last non-space character inside the marks, before a trailing comma is cut
    speaker: Mention | None = None


def _after_span(span: _Span) -> int:
    """The offset just past the quotation, its closing mark included."""
    return (span.close if span.close is not None else span.end) + 1


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each blank-line separated block that holds any text."""
    found = []
    position = 0
    for separator in [*_BLANK_LINE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        if text[position:end].strip():
            found.append((position, end))
        position = separator.end() if separator else end
    return found


class _MarkScanner:
    """Pairs quotation marks paragraph by paragraph.

    A quotation never runs past its paragraph: news style leaves the closing mark off a paragraph
    whose quotation goes on in the next one, which then opens again.
    """

    def __init__(self, text: str, rules: QuoteRules) -> None:
        self.text = text
        self.double_open = {o for o, _ in rules.double_marks}
        self.double_close = {c for _, c in rules.double_marks}
        self.single_close = {o: c for o, c in rules.single_marks}
        self.single_marks = set(self.single_close) | set(self.single_close.values())

    def spans(self, paragraphs: list[tuple[int, int]]) -> list[_Span]:
        found: list[_Span] = []
        for index, (p_start, p_end) in enumerate(paragraphs):
            found.extend(self._paragraph(index, p_start, p_end))
        return found

    def _paragraph(self, index: int, p_start: int, p_end: int) -> list[_Span]:
        doubles = self._doubles(index, p_start, p_end)
        # single marks count only outside double quotations, where they are nested quotes
        inside = [(s.open, _after_span(s)) for s in doubles]
        singles = self._singles(index, p_start, p_end, inside)
        return sorted(doubles + singles, key=lambda s: s.open)

    def _flanks(self, i: int, p_start: int, p_end: int) -> tuple[bool, bool, str]:
        """Whether the mark at i touches the word before and the word after, and what follows."""
        text = self.text
        before = text[i - 1] if i > p_start else " "
        after = text[i + 1] if i + 1 < p_end else " "
        return not (before.isspace() or before in _OPENING_PUNCT), not after.isspace(), after

    def _doubles(self, index: int, p_start: int, p_end: int) -> list[_Span]:
        found: list[_Span] = []
        opened: int | None = None
        for i in range(p_start, p_end):
            ch = self.text[i]
            if ch not in self.double_open and ch not in self.double_close:
                continue
            glued_before, glued_after, after = self._flanks(i, p_start, p_end)
            if opened is None:
                # a mark glued to the word before it and followed by a space only closes
                if not (glued_before and not glued_after):
                    opened = i
            elif self._closes(ch, glued_before, glued_after, after):
                found.extend(self._content(index, opened, i, i))
                opened = None
            else:
                # a new quotation opens: the one before was never closed
                found.extend(self._content(index, opened, None, i))
                opened = i
        if opened is not None:
            found.extend(self._content(index, opened, None, p_end))
        return found

    def _singles(self, index: int, p_start: int, p_end: int,
                 inside: list[tuple[int, int]]) -> list[_Span]:
        found: list[_Span] = []
        opened: tuple[int, str] | None = None  # offset and closing mark
        for i in range(p_start, p_end):
            ch = self.text[i]
            if ch not in self.single_marks or any(s <= i < e for s, e in inside):
                continue
            glued_before, _, after = self._flanks(i, p_start, p_end)
            # ‘ opens before a word; ’ closes after one and before no letter, so that
            # "That’s" and "Europol’s" are apostrophes
            if opened is None:
                if ch in self.single_close and not glued_before and after.isalnum():
                    opened = (i, self.single_close[ch])
            elif ch == opened[1] and glued_before and not after.isalnum():
                found.extend(self._content(index, opened[0], i, i))
                opened = None
        # an unclosed single mark was an apostrophe ('tis, ’90s), not a quotation
        return found

    def _closes(self, ch: str, glued_before: bool, glued_after: bool, after: str) -> bool:
        if ch in self.double_close and ch not in self.double_open:
            # ” closes unless it is glued only to the next word, as an opening mark would be
            return glued_before or not glued_after
        if ch in self.double_open and ch not in self.double_close:
            # “ written by mistake for ”: followed by a space ("lives, “ FBI Director …"), or
            # glued to both sides and running on in lowercase ("lives,“said …")
            return not glued_after or (glued_before and after.islower())
        # a straight mark closes unless it opens the next word after a space
        return glued_before or not glued_after

    def _content(self, index: int, open_at: int, close_at: int | None, end: int) -> list[_Span]:
        text = self.text
        start = open_at + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        raw_last = text[end - 1] if end > start else ""
        # the comma before "said X" is the attribution's punctuation, not the speaker's
        if end > start and text[end - 1] == ",":
            end -= 1
            while end > start and text[end - 1].isspace():
                end -= 1
        if not any(c.isalnum() for c in text[start:end]):
            return []
        return [_Span(open_at, close_at, start, end, index, raw_last)]


# --------------------------------------------------------------------------- attribution


class _Attributor:
    """Finds the speaker of each quotation in one Doc from the dependency parse."""

    def __init__(self, doc: Doc, mentions: list[Mention], rules: QuoteRules) -> None:
        self.doc = doc
        self.rules = rules
        self.text = text_of(doc)
        self.paragraphs = _paragraphs(self.text)
        self.spans = _MarkScanner(self.text, rules).spans(self.paragraphs)
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.token_starts = [t.idx for t in doc]
        self.quoted = [(s.open, _after_span(s)) for s in self.spans]
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        self.closers = {c for _, c in (*rules.double_marks, *rules.single_marks)}
        self.captions = {
            i for i, (_, end) in enumerate(self.paragraphs) if self._is_caption(end)
        }

    # -- helpers ---------------------------------------------------------------------------------

    def _is_caption(self, p_end: int) -> bool:
        last_line = self.text[self.text.rfind("\n", 0, p_end) + 1 : p_end]
        tail = len(last_line) - len(last_line.rstrip(" "))
        return tail >= self.rules.min_blank_tail and bool(last_line.strip())

    def _in_quotation(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.quoted)

    def _paragraph_of(self, offset: int) -> int:
        return max(bisect_left(self.paragraph_starts, offset + 1) - 1, 0)

    def _tokens(self, start: int, end: int) -> list[Token]:
        """Non-space tokens lying wholly in [start, end)."""
        first = bisect_left(self.token_starts, start)
        found = []
        for token in self.doc[first:]:
            if token.idx + len(token) > end:
                break
            if not token.is_space:
                found.append(token)
        return found

    def _is_speech_verb(self, token: Token) -> bool:
        return token.lemma_.lower() in self.rules.speech_verbs and token.pos_ in ("VERB", "AUX")

    def _sourced(self, tokens: list[Token]) -> set[int]:
        """Token indices after "according to" and the like, up to the next comma."""
        out: set[int] = set()
        words = [t.lower_ for t in tokens]
        for phrase in self.rules.source_phrases:
            n = len(phrase)
            for k in range(len(words) - n + 1):
                if tuple(words[k : k + n]) != phrase:
                    continue
                j = k
                while j < len(tokens) and (j < k + n or tokens[j].text != ","):
                    out.add(tokens[j].i)
                    j += 1
        return out

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def _mention_at(self, token: Token) -> list[Mention]:
        return [m for m in self.mentions if m.start <= token.idx < m.end]

    # -- finding the speaker ---------------------------------------------------------------------

    def _antecedent(self, before: int) -> Mention | None:
        """The nearest person named before `before`, outside quotations and photo captions."""
        for m in reversed(self.mentions):
            if m.end > before or m.label != _PERSON:
                continue
            if self._in_quotation(m.start, m.end):
                continue
            if self._paragraph_of(m.start) in self.captions:
                continue
            return m
        return None

    def _subject(self, verb: Token) -> Token | None:
        # "… Smith said, adding …": a verb without its own subject borrows its head's
        for _ in range(3):
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects[0]
            if verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head is verb:
                return None
            verb = verb.head
        return None

    def _speaker(self, verb: Token, window: list[Token]) -> Mention | None:
        sourced = self._sourced(window)
        inside = {t.i for t in window} - sourced
        subject = self._subject(verb)
        if subject is not None and subject.i in inside:
            if subject.lower_ in self.rules.person_pronouns:
                return self._antecedent(subject.idx)
            if subject.pos_ == "PRON":
                return None  # "they said", "we said": no one to name
            own = self._mention_at(subject)
            if not own:
                left = subject.left_edge.idx
                right = subject.right_edge.idx + len(subject.right_edge)
                own = [
                    m for m in self._mentions_in(left, right)
                    if not any(t.i in sourced for t in self._tokens(m.start, m.end))
                ]
            return self._best(own, subject.idx)
        # no subject in the parse: the name nearest the verb in the attribution
        near = [
            m for m in self._mentions_in(window[0].idx, window[-1].idx + len(window[-1]))
            if not any(t.i in sourced for t in self._tokens(m.start, m.end))
        ]
        return self._best(near, verb.idx)

    @staticmethod
    def _best(mentions: list[Mention], near: int) -> Mention | None:
        if not mentions:
            return None
        return min(mentions, key=lambda m: (m.label != _PERSON, abs(m.start - near), m.start))

    # -- the two places an attribution sits ------------------------------------------------------

    def _after(self, k: int) -> Mention | None:
        """ “…,” said X / “…,” X said: the attribution follows the closing mark."""
        span = self.spans[k]
        if span.close is None:
            return None
        after_mark = self.text[span.close + 1 : span.close + 2]
        if span.raw_last not in _ATTRIBUTION_ENDS and after_mark != ",":
            return None  # "the ‘Dark Web’ drug sting, DOJ says" quotes a phrase, not a speaker
        limit = self.paragraphs[span.paragraph][1]
        if k + 1 < len(self.spans) and self.spans[k + 1].paragraph == span.paragraph:
            limit = self.spans[k + 1].open
        window = []
        for token in self._tokens(span.close + 1, limit):
            if token.text in _SENTENCE_ENDS:
                break
            window.append(token)
        verbs = [t for t in window if self._is_speech_verb(t)]
        if not verbs:
            return None
        verb = verbs[0]
        # "“…” Smith added that prices rose" reports other words; the quotation is not its object
        if any(c.dep_ == "ccomp" and c.i in {t.i for t in window} for c in verb.children):
            return None
        subject = self._subject(verb)
        allowed = {t.i for t in subject.subtree} if subject is not None else set()
        for token in window:
            if token.i == verb.i:
                break
            if token.i not in allowed and token.pos_ not in ("ADV", "PUNCT"):
                return None  # the verb does not begin the attribution
        return self._speaker(verb, window)

    def _before(self, k: int) -> Mention | None:
        """X said, “…” / X told reporters: “…”: the attribution ends at the opening mark."""
        span = self.spans[k]
        low = self.paragraphs[span.paragraph][0]
        if k > 0 and self.spans[k - 1].paragraph == span.paragraph:
            previous = self.spans[k - 1]
            low = _after_span(previous)
        window = self._tokens(low, span.open)
        for j in range(len(window) - 1, -1, -1):
            if window[j].text in _SENTENCE_ENDS:
                window = window[j + 1 :]
                break
        if not window:
            return None
        verbs = [t for t in window if self._is_speech_verb(t)]
        if not verbs:
            return None
        verb = verbs[-1]
        tail = window[[t.i for t in window].index(verb.i) + 1 :]
        if tail and tail[-1].text not in (",", ":"):
            return None  # "Garland said the operation was “historic”": reported speech
        if any(t.pos_ in ("VERB", "AUX") for t in tail):
            return None
        return self._speaker(verb, window)

    # -- continuations ---------------------------------------------------------------------------

    def _stands_alone(self, span: _Span) -> bool:
        """The quotation is a sentence of its own, not a phrase quoted inside one."""
        p_start = self.paragraphs[span.paragraph][0]
        before = self.text[p_start : span.open].rstrip()
        opens_sentence = not before or before[-1] in _TERMINAL or before[-1] in self.closers
        ends_sentence = span.close is None or span.raw_last in _TERMINAL
        return opens_sentence and ends_sentence

    def _continues(self, previous: _Span, span: _Span) -> bool:
        if previous.speaker is None or span.paragraph - previous.paragraph > 1:
            return False
        if not self._stands_alone(span):
            return False
        # someone else named in between may be the one speaking now
        gap_start = _after_span(previous)
        for m in self._mentions_in(gap_start, span.open):
            if (
                m.label == _PERSON
                and not self._in_quotation(m.start, m.end)
                and (m.start, m.end) != (previous.speaker.start, previous.speaker.end)
            ):
                return False
        return True

    def _previous(self, k: int) -> _Span | None:
        """The quotation before the k-th, passing over phrases quoted inside a sentence."""
        for j in range(k - 1, -1, -1):
            span = self.spans[j]
            if span.speaker is not None or self._stands_alone(span):
                return span
        return None

    def attribute(self) -> list[tuple[_Span, Mention]]:
        for k, span in enumerate(self.spans):
            span.speaker = self._before(k) or self._after(k)
            previous = self._previous(k)
            if span.speaker is None and previous is not None and self._continues(previous, span):
                span.speaker = previous.speaker
        # a paragraph left open goes on in the next one, whose attribution names the speaker
        for k in range(len(self.spans) - 2, -1, -1):
            span, following = self.spans[k], self.spans[k + 1]
            if (
                span.speaker is None
                and span.close is None
                and following.speaker is not None
                and following.paragraph == span.paragraph + 1
                and not self.text[self.paragraphs[following.paragraph][0] : following.open].strip()
            ):
                span.speaker = following.speaker
        return [(s, s.speaker) for s in self.spans if s.speaker is not None]


def find_quotes(doc: Doc, mentions: list[Mention], rules: QuoteRules) -> list[Quote]:
    """Quotations in one parsed Doc with their speaker. Quote.article is '' and id '' (the caller
    fills them); start/end are char offsets of the quoted words without the marks, text ==
    doc.text[start:end]; speaker_start/speaker_end are the offsets of the PERSON (or ORG) Mention
    the quote is attributed to, speaker_text its surface text; speaker stays None (filled after
    corpus-wide merging)."""
    text = text_of(doc)
    quotes = []
    # a quotation nobody is said to speak is a scare quote or a title: “Syntropy”
    for span, speaker in _Attributor(doc, mentions, rules).attribute():
        quotes.append(
            Quote(
                id="",
                article="",
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                speaker_text=speaker.text,
                speaker_start=speaker.start,
                speaker_end=speaker.end,
                line=text.count("\n", 0, span.start) + 1,
            )
        )
    return quotes
