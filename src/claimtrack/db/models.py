"""The claim database schema: SQLAlchemy 2.0 typed declarative models.

Portable by construction: enumerations are stored as short strings with named
CHECK constraints (no native ENUM types), lists as JSON, times as UTC. The
naming convention gives every constraint a stable name, which SQLite batch
migrations need to find them again.

Migrations are written from these models (alembic/versions); a test checks that
Alembic's autogenerate finds no difference between the two.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- Enumerations -----------------------------------------------------------
# Values are what the database stores and what JSON output shows.


class DatePrecision(enum.StrEnum):
    """How much of a date the source states."""

    day = "day"
    month = "month"
    quarter = "quarter"
    year = "year"
    unknown = "unknown"


class Script(enum.StrEnum):
    """Language and script of a text (BCP 47 tags)."""

    zh_hans = "zh-Hans"
    zh_hant = "zh-Hant"
    en = "en"


class EntityKind(enum.StrEnum):
    person = "person"
    organisation = "organisation"
    product = "product"
    place = "place"
    other = "other"


class ClaimKind(enum.StrEnum):
    money = "money"
    percent = "percent"
    count = "count"
    ratio = "ratio"
    duration = "duration"
    date = "date"
    quantity = "quantity"


class Qualifier(enum.StrEnum):
    """How the figure bounds the true value; low/high hold the interval."""

    exact = "exact"
    approx = "approx"
    upper_bound = "upper_bound"
    lower_bound = "lower_bound"
    range = "range"


class Direction(enum.StrEnum):
    increase = "increase"
    decrease = "decrease"
    none = "none"


class Statement(enum.StrEnum):
    """What kind of statement a figure makes; only like statements are compared."""

    level = "level"
    change = "change"
    share = "share"
    comparison = "comparison"
    forecast = "forecast"


class Origin(enum.StrEnum):
    extracted = "extracted"
    curated = "curated"


class ReviewStatus(enum.StrEnum):
    unreviewed = "unreviewed"
    verified = "verified"
    disputed = "disputed"
    rejected = "rejected"


class IngestState(enum.StrEnum):
    """Where one file of a shared ingest stands."""

    pending = "pending"
    done = "done"
    failed = "failed"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # VARCHAR plus a named CHECK constraint: the same on SQLite and PostgreSQL,
    # and a new value is a plain migration instead of ALTER TYPE.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


# --- Tables -----------------------------------------------------------------


class Article(Base):
    """One text as read from a file; the same text is one article whatever its path."""

    __tablename__ = "article"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    translators: Mapped[list[str]] = mapped_column(JSON, default=list)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    published_precision: Mapped[DatePrecision] = mapped_column(
        _enum(DatePrecision, "date_precision"), default=DatePrecision.unknown
    )
    url: Mapped[str | None] = mapped_column(String(2000))
    language: Mapped[Script] = mapped_column(_enum(Script, "script"))
    # The decoded file exactly as read (front matter included); claim spans index it.
    text: Mapped[str] = mapped_column(Text)
    # Where the article body starts (after front matter): extraction skips what precedes it.
    body_start: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    encoding: Mapped[str] = mapped_column(String(20))
    source_path: Mapped[str] = mapped_column(String(1000))
    notes: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )

    claims: Mapped[list[Claim]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class Entity(Base):
    """A person, organisation, product, place or other thing a claim is about or from."""

    __tablename__ = "entity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_zh: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[EntityKind] = mapped_column(_enum(EntityKind, "entity_kind"))
    # A related, larger entity (DeepSeek-V3 is part of DeepSeek): never merged silently.
    part_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="SET NULL"), index=True
    )

    aliases: Mapped[list[EntityAlias]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", passive_deletes=True
    )
    part_of: Mapped[Entity | None] = relationship(remote_side=[id])


class EntityAlias(Base):
    """One way of writing an entity's name, in any script."""

    __tablename__ = "entity_alias"
    __table_args__ = (UniqueConstraint("entity_id", "alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))
    # Script-folded, case-folded form (claimtrack.lang.hanzi.alias_key) for lookups.
    alias_key: Mapped[str] = mapped_column(String(200), index=True)

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class Topic(Base):
    """What a figure measures (training_cost, downloads, ...)."""

    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[ClaimKind | None] = mapped_column(_enum(ClaimKind, "topic_kind"))
    description: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[TopicAlias]] = relationship(
        back_populates="topic", cascade="all, delete-orphan", passive_deletes=True
    )


class TopicAlias(Base):
    """One way of naming a topic, in any script."""

    __tablename__ = "topic_alias"
    __table_args__ = (UniqueConstraint("topic_id", "alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))
    alias_key: Mapped[str] = mapped_column(String(200), index=True)

    topic: Mapped[Topic] = relationship(back_populates="aliases")


class Claim(Base):
    """One quantitative statement in one article, at one span of its text."""

    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint("span_start >= 0 AND span_end >= span_start", name="span_order"),
        CheckConstraint(
            "low IS NULL OR high IS NULL OR low <= high", name="bounds_order"
        ),
        # Covering index for grouping by fact: subject, topic, then the value.
        Index("ix_claim_subject_topic_value", "subject_id", "topic_id", "value"),
        Index("ix_claim_topic_subject", "topic_id", "subject_id"),
        # `claims --topic T` in article order: the first rows come straight off the index.
        Index("ix_claim_topic_article_span", "topic_id", "article_id", "span_start"),
        Index("ix_claim_period", "period_start", "period_end"),
        Index("ix_claim_article_span", "article_id", "span_start"),
        # `topics` and `entities` count the visible claims from these alone (migration 0007).
        Index("ix_claim_topic_visible", "topic_id", "overridden_by_id", "article_id", "span_start"),
        Index("ix_claim_subject_visible", "subject_id", "overridden_by_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    # Half-open [span_start, span_end) into article.text, in Python string indices.
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)

    subject_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id", ondelete="SET NULL"))
    # The subject as written when no entity in the taxonomy is that subject (open
    # vocabulary: the extractor names companies data/entities.yaml does not list).
    subject_name: Mapped[str | None] = mapped_column(String(200))
    # The subject folded (claimtrack.lang.hanzi.alias_key of the entity's name, else of
    # subject_name): 辉达 and 輝達 written by two sources are one subject for lookups.
    subject_key: Mapped[str | None] = mapped_column(String(200), index=True)
    # True when the subject is what the article is mostly about, not a name the words
    # near the figure give (schemas.Claim.subject_inferred): never compared as a fact.
    subject_inferred: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false())
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id", ondelete="SET NULL"))

    kind: Mapped[ClaimKind] = mapped_column(_enum(ClaimKind, "claim_kind"))
    value: Mapped[float | None] = mapped_column(Float)
    # ISO 4217 for money, "%" for percent, "count", "day"/"month"/"year", or a physical unit.
    unit: Mapped[str | None] = mapped_column(String(32))
    # The measure word or currency as written (次, 美元, downloads).
    unit_text: Mapped[str | None] = mapped_column(String(64))
    qualifier: Mapped[Qualifier] = mapped_column(
        _enum(Qualifier, "qualifier"), default=Qualifier.exact
    )
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    # The step the figure is stated to (558万 → 10000); the cross-check needs it.
    precision: Mapped[float | None] = mapped_column(Float)
    direction: Mapped[Direction] = mapped_column(
        _enum(Direction, "direction"), default=Direction.none
    )
    # For date claims: the date as stated, ISO 8601 at its precision (2025-01, 2025-01-20).
    iso: Mapped[str | None] = mapped_column(String(32))

    # The period the figure refers to (March 2025 → 2025-03-01 .. 2025-03-31).
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    period_precision: Mapped[DatePrecision] = mapped_column(
        _enum(DatePrecision, "period_precision"), default=DatePrecision.unknown
    )

    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="SET NULL"), index=True
    )
    # The attribution as written (据彭博社, 郑永年表示, according to Reuters).
    attribution: Mapped[str | None] = mapped_column(String(500))
    statement: Mapped[Statement] = mapped_column(
        _enum(Statement, "statement"), default=Statement.level
    )
    # The speaker as written when no entity in the taxonomy is that speaker.
    speaker_name: Mapped[str | None] = mapped_column(String(200))
    # What the figure measures as the text words it (股价, 训练成本), for claims whose
    # topic the taxonomy does not know; the list or market a figure is in (美国App
    # Store免费榜); what a comparison compares with (是X的3倍 → X).
    measure: Mapped[str | None] = mapped_column(String(200))
    scope: Mapped[str | None] = mapped_column(String(200))
    base: Mapped[str | None] = mapped_column(String(200))
    # For a change from one value to another (从3200亿元降至2900亿元): the value before;
    # ``value`` is the value after.
    from_value: Mapped[float | None] = mapped_column(Float)
    # The speaker's role when the text gives it (首席策略师), and when the figure was said.
    speaker_role: Mapped[str | None] = mapped_column(String(200))
    said_on: Mapped[date | None] = mapped_column(Date)
    # The sentence folded for search: simplified script, lower case (see
    # claimtrack.lang.hanzi.alias_key), so 英伟达 finds a sentence written 輝達.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # A claim another claim overrides: an extracted claim a curated one replaces,
    # or a re-extraction of a claim a person has reviewed. Hidden from queries.
    overridden_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim.id", ondelete="SET NULL"), index=True
    )

    origin: Mapped[Origin] = mapped_column(_enum(Origin, "origin"), default=Origin.extracted)
    extractor_version: Mapped[str | None] = mapped_column(String(64))
    curated_file: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[ReviewStatus] = mapped_column(
        _enum(ReviewStatus, "review_status"), default=ReviewStatus.unreviewed, index=True
    )
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )

    article: Mapped[Article] = relationship(back_populates="claims")
    subject: Mapped[Entity | None] = relationship(foreign_keys=[subject_id])
    speaker: Mapped[Entity | None] = relationship(foreign_keys=[speaker_id])
    topic: Mapped[Topic | None] = relationship()
    reviews: Mapped[list[ReviewLog]] = relationship(
        back_populates="claim", order_by="ReviewLog.id", passive_deletes=True
    )


