"""The interval chart of one fact: every source's figure as a point on one axis, with its interval.

``marks_for(rows, rates=..., tolerance=...)`` turns comparison rows (api.compare)
into marks, converting money into the chart's currency with a dated rate from
data/rates.yaml (the rate is shown); ``layout(marks, unit)`` places them on an
axis for templates/chart.svg to draw. An exact figure is a dot with its
rounding (558万 covers [5,575,000, 5,585,000]); an approximate one has a wider
bar (the tolerance); a bound (不到600万) is a hollow dot at the stated figure
with a bar running off the open side of the axis to an arrowhead. The axis is
logarithmic when the figures span more than a factor of LOG_RATIO (a scale slip
would squash everything else into one pixel on a linear one).

Pure: no database, no Jinja.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from claimtrack.crosscheck.grouping import reference_date
from claimtrack.crosscheck.intervals import Interval, interval_of, reference_value
from claimtrack.crosscheck.rates import RateTable

WIDTH = 920
PLOT_LEFT = 290
PLOT_RIGHT = 720
ROW_HEIGHT = 30
TOP = 14
AXIS_HEIGHT = 46
LOG_RATIO = 20.0
DATE_EMPTY_SPAN = 60  # days around a lone date
# Label widths in "columns": a CJK character takes two, like in a terminal.
SOURCE_COLUMNS = 38
FIGURE_COLUMNS = 22


@dataclass(frozen=True)
class ChartMark:
    """One source's figure: what its wording admits (low, high) and the figure itself."""

    claim_id: int
    source: str
    figure: str
    qualifier: str
    low: float
    high: float
    point: float | None
    conflicting: bool
    admits: str  # the interval in words, as the comparison table gives it
    note: str = ""  # how it was converted, if it was

    @property
    def tooltip(self) -> str:
        """558万美元 (重要的是经济, 2025-02): [5,575,000, 5,585,000] USD; in conflict..."""
        parts = [f"{self.figure} ({self.source}): {self.admits}", self.note,
                 "in conflict with another source" if self.conflicting else ""]
        return "; ".join(part for part in parts if part)


@dataclass(frozen=True)
class ChartRow:
    """A mark placed on the chart (x in SVG user units)."""

    mark: ChartMark
    y: float
    x_low: float
    x_high: float
    x_point: float | None
    open_low: bool
    open_high: bool
    source_label: str
    figure_label: str

    @property
    def bound(self) -> bool:
        return self.mark.qualifier in ("upper_bound", "lower_bound")


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    """Everything templates/chart.svg needs to draw."""

    width: int
    height: int
    plot_left: int
    plot_right: int
    axis_y: float
    rows: list[ChartRow]
    ticks: list[Tick]
    unit: str
    log: bool
    title: str


@dataclass(frozen=True)
class ChartData:
    """The marks of one fact, the unit they are drawn in, and what was left off and why."""

    marks: list[ChartMark]
    unit: str
    is_date: bool
    notes: list[str]


def marks_for(rows: Sequence, *, rates: RateTable, tolerance: float) -> ChartData:
    """Chart marks for the comparison rows of one fact (subject, statement, period).

    Money in several currencies is drawn in the one that lets the most amounts
    be drawn (the same currency, or another with a rate in data/rates.yaml), then
    the most common, then USD (the rate table's own currency), then the first
    alphabetically; each other amount is converted at the rate nearest its date.
    An amount with no rate is left off the chart, and the notes say so.
    """
    claims = [row.claim for row in rows]
    is_date = bool(claims) and all(claim.kind == "date" for claim in claims)
    units = Counter(claim.unit for claim in claims if claim.unit and claim.kind == "money")

    def drawable(target: str) -> int:
        return sum(count for unit, count in units.items()
                   if unit == target or rates.convert(unit, target, None) is not None)

    target = min(units, key=lambda unit: (-drawable(unit), -units[unit], unit != "USD", unit)) \
        if units else None
    marks, notes = [], []
    for row in rows:
        claim = row.claim
        if (claim.kind == "date") != is_date:
            notes.append(f"{claim.surface} (claim {claim.id}) is not drawn: "
                         "a date and a number share no axis")
            continue
        interval = interval_of(claim, tolerance)
        point = None if is_date else reference_value(claim)
        if is_date:
            point = (interval.low + interval.high) / 2 if interval.low > -math.inf else None
        mark = ChartMark(claim.id, _source(claim), claim.surface, claim.qualifier,
                         interval.low, interval.high, point, row.conflicting, row.interval)
        if target and claim.kind == "money" and claim.unit != target:
            conversion = rates.convert(claim.unit, target, reference_date(claim))
            if conversion is None:
                notes.append(f"{claim.surface} (claim {claim.id}) is not drawn: no rate between "
                             f"{claim.unit} and {target} in data/rates.yaml")
                continue
            factor = conversion.factor
            converted = Interval(interval.low * factor, interval.high * factor)
            mark = replace(mark, low=converted.low, high=converted.high,
                           point=None if point is None else point * factor,
                           note=f"{converted.describe(target)} at {conversion.label}")
            notes.append(f"{claim.surface} (claim {claim.id}) drawn in {target}, converted at "
                         f"{conversion.label}")
        marks.append(mark)
    unit = "date" if is_date else (target or _common_unit(claims))
    return ChartData(marks, unit, is_date, notes)


