"""Database rows to export records and back (`claimtrack export all` / `claimtrack import`).

Functions take a session and never commit: the caller makes a whole import one
transaction, so a bad record anywhere leaves the database as it was. The file
format itself is claimtrack.archive.

Articles, claims and reviews go through SQLAlchemy Core, not ORM objects: an
export streams rows without building (and expunging) an object per row, and an
import inserts batches with every column given (the ORM's bulk insert leaves
out None values, splitting a batch into one statement per pattern of nulls).
Together that is several times faster.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from claimtrack.archive import (
    ArticleRecord,
    ClaimRecord,
    EntityRecord,
    Place,
    ReviewRecord,
    TopicRecord,
)
from claimtrack.db.claims import Names
from claimtrack.db.models import (
    Article,
    Entity,
    EntityAlias,
    EntityKind,
    ReviewLog,
    Topic,
    TopicAlias,
)
from claimtrack.db.models import Claim as ClaimRow
from claimtrack.errors import ClaimtrackError
from claimtrack.lang.hanzi import alias_key

BATCH = 500


class DatabaseNotEmptyError(ClaimtrackError):
    """An import into a database that already holds articles, claims or reviews."""


# --- Export -----------------------------------------------------------------------


def export_sections(session: Session) -> list[tuple[str, Iterator]]:
    """Each section's records, read lazily in id order (for archive.write_*)."""
    return [("topics", _topics(session)), ("entities", _entities(session)),
            ("articles", _articles(session)), ("claims", _claims(session)),
            ("reviews", _reviews(session))]


def _topics(session: Session) -> Iterator[TopicRecord]:
    for topic in session.scalars(select(Topic).options(selectinload(Topic.aliases))
                                 .order_by(Topic.id)):
        yield TopicRecord(key=topic.key, name=topic.name, name_zh=topic.name_zh,
                          kind=topic.kind.value if topic.kind else None,
                          description=topic.description,
                          aliases=[alias.alias for alias in topic.aliases])


def _entities(session: Session) -> Iterator[EntityRecord]:
    query = select(Entity).options(selectinload(Entity.aliases), joinedload(Entity.part_of))
    for entity in session.scalars(query.order_by(Entity.id)).unique():
        yield EntityRecord(name=entity.name, name_zh=entity.name_zh, kind=entity.kind.value,
                           part_of=entity.part_of.name if entity.part_of else None,
                           aliases=[alias.alias for alias in entity.aliases])


def _rows(session: Session, table) -> Iterator[dict]:
    """A table's rows in id order, streamed, each a dict with enums as their plain values."""
    query = select(table).order_by(table.c.id).execution_options(yield_per=BATCH)
    for row in session.execute(query).mappings():
        yield {key: value.value if isinstance(value, enum.Enum) else value
               for key, value in row.items()}


def _articles(session: Session) -> Iterator[ArticleRecord]:
    for row in _rows(session, Article.__table__):
        yield ArticleRecord(**row)


def _claims(session: Session) -> Iterator[ClaimRecord]:
    entity_names = dict(session.execute(select(Entity.id, Entity.name)).all())
    topic_keys = dict(session.execute(select(Topic.id, Topic.key)).all())
    for row in _rows(session, ClaimRow.__table__):
        yield ClaimRecord(
            id=row["id"], article_id=row["article_id"], start=row["span_start"],
            end=row["span_end"], subject=entity_names.get(row["subject_id"]),
            topic=topic_keys.get(row["topic_id"]), speaker=entity_names.get(row["speaker_id"]),
            overridden_by=row["overridden_by_id"],
            **{name: row[name] for name in _CLAIM_COLUMNS_AS_IS},
        )


# Claim columns a record carries under the same name and value.
_CLAIM_COLUMNS_AS_IS = (
    "surface", "sentence", "kind", "value", "unit", "unit_text", "qualifier", "low", "high",
    "precision", "direction", "iso", "period_start", "period_end", "period_precision",
    "speaker_name", "attribution", "statement", "subject_name", "measure", "scope", "base",
    "from_value", "speaker_role", "said_on", "subject_inferred", "origin", "extractor_version",
    "curated_file", "status", "notes", "created_at", "updated_at")


def _reviews(session: Session) -> Iterator[ReviewRecord]:
    for row in _rows(session, ReviewLog.__table__):
        yield ReviewRecord(**row)


