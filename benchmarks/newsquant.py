"""Score the claims quantity extractor on NewsQuant with the published CQE evaluation protocol.

    python benchmarks/newsquant.py [--data ../shared/benchmarks/newsquant] [--errors N]
                                   [--json FILE]

Runs the project's pipeline once over NewsQuant (590 news sentences, 904 gold quantities), the
four Recognizers-Text sets (age, currency, dimension, temperature) and the unit-disambiguation
test set, scores it the way satya77/CQE_Evaluation does, and prints our precision/recall/F1
beside the published rows (`evaluation_output/*.csv`), then an error analysis of NewsQuant.
This file only measures: nothing in it is keyed to a benchmark sentence, and the unit-name
tables (ours -> NewsQuant's vocabulary) are data, in `benchmarks/newsquant_units.json`.

Protocol (ported from `evaluate_models.py`, commit e7d6607)
-----------------------------------------------------------
- `decode_dictionary`: a gold value "lo-hi" (a string containing '-', not starting with '-', no
  'E') is a range (lo, hi); otherwise a float. A model value is a float or a (lo, hi) tuple.
  Units are compared lower-cased (`result["normalized_unit"].lower()`, both sides). Gold concepts
  are split with `re.split(r'[,\\s]+', ...)`; model concepts are a list of tokens, ['-'] when
  there are none (as `NumParserTagger.tag` does), so a gold '-' against no concept is a complete
  match.
- `values_match`: `np.isclose(gt, model, rtol=1e-5, atol=1e-8)` (asymmetric: tolerance relative
  to the model value); a range matches a range when both ends do; a range never matches a single
  value.
- `concepts_match`: lower-cased token sets; partial = any shared token, complete = the
  intersection has as many tokens as the gold list and the gold and model lists have the same
  length.
- `calculate_metrics`, per sentence: gold and model lists are sorted by normalized_unit; for each
  gold quantity, model quantities are scanned in order. Every model quantity whose value matches
  counts one "value" hit, but at most len(gold) per sentence; it also counts a "value+change" hit
  when the change strings are equal and concept hits - with no such cap and without removing the
  model quantity. A model quantity whose value and unit both match counts a "value+unit" hit, is
  removed, and ends the scan for that gold quantity. So only value+unit is a one-to-one
  matching: value, change and concept counts can credit one prediction for several gold
  quantities, or several predictions for one (value+change is NOT conditioned on the unit
  although the script's comment says so).
- `get_fscores`: pooled over all sentences, P = hits / all predictions, R = hits / all gold,
  rounded to one decimal (we guard the 0/0 the script would raise on).
- `evaluate`: NewsQuant is scored on value, unit, change and concepts (the attribute list of
  CQE-Numparser and GPT3); the four *-model sets on value and unit only.
Because the script's counts are not one-to-one, a second column "ours 1:1" scores the same
predictions with a strict one-to-one matching (greedy: value+unit pairs first, then value-only
pairs), which is also the alignment the error analysis uses.

Interpretations (where the script does not say, or our extractor differs from its taggers)
------------------------------------------------------------------------------------------
1. Value: qualifier 'range' -> (low, high) (falls back to `value` when an end is open);
   otherwise `q.value`, the stated number; low/high of other qualifiers are our precision
   interval, not a range in the gold's sense. A money figure whose stated unit is a sub-unit
   ('cents', 'p', 'pence') is stored by the extractor in the main currency (19 cents = 0.19
   USD); the gold keeps the stated number in the sub-unit (19, 'cent'), so we multiply back by
   100 and name the sub-unit ('cent', 'penny', 'sen': the names the gold and the
   unit-disambiguation labels use). NewsQuant's gold labels share prices in pence ("68 p") as
   'point'; we say 'penny' and count the disagreement as a unit mismatch.
2. Change: approximately '~', more_than and at_least '>', less_than and at_most '<'; else
   `q.change` ('up'/'down') if set, else '=' (exact, and range: the gold marks ranges '='). The
   gold has one slot for both, and a hedge wins there ("up about 19 per cent" is '~').
3. normalized_unit: ISO 4217 code -> the gold's currency name; Pint unit -> word-by-word
   spelling ('mile / hour' -> 'mile per hour', 'meter ** 2' -> 'square metre', 'degree_Celsius'
   -> 'celsius', 'pound' -> 'pound-mass', 'percent' -> 'percentage'; 'centimeter ** 3' ->
   'millilitre' as the script's QuantulumTagger maps 'cubic centimetre'), kind 'age' -> '<unit>
   of age'; a count (no unit) -> the head noun of `q.what` (last word of its first conjunct, so
   "pill and drug" -> 'pill'), with 'time' -> 'count' as the script's GPT3Tagger maps it, or '-'
   when we name no noun. The gold uses '-' for a bare number (an index level, "About 1000 come
   from Asia") and 'count' for "N times"/"sixfold"; the script compares strings, so only a
   prediction spelled exactly '-' or 'count' matches them (CQE's NumParserTagger emits its
   `norm_unit`, '-' for no unit). A share ("a third of", kind 'fraction') is '% <noun>' ('%
   condo'), and '% -' when we name no noun ("half of which"), as the gold writes it. The gold's
   counted nouns keep their modifiers ('shipping container', 'different boss'); a head noun
   never matches those. A unit with a per-part the extractor does not keep ("$58 per barrel":
   we say USD) is scored as the bare currency; a per-part is spelled as a unit is ("per sq m"
   -> 'per square metre'). Pint's 'metric_horsepower' (PS) is 'horsepower': the gold's
   vocabulary has no metric horsepower and names PS so.
4. Concepts: the words of `q.holder` as written, then the tokens of `q.what` (lemmatised by the
   extractor), minus function words ('and', 'of', 'the'...: CQE compares nouns only, and
   GPT3Tagger.clean_concepts drops 'of', 'the', 'a'). The gold's concepts name what a figure is
   about, mostly its holder ("germanys dax", "British Airways"); they are surface words, not
   lemmas, and the script only lower-cases, so 'brains' != 'brain' - we follow the script.
5. All our quantities are predictions, including restatements ("500 kg (1,102 lb)") and ages.
6. Unit disambiguation (`test_unit_classifier.py` scores micro-F1 over single-label
   predictions, i.e. accuracy): for each sentence we take our first quantity whose stated unit,
   else whose text after the number, contains the surface form (case-sensitive, as 'C'/'c' and
   'P'/'p' are different forms); if none does, our first quantity whose mapped unit is one of
   the set's labels (how the script scores quantulum3). Its unit is mapped as in (3). A sentence
   with no such quantity is wrong (the script would assign class 0 to quantulum3, which can be
   right by chance).
7. Error analysis (not part of the protocol): the one-to-one alignment above; a gold quantity
   left over is paired, in order, with a leftover prediction of ours that is the same range
   seen as a single value (or the reverse), the same number off by a power of ten in the same
   unit, or in the same unit with another value; what is still left is "not found" (gold, sorted
   by what the gold unit is) or "spurious" (ours, sorted by what its text looks like: an end of
   a gold range, a date/year/ordinal, a number inside a name or code, ...). Gold quantities carry
   no offsets, so these pairings are by value and unit only. Unit mismatches of value-matched
   pairs are sorted by cause (age read as a duration, a dropped 'per ...', no unit, unknown
   abbreviation counted as a noun, gold noun with modifiers, another unit or currency).
The port of calculate_metrics was checked against a verbatim copy of the script's functions on
our predictions: identical counts on NewsQuant and the *-model sets.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "newsquant"
UNIT_TABLE = Path(__file__).resolve().parent / "newsquant_units.json"

SETS = ["NewsQuant", "age-model", "currency-model", "dimension-model", "temperature-model"]
NEWSQUANT_ATTRIBUTES = ["value", "unit", "change", "referred_concepts"]
OTHER_ATTRIBUTES = ["value", "unit"]
TYPES = ["value", "value+unit", "value+change", "value+concept_partial",
         "value+concept_compelete"]  # the script's spelling of "complete"
CHANGE_OF_QUALIFIER = {"exact": "=", "approximately": "~", "more_than": ">", "at_least": ">",
                       "less_than": "<", "at_most": "<", "range": "="}
PUBLISHED_ORDER = ["CQE-Numparser", "quantulum3", "text-recognizer", "ccg_nlp", "GPT3"]
RTOL, ATOL = 1e-05, 1e-08
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "oct", "nov", "dec"}
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
_TIME = re.compile(r"\d:\d\d|\b[ap]\.?m\.?\b", re.IGNORECASE)
_DECADE = re.compile(r"^\d{4}'?s$")  # "1970s", "2018s"
_HYPHENATED = re.compile(r"^[A-Za-z]+-(year|month|week|day|hour|minute)$", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Our predictions in the evaluation's record format
# ---------------------------------------------------------------------------------------------


class UnitNames:
    """Our unit (Pint name, ISO code, kind, counted noun) in NewsQuant's vocabulary."""

    def __init__(self, path: Path = UNIT_TABLE) -> None:
        t = json.loads(path.read_text(encoding="utf-8"))

        def table(name: str) -> dict[str, Any]:
            return {k: v for k, v in t[name].items() if not k.startswith("_")}

        self.currencies = table("currencies")
        sub = t["currency_subunits"]
        self.subunit_surfaces = {s.lower() for s in sub["surfaces"]}
        self.subunit_factor = float(sub["factor"])
        self.subunit_names: dict[str, str] = sub["names"]
        self.subunit_default: str = sub["default"]
        self.expressions = table("pint_expressions")
        self.words = table("pint_words")
        self.suffixes = table("spelling_suffixes")
        self.powers: dict[str, str] = t["powers"]
        self.per: str = t["per"]
        self.age_template: str = t["age"]["template"]
        self.age_default: str = t["age"]["default"]
        self.bare: str = t["count"]["bare"]
        self.count_nouns: dict[str, str] = t["count"]["nouns"]
        self.stopwords = set(t["concept_stopwords"]["words"])

    def is_subunit(self, q: Any) -> bool:
        return bool(q.currency and q.stated_unit
                    and q.stated_unit.strip().lower() in self.subunit_surfaces)

    def pint(self, expression: str) -> str:
        if expression in self.expressions:
            return self.expressions[expression]
        parts = [p.strip() for p in expression.split(" / ")]
        numerator = [self._factor(f) for f in parts[0].split(" * ") if f.strip() != "1"]
        denominators = [" ".join(self._factor(f) for f in p.split(" * ")) for p in parts[1:]]
        text = " ".join(numerator)
        for d in denominators:
            text = f"{text} {self.per} {d}" if text else f"{self.per} {d}"
        return text

    def _factor(self, factor: str) -> str:
        name, _, power = (s.strip() for s in factor.partition("**"))
        if name in self.words:
            word = self.words[name]
        else:
            word = name.replace("_", " ")
            for old, new in self.suffixes.items():
                if word.endswith(old):
                    word = word[: -len(old)] + new
        if not power or power == "1":
            return word
        return f"{self.powers[power]} {word}" if power in self.powers else f"{word}^{power}"

    @staticmethod
    def head_noun(what: Any) -> str | None:
        """The head noun of the first term of `what` (a claims.types.What): 'pill' of
        'pill and drug', 'office' of 'field office'."""
        return what.terms[0][-1] if what else None

    def unit(self, q: Any) -> str:
        """Our unit in NewsQuant's words; a rate adds ' per <noun>' ('dollar per barrel')."""
        base = self._unit(q)
        per = getattr(q, "per", None)
        if per:  # "per square meter" -> 'per square metre', the gold's spelling of units
            per = " ".join(self._respell(word) for word in per.split())
        return f"{base} per {per}" if per else base

    def _respell(self, word: str) -> str:
        for old, new in self.suffixes.items():
            if word.endswith(old):
                return word[: -len(old)] + new
        return word

    def _unit(self, q: Any) -> str:
        if q.kind == "fraction":  # NewsQuant writes a share as '%' and the noun it is a share of
            return f"% {q.what or self.bare}"  # '% -': a share of no noun named, as bare
        if q.kind == "age":
            return self.age_template.format(unit=self.pint(q.unit)) if q.unit else self.age_default
        if q.currency:
            if self.is_subunit(q):
                return self.subunit_names.get(q.unit, self.subunit_default)
            return self.currencies.get(q.unit, str(q.unit).lower())
        if q.unit:
            return self.pint(q.unit)
        noun = self.head_noun(q.what)
        if noun is None:
            return self.bare
        noun = self.count_nouns.get(noun.lower(), noun)
        # the gold names a counted noun with its modifiers ('european country'): the words the
        # text puts before the noun ("seven European countries"), then the noun's lemma
        modifiers = (q.stated_unit or "").lower().split()[:-1]
        return " ".join([*modifiers, noun])

    def concepts(self, what: Any, holder: Any = None) -> list[str]:
        """The words of the holder as written and of `what` (a claims.types.What), function
        words left out: the gold's concepts name what a figure is about ("germanys dax",
        "British Airways", "claims, Osler")."""
        words = [w for w in (holder.text.split() if holder is not None else ())
                 if w.lower() not in self.stopwords]
        words += [w for term in (what.terms if what else ()) for w in term
                  if w.lower() not in self.stopwords and w not in words]
        return words or ["-"]


