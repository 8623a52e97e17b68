"""How claims_units reads the figure a number phrase states: where its text starts (qualifying
words, a currency sign) and ends (its unit, rate and counted noun), its unit and its value."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..numbers import MAX_VALUE, NumberPhrase
from ..units import UnitReading, Units
from .rules import count_abbreviations, entries
from .tokens import GLUED_UNIT, SYMBOLIC, in_sentences, root_of
from .unit_reading import ReadingRules, UnitFound, UnitReader

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class UnitRules:
    """What claims_units reads with: the Units registry and the word lists of models/."""

    reading: ReadingRules
    qualifier_phrases: frozenset[tuple[str, ...]]  # "more than": words that qualify a figure
    longest_qualifier: int
    range_starts: frozenset[str]
    duration_units: frozenset[str]
    count_abbreviations: dict[str, tuple[str, str]]  # "ppg" -> ("point", "game")
    scale_nouns: dict[str, UnitReading]  # "quake" -> magnitude: "a 5.3 quake" is no count
    # "magnitude 5.3", "5.1 in magnitude", "3.7 on the Richter scale": a scale named around a
    # decimal, before it or after it (lower-case token sequences)
    scale_before: dict[tuple[str, ...], UnitReading]
    scale_after: dict[tuple[str, ...], UnitReading]

    @property
    def units(self) -> Units:
        return self.reading.units

    @classmethod
    def from_data(cls, quantities: dict[str, Any], units: dict[str, Any]) -> UnitRules:
        phrases = frozenset(tuple(k.split()) for k in entries(quantities["qualifiers"]))
        reading = ReadingRules.from_data(Units(rules=units), quantities)
        return cls(
            reading=reading,
            qualifier_phrases=phrases,
            longest_qualifier=max(len(p) for p in phrases),
            range_starts=frozenset(quantities["range_starts"]),
            duration_units=frozenset(quantities["duration_units"]),
            count_abbreviations=count_abbreviations(quantities),
            scale_nouns=_scale_units(quantities["scale_nouns"], reading.units),
            scale_before={tuple(k.split()): v for k, v in _scale_units(
                quantities["scale_phrases"]["before"], reading.units).items()},
            scale_after={tuple(k.split()): v for k, v in _scale_units(
                quantities["scale_phrases"]["after"], reading.units).items()},
        )


def _scale_units(section: dict[str, Any], units: Units) -> dict[str, UnitReading]:
    """The scale_nouns table of quantities.json, each unit read by the Units registry."""
    table = {}
    for noun, name in entries(section).items():
        reading = units.unit_named(name)
        if reading is None:
            raise ValueError(f"quantities.json: scale_nouns: {name!r} (for {noun!r}) is no unit "
                             "the registry knows; define it in units.json")
        table[noun] = reading
    return table


@dataclass
class Reading:
    """What claims_units reads of one number phrase, before it becomes a span."""

    number: NumberPhrase
    start: int  # first token of the figure's text: its qualifying words, or its currency sign
    money_start: int  # first token of the currency sign, or of the number
    end: int  # token after the figure: its unit, counted words and rate included
    unit_end: int  # token after the unit and its rate; counted words follow
    unit: UnitReading | None
    stated: str | None  # the unit, or the counted words, as written
    kind: str
    value: float  # as stated, in `unit`
    counted: int | None = None  # the noun a count counts (token index), wherever it stands
    per: str | None = None
    sent_start: int = 0  # character offsets: the sentence's start, the figure's text
    start_char: int = 0
    text_end: int = 0  # (a sentence's full stop after the last word is left out)
    restates: tuple[int, int] | None = None  # the figure this one states again in another unit


# A filter: True when the figure, in its sentence, is not a claim (a date, a list mark).
FigureFilter = Callable[["Span", Reading, UnitRules], bool]


def times(x: float, factor: float) -> float:
    """x in a sub-unit as the main unit: 164 pence is 1.64 pounds, not 1.6400000000000001."""
    if 0 < factor < 1 and (inverse := round(1 / factor)) > 1 and abs(inverse * factor - 1) < 1e-12:
        return x / inverse
    return x * factor


def _elliptic(doc: Doc, sent: Span, figure: Reading) -> bool:
    """'… and a 3.1 at 4:40': a decimal after 'a' that no noun follows leaves its noun out."""
    num = figure.number
    after = doc[num.end] if num.end < sent.end else None
    return figure.unit is None and figure.kind == "count" and num.high is None and \
        num.number.step < 1 and num.start > sent.start and \
        doc[num.start - 1].lower_ in ("a", "an") and \
        (after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"))


class FigureReader:
    """Reads the figure each number phrase states; rules are injected, nothing is global."""

    def __init__(self, rules: UnitRules) -> None:
        self.rules = rules
        self.units = rules.units
        self.reader = UnitReader(rules.reading)

    def __call__(self, doc: Doc, numbers: list[Span], filters: list[FigureFilter]
                 ) -> Iterator[Reading]:
        """The figures of the number phrases that are claims, in order. A number inside the
        text of the figure before it (its unit, the noun it counts) is part of that figure."""
        covered = 0
        rated: tuple[int, UnitReading] | None = None  # the sentence's last rating, and where
        for sent, span in in_sentences(doc, numbers):
            num: NumberPhrase = span._.number
            if num.start < covered:
                continue
            figure = self.read(doc, sent, num)
            if figure is None:
                continue
            if rated is not None and rated[0] == sent.start and _elliptic(doc, sent, figure):
                # "a 3.6 aftershock at 4:32 and a 3.1 at 4:40": the rating of the one before
                figure.unit, figure.kind = rated[1], "quantity"
            if any(f(sent, figure, self.rules) for f in filters):
                continue
            if figure.unit is not None and figure.unit in self.rules.scale_nouns.values():
                rated = (sent.start, figure.unit)
            covered = figure.end
            yield figure

    def read(self, doc: Doc, sent: Span, num: NumberPhrase) -> Reading | None:
        """The figure a number phrase states, or None when it states none ("two-pronged")."""
        start, currency = self._currency_before(doc, sent, num)
        found = self._unit(doc, sent, num, currency)
        if found is None:
            return None
        (unit, stated, unit_end, kind), counted = found
        if currency is not None and (unit is None or not unit.currency):
            prefix = doc[start : num.start].text or doc[start].text  # "$", "HK $", "US$"
            if unit is not None:
                unit_end = num.end
            unit, stated, kind = currency, prefix, "money"
        if unit is None and kind == "count" and num.high is None:
            named = self._scale_named(doc, sent, num)
            if named is not None:  # "magnitude 5.3", "3.7 on the Richter scale", "Category 4"
                unit, stated, kind = named[0], named[1], "quantity"
            elif num.number.step < 1:  # "the largest quake was 5.7": the subject's rating
                unit = self._rated_subject(doc, num)
                kind = "count" if unit is None else "quantity"
        value = self._value(num, unit)
        if value is None:
            return None  # "1 million million million …": no figure a text states
        per, unit_end = self.reader.per(doc, sent, unit_end, kind)
        if kind in ("count", "age"):
            counted = self._counted(doc, num, start, unit_end, kind) or counted
        hedge = self._hedge_start(doc, sent, num, start)
        figure = Reading(num, hedge, start, unit_end, unit_end, unit, stated, kind, value,
                         None if counted is None else counted.i, per, sent.start_char,
                         doc[hedge].idx)
        if kind == "count" and counted is not None:
            self._take_counted_words(doc, sent, figure, counted)
            rate = self.rules.count_abbreviations.get(counted.lower_)
            if rate is not None:
                figure.per = rate[1]  # "15.3 ppg": points per game
            scale = self.rules.scale_nouns.get(counted.lemma_.lower())
            if scale is not None and num.high is None and num.number.step < 1 and \
                    counted.tag_ == "NN":
                # "a 5.3 quake": a decimal before a singular noun rated on a scale is the rating
                figure.unit, figure.kind = scale, "quantity"
        last = doc[figure.end - 1]
        last_text = last.text
        # "USD10m.", "-196 F." at a sentence end: the full stop is not part of the figure
        if last_text.endswith(".") and (last.i == sent.end - 1 or len(last_text) <= 3):
            last_text = last_text.rstrip(".") or last_text
        figure.text_end = last.idx + len(last_text)
        return figure

    def _scale_named(self, doc: Doc, sent: Span, num: NumberPhrase
                     ) -> tuple[UnitReading, str] | None:
        """The scale a phrase right before or after a number names, and the phrase."""
        for table, at in ((self.rules.scale_before, num.start), (self.rules.scale_after, None)):
            for words, unit in table.items():
                start = at - len(words) if at is not None else num.end
                end = start + len(words)
                if start >= sent.start and end <= sent.end and \
                        tuple(t.lower_ for t in doc[start:end]) == words:
                    return unit, doc[start:end].text
        return None

    def _rated_subject(self, doc: Doc, num: NumberPhrase) -> UnitReading | None:
        """The scale of a noun rated on one, or named by one, when a decimal is what the noun
        was ('the largest quake was 5.7', 'the aftershock was a 3.2', 'its magnitude was 5.7')."""
        tok = doc[num.end - 1]
        if tok.dep_ != "attr" or tok.head.lemma_ != "be":
            return None
        for subject in tok.head.children:
            if subject.dep_ == "nsubj" and subject.tag_ == "NN":
                word = subject.lower_
                return self.rules.scale_nouns.get(subject.lemma_.lower()) or \
                    self.rules.scale_before.get((word,))
        return None

    def _currency_before(self, doc: Doc, sent: Span, num: NumberPhrase
                         ) -> tuple[int, UnitReading | None]:
        """Where the figure's money starts and its currency: '$', 'HK $', 'US$', 'USD10'."""
        start = num.start
        currency: UnitReading | None = None
        before = doc[start - 1] if start > sent.start else None
        if before is not None and before.is_space and "\n" not in before.text \
                and before.i > sent.start and self.units.currency(doc[before.i - 1].text):
            # "&pound;20" is parsed as "£      20": the blanked rest of the reference
            start, before = start - 1, doc[before.i - 1]
        if num.glued_currency is not None:
            currency = self.units.currency(num.glued_currency)
            if before is not None and before.text == "$" and num.glued_currency.startswith("$"):
                start -= 1
        elif before is not None and SYMBOLIC.match(before.text) and \
                self.units.currency(before.text):
            currency = self.units.currency(before.text)
            start -= 1
            # "HK $3.7 billion", "US $473 million": a country code spaced from its dollar sign
            code = doc[start - 1] if start > sent.start else None
            if code is not None and code.text.isupper() and code.is_alpha and len(code) <= 3 \
                    and self.units.currency(code.text + before.text):
                currency = self.units.currency(code.text + before.text)
                start -= 1
        return start, currency

    def _unit(self, doc: Doc, sent: Span, num: NumberPhrase, currency: UnitReading | None
              ) -> tuple[UnitFound, Token | None] | None:
        """The unit after the number, and the noun a list of hyphenated numbers shares; None
        when letters on the number are no unit ("3D", "COVID19") or a hyphen makes the number
        part of a word ("two-pronged")."""
        end, reader = num.end, self.reader
        if num.fraction:
            return (None, None, end, "fraction"), None
        if num.times_over:
            return (None, "fold", end, "count"), None
        if num.glued_unit is not None:
            glued = reader.glued_unit(doc, sent, num)
            if glued is not None:
                return (glued, num.glued_unit, end, "money" if glued.currency else "quantity"), \
                    None
            if num.high is None:
                return None
        age = reader.age(doc, end, sent.end)
        if age is not None:
            return (UnitReading("year"), "year-old", age, "age"), None
        if reader.appositive_age(doc, sent, num):
            return (UnitReading("year"), None, end, "age"), None
        # a hyphen onto the number joins a unit ("a 10-kilogram bag"); not a spaced dash ("$12
        # billion - -") nor a rate's ("$31-per-share", read after the unit)
        if num.open_hyphen or (end + 1 < sent.end and doc[end].text == "-"
                               and not doc[end - 1].whitespace_
                               and doc[end + 1].lower_ not in ("per", "a", "an")):
            return reader.hyphen_unit(doc, sent, num)
        return reader.unit_after(doc, sent, num, currency), None

    @staticmethod
    def _value(num: NumberPhrase, unit: UnitReading | None) -> float | None:
        """The figure's value in its unit (a range's middle); None when it is beyond any
        figure a text states."""
        factor = unit.factor if unit else 1.0
        low, high = num.number, num.high
        if high is not None:
            ends = (times(low.value, factor), times(high.value, factor))
            value = times((low.value + high.value) / 2, factor)
        else:
            half = low.step / 2
            ends = (times(low.value - half, factor), times(low.value + half, factor))
            value = times(low.value, factor)
        if not all(math.isfinite(x) for x in (value, *ends)) or abs(value) > MAX_VALUE:
            return None
        return value

    def _hedge_start(self, doc: Doc, sent: Span, num: NumberPhrase, start: int) -> int:
        """Where the figure's qualifying words start ('more than', 'about'), or for a range
        its opening word ('between', 'from'); `start` when there are none."""
        hedge = start
        for n in range(self.rules.longest_qualifier, 0, -1):
            if start - n >= sent.start and \
                    tuple(t.lower_ for t in doc[start - n : start]) in self.rules.qualifier_phrases:
                hedge = start - n
                break
        if num.high is not None and start > sent.start and \
                doc[start - 1].lower_ in self.rules.range_starts:
            hedge = start - 1  # "between 5 and 10": the text starts where the range does
        return hedge

    def _counted(self, doc: Doc, num: NumberPhrase, start: int, unit_end: int, kind: str
                 ) -> Token | None:
        """The noun the number modifies, which it counts ('288 arrests', 'a 29-year-old
        man'); not a currency ('eight or nine euros': the euros belong to the next figure),
        not a scale word of the number itself ('200 million')."""
        root = doc[num.end - 1] if kind == "count" else root_of(doc, start, unit_end)
        head = root.head
        if root.dep_ not in ("nummod", "quantmod", "compound", "amod") or \
                head.pos_ not in ("NOUN", "PROPN") or head.i < root.i:
            return None
        if self.units.currency(head.text) or num.start <= head.i < num.end:
            return None
        return head

    def _take_counted_words(self, doc: Doc, sent: Span, figure: Reading, noun: Token) -> None:
        """'288 arrests', '12 U.S. agencies', 'seven European countries': the counted noun
        and its modifiers right after the number are part of the figure's text, and so is a
        rate after them ('3,000 tests per day')."""
        if not figure.unit_end <= noun.i < figure.unit_end + 4 or not all(
            (t.head.i == noun.i or t.head.head.i == noun.i) and not t.like_num
            and not GLUED_UNIT.match(t.text)  # "eight million 250ml bottles": two figures
            for t in doc[figure.unit_end : noun.i]
        ):
            return
        figure.end = noun.i + 1
        if figure.unit is None and figure.stated is None:
            figure.stated = doc[figure.unit_end : figure.end].text  # what is counted, as written
        if figure.per is None:
            figure.per, rate_end = self.reader.per(doc, sent, figure.end, figure.kind)
            figure.end = max(figure.end, rate_end)
