"""Storing claims and reading them back: the claim table's unit of work and its queries.

Functions take a session and never commit (the caller's session_scope is the
transaction). Names cross this boundary as the taxonomy writes them: an
entity's canonical name, a topic's key.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Integer, Select, String, and_, func, or_, select, text, type_coerce
from sqlalchemy.orm import Session, aliased, joinedload

from claimtrack.db.models import (
    Article,
    Entity,
    EntityAlias,
    Origin,
    ReviewStatus,
    Topic,
    TopicAlias,
)
from claimtrack.db.models import Claim as ClaimRow
from claimtrack.lang.hanzi import alias_key
from claimtrack.periods import date_label

if TYPE_CHECKING:  # pydantic is imported only where records are made (not for counts)
    from claimtrack.records import ArticleRef, StoredClaim
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
    if rows:
        session.connection().execute(ClaimRow.__table__.insert(), rows)
    return len(rows)


# --- Reading ------------------------------------------------------------------


def entity_ids_for(session: Session, name: str) -> set[int]:
    """Ids of the entities any of whose names (any script, any case) is ``name``."""
    key = alias_key(name)
    found = session.scalars(
        select(EntityAlias.entity_id).where(EntityAlias.alias_key == key)
    ).all()
    return set(found)


def topic_ids_for(session: Session, name: str) -> set[int]:
    """Ids of the topics any of whose names (key, names, aliases in any script) is ``name``."""
    key = alias_key(name)
    found = session.scalars(select(TopicAlias.topic_id).where(TopicAlias.alias_key == key)).all()
    return set(found)


def all_names(session: Session, *, topics: bool) -> list[str]:
    """Every name users may type for topics (or entities): for suggestions."""
    table = TopicAlias if topics else EntityAlias
    return list(session.scalars(select(table.alias)).all())


@dataclass
class ClaimFilter:
    """What `claimtrack claims` asks for; ids are already resolved from names."""

    topic_ids: set[int] | None = None
    subject_ids: set[int] | None = None
    subject_key: str | None = None  # a subject as written (alias_key), no entity
    speaker_ids: set[int] | None = None
    speaker_text: str | None = None
    article_ids: set[int] | None = None
    outlet: str | None = None
    kind: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    min_value: float | None = None
    max_value: float | None = None
    search: str | None = None
    include_overridden: bool = False


SORTS = ("article", "value", "date", "topic", "id")


def find_claims(session: Session, wanted: ClaimFilter, *, sort: str = "article",
                limit: int | None = None) -> list[StoredClaim]:
    """Claims matching every given filter, with their article, subject, topic and speaker.

    Reads only the columns a listing shows, as plain rows (no ORM objects), so a
    query's cost is the database's plus a few microseconds a row.
    """
    published = Article.published
    order = {
        "article": (ClaimRow.article_id, ClaimRow.span_start),
        # Nulls last on every backend (PostgreSQL puts them first in a descending sort).
        "value": (ClaimRow.value.is_(None), ClaimRow.value.desc(), ClaimRow.id),
        "date": (func.coalesce(ClaimRow.period_start, published).is_(None),
                 func.coalesce(ClaimRow.period_start, published), ClaimRow.id),
        "topic": (ClaimRow.topic_id.is_(None), ClaimRow.topic_id, ClaimRow.value.is_(None),
                  ClaimRow.value.desc(), ClaimRow.id),
        "id": (ClaimRow.id,),
    }[sort]
    query = _listing_select().where(*_conditions(wanted, _dialect(session))).order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    return list(StoredClaimReader().read(session.connection().execute(query)))


def crosscheck_buckets(session: Session, wanted: ClaimFilter, *,
                       related: set[str]) -> Iterator[tuple[tuple, dict[str, list]]]:
    """The claims the cross-check compares, one bucket (crosscheck.identity.fact_key) at a time.

    Streams the visible claims that have a subject and a topic or a measure, in
    topic order, so that only one topic's claims are held at once (the claims
    with no topic, compared by measure, come together); within a bucket, each
    subject's claims (by folded subject) are in date order, as crosscheck()
    expects. A subject with a single claim in its bucket can form no group, so
    it is left out unless it is in ``related`` (folded names with a part-of
    link, which pair across subjects).
    """
    from claimtrack.crosscheck.grouping import bucket_key
    from claimtrack.crosscheck.identity import repeats_measure

    conditions = [*_conditions(wanted, _dialect(session)), ClaimRow.subject_key.is_not(None),
                  or_(ClaimRow.topic_id.is_not(None), ClaimRow.measure.is_not(None))]
    query = _listing_select().where(*conditions).order_by(ClaimRow.topic_id)
    # Core rows (no ORM layer), fetched a few thousand at a time.
    rows = session.connection().execute(query.execution_options(yield_per=5000))
    reader = StoredClaimReader()
    at = reader.index
    for _, topic_rows in itertools.groupby(rows, key=lambda row: row[at["topic_id"]]):
        buckets: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for row in topic_rows:
            key = bucket_key(row)
            subject = row[at["subject_key"]]
            if key is not None and not repeats_measure(subject, row[at["measure"]]):
                buckets[key][subject].append(row)
        # Each bucket is let go once judged (popped, not kept in the topic's dict), so
        # that memory holds one topic's rows and one bucket's records, not a topic's.
        for key in sorted(buckets):
            by_subject = buckets.pop(key)
            for subject in list(by_subject):
                members = by_subject[subject]
                if len(members) < 2 and subject not in related:
                    del by_subject[subject]
                    continue
                members.sort(key=_date_order(at))
                by_subject[subject] = list(reader.read(members))
            yield key, by_subject


def _date_order(at: dict[str, int]):
    """The "date" sort of find_claims, in Python: period start, else publication, nulls last."""
    def key(row):
        day = row[at["period_start"]] or row[at["published"]]
        return (day is None, day or _NO_DATE, row[at["id"]])
    return key


_NO_DATE = date.min


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


_subject = aliased(Entity, name="subject_entity")
_speaker = aliased(Entity, name="speaker_entity")


def _listing_select() -> Select:
    """Every column a StoredClaim needs, enum columns as their plain strings."""
    return (
        select(*(column.label(name) for name, column in _listing_columns().items()))
        .select_from(ClaimRow)
        .join(Article, Article.id == ClaimRow.article_id)
        .outerjoin(_subject, _subject.id == ClaimRow.subject_id)
        .outerjoin(Topic, Topic.id == ClaimRow.topic_id)
        .outerjoin(_speaker, _speaker.id == ClaimRow.speaker_id)
    )


def _listing_columns() -> dict:
    def plain(column):  # the stored string, without the Enum type's conversion
        return type_coerce(column, String)

    return {
        "id": ClaimRow.id, "surface": ClaimRow.surface, "sentence": ClaimRow.sentence,
        "start": ClaimRow.span_start, "end": ClaimRow.span_end, "value": ClaimRow.value,
        "unit": ClaimRow.unit, "unit_text": ClaimRow.unit_text, "kind": plain(ClaimRow.kind),
        "qualifier": plain(ClaimRow.qualifier), "low": ClaimRow.low, "high": ClaimRow.high,
        "precision": ClaimRow.precision, "direction": plain(ClaimRow.direction),
        "iso": ClaimRow.iso, "period_start": ClaimRow.period_start,
        "period_end": ClaimRow.period_end,
        "period_precision": plain(ClaimRow.period_precision),
        "subject": func.coalesce(_subject.name, ClaimRow.subject_name),
        "topic": Topic.key, "speaker": func.coalesce(_speaker.name, ClaimRow.speaker_name),
        "attribution": ClaimRow.attribution, "statement": plain(ClaimRow.statement),
        "measure": ClaimRow.measure, "scope": ClaimRow.scope, "base": ClaimRow.base,
        "from_value": ClaimRow.from_value, "speaker_role": ClaimRow.speaker_role,
        "said_on": ClaimRow.said_on,
        "origin": plain(ClaimRow.origin), "extractor_version": ClaimRow.extractor_version,
        "curated_file": ClaimRow.curated_file, "status": plain(ClaimRow.status),
        "notes": ClaimRow.notes, "overridden_by": ClaimRow.overridden_by_id,
        # Not StoredClaim fields: the article's (read once per article), the topic id
        # and the folded subject.
        "article_id": ClaimRow.article_id, "topic_id": ClaimRow.topic_id,
        "subject_key": ClaimRow.subject_key,
        "title": Article.title, "outlet": Article.outlet,
        "authors": type_coerce(Article.authors, String), "published": Article.published,
        "published_precision": plain(Article.published_precision), "url": Article.url,
    }


class StoredClaimReader:
    """Turns rows of _listing_select() into StoredClaim objects, one ArticleRef per article."""

    def __init__(self) -> None:
        from claimtrack.records import StoredClaim

        names = list(_listing_columns())
        self.index = {name: position for position, name in enumerate(names)}
        # The listing's columns start with StoredClaim's fields, in their order.
        self._fields = tuple(name for name in StoredClaim.model_fields if name != "article")
        assert names[: len(self._fields)] == list(self._fields)
        self._articles: dict[int, ArticleRef] = {}

    def read(self, rows: Iterable) -> Iterator[StoredClaim]:
        from claimtrack.records import StoredClaim

        fields, at = self._fields, self.index
        for row in rows:
            # zip stops at the last field: the columns after it are not fields.
            values = dict(zip(fields, row, strict=False))
            values["article"] = self._article(row, at)
            yield StoredClaim.model_construct(**values)  # our own rows: nothing to check

    def _article(self, row, at: dict[str, int]) -> ArticleRef:
        article_id = row[at["article_id"]]
        found = self._articles.get(article_id)
        if found is None:
            from claimtrack.records import ArticleRef  # once per article, not per row

            authors = row[at["authors"]] or "[]"
            # Read as text to parse it once per article; psycopg hands JSON over parsed.
            authors = (json.loads(authors) if isinstance(authors, str) else authors) or [None]
            found = self._articles[article_id] = ArticleRef(
                id=article_id, title=row[at["title"]], outlet=row[at["outlet"]],
                author=authors[0],
                published=date_label(row[at["published"]],
                                           row[at["published_precision"]]) or None,
                url=row[at["url"]])
        return found


def _conditions(wanted: ClaimFilter, dialect: str) -> list:
    conditions = []
    if not wanted.include_overridden:
        conditions.append(ClaimRow.overridden_by_id.is_(None))
    if wanted.topic_ids is not None:
        conditions.append(ClaimRow.topic_id.in_(wanted.topic_ids))
    if wanted.subject_ids is not None or wanted.subject_key is not None:
        either = []
        if wanted.subject_ids:
            either.append(ClaimRow.subject_id.in_(wanted.subject_ids))
        if wanted.subject_key:
            either.append(and_(ClaimRow.subject_id.is_(None),
                               ClaimRow.subject_key == wanted.subject_key))
        conditions.append(or_(*either) if either else ClaimRow.id.is_(None))
    if wanted.speaker_ids is not None or wanted.speaker_text is not None:
        either = []
        if wanted.speaker_ids:
            either.append(ClaimRow.speaker_id.in_(wanted.speaker_ids))
        if wanted.speaker_text:
            either.append(func.lower(ClaimRow.speaker_name) == wanted.speaker_text.lower())
        conditions.append(or_(*either) if either else ClaimRow.id.is_(None))
    if wanted.article_ids is not None:
        conditions.append(ClaimRow.article_id.in_(wanted.article_ids))
    if wanted.outlet:
        conditions.append(func.lower(Article.outlet).contains(wanted.outlet.lower(),
                                                             autoescape=True))
    if wanted.kind:
        conditions.append(ClaimRow.kind == wanted.kind)
    if wanted.status:
        conditions.append(ClaimRow.status == wanted.status)
    else:  # a rejected claim is no claim: shown only when asked for by status
        conditions.append(ClaimRow.status != ReviewStatus.rejected)
    # Time filters use the period the figure refers to, else the publication date.
    if wanted.since:
        conditions.append(func.coalesce(ClaimRow.period_end, Article.published) >= wanted.since)
    if wanted.until:
        conditions.append(func.coalesce(ClaimRow.period_start, Article.published) <= wanted.until)
    if wanted.min_value is not None:
        conditions.append(func.coalesce(ClaimRow.value, ClaimRow.high) >= wanted.min_value)
    if wanted.max_value is not None:
        conditions.append(func.coalesce(ClaimRow.value, ClaimRow.low) <= wanted.max_value)
    if wanted.search:
        conditions.extend(search_conditions(alias_key(wanted.search), dialect))
    return conditions


#: Shortest text the trigram index can look up; shorter searches scan with LIKE.
FULLTEXT_MIN_CHARS = 3


def search_conditions(folded: str, dialect: str) -> list:
    """Claims whose folded sentence contains ``folded``.

    The LIKE is the definition (a substring, ASCII case aside); on SQLite the
    trigram index (claim_fts, migration 0004) first narrows the claims to those
    holding every three-character piece of the text, so LIKE reads only those.
    Text shorter than three characters has no trigram: LIKE alone, over every
    claim. PostgreSQL: LIKE alone.
    """
    like = ClaimRow.search_text.contains(folded, autoescape=True)
    if dialect != "sqlite" or len(folded) < FULLTEXT_MIN_CHARS:
        return [like]
    phrase = '"' + folded.replace('"', '""') + '"'  # one literal phrase: no FTS syntax
    indexed = text("SELECT rowid FROM claim_fts WHERE claim_fts MATCH :fulltext_phrase")
    indexed = indexed.bindparams(fulltext_phrase=phrase).columns(rowid=Integer)
    return [ClaimRow.id.in_(indexed), like]


def get_claim(session: Session, claim_id: int) -> ClaimRow | None:
    """One claim with everything it links to, or None."""
    return session.scalars(
        select(ClaimRow).where(ClaimRow.id == claim_id).options(
            joinedload(ClaimRow.article), joinedload(ClaimRow.subject),
            joinedload(ClaimRow.topic), joinedload(ClaimRow.speaker),
            joinedload(ClaimRow.reviews),
        )
    ).unique().first()


def taxonomy_counts(session: Session, *, topics: bool) -> list[tuple[object, int]]:
    """Every topic (or entity) with the number of visible claims about it (as subject)."""
    owner = Topic if topics else Entity
    column = ClaimRow.topic_id if topics else ClaimRow.subject_id
    visible = aliased(ClaimRow)
    query = (
        select(owner, func.count(visible.id))
        .outerjoin(visible, and_(getattr(visible, column.key) == owner.id,
                                 visible.overridden_by_id.is_(None)))
        .group_by(owner.id)
        .order_by(func.count(visible.id).desc(), owner.id)
    )
    return [(row, count) for row, count in session.execute(query).all()]


def unlisted_subject_counts(session: Session) -> list[tuple[str, int, list[str]]]:
    """Subjects claims state that no entity is: (a name, visible claims, every spelling),
    one per folded key (輝達 and 辉达 are one), most claims first."""
    query = (select(ClaimRow.subject_key, ClaimRow.subject_name, func.count(ClaimRow.id),
                    func.min(ClaimRow.id))
             .where(ClaimRow.subject_id.is_(None), ClaimRow.subject_name.is_not(None),
                    ClaimRow.overridden_by_id.is_(None))
             .group_by(ClaimRow.subject_key, ClaimRow.subject_name))
    spellings: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for key, name, count, first in session.execute(query):
        spellings[key][name] = (count, first)
    rows = []
    for by_name in spellings.values():
        # The spelling most claims use names the subject; a tie goes to the one stored first.
        name = min(by_name, key=lambda written: (-by_name[written][0], by_name[written][1]))
        rows.append((name, sum(count for count, _ in by_name.values()), sorted(by_name)))
    return sorted(rows, key=lambda row: (-row[1], row[0]))


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