def value_of(q: Any, names: UnitNames) -> float | tuple[float, float]:
    scale = names.subunit_factor if names.is_subunit(q) else 1.0
    if q.qualifier == "range" and q.low is not None and q.high is not None:
        return (q.low * scale, q.high * scale)
    if q.value is None:  # an open range with no stated value: the end we have
        return (q.low if q.low is not None else q.high) * scale
    return q.value * scale


def change_of(q: Any) -> str:
    """One symbol for our qualifier and change: a hedge ('~', '>', '<') wins over a direction,
    as in the gold ("up about 19 per cent" is '~', "lost more than 60%" is '>')."""
    hedge = CHANGE_OF_QUALIFIER.get(q.qualifier, "=")
    return hedge if hedge != "=" or not q.change else q.change


def to_record(q: Any, text: str, names: UnitNames) -> dict[str, Any]:
    """One of our quantities as the script's model record, plus what we need to report it."""
    return {
        "value": value_of(q, names),
        "normalized_unit": names.unit(q),
        "change": change_of(q),
        "referred_concepts": names.concepts(q.what, q.holder),
        "span": text[q.start : q.end],
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "unit": q.unit,
        "stated_unit": q.stated_unit,
        "what": None if q.what is None else str(q.what),
        "qualifier": q.qualifier,
    }


