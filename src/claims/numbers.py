"""Numbers as news text writes them: digits, number words, scale words, and their precision."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Values beyond this are not quantities a news claim states; they come from IDs, hashes or junk.
MAX_VALUE = 1e18

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS = {
    "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
    "tn": 1e12,
}  # fmt: skip
# Abbreviated scales are only read right after digits ("$5m", "2.3 bn"), never on their own.
ABBREVIATED_SCALES = {"k", "m", "mn", "mln", "mil", "b", "bn", "bln", "tn"}
# "dozens", "hundreds", "thousands": a vague amount, read as one to ten of them (NewsQuant's
# convention: "dozens" is 12-120, "tens of thousands" 10,000-100,000).
VAGUE_WORDS = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12, "tens": 10,
}  # fmt: skip
DOZEN = {"dozen": 12}
# Shares of a whole: "half the condos", "two-thirds of sales", "a quarter of voters".
FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip

# 1,875 / 53.4 / 1875 / .5 / Indian grouping 9,99,999. Anything else with digits is not a number.
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:,\d{2})+,\d{3}|\d+)?(?:\.\d+)?$")
_GLUED_SCALE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(k|m|mn|mln|mil|b|bn|bln|tn)\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A parsed number: its value and the step its last stated digit implies."""

    value: float
    step: float  # "850" -> 1, "53.4 million" -> 100,000; half of it either side is rounding
    vague: bool = False  # "dozens", "tens of thousands": a lower bound, not a value


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """A number as the text writes it, and where: '53.4 million', 'between 5 and 10', '~45g'."""

    start: int  # token range in the Doc
    end: int
    number: Number
    high: Number | None = None  # the upper end of a range
    glued_unit: str | None = None  # "kg" of "2.5kg": the unit written onto the number
    glued_currency: str | None = None  # "USD" of "USD10": the currency written onto it
    fraction: bool = False  # "two-thirds of": a share of a whole
    hedge: str | None = None  # the qualifier written onto the number: "~45g", "sub-300"
    times_over: bool = False  # "sixfold": a multiple, which takes no unit
    open_hyphen: bool = False  # "7-" of "7- or 8-inch": the unit comes after the list


def scaled(number: Number, scale: float) -> Number:
    """The number times `scale`; its step stays a width ('minus-1.4' is -1.45 to -1.35)."""
    return Number(number.value * scale, abs(number.step * scale), number.vague)


def parse_digits(text: str) -> Number | None:
    """'1,875' -> 1875 (step 1); '53.4' -> 53.4 (step 0.1); '5m' -> 5e6; junk -> None."""
    text = text.strip()
    scale = 1.0
    glued = _GLUED_SCALE.match(text)
    if glued:
        text, scale = glued.group(1), SCALE_WORDS[glued.group(2).lower()]
    if not text or not _DIGITS.match(text) or not any(c.isdigit() for c in text):
        return None
    plain = text.replace(",", "")
    decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
    if len(plain) > 30:  # a 500-digit "number" is not a quantity; float() would overflow
        return None
    value = float(plain) * scale
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        return None
    return Number(value, 10.0**-decimals * scale)


def is_number_word(word: str) -> bool:
    """True for words that can start or continue a spelled-out number."""
    w = word.lower()
    return w in UNITS_WORDS or w in TENS_WORDS or w in SCALE_WORDS or w in DOZEN


def parse_words(words: list[str]) -> Number | None:
    """Spelled-out numbers: ['two'], ['twenty', 'five'], ['three', 'hundred'], ['a', 'dozen'].

    Scale words may follow digits: ['53.4', 'million'] -> 53.4e6 with step 1e5.
    """
    words = [w.lower() for w in words if w not in ("-", "and")]
    if not words:
        return None
    if words[0] in ("a", "an"):
        words = ["one", *words[1:]]
    total, current, step = 0.0, 0.0, 1.0
    seen_digit = False
    for i, w in enumerate(words):
        if w in UNITS_WORDS:
            current += UNITS_WORDS[w]
        elif w in TENS_WORDS:
            current += TENS_WORDS[w]
        elif w in DOZEN:
            current = (current or 1) * 12
        elif w in SCALE_WORDS and (w not in ABBREVIATED_SCALES or seen_digit):
            scale = SCALE_WORDS[w]
            if i == 0:
                return None  # "million" alone is not a number
            if scale == 100:
                current = (current or 1) * 100
                step = 1.0
            elif current == 0 and total > 0:
                total *= scale  # "a thousand million": scales in a row multiply
                step *= scale
            else:
                total += (current or 1) * scale
                current = 0.0
                step *= scale
        else:
            parsed = parse_digits(w) if i == 0 else None
            if parsed is None:
                return None
            current, step, seen_digit = parsed.value, parsed.step, True
    value = total + current
    if not math.isfinite(value) or abs(value) > MAX_VALUE or not math.isfinite(step):
        return None
    return Number(value, step)


def parse_vague(words: list[str]) -> Number | None:
    """'dozens', 'hundreds', 'tens of thousands', 'hundreds of millions': the lower end of the
    range they name (the upper end is ten times it); `vague` is set."""
    words = [w.lower() for w in words if w.lower() != "of"]
    if not words or any(w not in VAGUE_WORDS for w in words):
        return None
    value = 1.0
    for w in words:
        value *= VAGUE_WORDS[w]
    return Number(value, 0.0, vague=True)
