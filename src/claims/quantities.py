"""Quantities in a parsed Doc: number, qualifier, unit, what is measured, and in what scope."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .numbers import (
    ABBREVIATED_SCALES,
    FRACTION_WORDS,
    MAX_VALUE,
    SCALE_WORDS,
    TENS_WORDS,
    UNITS_WORDS,
    VAGUE_WORDS,
    Number,
    is_number_word,
    parse_digits,
    parse_vague,
    parse_words,
)
from .resources import load_json
from .units import UnitReading, Units

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# "USD10", "RM23.50", "US55,931,000" (after "$"), "S$1mil": a currency code written onto the number
_CODE_NUMBER = re.compile(r"^([A-Z]{1,3}\$?)(\d[\d,]*(?:\.\d+)?(?:k|m|mn|bn|mil|b)?)$")
# "-196", "+0.2", "−5", "-50.8bn"
_SIGNED = re.compile(r"^[-−+](\d[\d,]*(?:\.\d+)?(?:k|m|mn|bn|b|tn)?)$", re.IGNORECASE)
# "1.99×10−30" (a superscript exponent flattened), "2.998×10^8"
_SCIENTIFIC = re.compile(r"^(\d+(?:\.\d+)?)[×x]10(?:\^?([−-]?\d{1,2}))?$")
_FOLD = re.compile(r"^([a-z]+|\d+)-?fold$", re.IGNORECASE)  # "sixfold", "10fold"
# "12C", "2.5kg", "25.5″"
_GLUED_UNIT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)([^\W\d_][^\W\d]*|°[CF]|″|′)$")
_RANGE_TOKEN = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–—](\d[\d,]*(?:\.\d+)?)$")
_UNIT_OPERATOR = re.compile(r"[/*·^]|\bper\b")
_PREFIXED = re.compile(r"^(~|≈|[Mm]inus-|[Ss]ub-)(\d.*)$")
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")  # "7,425.81"
_DIGIT_FRACTION = re.compile(r"^(\d{1,3})[/⁄](\d{1,3})$")
_MEASURE_DENOMINATORS = {2, 3, 4, 8, 16, 32, 64, 128}  # cups, inches, pints; not dates or scores
_LIST_WORDS = (",", "or", "and", "to")
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}
LAST_YEAR = 2200  # "by 2120": the latest year a news text plausibly names
SCOPE_HOPS = 12  # heads walked up from a figure when looking for what narrows it
_SYMBOLIC = re.compile(r"^[^\w\s]|^[A-Z]{1,3}[^\w\s]$|^[A-Z]{3}$")  # "$", "US$", "C$", "USD"
# "up from 2.4 million", "compared with 63", "versus 40": a figure set against an earlier one
_COMPARED = re.compile(r"\b(?:up from|down from|from|compared with|compared to|versus|vs\.?)\s*$")
# "another pick or two", "a day or two": the number counts the noun before "or"
_ONE_OR_TWO = re.compile(r"\b(?:a|an|another|one)\s+([a-z]+)\s+or\s*$")
_CHANGE_VERBS = {"increase", "rise", "grow", "fall", "drop", "decline", "jump", "climb", "surge",
                 "soar", "plunge", "go", "decrease", "shrink", "slip", "tumble", "raise", "cut"}


@dataclass
class QuantityRules:
    """The lexical rules of `models/quantities.json`."""

    qualifiers: dict[tuple[str, ...], str]
    tolerance: float
    range_starts: set[str]
    range_links: set[str]
    scope_adverbs: set[str]
    scope_preps: set[str]
    scope_nouns: set[str]
    measure_heads: set[str]
    duration_units: set[str]
    not_counted: set[str]
    named_numbers: set[str]  # "s&p 500": lower-cased, words before the number then the number
    count_abbreviations: dict[str, tuple[str, str]]  # "ppg" -> ("point", "game")
    count_rates: set[str]  # "day": what a count can be per ("3,000 tests per day")
    year_preps: set[str]
    months: set[str]
    age_patterns: list[list[str]]
    prior_event: set[str]
    subject_verbs: set[str]
    change_verbs: dict[str, str]  # lemma -> up | down
    people_nouns: set[str]
    people_events: dict[str, str]

    @classmethod
    def load(cls, directory: Path | None = None) -> QuantityRules:
        data: dict[str, Any] = load_json("quantities.json", directory)
        return cls(
            qualifiers={
                tuple(k.split()): v for k, v in data["qualifiers"].items() if not k.startswith("_")
            },
            tolerance=float(data["approximate_tolerance"]),
            range_starts=set(data["range_starts"]),
            range_links=set(data["range_links"]),
            scope_adverbs=set(data["scope_adverbs"]),
            scope_preps=set(data["scope_prepositions"]),
            scope_nouns=set(data["scope_nouns"]["nouns"]),
            measure_heads=set(data["measure_heads"]["nouns"]),
            duration_units=set(data["duration_units"]),
            not_counted=set(data["not_counted"]["words"]),
            named_numbers=set(data["named_numbers"]["names"]),
            count_abbreviations={k: (v[0], v[1]) for k, v in data["count_abbreviations"].items()
                                 if not k.startswith("_")},
            count_rates=set(data["count_rates"]["nouns"]),
            year_preps=set(data["year_prepositions"]),
            months=set(data["months"]),
            age_patterns=[p.split() for p in data["age_patterns"]["patterns"]],
            prior_event=set(data["prior_event_words"]["words"]),
            subject_verbs=set(data["subject_verbs"]["lemmas"]),
            change_verbs={lemma: way for way in ("up", "down")
                          for lemma in data["change_verbs"][way]},
            people_nouns=set(data["people_events"]["nouns"]),
            people_events=dict(data["people_events"]["verbs"]),
        )


@dataclass
class Quantity:
    """One quantity found in a Doc, before it becomes a Claim of an article."""

    start: int  # character offsets into doc.text
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None  # Pint unit or ISO 4217 code
    currency: bool
    stated_unit: str | None
    kind: str
    what: str | None
    scope: str | None
    sent_start: int  # character offsets of the sentence
    sent_end: int
    tokens: tuple[int, int] = field(default=(0, 0))  # token range in the Doc
    restates: int | None = None  # index of the quantity this one restates: "500 kg (1,102 lb)"
    change: str | None = None  # up | down: the figure is a change ("rose 0.3%"), not a level
    per: str | None = None  # "barrel" of "$58.24 per barrel": the figure is a rate


@dataclass
class _Num:
    start: int  # token range of the number phrase
    end: int
    number: Number
    high: Number | None = None  # the upper end of a range
    glued_unit: str | None = None  # "kg" of "2.5kg": the unit written onto the number
    glued_currency: str | None = None  # "USD" of "USD10": the currency written onto it
    fraction: bool = False  # "two-thirds of": a share of a whole
    hedge: str | None = None  # the qualifier written onto the number: "~45g", "sub-300"
    times_over: bool = False  # "sixfold": a multiple, which takes no unit
    open_hyphen: bool = False  # "7-" of "7- or 8-inch": the unit comes after the list


def _interval(number: Number, qualifier: str, tol: float) -> tuple[float | None, float | None]:
    """The interval a stated number implies by its precision and its qualifier."""
    v, half = number.value, number.step / 2
    if qualifier == "exact":
        return v - half, v + half
    if qualifier == "approximately":
        return (v - half) * (1 - tol), (v + half) * (1 + tol)
    if qualifier == "nearly":
        return (v - half) * (1 - tol), v + half
    if qualifier in ("more_than", "at_least"):
        return v, None
    if qualifier in ("less_than", "at_most"):
        return None, v
    raise ValueError(f"unknown qualifier {qualifier!r}")


class QuantityFinder:
    """Finds quantities sentence by sentence; rules and units are injected, nothing is global."""

    def __init__(self, units: Units, rules: QuantityRules) -> None:
        self.units = units
        self.rules = rules
        self._max_qualifier = max(len(k) for k in rules.qualifiers)
        # per-Doc caches of _scope's work, keyed by token index; cleared for every Doc
        self._modifiers: dict[int, list[Token]] = {}
        self._scope_texts: dict[int, str | None] = {}

    def __call__(self, doc: Doc, skip: Callable[[int, int], bool] | None = None) -> list[Quantity]:
        found: list[Quantity] = []
        self._modifiers.clear()
        self._scope_texts.clear()
        for sent in doc.sents:
            for q in self._scan(doc, sent):
                if skip is None or not skip(q.start, q.end):
                    found.append(q)
        text = doc.text
        self._share_units(text, found)
        self._share_points(text, found)
        self._share_changes(text, found)
        found = self._merge_ranges(doc, text, found)
        self._link_restatements(text, found)
        self._share_elided(text, found)
        return found

    def _share_elided(self, text: str, found: list[Quantity]) -> None:
        """'3.9 million headsets, up from 2.4 million', '435 homes by sale and 187 by tender',
        'from 20 mpg to 24': a bare number set against the figure just before it, in a
        comparison or a list, leaves out the unit or noun it shares with that figure."""
        for i, q in enumerate(found):
            if q.kind != "count" or q.what is not None or q.unit is not None or \
                    q.stated_unit is not None or q.restates is not None:
                continue
            before = text[max(q.sent_start, q.start - 24) : q.start].lower()
            idiom = _ONE_OR_TWO.search(before)
            if idiom is not None:  # "a day or two", "another pick or two"
                noun = idiom.group(1)
                if noun in self.rules.duration_units:
                    q.unit, q.kind = noun, "quantity"
                else:
                    q.what = noun
                continue
            # the partner is the nearest earlier figure of the same order of magnitude: in
            # "68400 people out of work for one to two years and 95800", not "two years"
            partner = next((p for p in reversed(found[max(0, i - 3) : i])
                            if p.restates is None and p.sent_start == q.sent_start
                            and q.start - p.end <= 120 and _comparable(p.value, q.value)), None)
            if partner is None or partner.kind not in ("count", "money", "quantity", "percent") \
                    or (partner.unit is None and partner.what is None) or \
                    (partner.kind == "count" and partner.stated_unit is None):
                continue  # the partner must state its unit or noun: "464 vehicles", "20 mpg"
            if partner.currency and partner.stated_unit and \
                    (reading := self.units.currency(partner.stated_unit)) and reading.factor != 1:
                continue  # "84.75 cents": the sub-unit's value is stored in the main currency
            opened = text[max(q.sent_start, partner.start - 6) : partner.start].lower()
            if _COMPARED.search(before) or re.search(r"\band\s*$", before) or (
                re.search(r"\bto\s*$", before) and re.search(r"\bfrom\s*$", opened)
            ):  # "from 20 mpg to 24": the range of a change, both ends in the first one's unit
                q.unit, q.currency, q.kind, q.per = partner.unit, partner.currency, partner.kind, \
                    partner.per
                q.what = partner.what

    def _merge_ranges(self, doc: Doc, text: str, found: list[Quantity]) -> list[Quantity]:
        """'between 5% and 6%', 'from $3 billion to $5 billion', '1 per cent to 1.5 per cent':
        two figures in one unit joined as a range are one range."""
        merged: list[Quantity] = []
        for q in found:
            prev = merged[-1] if merged else None
            if prev is None or not self._range_ends(prev, q, text):
                merged.append(q)
                continue
            link = text[prev.end : q.start].strip().lower()
            before = doc.char_span(prev.start, prev.end, alignment_mode="expand")
            opener = doc[before.start - 1].lower_ if before is not None and \
                before.start > 0 else ""
            if (link == "and" or prev.change is not None) and opener != "between":
                merged.append(q)  # "climbed 11 sen to RM2.05": a change, then the level
                continue
            if opener in ("from", "by") and self._after_change_verb(doc, before.start - 1):
                merged.append(q)  # "rose from 5% to 6%", "grew by $4 to $9": not a range
                continue
            start = doc[before.start - 1].idx if opener in self.rules.range_starts else prev.start
            merged[-1] = replace(prev, start=start, end=q.end, low=prev.value, high=q.value,
                                 value=(prev.value + q.value) / 2, qualifier="range",
                                 tokens=(prev.tokens[0], q.tokens[1]))
        return merged

    def _after_change_verb(self, doc: Doc, i: int) -> bool:
        """A verb of change in the few tokens before token i: 'rose from', 'having grown by'."""
        return any(t.lemma_.lower() in _CHANGE_VERBS or t.lemma_.lower() in self.rules.change_verbs
                   for t in doc[max(0, i - 3) : i + 1])

    @staticmethod
    def _share_units(text: str, found: list[Quantity]) -> None:
        """'eight or nine euros', '5 and 6 percent': a bare number takes the unit of the figure
        it is coordinated with."""
        for first, second in itertools.pairwise(found):
            link = text[first.end : second.start].strip().lower()
            if first.sent_start == second.sent_start and link in ("or", "and", "to", "-", "–") \
                    and first.kind == "count" and first.what is None and second.unit is not None \
                    and first.stated_unit is None:  # "sixfold to HK $3.7 billion" keeps no unit
                first.unit, first.currency, first.kind = second.unit, second.currency, second.kind
                first.what = first.what or second.what

    @staticmethod
    def _share_points(text: str, found: list[Quantity]) -> None:
        """'lost 162.31 points, or 2.14%, to fall to 7,425.81': an index's level reached after
        a change in points is in points too; so is a level stated right before its change, as
        market tables write it: 'Dow (25,410.2 up 58.1 points)'."""
        for i, q in enumerate(found):
            if q.kind != "count" or q.what is not None or q.unit is not None:
                continue
            if re.search(r"\b(to|at)\s*$", text[max(q.sent_start, q.start - 4) : q.start]):
                earlier = [p for p in found[:i] if p.sent_start == q.sent_start]
                if any(p.what == "point" and p.kind == "count" for p in earlier[-3:]):
                    q.what = "point"
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is not None and nxt.sent_start == q.sent_start and nxt.kind == "count" and \
                    nxt.what == "point" and nxt.change is not None and \
                    re.fullmatch(r"[\s,;(]*", text[q.end : nxt.start].lower().replace(
                        nxt.change, "", 1)):
                q.what = "point"

    @staticmethod
    def _share_changes(text: str, found: list[Quantity]) -> None:
        """'lost 190 points, or 0.6%': a figure set beside a change with 'or' restates it."""
        for first, second in itertools.pairwise(found):
            link = text[first.end : second.start].strip(" ,").lower()
            if first.sent_start == second.sent_start and link == "or" and second.change is None:
                second.change = first.change

    def _range_ends(self, first: Quantity, second: Quantity, text: str) -> bool:
        """Could these two be the ends of one range: same sentence, same unit, both stated
        exactly, ascending, joined by a range word?"""
        return (
            first.sent_start == second.sent_start
            and text[first.end : second.start].strip().lower() in self.rules.range_links
            and (first.unit, first.kind) == (second.unit, second.kind)
            and first.qualifier == second.qualifier == "exact"
            and first.value is not None and second.value is not None
            and first.value < second.value
        )

    @staticmethod
    def _link_restatements(text: str, found: list[Quantity]) -> None:
        """'500 kg (1,102 pounds)', '€26.7 million (USD 31 million)': one claim, two units."""
        for i in range(1, len(found)):
            first, second = found[i - 1], found[i]
            if text[first.end : second.start].strip() != "(" or \
                    text[second.end : second.end + 3].strip()[:1] != ")":
                continue
            same_kind = (first.currency and second.currency) or (
                first.kind == second.kind == "quantity" and first.unit != second.unit
            )
            if same_kind:
                second.restates = i - 1
                second.what = second.what or first.what  # the same thing, in other units
                second.scope = second.scope or first.scope
                second.change = second.change or first.change
                if second.qualifier == "exact" and first.qualifier not in ("exact", "range"):
                    # "just under 296 hp (224 kW)": the restatement is as approximate
                    ratio = second.value / first.value if first.value else None
                    second.qualifier = first.qualifier
                    second.low = None if first.low is None or ratio is None else first.low * ratio
                    second.high = None if first.high is None or ratio is None \
                        else first.high * ratio

    # -- the number phrase ---------------------------------------------------------------------

    def _scan(self, doc: Doc, sent: Span) -> Iterator[Quantity]:
        i = sent.start
        while i < sent.end:
            num = self._number_at(doc, i, sent.end)
            if num is None:
                i += 1
                continue
            q = self._quantity(doc, sent, num)
            if q is not None:
                yield q
                i = max(num.end, q.tokens[1])
            else:
                i = num.end

    def _number_at(self, doc: Doc, i: int, end: int, *, ranges: bool = True) -> _Num | None:
        """The number phrase starting at token i, if any. A sign written onto the number
        ("~45g", "minus-130", "sub-300", "Y=28,030", "PS2.7m") is read, then the number as if
        alone."""
        text = doc[i].text
        for sign, symbol in self.units.transliterated.items():
            digits = text[len(sign):]
            # "PS2.7m", "Y=28,030": text converted to ASCII spells '£' and '¥' so; but "PS4"
            # and "PS5" are consoles: one digit alone, with no scale, is no amount written so
            number = parse_digits(digits) if text.startswith(sign) else None
            if number is not None:
                j, scale = self._scales(doc, i + 1, end)
                if len(digits) == 1 and j == i + 1:
                    return None
                return _Num(i, j, _scaled(number, scale), glued_currency=symbol)
        prefix = _PREFIXED.match(text)
        if prefix is None:
            return self._bare_number_at(doc, i, end, text, ranges=ranges)
        num = self._bare_number_at(doc, i, end, prefix.group(2), ranges=ranges)
        if num is None:
            return None
        sign = prefix.group(1).lower()
        if sign == "minus-":
            if num.high is not None:
                return None  # "minus-5-10": no reading is safe
            return replace(num, number=_scaled(num.number, -1.0))
        return replace(num, hedge="less_than" if sign == "sub-" else "approximately")

    def _bare_number_at(self, doc: Doc, i: int, end: int, text: str, *, ranges: bool
                        ) -> _Num | None:
        low = text.lower()
        glued = _RANGE_TOKEN.match(text)
        if glued:
            a, b = parse_digits(glued.group(1)), parse_digits(glued.group(2))
            if a is not None and b is not None and a.value < b.value:
                j, scale = self._scales(doc, i + 1, end)
                return _Num(i, j, _scaled(a, scale), _scaled(b, scale))
        if low in VAGUE_WORDS:
            j = i + 1
            while j + 1 < end and doc[j].lower_ == "of" and doc[j + 1].lower_ in VAGUE_WORDS:
                j += 2
            if j < end and doc[j].lower_ == "of":
                number = parse_vague([t.text for t in doc[i:j]])
                if number is not None:
                    return _Num(i, j, number, Number(number.value * 10, 0.0, vague=True))
            return None
        fraction = self._fraction_at(doc, i, end)
        if fraction is not None:
            return fraction
        written = _DIGIT_FRACTION.match(text)
        if written:  # "1/2 pound", "1/16 of a US pint"; not "24/7", "9/11"
            a, b = int(written.group(1)), int(written.group(2))
            if 0 < a < b and b in _MEASURE_DENOMINATORS:
                return _Num(i, i + 1, Number(a / b, 0.0))
            return None
        scientific = self._scientific_at(doc, i, end, text)
        if scientific is not None:
            return scientific
        fold = _FOLD.match(text)
        if fold:  # "grew more than sixfold"
            times = parse_words([fold.group(1)]) or parse_digits(fold.group(1))
            if times is None or times.value <= 1:
                return None
            return _Num(i, i + 1, times, times_over=True)
        signed = _SIGNED.match(text)
        negative_word = low in ("minus", "negative") and i + 1 < end and \
            parse_digits(doc[i + 1].text) is not None
        if signed or negative_word:
            digits = signed.group(1) if signed else doc[i + 1].text
            number = parse_digits(digits)
            if number is None:
                return None
            sign = -1.0 if (text[0] in "-−" or negative_word) else 1.0
            j, scale = self._scales(doc, i + (1 if signed else 2), end)
            return _Num(i, j, Number(sign * number.value * scale, number.step * scale))
        code = _CODE_NUMBER.match(text)
        if code:
            prefix = code.group(1)
            if i > 0 and doc[i - 1].text == "$" and not doc[i - 1].whitespace_:
                prefix = "$" + prefix  # "$US55,931,000", "$A82"
            number = parse_digits(code.group(2))
            if number is not None and self.units.currency(prefix):
                j, scale = self._scales(doc, i + 1, end)
                return _Num(i, j, _scaled(number, scale), glued_currency=prefix)
        glued_unit = _GLUED_UNIT.match(text)
        if glued_unit and glued_unit.group(2).lower() not in SCALE_WORDS:
            number = parse_digits(glued_unit.group(1))
            return _Num(i, i + 1, number, glued_unit=glued_unit.group(2)) if number else None
        if text.endswith("-") and len(text) > 1 and i + 1 < end and doc[i + 1].text in _LIST_WORDS:
            number = parse_digits(text[:-1]) or parse_words([text[:-1]])
            return _Num(i, i + 1, number, open_hyphen=True) if number is not None else None
        if parse_digits(text) is not None:
            j, _ = self._scales(doc, i + 1, end)
            # "5.4m." at a sentence's end: the scale without the full stop
            number = parse_words([text, *(t.text.rstrip(".") for t in doc[i + 1 : j])])
        elif low in UNITS_WORDS or low in TENS_WORDS or low == "dozen" or (
            low in ("a", "an") and i + 1 < end
            and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion")
        ):
            j = i + 1
            while j < end:
                w = doc[j].lower_
                nxt = doc[j + 1].lower_ if j + 1 < end else ""
                if (is_number_word(w) and w not in ABBREVIATED_SCALES) or (w == "-" and (
                    nxt in UNITS_WORDS and doc[j - 1].lower_ in TENS_WORDS
                )) or (w == "and" and doc[j - 1].lower_ == "hundred" and (
                    nxt in UNITS_WORDS or nxt in TENS_WORDS
                )):
                    j += 1
                else:
                    break
            number = parse_words([text, *(t.text for t in doc[i + 1 : j])])
        else:
            return None
        if number is None:
            return None
        found = _Num(i, j, number)
        # a range's upper end is never the start of another range: "1 - 1 - 1 …" stays flat
        return self._maybe_range(doc, found, end) if ranges else found

    @staticmethod
    def _scientific_at(doc: Doc, i: int, end: int, text: str) -> _Num | None:
        """'1.99×10−30', '2.998×10^8', '6.02×10 ^ 23': a mantissa times a power of ten."""
        m = _SCIENTIFIC.match(text)
        if m is None:
            return None
        exponent, j = m.group(2), i + 1
        if exponent is None:
            if j + 1 < end and doc[j].text in ("^", "**") and \
                    doc[j + 1].text.lstrip("-−").isdigit():
                exponent, j = doc[j + 1].text, j + 2
            else:
                return None
        mantissa = parse_digits(m.group(1))
        power = int(exponent.replace("−", "-"))
        if mantissa is None or not -30 <= power <= 18:
            return None  # beyond any figure a news text states (MAX_VALUE is 1e18)
        # parsed as written ("1.99e-30"), not multiplied: no 1.9900000000000002e-30
        return _Num(i, j, Number(float(f"{m.group(1)}e{power}"), mantissa.step * 10.0**power))

    def _fraction_at(self, doc: Doc, i: int, end: int) -> _Num | None:
        """'half the condos', 'a third of', 'two-thirds of', 'one in three', 'one out of three'."""
        words = [t.lower_ for t in doc[i : min(i + 5, end)]]
        if len(words) >= 3 and words[0] in UNITS_WORDS and words[1] in ("in", "out") and (
            words[2] in UNITS_WORDS or (words[1] == "out" and len(words) >= 4
                                        and words[2] == "of" and words[3] in UNITS_WORDS)):
            k = 3 if words[1] == "in" else 4
            den = UNITS_WORDS[words[k - 1]]
            if den > UNITS_WORDS[words[0]] > 0:
                return _Num(i, i + k, Number(UNITS_WORDS[words[0]] / den, 0.0), fraction=True)
        numerator, k = 1.0, 0
        if words and words[0] in ("a", "an", "one"):
            k = 1
        elif words and words[0] in UNITS_WORDS and len(words) > 2 and words[1] == "-":
            numerator, k = float(UNITS_WORDS[words[0]]), 2  # "two-thirds"
        elif words and words[0] in UNITS_WORDS and words[0] != "one" and len(words) > 1 and \
                words[1].endswith("s"):
            numerator, k = float(UNITS_WORDS[words[0]]), 1  # "three quarters"
        if k >= len(words) or words[k] not in FRACTION_WORDS:
            if words and words[0] == "half" and doc[i].pos_ in ("DET", "PREDET", "NOUN", "ADJ"):
                k = 0  # "half the condos"
            else:
                return None
        word = words[k]
        after = words[k + 1] if k + 1 < len(words) else ""
        # a share of something: "of" or a determiner follows ("a third of", "half the")
        if after not in ("of", "the", "their", "its", "his", "her", "our", "all"):
            return None
        if word in ("fourth", "fifth", "tenth", "third") and k == 0:
            return None  # "third" alone is an ordinal
        return _Num(i, i + k + 1, Number(numerator / FRACTION_WORDS[word], 0.0), fraction=True)

    def _scales(self, doc: Doc, j: int, end: int) -> tuple[int, float]:
        """Scale words after digits ("53.4 million", "5 bn"): the token after them and the scale."""
        scale = 1.0
        while j < end:
            word = doc[j].lower_
            if word not in SCALE_WORDS and word.rstrip(".") in ABBREVIATED_SCALES:
                word = word.rstrip(".")  # "EUR50m." at the end of a sentence
            if word not in SCALE_WORDS:
                break
            scale *= SCALE_WORDS[word]
            j += 1
        return j, scale

    def _maybe_range(self, doc: Doc, num: _Num, end: int) -> _Num:
        """'between 5 and 10', 'from 5 to 10', '5 to 10 million', '5 - 10'."""
        j = num.end
        if j + 1 >= end or doc[j].lower_ not in self.rules.range_links:
            return num
        b = num.start - 1
        if b > 0 and _SYMBOLIC.match(doc[b].text) and self.units.currency(doc[b].text):
            b -= 1  # "by $43.6 billion to …": the word before the currency sign
        before = doc[b].lower_ if b >= 0 else ""
        if doc[j].lower_ == "and" and before != "between":
            return num
        if (before == "from" or (before == "by" and b < num.start - 1)) and \
                self._after_change_verb(doc, b):
            # "rose from 5 to 10", "grew by $4 to $9": two values; but "dropped by 1 to 1.5
            # degrees", one unit for both, is a range of change
            return num
        k = j + 1
        if self.units.currency(doc[k].text) and _SYMBOLIC.match(doc[k].text) and k + 1 < end:
            k += 1
        second = self._number_at(doc, k, end, ranges=False)
        if second is None or second.high is not None:
            return num
        first, upper = num.number, second.number
        if upper.value >= 1000 and first.value < upper.value / 1000 and second.end - k > 1:
            # "5 to 10 million": the scale written once applies to both ends
            written = parse_words([doc[k].text])  # the upper end before its scale word
            scale = upper.value / written.value if written and written.value else 1.0
            first = _scaled(first, scale)
        if first.value >= upper.value:
            return num
        # "5-10W", "25 – 40min": a unit written onto the upper end is the unit of both
        return _Num(num.start, second.end, first, upper, glued_unit=second.glued_unit)

    # -- from number to quantity -----------------------------------------------------------------

    def _quantity(self, doc: Doc, sent: Span, num: _Num) -> Quantity | None:
        rules = self.rules
        start, end = num.start, num.end
        if self._is_not_a_claim(doc, sent, num):
            return None

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
        elif before is not None and _SYMBOLIC.match(before.text) and \
                self.units.currency(before.text):
            currency = self.units.currency(before.text)
            start -= 1
            # "HK $3.7 billion", "US $473 million": a country code spaced from its dollar sign
            code = doc[start - 1] if start > sent.start else None
            if code is not None and code.text.isupper() and code.is_alpha and len(code) <= 3 \
                    and self.units.currency(code.text + before.text):
                currency = self.units.currency(code.text + before.text)
                start -= 1

        unit: UnitReading | None = None
        stated: str | None = None
        counted: Token | None = None  # the noun a list of open hyphens shares
        kind = "count"
        unit_end = end
        age = self._age(doc, end, sent.end)
        glued = self._glued_unit(doc, sent, num) if num.glued_unit is not None else None
        if num.fraction:
            unit, stated, unit_end, kind = None, None, end, "fraction"
        elif num.times_over:
            unit, stated, unit_end, kind = None, "fold", end, "count"
        elif num.glued_unit is not None and glued is None and num.high is None:
            return None  # "3D", "5G", "COVID19": letters on a number are not always a unit
        elif glued is not None:
            unit, stated, kind = glued, num.glued_unit, "money" if glued.currency else "quantity"
        elif age is not None:
            unit, stated, unit_end, kind = UnitReading("year"), "year-old", age, "age"
        elif self._appositive_age(doc, sent, num):
            unit, stated, unit_end, kind = UnitReading("year"), None, end, "age"
        elif num.open_hyphen or (end < sent.end and doc[end].text == "-"):
            # "7- or 8-inch", "four-, five- and six-cylinder": the last one's unit or noun
            shared = self._elided_hyphen(doc, end + (0 if num.open_hyphen else 1), sent.end)
            hyphen = end if shared is None else shared
            hyphenated = self._hyphenated_unit(doc, hyphen, sent.end)
            noun = doc[hyphen + 1] if hyphen + 1 < sent.end else None
            own_end = end if num.open_hyphen else end + 1
            if shared is not None and hyphenated is not None:
                unit, stated, unit_end, kind = hyphenated[0], hyphenated[1], own_end, "quantity"
            elif shared is not None and noun is not None and noun.pos_ == "NOUN" and noun.is_alpha:
                unit, stated, unit_end, counted = None, None, own_end, noun
            elif num.open_hyphen:
                return None
            elif hyphenated is not None:
                unit, stated, unit_end = hyphenated
                kind = "quantity"
            elif noun is not None and (noun.pos_ == "NOUN" or noun.lower_ == "fold") and \
                    noun.is_alpha and not doc[end].whitespace_:
                unit, stated, unit_end = None, None, end + 2  # "four-cylinder": 4 cylinders
            else:
                return None  # "two-pronged": part of a word, not a quantity
        else:
            unit, stated, unit_end, kind = self._unit_after(doc, sent, num, currency)
            if unit is None and kind == "skip":
                return None

        prefix = doc[start : num.start].text or doc[start].text  # "$", "HK $", "US$"
        if currency is not None and unit is None:
            unit, stated, kind = currency, prefix, "money"
        elif currency is not None and unit is not None and not unit.currency:
            unit, stated, kind, unit_end = currency, prefix, "money", end

        if unit is None and kind == "count" and self._in_date(doc, num):
            return None

        qualifier, qstart = self._qualifier(doc, sent, start)
        if num.hedge is not None:
            qualifier = num.hedge
        if num.high is not None and start > sent.start and doc[start - 1].lower_ in \
                rules.range_starts:
            qstart = start - 1  # "between 5 and 10": the text starts where the range does
        low_n, high_n = num.number, num.high
        factor = unit.factor if unit else 1.0
        if high_n is not None:
            qualifier = "range"
            value = _times((low_n.value + high_n.value) / 2, factor)
            lo, hi = _times(low_n.value, factor), _times(high_n.value, factor)
        else:
            value = _times(low_n.value, factor)
            lo, hi = _interval(low_n, qualifier, rules.tolerance)
            lo = None if lo is None else _times(lo, factor)
            hi = None if hi is None else _times(hi, factor)
        if qualifier == "nearly":
            qualifier = "approximately"

        per, unit_end = self._per(doc, sent, unit_end, kind)
        if not all(x is None or math.isfinite(x) for x in (value, lo, hi)) or \
                abs(value) > MAX_VALUE:
            return None  # "1 million million million …": no figure a text states
        tokens_end = unit_end
        thing = self._thing(doc, sent, doc[num.end - 1] if kind == "count" else
                            self._root(doc, start, unit_end), unit_end, kind)
        if thing is not None and num.start <= thing.i < num.end:
            thing = None  # "200 million": the scale word is part of the number, not its noun
        thing = thing or counted
        before = doc[start - 1] if start > sent.start else None
        if kind == "count" and thing is None and before is not None and unit_end < sent.end \
                and before.text == "(" and doc[unit_end].text == ")":
            return None  # "Dak Prescott (4)", "(2)": a shirt number or a list mark in brackets
        if kind == "count" and before is not None and doc[start].text[0] in "-−" and \
                before.is_upper and before.is_alpha and len(before) > 1:
            return None  # "COVID -19": a name's number, spaced from it
        if kind == "count" and thing is not None and unit_end <= thing.i < unit_end + 4 and all(
            (t.head.i == thing.i or t.head.head.i == thing.i) and not t.like_num
            and not _GLUED_UNIT.match(t.text)  # "eight million 250ml bottles": two figures
            for t in doc[unit_end : thing.i]
        ):
            tokens_end = thing.i + 1  # "288 arrests", "12 U.S. agencies": the text names the thing
            if unit is None and stated is None:
                stated = doc[unit_end:tokens_end].text  # what is counted, as written
            if per is None:
                per, rate_end = self._per(doc, sent, tokens_end, kind)  # "3,000 tests per day"
                tokens_end = max(tokens_end, rate_end)
        if kind == "count" and tokens_end > unit_end and thing is not None and \
                thing.tag_ == "NNP" and not thing.text.isupper() and value != 1:
            return None  # "575 Wilbraham Road", "787 Dreamliner": a number in a singular name
        first = min(qstart, start)  # the figure's first token, its qualifier included
        inside = range(first, tokens_end)
        root = self._root(doc, inside.start, inside.stop)
        duration = unit is not None and unit.unit in self.rules.duration_units
        what = self._noun_phrase(thing) if thing is not None else (
            self._verb_what(root) if duration else None)
        if thing is not None and kind == "count":
            what = self._people_event(thing) or what
            if thing.lower_ in rules.count_abbreviations:  # "15.3 ppg": points per game
                what, per = rules.count_abbreviations[thing.lower_]
        scope = self._scope(doc, sent, thing if thing is not None and thing.i >= start else root,
                            inside)
        # counts change only as points ("lost 190 points") or by so many ("grew by 125,600
        # jobs"); "add ten users" adds users
        if kind != "count" or (what or "").split(" ")[-1] in ("point", "basis point") or (
                first > sent.start and doc[first - 1].lower_ == "by"
                and self._after_change_verb(doc, first - 1)):
            # every token that attaches the figure to the sentence: in "fell 0.4 per cent" both
            # "0.4" and "per" hang from the verb
            change = next((c for c in (self._change(doc, sent, t, first)
                                       for t in doc[inside.start : inside.stop]
                                       if t.head.i not in inside or t.i == root.i) if c), None)
        else:
            change = None
        if change is None and kind == "percent" and doc[num.start].text[0] in "+-−":
            change = "up" if doc[num.start].text[0] == "+" else "down"  # "Dow +0.2%, FTSE -0.6%"
        span_start = doc[qstart].idx if qstart < start else doc[start].idx
        last = doc[tokens_end - 1]
        # "USD10m.", "-196 F." at a sentence end: the full stop is not part of the figure
        last_text = last.text
        if last_text.endswith(".") and (last.i == sent.end - 1 or len(last_text) <= 3):
            last_text = last_text.rstrip(".") or last_text
        return Quantity(
            start=span_start,
            end=last.idx + len(last_text),
            value=value,
            low=lo,
            high=hi,
            qualifier=qualifier,
            unit=unit.unit if unit else None,
            currency=bool(unit and unit.currency),
            stated_unit=stated,
            kind=kind,
            what=what,
            scope=scope,
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            tokens=(min(qstart, start), tokens_end),
            change=change,
            per=per,
        )

    def _per(self, doc: Doc, sent: Span, j: int, kind: str) -> tuple[str | None, int]:
        """'$58.24 per barrel', '$3,500 a month', '500,000 barrels a day', '$21.25 per square
        foot', '3,000 tests per day': the rate's noun, and the token after it; (None, j) when
        the figure is no rate. A count is a rate only per a span of time ('per day')."""
        if j + 1 >= sent.end:
            return None, j
        if doc[j].text == "(":
            # "C$6 (US$4.46) per share": the rate the bracket interrupts; the figure itself
            # still ends before the bracket, which holds a figure of its own
            close = next((t.i for t in doc[j : min(j + 10, sent.end)] if t.text == ")"), None)
            if close is None:
                return None, j
            return self._per(doc, sent, close + 1, kind)[0], j
        if doc[j].text == "-" and doc[j + 1].lower_ in ("a", "an", "per") and \
                not doc[j - 1].whitespace_ and not doc[j].whitespace_:
            j += 1  # "a 52,000 barrel-a-day refinery"; not "(2.7 F) - a period"
        word = doc[j].lower_
        n = j + 2 if j + 2 < sent.end and doc[j + 1].text == "-" else j + 1  # "£24 a-year"
        if n >= sent.end:
            return None, j
        noun, k = doc[n], n + 1
        spelled = self._per_unit(doc, n, sent.end)
        if spelled is not None:
            per, k = spelled
        elif noun.lower_ in ("square", "cubic") and k < sent.end and doc[k].pos_ == "NOUN":
            k += 1  # "per square foot"
        elif noun.pos_ not in ("NOUN", "PROPN"):
            return None, j
        if word not in ("per", "a", "an", "/", "each") or not noun.is_alpha:
            return None, j
        after = doc[k].lower_ if k < sent.end else ""
        if after in ("ago", "earlier", "later", "before", "after", "of") or noun.like_num:
            return None, j  # "$5 a year ago" dates the figure; "a third of" is no rate
        if spelled is None:
            per = " ".join(t.lemma_.lower() for t in doc[n:k])
        if kind == "count" and per not in self.rules.count_rates:
            return None, j  # "ten players a team" is not a rate; "ten a day" is
        return per, k

    def _per_unit(self, doc: Doc, n: int, end: int) -> tuple[str, int] | None:
        """'per sq m', 'km/hr', 'per yr': an abbreviated unit after 'per', in words ('square
        meter', 'hour'), and the token after it; None for a word that is no abbreviation."""
        for size in (2, 1):
            if n + size > end:
                continue
            words = doc[n : n + size].text.rstrip(".")  # "per sq m." ending a sentence
            if size == 1 and (len(words) > 3 or not words.isalpha() or words.lower() in (
                    "a", "an", "the", "day", "man", "car", "bar", "pot", "cup", "can")):
                continue  # a word of its own, named by its lemma as before
            reading = self.units.alias(words)
            if reading is None and size == 1:
                reading = self.units.unit_named(words)
            if reading is not None and reading.unit and reading.factor == 1:
                return _unit_words(reading.unit), n + size
        return None

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

    def _is_not_a_claim(self, doc: Doc, sent: Span, num: _Num) -> bool:
        """Years, identifiers ("Boeing 737", "COVID-19"), pronoun "one"."""
        first = doc[num.start]
        prev = doc[num.start - 1] if num.start > sent.start else None
        nxt = doc[num.end] if num.end < sent.end else None
        if first.lower_ == "one" and num.end - num.start == 1 and num.high is None and (
            first.dep_ != "nummod"
            or (prev is not None and prev.lower_ in ("no", "the", "each", "any", "this", "that"))
            or (prev is not None and prev.pos_ == "ADP" and first.head.lemma_.lower() in
                self.rules.scope_nouns)  # "in one case": a scope, not a count
        ):
            return True
        if prev is not None and prev.text == "-" and not prev.whitespace_ and num.start - 2 >= 0 \
                and not doc[num.start - 2].whitespace_ and (doc[num.start - 2].is_alpha
                                                            or doc[num.start - 2].like_num):
            # "COVID-19", "F-35"; and "beat Charlton 2-1", "ISO 3888-2": a score or a code,
            # since a range ("5-10") was read from its first number
            return True
        if nxt is not None and nxt.lower_ in self.rules.not_counted:
            return True
        if num.end - num.start == 1 and any(
            doc[max(sent.start, num.start - n) : num.end].text.lower() in self.rules.named_numbers
            for n in (1, 2, 3)
        ):
            return True  # "S&P 500", "FTSE 100", "Euro 2020"
        if (nxt is not None and nxt.text in ("^", "**")) or (prev is not None and
                                                            prev.text in ("^", "**")):
            return True  # "10^1000": notation for a power, neither 10 nor 1000
        if num.glued_unit == "s" or (nxt is not None and nxt.text in ("s", "'s") and
                                     not doc[num.end - 1].whitespace_):
            return True  # "the 1970s", "in his 80s": a decade or an age bracket
        if nxt is not None and not doc[num.end - 1].whitespace_ and len(nxt.text) == 1 and \
                nxt.is_alpha and nxt.text not in self.units.glued_letters:
            return True  # "5G", "3D": a name written with a number
        n = num.number
        is_year = (
            num.high is None and num.end - num.start == 1 and first.text.isdigit()
            and len(first.text) == 4 and 1800 <= n.value <= LAST_YEAR
            and not (prev is not None and _SYMBOLIC.match(prev.text)
                     and self.units.currency(prev.text))  # "$2000."
        )
        if is_year and (
            (prev is not None and prev.lower_ in self.rules.year_preps)
            or nxt is None or nxt.is_punct or first.ent_type_ in _SKIP_ENTS
        ):
            return True
        if prev is not None and first.head.i == prev.i and prev.pos_ in ("NOUN", "PROPN") and \
                first.dep_ in ("nummod", "appos", "npadvmod") and num.end - num.start == 1 and \
                not self.units.currency(prev.text) and prev.lower_ not in self.rules.months:
            return True  # "page 5", "Section 427": a number after its noun names, not counts
        # "Flight 370", "S&P 500", "Section 427 Row 21", "iPhone 11": a number right after a
        # name (not a currency, not a month) names something unless it counts the noun after it
        if prev is not None and prev.pos_ == "PROPN" and not self.units.currency(prev.text) \
                and prev.ent_type_ not in ("DATE", "TIME", "MONEY") and prev.lower_ not in \
                self.rules.months and not _SYMBOLIC.match(prev.text):
            counts_next = nxt is not None and nxt.pos_ == "NOUN" and first.head.i == nxt.i
            return not counts_next
        return False

    def _in_date(self, doc: Doc, num: _Num) -> bool:
        """Inside a date, a time or an ordinal, unless the number cannot be one: the tagger also
        calls "at 2483805", "sales of 5835 units" or "to fall to 7,425.81" a date, but no year
        or day is above LAST_YEAR or written with a thousands separator."""
        return any(doc[k].ent_type_ in _SKIP_ENTS for k in range(num.start, num.end)) and not any(
            (doc[k].text.isdigit() and int(doc[k].text) > LAST_YEAR)
            or (doc[k].ent_type_ == "DATE" and _GROUPED_NUMBER.match(doc[k].text))
            for k in range(num.start, num.end))

    @staticmethod
    def _appositive_age(doc: Doc, sent: Span, num: _Num) -> bool:
        """'Maddon, 66, has…', 'Jamie Armstrong, 25, said': a small number set off by commas
        right after a name is the person's age."""
        first = doc[num.start]
        if num.end - num.start != 1 or num.high is not None or not first.text.isdigit() or \
                not 0 < int(first.text) <= 120 or num.start - 2 < sent.start:
            return False
        comma, name = doc[num.start - 1], doc[num.start - 2]
        after = doc[num.end].text if num.end < sent.end else "."
        return comma.text == "," and after in (",", ".", ";") and name.pos_ == "PROPN" and \
            name.ent_type_ in ("PERSON", "GPE", "ORG", "") and first.head.i == name.i

    def _age(self, doc: Doc, j: int, end: int) -> int | None:
        """'29-year-old', '50 year-old', 'five years old', '3 years of age': the token after
        the age phrase, or None."""
        words = [t.lower_ for t in doc[j : min(j + 4, end)]]
        for pattern in self.rules.age_patterns:
            if words[: len(pattern)] == pattern:
                return j + len(pattern)
        return None

    def _glued_unit(self, doc: Doc, sent: Span, num: _Num) -> UnitReading | None:
        word = num.glued_unit or ""
        if (alias := self.units.alias(word)) is not None:
            return alias
        money = None if word in self.units.glued_letters else self.units.currency(word)
        if money is not None:
            return money  # "164p": a share price in pence
        if len(word) == 1 and word not in self.units.glued_letters:
            return None
        mini = f"2 {word}"
        found = self.units.find_unit(mini)
        if found is None or found[0] != 0 or found[1] != len(mini):
            return None
        context = {t.lower_ for t in doc[max(sent.start, num.start - 8) : num.end + 8]}
        before = doc[num.start - 1].text if num.start > sent.start else ""
        return self.units.disambiguate(word, self.units.pint_unit(found[2], found[4]), context,
                                       before=before)

    @staticmethod
    def _elided_hyphen(doc: Doc, k: int, end: int) -> int | None:
        """The hyphen whose word a list of open hyphens shares: in "four-, five- and
        six-cylinder" the one before "cylinder". `k` is the token after the first open hyphen;
        None unless it is a list word and the list ends in a number, a hyphen and a word."""
        if k >= end or doc[k].text not in _LIST_WORDS:
            return None
        for j in range(k + 1, min(k + 12, end - 1)):
            if doc[j].text == "-" and doc[j - 1].like_num and not doc[j].whitespace_ \
                    and doc[j + 1].text not in _LIST_WORDS:
                return j
            if not (doc[j].like_num or doc[j].text in ("-", *_LIST_WORDS)
                    or (doc[j].text.endswith("-") and doc[j].text[:-1].isalnum())):
                return None
        return None

    def _hyphenated_unit(self, doc: Doc, j: int, end: int) -> tuple[UnitReading, str, int] | None:
        """'a five-year sentence', 'a 10-kilogram bag': the unit of a hyphenated modifier."""
        if j + 1 >= end or not doc[j + 1].is_alpha:
            return None
        word = doc[j + 1]
        alias = self.units.alias(word.text)
        if alias is not None:  # "a 5-mpg boost": a spelling quantulum3 does not know
            return alias, word.text, j + 2
        mini = f"2 {word.text}"
        found = self.units.find_unit(mini)
        if found is None or found[0] != 0 or found[1] != len(mini):
            return None
        reading = self.units.pint_unit(found[2], found[4])
        if reading is None:
            return None
        return reading, word.text, j + 2

    def _unit_after(self, doc: Doc, sent: Span, num: _Num, currency: UnitReading | None
                    ) -> tuple[UnitReading | None, str | None, int, str]:
        """The unit right after the number: (reading, as stated, token after it, kind)."""
        j, end = num.end, sent.end
        while j < end and doc[j].is_space:
            j += 1  # "7\u00a0kilograms", "7  kilograms": the unit after a wide gap
        if j >= end:
            return None, None, num.end, "count"
        tok = doc[j]
        low = tok.lower_
        if low in ("%", "percent", "pct") or (
            low == "per" and j + 1 < end and doc[j + 1].lower_ == "cent"
        ):
            k = j + 2 if low == "per" else j + 1
            if k < end and doc[k].lower_ in ("point", "points") and low != "%":
                k += 1
            return UnitReading("percent"), doc[j:k].text, k, "percent"
        # currency words after the number: "31 million dollars", "20 euros", "millions of dollars"
        k = j + 1 if low == "of" and num.number.vague else j
        for n in (3, 2, 1):
            words = doc[k : k + n]
            if len(words) == n and k + n <= end and not _SYMBOLIC.match(words.text):
                reading = self.units.currency(words.text)
                if reading is not None:
                    return reading, words.text, k + n, "money"
            if len(words) == n and k + n <= end and _SYMBOLIC.match(words.text) and n == 1 \
                    and self.units.currency(words.text):
                return self.units.currency(words.text), words.text, k + n, "money"
        if currency is None:
            for n in (3, 2, 1):  # "lb-ft", "sq m", "m.p.h": spellings quantulum3 does not know
                words = doc[j : j + n]
                reading = self.units.alias(words.text) if j + n <= end else None
                if reading is not None:
                    return reading, words.text, j + n, "quantity"
        if currency is not None or not (tok.text.rstrip(".").isalpha() or
                                        tok.text in ("°", "°C", "°F", "″", "′")):
            return None, None, num.end, "count"
        found = self._physical_unit(doc, sent, num, j)
        if found[0] is None and j + 1 < end and self._unit_modifier(tok):
            named = self.units.unit_named(f"{tok.lower_} {doc[j + 1].lemma_.lower()}")
            if named is not None:  # "12 nautical miles", "5 imperial gallons": a unit's name
                return named, doc[j : j + 2].text, j + 2, "quantity"
            # "517 rushing yards", "50 previous years": a word that modifies a unit noun
            # leaves the unit what it is
            reading, _, k, kind = self._physical_unit(doc, sent, num, j + 1)
            if reading is not None and k == j + 2:
                return reading, doc[j:k].text, k, kind
        return found

    @staticmethod
    def _unit_modifier(tok: Token) -> bool:
        """A lower-case adjective, participle or noun modifying the next word ('rushing',
        'previous', 'extra'). Not a proper adjective: 'Egyptian pounds' name a currency."""
        head = tok.head
        return tok.is_lower and tok.is_alpha and not tok.is_stop and head.i == tok.i + 1 and \
            tok.dep_ in ("amod", "compound", "nmod") and tok.pos_ in ("ADJ", "VERB", "NOUN")

    def _physical_unit(self, doc: Doc, sent: Span, num: _Num, j: int
                       ) -> tuple[UnitReading | None, str | None, int, str]:
        end = sent.end
        window_end = min(j + 4, end)
        head = "1" if num.number.value == 1 and num.high is None else "2"
        base = doc[j].idx
        text = doc[j:window_end].text.rstrip()
        mini = f"{head} {text}"
        found = self.units.find_unit(mini)
        if found is None or found[0] != 0 or found[1] <= len(head) + 1:
            return None, None, num.end, "count"
        unit_end_char = base + found[1] - len(head) - 1
        # a token may carry a sentence's full stop ("-196 F."): the unit ends before it
        k = next((t.i + 1 for t in doc[j:window_end]
                  if t.idx + len(t.text.rstrip(".")) == unit_end_char
                  or t.idx + len(t.text) == unit_end_char), None)
        if k is None:
            return None, None, num.end, "count"  # "12 U.S." is not 12 atomic mass units
        trimmed = k
        while k > j + 1 and (doc[k - 1].is_punct or doc[k - 1].is_stop):
            k -= 1  # "224 kW / 300 PS", "8 pounds at birth": an operator or "at" is no unit
        if k != trimmed:
            again = self.units.find_unit(f"{head} {doc[j:k].text}")
            if again is None or again[0] != 0:
                return None, None, num.end, "count"
            found = again
        # the unit ends before the next number ("5.2 litre V10 engine" is not litre·volt¹⁰;
        # "eight or nine euros": the next figure has the unit). "second" is like_num to spaCy,
        # as an ordinal, so a number is a digit or a number word.
        numeric = next((t.i for t in doc[j:k] if any(c.isdigit() for c in t.text)
                        or (t.like_num and is_number_word(t.lower_))), None)
        if numeric == j:
            return None, None, num.end, "count"
        if numeric is not None:
            k = numeric
            found = self.units.find_unit(f"{head} {doc[j:k].text}")
            if found is None or found[0] != 0:
                return None, None, num.end, "count"
        unit_tokens = doc[j:k]
        if found[3] == "unknown" and len(found[4]) > 1 and \
                not _UNIT_OPERATOR.search(unit_tokens.text):
            # letters read as a product of unit symbols: "innings" as inch·newton·inch·gauss,
            # "TDs" as day·second. A compound unit is written with an operator ("kg/m"; "N m"
            # is known by name); a word with no known dimension is a counted noun.
            return None, None, num.end, "count"
        if all(t.is_stop or t.is_punct for t in unit_tokens):
            return None, None, num.end, "count"  # "1 in 5", "10 at the scene"
        if len(unit_tokens.text.rstrip(".")) == 1 and \
                unit_tokens.text.rstrip(".") not in self.units.glued_letters:
            return None, None, num.end, "count"  # "5G", "3 D": a letter is rarely a unit
        reading = self.units.pint_unit(found[2], found[4])
        stated = unit_tokens.text
        word = unit_tokens[-1].text.rstrip(".") or stated
        context = {t.lower_ for t in doc[max(sent.start, j - 8) : min(sent.end, k + 8)]}
        before = doc[num.start - 1].text if num.start > sent.start else ""
        followed_by_of = k < end and doc[k].lower_ == "of"
        after_scale = num.end - num.start > 1 and doc[num.end - 1].lower_ in SCALE_WORDS
        if len(unit_tokens) == 1:  # "meters per second" is no reading of "second"
            reading = self.units.disambiguate(word, reading, context, before=before,
                                              followed_by_of=followed_by_of,
                                              after_scale=after_scale)
        if reading is None or reading.unit in ("count", "dimensionless"):
            return None, None, num.end, "count"  # "one count of fraud" counts counts: no unit
        return reading, stated, k, "money" if reading.currency else "quantity"

    def _qualifier(self, doc: Doc, sent: Span, start: int) -> tuple[str, int]:
        """The qualifier right before the quantity and where it starts, or ('exact', start)."""
        for n in range(self._max_qualifier, 0, -1):
            if start - n < sent.start:
                continue
            words = tuple(t.lower_ for t in doc[start - n : start])
            if words in self.rules.qualifiers:
                return self.rules.qualifiers[words], start - n
        return "exact", start

    # -- what is measured, and in what scope -----------------------------------------------------

    @staticmethod
    def _root(doc: Doc, start: int, end: int) -> Token:
        """The token of doc[start:end] whose head lies outside it (the last such one)."""
        inside = range(start, end)
        return next((doc[k] for k in reversed(inside) if doc[k].head.i not in inside),
                    doc[end - 1])

    def _thing(self, doc: Doc, sent: Span, root: Token, end: int, kind: str) -> Token | None:
        """The token naming what the quantity measures or counts."""
        preps = ("of",) if kind != "money" else ("in", "of")
        if kind == "fraction" and end < sent.end and doc[end].lower_ not in preps:
            # "half the condos": the share is of the noun phrase that follows
            return next((t for t in doc[end : min(end + 4, sent.end)]
                         if t.pos_ in ("NOUN", "PROPN")), None)
        if end < sent.end and doc[end].text == "(":
            # "500 kilograms (1,102 pounds) of cocaine": the complement follows the restatement
            close = next((t.i for t in doc[end : min(end + 10, sent.end)] if t.text == ")"), None)
            end = close + 1 if close is not None else end
        if end < sent.end and doc[end].lower_ in preps:
            obj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
            if obj is not None and _is_pronoun(obj):
                return None  # "a third of those screened", "half of which": no noun is named
            if obj is not None:
                return self._past_measure(obj)
        if kind in ("count", "age") and root.dep_ in ("nummod", "quantmod", "compound", "amod") \
                and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= root.i:
            if self.units.currency(root.head.text):
                return None  # "eight or nine euros": the currency belongs to the next figure
            # the number counts this noun itself ("one count of fraud"), measure word or not
            return root.head
        if kind == "count" and root.dep_ in ("pobj", "appos") and root.head.lower_ in (
            "including", "with", "of", "among", "includes", "include"
        ):
            noun = root.head.head
            if noun.pos_ in ("NOUN", "PROPN"):
                return self._past_measure(noun)
        if kind == "count" and root.dep_ == "pobj" and root.head.pos_ == "ADP" \
                and root.head.head.pos_ in ("VERB", "AUX"):
            subject = next((c for c in root.head.head.children if c.dep_ in ("nsubj", "nsubjpass")),
                           None)
            if subject is not None and subject.pos_ == "NOUN":
                return self._past_measure(subject)
        if root.dep_ in ("attr", "dobj", "npadvmod") and \
                root.head.lemma_ in self.rules.subject_verbs:
            subject = next((c for c in root.head.children if c.dep_ in ("nsubj", "nsubjpass")),
                           None)
            if subject is not None and subject.pos_ == "NOUN":
                return self._past_measure(subject)  # "The fine was €26.7 million"
        return None

    def _people_event(self, noun: Token) -> str | None:
        """'288 people were arrested' -> 'arrest'; 'killed 47 people' -> 'death'."""
        if noun.lemma_.lower() not in self.rules.people_nouns:
            return None
        verb = noun.head
        if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "ADJ"):
            return None
        return self.rules.people_events.get(verb.lemma_.lower())

    def _past_measure(self, noun: Token) -> Token:
        """'the number of arrests' -> 'arrests'."""
        if noun.lemma_.lower() in self.rules.measure_heads:
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
        return noun

    def _verb_what(self, root: Token) -> str | None:
        """Durations without a complement take their verb: 'sentenced to 16 years' -> 'sentence'."""
        head = root.head
        if head.pos_ == "ADP":
            head = head.head
        if head.pos_ == "VERB" and head.i != root.i:
            return head.lemma_.lower()
        return None

    def _noun_phrase(self, tok: Token) -> str:
        """Lemmas of the noun and its conjuncts with their noun compounds: 'pill and drug'."""
        parts: list[str] = self._elided_noun(tok)
        for t in (tok, *self._tight_conjuncts(tok)):
            words = [c.lemma_.lower() for c in t.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
            words.append(t.text if t.pos_ == "PROPN" else t.lemma_.lower())
            phrase = " ".join(words)
            if phrase not in parts:
                parts.append(phrase)
        joiner = " or " if any(
            c.lower_ == "or" for t in (tok, *tok.lefts) for c in t.children if c.dep_ == "cc"
        ) else " and "
        return joiner.join(parts)

    @staticmethod
    def _elided_noun(tok: Token) -> list[str]:
        """'fentanyl or fentanyl-laced narcotics' names fentanyl, though it parses as a modifier."""
        for mod in tok.lefts:
            for conj in mod.conjuncts:
                hyphenated = tok.doc[conj.left_edge.i : conj.i + 1].text.lower()
                if mod.dep_ in ("amod", "compound") and hyphenated.startswith(f"{mod.lower_}-"):
                    return [mod.lower_]
        return []

    @staticmethod
    def _tight_conjuncts(tok: Token) -> list[Token]:
        """Conjuncts that share the quantity: 'pills and other drugs', not the next list item.

        A conjunct counts only when nothing but a conjunction and its own modifiers stands
        between it and the noun, and it carries no number of its own.
        """
        out = []
        prev = tok
        for conj in tok.conjuncts:
            if conj.i < tok.i:
                continue
            between = tok.doc[prev.i + 1 : conj.left_edge.i]
            if any(t.is_punct for t in between) or any(t.dep_ != "cc" for t in between):
                break
            if any(c.like_num or c.dep_ == "nummod" or c.lower_ in VAGUE_WORDS
                   for c in conj.subtree):
                break
            out.append(conj)
            prev = conj
        return out

    def _scope(self, doc: Doc, sent: Span, anchor: Token, inside: range) -> str | None:
        """Modifiers that narrow the figure: 'overseas', 'in the U.S.', 'in one case'.

        The walk up from the figure stops after SCOPE_HOPS heads, and each head's candidate
        modifiers are gathered once per Doc, so a sentence that runs on for thousands of
        figures (a table pasted as one line) costs time in proportion to its length.
        """
        phrases: list[tuple[int, str]] = []
        own = [anchor, *(doc[k] for k in inside)]
        for tok in own:
            for child in tok.children:
                if child.i not in inside:
                    self._add_scope(child, inside, phrases)
        node = anchor
        for _ in range(SCOPE_HOPS):
            if node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                for child in self._clause_modifiers(node):
                    self._add_scope(child, inside, phrases)
                    if child.dep_ in ("nsubj", "nsubjpass"):
                        self._prior_event(child, phrases)
                if node.dep_ in ("relcl", "acl"):
                    self._prior_event(node.head, phrases)
        if not phrases:
            return None
        ordered = sorted(set(phrases))
        return "; ".join(text for _, text in ordered)

    def _clause_modifiers(self, verb: Token) -> list[Token]:
        """The children of a verb that can narrow a figure or name a prior event (cached)."""
        cached = self._modifiers.get(verb.i)
        if cached is None:
            cached = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                      or self._scope_text(c) is not None]
            self._modifiers[verb.i] = cached
        return cached

    def _prior_event(self, noun: Token, phrases: list[tuple[int, str]]) -> None:
        """'last year's operation', 'the previous operation': a figure of another event."""
        words = {c.lower_ for c in noun.lefts} | {
            g.lower_ for c in noun.lefts if c.dep_ == "poss" for g in c.lefts
        }
        if noun.pos_ == "NOUN" and not words.isdisjoint(self.rules.prior_event):
            span = noun.doc[noun.left_edge.i : noun.i + 1]
            text = " ".join(span.text.split())
            phrases.append((noun.left_edge.i, text[0].lower() + text[1:]))

    def _add_scope(self, child: Token, inside: range, phrases: list[tuple[int, str]]) -> None:
        """The child's scope phrase, unless the figure itself lies within the child."""
        if any(k in inside for k in (child.left_edge.i, child.right_edge.i)) or (
            child.left_edge.i <= inside.start and child.right_edge.i >= inside.stop - 1
        ):
            return
        text = self._scope_text(child)
        if text is not None:
            phrases.append((child.i, text))

    def _scope_text(self, child: Token) -> str | None:
        """'overseas', 'in the U.S.', 'in 2022', 'in one case'; None for any other modifier."""
        if child.i in self._scope_texts:
            return self._scope_texts[child.i]
        text = None
        if child.dep_ in ("advmod", "npadvmod") and child.lower_ in self.rules.scope_adverbs:
            text = child.lower_
        elif child.dep_ == "prep" and child.lower_ in self.rules.scope_preps:
            text = self._scope_prep(child)
        self._scope_texts[child.i] = text
        return text

    def _scope_prep(self, child: Token) -> str | None:
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        subtree = list(obj.subtree)
        if any(t.like_num and t.lower_ not in ("one", "a", "an") for t in subtree):
            return None  # "throughout 30 federal districts" is a quantity of its own, not a scope
        place = obj.ent_type_ in ("GPE", "LOC", "FAC") or any(
            c.ent_type_ in ("GPE", "LOC", "FAC") for c in obj.lefts
        )
        year = obj.ent_type_ == "DATE" and any(t.shape_ == "dddd" for t in subtree)
        instance = obj.lemma_.lower() in self.rules.scope_nouns and any(
            c.lower_ in ("one", "a", "an", "another", "each", "that", "this")
            for c in obj.lefts
        )
        if not (place or year or instance):
            return None
        span = child.doc[child.i : child.right_edge.i + 1]
        text = " ".join(span.text.strip(" ,;").split())
        return text[0].lower() + text[1:]