# ---------------------------------------------------------------------------------------------
# The protocol: evaluate_models.py
# ---------------------------------------------------------------------------------------------


def decode_dictionary(result: dict, attributes: list[str], gt_concepts: bool = False) -> tuple:
    value = result["value"]
    if isinstance(value, str) and "E" not in value and not value.startswith("-") and "-" in value:
        ends = value.split("-")
        decoded: float | tuple[float, float] = (float(ends[0]), float(ends[1]))
    elif isinstance(value, tuple):
        decoded = (float(value[0]), float(value[1]))
    else:
        decoded = float(value)
    unit = result["normalized_unit"].lower()
    change = result["change"] if "change" in attributes else None
    concepts = None
    if "referred_concepts" in attributes:
        concepts = result["referred_concepts"]
        if gt_concepts:
            concepts = re.split(r"[,\s]+", concepts)
    return decoded, unit, change, concepts


def isclose(a: float, b: float) -> bool:
    """numpy.isclose(a, b, rtol=1e-05, atol=1e-08): relative to b."""
    return abs(a - b) <= ATOL + RTOL * abs(b)


def values_match(gt: float | tuple, model: float | tuple) -> bool:
    if isinstance(gt, tuple) and isinstance(model, tuple):
        return isclose(gt[0], model[0]) and isclose(gt[1], model[1])
    if isinstance(gt, tuple) or isinstance(model, tuple):
        return False
    return isclose(gt, model)


