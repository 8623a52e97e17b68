"""Units: quantulum3 finds them, context settles ambiguous ones, Pint normalises them."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from tokenize import TokenError
from typing import Any

import pint

from .resources import load_json
from .types import Normalized

DIMENSIONLESS = "dimensionless"
# What Pint raises on text it cannot read as a unit expression. Its parser runs Python's tokenizer
# and evaluator, so besides its own errors come TokenError ("lrj 0[1": an unclosed bracket),
# AssertionError (a backslash), ZeroDivisionError ("4|/0") and the like: all mean "no unit here".
_UNREADABLE = (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError,
               TokenError, AssertionError, ArithmeticError)


@dataclass(frozen=True)
class UnitReading:
    """What a unit word means here: a Pint unit (with a factor) or a currency."""

    unit: str | None  # Pint unit name, or ISO 4217 code when `currency`
    factor: float = 1.0  # "decade" is 10 years, "cents" 1/100 of a dollar
    currency: bool = False


# quantulum3 builds its regular expressions from sets of operators ({"/", " ", "*", ...}), joined
# in iteration order, which follows Python's per-process hash seed: the same text could then be
# read as "2 kW" in one run and "2 kW /" in the next. Before its first parse, these lookups are
# replaced with the same operators in a fixed order, so every run reads text the same way.
_ORDERED_LOOKUPS = ("multiplication_operators", "division_operators", "operators", "ranges",
                    "uncertainties", "grouping_operators", "decimal_operators")


def _fix_quantulum_order(regex_module: Any) -> None:
    for name in _ORDERED_LOOKUPS:
        original = getattr(regex_module, name, None)
        if original is None or getattr(original, "_claims_ordered", False):
            continue

        def ordered(lang: str = "en_US", _original=original) -> list[str]:
            return sorted(_original(lang), key=lambda s: (-len(s), s))

        ordered._claims_ordered = True  # type: ignore[attr-defined]
        setattr(regex_module, name, ordered)


def _currency_reading(code: str) -> UnitReading:
    """'USD' -> US dollars; 'USD/100' -> cents, counted in dollars."""
    if code.endswith("/100"):
        return UnitReading(code[:-4], 0.01, currency=True)
    return UnitReading(code, 1.0, currency=True)


@lru_cache(maxsize=8192)
def _quantulum_parse(text: str) -> tuple[tuple[int, int, str, str, tuple], ...]:
    """quantulum3 on a short span, cached: the same unit phrases recur across a corpus.

    Returns (start, end, unit name, entity name, ((base, power), ...)) per quantity found.
    """
    with warnings.catch_warnings():
        # quantulum3 warns on import that its optional classifier is absent: we do without it,
        # settling ambiguous units from context ourselves (models/units.json, "ambiguous").
        warnings.simplefilter("ignore")
        from quantulum3 import parser  # imported lazily: it loads its unit tables on first use
        from quantulum3 import regex as quantulum_regex

        _fix_quantulum_order(quantulum_regex)
        found = parser.parse(text)
    return tuple(
        (
            q.span[0],
            q.span[1],
            q.unit.name,
            q.unit.entity.name,
            tuple((d.get("base", ""), float(d.get("power", 1))) for d in q.unit.dimensions),
        )
        for q in found
    )


class Currencies:
    """The currency words, signs and codes of `models/units.json`: what reading a number needs
    to know of money, without Pint."""

    def __init__(self, rules: dict[str, Any]) -> None:
        self.codes: dict[str, str] = {
            k: v for k, v in rules["currencies"].items() if not k.startswith("_")
        }
        self.glued_letters = frozenset(rules["glued_single_letters"]["letters"])
        self.transliterated: dict[str, str] = {
            k: v for k, v in rules["transliterated_signs"].items() if not k.startswith("_")
        }

    def currency(self, surface: str) -> UnitReading | None:
        """'$' -> USD, 'euros' -> EUR, 'cents' -> USD/100; None when not a currency word."""
        code = self.codes.get(surface.lower()) or self.codes.get(surface)
        if code is None and len(surface) == 4 and surface.endswith("=") and surface[:3].isupper():
            code = self.codes.get(surface[:3].lower())  # "JPY=": a Reuters quote code
        return None if code is None else _currency_reading(code)


def load_unit_rules(directory: Path | None = None) -> dict[str, Any]:
    """`units.json` from `directory` (default: the shipped models/)."""
    return load_json("units.json", directory)


class Units:
    """One Pint registry plus the unit rules from `models/units.json`; create once, pass around."""

    def __init__(self, directory: Path | None = None, *, rules: dict[str, Any] | None = None
                 ) -> None:
        rules = rules if rules is not None else load_unit_rules(directory)
        self.ureg = pint.UnitRegistry()
        for definition in rules.get("definitions", {}).get("units", []):
            self.ureg.define(definition)  # units Pint lacks ("ppb")
        self.currencies = Currencies(rules)
        self.glued_letters = self.currencies.glued_letters
        self.quantulum_names: dict[str, str] = {
            k: v for k, v in rules["quantulum_to_pint"].items() if not k.startswith("_")
        }
        self.short_durations = set(rules["short_durations"])
        self.aliases = {k: v for k, v in rules["aliases"].items() if not k.startswith("_")}
        self._ambiguous_by_surface: dict[str, dict[str, Any]] = {
            surface: rule
            for key, rule in rules["ambiguous"].items()
            if not key.startswith("_")
            for surface in rule["surfaces"]
        }
        # keyed by root unit, not by dimensionality: Pint calls percent and bytes alike
        # dimensionless, and a percentage is no number of bytes
        self._normal_by_root: dict[str, str] = {}
        for name in rules["normal_units"]["units"]:
            self._normal_by_root.setdefault(self._root(name), str(self.ureg.parse_units(name)))
        self._normalisers: dict[str, Normaliser] = {}
        self._dimensions: dict[str, str] = {}

    # -- reading units -------------------------------------------------------------------------

    def currency(self, surface: str) -> UnitReading | None:
        """'$' -> USD, 'euros' -> EUR, 'cents' -> USD/100; None when not a currency word."""
        return self.currencies.currency(surface)

    def alias(self, surface: str) -> UnitReading | None:
        """A unit spelling quantulum3 does not know ('μm', 'm.p.h.', '1.38pc'). A key written
        with capitals matches only as written: 'PS' is metric horsepower, 'ps' picoseconds."""
        name = self.aliases.get(surface) or self.aliases.get(surface.lower())
        return self._parse(name) if name else None

    def unit_named(self, words: str) -> UnitReading | None:
        """'nautical mile', 'imperial gallon': words that together name a Pint unit."""
        return self._parse(words.strip().replace(" ", "_"))

    def find_unit(self, span_text: str) -> tuple[int, int, str, str, tuple] | None:
        """The unit quantulum3 reads right after the number at the start of `span_text`.

        Returns (start, end, unit name, entity, dimensions) for the first quantity, or None.
        """
        found = _quantulum_parse(span_text)
        return found[0] if found else None

    def pint_unit(self, quantulum_name: str, dimensions: tuple) -> UnitReading | None:
        """A quantulum3 unit as a Pint unit; None when Pint cannot express it."""
        if quantulum_name in ("dimensionless", ""):
            return None
        for candidate in (quantulum_name, *(self._compose(dimensions),)):
            if not candidate:
                continue
            reading = self._parse(self.quantulum_names.get(candidate, candidate))
            if reading is not None:
                return reading
        return None

    def _compose(self, dimensions: tuple) -> str | None:
        parts = []
        for base, power in dimensions:
            if abs(power) > 3:
                return None  # "barrel67" is a typo, not barrels to the 67th power
            name = self.quantulum_names.get(base, base)
            if not name or name == DIMENSIONLESS:
                return None
            parts.append(f"({name}) ** {power:g}" if power != 1 else f"({name})")
        return " * ".join(parts) if parts else None

    def _parse(self, expression: str) -> UnitReading | None:
        try:
            q = self.ureg.parse_expression(expression.replace(" ", "_") if "*" not in expression
                                           and "/" not in expression else expression)
        except _UNREADABLE:
            return None
        if not isinstance(q, pint.Quantity):
            return None
        return UnitReading(str(q.units), float(q.magnitude))

    def disambiguate(self, word: str, default: UnitReading | None, context: set[str], *,
                     before: str = "", followed_by_of: bool = False,
                     after_scale: bool = False) -> UnitReading | None:
        """Settle an ambiguous unit word ("pounds", "F", "c") from the words around it."""
        rule = self._ambiguous_by_surface.get(word) or self._ambiguous_by_surface.get(word.lower())
        if rule is None:
            return default
        if followed_by_of and "of" in rule:
            return self._reading(rule["of"])  # "pounds of pills" weighs the pills
        for reading, cues in rule["readings"].items():
            if (
                before.lower() in cues.get("before", ())
                or (after_scale and cues.get("after_scale"))
                or not context.isdisjoint(cues.get("near", ()))
            ):
                return self._reading(reading)
        return self._reading(rule["default"])

    def _reading(self, name: str) -> UnitReading | None:
        if name.startswith("currency:"):
            return _currency_reading(name.split(":", 1)[1])
        return self._parse(name)

    # -- normalising ---------------------------------------------------------------------------

    def dimension(self, unit: str | None, currency: bool = False) -> str:
        """'[mass]', 'currency:USD', 'count'."""
        if unit is None:
            return "count"
        if currency:
            return f"currency:{unit}"
        found = self._dimensions.get(unit)
        if found is None:  # a corpus names the same few units thousands of times
            found = str(self.ureg.parse_units(unit).dimensionality)
            if found == DIMENSIONLESS and self._root(unit) == "bit":
                found = "[information]"  # bytes are no share of anything
            self._dimensions[unit] = found
        return found

    def _root(self, unit: str) -> str:
        """The base units `unit` is made of: 'bit' for a gigabyte, 'dimensionless' for percent."""
        return str(self.ureg.get_root_units(unit)[1])

    def normal_unit(self, unit: str) -> str:
        """The unit a quantity in `unit` is normalised to."""
        parsed = self.ureg.parse_units(unit)
        dim = str(parsed.dimensionality)
        if dim == "[time]" and unit in self.short_durations:
            return "second"
        target = self._normal_by_root.get(self._root(unit))
        if target is not None:
            return target
        return str(self.ureg.Quantity(1, parsed).to_base_units().units)

    def normaliser(self, unit: str) -> Normaliser:
        """What converts figures in `unit` (a Pint unit) to the normal unit of its dimension."""
        found = self._normalisers.get(unit)
        if found is None:
            found = self._normalisers[unit] = Normaliser(self.ureg, unit, self.normal_unit(unit))
        return found

    def normalise(self, value: float | None, low: float | None, high: float | None,
                  unit: str | None, currency: bool = False) -> Normalized:
        """The value and its interval in the normal unit of their dimension."""
        if unit is None or currency:
            return Normalized(value, low, high, unit)
        return self.normaliser(unit).normalise(value, low, high)

    def convert(self, value: float, unit: str, target: str) -> float:
        """`value` in `unit` expressed in `target` (same dimension)."""
        return float(self.ureg.Quantity(value, unit).to(target).magnitude)


class Normaliser:
    """Converts figures in one unit to the normal unit of its dimension, with the registry that
    read the unit. The units component hands one to each figure it reads; the interval it is
    applied to is only final once qualifiers and ranges are known."""

    __slots__ = ("_ureg", "target", "unit")

    def __init__(self, ureg: pint.UnitRegistry, unit: str, target: str) -> None:
        self._ureg, self.unit, self.target = ureg, unit, target

    def convert(self, x: float | None) -> float | None:
        if x is None:
            return None
        try:
            out = float(self._ureg.Quantity(x, self.unit).to(self.target).magnitude)
        except (OverflowError, ValueError, pint.errors.PintError):
            return None  # a value no unit conversion can hold stays as stated only
        return out if math.isfinite(out) else None

    def normalise(self, value: float | None, low: float | None, high: float | None
                  ) -> Normalized:
        return Normalized(self.convert(value), self.convert(low), self.convert(high), self.target)