def _common_unit(claims) -> str:
    units = sorted({claim.unit for claim in claims if claim.unit})
    return "/".join(units)


def _source(claim) -> str:
    article = claim.article
    return ", ".join(part for part in (article.outlet, claim.speaker, article.published) if part)


def layout(data: ChartData, title: str) -> Chart | None:
    """The marks placed on one axis, or None when no mark has a finite value to place."""
    marks = data.marks
    finite = [value for mark in marks for value in (mark.low, mark.high, mark.point)
              if value is not None and math.isfinite(value)]
    if not finite:
        return None
    low, high = min(finite), max(finite)
    log = not data.is_date and low > 0 and high / low >= LOG_RATIO
    scale = _LogScale(low, high) if log else _LinearScale(
        low, high, empty_span=DATE_EMPTY_SPAN if data.is_date else None)
    rows = []
    for index, mark in enumerate(marks):
        open_low, open_high = mark.low == -math.inf, mark.high == math.inf
        x_low = PLOT_LEFT if open_low else scale.x(mark.low)
        x_high = PLOT_RIGHT if open_high else scale.x(mark.high)
        x_point = None if mark.point is None else scale.x(mark.point)
        rows.append(ChartRow(mark, TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2, x_low, x_high,
                             x_point, open_low, open_high, clip(mark.source, SOURCE_COLUMNS),
                             clip(mark.figure, FIGURE_COLUMNS)))
    if data.is_date:
        ticks = _date_ticks(scale)
    else:
        ticks = scale.ticks()
    axis_y = TOP + ROW_HEIGHT * len(marks) + 6
    return Chart(WIDTH, int(axis_y + AXIS_HEIGHT), PLOT_LEFT, PLOT_RIGHT, axis_y, rows, ticks,
                 "" if data.is_date else data.unit, log, title)


class _LinearScale:
    def __init__(self, low: float, high: float, *, empty_span: float | None = None) -> None:
        span = high - low
        if span == 0:  # one value: room around it (dates: two months, as days)
            span = empty_span or abs(high) * 0.2 or 1.0
            low, high = low - span / 2, high + span / 2
        pad = span * 0.08
        self.low, self.high = low - pad, high + pad

    def x(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return round(PLOT_LEFT + share * (PLOT_RIGHT - PLOT_LEFT), 2)

    def ticks(self) -> list[Tick]:
        raw = (self.high - self.low) / 5
        magnitude = 10 ** math.floor(math.log10(raw))
        step = magnitude * next(f for f in (1, 2, 5, 10) if f * magnitude >= raw)
        first = math.ceil(self.low / step)
        values = [n * step for n in range(first, math.floor(self.high / step) + 1)]
        return [Tick(self.x(value), label) for value, label in
                zip(values, compact_labels(values, step), strict=True)]


class _LogScale:
    def __init__(self, low: float, high: float) -> None:
        pad = (math.log10(high) - math.log10(low)) * 0.08
        self.low, self.high = math.log10(low) - pad, math.log10(high) + pad

    def x(self, value: float) -> float:
        share = (math.log10(value) - self.low) / (self.high - self.low)
        return round(PLOT_LEFT + share * (PLOT_RIGHT - PLOT_LEFT), 2)

    def ticks(self) -> list[Tick]:
        values = [10.0 ** e for e in range(math.ceil(self.low), math.floor(self.high) + 1)]
        if len(values) < 3:
            values = sorted(v * f for e in range(math.floor(self.low), math.ceil(self.high) + 1)
                            for v in [10.0 ** e] for f in (1, 2, 5)
                            if self.low <= math.log10(v * f) <= self.high)
        return [Tick(self.x(value), compact(value)) for value in values]


def _date_ticks(scale: _LinearScale) -> list[Tick]:
    """Ticks at month starts (every k-th, at most 6), else evenly spaced days."""
    first, last = date.fromordinal(math.ceil(scale.low)), date.fromordinal(int(scale.high))
    months = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if date(year, month, 1) >= first:
            months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(months) >= 2:
        step = math.ceil(len(months) / 6)
        return [Tick(scale.x(day.toordinal()), day.isoformat()[:7]) for day in months[::step]]
    every = max(1, (last - first).days // 4)
    return [Tick(scale.x(ordinal), date.fromordinal(ordinal).isoformat())
            for ordinal in range(first.toordinal(), last.toordinal() + 1, every)]


_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def compact(value: float) -> str:
    """A short axis label: compact(5_580_000) == "5.58M"; compact(95) == "95"."""
    for size, suffix in _SUFFIXES:
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}" if value else "0"


def compact_labels(values: list[float], step: float) -> list[str]:
    """Labels for evenly spaced ticks, with the decimals the step needs to tell them apart."""
    largest = max((abs(value) for value in values), default=0.0)
    size, suffix = next(((s, x) for s, x in _SUFFIXES if largest >= s), (1.0, ""))
    decimals = max(0, -math.floor(math.log10(step / size) + 1e-9))
    return [f"{value / size:.{decimals}f}{suffix}" if value else "0" for value in values]


def clip(text: str, columns: int) -> str:
    """Text cut to a width in columns (CJK characters count two), with an ellipsis if cut."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) >= 0x1100 else 1
        if used > columns:
            return text[: max(index - 1, 0)] + "…"
    return text
