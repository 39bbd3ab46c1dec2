"""What a stated figure admits, as an interval of values.

558万 (stated to the nearest 10,000) covers [5,575,000, 5,585,000]; 17% covers
[16.5, 17.5]; 约557万 widens that by the tolerance (default 5%); 不到600万 is
everything up to 6,000,000; 近6000亿 is just under 600 billion (within the
tolerance below it); 20多年 is [20, 30). Dates are intervals of days.

Pure: works on any object with the claim fields (value, low, high, qualifier,
precision, kind, period_start, period_end).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

DEFAULT_TOLERANCE = 0.05
# How far a figure converted into another currency may move with the rate: each
# source converts at its own day's rate, and the table holds one rate a month.
RATE_TOLERANCE = 0.02
INF = math.inf


# Bound words that admit the figure itself (至多600万 may be 600万; 不到600万, 超过600万
# and 近600万 may not): every other bound is strict.
INCLUSIVE_BOUNDS = re.compile(
    r"至多|最多|不超过|不超過|不多于|不多於|至少|最少|不低于|不低於|不少于|不少於"
    r"|up to|at most|no more than|at least|no less than|or more|or less")


@dataclass(frozen=True)
class Interval:
    """An interval of values, closed unless an end is open (近17% stops short of 17%,
    超17% starts past it); an end may be infinite (an upper or lower bound)."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        if self.low > other.high or other.low > self.high:
            return False
        # Touching ends overlap unless one of them is open: 近17% and 超17% do not.
        if self.high == other.low and (self.high_open or other.low_open):
            return False
        return not (other.high == self.low and (other.high_open or self.low_open))

    def contains(self, other: Interval) -> bool:
        return self.low <= other.low and other.high <= self.high

    def scaled(self, factor: float) -> Interval:
        return Interval(self.low * factor, self.high * factor, self.low_open, self.high_open)

    def widened(self, share: float) -> Interval:
        """The interval with ``share`` of each end added outwards (infinite ends stay)."""
        return Interval(self.low - abs(self.low) * share, self.high + abs(self.high) * share,
                        self.low_open, self.high_open)

    def gap(self, other: Interval) -> float:
        """How far apart two disjoint intervals are, relative to the larger near end."""
        if self.overlaps(other):
            return 0.0
        near_low, near_high = (self.high, other.low) if self.high < other.low else (
            other.high, self.low)
        scale = max(abs(near_low), abs(near_high)) or 1.0
        return (near_high - near_low) / scale

    @property
    def is_point(self) -> bool:
        return self.low == self.high

    def describe(self, unit: str = "") -> str:
        """[5,575,000, 5,585,000] USD, < 6,000,000 USD, ≥ 100,000,000 USD, [16.15, 17)."""
        suffix = f" {unit}" if unit else ""
        if self.low == -INF and self.high == INF:
            return "any value"
        if self.low == -INF:
            return f"{'<' if self.high_open else '≤'} {number(self.high)}{suffix}"
        if self.high == INF:
            return f"{'>' if self.low_open else '≥'} {number(self.low)}{suffix}"
        if self.is_point:
            return f"{number(self.low)}{suffix}"
        return (f"{'(' if self.low_open else '['}{number(self.low)}, {number(self.high)}"
                f"{')' if self.high_open else ']'}{suffix}")


def number(value: float) -> str:
    """A number for people: 5,580,000; 0.05; 16.97."""
    if value in (INF, -INF):
        return "∞" if value > 0 else "-∞"
    if float(value).is_integer() and abs(value) < 1e16:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def interval_of(claim, tolerance: float = DEFAULT_TOLERANCE) -> Interval:
    """The values a claim's wording admits (dates: days since 0001-01-01)."""
    if claim.kind == "date":
        return date_interval(claim)
    half = (claim.precision or 0.0) / 2
    value, low, high = claim.value, claim.low, claim.high
    qualifier = claim.qualifier
    strict = not INCLUSIVE_BOUNDS.search((getattr(claim, "surface", "") or "").lower())
    if qualifier == "upper_bound" or (low is None and high is not None and qualifier != "approx"):
        return Interval(-INF, high if high is not None else value, high_open=strict)
    if qualifier == "lower_bound" or (high is None and low is not None and qualifier != "approx"):
        return Interval(low if low is not None else value, INF, low_open=strict)
    if qualifier == "range":
        return Interval(low if low is not None else -INF, high if high is not None else INF)
    if qualifier == "approx":
        if low is None and high is not None:  # 近6000亿: just under it
            return Interval(high * (1 - tolerance), high, high_open=strict)
        if high is None and low is not None:  # just over it
            return Interval(low, low * (1 + tolerance), low_open=strict)
        spread = abs(value) * tolerance + half
        return Interval(value - spread, value + spread)
    if value is None:
        return Interval(low if low is not None else -INF, high if high is not None else INF)
    return Interval(value - half, value + half)


def date_interval(claim) -> Interval:
    """A date (or a period) as the days it spans."""
    start: date | None = claim.period_start
    end: date | None = claim.period_end
    if start is None or end is None:
        return Interval(-INF, INF)
    return Interval(float(start.toordinal()), float(end.toordinal()))


def reference_value(claim) -> float | None:
    """One number that stands for a claim: its value, else the bound it states."""
    if claim.value is not None:
        return claim.value
    if claim.low is not None and claim.high is not None:
        return (claim.low + claim.high) / 2
    return claim.high if claim.high is not None else claim.low
