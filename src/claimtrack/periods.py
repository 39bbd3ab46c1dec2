"""Dates and periods at their stated precision, as text and back: 2025-02, 2025-Q1, 2020/2023.

Plain functions on ``datetime.date``, free of pydantic, so that the read path
(`claimtrack claims`) labels periods without importing it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any


def date_label(day: date | None, precision: str) -> str:
    """A date at its stated precision: date_label(date(2025, 2, 1), "month") == "2025-02"."""
    if day is None:
        return ""
    iso = day.isoformat()
    return {"year": iso[:4], "month": iso[:7]}.get(precision, iso)


def period_label(start: date | None, end: date | None, precision: str) -> str | None:
    """A period at its precision: 2025-03, 2025, 2025-Q1, 2025-01-20, or 2020/2023 for a span.

    period_label(date(2025, 3, 1), date(2025, 3, 31), "month") == "2025-03"; the
    inverse of parse_period.
    """
    if start is None or end is None:
        return None
    first, last = start.isoformat(), end.isoformat()
    if precision == "day" and start == end:
        return first
    if precision == "month":  # 2025-03, or the months of a part of a year: 2024-09/2024-12
        return first[:7] if first[:7] == last[:7] else f"{first[:7]}/{last[:7]}"
    if precision == "quarter":
        return f"{first[:4]}-Q{(start.month + 2) // 3}"
    if first[5:] == "01-01" and last[5:] == "12-31":
        return first[:4] if first[:4] == last[:4] else f"{first[:4]}/{last[:4]}"
    return f"{first}/{last}"


_PERIOD_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?$")


def parse_period(text: str) -> tuple[date, date, str]:
    """(start, end, precision) of 2025, 2025-03, 2025-03-01, 2025-Q1 or a span a/b.

    parse_period("2025-03") == (date(2025, 3, 1), date(2025, 3, 31), "month");
    raises ValueError for anything else.
    """
    import calendar

    text = str(text).strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start, _, first_precision = parse_period(first)
        _, end, last_precision = parse_period(last)
        if end < start:
            raise ValueError(f"period {text!r} ends before it starts")
        return start, end, first_precision if first_precision == last_precision else "unknown"
    match = _PERIOD_PART.match(text)
    if not match:
        raise ValueError(f"not a period: {text!r} (use 2025, 2025-03, 2025-03-01, 2025-Q1 "
                         "or a span like 2020/2023)")
    year, month, day, quarter = match.groups()
    year = int(year)
    try:
        if quarter:
            q = int(quarter)
            last_month = 3 * q
            return (date(year, last_month - 2, 1),
                    date(year, last_month, calendar.monthrange(year, last_month)[1]), "quarter")
        if day:
            when = date(year, int(month), int(day))
            return when, when, "day"
        if month:
            m = int(month)
            return date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]), "month"
    except ValueError as error:
        raise ValueError(f"impossible period {text!r}: {error}") from None
    return date(year, 1, 1), date(year, 12, 31), "year"


_DATE_PATTERN = re.compile(
    r"^\s*(?P<year>\d{4})(?:[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?)?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$"
)


def parse_published(value: Any) -> tuple[date | None, str]:
    """A date and its precision: parse_published("2025-02") == (date(2025, 2, 1), "month").

    Accepts YYYY, YYYY-MM, YYYY-MM-DD (with an optional time, which is dropped),
    and YAML's own date and datetime values. Impossible dates (2025-02-30) raise ValueError.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "unknown"
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    match = _DATE_PATTERN.match(value)
    if not match:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match["year"], match["month"], match["day"]
    try:
        if day:
            return date(int(year), int(month), int(day)), "day"
        if month:
            return date(int(year), int(month), 1), "month"
        return date(int(year), 1, 1), "year"
    except ValueError as error:
        raise ValueError(f"impossible date {value.strip()!r}: {error}") from None
