"""Intervals a figure implies (None is an open end): overlap, sums, and how to print them."""

from __future__ import annotations

import math

Interval = tuple[float | None, float | None]

_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))
# Floating-point conversions (pounds to kilograms) must not turn a shared end into a gap.
_EPSILON = 1e-9


def overlap(a: Interval, b: Interval) -> bool:
    """True when the two intervals share at least one value."""
    low = max(-math.inf if a[0] is None else a[0], -math.inf if b[0] is None else b[0])
    high = min(math.inf if a[1] is None else a[1], math.inf if b[1] is None else b[1])
    return low <= high + _EPSILON * max(1.0, abs(high) if math.isfinite(high) else 1.0)


def add(intervals: list[Interval]) -> Interval:
    """The interval of a sum; an open end stays open."""
    lows = [i[0] for i in intervals]
    highs = [i[1] for i in intervals]
    return (None if None in lows else sum(lows),  # type: ignore[arg-type]
            None if None in highs else sum(highs))  # type: ignore[arg-type]


def format_number(x: float | None) -> str:
    """Short and exact enough to check by eye: '53.35 million', '850.3', '0.0000015'."""
    if x is None:
        return "…"
    for scale, name in _SCALES:
        if abs(x) >= scale:
            return f"{x / scale:,.6g}{name}"
    if abs(x) >= 1000:
        return f"{x:,.1f}".removesuffix(".0")
    if x == 0 or abs(x) >= 0.01:
        return f"{x:.6g}"
    return f"{x:.3g}"


def format_interval(low: float | None, high: float | None, unit: str | None) -> str:
    """'849.5–850.5 kilogram', '≥ 50 million USD', '≤ 10'."""
    suffix = f" {unit}" if unit else ""
    if low is None and high is None:
        return "—"
    if high is None:
        return f"≥ {format_number(low)}{suffix}"
    if low is None:
        return f"≤ {format_number(high)}{suffix}"
    return f"{format_number(low)}–{format_number(high)}{suffix}"