# --- Import -----------------------------------------------------------------------


@dataclass
class ImportCounts:
    """How many records of each section an import stored (taxonomy: only the new ones)."""

    topics: int = 0
    entities: int = 0
    articles: int = 0
    claims: int = 0
    reviews: int = 0


@dataclass
class _Loader:
    """The state of one import: what was stored so far, and the rows waiting for a batch."""

    session: Session
    counts: ImportCounts = field(default_factory=ImportCounts)
    section: str | None = None
    pending: list = field(default_factory=list)
    parents: list = field(default_factory=list)  # (entity name, part_of name, place)
    names: Names | None = None
    article_ids: set[int] = field(default_factory=set)
    hashes: set[str] = field(default_factory=set)
    claim_ids: set[int] = field(default_factory=set)
    overrides: list = field(default_factory=list)  # (claim record, place)
    review_ids: set[int] = field(default_factory=set)


def ensure_empty(session: Session) -> None:
    """Refuse to import into a database that holds articles, claims or review log entries."""
    for model, what in ((Article, "articles"), (ClaimRow, "claims"),
                        (ReviewLog, "review log entries")):
        count = session.scalar(select(func.count()).select_from(model))
        if count:
            raise DatabaseNotEmptyError(
                f"the database already holds {count} {what}; import into an empty "
                "database (a new --db), so that ids stay as exported")


def import_records(session: Session, records: Iterable[tuple[str, object, Place]]) -> ImportCounts:
    """Store an export's records (archive.read_archive) in an empty database.

    Ids are kept. Topics and entities the database lacks are added; those it has
    are left as they are. Every reference is checked (a claim's article, subject,
    topic, speaker and span, an override, a review's claim) and a bad one raises
    ArchiveError naming the file and line; the caller's transaction then leaves
    the database untouched.
    """
    ensure_empty(session)
    loader = _Loader(session)
    for section, record, place in records:
        if section != loader.section:
            _finish(loader)
            loader.section = section
        _STORE[section](loader, record, place)
        if len(loader.pending) >= BATCH:
            _flush(loader)
    _finish(loader)
    _link_overrides(loader)
    session.flush()
    return loader.counts


def _store_topic(loader: _Loader, record: TopicRecord, place: Place) -> None:
    session = loader.session
    if session.scalar(select(Topic.id).where(Topic.key == record.key)) is not None:
        return
    topic = Topic(key=record.key, name=record.name, name_zh=record.name_zh,
                  kind=record.kind, description=record.description)
    topic.aliases = [TopicAlias(alias=alias, alias_key=alias_key(alias))
                     for alias in dict.fromkeys(record.aliases)]
    session.add(topic)
    loader.counts.topics += 1


def _store_entity(loader: _Loader, record: EntityRecord, place: Place) -> None:
    session = loader.session
    if session.scalar(select(Entity.id).where(Entity.name == record.name)) is not None:
        return
    entity = Entity(name=record.name, name_zh=record.name_zh, kind=EntityKind(record.kind))
    entity.aliases = [EntityAlias(alias=alias, alias_key=alias_key(alias))
                      for alias in dict.fromkeys(record.aliases)]
    session.add(entity)
    if record.part_of:
        loader.parents.append((record.name, record.part_of, place))
    loader.counts.entities += 1


def _store_article(loader: _Loader, record: ArticleRecord, place: Place) -> None:
    if record.id in loader.article_ids:
        raise place.error(f"article {record.id} appears twice")
    if record.content_hash in loader.hashes:
        raise place.error(f"article {record.id}: the same text as an earlier article "
                          f"(content_hash {record.content_hash[:12]})")
    if not 0 <= record.body_start <= len(record.text):
        raise place.error(f"article {record.id}: body_start {record.body_start} is outside "
                          "its text")
    loader.article_ids.add(record.id)
    loader.hashes.add(record.content_hash)
    values = record.model_dump()
    loader.pending.append(values)


