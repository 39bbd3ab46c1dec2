"""Writing articles and the taxonomy into the database, one unit of work at a time.

Functions take a session and never commit: the caller's session_scope makes
each article (or the whole taxonomy) one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from claimtrack.db.models import (
    Article,
    ClaimKind,
    DatePrecision,
    Entity,
    EntityAlias,
    EntityKind,
    Script,
    Topic,
    TopicAlias,
)
from claimtrack.lang.hanzi import alias_key
from claimtrack.schemas import ArticleFile

if TYPE_CHECKING:
    from claimtrack.taxonomy import Taxonomy

StoreResult = Literal["added", "updated", "unchanged"]

# Metadata fields an article takes from its ArticleMeta, by model attribute.
_META_FIELDS = ("title", "outlet", "authors", "translators", "published", "url", "notes")


def find_article_by_hash(session: Session, content_hash: str) -> Article | None:
    """The stored article with this text, if any."""
    return session.scalars(select(Article).where(Article.content_hash == content_hash)).first()


def store_article(session: Session, article: ArticleFile) -> tuple[Article, StoreResult]:
    """Add an article, or update the metadata of the stored one with the same text.

    A field the new read does not state never clears a stored one: reading the
    same text from a path without a sidecar changes nothing.
    """
    stored = find_article_by_hash(session, article.content_hash)
    if stored is None:
        stored = new_article(article)
        session.add(stored)
        session.flush()
        return stored, "added"
    changed = _apply_meta(stored, article)
    return stored, "updated" if changed else "unchanged"


def new_article(article: ArticleFile) -> Article:
    """A new (unsaved) Article row for a text read from disk, with its metadata."""
    stored = Article(
        text=article.text,
        body_start=article.body_start,
        content_hash=article.content_hash,
        encoding=article.encoding,
        source_path=article.path,
        language=Script(article.language),
        authors=[],
        translators=[],
        published_precision=DatePrecision.unknown,
    )
    _apply_meta(stored, article)
    return stored


def article_values(article: ArticleFile) -> dict:
    """A new article as column values, for a bulk insert."""
    row = new_article(article)
    return {column.key: getattr(row, column.key) for column in Article.__table__.columns
            if column.key not in ("id", "ingested_at", "updated_at")}


def _apply_meta(stored: Article, article: ArticleFile) -> bool:
    meta = article.meta.stated()
    changed = False
    if stored.title is None and "title" not in meta and article.guessed_title:
        stored.title = article.guessed_title
        changed = True
    for field in _META_FIELDS:
        if field in meta and getattr(stored, field) != meta[field]:
            setattr(stored, field, meta[field])
            changed = True
    if "published" in meta:
        precision = DatePrecision(meta.get("published_precision") or "day")
        if stored.published_precision != precision:
            stored.published_precision = precision
            changed = True
    if "language" in meta and stored.language != Script(meta["language"]):
        stored.language = Script(meta["language"])
        changed = True
    return changed


def list_articles(session: Session) -> list[Article]:
    """Every stored article, oldest ingest first."""
    return list(session.scalars(select(Article).order_by(Article.id)))


def sync_taxonomy(session: Session, taxonomy: Taxonomy) -> None:
    """Make the topic and entity tables match the data files.

    Topics and entities are matched by key and canonical name; their aliases are
    replaced by the file's. Rows the files no longer list are kept, since claims
    (curated ones especially) may still point at them.

    Written with Core statements, a few bulk ones per table: through the ORM's
    unit of work, filling a new database with some 400 entities and their 3,000
    aliases took most of a second, paid by every new database.
    """
    topics = {
        spec.key: {"name": spec.name, "name_zh": spec.name_zh,
                   "description": spec.description,
                   "kind": ClaimKind(spec.kind) if spec.kind else None}
        for spec in taxonomy.topics
    }
    topic_ids = _sync_rows(session, Topic.__table__, "key", topics)
    _sync_aliases(session, TopicAlias.__table__, "topic_id",
                  {topic_ids[spec.key]: spec.names() for spec in taxonomy.topics})

    entities = {
        spec.name: {"name_zh": spec.name_zh, "kind": EntityKind(spec.kind)}
        for spec in taxonomy.entities
    }
    entity_ids = _sync_rows(session, Entity.__table__, "name", entities)
    _sync_aliases(session, EntityAlias.__table__, "entity_id",
                  {entity_ids[spec.name]: spec.names() for spec in taxonomy.entities})
    part_of = {
        entity_ids[spec.name]: entity_ids[spec.part_of] if spec.part_of else None
        for spec in taxonomy.entities
    }
    table = Entity.__table__
    stored = dict(session.execute(select(table.c.id, table.c.part_of_id)).all())
    changed = [{"row_id": row_id, "part_of_id": parent}
               for row_id, parent in part_of.items() if stored.get(row_id) != parent]
    if changed:
        session.execute(
            update(table).where(table.c.id == bindparam("row_id"))
            .values(part_of_id=bindparam("part_of_id")),
            changed,
        )


def _sync_rows(session: Session, table: Table, key: str,
               wanted: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Insert or update ``table``'s rows so that each ``key`` has the wanted fields;
    the id of every row, by key."""
    fields = list(next(iter(wanted.values()), {}))
    columns = [table.c.id, table.c[key], *(table.c[name] for name in fields)]
    stored = {row[1]: row for row in session.execute(select(*columns))}
    added = [{key: name, **values} for name, values in wanted.items() if name not in stored]
    changed = [
        {"row_id": stored[name][0], **values}
        for name, values in wanted.items()
        if name in stored and tuple(stored[name][2:]) != tuple(values[f] for f in fields)
    ]
    if added:
        session.execute(insert(table), added)
    if changed:
        session.execute(
            update(table).where(table.c.id == bindparam("row_id"))
            .values({f: bindparam(f) for f in fields}),
            changed,
        )
    if not added:
        return {name: row[0] for name, row in stored.items()}
    return dict(session.execute(select(table.c[key], table.c.id)).all())


def _sync_aliases(session: Session, table: Table, owner: str,
                  wanted_by_owner: dict[int, Iterable[str | None]]) -> None:
    """Make each owner's aliases the wanted names (first spelling of each kept once)."""
    wanted: dict[tuple[int, str], str] = {}
    for owner_id, names in wanted_by_owner.items():
        for name in names:
            if name and (owner_id, name) not in wanted:
                wanted[(owner_id, name)] = alias_key(name)
    stored = {
        (owner_id, alias): (row_id, key)
        for row_id, owner_id, alias, key in session.execute(
            select(table.c.id, table.c[owner], table.c.alias, table.c.alias_key)
            .where(table.c[owner].in_(list(wanted_by_owner)))
        )
    }
    gone = [row_id for pair, (row_id, _) in stored.items() if pair not in wanted]
    if gone:
        session.execute(delete(table).where(table.c.id.in_(gone)))
    added = [{owner: owner_id, "alias": alias, "alias_key": key}
             for (owner_id, alias), key in wanted.items() if (owner_id, alias) not in stored]
    if added:
        session.execute(insert(table), added)
    rekeyed = [{"row_id": stored[pair][0], "alias_key": key}
               for pair, key in wanted.items() if pair in stored and stored[pair][1] != key]
    if rekeyed:
        session.execute(
            update(table).where(table.c.id == bindparam("row_id"))
            .values(alias_key=bindparam("alias_key")),
            rekeyed,
        )
