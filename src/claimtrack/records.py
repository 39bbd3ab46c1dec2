"""What reads hand back: a stored claim with the article it comes from.

Frozen dataclasses, not pydantic models: they are built from claimtrack's own
rows, so validation would check nothing, and keeping pydantic off the read path
makes `claimtrack claims` start about 80 ms sooner (benchmarks/startup.py).
``as_record()`` gives the JSON-able dict the renderers write.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any


@dataclass(frozen=True)
class ArticleRef:
    """The article a stored claim comes from, as claim listings show it."""

    id: int
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None  # at its stated precision: 2025-02, 2025-02-11
    url: str | None


@dataclass(frozen=True)
class StoredClaim:
    """A claim as stored: the extracted fields plus its id, article, origin and review status."""

    id: int
    article: ArticleRef
    surface: str
    sentence: str
    start: int
    end: int
    value: float | None
    unit: str | None
    unit_text: str | None
    kind: str
    qualifier: str
    low: float | None
    high: float | None
    precision: float | None
    direction: str
    iso: str | None
    period_start: date | None
    period_end: date | None
    period_precision: str
    subject: str | None
    topic: str | None
    speaker: str | None
    attribution: str | None
    statement: str
    origin: str
    extractor_version: str | None
    curated_file: str | None
    status: str
    notes: str | None
    overridden_by: int | None = None

    def as_record(self) -> dict[str, Any]:
        """The claim as JSON-able values, in field order, its article nested as a dict."""
        record = {field.name: getattr(self, field.name) for field in fields(self)}
        record["article"] = {field.name: getattr(self.article, field.name)
                             for field in fields(self.article)}
        for name in ("period_start", "period_end"):
            if record[name] is not None:
                record[name] = record[name].isoformat()
        return record
