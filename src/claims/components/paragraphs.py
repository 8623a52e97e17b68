"""claims_paragraphs: a sentence starts after each paragraph break, so a figure never borrows its
neighbour's words."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .tokens import text_of

_TERMINAL = set(".!?:;\"”’)")


class ParagraphsComponent:
    """Starts a sentence after each paragraph break: a figure never borrows its neighbour's words.

    News files put a paragraph on each line, and headlines and captions often lack a full stop:
    without this, "...16 years in prison\n\nIn Europe, ..." parses as one sentence. A blank line
    always breaks; a single newline breaks when the line before ends like a sentence or is short
    (a headline), so hard-wrapped prose still parses as prose.
    """

    def __init__(self, short_line: int) -> None:
        self.short_line = short_line

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        line_start = 0
        for tok in doc[:-1]:
            if "\n" not in tok.text and "\n" not in tok.whitespace_:
                continue
            nxt = doc[tok.i + 1]
            text_before = text[line_start : nxt.idx].strip()
            line_start = nxt.idx
            blank = (tok.text + tok.whitespace_).count("\n") >= 2 or tok.is_space
            ends = text_before[-1:] in _TERMINAL
            short = len(text_before.rsplit("\n", 1)[-1]) <= self.short_line
            if blank or ends or short:
                nxt.is_sent_start = True
        return doc


@Language.factory(
    "claims_paragraphs",
    requires=[],
    assigns=["token.is_sent_start"],
    default_config={"short_line": 60},
)
def make_paragraphs(nlp: Language, name: str, short_line: int) -> ParagraphsComponent:
    return ParagraphsComponent(short_line)