def concepts_match(gt: list[str], model: list[str]) -> tuple[bool, bool]:
    gt = [g.lower() for g in gt]
    model = [m.lower() for m in model]
    shared = set(gt) & set(model)
    return len(shared) == len(gt) and len(gt) == len(model), len(shared) > 0


def get_fscores(hits: int, total_gt: int, total_model: int) -> tuple[float, float, float]:
    p = hits / total_model if total_model else 0.0
    r = hits / total_gt if total_gt else 0.0
    if p + r == 0:
        return 0.0, 0.0, 0.0
    f1 = 2.0 * p * r / (p + r)
    return round(p * 100, 1), round(r * 100, 1), round(f1 * 100, 1)


def calculate_metrics(results: list[dict], attributes: list[str]) -> dict[str, Any]:
    """calculate_metrics of evaluate_models.py, quirks included (see the module docstring)."""
    total_gt = total_tags = 0
    hits: Counter[str] = Counter()
    by_unit = lambda d: d["normalized_unit"]  # noqa: E731 - as in the script
    for result in results:
        total_gt += len(result["gt"])
        total_tags += len(result["tags"])
        tags = sorted(result["tags"], key=by_unit)
        gold = sorted(result["gt"], key=by_unit)
        budget = len(result["gt"])
        for quantity_gt in gold:
            gv, gu, gc, gcon = decode_dictionary(quantity_gt, attributes, gt_concepts=True)
            for quantity_model in tags:
                mv, mu, mc, mcon = decode_dictionary(quantity_model, attributes)
                if not values_match(gv, mv):
                    continue
                if budget > 0:
                    hits["value"] += 1
                    budget -= 1
                if "change" in attributes and mc == gc:
                    hits["value+change"] += 1
                if "referred_concepts" in attributes:
                    complete, partial = concepts_match(gcon, mcon)
                    hits["value+concept_compelete"] += complete
                    hits["value+concept_partial"] += partial
                if mu == gu:
                    hits["value+unit"] += 1
                    tags.remove(quantity_model)
                    tags = sorted(tags, key=by_unit)
                    break
    types = ["value", "value+unit"]
    if "change" in attributes:
        types.append("value+change")
    if "referred_concepts" in attributes:
        types += ["value+concept_partial", "value+concept_compelete"]
    scores = {t: dict(zip(["P", "R", "F1"], get_fscores(hits[t], total_gt, total_tags),
                          strict=True)) for t in types}
    return {"scores": scores, "hits": dict(hits), "total_gt": total_gt,
            "total_predictions": total_tags}


# ---------------------------------------------------------------------------------------------
# One-to-one alignment and error analysis
# ---------------------------------------------------------------------------------------------


@dataclass
class Sentence:
    text: str
    gold: list[dict]
    ours: list[dict]
    pairs: list[tuple[int, int]] = field(default_factory=list)  # value matched: (gold, ours)


def describe_gold(g: dict) -> str:
    return f"{g['value']} {g['normalized_unit']} [{g['change']}]"


def describe_ours(p: dict) -> str:
    value = p["value"]
    shown = f"{value[0]:g}-{value[1]:g}" if isinstance(value, tuple) else f"{value:g}"
    return f"{shown} {p['normalized_unit']} [{p['change']}] \u2190 \"{p['span']}\""


def decoded(record: dict, gold: bool) -> tuple:
    """decode_dictionary with the attributes the record has (the *-model sets give only value
    and unit)."""
    attributes = [a for a in NEWSQUANT_ATTRIBUTES if a in ("value", "unit") or a in record]
    return decode_dictionary(record, attributes, gt_concepts=gold)


