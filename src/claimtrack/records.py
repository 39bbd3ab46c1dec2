"""What reads hand back: a stored claim with the article it comes from.

Pydantic models, because the Python API promises them to analysts (README,
"Python API": ``model_dump()`` into a DataFrame). Listings build them with
``model_construct`` from claimtrack's own rows, where validation would check
nothing; importing pydantic costs `claimtrack claims` about 80 ms of start-up
(benchmarks/startup.py), a price paid for one set of record types rather than
a second, dataclass copy for the command line. ``as_record()`` gives the
JSON-able dict the renderers write.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict


class ArticleRef(BaseModel):
    """The article a stored claim comes from, as claim listings show it."""

    model_config = ConfigDict(frozen=True)

    id: int
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None  # at its stated precision: 2025-02, 2025-02-11
    url: str | None


class StoredClaim(BaseModel):
    """A claim as stored: the extracted fields plus its id, article, origin and review status."""

    model_config = ConfigDict(frozen=True)

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
    # The subject is what the article is mostly about (schemas.Claim.subject_inferred).
    subject_inferred: bool = False
    topic: str | None
    speaker: str | None
    attribution: str | None
    statement: str
    # See schemas.Claim: what tells one fact from another beyond subject and topic.
    measure: str | None = None
    scope: str | None = None
    base: str | None = None
    from_value: float | None = None
    speaker_role: str | None = None
    said_on: date | None = None
    origin: str
    extractor_version: str | None
    curated_file: str | None
    status: str
    notes: str | None
    overridden_by: int | None = None

    def as_record(self) -> dict[str, Any]:
        """The claim as JSON-able values, in field order, its article nested as a dict."""
        return self.model_dump(mode="json")
