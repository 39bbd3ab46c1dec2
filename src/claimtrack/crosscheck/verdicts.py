"""Whether two figures for one fact agree, and why: ``verdict_for(a, b)``.

Verdicts, from agreeing to not:
    same                 the identical figure (5.58 million dollars and 558万美元)
    consistent_rounding  different figures inside each other's stated precision or
                         tolerance (17% and 16.97%; 558万 and 约557万)
    consistent_bound     a bound or range that admits the other (不到600万 and 558万)
    scale_slip           apart by a clean power of ten (558万 and 5.58亿: million vs
                         billion, 万 vs 亿), worth telling from an ordinary conflict
    conflict             disjoint: the reason gives how far apart they are
    date_conflict        two dates for one event (a founding, a release) that do not
                         overlap: the reason gives the days between their nearest ends;
                         also one record's figure dated on two days (grouping's
                         _record_dated_apart)
Dates agree when one contains the other (2025-01 and 2025-01-20); two months, or two
days, that differ are a date_conflict. A rise and a fall conflict whatever their size.

Pure: works on any objects with the claim fields; ``describe`` names a claim.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from claimtrack.crosscheck.intervals import (
    DEFAULT_TOLERANCE,
    RATE_TOLERANCE,
    Interval,
    interval_of,
    number,
)

AGREEING = ("same", "consistent_rounding", "consistent_bound")
# From worst to best: a group's verdict is its worst pair's.
SEVERITY = ("conflict", "date_conflict", "scale_slip", "possibly_same_fact", "consistent_bound",
            "consistent_rounding", "same")
# The verdicts that make a group a conflict (has_conflict, `conflicts`, exit code 3).
CONFLICTING = ("conflict", "date_conflict", "scale_slip")


@dataclass(frozen=True)
class Verdict:
    """The verdict on a pair of claims, with a one-line reason and the relative gap."""

    verdict: str
    reason: str
    gap: float = 0.0
    rate: str | None = None  # the exchange rate used, with its date, if any


def figure_text(claim) -> str:
    """How a claim's figure reads in a reason: the surface, or the date."""
    return claim.surface


def verdict_for(a, b, *, tolerance: float = DEFAULT_TOLERANCE, factor: float = 1.0,
                rate: str | None = None,
                describe: Callable[[object], str] = figure_text,
                reasons: bool = True,
                interval: Callable[[object, float], Interval] = interval_of) -> Verdict:
    """The verdict on two comparable claims; ``factor`` converts b into a's unit (a rate).

    ``reasons=False`` leaves the reason empty (the verdict, gap and rate are the same):
    a large cross-check words only the pairs it shows. ``interval``: interval_of, or
    the same values remembered per claim (a claim is in many pairs).
    """
    name_a, name_b = (describe(a), describe(b)) if reasons else ("", "")
    rate_note = f" (converted at {rate})" if rate else ""
    if a.kind == "date" or b.kind == "date":
        return _date_verdict(a, b, name_a, name_b, reasons)
    if {a.direction, b.direction} == {"increase", "decrease"}:
        rise, fall = (name_a, name_b) if a.direction == "increase" else (name_b, name_a)
        return Verdict("conflict", f"{rise} is a rise and {fall} a fall" if reasons else "",
                       1.0, rate)
    if _identical(a, b, factor):
        return Verdict("same", f"{name_a} and {name_b} state the same figure{rate_note}"
                       if reasons else "", 0.0, rate)
    first = interval(a, tolerance)
    second = interval(b, tolerance)
    if factor != 1.0:
        second = second.scaled(factor)
    if rate is not None:  # 近4.6萬億港元 and $593.7 billion: rates move between two sources' days
        second = second.widened(RATE_TOLERANCE)
    # 近6000亿 (approximate, but only from below) bounds like 不到6000亿 does.
    point_like = _point_like(a) and _point_like(b)
    if first.overlaps(second):
        if point_like:
            if not reasons:
                return Verdict("consistent_rounding", "", 0.0, rate)
            why = "within each other's rounding" if {a.qualifier, b.qualifier} == {"exact"} \
                else f"within the {tolerance:.0%} tolerance of an approximate figure"
            return Verdict("consistent_rounding", f"{name_a} and {name_b} agree {why}: "
                           f"{first.describe()} and {second.describe()} overlap{rate_note}",
                           0.0, rate)
        if not reasons:
            return Verdict("consistent_bound", "", 0.0, rate)
        bound, other = (a, b) if not _point_like(a) else (b, a)
        return Verdict("consistent_bound", f"{describe(bound)} admits {describe(other)}: "
                       f"{first.describe()} and {second.describe()} overlap{rate_note}", 0.0,
                       rate)
    gap = first.gap(second)
    slip = _scale_slip(a, b, factor, tolerance)
    if slip is not None:
        return Verdict("scale_slip", f"{name_a} and {name_b} differ by a factor of {slip}: "
                       f"a slip of scale (万/亿, million/billion)?{rate_note}" if reasons else "",
                       gap, rate)
    return Verdict("conflict", f"{name_a} and {name_b} do not overlap: {first.describe()} vs "
                   f"{second.describe()}, {_percent(gap)} apart{rate_note}" if reasons else "",
                   gap, rate)


def _point_like(claim) -> bool:
    """An exact figure, or one approximate on both sides."""
    if claim.qualifier == "exact":
        return True
    return claim.qualifier == "approx" and claim.low is not None and claim.high is not None


def _identical(a, b, factor: float) -> bool:
    if a.qualifier != b.qualifier or a.value is None or b.value is None:
        return False
    return math.isclose(a.value, b.value * factor, rel_tol=1e-9) and (
        a.qualifier == "exact" or (a.low, a.high) == (b.low, b.high))


def _scale_slip(a, b, factor: float, tolerance: float) -> str | None:
    """10^k when two exact figures differ by a clean power of ten (k ≥ 1)."""
    if a.value is None or b.value is None or not a.value or not b.value:
        return None
    ratio = abs(a.value / (b.value * factor))
    exponent = round(math.log10(ratio))
    if exponent == 0 or abs(math.log10(ratio) - exponent) > math.log10(1 + tolerance):
        return None
    return f"10^{abs(exponent)} ({number(10 ** abs(exponent))})"


def _date_verdict(a, b, name_a: str, name_b: str, reasons: bool = True) -> Verdict:
    first, second = interval_of(a), interval_of(b)
    if first == second:
        return Verdict("same", f"{name_a} and {name_b} are the same date" if reasons else "")
    if first.contains(second) or second.contains(first):
        wide, narrow = (name_a, name_b) if first.contains(second) else (name_b, name_a)
        return Verdict("consistent_rounding", f"{wide} contains {narrow}" if reasons else "")
    if first.overlaps(second):
        return Verdict("consistent_rounding", f"{name_a} and {name_b} overlap" if reasons
                       else "")
    # The gap between the nearest ends: 2023-03 and 2023-07 are 92 days apart (03-31 to 07-01).
    days = int(max(second.low - first.high, first.low - second.high))
    return Verdict("date_conflict", f"{name_a} and {name_b} date it differently, "
                   f"{days} day{'' if days == 1 else 's'} apart" if reasons else "", float(days))


def _percent(gap: float) -> str:
    if gap >= 10:
        return f"{gap:,.0f}x"
    if gap < 0.01:
        return f"{gap:.2%}"
    return f"{gap:.0%}"


def worst(verdicts: list[str]) -> str:
    """The worst of several verdicts (a group's verdict)."""
    return min(verdicts, key=SEVERITY.index) if verdicts else "same"
