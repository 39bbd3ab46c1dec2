"""Output renderers keyed by format name: one --format option on every listing command.

A renderer takes records (dicts of JSON-able values), the columns to show and a
writable text stream; "table" draws with rich. A new format is one function
and one entry in RENDERERS.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TextIO


@dataclass(frozen=True)
class Column:
    """One output column: the record key, its heading, and table hints."""

    key: str
    heading: str
    max_width: int | None = None
    justify: str = "left"


Record = dict[str, Any]
Renderer = Callable[[Sequence[Record], Sequence[Column], TextIO], None]

# Spreadsheets run cells that start with these as formulas.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def render_json(records: Sequence[Record], columns: Sequence[Column], out: TextIO) -> None:
    json.dump(list(records), out, ensure_ascii=False, indent=2, default=_jsonable)
    out.write("\n")


def render_jsonl(records: Sequence[Record], columns: Sequence[Column], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=_jsonable) + "\n")


def csv_cell(value: Any) -> str:
    """A value as a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(item) for item in value)
    elif isinstance(value, (date, datetime)):
        value = value.isoformat()
    text = str(value)
    if text.startswith(_FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_csv(records: Sequence[Record], columns: Sequence[Column], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.key for column in columns])
    for record in records:
        writer.writerow([csv_cell(record.get(column.key)) for column in columns])


def table_cell(value: Any) -> str:
    """A value as text for a terminal table."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return f"{int(value):,}"
        return f"{value:,.6g}"
    return str(value)


def render_table(
    records: Sequence[Record], columns: Sequence[Column], out: TextIO, title: str | None = None
) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=out)
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(
            column.heading, max_width=column.max_width, justify=column.justify, overflow="fold"
        )
    for record in records:
        table.add_row(*(escape(table_cell(record.get(column.key))) for column in columns))
    console.print(table)


RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "json": render_json,
    "jsonl": render_jsonl,
    "csv": render_csv,
}


def render(
    fmt: str, records: Sequence[Record], columns: Sequence[Column], out: TextIO
) -> None:
    """Write records in the named format."""
    RENDERERS[fmt](records, columns, out)
