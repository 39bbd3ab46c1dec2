"""Pydantic objects that cross boundaries: article metadata and the articles read from files.

These hold no database state; the db layer maps them onto its models.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

# Re-exported for `from claimtrack.schemas import ...`; they live in modules free of
# pydantic so that the read path need not import it.
from claimtrack.periods import (  # noqa: F401
    date_label,
    parse_period,
    parse_published,
    period_label,
)
from claimtrack.records import ArticleRef, StoredClaim  # noqa: F401

LANGUAGES = ("zh-Hans", "zh-Hant", "en")
DATE_PRECISIONS = ("day", "month", "year", "unknown")

# Tags people write, folded to the three claimtrack reads (BCP 47 script subtags).
_LANGUAGE_TAGS = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-hans": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "cmn": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "zh-hant-hk": "zh-Hant",
    "en": "en",
}



class MetaValueError(ValueError):
    """A metadata value that cannot be read; ``key`` says which."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(f"{key}: {message}")


def normalise_language(value: str) -> str:
    """A language tag as claimtrack stores it: normalise_language("zh-CN") == "zh-Hans"."""
    tag = value.strip().replace("_", "-").lower()
    if tag in _LANGUAGE_TAGS:
        return _LANGUAGE_TAGS[tag]
    if tag.startswith("en-"):
        return "en"
    raise ValueError(f"unknown language {value!r}; use one of {', '.join(LANGUAGES)}")


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        # "A and B" stays one name; people list several authors with commas or 、.
        parts = re.split(r"\s*[,;，；、]\s*", value.strip())
        return [part for part in parts if part]
    if isinstance(value, (list, tuple)):
        names = []
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"expected names as text, got {item!r}")
            if item.strip():
                names.append(item.strip())
        return names
    raise ValueError(f"expected a name or a list of names, got {value!r}")


class ArticleMeta(BaseModel):
    """What is known of an article beyond its text. Every field is optional.

    The same model validates sidecar files (NAME.meta.yaml) and command-line
    options; a field left unset (None) means "not stated here".
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    title: str | None = None
    outlet: str | None = None
    authors: list[str] | None = Field(
        default=None, validation_alias=AliasChoices("authors", "author")
    )
    translators: list[str] | None = Field(
        default=None, validation_alias=AliasChoices("translators", "translator")
    )
    published: date | None = Field(default=None, validation_alias=AliasChoices("date", "published"))
    published_precision: str | None = None
    url: str | None = None
    language: str | None = Field(default=None, validation_alias=AliasChoices("lang", "language"))
    # Where the article comes from, as its language tag says (zh-Hant-TW → TW), and
    # the currency a bare 元 means in it (a sidecar's currency: TWD); see
    # claimtrack.extract.locale, which derives the currency from the region.
    region: str | None = None
    currency: str | None = None
    notes: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _region_of_tag(cls, data: Any) -> Any:
        if not isinstance(data, dict) or data.get("region"):
            return data
        tag = data.get("lang", data.get("language"))
        if isinstance(tag, list):
            tag = tag[0] if tag else None
        found = re.search(r"[-_]([A-Za-z]{2})$", tag) if isinstance(tag, str) else None
        if found and not tag.lower().startswith("en"):
            data = {**data, "region": found.group(1).upper()}
        return data

    @field_validator("currency", mode="before")
    @classmethod
    def _currency_code(cls, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
            raise ValueError(f"expected an ISO 4217 code (TWD, HKD, CNY), got {value!r}")
        return value.strip().upper()

    @field_validator("authors", "translators", mode="before")
    @classmethod
    def _names(cls, value: Any) -> list[str] | None:
        return None if value is None else _as_list(value)

    @field_validator("title", "outlet", "url", "notes", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, (str, int, float)):
            raise ValueError(f"expected text, got {type(value).__name__}")
        text = str(value).strip()
        return text or None

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, list):  # front matter often says lang: [zh-CN]
            value = value[0] if value else None
            if value is None:
                return None
        if not isinstance(value, str):
            raise ValueError(f"expected a language tag, got {value!r}")
        return normalise_language(value)

    @field_validator("published_precision")
    @classmethod
    def _precision(cls, value: str | None) -> str | None:
        if value is not None and value not in DATE_PRECISIONS:
            raise ValueError(f"must be one of {', '.join(DATE_PRECISIONS)}")
        return value

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> ArticleMeta:
        """Validate a mapping whose ``date`` may be partial (2025-02) or a YAML date."""
        data = dict(data)
        for key in ("date", "published"):
            if key in data:
                try:
                    published, precision = parse_published(data.pop(key))
                except ValueError as error:
                    raise MetaValueError(key, str(error)) from None
                data["published"] = published
                data.setdefault("published_precision", precision)
        return cls.model_validate(data)

    def stated(self) -> dict[str, Any]:
        """The fields this source states (not None), by field name."""
        return {name: value for name, value in self if value is not None}

    def overlaid_with(self, higher: ArticleMeta) -> ArticleMeta:
        """This metadata with every field ``higher`` states taking precedence."""
        merged = self.stated()
        merged.update(higher.stated())
        if "published" in higher.stated() and "published_precision" not in higher.stated():
            merged.pop("published_precision", None)
        return ArticleMeta.model_validate(merged)


class ArticleFile(BaseModel):
    """An article as read from disk, with its metadata merged from every source."""

    model_config = ConfigDict(frozen=True)

    path: str
    text: str
    body_start: int
    encoding: str
    content_hash: str
    meta: ArticleMeta
    language: str
    # A short first line standing in for a missing title: used only if nothing better is stored.
    guessed_title: str | None = None
    metadata_sources: tuple[str, ...] = ()


class StoredArticle(BaseModel):
    """An article as stored, without its text (listings and JSON output)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str | None
    outlet: str | None
    authors: list[str]
    translators: list[str]
    published: date | None
    published_precision: str
    url: str | None
    language: str
    characters: int
    encoding: str
    content_hash: str
    source_path: str
    ingested_at: datetime

    @classmethod
    def from_model(cls, article: Any) -> StoredArticle:
        """From an ORM Article (enum columns become their plain values)."""
        return cls(
            id=article.id,
            title=article.title,
            outlet=article.outlet,
            authors=list(article.authors or []),
            translators=list(article.translators or []),
            published=article.published,
            published_precision=article.published_precision.value,
            url=article.url,
            language=article.language.value,
            characters=len(article.text),
            encoding=article.encoding,
            content_hash=article.content_hash,
            source_path=article.source_path,
            # SQLite hands times back without their zone; they are stored in UTC.
            ingested_at=article.ingested_at.replace(tzinfo=article.ingested_at.tzinfo or UTC),
        )

    @property
    def published_display(self) -> str:
        """The date at its stated precision: 2025-02 for a month, 2025-02-11 for a day."""
        return date_label(self.published, self.published_precision)


