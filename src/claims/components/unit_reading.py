"""How claims_units reads the unit after a number: a currency, a Pint unit (found by quantulum3,
settled in context), an age, a hyphenated modifier ("a 10-kilogram bag"), a rate ("per barrel")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..numbers import SCALE_WORDS, NumberPhrase, is_number_word
from ..units import UnitReading, Units
from .tokens import LIST_WORDS, SYMBOLIC, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_UNIT_OPERATOR = re.compile(r"[/*·^]|\bper\b")

# (unit, as stated, token after it, kind): what the unit after a number is
UnitFound = tuple[UnitReading | None, str | None, int, str]


@dataclass(frozen=True)
class ReadingRules:
    """The lexical rules reading units needs, beside the Units registry."""

    units: Units
    age_patterns: tuple[tuple[str, ...], ...]
    count_rates: frozenset[str]  # "day": what a count can be per ("3,000 tests per day")
    not_rate_after: frozenset[str]  # "$5 a year ago": the noun dates the figure, no rate
    not_abbreviations: frozenset[str]  # "per day": a word of its own, no abbreviated unit
    percent_words: frozenset[str]  # "%", "percent", "pct"

    @classmethod
    def from_data(cls, units: Units, quantities: dict[str, Any]) -> ReadingRules:
        rates = quantities["rate_words"]
        return cls(
            units=units,
            age_patterns=tuple(tuple(p.split()) for p in quantities["age_patterns"]["patterns"]),
            count_rates=frozenset(quantities["count_rates"]["nouns"]),
            not_rate_after=frozenset(rates["not_after"]),
            not_abbreviations=frozenset(rates["not_abbreviations"]),
            percent_words=frozenset(quantities["percent_words"]["words"]),
        )


# adjectives of size after which "in" is the inch: "0.6 in thick"
_SIZE_ADJECTIVES = frozenset({"thick", "long", "wide", "tall", "high", "deep", "across"})


def _bare_inch(doc: Doc, sent: Span, num: NumberPhrase, k: int) -> bool:
    """'0.43 in or 11 mm', '0.6 in thick', '15.6 in,': "in" that no object follows is the
    inch, after a decimal (whole numbers are too often counted: "brought 5 in.") or before an
    adjective of size."""
    after = doc[k] if k < sent.end else None
    if after is not None and after.lower_ in _SIZE_ADJECTIVES:
        return True
    return num.number.step < 1 and num.high is None and (
        after is None or after.is_punct or after.lower_ == "or")


def _quotation_open(doc: Doc, mark: Token) -> bool:
    """Is a quotation open where the closing quotation mark stands (more “ than ” before it in
    the text)? If not, ” written onto a number is the inch sign, as typesetting turns ″ into it."""
    before = text_of(doc)[: mark.idx]
    return before.count("“") > before.count("”")


def unit_words(unit: str) -> str:
    """A Pint unit in words: 'meter ** 2' -> 'square meter', 'hour' -> 'hour'."""
    name, _, power = (part.strip() for part in unit.partition("**"))
    words = name.replace("_", " ")
    return {"2": f"square {words}", "3": f"cubic {words}"}.get(power, words)


class UnitReader:
    """The unit right after a number phrase, read token by token."""

    def __init__(self, rules: ReadingRules) -> None:
        self.rules = rules
        self.units = rules.units

    def age(self, doc: Doc, j: int, end: int) -> int | None:
        """'29-year-old', '50 year-old', 'five years old', '3 years of age': the token after
        the age phrase, or None."""
        words = [t.lower_ for t in doc[j : min(j + 4, end)]]
        for pattern in self.rules.age_patterns:
            if tuple(words[: len(pattern)]) == pattern:
                return j + len(pattern)
        return None

    @staticmethod
    def appositive_age(doc: Doc, sent: Span, num: NumberPhrase) -> bool:
        """'Maddon, 66, has…', 'Jamie Armstrong, 25, said', 'Smith and Jones, both 29, died':
        a small number set off by commas right after a name is the person's age."""
        first = doc[num.start]
        start = num.start - 1 if num.start > sent.start and \
            doc[num.start - 1].lower_ in ("both", "all", "each") else num.start
        if num.end - num.start != 1 or num.high is not None or not first.text.isdigit() or \
                not 0 < int(first.text) <= 120 or start - 2 < sent.start:
            return False
        comma, name = doc[start - 1], doc[start - 2]
        after = doc[num.end].text if num.end < sent.end else "."
        return comma.text == "," and after in (",", ".", ";") and name.pos_ == "PROPN" and \
            name.ent_type_ in ("PERSON", "GPE", "ORG", "") and (
                first.head.i == name.i or (start < num.start and name in first.head.conjuncts))

    def glued_unit(self, doc: Doc, sent: Span, num: NumberPhrase) -> UnitReading | None:
        """'2.5kg', '164p', '12C': the unit written onto the number, if the letters are one."""
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

    def hyphen_unit(self, doc: Doc, sent: Span, num: NumberPhrase
                    ) -> tuple[UnitFound, Token | None] | None:
        """'7- or 8-inch', 'four-, five- and six-cylinder', 'a five-year sentence',
        'four-cylinder': the unit or counted noun of a hyphenated modifier, and the noun a list
        of open hyphens shares; None when the hyphen makes the number part of a word."""
        end = num.end
        shared = self._elided_hyphen(doc, end + (0 if num.open_hyphen else 1), sent.end)
        hyphen = end if shared is None else shared
        hyphenated = self._hyphenated_unit(doc, hyphen, sent.end)
        noun = doc[hyphen + 1] if hyphen + 1 < sent.end else None
        own_end = end if num.open_hyphen else end + 1
        if shared is not None and hyphenated is not None:
            return (hyphenated[0], hyphenated[1], own_end, "quantity"), None
        if shared is not None and noun is not None and noun.pos_ == "NOUN" and noun.is_alpha:
            return (None, None, own_end, "count"), noun
        if num.open_hyphen:
            return None
        money = self._currency_words(doc, end + 1, sent.end, num)
        if money is not None and shared is None:  # "a 3 mn-euro fine": the money it names
            return money, None
        if hyphenated is not None:
            return (*hyphenated, "quantity"), None
        if noun is not None and (noun.pos_ == "NOUN" or noun.lower_ == "fold") and \
                noun.is_alpha and not doc[end].whitespace_:
            return (None, None, end + 2, "count"), None  # "four-cylinder": 4 cylinders
        return None  # "two-pronged": part of a word, not a quantity

    @staticmethod
    def _elided_hyphen(doc: Doc, k: int, end: int) -> int | None:
        """The hyphen whose word a list of open hyphens shares: in "four-, five- and
        six-cylinder" the one before "cylinder". `k` is the token after the first open hyphen;
        None unless it is a list word and the list ends in a number, a hyphen and a word."""
        if k >= end or doc[k].text not in LIST_WORDS:
            return None
        for j in range(k + 1, min(k + 12, end - 1)):
            if doc[j].text == "-" and doc[j - 1].like_num and not doc[j].whitespace_ \
                    and doc[j + 1].text not in LIST_WORDS:
                return j
            if not (doc[j].like_num or doc[j].text in ("-", *LIST_WORDS)
                    or (doc[j].text.endswith("-") and doc[j].text[:-1].isalnum())):
                return None
        return None

    def _hyphenated_unit(self, doc: Doc, j: int, end: int
                         ) -> tuple[UnitReading, str, int] | None:
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

    def unit_after(self, doc: Doc, sent: Span, num: NumberPhrase,
                   currency: UnitReading | None) -> UnitFound:
        """The unit right after the number: (reading, as stated, token after it, kind)."""
        j, end = num.end, sent.end
        while j < end and doc[j].is_space:
            j += 1  # "7\u00a0kilograms", "7  kilograms": the unit after a wide gap
        if j >= end:
            return None, None, num.end, "count"
        tok = doc[j]
        low = tok.lower_
        if low in self.rules.percent_words or (
            low == "per" and j + 1 < end and doc[j + 1].lower_ == "cent"
        ):
            k = j + 2 if low == "per" else j + 1
            if k < end and doc[k].lower_ in ("point", "points") and low != "%":
                k += 1
            return UnitReading("percent"), doc[j:k].text, k, "percent"
        money = self._currency_words(doc, j, end, num)
        if money is not None:
            return money
        if currency is None:
            for n in (3, 2, 1):  # "lb-ft", "sq m", "m.p.h": spellings quantulum3 does not know
                words = doc[j : j + n]
                reading = self.units.alias(words.text) if j + n <= end else None
                if reading is not None:
                    return reading, words.text, j + n, "quantity"
        if currency is None and tok.text == "”" and j == num.end and \
                not doc[j - 1].whitespace_ and not _quotation_open(doc, tok):
            return UnitReading("inch"), tok.text, j + 1, "quantity"  # "a 10.1” screen"
        if currency is not None or not (tok.text.rstrip(".").isalpha() or
                                        tok.text in ("°", "°C", "°F", "″", "′")):
            return None, None, num.end, "count"
        if low == "in" and _bare_inch(doc, sent, num, j + 1):
            return UnitReading("inch"), tok.text, j + 1, "quantity"
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

    def _currency_words(self, doc: Doc, j: int, end: int, num: NumberPhrase) -> UnitFound | None:
        """Currency words after the number: '31 million dollars', '20 euros', 'millions of
        dollars', '3,499 Chinese yuan'."""
        k = j + 1 if doc[j].lower_ == "of" and num.number.vague else j
        for n in (3, 2, 1):
            words = doc[k : k + n]
            if len(words) != n or k + n > end:
                continue
            if not SYMBOLIC.match(words.text):
                reading = self.units.currency(words.text)
                if reading is not None:
                    return reading, words.text, k + n, "money"
            elif n == 1 and self.units.currency(words.text):
                return self.units.currency(words.text), words.text, k + n, "money"
        return None

    @staticmethod
    def _unit_modifier(tok: Token) -> bool:
        """A lower-case adjective, participle or noun modifying the next word ('rushing',
        'previous', 'extra'). Not a proper adjective: 'Egyptian pounds' name a currency."""
        head = tok.head
        return tok.is_lower and tok.is_alpha and not tok.is_stop and head.i == tok.i + 1 and \
            tok.dep_ in ("amod", "compound", "nmod") and tok.pos_ in ("ADJ", "VERB", "NOUN")

    def _physical_unit(self, doc: Doc, sent: Span, num: NumberPhrase, j: int) -> UnitFound:
        """A unit quantulum3 reads in the few tokens from j ('kilograms', 'km/h', 'degrees
        Fahrenheit'), cut before the next number and settled in context."""
        end = sent.end
        window_end = min(j + 4, end)
        head = "1" if num.number.value == 1 and num.high is None else "2"
        text = doc[j:window_end].text.rstrip()
        found = self.units.find_unit(f"{head} {text}")
        if found is None or found[0] != 0 or found[1] <= len(head) + 1:
            return None, None, num.end, "count"
        unit_end_char = doc[j].idx + found[1] - len(head) - 1
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
        return self._settle(doc, sent, num, j, k, found)

    def _settle(self, doc: Doc, sent: Span, num: NumberPhrase, j: int, k: int,
                found: tuple) -> UnitFound:
        """The unit quantulum3 found in doc[j:k], unless it is no unit at all, settled from
        the words around it when it is ambiguous ('pounds', 'F')."""
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
        followed_by_of = k < sent.end and doc[k].lower_ == "of"
        after_scale = num.end - num.start > 1 and doc[num.end - 1].lower_ in SCALE_WORDS
        if len(unit_tokens) == 1:  # "meters per second" is no reading of "second"
            reading = self.units.disambiguate(word, reading, context, before=before,
                                              followed_by_of=followed_by_of,
                                              after_scale=after_scale)
        if reading is None or reading.unit in ("count", "dimensionless"):
            return None, None, num.end, "count"  # "one count of fraud" counts counts: no unit
        return reading, stated, k, "money" if reading.currency else "quantity"

    def per(self, doc: Doc, sent: Span, j: int, kind: str) -> tuple[str | None, int]:
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
            return self.per(doc, sent, close + 1, kind)[0], j
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
        if after in self.rules.not_rate_after or noun.like_num:
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
            if size == 1 and (len(words) > 3 or not words.isalpha() or
                              words.lower() in self.rules.not_abbreviations):
                continue  # a word of its own, named by its lemma as before
            reading = self.units.alias(words)
            if reading is None and size == 1:
                reading = self.units.unit_named(words)
            if reading is not None and reading.unit and reading.factor == 1:
                return unit_words(reading.unit), n + size
        return None
