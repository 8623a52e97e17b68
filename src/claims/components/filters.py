"""Numbers that are not claims: registered functions the config chooses (as spaCy's SpanRuler
takes `spans_filter`). Each returns True for a figure that is no claim.

Number filters (`claims_numbers`) see a number phrase in its sentence (a Candidate): years,
times, ordinals, identifiers and scores ("COVID-19", "beat Charlton 2-1"), names that end in a
number ("S&P 500", "Flight 370"). Figure filters (`claims_units`) also see what the units
component read: a count inside a date, a list mark "(4)", a street number "575 Wilbraham Road".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.util import registry

from .tokens import LAST_YEAR, SYMBOLIC

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..numbers import NumberPhrase
    from .figure_reading import FigureFilter, Reading, UnitRules
    from .number_reading import Candidate, NumberFilter, NumberRules

# Entity labels of the parser's NER under which a bare number is part of a date, time or rank.
_DATE_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")  # "7,425.81"
# "no one", "the one", "each one": 'one' as a pronoun
_PRONOUN_DETERMINERS = frozenset({"no", "the", "each", "any", "this", "that"})


def _single(num: NumberPhrase) -> bool:
    return num.end - num.start == 1 and num.high is None


# -- number filters -------------------------------------------------------------------------------

def pronoun_one(c: Candidate, rules: NumberRules) -> bool:
    """'one of them', 'no one', 'in one case': 'one' that counts nothing."""
    first, prev = c.first, c.prev
    return first.lower_ == "one" and _single(c.number) and (
        first.dep_ != "nummod"
        or (prev is not None and prev.lower_ in _PRONOUN_DETERMINERS)
        or (prev is not None and prev.pos_ == "ADP"
            and first.head.lemma_.lower() in rules.scope_nouns)  # a scope, not a count
    )


def identifier(c: Candidate, rules: NumberRules) -> bool:
    """'COVID-19', 'F-35', 'beat Charlton 2-1', 'ISO 3888-2': a number hyphened onto a word or
    a number is a name, a code or a score (a range such as '5-10' was read from its first
    number)."""
    prev, start = c.prev, c.number.start
    if prev is None or prev.text != "-" or prev.whitespace_ or start - 2 < 0:
        return False
    word = c.sent.doc[start - 2]
    return not word.whitespace_ and (word.is_alpha or word.like_num)


def time_or_rank(c: Candidate, rules: NumberRules) -> bool:
    """'5 pm', '10 GMT', '3rd', '2 a. m.' (spaced: two tokens): a time of day or an ordinal."""
    nxt = c.next
    if nxt is None:
        return False
    if nxt.lower_ in ("a.", "p.") and nxt.i + 1 < c.sent.end and \
            nxt.doc[nxt.i + 1].lower_ in ("m.", "m"):
        return True
    return nxt.lower_ in rules.not_counted


def named_number(c: Candidate, rules: NumberRules) -> bool:
    """'S&P 500', 'FTSE 100', 'Euro 2020': a name that ends in a number."""
    doc, num, sent = c.sent.doc, c.number, c.sent
    return num.end - num.start == 1 and any(
        doc[max(sent.start, num.start - n) : num.end].text.lower() in rules.named_numbers
        for n in (1, 2, 3))


def power(c: Candidate, rules: NumberRules) -> bool:
    """'10^1000': notation for a power, neither 10 nor 1000."""
    return (c.next is not None and c.next.text in ("^", "**")) or \
        (c.prev is not None and c.prev.text in ("^", "**"))


def decade(c: Candidate, rules: NumberRules) -> bool:
    """'the 1970s', 'in his 80s': a decade or an age bracket."""
    return c.number.glued_unit == "s" or (
        c.next is not None and c.next.text in ("s", "'s") and not c.last.whitespace_)


def lettered_name(c: Candidate, rules: NumberRules) -> bool:
    """'5G', '3D': a name written with a number and a letter that is no unit."""
    nxt = c.next
    return nxt is not None and not c.last.whitespace_ and len(nxt.text) == 1 and \
        nxt.is_alpha and nxt.text not in rules.currencies.glued_letters


def year(c: Candidate, rules: NumberRules) -> bool:
    """'in 2021', 'late 2021.': four digits from 1800 on after a preposition, at a sentence's or
    clause's end, or tagged as a date; not '$2000'."""
    first, prev, nxt = c.first, c.prev, c.next
    is_year = (
        _single(c.number) and first.text.isdigit() and len(first.text) == 4
        and 1800 <= c.number.number.value <= LAST_YEAR
        and not (prev is not None and SYMBOLIC.match(prev.text)
                 and rules.currencies.currency(prev.text))
    )
    return is_year and (
        (prev is not None and prev.lower_ in rules.year_preps)
        or nxt is None or nxt.is_punct or first.ent_type_ in _DATE_LABELS
    )


