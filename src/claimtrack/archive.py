"""The export file `claimtrack export all` writes and `claimtrack import` reads back.

An export holds everything needed to rebuild a database's claims in an empty one:
the topics and entities claims name, the articles with their full text and
metadata, every claim (hidden, overridden ones too) with its span, review status,
curated origin and override link, and the review log. Ids are kept, so that
claim 76 is claim 76 after the import. Records come in that order, each section
after the ones it refers to. Three formats, one record shape (the models below):

- ``jsonl``: a header line ``{"record": "header", "format": "claimtrack-export",
  "version": 1, ...}``, then one record per line with its ``"record"`` kind
  (topic, entity, article, claim, review);
- ``json``: one object ``{"format", "version", "claimtrack", "topics": [...],
  "entities": [...], "articles": [...], "claims": [...], "reviews": [...]}``;
- ``csv``: a folder with ``claimtrack-export.json`` (the header) and one file per
  section (``topics.csv`` ...). Lists are JSON text in their cell; an empty cell
  is null; a text cell that starts with ``= + - @ '`` or a tab gets a ``'``
  prefixed, so that spreadsheets never run it as a formula, and the import takes
  it off again.

This module only writes and reads files (no database); errors name the file and
the line (json: the section and index). jsonl and csv are read a record at a
time; a json export is parsed whole, so jsonl is the format for big databases.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, TextIO

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from claimtrack.errors import InputError
from claimtrack.schemas import (
    LANGUAGES,
    ClaimKindValue,
    DirectionValue,
    PrecisionValue,
    QualifierValue,
    StatementValue,
)

FORMAT_NAME = "claimtrack-export"
FORMAT_VERSION = 1
ARCHIVE_FORMATS = ("jsonl", "json", "csv")
CSV_HEADER_FILE = "claimtrack-export.json"

StatusValue = Literal["unreviewed", "verified", "disputed", "rejected"]
EntityKindValue = Literal["person", "organisation", "product", "place", "other"]


class ArchiveError(InputError):
    """An export file that cannot be imported; names the file and the line or record."""


def _utc(value: datetime) -> datetime:
    # SQLite hands times back without their zone; claimtrack stores them in UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TopicRecord(_Record):
    key: str
    name: str
    name_zh: str | None = None
    kind: ClaimKindValue | None = None
    description: str | None = None
    aliases: list[str] = []


class EntityRecord(_Record):
    name: str
    name_zh: str | None = None
    kind: EntityKindValue
    part_of: str | None = None
    aliases: list[str] = []


class ArticleRecord(_Record):
    id: int
    title: str | None
    outlet: str | None
    authors: list[str]
    translators: list[str]
    published: date | None
    published_precision: PrecisionValue
    url: str | None
    language: Literal[LANGUAGES]  # type: ignore[valid-type]
    text: str
    body_start: int
    content_hash: str
    encoding: str
    source_path: str
    notes: str | None
    ingested_at: datetime
    updated_at: datetime

    _times = field_validator("ingested_at", "updated_at")(_utc)


class ClaimRecord(_Record):
    id: int
    article_id: int
    start: int
    end: int
    surface: str
    sentence: str
    subject: str | None  # an entity's canonical name
    topic: str | None  # a topic's key
    kind: ClaimKindValue
    value: float | None
    unit: str | None
    unit_text: str | None
    qualifier: QualifierValue
    low: float | None
    high: float | None
    precision: float | None
    direction: DirectionValue
    iso: str | None
    period_start: date | None
    period_end: date | None
    period_precision: PrecisionValue
    speaker: str | None  # an entity's canonical name
    speaker_name: str | None  # the speaker as written, when no entity is that speaker
    attribution: str | None
    statement: StatementValue
    overridden_by: int | None
    # Added in claimtrack's schema 0005; an export made before has none of them.
    subject_name: str | None = None  # the subject as written, when no entity is the subject
    measure: str | None = None
    scope: str | None = None
    base: str | None = None
    from_value: float | None = None
    speaker_role: str | None = None
    said_on: date | None = None
    # Added in schema 0008; an export made before has none.
    subject_inferred: bool = False
    origin: Literal["extracted", "curated"]
    extractor_version: str | None
    curated_file: str | None
    status: StatusValue
    notes: str | None
    created_at: datetime
    updated_at: datetime

    _times = field_validator("created_at", "updated_at")(_utc)


class ReviewRecord(_Record):
    id: int
    claim_id: int
    field: str
    old_value: str | None  # JSON text, as the review log stores it
    new_value: str | None
    reviewer: str | None
    note: str | None
    at: datetime

    _times = field_validator("at")(_utc)


# Section name, the record kind a JSONL line names, the model; in the order they come.
SECTIONS: tuple[tuple[str, str, type[_Record]], ...] = (
    ("topics", "topic", TopicRecord),
    ("entities", "entity", EntityRecord),
    ("articles", "article", ArticleRecord),
    ("claims", "claim", ClaimRecord),
    ("reviews", "review", ReviewRecord),
)
_BY_KIND = {kind: (index, section, model) for index, (section, kind, model) in
            enumerate(SECTIONS)}


def header(claimtrack_version: str) -> dict[str, Any]:
    """What an export says about itself."""
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "claimtrack": claimtrack_version,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds")}


# --- Writing ----------------------------------------------------------------------

Sections = Iterable[tuple[str, Iterable[_Record]]]


def write_jsonl(sections: Sections, out: TextIO, about: dict[str, Any]) -> dict[str, int]:
    """Write the header line, then one record per line; returns the count per section."""
    out.write(_dumps({"record": "header", **about}) + "\n")
    counts = {}
    kinds = {section: kind for section, kind, _ in SECTIONS}
    for section, records in sections:
        counts[section] = 0
        for record in records:
            out.write(_dumps({"record": kinds[section], **record.model_dump(mode="json")}) + "\n")
            counts[section] += 1
    return counts


def write_json(sections: Sections, out: TextIO, about: dict[str, Any]) -> dict[str, int]:
    """Write one JSON object, a record per line inside each section's list."""
    out.write("{" + ", ".join(f"{_dumps(k)}: {_dumps(v)}" for k, v in about.items()))
    counts = {}
    for section, records in sections:
        counts[section] = 0
        out.write(f",\n{_dumps(section)}: [")
        for record in records:
            out.write(("\n" if not counts[section] else ",\n") +
                      _dumps(record.model_dump(mode="json")))
            counts[section] += 1
        out.write("\n]" if counts[section] else "]")
    out.write("\n}\n")
    return counts


