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

# A terminal table shows at most this many rows and says how many it leaves out: rich
# draws about a row a millisecond, and 40,000 rows are no table to read. The other
# formats write every row.
TABLE_MAX_ROWS = 200

# Spreadsheets run cells that start with these as formulas.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_json(value: Any, out: TextIO, default: Callable | None = None) -> None:
    """``json.dump(value, out, ensure_ascii=False, indent=2)``, byte for byte, faster.

    json.dump with an indent runs the pure-Python encoder and writes every token
    to the stream (8.7 million writes for a 60 MB comparison). Here each list or
    dict is encoded in one call of json's C encoder, given the indented item
    separator of its level as its separator, with a placeholder for each list or
    dict inside it; those are encoded the same way and put in the placeholders'
    places (tests/test_formats.py holds the output to json.dump's). The document
    is written a top-level item at a time.
    """
    _Indented(default).write(value, out)


_INDENT = 2
_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)  # exact types: a quicker test (subclasses go the long way)
# Stands for a nested list or dict while its container is encoded: json escapes its
# control characters, and a text that happened to hold it would be seen (one part too
# many) and the container written by json itself.
_PLACE = "\x00\x01claimtrack-nested\x01\x00"


class _Indented:
    """json.dumps(indent=2, ensure_ascii=False, default=default), a container per C call."""

    def __init__(self, default: Callable | None) -> None:
        self.default = default
        self.encoders: dict[int, Callable[[Any], str]] = {}
        self.place = json.dumps(_PLACE)

    def write(self, value: Any, out: TextIO) -> None:
        if isinstance(value, (list, tuple)) and value and \
                not any(isinstance(item, _SCALARS) for item in value):
            out.write("[\n" + " " * _INDENT)  # a list of records: one record at a time
            for number, item in enumerate(value):
                if number:
                    out.write(",\n" + " " * _INDENT)
                out.write(self.text(item, 1))
            out.write("\n]")
            return
        out.write(self.text(value, 0))

    def encoder(self, level: int) -> Callable[[Any], str]:
        """The C encoder (no indent) with the indented item separator of ``level``."""
        encode = self.encoders.get(level)
        if encode is None:
            inner = "\n" + " " * (_INDENT * (level + 1))
            encode = self.encoders[level] = json.JSONEncoder(
                ensure_ascii=False, separators=("," + inner, ": "), default=self.default).encode
        return encode

    def text(self, value: Any, level: int) -> str:
        """``value`` as json.dumps(indent=2) writes it at nesting ``level``."""
        if isinstance(value, _SCALARS):
            return json.dumps(value, ensure_ascii=False)
        if not isinstance(value, (list, tuple, dict)):
            if self.default is None:
                raise TypeError(f"Object of type {value.__class__.__name__} "
                                "is not JSON serializable")
            return self.text(self.default(value), level)
        if not value:
            return "{}" if isinstance(value, dict) else "[]"
        encode = self.encoder(level)
        if isinstance(value, dict):
            nested = [item for item in value.values() if item.__class__ not in _SCALAR_TYPES]
            flat = {key: item if item.__class__ in _SCALAR_TYPES else _PLACE
                    for key, item in value.items()} if nested else value
        else:
            nested = [item for item in value if item.__class__ not in _SCALAR_TYPES]
            flat = [item if item.__class__ in _SCALAR_TYPES else _PLACE
                    for item in value] if nested else value
        encoded = encode(flat)
        if nested:
            parts = encoded.split(self.place)
            if len(parts) != len(nested) + 1:  # the placeholder was in a text: json itself
                return json.dumps(value, ensure_ascii=False, indent=_INDENT,
                                  default=self.default).replace(
                                      "\n", "\n" + " " * (_INDENT * level))
            pieces = [parts[0]]
            for item, part in zip(nested, parts[1:], strict=True):
                pieces.append(self.text(item, level + 1))
                pieces.append(part)
            encoded = "".join(pieces)
        return (encoded[0] + "\n" + " " * (_INDENT * (level + 1)) + encoded[1:-1] + "\n" +
                " " * (_INDENT * level) + encoded[-1])


def render_json(records: Sequence[Record], columns: Sequence[Column], out: TextIO) -> None:
    write_json(list(records), out, default=_jsonable)
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
    records: Sequence[Record], columns: Sequence[Column], out: TextIO, title: str | None = None,
    *, total: int | None = None,
) -> None:
    """A rich table of the first TABLE_MAX_ROWS records, then a line saying how many more
    there are (``total``: all the rows, when the caller made records only for the first)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=out)
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(
            column.heading, max_width=column.max_width, justify=column.justify, overflow="fold"
        )
    shown = records[:TABLE_MAX_ROWS]
    for record in shown:
        table.add_row(*(escape(table_cell(record.get(column.key))) for column in columns))
    console.print(table)
    more = (len(records) if total is None else total) - len(shown)
    if more > 0:
        console.print(more_rows_note(more, "row"), highlight=False, markup=False)


def more_rows_note(more: int, what: str) -> str:
    """The line under a table that leaves rows out."""
    return (f"… and {more:,} more {what}{'' if more == 1 else 's'} (a table shows the first "
            f"{TABLE_MAX_ROWS:,}); --format csv, json or jsonl writes them all")


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
