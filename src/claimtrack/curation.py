"""Hand-curated claims in version-controlled YAML files (data/curated/*.yaml).

A curated file names an article (by file name, content hash or URL) and lists
claims, each by the exact text it quotes from the article; claimtrack finds the
quote in the article's text and computes the span. The same format is written
by `claimtrack curate export` and read by `claimtrack curate import`, so hand
changes made from the command line can be committed and replayed.

This module only reads, validates and writes the files; claimtrack.db.review
applies them to a database. Format, as a file's header says it::

    article: {file: 002_a30d2c9fff7fa017.txt}   # or content_hash: ..., or url: ...
    claims:
      - quote: 558万美元          # exact text from the article (required)
        occurrence: 1             # which occurrence in the article's body, when it repeats
        kind: money               # money percent count ratio duration date quantity
        value: 5580000
        unit: USD
        qualifier: exact          # exact approx upper_bound lower_bound range
        statement: level          # level change share comparison forecast
        subject: DeepSeek-V3      # an entity's name (any alias) or null
        subject_name: 智谱        # or: a subject as written that no entity is
        topic: training_cost      # a topic's key (any alias) or null
        measure: 训练成本         # what it measures as written (when no topic fits)
        scope: 美国App Store免费榜  # the list or market a ranking or figure is in
        base: GPT-4o              # what a comparison compares with (是X的3倍 → X)
        from_value: 3200          # the value before a from→to change (value: after)
        period: 2025-03           # 2025, 2025-03, 2025-03-01, 2025-Q1, 2020/2023
        speaker: Hu Yong
        speaker_role: 首席策略师
        said_on: 2025-01-27       # when the figure was said
        status: unreviewed        # unreviewed verified disputed rejected
        note: why this reading

A claim may carry its own ``article`` to put several articles in one file (one
file per topic). Unknown keys are errors naming the file and line.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from claimtrack import yamltext
from claimtrack.errors import InputError
from claimtrack.schemas import parse_period

CURATED_DIR = "curated"
FILE_HEADER = """\
# Hand-curated claims (claimtrack curate import / export). Each claim quotes the
# article's text exactly; claimtrack finds the quote and computes the span.
# Keys: quote, occurrence, kind, value, unit, unit_text, qualifier, low, high,
# precision, direction, statement, iso, period, subject, subject_name, topic, measure,
# scope, base, from_value, speaker, speaker_role, said_on, attribution, status, note,
# article. See claimtrack/curation.py for the format.
"""


class CurationFileError(InputError):
    """A curated file is malformed, or names an article or quote that is not there."""


class ArticleReference(BaseModel):
    """How a curated file names its article: exactly one of file, content_hash, url."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str | None = None
    content_hash: str | None = None
    url: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> ArticleReference:
        given = [name for name in ("file", "content_hash", "url") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("name the article by exactly one of file, content_hash, url")
        return self

    def label(self) -> str:
        return self.file or self.url or f"content hash {self.content_hash}"


class CuratedClaim(BaseModel):
    """One hand-curated claim; unset fields keep their defaults."""

    model_config = ConfigDict(extra="forbid")

    quote: str
    occurrence: int = 1
    article: ArticleReference | None = None
    kind: Literal["money", "percent", "count", "ratio", "duration", "date", "quantity"]
    value: float | None = None
    unit: str | None = None
    unit_text: str | None = None
    qualifier: Literal["exact", "approx", "upper_bound", "lower_bound", "range"] = "exact"
    low: float | None = None
    high: float | None = None
    precision: float | None = None
    direction: Literal["increase", "decrease", "none"] = "none"
    statement: Literal["level", "change", "share", "comparison", "forecast"] = "level"
    iso: str | None = None
    period: str | None = None
    subject: str | None = None
    # A subject no entity in data/entities.yaml is, as written; ``subject`` must name
    # an entity, so that a typo there is an error rather than a new subject.
    subject_name: str | None = None
    topic: str | None = None
    measure: str | None = None
    scope: str | None = None
    base: str | None = None
    from_value: float | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    said_on: date | None = None
    attribution: str | None = None
    status: Literal["unreviewed", "verified", "disputed", "rejected"] = "unreviewed"
    note: str | None = None
    # Where the claim is in its file, for error messages (not a YAML key).
    line: int | None = None

    @field_validator("quote")
    @classmethod
    def _quote_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the quote is empty")
        return value

    @field_validator("occurrence")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("occurrence counts from 1")
        return value

    @field_validator("value", "low", "high", "precision", "from_value")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite number (not NaN or infinity)")
        return value

    @model_validator(mode="after")
    def _counts_are_not_negative(self) -> CuratedClaim:
        if self.subject is not None and self.subject_name is not None:
            raise ValueError("give subject (an entity) or subject_name (a name as written), "
                             "not both")
        if self.kind in ("count", "duration") and any(
                number is not None and number < 0 for number in (self.value, self.low, self.high)):
            raise ValueError(f"a {self.kind} cannot be negative")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low is above high")
        return self

    @field_validator("period", "iso", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return None if value is None else str(value)

    @field_validator("period")
    @classmethod
    def _valid_period(cls, value: str | None) -> str | None:
        if value is not None:
            parse_period(value)
        return value

    def bounds(self) -> tuple[float | None, float | None]:
        """(low, high) as stated, or as the qualifier implies from the value."""
        if self.low is not None or self.high is not None or self.value is None:
            return self.low, self.high
        if self.qualifier == "upper_bound":
            return None, self.value
        if self.qualifier == "lower_bound":
            return self.value, None
        return self.value, self.value

    def period_span(self) -> tuple[date | None, date | None, str]:
        if self.period is None:
            return None, None, "unknown"
        return parse_period(self.period)


class CuratedFile(BaseModel):
    """A whole curated file: an optional article for all its claims, and the claims."""

    model_config = ConfigDict(extra="forbid")

    article: ArticleReference | None = None
    claims: list[CuratedClaim]

    @model_validator(mode="after")
    def _every_claim_has_an_article(self) -> CuratedFile:
        for index, claim in enumerate(self.claims):
            if claim.article is None and self.article is None:
                raise ValueError(f"claims[{index}] names no article (and the file names none)")
        return self

    def article_of(self, claim: CuratedClaim) -> ArticleReference:
        return claim.article or self.article  # type: ignore[return-value]


def curated_paths(path: str | Path) -> list[Path]:
    """The curated files in a folder (sorted), or the one file given."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
    if path.is_file():
        return [path]
    raise CurationFileError(path, "no such file or folder")


def read_curated_file(path: str | Path) -> CuratedFile:
    """Parse and validate one curated file; errors name the file and the line."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CurationFileError(path, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise CurationFileError(path, f"cannot read: {error.strerror or error}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yamltext.load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CurationFileError(path, f"malformed YAML: {getattr(error, 'problem', error)}",
                                line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise CurationFileError(path, "expected a mapping with article and claims", line=1)
    lines = _claim_lines(root)
    claims = data.get("claims")
    for index, claim in enumerate(claims if isinstance(claims, list) else []):
        if isinstance(claim, dict) and index < len(lines):
            claim["line"] = lines[index]
    try:
        return CuratedFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        location = first["loc"]
        line = None
        if len(location) >= 2 and location[0] == "claims" and isinstance(location[1], int):
            line = lines[location[1]] if location[1] < len(lines) else None
        where = ".".join(str(part) for part in location) or "file"
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key"
        raise CurationFileError(path, f"{where}: {message}", line=line) from None


def _claim_lines(root) -> list[int]:
    """The 1-based line of each item of the top-level claims list."""
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "claims" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def find_quote(text: str, quote: str, occurrence: int, body_start: int = 0) -> int | None:
    """Where the n-th occurrence of a quote starts in an article's body, or None.

    Occurrences are counted from ``body_start``: front matter is not the article.
    """
    start = body_start - 1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            return None
    return start


def dump_curated_file(article: dict[str, str], claims: list[dict[str, Any]]) -> str:
    """The YAML text of a curated file, header first, keys in a stable order."""
    import yaml

    body = yaml.safe_dump({"article": article, "claims": claims}, allow_unicode=True,
                          sort_keys=False, width=100)
    return FILE_HEADER + body
