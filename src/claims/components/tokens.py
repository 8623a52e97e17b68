"""Token-level helpers and patterns the claims components share."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# "$", "US$", "C$", "USD": a currency written as a sign or a code
SYMBOLIC = re.compile(r"^[^\w\s]|^[A-Z]{1,3}[^\w\s]$|^[A-Z]{3}$")
# "12C", "2.5kg", "25.5″": letters written onto a number
GLUED_UNIT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)([^\W\d_][^\W\d]*|°[CF]|″|′)$")
# the words that join the numbers of a list ("7-, 8- or 9-inch")
LIST_WORDS = (",", "or", "and", "to")
LAST_YEAR = 2200  # "by 2120": the latest year a news text plausibly names
_TEXT = ("claims", "text")  # doc.user_data key of the memo text_of keeps


def text_of(doc: Doc) -> str:
    """doc.text, joined once per Doc: Doc.text joins every token on each access, and most
    components and the extraction after them read it."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def in_sentences(doc: Doc, spans: Iterable[Span]) -> Iterator[tuple[Span, Span]]:
    """(sentence, span) for spans in text order, each within one sentence."""
    sents = iter(doc.sents)
    sent = None
    for span in spans:
        while sent is None or sent.end <= span.start:
            sent = next(sents)
        yield sent, span


def root_of(doc: Doc, start: int, end: int) -> Token:
    """The token of doc[start:end] whose head lies outside it (the last such one)."""
    inside = range(start, end)
    return next((doc[k] for k in reversed(inside) if doc[k].head.i not in inside), doc[end - 1])


def after_verb(doc: Doc, i: int, lemmas: frozenset[str]) -> bool:
    """One of the verbs `lemmas` in the few tokens up to token i: 'rose from', 'having grown by'."""
    return any(t.lemma_.lower() in lemmas for t in doc[max(0, i - 3) : i + 1])


def measured_from(anchor: Token, directions: frozenset[str]) -> list[Token] | None:
    """A distance's direction words: None when the figure (whose root token is `anchor`) is
    no distance in a direction; else the "of"/"from" of the place it is measured from, if
    named ('3 miles north of the town', '13 miles from the city'; none in '2 km away')."""
    head = anchor.head
    if anchor.dep_ == "npadvmod" and head.lower_ in directions:
        preps = [head] if head.pos_ == "ADP" else [
            c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from")]
        if preps:
            return preps
        after = _direction_after(anchor, directions)
        return [] if after is None else [after]
    after = _direction_after(anchor, directions)
    return None if after is None else [after]


def _direction_after(unit: Token, directions: frozenset[str]) -> Token | None:
    """'five miles east southeast of the town': the "of" or "from" after the direction words
    that follow a figure's last token. Read from the words, as the parser often hangs a
    spaced compass point ("east southeast") away from the figure."""
    doc = unit.doc
    j = k = unit.i + 1
    while k < len(doc) and k - j < 2 and doc[k].lower_ in directions:
        k += 1
    return doc[k] if j < k < len(doc) and doc[k].lower_ in ("of", "from") else None


def is_pronoun(tok: Token) -> bool:
    """'those', 'which', 'them', 'this': a pronoun or a determiner standing alone refers to a
    noun named elsewhere; it is no concept of its own."""
    return tok.pos_ in ("PRON", "DET") or tok.tag_ in ("PRP", "WDT", "WP", "DT", "EX")


def scope_phrase(span: Span) -> str:
    """A scope phrase as a reader sees it: 'overseas', 'in the U.S.', 'last year's operation'."""
    if len(span) == 1:
        return span[0].lower_
    text = " ".join(span.text.strip(" ,;").split())
    return text[0].lower() + text[1:]