def numbered_noun(c: Candidate, rules: NumberRules) -> bool:
    """'page 5', 'Section 427': a number after its noun names, it does not count ('magnitude
    5.3' measures: the noun names a scale)."""
    first, prev, num = c.first, c.prev, c.number
    return prev is not None and first.head.i == prev.i and prev.pos_ in ("NOUN", "PROPN") and \
        first.dep_ in ("nummod", "appos", "npadvmod") and num.end - num.start == 1 and \
        not rules.currencies.currency(prev.text) and prev.lower_ not in rules.months and \
        prev.lower_ not in rules.scale_words


def numbered_name(c: Candidate, rules: NumberRules) -> bool:
    """'Flight 370', 'iPhone 11': a number right after a name (not a currency, not a month)
    names something, unless it counts the noun after it."""
    first, prev, nxt = c.first, c.prev, c.next
    if prev is None or prev.pos_ != "PROPN" or rules.currencies.currency(prev.text) or \
            prev.ent_type_ in ("DATE", "TIME", "MONEY") or prev.lower_ in rules.months or \
            prev.lower_ in rules.scale_words or SYMBOLIC.match(prev.text):
        return False
    counts_next = nxt is not None and nxt.pos_ == "NOUN" and first.head.i == nxt.i
    return not counts_next


# -- figure filters -------------------------------------------------------------------------------

def in_date(sent: Span, figure: Reading, rules: UnitRules) -> bool:
    """A count inside a date, a time or an ordinal, unless the number cannot be one: the tagger
    also calls "at 2483805", "sales of 5835 units" or "to fall to 7,425.81" a date, but no year
    or day is above LAST_YEAR or written with a thousands separator."""
    if figure.unit is not None or figure.kind != "count":
        return False
    tokens = sent.doc[figure.number.start : figure.number.end]
    return any(t.ent_type_ in _DATE_LABELS for t in tokens) and not any(
        (t.text.isdigit() and int(t.text) > LAST_YEAR)
        or (t.ent_type_ == "DATE" and _GROUPED_NUMBER.match(t.text)) for t in tokens)


def list_mark(sent: Span, figure: Reading, rules: UnitRules) -> bool:
    """'Dak Prescott (4)', '(2)': a shirt number or a list mark in brackets."""
    doc = sent.doc
    return figure.kind == "count" and figure.counted is None and figure.start > sent.start and \
        doc[figure.start - 1].text == "(" and figure.unit_end < sent.end and \
        doc[figure.unit_end].text == ")"


def spaced_name_number(sent: Span, num_figure: Reading, rules: UnitRules) -> bool:
    """'COVID -19': a name's number, spaced from it."""
    doc, figure = sent.doc, num_figure
    if figure.kind != "count" or figure.start <= sent.start:
        return False
    before = doc[figure.start - 1]
    return doc[figure.start].text[0] in "-−" and before.is_upper and before.is_alpha and \
        len(before) > 1


def singular_name(sent: Span, figure: Reading, rules: UnitRules) -> bool:
    """'575 Wilbraham Road', '787 Dreamliner': a number in a singular proper name."""
    if figure.kind != "count" or figure.end <= figure.unit_end or figure.counted is None:
        return False
    noun = sent.doc[figure.counted]
    return noun.tag_ == "NNP" and not noun.text.isupper() and figure.value != 1


# Registered once, under names a config can list (see models/pipeline.cfg).
_NUMBER_FILTERS: dict[str, NumberFilter] = {
    "pronoun_one": pronoun_one, "identifier": identifier, "time_or_rank": time_or_rank,
    "named_number": named_number, "power": power, "decade": decade,
    "lettered_name": lettered_name, "year": year, "numbered_noun": numbered_noun,
    "numbered_name": numbered_name,
}
_FIGURE_FILTERS: dict[str, FigureFilter] = {
    "in_date": in_date, "list_mark": list_mark, "spaced_name_number": spaced_name_number,
    "singular_name": singular_name,
}


def _registered(function):
    """The registered function a config names: it takes no settings and gives the filter."""

    def make():
        return function

    make.__doc__ = function.__doc__
    return make


for _name, _function in {**_NUMBER_FILTERS, **_FIGURE_FILTERS}.items():
    registry.misc.register(f"claims.not_a_claim.{_name}.v1", func=_registered(_function))

# The default configs of claims_numbers and claims_units: every filter.
NUMBER_FILTERS = {name: {"@misc": f"claims.not_a_claim.{name}.v1"} for name in _NUMBER_FILTERS}
FIGURE_FILTERS = {name: {"@misc": f"claims.not_a_claim.{name}.v1"} for name in _FIGURE_FILTERS}