def align(sentence: Sentence) -> tuple[list[int], list[int]]:
    """Greedy one-to-one pairs with matching values (value+unit first); returns the leftovers."""
    gold_left = list(range(len(sentence.gold)))
    ours_left = list(range(len(sentence.ours)))
    for need_unit in (True, False):
        for gi in list(gold_left):
            gv, gu, _, _ = decoded(sentence.gold[gi], True)
            for pi in ours_left:
                mv, mu, _, _ = decoded(sentence.ours[pi], False)
                if values_match(gv, mv) and (mu == gu or not need_unit):
                    sentence.pairs.append((gi, pi))
                    gold_left.remove(gi)
                    ours_left.remove(pi)
                    break
    return gold_left, ours_left


def one_to_one(sentences: list[Sentence]) -> dict[str, Any]:
    hits: Counter[str] = Counter()
    for s in sentences:
        for gi, pi in s.pairs:
            _, gu, gc, gcon = decoded(s.gold[gi], True)
            _, mu, mc, mcon = decoded(s.ours[pi], False)
            hits["value"] += 1
            hits["value+unit"] += mu == gu
            if gc is not None:
                hits["value+change"] += mc == gc
            if gcon is not None:
                complete, partial = concepts_match(gcon, mcon)
                hits["value+concept_partial"] += partial
                hits["value+concept_compelete"] += complete
    total_gt = sum(len(s.gold) for s in sentences)
    total = sum(len(s.ours) for s in sentences)
    scores = {t: dict(zip(["P", "R", "F1"], get_fscores(hits[t], total_gt, total), strict=True))
              for t in TYPES}
    return {"scores": scores, "hits": dict(hits), "total_gt": total_gt,
            "total_predictions": total}


def _ratio_power(a: float, b: float) -> int | None:
    if a == 0 or b == 0:
        return None
    k = round(math.log10(abs(a / b)))
    if k != 0 and isclose(a, b * 10**k):
        return k
    return None


def _within(single: float, rng: tuple[float, float]) -> bool:
    lo, hi = min(rng), max(rng)
    return lo - ATOL <= single <= hi + ATOL


class GoldClasses:
    """What kind of thing a gold quantity is, to sort the ones we did not find."""

    def __init__(self, names: UnitNames) -> None:
        import pint

        self.ureg = pint.UnitRegistry()
        self.money = set(names.currencies.values()) | set(names.subunit_names.values())
        self.money.add(names.subunit_default)
        self.spelled = {v: k for k, v in names.words.items()}

    def __call__(self, unit: str) -> str:
        if unit in ("-", "% -"):
            return "bare number"
        if unit.endswith("of age"):
            return "age"
        if unit.startswith("percentage") or unit.startswith("%"):
            return "percentage"
        if unit.split(" per ")[0] in self.money:
            return "money"
        if unit in ("count", "point") or not self._is_unit(unit):
            return "counted noun"
        return "measurement unit"

    def _is_unit(self, unit: str) -> bool:
        expression = " / ".join(
            self.spelled.get(part, part).replace("square ", "").replace("cubic ", "")
            .replace("metre", "meter").replace("litre", "liter").replace(" ", "_")
            for part in unit.split(" per ")
        )
        try:
            self.ureg.parse_units(expression)
        except Exception:  # pint raises several error types for a non-unit
            return False
        return True


def spurious_category(p: dict, s: Sentence) -> str:
    """Why a prediction of ours has no gold counterpart, judged from its text and the gold."""
    text, span, value = s.text, p["span"], p["value"]
    before = text[max(0, p["start"] - 12) : p["start"]].lower().split()
    after = text[p["end"] : p["end"] + 12].lower().split()
    near = before[-1:] + after[:1]
    single = None if isinstance(value, tuple) else value
    if single is not None:
        for g in s.gold:
            gv = decoded(g, True)[0]
            if isinstance(gv, tuple) and (isclose(single, gv[0]) or isclose(single, gv[1])):
                return "one end of a gold range ('from X to Y', 'between X and Y')"
    is_year = (single is not None and single == int(single) and 1800 <= single <= 2100
               and p["unit"] is None and "," not in span)
    if (is_year or _ORDINAL.match(span.strip()) or _DECADE.match(span.strip())
            or _TIME.search(text[p["start"] : p["end"] + 6])
            or any(w.strip(".,") in MONTHS for w in near)):
        return "date, year, decade, time or ordinal"
    if _HYPHENATED.match(span.strip()):
        return "hyphenated modifier ('five-year', 'two-month')"
    prev = text[max(0, p["start"] - 2) : p["start"]]
    nxt = text[p["end"] : p["end"] + 1]
    head = p["normalized_unit"]
    if (re.search(r"[A-Za-z&]-?$|[A-Z]\s$", prev) or re.match(r"[A-Za-z]", nxt)
            or (p["kind"] == "count" and head[:1].isupper())):
        return "number in a name, model or code (S&P 500, iPhone 11, 575 Wilbraham Road)"
    if p["kind"] == "count":
        return "bare number the gold does not annotate" if head == "-" else \
            "count of a noun the gold does not annotate"
    return f"{p['kind']} the gold does not annotate"