# --- Claims ------------------------------------------------------------------

ClaimKindValue = Literal["money", "percent", "count", "ratio", "duration", "date", "quantity"]
QualifierValue = Literal["exact", "approx", "upper_bound", "lower_bound", "range"]
DirectionValue = Literal["increase", "decrease", "none"]
PrecisionValue = Literal["day", "month", "quarter", "year", "unknown"]
StatementValue = Literal["level", "change", "share", "comparison", "forecast"]


class Claim(BaseModel):
    """One quantitative statement found in a text, at the half-open span [start, end).

    ``text[start:end] == surface`` always. Values are normalised: 558万美元 is
    value 5580000.0, unit "USD", unit_text "美元", precision 10000.0. The
    interval [low, high] is what the wording admits: exact figures have
    low == high == value (their rounding is in ``precision``); 不到600万 is an
    upper_bound with low None and high 6000000; 20多年 is a range [20, 30).

    Units: ISO 4217 codes for money; "%" for percent; "pp" for percentage
    points; "count" for counts (the measure word in unit_text); "day", "week",
    "month", "quarter", "year", "hour" for durations; "times" for multiples
    (3倍) and "fraction" for shares (1/20 → 0.05), both of kind ratio; a
    physical or technical unit ("km", "parameter", "GPU hour", "token") for
    quantities. Dates have kind "date", value None and ``iso`` at their
    stated precision (2025-01, 2025-01-20), their span in period_start/end.
    """

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    surface: str
    sentence: str
    kind: ClaimKindValue
    value: float | None = None
    unit: str | None = None
    unit_text: str | None = None
    qualifier: QualifierValue = "exact"
    low: float | None = None
    high: float | None = None
    precision: float | None = None
    direction: DirectionValue = "none"
    iso: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_precision: PrecisionValue = "unknown"
    # What the figure is about: an entity's canonical name (data/entities.yaml), or
    # a name as written (any script) that the entity data does not list.
    subject: str | None = None
    # True when no words near the figure name its subject and ``subject`` is what the
    # article is mostly about (its title names it, or its claims name it most): a
    # reader's guess, shown as such, which the cross-check never compares as a fact.
    subject_inferred: bool = False
    # The topic key (data/topics.yaml) of what the figure measures.
    topic: str | None = None
    # Who the text attributes the figure to: a canonical entity name when the
    # alias data knows it, else the name as written; the article's author when
    # the text attributes it to nobody and an author is known.
    speaker: str | None = None
    # The attribution phrase as written (据彭博社, 郑永年表示, according to Reuters).
    attribution: str | None = None
    # What kind of statement the figure makes; only statements of one kind are
    # compared: a level (市值3万亿美元), a change (蒸发6000亿美元), a share (GPT-4o的
    # 1/20), a comparison (便宜95%) or a forecast (预计投入800亿美元).
    statement: StatementValue = "level"
    # What tells one fact from another beyond subject and topic. measure: what the
    # figure measures as the text words it (股价, 市值, 训练成本), standing in for a
    # topic the taxonomy lacks; scope: the list or market a ranking or figure is in
    # (美国App Store免费榜); base: what a comparison compares with (是X的3倍 → X), what
    # a change is measured against (同比 → "year on year") or the unit of time a rate
    # is stated per (每天新增50万 → "per day");
    # from_value: for a from→to change (从3200亿元降至2900亿元), the value before
    # (``value`` is the value after); speaker_role: the speaker's role as the text
    # gives it (首席策略师); said_on: when the figure was said, when the text says so.
    measure: str | None = None
    scope: str | None = None
    base: str | None = None
    from_value: float | None = None
    speaker_role: str | None = None
    said_on: date | None = None
    extractor: str = ""


class ComparisonRow(BaseModel):
    """One claim in a comparison table, with its group's reference and its deviation from it."""

    claim: StoredClaim
    group: str
    reference: float | None
    reference_label: str
    deviation: float | None
    conflicting: bool
    interval: str


class ReviewedClaim(BaseModel):
    """A claim a person has reviewed, with what a ClaimReview says about the review."""

    claim: StoredClaim
    article: StoredArticle
    topic_name: str | None  # the topic's English name (training cost)
    speaker_kind: str | None  # the speaker entity's kind; None for a name as written
    reviewer: str | None  # who set the status; None when a curated file did
    reviewed_at: datetime
    note: str | None
