"""claims_qualifiers: how exactly each figure of `doc.spans["quantities"]` is stated and whether
it is a change. Sets `span._.qualifier` ("more than", "about", a range), `span._.interval` (the
values the figure allows, in its unit: "850 kilograms" is 849.5-850.5), `span._.change` ("rose
0.3%" is a change, "to $2.3 billion" a level) and `span._.upper`, joining two figures written as
one range ("between 5% and 6%", "$3 billion to $5 billion")."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar

from spacy.language import Language

from ..numbers import Number, NumberPhrase
from .figure_reading import times
from .rules import RuleFiles, Sources, count_abbreviations, entries, from_to_verbs
from .tokens import after_verb, in_sentences, root_of, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Interval = tuple[float, float | None, float | None]  # value, low, high; None is an open end


@dataclass(frozen=True)
class QualifierRules:
    """The qualifier words and verbs of change of models/quantities.json."""

    qualifiers: dict[tuple[str, ...], str]  # ("more", "than") -> "more_than"
    tolerance: float  # how far "about" reaches either side, as a share of the value
    range_starts: frozenset[str]
    range_links: frozenset[str]
    change_verbs: dict[str, str]  # lemma -> up | down
    from_to_verbs: frozenset[str]  # after them "from 5 to 10" is a change and a level
    count_abbreviations: dict[str, str]  # "ppg" -> "point": what a box-score count counts

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> QualifierRules:
        change = data["change_verbs"]
        return cls(
            qualifiers={tuple(k.split()): v for k, v in entries(data["qualifiers"]).items()},
            tolerance=float(data["approximate_tolerance"]),
            range_starts=frozenset(data["range_starts"]),
            range_links=frozenset(data["range_links"]),
            change_verbs={lemma: way for way in ("up", "down") for lemma in change[way]},
            from_to_verbs=from_to_verbs(data),
            count_abbreviations={k: v[0] for k, v in count_abbreviations(data).items()},
        )


def interval(number: Number, qualifier: str, tolerance: float) -> tuple[float | None, float | None]:
    """The interval a stated number implies by its precision and its qualifier."""
    v, half = number.value, number.step / 2
    if qualifier == "exact":
        return v - half, v + half
    if qualifier == "approximately":
        return (v - half) * (1 - tolerance), (v + half) * (1 + tolerance)
    if qualifier == "nearly":
        return (v - half) * (1 - tolerance), v + half
    if qualifier in ("more_than", "at_least"):
        return v, None
    if qualifier in ("less_than", "at_most"):
        return None, v
    raise ValueError(f"unknown qualifier {qualifier!r}")


@dataclass
class _Figure:
    """What this component works out for one span, before it sets the span's attributes."""

    span: Span
    sent: Span
    unit: str | None
    kind: str
    text_end: int
    qualifier: str
    interval: Interval
    change: str | None
    upper: Span | None = None  # the figure stating the upper end of a range this one opens
    opener: Token | None = None  # "between", "from": the word opening such a range

    @property
    def key(self) -> tuple[int, int]:
        return self.span.start, self.span.end


def _share_changes(text: str, figures: list[_Figure]) -> None:
    """'lost 190 points, or 0.6%': a figure set beside a change with 'or' restates it."""
    for first, second in pairwise(figures):
        link = text[first.text_end : second.span[0].idx].strip(" ,").lower()
        if first.sent.start == second.sent.start and link == "or" and second.change is None:
            second.change = first.change