def unit_category(g: dict, p: dict, gold_class: GoldClasses) -> str:
    """Why the units of a value-matched pair differ."""
    gu, mu = g["normalized_unit"].lower(), p["normalized_unit"].lower()
    g_class = gold_class(gu)
    if g_class == "age":
        return "age read as a duration or a bare number"
    if mu == "-":
        return "we give no unit or noun ('-')"
    if mu == "penny" and gu == "point":
        return "pence: the gold labels them 'point'"
    if " per " in gu and mu == gu.split(" per ")[0]:
        return "the gold's unit has a 'per ...' part we drop"
    if gu == "-":
        return "the gold has no unit, we name a noun"
    if p["kind"] == "count":
        if g_class in ("measurement unit", "money", "percentage") or " per " in gu:
            return "unit not recognised: we count a noun"
        words = gu.split()
        if mu in words or gu.endswith(mu) or mu.rstrip("s") in words:
            return "same counted noun, the gold keeps its modifiers"
        return "a different counted noun"
    if g_class == "money" and p["kind"] == "money":
        return "a different currency"
    return "a different unit read"


def analyse(sentences: list[Sentence], gold_class: GoldClasses) -> dict[tuple[str, str], list]:
    """Every miss and false positive of value+unit, and every attribute error of a value-matched
    pair: (group, category) -> examples, each with a detail label."""
    errors: dict[tuple[str, str], list] = defaultdict(list)

    def add(key: tuple[str, str], detail: str, s: Sentence, g: dict | None,
            p: dict | None) -> None:
        errors[key].append({
            "detail": detail,
            "text": s.text,
            "gold": describe_gold(g) if g else None,
            "ours": describe_ours(p) if p else None,
        })

    for s in sentences:
        gold_left, ours_left = align(s)
        for gi, pi in s.pairs:
            g, p = s.gold[gi], s.ours[pi]
            _, gu, gc, gcon = decoded(g, True)
            _, mu, mc, mcon = decoded(p, False)
            if mu != gu:
                add(("unit mismatch (value right)", unit_category(g, p, gold_class)),
                    f"ours '{mu}' vs gold '{gu}'", s, g, p)
            if mc != gc:
                add(("change mismatch (value right)", f"ours '{mc}' vs gold '{gc}'"),
                    f"ours '{mc}' vs gold '{gc}'", s, g, p)
            if not concepts_match(gcon, mcon)[1]:
                label = "we name no concept" if mcon == ["-"] else "no shared token"
                add(("concept mismatch (value right)", label),
                    f"ours {' '.join(mcon)!r} vs gold {' '.join(gcon)!r}", s, g, p)
        # pair leftovers: range vs single, power of ten, same unit
        for relation in ("range", "scale", "same unit"):
            for gi in list(gold_left):
                g = s.gold[gi]
                gv, gu, _, _ = decoded(g, True)
                best = None
                for pi in ours_left:
                    p = s.ours[pi]
                    mv, mu, _, _ = decoded(p, False)
                    label = _relation(relation, gv, gu, mv, mu)
                    if label is not None:
                        distance = _distance(gv, mv)
                        if best is None or distance < best[0]:
                            best = (distance, pi, label)
                if best is not None:
                    _, pi, label = best
                    group = "range vs single" if relation == "range" else "value mismatch"
                    add((group, label), f"unit '{gu}'", s, g, s.ours[pi])
                    gold_left.remove(gi)
                    ours_left.remove(pi)
        for gi in gold_left:
            g = s.gold[gi]
            gu = g["normalized_unit"].lower()
            add(("gold quantity not found", gold_class(gu)), f"gold '{gu}'", s, g, None)
        for pi in ours_left:
            p = s.ours[pi]
            add(("spurious prediction", spurious_category(p, s)), f"ours '{p['normalized_unit']}'",
                s, None, p)
    return errors


def _relation(relation: str, gv: Any, gu: str, mv: Any, mu: str) -> str | None:
    g_range, m_range = isinstance(gv, tuple), isinstance(mv, tuple)
    if relation == "range":
        if g_range and not m_range and (_within(mv, gv) and (mu == gu or isclose(mv, gv[0])
                                                              or isclose(mv, gv[1]))):
            return "gold is a range, ours a single value"
        if m_range and not g_range and _within(gv, mv) and mu == gu:
            return "ours is a range, gold a single value"
        if g_range and m_range and mu == gu and max(gv) >= min(mv) and max(mv) >= min(gv):
            return "both ranges, ends differ"
        return None
    if g_range or m_range or mu != gu:
        return None
    if relation == "scale":
        k = _ratio_power(gv, mv)
        return None if k is None else f"ours off by a factor 10^{-k} (same unit)"
    return "other value, same unit (paired by unit)"


