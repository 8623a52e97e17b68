"""claims_holders: who or what each figure of `doc.spans["quantities"]` is about: `span._.holder`,
the noun phrase that holds the figure. "Jo Smith finished with 31 points" is about Jo Smith,
"Acme's revenue of $4 billion" about Acme, "the 14-inch model costs $1,049" about the 14-inch
model, "Acme shares fell 3%" about Acme, "Jo Smith, 38," about Jo Smith. Two figures of one
thing but of different holders are different facts (see README, "Where the sources agree or
disagree").

An age's holder is the person it is set beside. Any other holder is, in this order: the
possessor of what the figure measures or a proper name compounded with it; a named or numbered
thing after "for" ("1.4 kilograms for the 14-inch model"); the place a distance describes ("the
village, a small community 6 miles east of the dam"); the subject of the clause the figure is in
(through a relative pronoun to the noun it stands for); what the measured noun is "of". A
pronoun ("it", "he", "its") is no holder: the text names it elsewhere, and where is not read
here. Change holders here only: what a figure measures is fixed before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language

from .attributes import register_extensions
from .tokens import in_sentences, is_pronoun, root_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# heads walked up from a figure to the clause it is stated in
HOPS = 8
# the modifiers a holder's phrase keeps: "the new 14-inch Zephyr Pro" -> "new 14-inch Zephyr Pro"
_PHRASE_DEPS = frozenset({"compound", "amod", "nummod", "nmod", "npadvmod", "quantmod", "poss"})
_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
# entity labels that name a holder (not DATE, CARDINAL and the other figures)
_FIGURE_TOKENS = ("claims_holders", "figure tokens")  # doc.user_data key, for one Doc
_NAMES = frozenset({"PERSON", "ORG", "PRODUCT", "GPE", "NORP", "FAC", "LOC", "EVENT",
                    "WORK_OF_ART"})


class HoldersComponent:
    """Sets `span._.holder` on each figure in `doc.spans[spans_key]`."""

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        for _, span in in_sentences(doc, doc.spans.get(self.spans_key, [])):
            token = holder_of(span)
            if token is None:
                span._.holder = None
                continue
            phrase = phrase_of(token)
            if phrase.start < span.end <= phrase.end:  # "38-year-old Jo Smith": Jo Smith
                phrase = doc[span.end : phrase.end]
            span._.holder = phrase
        return doc


def holder_of(span: Span) -> Token | None:
    """The head token of the noun phrase the figure is about, or None when the text does not
    name it where the figure is stated (what the figure measures is never its holder)."""
    if span._.kind == "age" and (person := _aged(span)) is not None:
        return person
    nouns = [n for n in (span._.measured, span._.counted) if n is not None]
    found = _holder(span, nouns)
    return None if found is None or any(found.i == n.i for n in nouns) else found


def _aged(span: Span) -> Token | None:
    """The person an age is set beside ('Jo Smith, 38,') or written before ('38-year-old
    Jo Smith'): the age is theirs, though the age's `what` may name them too."""
    root = root_of(span.doc, span.start, span.end)
    head = root.head
    if root.dep_ in ("appos", "amod", "compound", "nummod", "npadvmod") and \
            head.i not in range(span.start, span.end) and head.ent_type_ == "PERSON" and \
            not head.conjuncts:  # "Smith and Jones, both 29,": one age, two people
        return head
    return None


def _holder(span: Span, nouns: list[Token]) -> Token | None:
    inside = range(span.start, span.end)
    root = root_of(span.doc, span.start, span.end)
    for noun in nouns:
        if any(c.dep_ == "poss" and is_pronoun(c) for c in noun.children):
            return None  # "its 10,500 employees": whose, the text said before
        owner = _owner(noun, inside)
        if owner is not None:
            return owner
    named = _named_for(root, inside)
    if named is not None:
        return named
    if root.dep_ == "npadvmod" and root.head.pos_ in ("ADV", "ADP") and \
            root.head.head.pos_ in ("NOUN", "PROPN"):
        # "the village, a small community 6 miles east of the dam": the village is 6 miles east
        noun = root.head.head
        return _named(noun.head if noun.dep_ == "appos" else noun, inside)
    found, subject = _subject(root, inside, {n.i for n in nouns})
    if found:
        return subject
    for noun in nouns:
        owner = _of(noun, inside)
        if owner is not None:
            return owner
    return None


def _subject(root: Token, inside: range, measured: set[int]) -> tuple[bool, Token | None]:
    """The subject of the clause the figure (whose root token is `root`) is stated in, if the
    clause has one: (True, the holder it names, or None for a pronoun), else (False, None)."""
    node = root
    for _ in range(HOPS):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
                return True, _named(node.head, inside)  # "the model, priced at $999"
            continue
        if subject.lower_ in _RELATIVE and node.dep_ == "relcl":
            subject = node.head  # "the base model that will have 4 GB"
        if subject.i in inside or subject.i in measured:
            # "Net income was $310 million": the subject is what is measured; its owner holds it
            return True, _owner(subject, inside) or _of(subject, inside)
        return True, _named(subject, inside)
    return False, None


def _named_for(root: Token, inside: range) -> Token | None:
    """'weighs 1.4 kilograms for the 14-inch model': a named or numbered thing after 'for' (a
    plain noun after it is a purpose more often: '$45,000 for information')."""
    for node in (root, root.head):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "for" and child.i not in inside:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and _named(obj, inside) is not None and \
                        holder_key(phrase_of(obj)):
                    return obj
    return None


def _owner(noun: Token, inside: range) -> Token | None:
    """'Acme's revenue', 'Acme shares': who a measured noun belongs to, by possessive or name."""
    for child in noun.children:
        if child.i in inside:
            continue
        if child.dep_ == "poss" and not is_pronoun(child):
            return child
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return child
    return None


def _of(noun: Token, inside: range) -> Token | None:
    """'the price of the new model': what a measured noun is of."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.i not in inside and obj.pos_ in ("NOUN", "PROPN"):
                return _named(obj, inside)
    return None


def _named(token: Token, inside: range) -> Token | None:
    """The token, unless it is a pronoun or part of a figure ('850 kilograms', 'up to 1,000
    times' are no holders)."""
    if token.i in inside or is_pronoun(token) or token.pos_ not in ("NOUN", "PROPN") or \
            token.i in _figure_tokens(token.doc):
        return None
    return token


def phrase_of(token: Token) -> Span:
    """The holder's phrase: its head and the modifiers before it ('the new 14-inch Zephyr Pro'
    -> 'new 14-inch Zephyr Pro'; 'Acme's' -> 'Acme'), through its conjuncts ('Interpol and
    Europol': both hold the figure)."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in _PHRASE_DEPS and child.dep_ != "poss":
            start = min(start, child.left_edge.i)
    doc = token.doc
    while start < token.i and (doc[start].is_punct or doc[start].pos_ == "DET"):
        start += 1
    end = max((c.i for c in token.conjuncts if c.i > token.i and c.pos_ in ("NOUN", "PROPN")),
              default=token.i) + 1
    return doc[start:end]


def holder_key(holder: Span) -> tuple[str, ...]:
    """The words that tell this holder from another: names the entity recogniser found and
    model numbers ('13-inch', 'iPhone 5'), lower-cased. A holder of common words alone ('the
    company') has none: it could be the same as any other. (A capital alone is no name: it
    starts sentences and headlines.)"""
    figures = _figure_tokens(holder.doc)
    return tuple(sorted({t.lower_ for t in holder if t.ent_type_ in _NAMES or (
        any(ch.isdigit() for ch in t.text) and figures.get(t.i, "[length]") == "[length]")}))


def _figure_tokens(doc: Doc) -> dict[int, str]:
    """Token -> the dimension of the figure it is part of. A size names a variant ('the 13-inch
    model'); other figures in a holder's phrase ('the 5.1-magnitude temblor') are facts the
    sources may disagree on, not names."""
    cached = doc.user_data.get(_FIGURE_TOKENS)
    if cached is None:
        cached = doc.user_data[_FIGURE_TOKENS] = {
            i: span._.dimension for span in doc.spans.get("quantities", [])
            for i in range(span.start, span.end)}
    return cached


@Language.factory(
    "claims_holders",
    requires=["doc.spans", "span._.measured", "span._.counted"],
    assigns=["span._.holder"],
    default_config={"spans_key": "quantities"},
)
def make_holders(nlp: Language, name: str, spans_key: str) -> HoldersComponent:
    return HoldersComponent(spans_key)