class QualifiersComponent(RuleFiles):
    """Sets the qualifier, interval and change of each figure in `doc.spans[spans_key]`."""

    SOURCES: ClassVar[Sources] = {"quantities.json": (
        "qualifiers", "approximate_tolerance", "range_starts", "range_links", "change_verbs",
        "motion_verbs", "count_abbreviations")}

    def __init__(self, spans_key: str, rules_dir: str | None) -> None:
        self.spans_key = spans_key
        super().__init__(rules_dir)

    def use(self, data: dict[str, dict[str, Any]]) -> None:
        self.rules = QualifierRules.from_data(data["quantities.json"])

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        figures, restating = [], []
        for sent, span in in_sentences(doc, spans):
            figure, restated = self._figure(doc, sent, span)
            figures.append(figure)
            restating.append(restated)
        _share_changes(text_of(doc), figures)
        self._join_ranges(doc, figures)
        # a figure restated after a range restates the whole range
        whole = {f.key: f for f in figures}
        whole.update({(f.upper.start, f.upper.end): f for f in figures if f.upper is not None})
        for f, restated in zip(figures, restating, strict=True):
            if restated is not None:
                self._take_from_restated(f, whole[restated.start, restated.end])
        for f in figures:
            a = f.span._
            a.qualifier, a.interval, a.change = f.qualifier, f.interval, f.change
            a.upper, a.opener = f.upper, f.opener
        return doc

    def _figure(self, doc: Doc, sent: Span, span: Span) -> tuple[_Figure, Span | None]:
        """What this component reads of the figure, and the figure it restates, if any."""
        a = span._
        num, hedge, unit, kind = a.number, a.hedge, a.unit, a.kind
        qualifier = "exact"
        if hedge is not None:
            qualifier = self.rules.qualifiers.get(tuple(t.lower_ for t in hedge), "exact")
        if num.hedge is not None:
            qualifier = num.hedge  # "~45g", "sub-300"
        factor = unit.factor if unit is not None else 1.0
        if num.high is not None:
            qualifier = "range"
            values: Interval = (times((num.number.value + num.high.value) / 2, factor),
                                times(num.number.value, factor), times(num.high.value, factor))
        else:
            lo, hi = interval(num.number, qualifier, self.rules.tolerance)
            values = (times(num.number.value, factor), None if lo is None else times(lo, factor),
                      None if hi is None else times(hi, factor))
        if qualifier == "nearly":
            qualifier = "approximately"
        change = self._change_of(doc, sent, span, kind, num, a.counted)
        return _Figure(span, sent, None if unit is None else unit.unit, kind, a.text_end,
                       qualifier, values, change), a.restates

    def _change_of(self, doc: Doc, sent: Span, span: Span, kind: str, num: NumberPhrase,
                   counted: Token | None) -> str | None:
        """'rose 0.3%', 'lost 190 points', 'grew by 42,000 jobs', 'Dow +0.2%': up, down or None.
        A count changes only as points, or by so many after a verb of change ('add ten users'
        adds users)."""
        first = span.start
        by_so_many = first > sent.start and doc[first - 1].lower_ == "by" and \
            after_verb(doc, first - 1, self.rules.from_to_verbs)
        change = None
        if kind != "count" or self._counts_points(counted) or by_so_many:
            # every token that attaches the figure to the sentence: in "fell 0.4 per cent" both
            # "0.4" and "per" hang from the verb
            root = root_of(doc, span.start, span.end)
            inside = range(span.start, span.end)
            change = next((c for c in (self._change(doc, sent, t, first) for t in span
                                       if t.head.i not in inside or t.i == root.i) if c), None)
        if change is None and kind == "percent" and doc[num.start].text[0] in "+-−":
            change = "up" if doc[num.start].text[0] == "+" else "down"  # "Dow +0.2%, FTSE -0.6%"
        return change

    def _counts_points(self, noun: Token | None) -> bool:
        """'lost 190 points', '15 basis points', '3.1 ppg': a count of points."""
        if noun is None:
            return False
        return noun.lemma_.lower() == "point" or \
            self.rules.count_abbreviations.get(noun.lower_) == "point"

    def _change(self, doc: Doc, sent: Span, root: Token, start: int) -> str | None:
        """'rose 0.3%', 'was up 19 cents', 'dropped by 1 to 1.5 degrees' state a change."""
        before = doc[start - 1] if start > sent.start else None
        if before is not None and before.lower_ in ("up", "down") and before.dep_ != "prt":
            return before.lower_  # "was up 19 cents" (but "gave up 517 yards" is no change)
        head = root.head
        if root.dep_ == "pobj" and head.lower_ == "by":
            head = head.head
        elif root.dep_ not in ("dobj", "npadvmod", "advmod", "attr", "quantmod"):
            return None
        if head.i == root.i or head.pos_ not in ("VERB", "AUX", "ADV", "ADP"):
            return None
        return self.rules.change_verbs.get(head.lemma_.lower())

    def _join_ranges(self, doc: Doc, figures: list[_Figure]) -> None:
        """'between 5% and 6%', 'from $3 billion to $5 billion', '1 per cent to 1.5 per cent':
        two figures in one unit joined as a range are one range, unless the first is a change
        ('climbed 11 sen to RM2.05') or a verb of change makes them a start and an end ('rose
        from 5% to 6%')."""
        text = text_of(doc)
        head: _Figure | None = None
        for f in figures:
            link = None if head is None else self._range_link(head, f, text)
            if link is None:
                head = f
                continue
            first = head.span.start
            opener = doc[first - 1].lower_ if first > 0 else ""
            if (link == "and" or head.change is not None) and opener != "between":
                head = f
                continue
            if opener in ("from", "by") and after_verb(doc, first - 1, self.rules.from_to_verbs):
                head = f
                continue
            low, high = head.interval[0], f.interval[0]
            head.qualifier, head.interval = "range", ((low + high) / 2, low, high)
            head.upper = f.span
            if opener in self.rules.range_starts:
                head.opener = doc[first - 1]

    def _range_link(self, first: _Figure, second: _Figure, text: str) -> str | None:
        """The range word joining two figures that could be the ends of one range (same
        sentence, same unit, both stated exactly, ascending), or None."""
        link = text[first.text_end : second.span[0].idx].strip().lower()
        ends = (
            first.sent.start == second.sent.start and link in self.rules.range_links
            and first.unit == second.unit and first.kind == second.kind
            and first.qualifier == second.qualifier == "exact"
            and first.interval[0] < second.interval[0]
        )
        return link if ends else None

    @staticmethod
    def _take_from_restated(f: _Figure, first: _Figure) -> None:
        """'just under 296 hp (224 kW)': a restatement is as approximate as what it restates,
        and a change if that is."""
        f.change = f.change or first.change
        if f.qualifier == "exact" and first.qualifier not in ("exact", "range"):
            value = f.interval[0]
            ratio = value / first.interval[0] if first.interval[0] else None
            f.qualifier = first.qualifier
            f.interval = (value, None if first.interval[1] is None or ratio is None
                          else first.interval[1] * ratio,
                          None if first.interval[2] is None or ratio is None
                          else first.interval[2] * ratio)


@Language.factory(
    "claims_qualifiers",
    requires=["span._.number", "span._.unit", "span._.kind", "span._.hedge", "token.dep",
              "token.lemma"],
    assigns=["span._.qualifier", "span._.interval", "span._.change", "span._.upper",
             "span._.opener"],
    default_config={"spans_key": "quantities", "rules_dir": None},
)
def make_qualifiers(nlp: Language, name: str, spans_key: str, rules_dir: str | None
                    ) -> QualifiersComponent:
    return QualifiersComponent(spans_key, rules_dir)