def _store_claim(loader: _Loader, record: ClaimRecord, place: Place) -> None:
    if loader.names is None:  # the taxonomy is complete once the first claim comes
        loader.session.flush()
        loader.names = Names.load(loader.session)
    names = loader.names
    if record.id in loader.claim_ids:
        raise place.error(f"claim {record.id} appears twice")
    if record.article_id not in loader.article_ids:
        raise place.error(f"claim {record.id}: article {record.article_id} is not in the export")
    if not 0 <= record.start <= record.end:
        raise place.error(f"claim {record.id}: span [{record.start}, {record.end}) is not a span")
    if record.low is not None and record.high is not None and record.low > record.high:
        raise place.error(f"claim {record.id}: low {record.low} is above high {record.high}")
    ids = {}
    for name, value, table in (("subject", record.subject, names.entity_ids),
                               ("speaker", record.speaker, names.entity_ids),
                               ("topic", record.topic, names.topic_ids)):
        if value is not None and value not in table:
            raise place.error(f"claim {record.id}: unknown {name} {value!r} (not in the "
                              "export's topics and entities, nor in the data files)")
        ids[name] = table.get(value) if value is not None else None
    if record.subject is not None and record.subject_name is not None:
        raise place.error(f"claim {record.id}: a subject is an entity (subject) or a name as "
                          "written (subject_name), not both")
    written = record.subject or record.subject_name
    loader.claim_ids.add(record.id)
    if record.overridden_by is not None:
        loader.overrides.append((record, place))
    loader.pending.append((place, record, dict(
        id=record.id, article_id=record.article_id, span_start=record.start,
        span_end=record.end, search_text=alias_key(record.sentence), subject_id=ids["subject"],
        topic_id=ids["topic"], speaker_id=ids["speaker"], overridden_by_id=None,
        subject_key=alias_key(written) if written else None,
        **{name: getattr(record, name) for name in _CLAIM_COLUMNS_AS_IS},
    )))


def _store_review(loader: _Loader, record: ReviewRecord, place: Place) -> None:
    if record.id in loader.review_ids:
        raise place.error(f"review {record.id} appears twice")
    if record.claim_id not in loader.claim_ids:
        raise place.error(f"review {record.id}: claim {record.claim_id} is not in the export")
    loader.review_ids.add(record.id)
    loader.pending.append(record.model_dump())


_STORE = {"topics": _store_topic, "entities": _store_entity, "articles": _store_article,
          "claims": _store_claim, "reviews": _store_review}


def _flush(loader: _Loader) -> None:
    """Insert the rows waiting for the current section in one statement."""
    session, rows = loader.session, loader.pending
    loader.pending = []
    if not rows:
        return
    if loader.section == "articles":
        session.execute(insert(Article.__table__), rows)
        loader.counts.articles += len(rows)
    elif loader.section == "claims":
        _check_spans(session, rows)
        session.execute(insert(ClaimRow.__table__), [values for _, _, values in rows])
        loader.counts.claims += len(rows)
    elif loader.section == "reviews":
        session.execute(insert(ReviewLog.__table__), rows)
        loader.counts.reviews += len(rows)


def _check_spans(session: Session, rows: list) -> None:
    """Every claim's span must index its surface in its article's text."""
    wanted = {record.article_id for _, record, _ in rows}
    texts = dict(session.execute(select(Article.id, Article.text).where(
        Article.id.in_(wanted))).all())
    for place, record, _ in rows:
        found = texts[record.article_id][record.start:record.end]
        if found != record.surface:
            raise place.error(f"claim {record.id}: the article's text at [{record.start}, "
                              f"{record.end}) is {found!r}, not its surface {record.surface!r}")


def _finish(loader: _Loader) -> None:
    """Close a section: flush its rows; after the entities, link each to its larger one."""
    _flush(loader)
    if loader.section != "entities" or not loader.parents:
        return
    session = loader.session
    session.flush()
    ids = dict(session.execute(select(Entity.name, Entity.id)).all())
    for name, whole, place in loader.parents:
        if whole not in ids:
            raise place.error(f"entity {name}: part_of {whole!r} is not an entity")
        session.execute(update(Entity).where(Entity.id == ids[name])
                        .values(part_of_id=ids[whole]))
    loader.parents = []


def _link_overrides(loader: _Loader) -> None:
    """Point overridden claims at the claims that hide them, once every claim is stored."""
    rows = []
    for record, place in loader.overrides:
        if record.overridden_by not in loader.claim_ids:
            raise place.error(f"claim {record.id}: overridden_by {record.overridden_by} is not "
                              "in the export")
        # updated_at given, or the update would stamp the time of the import on it.
        rows.append({"id": record.id, "overridden_by_id": record.overridden_by,
                     "updated_at": record.updated_at})
    if rows:
        loader.session.execute(update(ClaimRow), rows)