def write_csv(sections: Sections, folder: Path, about: dict[str, Any]) -> dict[str, int]:
    """Write the header file and one CSV file per section into a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CSV_HEADER_FILE).write_text(json.dumps(about, indent=2) + "\n", encoding="utf-8")
    models = {section: model for section, _, model in SECTIONS}
    counts = {}
    for section, records in sections:
        fields = list(models[section].model_fields)
        counts[section] = 0
        # newline="": the csv module writes its own line ends (and keeps \n inside cells).
        with open(folder / f"{section}.csv", "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(fields)
            for record in records:
                values = record.model_dump(mode="json")
                writer.writerow([_csv_cell(values[name]) for name in fields])
                counts[section] += 1
    return counts


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# Cells a spreadsheet would run as a formula, and the quote that marks an escaped cell.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def _csv_cell(value: Any) -> str:
    """A value as a reversible, formula-safe CSV cell (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return _dumps(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return str(value)  # numbers: repr, which reads back exactly


def _from_csv_cell(cell: str, *, nullable: bool, is_list: bool) -> Any:
    if is_list:
        return json.loads(cell) if cell else []
    if cell == "":
        return None if nullable else ""
    if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell


# --- Reading ----------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a record was read: the file and its line, or its section and index."""

    path: str
    line: int | None = None
    label: str | None = None

    def error(self, reason: str) -> ArchiveError:
        return ArchiveError(self.path, f"{self.label}: {reason}" if self.label else reason,
                            line=self.line)


def detect_format(path: Path) -> str:
    """csv for a folder; jsonl when the first line is a whole record; else json."""
    if path.is_dir():
        return "csv"
    if not path.exists():
        raise ArchiveError(path, "no such file or folder")
    with open(path, encoding="utf-8-sig", errors="replace") as stream:
        first = stream.readline()
    try:
        parsed = json.loads(first)
    except ValueError:
        return "json"
    return "jsonl" if isinstance(parsed, dict) and "record" in parsed else "json"


def read_archive(path: str | Path) -> Iterator[tuple[str, _Record, Place]]:
    """Every record of an export as (section, record, place), sections in order.

    Raises ArchiveError naming the file and line (or section and index) for
    anything malformed: bad JSON, another format or version, an unknown or
    missing field, a value of the wrong kind, records out of order.
    """
    path = Path(path)
    readers = {"jsonl": _read_jsonl, "json": _read_json, "csv": _read_csv}
    yield from readers[detect_format(path)](path)


def _check_header(about: Any, place: Place) -> None:
    if not isinstance(about, dict) or about.get("format") != FORMAT_NAME:
        raise place.error(f"not a claimtrack export (no \"format\": \"{FORMAT_NAME}\" header)")
    if about.get("version") != FORMAT_VERSION:
        raise place.error(f"export format version {about.get('version')!r}; this claimtrack "
                          f"reads version {FORMAT_VERSION}")


def _validated(model: type[_Record], data: Any, place: Place) -> _Record:
    if not isinstance(data, dict):
        raise place.error(f"expected an object, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "record"
        identity = data.get("id", data.get("key", data.get("name")))
        what = f"{model.__name__.removesuffix('Record').lower()} {identity}: " \
            if identity is not None else ""
        raise place.error(f"{what}{where}: {first['msg']}") from None


def _read_jsonl(path: Path) -> Iterator[tuple[str, _Record, Place]]:
    position = -1
    with open(path, encoding="utf-8-sig") as stream:
        seen_header = False
        for number, line in enumerate(stream, start=1):
            place = Place(str(path), number)
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except ValueError as error:
                raise place.error(f"not JSON: {error}") from None
            kind = data.pop("record", None) if isinstance(data, dict) else None
            if not seen_header:
                if kind != "header":
                    raise place.error("the first line must be the export's header record")
                _check_header(data, place)
                seen_header = True
                continue
            if kind not in _BY_KIND:
                raise place.error(f"unknown record kind {kind!r} (expected one of "
                                  f"{', '.join(_BY_KIND)})")
            index, section, model = _BY_KIND[kind]
            if index < position:
                raise place.error(f"a {kind} record after {SECTIONS[position][0]}: records "
                                  "must come in the order topics, entities, articles, "
                                  "claims, reviews")
            position = index
            yield section, _validated(model, data, place), place
    if not seen_header:
        raise ArchiveError(path, "empty file: not a claimtrack export")


def _read_json(path: Path) -> Iterator[tuple[str, _Record, Place]]:
    try:
        with open(path, encoding="utf-8-sig") as stream:
            document = json.load(stream)
    except json.JSONDecodeError as error:
        raise ArchiveError(path, f"not JSON: {error.msg}", line=error.lineno) from None
    except UnicodeDecodeError as error:
        raise ArchiveError(path, f"not UTF-8 text (byte {error.start})") from None
    _check_header(document, Place(str(path)))
    known = {section for section, _, _ in SECTIONS} | {"format", "version", "claimtrack",
                                                       "exported_at"}
    unknown = sorted(set(document) - known)
    if unknown:
        raise ArchiveError(path, f"unknown key {unknown[0]!r} in the export")
    for section, _, model in SECTIONS:
        records = document.get(section, [])
        if not isinstance(records, list):
            raise ArchiveError(path, f"{section} must be a list")
        for index, data in enumerate(records):
            place = Place(str(path), label=f"{section}[{index}]")
            yield section, _validated(model, data, place), place


def _read_csv(folder: Path) -> Iterator[tuple[str, _Record, Place]]:
    header_file = folder / CSV_HEADER_FILE
    if not header_file.is_file():
        raise ArchiveError(folder, f"not a claimtrack export folder (no {CSV_HEADER_FILE})")
    try:
        about = json.loads(header_file.read_text(encoding="utf-8-sig"))
    except ValueError as error:
        raise ArchiveError(header_file, f"not JSON: {error}") from None
    _check_header(about, Place(str(header_file)))
    for section, _, model in SECTIONS:
        path = folder / f"{section}.csv"
        if not path.is_file():
            raise ArchiveError(path, "missing from the export folder")
        yield from _read_csv_section(path, section, model)


def _read_csv_section(path: Path, section: str,
                      model: type[_Record]) -> Iterator[tuple[str, _Record, Place]]:
    fields = model.model_fields
    shapes = {name: (_nullable(info.annotation), _is_list(info.annotation))
              for name, info in fields.items()}
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        columns = next(reader, None)
        # Columns a field with a default may lack (an export made before the field).
        expected = [name for name in fields if name in (columns or []) or
                    fields[name].is_required()]
        if columns != expected:
            missing = [name for name in expected if name not in (columns or [])]
            extra = [name for name in columns or [] if name not in fields]
            reason = (f"missing column {missing[0]!r}" if missing else
                      f"unknown column {extra[0]!r}" if extra else "columns out of order")
            raise ArchiveError(path, reason, line=1)
        line = reader.line_num
        for row in reader:
            place = Place(str(path), line + 1)
            line = reader.line_num
            if len(row) != len(columns):
                raise place.error(f"{len(row)} cells, expected {len(columns)}")
            try:
                data = {name: _from_csv_cell(cell, nullable=shapes[name][0],
                                             is_list=shapes[name][1])
                        for name, cell in zip(columns, row, strict=True)}
            except ValueError as error:
                raise place.error(f"a list cell is not JSON: {error}") from None
            yield section, _validated(model, data, place), place


def _nullable(annotation: Any) -> bool:
    return type(None) in getattr(annotation, "__args__", ())


def _is_list(annotation: Any) -> bool:
    return getattr(annotation, "__origin__", None) is list
