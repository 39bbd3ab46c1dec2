"""Storing claims and reading them back: the claim table's unit of work and its queries.

Functions take a session and never commit (the caller's session_scope is the
transaction). Names cross this boundary as the taxonomy writes them: an
entity's canonical name, a topic's key.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from claimtrack.db import lookup, read
from claimtrack.db.models import (
    Article,
    Entity,
    EntityAlias,
    Origin,
    Topic,
)
from claimtrack.db.models import Claim as ClaimRow
from claimtrack.db.session import sqlite_fulltext_filled_after
from claimtrack.lang.hanzi import alias_key
from claimtrack.periods import date_label

if TYPE_CHECKING:  # pydantic is imported only where records are made (not for counts)
    from claimtrack.records import StoredClaim
    from claimtrack.schemas import Claim


@dataclass
class Names:
    """The taxonomy's ids by canonical name and key, read once per unit of work.

    ``entity_keys`` maps every folded alias that names one entity only to it, so
    that a subject the extractor writes as an alias (輝達) still links to its entity.
    """

    entity_ids: dict[str, int]
    topic_ids: dict[str, int]
    entity_keys: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Names:
        keys: dict[str, int | None] = {}
        for key, id_ in session.execute(select(EntityAlias.alias_key, EntityAlias.entity_id)):
            keys[key] = id_ if keys.get(key, id_) == id_ else None  # None: names several
        return cls(
            entity_ids={name: id_ for name, id_ in session.execute(select(Entity.name, Entity.id))},
            topic_ids={key: id_ for key, id_ in session.execute(select(Topic.key, Topic.id))},
            entity_keys={key: id_ for key, id_ in keys.items() if id_ is not None},
        )

    def subject(self, name: str | None) -> tuple[int | None, str | None, str | None]:
        """(subject_id, subject_name, subject_key) for a subject as a claim states it.

        An entity's name or alias links to the entity; any other name is kept as
        written, with its folded key, so that it can still be found and grouped.
        """
        if not name:
            return None, None, None
        key = alias_key(name)
        entity_id = self.entity_ids.get(name)
        if entity_id is None:
            entity_id = self.entity_keys.get(key)
        if entity_id is None:
            return None, name, key
        return entity_id, None, alias_key(self._entity_names.get(entity_id, name))

    @cached_property
    def _entity_names(self) -> dict[int, str]:
        return {id_: name for name, id_ in self.entity_ids.items()}


def store_extracted(session: Session, article: Article, claims: Iterable[Claim],
                    names: Names) -> list[ClaimRow]:
    """Add the extractor's claims for an article; returns the new rows."""
    rows = [claim_row(claim, article.id, names, origin=Origin.extracted) for claim in claims]
    session.add_all(rows)
    session.flush()
    return rows


def claim_row(claim: Claim, article_id: int, names: Names, *, origin: Origin,
              curated_file: str | None = None) -> ClaimRow:
    """A claim as a new database row (subject, topic and speaker looked up by name)."""
    return ClaimRow(**claim_values(claim, article_id, names, origin=origin,
                                   curated_file=curated_file))


def claim_values(claim: Claim, article_id: int, names: Names, *, origin: Origin,
                 curated_file: str | None = None) -> dict:
    """A claim as column values (for one row or a bulk insert)."""
    speaker_id = names.entity_ids.get(claim.speaker) if claim.speaker else None
    subject_id, subject_name, subject_key = names.subject(claim.subject)
    return dict(
        article_id=article_id,
        span_start=claim.start,
        span_end=claim.end,
        surface=claim.surface,
        sentence=claim.sentence,
        search_text=alias_key(claim.sentence),
        subject_id=subject_id,
        subject_name=subject_name,
        subject_key=subject_key,
        subject_inferred=claim.subject_inferred and subject_key is not None,
        topic_id=names.topic_ids.get(claim.topic) if claim.topic else None,
        kind=claim.kind,
        value=claim.value,
        unit=claim.unit,
        unit_text=claim.unit_text,
        qualifier=claim.qualifier,
        low=claim.low,
        high=claim.high,
        precision=claim.precision,
        direction=claim.direction,
        iso=claim.iso,
        period_start=claim.period_start,
        period_end=claim.period_end,
        period_precision=claim.period_precision,
        speaker_id=speaker_id,
        speaker_name=None if speaker_id is not None else claim.speaker,
        attribution=claim.attribution,
        statement=claim.statement,
        measure=claim.measure,
        scope=claim.scope,
        base=claim.base,
        from_value=claim.from_value,
        speaker_role=claim.speaker_role,
        said_on=claim.said_on,
        origin=origin,
        extractor_version=claim.extractor or None,
        curated_file=curated_file,
    )