class ReviewLog(Base):
    """Append-only record of one hand change to a claim; never updated or deleted."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(64))
    # Values are JSON-encoded so that numbers, dates and nulls survive the round trip.
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    claim: Mapped[Claim] = relationship(back_populates="reviews")


class CrosscheckPair(Base):
    """One pair of the last saved cross-check (`claimtrack conflicts --save`).

    Verdicts are computed in Python (intervals, exchange rates), so a database
    browser sees them only once saved: the table holds the groups the last
    `--save` run showed, every pair of each, and is replaced whole by the next.
    The view conflict_pairs joins it to readable names.
    """

    __tablename__ = "crosscheck_pair"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The group's position in that run's output, so its pairs can be read together.
    group_number: Mapped[int] = mapped_column(Integer, index=True)
    group_subject: Mapped[str] = mapped_column(String(500))
    group_topic: Mapped[str] = mapped_column(String(100))
    group_statement: Mapped[str] = mapped_column(String(16))
    group_unit: Mapped[str] = mapped_column(String(100))
    group_period: Mapped[str | None] = mapped_column(String(200))
    group_verdict: Mapped[str] = mapped_column(String(32))
    claim_a_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), index=True
    )
    claim_b_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), index=True
    )
    verdict: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    gap: Mapped[float] = mapped_column(Float)
    rate: Mapped[str | None] = mapped_column(String(200))
    tolerance: Mapped[float] = mapped_column(Float)
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class IngestItem(Base):
    """One file of a shared ingest (`claimtrack ingest --queue NAME`), for N processes at once.

    Every process adds the paths it was given (once per queue and path), then
    takes pending items with SELECT ... FOR UPDATE SKIP LOCKED and stores their
    articles in the transaction that holds those row locks, marking them done
    there too: an item is done exactly when its article is stored, and the
    locks of a killed process die with its connection (claimtrack.db.workqueue).
    """

    __tablename__ = "ingest_item"
    __table_args__ = (
        UniqueConstraint("queue", "path"),
        # The claim query: a queue's pending items, lowest id first.
        Index("ix_ingest_item_queue_state_id", "queue", "state", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    queue: Mapped[str] = mapped_column(String(200))
    # The path as the processes walk it: every machine must see the files at the same path.
    path: Mapped[str] = mapped_column(String(1000))
    state: Mapped[IngestState] = mapped_column(
        _enum(IngestState, "ingest_state"), default=IngestState.pending
    )
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="SET NULL"), index=True
    )
    # host:pid of the process that finished the item, and why a file could not be read.
    worker: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


#: Tables the models do not describe: SQLite's full-text index on claims (an
#: FTS5 virtual table and the tables FTS5 keeps for it), made by migration 0004.
FULLTEXT_TABLE = "claim_fts"


def is_modelled(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic's include_name hook: leave the full-text index's tables out of comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(FULLTEXT_TABLE))
