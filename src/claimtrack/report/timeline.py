"""When each figure first appeared, and who repeated it after: ``figures(claims)``.

A figure is one statement of one value: the same topic, subject (folded: any
script), scope, kind of statement, unit, qualifier and value (or bounds). A
claim about no named subject is a figure of its own: two "17%" about nobody in
particular are not one figure repeated. 558万美元 and $5.58 million
are one figure; 约557万 is another (a different value), 不到600万 another (a
bound). Only claims with a topic are followed: they are the facts the report
tracks. Appearances are ordered by their article's publication date (at its
stated precision: 2025-02 is the whole of February, drawn as a bar), undated
articles last.

Pure: takes StoredClaim-like objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from claimtrack.crosscheck.identity import scope_key, statement_of, subject_key
from claimtrack.schemas import parse_period

WIDTH = 920
LABEL_RIGHT = 270
PLOT_LEFT = 290
PLOT_RIGHT = 860
ROW_HEIGHT = 26
TOP = 10
AXIS_HEIGHT = 40


@dataclass
class Figure:
    """One figure and every claim stating it, earliest first."""

    key: tuple
    claims: list = field(default_factory=list)

    @property
    def first(self):
        return self.claims[0]

    @property
    def repeats(self) -> list:
        return self.claims[1:]

    @property
    def articles(self) -> int:
        return len({claim.article.id for claim in self.claims})


def _published(claim) -> str:
    return claim.article.published or ""


def _order(claim) -> tuple:
    published = _published(claim)
    return (published == "", published, claim.article.id, claim.id)


def figures(claims: Iterable) -> list[Figure]:
    """Every figure stated by a claim with a topic, in order of first appearance."""
    found: dict[tuple, Figure] = {}
    for claim in claims:
        if not claim.topic:
            continue
        subject = subject_key(claim) or f"#{claim.id}"
        key = (claim.topic, subject, statement_of(claim), scope_key(claim), claim.unit or "",
               claim.qualifier, claim.value, claim.low, claim.high, claim.iso or "")
        found.setdefault(key, Figure(key)).claims.append(claim)
    for figure in found.values():
        figure.claims.sort(key=_order)
    return sorted(found.values(), key=lambda figure: (_order(figure.first), figure.key[:3]))


@dataclass(frozen=True)
class Stated:
    """One appearance on the timeline chart: a dot (a day) or a bar (a month, a year)."""

    claim: object
    x_start: float
    x_end: float
    first: bool

    @property
    def is_day(self) -> bool:
        return self.x_end - self.x_start < 1


@dataclass(frozen=True)
class TimelineRow:
    figure: Figure
    y: float
    label: str
    stated: list[Stated]


@dataclass(frozen=True)
class TimelineChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    label_right: int
    axis_y: float
    rows: list[TimelineRow]
    ticks: list[tuple[float, str]]


def timeline_chart(found: list[Figure], label) -> TimelineChart | None:
    """The figures stated in two articles or more, on a date axis; None if there are none.

    ``label(figure)`` gives each row's text.
    """
    repeated = [figure for figure in found if figure.articles >= 2]
    spans = {claim.id: _span(claim) for figure in repeated for claim in figure.claims}
    days = [day for span in spans.values() if span for day in span]
    if not repeated or not days:
        return None
    first, last = min(days), max(days) + 1
    if last - first < 28:
        first, last = first - 14, last + 14
    def x(day: int) -> float:
        return round(PLOT_LEFT + (day - first) / (last - first) * (PLOT_RIGHT - PLOT_LEFT), 2)
    rows = []
    for index, figure in enumerate(repeated):
        stated = [Stated(claim, x(span[0]), x(span[1] + 1) if span[1] > span[0] else x(span[0]),
                         claim is figure.first)
                  for claim in figure.claims if (span := spans[claim.id])]
        rows.append(TimelineRow(figure, TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2,
                                label(figure), stated))
    axis_y = TOP + ROW_HEIGHT * len(rows) + 4
    ticks = []
    month = date.fromordinal(first).replace(day=1)
    while month.toordinal() <= last:
        if month.toordinal() >= first:
            ticks.append((x(month.toordinal()), month.isoformat()[:7]))
        month = month.replace(year=month.year + (month.month == 12), month=month.month % 12 + 1)
    step = max(1, -(-len(ticks) // 8))
    return TimelineChart(WIDTH, int(axis_y + AXIS_HEIGHT), PLOT_LEFT, PLOT_RIGHT, LABEL_RIGHT,
                         axis_y, rows, ticks[::step])


def _span(claim) -> tuple[int, int] | None:
    """The days an article's date covers (2025-02: all of February), as ordinals."""
    published = _published(claim)
    if not published:
        return None
    start, end, _ = parse_period(published)
    return start.toordinal(), end.toordinal()