def store_extracted_many(session: Session, claims_by_article: dict[int, list[Claim]],
                         names: Names) -> int:
    """Insert the claims of many new articles in one executemany (SQLAlchemy Core).

    Core, not the ORM's bulk insert: the rows need no identities back, and the ORM
    path spent more time building them than SQLite spent storing them (py-spy, 1,000
    generated articles).
    """
    rows = [claim_values(claim, article_id, names, origin=Origin.extracted)
            for article_id, claims in claims_by_article.items() for claim in claims]
    if not rows:
        return 0
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        with sqlite_fulltext_filled_after(connection):
            connection.execute(ClaimRow.__table__.insert(), rows)
    else:
        connection.execute(ClaimRow.__table__.insert(), rows)
    return len(rows)


# --- Reading ------------------------------------------------------------------
# Listings, counts and the cross-check read through claimtrack.db.read (plain SQL,
# no ORM); these wrap it for the units of work that hold a Session.


def entity_ids_for(session: Session, name: str) -> set[int]:
    """Ids of the entities any of whose names (any script, any case) is ``name``."""
    return lookup.entity_ids_for(read.Reader.over(session.connection()), name)


def topic_ids_for(session: Session, name: str) -> set[int]:
    """Ids of the topics any of whose names (key, names, aliases in any script) is ``name``."""
    return lookup.topic_ids_for(read.Reader.over(session.connection()), name)


def get_claim(session: Session, claim_id: int) -> ClaimRow | None:
    """One claim with everything it links to, or None."""
    return session.scalars(
        select(ClaimRow).where(ClaimRow.id == claim_id).options(
            joinedload(ClaimRow.article), joinedload(ClaimRow.subject),
            joinedload(ClaimRow.topic), joinedload(ClaimRow.speaker),
            joinedload(ClaimRow.reviews),
        )
    ).unique().first()


def stored_claim(row: ClaimRow) -> StoredClaim:
    """A claim row as the record listings and JSON output carry."""
    from claimtrack.records import ArticleRef, StoredClaim

    article = row.article
    published = date_label(article.published, article.published_precision.value) or None
    return StoredClaim(
        id=row.id,
        article=ArticleRef(
            id=article.id, title=article.title, outlet=article.outlet,
            author=(article.authors or [None])[0], published=published, url=article.url,
        ),
        surface=row.surface, sentence=row.sentence, start=row.span_start, end=row.span_end,
        value=row.value, unit=row.unit, unit_text=row.unit_text, kind=row.kind.value,
        qualifier=row.qualifier.value, low=row.low, high=row.high, precision=row.precision,
        direction=row.direction.value, iso=row.iso, period_start=row.period_start,
        period_end=row.period_end, period_precision=row.period_precision.value,
        subject=row.subject.name if row.subject else row.subject_name,
        subject_inferred=bool(row.subject_inferred),
        topic=row.topic.key if row.topic else None,
        speaker=row.speaker.name if row.speaker else row.speaker_name,
        attribution=row.attribution, statement=row.statement.value,
        measure=row.measure, scope=row.scope, base=row.base, from_value=row.from_value,
        speaker_role=row.speaker_role, said_on=row.said_on, origin=row.origin.value,
        extractor_version=row.extractor_version, curated_file=row.curated_file,
        status=row.status.value, notes=row.notes, overridden_by=row.overridden_by_id,
    )


def claims_of_article(session: Session, article_id: int) -> Sequence[ClaimRow]:
    """Every claim of an article, overridden ones included, in text order."""
    return session.scalars(
        select(ClaimRow).where(ClaimRow.article_id == article_id)
        .order_by(ClaimRow.span_start, ClaimRow.id)
    ).all()