def _distance(gv: Any, mv: Any) -> float:
    a = sum(gv) / 2 if isinstance(gv, tuple) else gv
    b = sum(mv) / 2 if isinstance(mv, tuple) else mv
    if a == 0 or b == 0 or (a < 0) != (b < 0):
        return abs(a - b) + 1e9
    return abs(math.log(abs(a / b)))


# ---------------------------------------------------------------------------------------------
# Unit disambiguation
# ---------------------------------------------------------------------------------------------


def surface_pattern(surface: str) -> re.Pattern:
    plural = "(?:s|es)?" if surface.isalpha() and len(surface) > 1 else ""
    return re.compile(rf"(?<![A-Za-z]){re.escape(surface)}{plural}(?![A-Za-z])")


def disambiguation(rows: list[dict], predictions: dict[str, list[dict]]) -> dict[str, Any]:
    labels = {r["unit"] for r in rows}
    per_form: dict[str, Counter] = defaultdict(Counter)
    how: Counter[str] = Counter()
    items = []
    for row in rows:
        form, ours = row["surface_form"], predictions.get(row["text"], [])
        pattern = surface_pattern(form)
        chosen, found_by = None, "nothing"
        for where in ("stated unit", "text after the number", "first with a label of the set"):
            for p in ours:
                if where == "stated unit":
                    hit = bool(p["stated_unit"]) and bool(pattern.search(p["stated_unit"]))
                elif where == "text after the number":
                    digits = re.search(r"\d", p["span"])
                    hit = bool(pattern.search(p["span"][digits.end() if digits else 0 :]))
                else:
                    hit = p["normalized_unit"] in labels
                if hit:
                    chosen, found_by = p, where
                    break
            if chosen is not None:
                break
        predicted = chosen["normalized_unit"] if chosen else None
        correct = predicted == row["unit"]
        per_form[form]["n"] += 1
        per_form[form]["correct"] += correct
        how[found_by] += 1
        items.append({"text": row["text"], "surface_form": form, "gold": row["unit"],
                      "predicted": predicted, "span": chosen["span"] if chosen else None,
                      "found_by": found_by, "correct": correct})
    total = sum(c["n"] for c in per_form.values())
    right = sum(c["correct"] for c in per_form.values())
    return {
        "per_surface_form": {f: {"n": c["n"], "correct": c["correct"],
                                 "accuracy": round(100 * c["correct"] / c["n"], 1)}
                             for f, c in per_form.items()},
        "overall": {"n": total, "correct": right, "accuracy": round(100 * right / total, 1)},
        "found_by": dict(how),
        "items": items,
    }


# ---------------------------------------------------------------------------------------------
# Reading, printing
# ---------------------------------------------------------------------------------------------


def read_published(path: Path) -> dict[str, dict[str, dict[str, float]]]:
    """evaluation_output/<set>.csv: model -> type -> {P, R, F1}."""
    published: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    if not path.exists():
        return published
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            published[row["model"]][row["type"]] = {k: float(row[k]) for k in ("P", "R", "F1")}
    return published


def fmt(cell: dict[str, float] | None) -> str:
    if not cell:
        return "-"
    return f"{cell['P']:.1f}/{cell['R']:.1f}/{cell['F1']:.1f}"


