"""How claims_numbers reads number phrases, token by token: digits with their scale words, numbers
in words, ranges, shares, and signs written onto a number ("~45g", "minus-130", "Y=28,030")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from ..numbers import (
    ABBREVIATED_SCALES,
    FRACTION_WORDS,
    SCALE_WORDS,
    TENS_WORDS,
    UNITS_WORDS,
    VAGUE_WORDS,
    Number,
    NumberPhrase,
    is_number_word,
    parse_digits,
    parse_vague,
    parse_words,
    scaled,
)
from ..units import Currencies
from .rules import from_to_verbs
from .tokens import GLUED_UNIT, LIST_WORDS, SYMBOLIC, after_verb

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# "USD10", "RM23.50", "US55,931,000" (after "$"), "S$1mil": a currency code written onto the number
_CODE_NUMBER = re.compile(r"^([A-Z]{1,3}\$?)(\d[\d,]*(?:\.\d+)?(?:k|m|mn|bn|mil|b)?)$")
# "-196", "+0.2", "−5", "-50.8bn"
_SIGNED = re.compile(r"^[-−+](\d[\d,]*(?:\.\d+)?(?:k|m|mn|bn|b|tn)?)$", re.IGNORECASE)
# "1.99×10−30" (a superscript exponent flattened), "2.998×10^8"
_SCIENTIFIC = re.compile(r"^(\d+(?:\.\d+)?)[×x]10(?:\^?([−-]?\d{1,2}))?$")
_FOLD = re.compile(r"^([a-z]+|\d+)-?fold$", re.IGNORECASE)  # "sixfold", "10fold"
_RANGE_TOKEN = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–—](\d[\d,]*(?:\.\d+)?)$")
_PREFIXED = re.compile(r"^(~|≈|[Mm]inus-|[Ss]ub-)(\d.*)$")
_MAGNITUDE = re.compile(r"^M(\d{1,2}\.\d{1,2})$")  # "M5.2"
_DIGIT_FRACTION = re.compile(r"^(\d{1,3})[/⁄](\d{1,3})$")
_MEASURE_DENOMINATORS = {2, 3, 4, 8, 16, 32, 64, 128}  # cups, inches, pints; not dates or scores
# what may follow a share to make it one: "a third of", "half the", "half their"
_SHARE_FOLLOWERS = ("of", "the", "their", "its", "his", "her", "our", "all")
_SPELLED_SCALES = ("dozen", "hundred", "thousand", "million", "billion")
# The words a number phrase can start with ("twenty", "dozens", "a third", "half the", "minus 5",
# "sixfold", "four-"); any other token starts one only if it holds a digit.
_NUMBER_STARTS = frozenset({*UNITS_WORDS, *TENS_WORDS, *VAGUE_WORDS, "dozen", "a", "an", "half",
                            "minus", "negative"})
_DIGIT = re.compile(r"\d")


def _joined_scale(doc: Doc, j: int, end: int) -> bool:
    """A hyphen written tight between a number and a spelled scale word: '212-million'."""
    return (doc[j].text == "-" and j + 1 < end and j > 0 and not doc[j - 1].whitespace_
            and not doc[j].whitespace_ and doc[j + 1].lower_ in _SPELLED_SCALES[2:])


@dataclass(frozen=True)
class NumberRules:
    """What reading numbers needs: currency signs, range words, and the filters' word lists."""

    currencies: Currencies
    range_links: frozenset[str]
    from_to_verbs: frozenset[str]  # after them "from 5 to 10" is two figures, not a range
    scope_nouns: frozenset[str]  # "in one case": 'one' is no count
    not_counted: frozenset[str]  # "5 pm", "3rd": a time or an ordinal
    named_numbers: frozenset[str]  # "s&p 500": the number names
    year_preps: frozenset[str]
    months: frozenset[str]
    scale_words: frozenset[str]  # "magnitude 5.3": the word names a scale, not a numbered thing
    rated_nouns: frozenset[str]  # "quake": a noun rated on a scale (for "an M5.2 quake")

    @classmethod
    def from_data(cls, quantities: dict[str, Any], units: dict[str, Any]) -> NumberRules:
        return cls(
            currencies=Currencies(units),
            range_links=frozenset(quantities["range_links"]),
            from_to_verbs=from_to_verbs(quantities),
            scope_nouns=frozenset(quantities["scope_nouns"]["nouns"]),
            not_counted=frozenset(quantities["not_counted"]["words"]),
            named_numbers=frozenset(quantities["named_numbers"]["names"]),
            year_preps=frozenset(quantities["year_prepositions"]),
            months=frozenset(quantities["months"]),
            scale_words=frozenset(k for k in quantities["scale_phrases"]["before"]
                                  if " " not in k),
            rated_nouns=frozenset(k for k in quantities["scale_nouns"] if not k.startswith("_")),
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A number phrase in its sentence: what a number filter looks at."""

    sent: Span
    number: NumberPhrase
    first: Token  # the phrase's first and last tokens
    last: Token
    prev: Token | None  # the tokens around it, within its sentence
    next: Token | None

    @classmethod
    def of(cls, sent: Span, num: NumberPhrase) -> Candidate:
        doc = sent.doc
        return cls(sent, num, doc[num.start], doc[num.end - 1],
                   doc[num.start - 1] if num.start > sent.start else None,
                   doc[num.end] if num.end < sent.end else None)


# A filter: True when the candidate is not a claim (a year, part of a name).
NumberFilter = Callable[[Candidate, NumberRules], bool]


class NumberFinder:
    """Number phrases, read token by token; rules are injected, nothing is global."""

    def __init__(self, rules: NumberRules) -> None:
        self.rules = rules
        self.currency = rules.currencies.currency

    def __call__(self, doc: Doc) -> Iterator[Candidate]:
        """Every number phrase in its sentence, in order; none overlaps another."""
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                num = self.number_at(doc, i, sent.end)
                if num is None:
                    i += 1
                else:
                    yield Candidate.of(sent, num)
                    i = num.end

    def number_at(self, doc: Doc, i: int, end: int, *, ranges: bool = True
                  ) -> NumberPhrase | None:
        """The number phrase starting at token i, if any. A sign written onto the number
        ("~45g", "minus-130", "sub-300", "Y=28,030", "PS2.7m") is read, then the number as if
        alone."""
        text = doc[i].text
        low = text.lower()
        if low not in _NUMBER_STARTS and not low.endswith(("fold", "-")) and \
                not _DIGIT.search(text):
            return None  # most words: nothing below could read a number in them
        for sign, symbol in self.rules.currencies.transliterated.items():
            digits = text[len(sign):]
            # "PS2.7m", "Y=28,030": text converted to ASCII spells '£' and '¥' so; but "PS4"
            # and "PS5" are consoles: one digit alone, with no scale, is no amount written so;
            # nor is a one-letter sign without a scale ("e37 million" but the fuel "e10")
            number = parse_digits(digits) if text.startswith(sign) else None
            if number is not None:
                j, scale = self._scales(doc, i + 1, end)
                if j == i + 1 and (len(digits) == 1 or len(sign) == 1):
                    return None
                return NumberPhrase(i, j, scaled(number, scale), glued_currency=symbol)
        rated = _MAGNITUDE.match(text)
        if rated is not None and self._about_quakes(doc, i):
            # "an M5.2 quake": seismology's notation for a magnitude (not "M2.5 screws")
            number = parse_digits(rated.group(1))
            return None if number is None else NumberPhrase(i, i + 1, number,
                                                            glued_unit="magnitude")
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
            return replace(num, number=scaled(num.number, -1.0))
        return replace(num, hedge="less_than" if sign == "sub-" else "approximately")

    def _about_quakes(self, doc: Doc, i: int) -> bool:
        """Does a noun rated on a scale ('quake', 'aftershock') or 'magnitude' stand near?"""
        near = doc[max(0, i - 12) : i + 12]
        return any(t.lemma_.lower() in self.rules.rated_nouns or t.lower_ in self.rules.scale_words
                   for t in near)

    def _bare_number_at(self, doc: Doc, i: int, end: int, text: str, *, ranges: bool
                        ) -> NumberPhrase | None:
        """A number written in one of the forms news text uses, with no sign before it."""
        glued = _RANGE_TOKEN.match(text)
        if glued:
            a, b = parse_digits(glued.group(1)), parse_digits(glued.group(2))
            if a is not None and b is not None and a.value < b.value:
                j, scale = self._scales(doc, i + 1, end)
                return NumberPhrase(i, j, scaled(a, scale), scaled(b, scale))
        if text.lower() in VAGUE_WORDS:
            return self._vague_at(doc, i, end)
        for reader in (self._fraction_at, self._digit_fraction_at, self._scientific_at,
                       self._fold_at, self._signed_at, self._code_number_at, self._glued_at):
            found = reader(doc, i, end, text)
            if found is not None:
                return found or None  # False: the token is of that form but is no number
        return self._plain_number_at(doc, i, end, text, ranges=ranges)

    def _vague_at(self, doc: Doc, i: int, end: int) -> NumberPhrase | None:
        """'dozens of', 'tens of thousands of': a lower bound and ten times it."""
        j = i + 1
        while j + 1 < end and doc[j].lower_ == "of" and doc[j + 1].lower_ in VAGUE_WORDS:
            j += 2
        if j < end and doc[j].lower_ == "of":
            number = parse_vague([t.text for t in doc[i:j]])
            if number is not None:
                return NumberPhrase(i, j, number, Number(number.value * 10, 0.0, vague=True))
        return None

    def _fraction_at(self, doc: Doc, i: int, end: int, text: str) -> NumberPhrase | None:
        """'half the condos', 'a third of', 'two-thirds of', 'one in three', 'one out of three'."""
        words = [t.lower_ for t in doc[i : min(i + 5, end)]]
        if len(words) >= 3 and words[0] in UNITS_WORDS and words[1] in ("in", "out") and (
            words[2] in UNITS_WORDS or (words[1] == "out" and len(words) >= 4
                                        and words[2] == "of" and words[3] in UNITS_WORDS)):
            k = 3 if words[1] == "in" else 4
            den = UNITS_WORDS[words[k - 1]]
            if den > UNITS_WORDS[words[0]] > 0:
                return NumberPhrase(i, i + k, Number(UNITS_WORDS[words[0]] / den, 0.0),
                                    fraction=True)
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
        if after not in _SHARE_FOLLOWERS:
            return None
        if word in ("fourth", "fifth", "tenth", "third") and k == 0:
            return None  # "third" alone is an ordinal
        return NumberPhrase(i, i + k + 1, Number(numerator / FRACTION_WORDS[word], 0.0),
                            fraction=True)

    @staticmethod
    def _digit_fraction_at(doc: Doc, i: int, end: int, text: str) -> NumberPhrase | bool | None:
        """'1/2 pound', '1/16 of a US pint'; not '24/7', '9/11' (False: no number at all)."""
        written = _DIGIT_FRACTION.match(text)
        if not written:
            return None
        a, b = int(written.group(1)), int(written.group(2))
        if 0 < a < b and b in _MEASURE_DENOMINATORS:
            return NumberPhrase(i, i + 1, Number(a / b, 0.0))
        return False

    @staticmethod
    def _scientific_at(doc: Doc, i: int, end: int, text: str) -> NumberPhrase | None:
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
        return NumberPhrase(i, j, Number(float(f"{m.group(1)}e{power}"),
                                         mantissa.step * 10.0**power))

    @staticmethod
    def _fold_at(doc: Doc, i: int, end: int, text: str) -> NumberPhrase | bool | None:
        """'grew more than sixfold', '3-fold': a multiple."""
        fold = _FOLD.match(text)
        if not fold:
            return None
        times = parse_words([fold.group(1)]) or parse_digits(fold.group(1))
        if times is None or times.value <= 1:
            return False
        return NumberPhrase(i, i + 1, times, times_over=True)

    def _signed_at(self, doc: Doc, i: int, end: int, text: str) -> NumberPhrase | bool | None:
        """'-196', '+0.2', 'minus 5', 'negative 3'."""
        signed = _SIGNED.match(text)
        negative_word = text.lower() in ("minus", "negative") and i + 1 < end and \
            parse_digits(doc[i + 1].text) is not None
        if not (signed or negative_word):
            return None
        number = parse_digits(signed.group(1) if signed else doc[i + 1].text)
        if number is None:
            return False
        sign = -1.0 if (text[0] in "-−" or negative_word) else 1.0
        j, scale = self._scales(doc, i + (1 if signed else 2), end)
        return NumberPhrase(i, j, Number(sign * number.value * scale, number.step * scale))

    def _code_number_at(self, doc: Doc, i: int, end: int, text: str) -> NumberPhrase | None:
        """'USD10', 'RM23.50', '$US55,931,000': a currency code written onto the number."""
        code = _CODE_NUMBER.match(text)
        if not code:
            return None
        prefix = code.group(1)
        if i > 0 and doc[i - 1].text == "$" and not doc[i - 1].whitespace_:
            prefix = "$" + prefix  # "$US55,931,000", "$A82"
        number = parse_digits(code.group(2))
        if number is None or not self.currency(prefix):
            return None
        j, scale = self._scales(doc, i + 1, end)
        return NumberPhrase(i, j, scaled(number, scale), glued_currency=prefix)

    @staticmethod
    def _glued_at(doc: Doc, i: int, end: int, text: str) -> NumberPhrase | bool | None:
        """'2.5kg', '12C': letters written onto the number (a unit or not: claims_units says);
        '7-' of '7- or 8-inch': a hyphen left open for the unit after the list."""
        glued_unit = GLUED_UNIT.match(text)
        if glued_unit and glued_unit.group(2).lower() not in SCALE_WORDS:
            number = parse_digits(glued_unit.group(1))
            return NumberPhrase(i, i + 1, number, glued_unit=glued_unit.group(2)) if number \
                else False
        if text.endswith("-") and len(text) > 1 and i + 1 < end and doc[i + 1].text in LIST_WORDS:
            number = parse_digits(text[:-1]) or parse_words([text[:-1]])
            return NumberPhrase(i, i + 1, number, open_hyphen=True) if number is not None \
                else False
        return None

    def _plain_number_at(self, doc: Doc, i: int, end: int, text: str, *, ranges: bool
                         ) -> NumberPhrase | None:
        """Digits with their scale words ('53.4 million'), or a number in words ('twenty-five',
        'a dozen', 'three hundred and ten'); then, unless asked not to, a range from it."""
        low = text.lower()
        if parse_digits(text) is not None:
            j, _ = self._scales(doc, i + 1, end)
            # "5.4m." at a sentence's end: the scale without the full stop
            number = parse_words([text, *(t.text.rstrip(".") for t in doc[i + 1 : j])])
        elif low in UNITS_WORDS or low in TENS_WORDS or low == "dozen" or (
            low in ("a", "an") and i + 1 < end and doc[i + 1].lower_ in _SPELLED_SCALES
        ):
            j = self._number_words_end(doc, i + 1, end)
            number = parse_words([text, *(t.text for t in doc[i + 1 : j])])
        else:
            return None
        if number is None:
            return None
        found = NumberPhrase(i, j, number)
        # a range's upper end is never the start of another range: "1 - 1 - 1 …" stays flat
        return self._maybe_range(doc, found, end) if ranges else found

    @staticmethod
    def _number_words_end(doc: Doc, j: int, end: int) -> int:
        """The token after the number words from j on: 'five', '-', 'hundred', 'and', 'ten'."""
        while j < end:
            w = doc[j].lower_
            nxt = doc[j + 1].lower_ if j + 1 < end else ""
            if (is_number_word(w) and w not in ABBREVIATED_SCALES) or (w == "-" and (
                nxt in UNITS_WORDS and doc[j - 1].lower_ in TENS_WORDS
            )) or _joined_scale(doc, j, end) or (w == "and" and doc[j - 1].lower_ == "hundred" and (
                nxt in UNITS_WORDS or nxt in TENS_WORDS
            )):
                j += 1
            else:
                break
        return j

    @staticmethod
    def _scales(doc: Doc, j: int, end: int) -> tuple[int, float]:
        """Scale words after digits ("53.4 million", "5 bn"): the token after them and the scale."""
        scale = 1.0
        while j < end:
            if _joined_scale(doc, j, end):
                j += 1  # "$212-million", "five-million-euro": the hyphen joins the scale word
            word = doc[j].lower_
            if word not in SCALE_WORDS and word.rstrip(".") in ABBREVIATED_SCALES:
                word = word.rstrip(".")  # "EUR50m." at the end of a sentence
            if word not in SCALE_WORDS:
                break
            scale *= SCALE_WORDS[word]
            j += 1
        return j, scale

    def _maybe_range(self, doc: Doc, num: NumberPhrase, end: int) -> NumberPhrase:
        """'between 5 and 10', 'from 5 to 10', '5 to 10 million', '5 - 10'."""
        j = num.end
        if j + 1 >= end or doc[j].lower_ not in self.rules.range_links:
            return num
        b = num.start - 1
        if b > 0 and SYMBOLIC.match(doc[b].text) and self.currency(doc[b].text):
            b -= 1  # "by $43.6 billion to …": the word before the currency sign
        before = doc[b].lower_ if b >= 0 else ""
        if doc[j].lower_ == "and" and before != "between":
            return num
        if (before == "from" or (before == "by" and b < num.start - 1)) and \
                after_verb(doc, b, self.rules.from_to_verbs):
            # "rose from 5 to 10", "grew by $4 to $9": two values; but "dropped by 1 to 1.5
            # degrees", one unit for both, is a range of change
            return num
        k = j + 1
        if self.currency(doc[k].text) and SYMBOLIC.match(doc[k].text) and k + 1 < end:
            k += 1
        second = self.number_at(doc, k, end, ranges=False)
        if second is None or second.high is not None:
            return num
        first, upper = num.number, second.number
        if upper.value >= 1000 and first.value < upper.value / 1000 and second.end - k > 1:
            # "5 to 10 million": the scale written once applies to both ends
            written = parse_words([doc[k].text])  # the upper end before its scale word
            scale = upper.value / written.value if written and written.value else 1.0
            first = scaled(first, scale)
        if first.value >= upper.value:
            return num
        # "5-10W", "25 – 40min": a unit written onto the upper end is the unit of both
        return NumberPhrase(num.start, second.end, first, upper, glued_unit=second.glued_unit)
