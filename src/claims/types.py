"""Result types that cross module boundaries: plain data, no spaCy or Pint objects."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

QUALIFIERS = ("exact", "approximately", "more_than", "at_least", "less_than", "at_most", "range")


def _shallow(obj: Any) -> dict[str, Any]:
    """A dataclass as a dict of its fields, one level deep. dataclasses.asdict deep-copies every
    value, which dominates the cost of writing a large corpus's output."""
    names = _FIELD_NAMES.get(type(obj))
    if names is None:
        names = _FIELD_NAMES[type(obj)] = tuple(f.name for f in fields(obj))
    out = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = list(value) if isinstance(value, (list, tuple)) else value
    return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _from_dict(cls, data: dict[str, Any]):
    """Build a dataclass from a dict, ignoring keys it does not know (the contract may grow)."""
    known = _FIELD_NAMES.get(cls)
    if known is None:
        known = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Article:
    """One input file: where it is, what it decoded to, and which parts are page furniture."""

    path: str  # relative to the corpus root, "/"-separated
    sha256: str  # of the file's bytes
    text: str = ""  # the decoded text; every offset the project prints points into it
    encoding: str | None = None
    story: str = ""  # the folder the article sits in, relative to the root ("" for the root)
    boilerplate: list[tuple[int, int]] = field(default_factory=list)  # [start, end) ranges
    errors: list[str] = field(default_factory=list)  # why the article could not be processed
    warnings: list[str] = field(default_factory=list)  # problems that did not stop it
    duplicate_of: str | None = None  # path of an earlier article with the same bytes
    # Where it was read from, as the user named it: for messages only, never in the output or
    # the cache, since it depends on where the command ran.
    file: str = ""

    def is_boilerplate(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps any boilerplate range."""
        return any(s < end and start < e for s, e in self.boilerplate)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "story": self.story,
            "encoding": self.encoding,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "duplicate_of": self.duplicate_of,
            "boilerplate": [list(r) for r in self.boilerplate],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        article = _from_dict(cls, data)
        article.boilerplate = [tuple(r) for r in article.boilerplate]
        return article


@dataclass(frozen=True, slots=True)
class What:
    """What a figure measures or counts: one or more terms, each the lemmas of a noun phrase
    (its noun compounds, then its head: `("field", "office")`), and whether the text offers them
    as alternatives ("fentanyl or fentanyl-laced narcotics") rather than together ("pills and
    other drugs"). Written as in the JSON contract: 'field office', 'pill and drug'."""

    terms: tuple[tuple[str, ...], ...]
    either: bool = False

    def __str__(self) -> str:
        return (" or " if self.either else " and ").join(" ".join(t) for t in self.terms)

    @classmethod
    def word(cls, word: str) -> What:
        """A single noun or lemma: 'arrest', 'point'."""
        return cls(((word,),))

    @classmethod
    def parse(cls, text: str) -> What:
        """The contract's written form read back: 'pill and drug' -> ((pill,), (drug,)). Terms
        are lemmas of single tokens, so ' and ' and ' or ' only ever join terms."""
        either = " or " in text
        parts = text.split(" or " if either else " and ")
        return cls(tuple(tuple(part.split(" ")) for part in parts), either)

    def to_record(self) -> dict[str, Any]:
        return {"terms": [list(t) for t in self.terms], "either": self.either}

    @classmethod
    def from_record(cls, data: str | dict[str, Any] | None) -> What | None:
        """From `to_record()`, or from the contract's string form."""
        if data is None:
            return None
        if isinstance(data, str):
            return cls.parse(data)
        return cls(tuple(tuple(t) for t in data["terms"]), bool(data.get("either", False)))


def scope_text(scope: tuple[str, ...]) -> str | None:
    """A claim's scope as the JSON contract writes it: its phrases joined with '; '."""
    return "; ".join(scope) if scope else None


@dataclass(slots=True)
class Normalized:
    """A quantity in its normalised unit (Pint base-ish unit, or an ISO 4217 code)."""

    value: float | None
    low: float | None
    high: float | None
    unit: str | None

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Normalized:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Holder:
    """Who or what a figure is about: the phrase as written, where it is, the words that tell
    it from another holder (proper names, model numbers), and its entity once resolved."""

    text: str
    start: int  # character offsets into the article's decoded text
    end: int
    key: tuple[str, ...] = ()
    entity: str | None = None  # the id of the person or organisation, when it is one

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Holder | None:
        if data is None:
            return None
        holder = _from_dict(cls, data)
        holder.key = tuple(holder.key)
        return holder


@dataclass(slots=True)
class Claim:
    """One quantity stated by one article."""

    id: str
    article: str
    start: int
    end: int
    text: str
    sentence: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None  # Pint unit name, ISO 4217 code for money, None for a bare count
    normalized: Normalized
    what: What | None
    # the phrases that narrow the figure ("overseas", "in the U.S."), in text order
    scope: tuple[str, ...] = ()
    # a tuple: most claims name no one, and every empty tuple is one object (a list is 72 bytes)
    entities: tuple[str, ...] = ()
    kind: str = "count"  # count | quantity | money | percent | fraction | age
    dimension: str | None = None  # "[mass]", "currency:USD", "count", ...
    stated_unit: str | None = None  # the unit as the text spells it ("pounds")
    line: int = 1  # 1-based line of `start` in the decoded text
    story: str = ""
    sentence_start: int = 0  # character offsets of `sentence` in the decoded text
    sentence_end: int = 0
    same_as: str | None = None  # the claim this restates in another unit: "500 kg (1,102 lb)"
    change: str | None = None  # up | down: a change ("rose 0.3%"), not a level
    per: str | None = None  # the figure is a rate per this ("barrel", "month", "share")
    holder: Holder | None = None  # who or what the figure is about

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract's form: `what` and `scope` as the strings a reader sees."""
        data = _shallow(self)
        data["holder"] = None if self.holder is None else self.holder.to_dict()
        data["what"] = None if self.what is None else str(self.what)
        data["scope"] = scope_text(self.scope)
        data["normalized"] = self.normalized.to_dict()
        return data

    def to_record(self) -> dict[str, Any]:
        """Everything, `what` and `scope` with their structure (what the cache keeps)."""
        data = self.to_dict()
        data["what"] = None if self.what is None else self.what.to_record()
        data["scope"] = list(self.scope)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """From `to_record()` or from the contract's form (whose scope is split at '; ')."""
        claim = _from_dict(cls, data)
        claim.normalized = Normalized.from_dict(data["normalized"])
        claim.entities = tuple(claim.entities)
        claim.what = What.from_record(data.get("what"))
        claim.holder = Holder.from_dict(data.get("holder"))
        scope = data.get("scope")
        claim.scope = tuple(scope.split("; ")) if isinstance(scope, str) else tuple(scope or ())
        return claim


@dataclass(slots=True)
class Mention:
    """One mention of a person or organisation in one article, before corpus-wide merging."""

    article: str
    start: int
    end: int
    text: str
    label: str  # PERSON | ORG
    role: str | None = None
    acronym: str | None = None  # defined in the text: "Long Name (ACRONYM)"

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Quote:
    """A quotation in one article and who it is attributed to."""

    id: str
    article: str
    start: int  # character offsets of the quoted words, without the quotation marks
    end: int
    text: str
    speaker: str | None = None  # canonical entity name, filled in when entities are merged
    speaker_text: str | None = None  # the speaker as the article names them ("Garland", "he")
    speaker_start: int | None = None  # offsets of the PERSON/ORG mention the quote is attributed to
    speaker_end: int | None = None
    line: int = 1

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Entity:
    """A person or organisation, once per corpus, with every name it goes by."""

    id: str
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    roles: list[str] = field(default_factory=list)  # every role stated, one per article wording
    articles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Finding:
    """The verdict on one thing that articles state a figure for."""

    id: str
    what: str
    verdict: str  # agree | disagree | single_source
    claims: list[str]  # claim ids (kind quantity); quote ids (kind quotation)
    explanation: str
    scope: str | None = None
    story: str = ""
    kind: str = "quantity"  # quantity | parts | role | quotation
    articles: list[str] = field(default_factory=list)
    entity: str | None = None  # the person, for role and quotation findings

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Quantity:
    """One figure a parsed Doc states, finished (`Doc._.quantities`): what becomes a Claim once it
    is known which article the Doc is."""

    start: int  # character offsets into doc.text; the qualifier ("more than") included
    end: int
    value: float | None  # as stated, in `unit` (cents are stored as dollars)
    low: float | None  # the interval the figure implies; None is an open end
    high: float | None
    qualifier: str
    unit: str | None  # Pint unit or ISO 4217 code
    currency: bool
    stated_unit: str | None  # the unit, or the counted words, as the text spells them
    kind: str  # count | quantity | money | percent | fraction | age
    what: What | None
    scope: tuple[str, ...]
    sent_start: int  # character offsets of the sentence
    sent_end: int
    normalized: Normalized
    dimension: str  # "[mass]", "currency:USD", "count"
    tokens: tuple[int, int] = (0, 0)  # token range in the Doc
    restates: tuple[int, int] | None = None  # (start, end) of the figure this one restates
    change: str | None = None  # up | down: the figure is a change ("rose 0.3%"), not a level
    per: str | None = None  # "barrel" of "$58.24 per barrel": the figure is a rate
    holder: Holder | None = None  # who or what the figure is about (offsets into doc.text)


@dataclass
class ArticleResult:
    """What extraction produced for one article (the unit that is cached and streamed)."""

    article: Article
    claims: list[Claim] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "claims": [c.to_record() for c in self.claims],
            "mentions": [m.to_dict() for m in self.mentions],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleResult:
        return cls(
            article=Article.from_dict(data["article"]),
            claims=[Claim.from_dict(c) for c in data["claims"]],
            mentions=[Mention.from_dict(m) for m in data["mentions"]],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
        )


@dataclass
class Result:
    """Everything one run produced over a corpus."""

    articles: list[Article] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # every kept mention, for the reconciler

    @property
    def failed(self) -> list[Article]:
        return [a for a in self.articles if a.errors]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "claims/1",
            "articles": [a.to_dict() for a in self.articles],
            "claims": [c.to_dict() for c in self.claims],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "findings": [f.to_dict() for f in self.findings],
        }