def print_scores(name: str, ours: dict, strict: dict, published: dict, n_sentences: int) -> None:
    models = [m for m in PUBLISHED_ORDER if m in published]
    models += [m for m in published if m not in models]
    types = list(ours["scores"])
    header = ["type", "ours", "ours 1:1", *models]
    rows = [header] + [
        [t.replace("compelete", "complete"), fmt(ours["scores"][t]), fmt(strict["scores"].get(t)),
         *(fmt(published[m].get(t)) for m in models)]
        for t in types
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    print(f"\n{name}: {n_sentences} sentences, {ours['total_gt']} gold quantities, "
          f"{ours['total_predictions']} ours   (cells: P/R/F1 %)")
    for i, r in enumerate(rows):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
        if i == 0:
            print("  " + "  ".join("-" * w for w in widths))
    print(f"  protocol hits: {ours['hits']}")


def print_disambiguation(result: dict) -> None:
    print("\nUnit disambiguation (units/test/sentences_test.json): accuracy per surface form")
    forms = result["per_surface_form"]
    for form in sorted(forms, key=lambda f: (forms[f]["accuracy"], f)):
        c = forms[form]
        gold = Counter(i["gold"] for i in result["items"] if i["surface_form"] == form)
        said = Counter(str(i["predicted"]) for i in result["items"] if i["surface_form"] == form)
        print(f"  {form!r:8} {c['correct']:2}/{c['n']:<2} {c['accuracy']:5.1f}%   gold "
              f"{dict(gold)}   ours {dict(said)}")
    o = result["overall"]
    print(f"  overall  {o['correct']}/{o['n']} = {o['accuracy']}%   (our quantity found by: "
          f"{result['found_by']})")


def print_errors(errors: dict[tuple[str, str], list], n_examples: int) -> None:
    groups: dict[str, dict[str, list]] = defaultdict(dict)
    for (group, category), items in errors.items():
        groups[group][category] = items
    order = ["gold quantity not found", "spurious prediction", "value mismatch",
             "range vs single", "unit mismatch (value right)", "change mismatch (value right)",
             "concept mismatch (value right)"]
    order += [g for g in groups if g not in order]
    print("\nNewsQuant error analysis: one-to-one alignment. Misses and false positives of "
          "value+unit first (not found,\nspurious, value, range, unit), then the change and "
          "concept errors of pairs whose value matched.")
    for group in order:
        if group not in groups:
            continue
        categories = groups[group]
        total = sum(len(v) for v in categories.values())
        print(f"\n== {group}: {total}")
        for category, items in sorted(categories.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            details = Counter(i["detail"] for i in items)
            print(f"  -- {category}: {len(items)}")
            if len(details) > 1:
                shown = ", ".join(f"{d} x{n}" for d, n in details.most_common(8))
                more = f", +{len(details) - 8} more" if len(details) > 8 else ""
                print(f"     ({shown}{more})")
            # examples: one per detail label, most frequent first, then the rest
            ranked = sorted(items, key=lambda i: -details[i["detail"]])
            firsts, seen = [], set()
            for item in ranked:
                if item["detail"] not in seen:
                    seen.add(item["detail"])
                    firsts.append(item)
            rest = [i for i in ranked if i not in firsts]
            for item in (firsts + rest)[:n_examples]:
                print(f"       text: {item['text']}")
                if item["gold"]:
                    print(f"       gold: {item['gold']}")
                if item["ours"]:
                    print(f"       ours: {item['ours']}")


def load_set(data: Path, name: str) -> list[dict]:
    records = json.loads((data / "formatted_test_set" / f"{name}.json").read_text("utf-8"))
    return records if isinstance(records, list) else list(records.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the NewsQuant data folder (default: %(default)s)")
    parser.add_argument("--errors", type=int, default=1, metavar="N",
                        help="examples printed per error category (default: %(default)s)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write all numbers here")
    args = parser.parse_args(argv)

    if not (args.data / "formatted_test_set").is_dir():
        print(f"no NewsQuant data at {args.data} (expected formatted_test_set/ there)",
              file=sys.stderr)
        return 2
    sets = {name: load_set(args.data, name) for name in SETS
            if (args.data / "formatted_test_set" / f"{name}.json").exists()}
    units_path = args.data / "units" / "test" / "sentences_test.json"
    unit_rows = json.loads(units_path.read_text("utf-8")) if units_path.exists() else []

    from claims.pipeline import load_pipeline

    names = UnitNames()
    texts = list(dict.fromkeys([r["text"] for rows in sets.values() for r in rows]
                               + [r["text"] for r in unit_rows]))
    started = time.perf_counter()
    nlp = load_pipeline()
    loaded = time.perf_counter()
    predictions = {doc.text: [to_record(q, doc.text, names) for q in doc._.quantities]
                   for doc in nlp.pipe(texts)}
    done = time.perf_counter()
    print(f"{len(texts)} sentences: pipeline loaded in {loaded - started:.1f}s, "
          f"extracted in {done - loaded:.1f}s ({len(texts) / (done - loaded):.0f}/s)")

    report: dict[str, Any] = {"data": str(args.data), "sets": {}}
    errors: dict[tuple[str, str], list] = {}
    for name, rows in sets.items():
        attributes = NEWSQUANT_ATTRIBUTES if name == "NewsQuant" else OTHER_ATTRIBUTES
        results = [{"text": r["text"], "gt": r["quantities"], "tags": predictions[r["text"]]}
                   for r in rows]
        ours = calculate_metrics(results, attributes)
        sentences = [Sentence(r["text"], r["quantities"], predictions[r["text"]]) for r in rows]
        if name == "NewsQuant":
            errors = analyse(sentences, GoldClasses(names))  # aligns the sentences too
        else:
            for s in sentences:
                align(s)
        strict = one_to_one(sentences)
        strict["scores"] = {t: v for t, v in strict["scores"].items() if t in ours["scores"]}
        published = read_published(args.data / "evaluation_output" / f"{name}.csv")
        print_scores(name, ours, strict, published, len(rows))
        report["sets"][name] = {"protocol": ours, "one_to_one": strict, "published": published}

    if unit_rows:
        dis = disambiguation(unit_rows, predictions)
        print_disambiguation(dis)
        report["unit_disambiguation"] = dis
    if errors:
        print_errors(errors, args.errors)
        report["newsquant_errors"] = [
            {"group": group, "category": category, "count": len(items), "examples": items}
            for (group, category), items in sorted(errors.items(), key=lambda kv: -len(kv[1]))
        ]
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=list),
                             encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
