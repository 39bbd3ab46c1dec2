"""Writing articles and the taxonomy into the database, one unit of work at a time.

Functions take a session and never commit: the caller's session_scope makes
each article (or the whole taxonomy) one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

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
    """
    topics = {t.key: t for t in session.scalars(select(Topic).options(selectinload(Topic.aliases)))}
    for spec in taxonomy.topics:
        topic = topics.get(spec.key) or Topic(key=spec.key)
        topic.name, topic.name_zh, topic.description = spec.name, spec.name_zh, spec.description
        topic.kind = ClaimKind(spec.kind) if spec.kind else None
        _set_aliases(topic, TopicAlias, spec.names())
        session.add(topic)

    entities = {
        e.name: e for e in session.scalars(select(Entity).options(selectinload(Entity.aliases)))
    }
    for spec in taxonomy.entities:
        entity = entities.get(spec.name) or Entity(name=spec.name)
        entity.name_zh, entity.kind = spec.name_zh, EntityKind(spec.kind)
        _set_aliases(entity, EntityAlias, spec.names())
        entities[spec.name] = entity
        session.add(entity)
    session.flush()
    for spec in taxonomy.entities:
        parent = entities[spec.part_of] if spec.part_of else None
        entities[spec.name].part_of_id = parent.id if parent else None


def _set_aliases(owner: Topic | Entity, alias_class: type, names: Iterable[str | None]) -> None:
    wanted: dict[str, str] = {}
    for name in names:
        if name and name not in wanted:
            wanted[name] = alias_key(name)
    current = {alias.alias: alias for alias in owner.aliases}
    for name, alias in current.items():
        if name not in wanted:
            owner.aliases.remove(alias)
    for name, key in wanted.items():
        if name not in current:
            owner.aliases.append(alias_class(alias=name, alias_key=key))
        elif current[name].alias_key != key:
            current[name].alias_key = key