def _unit_words(unit: str) -> str:
    """A Pint unit in words: 'meter ** 2' -> 'square meter', 'hour' -> 'hour'."""
    name, _, power = (part.strip() for part in unit.partition("**"))
    words = name.replace("_", " ")
    return {"2": f"square {words}", "3": f"cubic {words}"}.get(power, words)


def _comparable(a: float | None, b: float | None) -> bool:
    """Two figures of the same order of magnitude (within a factor of 100)."""
    if a is None or b is None or a <= 0 or b <= 0:
        return False
    return max(a, b) / min(a, b) <= 100


def _is_pronoun(tok: Token) -> bool:
    """'those', 'which', 'them', 'this': a pronoun or a determiner standing alone refers to a
    noun named elsewhere; it is no concept of its own."""
    return tok.pos_ in ("PRON", "DET") or tok.tag_ in ("PRP", "WDT", "WP", "DT", "EX")


def _times(x: float, factor: float) -> float:
    """x in a sub-unit as the main unit: 164 pence is 1.64 pounds, not 1.6400000000000001."""
    if 0 < factor < 1 and (inverse := round(1 / factor)) > 1 and abs(inverse * factor - 1) < 1e-12:
        return x / inverse
    return x * factor


def _scaled(number: Number, scale: float) -> Number:
    return Number(number.value * scale, number.step * scale, number.vague)
