"""Reading claims without the ORM: plain SQL, plain rows, records built only for what is shown.

The read commands (`claims`, `topics`, `entities`, `compare`, `conflicts`) and the
Python API's reads share this module. Every statement is plain SQL that SQLite
and PostgreSQL read alike (named parameters, ``:name``), sent through one of two
doors:

- an SQLite file at this claimtrack's schema revision is opened with the standard
  library's sqlite3 (0.01 s to import, where SQLAlchemy and its ORM take 0.4 s);
- anything else (a PostgreSQL URL, an Engine a Python user passes, a file that is
  new, outdated or not a claimtrack database) goes through SQLAlchemy, which
  creates, checks or refuses the database exactly as every other command does.

Rows come back as tuples; PlainClaim holds one claim with the attributes of
records.StoredClaim (the pydantic model the Python API returns), so renderers and
the cross-check take either.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimtrack.db.revision import HEAD_REVISION, VERSION_TABLE
from claimtrack.lang.hanzi import alias_key
from claimtrack.periods import date_label

SQLITE_BUSY_TIMEOUT_S = 30  # as db.session's SQLITE_BUSY_TIMEOUT_MS: wait out a writer


class Reader:
    """One read conversation with the database: ``rows(sql, params)`` yields tuples."""

    def __init__(self, connection: Any, dialect: str, *, sqlalchemy: bool) -> None:
        self.connection = connection
        self.dialect = dialect
        self._sqlalchemy = sqlalchemy

    @classmethod
    def over(cls, connection: Any) -> Reader:
        """A Reader over an SQLAlchemy Connection (what the ORM's session.connection() gives)."""
        return cls(connection, connection.dialect.name, sqlalchemy=True)

    def rows(self, sql: str, params: dict[str, Any] | None = None, *,
             stream: bool = False) -> Iterable[tuple]:
        """The rows of one SELECT; ``stream`` fetches a few thousand at a time (server side)."""
        params = params or {}
        if not self._sqlalchemy:
            # sqlite3's own date adapter is deprecated: dates go in as ISO text, as stored.
            params = {key: value.isoformat() if isinstance(value, date) else value
                      for key, value in params.items()}
            return self.connection.execute(sql, params)
        from sqlalchemy import text

        statement = text(sql)
        if stream:
            statement = statement.execution_options(yield_per=5000)
        return iter(self.connection.execute(statement, params))  # Rows are tuples

    def scalars(self, sql: str, params: dict[str, Any] | None = None) -> list:
        """The first column of every row."""
        return [row[0] for row in self.rows(sql, params)]


@contextmanager
def connect(db: Any = None) -> Iterator[Reader]:
    """A Reader on ``db`` (a path, an SQLAlchemy URL, None for the default, or an Engine).

    >>> with connect("claimtrack.db") as reader:             # doctest: +SKIP
    ...     reader.scalars("SELECT count(*) FROM claim")
    """
    if db is None or isinstance(db, str) or hasattr(db, "__fspath__"):
        from claimtrack.config import database_url

        url = database_url(None if db is None else str(db))
        path = _sqlite_path(url)
        if path is not None:
            connection = _sqlite_at_head(path)
            if connection is None:  # new, outdated, foreign, locked...: the full door decides
                _open_with_sqlalchemy(url).dispose()
                connection = _sqlite_at_head(path)
            if connection is not None:
                try:
                    yield Reader(connection, "sqlite", sqlalchemy=False)
                finally:
                    connection.close()
                return
        engine = _open_with_sqlalchemy(url)
        try:
            with engine.connect() as connection:
                yield Reader.over(connection)
        finally:
            engine.dispose()
        return
    from claimtrack.db.migrate import ensure_schema  # an Engine: SQLAlchemy is loaded anyway

    ensure_schema(db)
    with db.connect() as connection:
        yield Reader.over(connection)


def _sqlite_path(url: str) -> str | None:
    """The file of a plain ``sqlite:///PATH`` URL (no query, not in memory), else None."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = url.removeprefix("sqlite:///")
    return path if path and path != ":memory:" else None


def _sqlite_at_head(path: str):
    """A sqlite3 connection to an existing claimtrack file at HEAD_REVISION, else None."""
    import sqlite3
    from pathlib import Path
    from urllib.parse import quote

    # mode=rw: a missing file is an error here, never a new empty database.
    uri = f"file:{quote(Path(path).as_posix())}?mode=rw"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_S,
                                     isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        found = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    except sqlite3.Error:
        found = None
    if found != [(HEAD_REVISION,)]:
        connection.close()
        return None
    return connection


def _open_with_sqlalchemy(url: str):
    """An Engine on the database, created, checked or refused as every command does."""
    from claimtrack.db.migrate import ensure_schema
    from claimtrack.db.session import engine_for

    engine = engine_for(url)
    try:
        ensure_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


# --- Filters ---------------------------------------------------------------------------


@dataclass
class ClaimFilter:
    """What `claimtrack claims` asks for; ids are already resolved from names
    (db.lookup.resolve_filter)."""

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


def like_escaped(text: str) -> str:
    """Text matched literally by LIKE ... ESCAPE '/' (what SQLAlchemy's autoescape does)."""
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


# --- Claims -----------------------------------------------------------------------------

# (name, SQL): StoredClaim's fields in their order (the article aside), then what a
# listing needs besides: the article's columns (read once per article), the topic id
# and the folded subject. Enumerations are their stored strings.
LISTING_COLUMNS = (
    ("id", "claim.id"), ("surface", "claim.surface"), ("sentence", "claim.sentence"),
    ("start", "claim.span_start"), ("end", "claim.span_end"), ("value", "claim.value"),
    ("unit", "claim.unit"), ("unit_text", "claim.unit_text"), ("kind", "claim.kind"),
    ("qualifier", "claim.qualifier"), ("low", "claim.low"), ("high", "claim.high"),
    ("precision", "claim.precision"), ("direction", "claim.direction"), ("iso", "claim.iso"),
    ("period_start", "claim.period_start"), ("period_end", "claim.period_end"),
    ("period_precision", "claim.period_precision"),
    ("subject", "coalesce(subject_entity.name, claim.subject_name)"),
    ("subject_inferred", "claim.subject_inferred"), ("topic", "topic.key"),
    ("speaker", "coalesce(speaker_entity.name, claim.speaker_name)"),
    ("attribution", "claim.attribution"), ("statement", "claim.statement"),
    ("measure", "claim.measure"), ("scope", "claim.scope"), ("base", "claim.base"),
    ("from_value", "claim.from_value"), ("speaker_role", "claim.speaker_role"),
    ("said_on", "claim.said_on"), ("origin", "claim.origin"),
    ("extractor_version", "claim.extractor_version"), ("curated_file", "claim.curated_file"),
    ("status", "claim.status"), ("notes", "claim.notes"),
    ("overridden_by", "claim.overridden_by_id"),
    ("article_id", "claim.article_id"), ("topic_id", "claim.topic_id"),
    ("subject_key", "claim.subject_key"), ("title", "article.title"),
    ("outlet", "article.outlet"), ("authors", "article.authors"),
    ("published", "article.published"), ("published_precision", "article.published_precision"),
    ("url", "article.url"),
)
AT = {name: position for position, (name, _) in enumerate(LISTING_COLUMNS)}
# The claim's own fields: the columns before article_id.
CLAIM_FIELDS = tuple(name for name, _ in LISTING_COLUMNS[: AT["article_id"]])
_DATE_FIELDS = tuple(AT[name] for name in ("period_start", "period_end", "said_on"))

_LISTING_FROM = (
    "FROM claim JOIN article ON article.id = claim.article_id "
    "LEFT OUTER JOIN entity AS subject_entity ON subject_entity.id = claim.subject_id "
    "LEFT OUTER JOIN topic ON topic.id = claim.topic_id "
    "LEFT OUTER JOIN entity AS speaker_entity ON speaker_entity.id = claim.speaker_id"
)
_LISTING_SELECT = "SELECT " + ", ".join(sql for _, sql in LISTING_COLUMNS) + " " + _LISTING_FROM

SORTS = ("article", "value", "date", "topic", "id")
_ORDER = {
    "article": "claim.article_id, claim.span_start",
    # Nulls last on every backend (PostgreSQL puts them first in a descending sort).
    "value": "claim.value IS NULL, claim.value DESC, claim.id",
    "date": "coalesce(claim.period_start, article.published) IS NULL, "
            "coalesce(claim.period_start, article.published), claim.id",
    "topic": "claim.topic_id IS NULL, claim.topic_id, claim.value IS NULL, claim.value DESC, "
             "claim.id",
    "id": "claim.id",
}


@dataclass(slots=True)
class PlainArticle:
    """The article a claim comes from, as listings show it (records.ArticleRef's fields)."""

    id: int
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None  # at its stated precision: 2025-02, 2025-02-11
    url: str | None

    def as_record(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "outlet": self.outlet,
                "author": self.author, "published": self.published, "url": self.url}


class PlainClaim:
    """A stored claim with the attributes of records.StoredClaim, without pydantic.

    ``as_record()`` is StoredClaim.as_record()'s dict (tests/test_queries.py holds
    the two equal), so a renderer cannot tell them apart.
    """

    __slots__ = CLAIM_FIELDS + ("article",)

    def as_record(self) -> dict[str, Any]:
        """The claim as JSON-able values, in field order, its article nested as a dict."""
        record = {"id": self.id, "article": self.article.as_record()}
        for name in CLAIM_FIELDS[1:]:
            value = getattr(self, name)
            record[name] = value.isoformat() if isinstance(value, date) else value
        return record

    def fields(self) -> dict[str, Any]:
        """Every field by name (the article as it is), e.g. for StoredClaim.model_construct."""
        return {name: getattr(self, name) for name in self.__slots__}


def _day(value) -> date | None:
    """A date column's value: sqlite3 and SQLAlchemy's text() hand SQLite's over as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


class ClaimBuilder:
    """Makes PlainClaims from rows of the listing, one PlainArticle per article."""

    def __init__(self) -> None:
        self._articles: dict[int, PlainArticle] = {}

    def claim(self, row) -> PlainClaim:
        claim = PlainClaim()
        for name, value in zip(CLAIM_FIELDS, row, strict=False):  # stops at the last field
            setattr(claim, name, value)
        for position in _DATE_FIELDS:
            value = row[position]
            if value.__class__ is str:
                setattr(claim, CLAIM_FIELDS[position], date.fromisoformat(value))
        claim.subject_inferred = bool(claim.subject_inferred)  # (SQLite's 0 and 1)
        claim.article = self.article(row)
        return claim

    def claims(self, rows: Iterable) -> Iterator[PlainClaim]:
        return map(self.claim, rows)

    def article(self, row) -> PlainArticle:
        article_id = row[AT["article_id"]]
        found = self._articles.get(article_id)
        if found is None:
            authors = row[AT["authors"]] or "[]"
            # Read as text to parse it once per article; psycopg hands JSON over parsed.
            authors = (json.loads(authors) if isinstance(authors, str) else authors) or [None]
            published = date_label(_day(row[AT["published"]]),
                                   row[AT["published_precision"]]) or None
            found = self._articles[article_id] = PlainArticle(
                article_id, row[AT["title"]], row[AT["outlet"]], authors[0], published,
                row[AT["url"]])
        return found


def claim_rows(reader: Reader, wanted: ClaimFilter, *, sort: str = "article",
               limit: int | None = None, extra: Iterable[str] = (),
               order: str | None = None, stream: bool = False) -> Iterable[tuple]:
    """Rows of LISTING_COLUMNS for the claims matching every filter of ``wanted``.

    ``extra`` adds SQL conditions, ``order`` replaces the sort's ORDER BY.
    """
    params: dict[str, Any] = {}
    conditions = [*claim_conditions(wanted, reader.dialect, params), *extra]
    sql = _LISTING_SELECT
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += " ORDER BY " + (order or _ORDER[sort])
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return reader.rows(sql, params, stream=stream)


def find_claims(reader: Reader, wanted: ClaimFilter, *, sort: str = "article",
                limit: int | None = None) -> list[PlainClaim]:
    """Claims matching every given filter, with their article, subject, topic and speaker."""
    return list(ClaimBuilder().claims(claim_rows(reader, wanted, sort=sort, limit=limit)))


def crosscheck_buckets(reader: Reader, wanted: ClaimFilter, *,
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
    import itertools

    from claimtrack.crosscheck.grouping import bucket_key
    from claimtrack.crosscheck.identity import repeats_measure

    rows = claim_rows(reader, wanted, extra=(
        "claim.subject_key IS NOT NULL", "NOT claim.subject_inferred",
        "(claim.topic_id IS NOT NULL OR claim.measure IS NOT NULL)"),
        order="claim.topic_id", stream=True)
    builder = ClaimBuilder()
    topic_at, subject_at, published_at = AT["topic_id"], AT["subject_key"], AT["published"]
    for _, topic_rows in itertools.groupby(rows, key=lambda row: row[topic_at]):
        buckets: dict[tuple, dict[str, list]] = {}
        for row in topic_rows:
            claim = builder.claim(row)
            key = bucket_key(claim)
            subject = row[subject_at]
            if key is None or repeats_measure(subject, claim.measure):
                continue
            # The "date" sort of find_claims: period start, else publication, nulls last.
            day = claim.period_start or _day(row[published_at])
            buckets.setdefault(key, {}).setdefault(subject, []).append(
                ((day is None, day or date.min, claim.id), claim))
        yield from _pairable(buckets, related, lambda members: [
            claim for _, claim in sorted(members, key=lambda member: member[0])])


def _pairable(buckets: dict[tuple, dict[str, list]], related: set[str],
              make: Callable[[list], list]) -> Iterator[tuple[tuple, dict[str, list]]]:
    """Each bucket in key order with the subjects that can pair (two members or more,
    or a part-of link), each subject's members made into its claims by ``make``.

    A bucket is let go once yielded (popped, not kept in the topic's dict), so that
    memory holds one topic's rows and one bucket's claims, not a topic's."""
    for key in sorted(buckets):
        by_subject = buckets.pop(key)
        for subject in list(by_subject):
            members = by_subject[subject]
            if len(members) < 2 and subject not in related:
                del by_subject[subject]
            else:
                by_subject[subject] = make(members)
        yield key, by_subject


# What judging a pair reads of a claim (crosscheck.grouping._pair and what it calls),
# and its article's date: a fifth of the listing's columns, no entity or topic joined.
JUDGING_COLUMNS = (
    ("id", "claim.id"), ("article_id", "claim.article_id"), ("topic_id", "claim.topic_id"),
    ("subject_key", "claim.subject_key"), ("kind", "claim.kind"), ("measure", "claim.measure"),
    ("statement", "claim.statement"), ("from_value", "claim.from_value"),
    ("period_start", "claim.period_start"), ("unit", "claim.unit"), ("scope", "claim.scope"),
    ("period_end", "claim.period_end"), ("period_precision", "claim.period_precision"),
    ("base", "claim.base"), ("value", "claim.value"), ("low", "claim.low"),
    ("high", "claim.high"), ("precision", "claim.precision"), ("qualifier", "claim.qualifier"),
    ("direction", "claim.direction"), ("surface", "claim.surface"),
    ("sentence", "claim.sentence"), ("status", "claim.status"),
    ("published", "article.published"), ("published_precision", "article.published_precision"),
)
_JUDGING_SELECT = ("SELECT " + ", ".join(sql for _, sql in JUDGING_COLUMNS) +
                   " FROM claim JOIN article ON article.id = claim.article_id")


class _JudgedArticle:
    """What judging reads of an article: its id, its date as listings show it (and as
    stored, to sort by)."""

    __slots__ = ("id", "published", "day")

    def __init__(self, id: int, published: str | None, day) -> None:  # noqa: A002
        self.id = id
        self.published = published
        self.day = day


class JudgedClaim:
    """A claim as the cross-check judges it: the fields _pair reads, nothing to show.

    ``subject`` is left None: the groups made of these are only judged (which ones
    conflict); the ones shown are made again from full claims (PlainClaim).
    """

    __slots__ = ("id", "kind", "measure", "statement", "from_value", "period_start", "unit",
                 "scope", "period_end", "period_precision", "base", "value", "low", "high",
                 "precision", "qualifier", "direction", "surface", "sentence", "status",
                 "article", "topic", "subject", "subject_key")

    def __init__(self, row, topic: str | None, article: _JudgedArticle) -> None:
        (self.id, _, _, _, self.kind, self.measure, self.statement, self.from_value,
         period_start, self.unit, self.scope, period_end, self.period_precision, self.base,
         self.value, self.low, self.high, self.precision, self.qualifier, self.direction,
         self.surface, self.sentence, self.status, _, _) = row
        self.period_start = _day(period_start)
        self.period_end = _day(period_end)
        self.topic = topic
        self.article = article
        self.subject = None
        self.subject_key = row[3]  # folded (the bucket's key for it)


class _KeyFields:
    """The fields identity.fact_key reads, standing in for every claim that shares them
    (tests/test_queries.py checks that fact_key reads no other)."""

    __slots__ = ("topic", "kind", "measure", "statement", "from_value", "period_start",
                 "unit", "scope", "base")

    def __init__(self, topic, kind, measure, statement, from_value, period_start, unit,
                 scope, base) -> None:
        self.topic, self.kind, self.measure, self.statement = topic, kind, measure, statement
        self.from_value, self.period_start, self.unit, self.scope = (from_value, period_start,
                                                                     unit, scope)
        self.base = base


def judging_buckets(reader: Reader, wanted: ClaimFilter, *,
                    related: set[str]) -> Iterator[tuple[tuple, dict[str, list]]]:
    """crosscheck_buckets' buckets, in the same order with the claims in the same order,
    of JudgedClaims: what `conflicts` judges to find the groups to show.

    Reads a fifth of the columns with the article alone joined, works out each fact
    key once for all the claims that share its fields, and makes a claim only of
    the subjects that can pair (two claims or more in a bucket, or a part-of link).
    """
    import itertools

    from claimtrack.crosscheck.grouping import bucket_key
    from claimtrack.crosscheck.identity import repeats_measure

    topics = dict(reader.rows("SELECT id, key FROM topic"))
    params: dict[str, Any] = {}
    conditions = [*claim_conditions(wanted, reader.dialect, params),
                  "claim.subject_key IS NOT NULL", "NOT claim.subject_inferred",
                  "(claim.topic_id IS NOT NULL OR claim.measure IS NOT NULL)"]
    rows = reader.rows(_JUDGING_SELECT + " WHERE " + " AND ".join(conditions) +
                       " ORDER BY claim.topic_id", params, stream=True)
    keys: dict[tuple, tuple | None] = {}
    articles: dict[int, _JudgedArticle] = {}
    for topic_id, topic_rows in itertools.groupby(rows, key=lambda row: row[2]):
        topic = topics.get(topic_id)
        buckets: dict[tuple, dict[str, list]] = {}
        for row in topic_rows:
            # The fact key of the fields it reads (from_value and period_start only as
            # present or not), worked out once for each combination; and whether the
            # subject only repeats the measure.
            fields = (topic_id, row[4], row[5], row[6], row[7] is None, row[8] is None,
                      row[9], row[10], row[13])
            try:
                key = keys[fields]
            except KeyError:
                key = keys[fields] = bucket_key(_KeyFields(
                    topic, row[4], row[5], row[6], None if row[7] is None else 1.0,
                    None if row[8] is None else date.min, row[9], row[10], row[13]))
            if key is not None and not (row[5] and repeats_measure(row[3], row[5])):
                try:
                    by_subject = buckets[key]
                except KeyError:
                    by_subject = buckets[key] = {}
                try:
                    by_subject[row[3]].append(row)
                except KeyError:
                    by_subject[row[3]] = [row]

        def judged(members: list, topic=topic) -> list:
            made = []
            for row in members:
                article = articles.get(row[1])
                if article is None:
                    article = articles[row[1]] = _JudgedArticle(
                        row[1], date_label(_day(row[23]), row[24]) or None, row[23])
                made.append(JudgedClaim(row, topic, article))
            # The "date" sort of find_claims: period start, else publication, nulls last.
            made.sort(key=_date_order)
            return made

        yield from _pairable(buckets, related, judged)


def _date_order(claim: JudgedClaim) -> tuple:
    day = claim.period_start or _day(claim.article.day)
    return (day is None, day or date.min, claim.id)


def claims_by_id(reader: Reader, ids: Iterable[int]) -> dict[int, PlainClaim]:
    """The listed claims (PlainClaim), read a few hundred at a time, by id."""
    ids = sorted(set(ids))
    builder = ClaimBuilder()
    found: dict[int, PlainClaim] = {}
    for start in range(0, len(ids), 500):
        params: dict[str, Any] = {}
        sql = (_LISTING_SELECT + " WHERE " +
               _in("claim.id", ids[start : start + 500], "claim_id", params))
        for claim in builder.claims(reader.rows(sql, params)):
            found[claim.id] = claim
    return found


def part_of(reader: Reader) -> dict[str, str]:
    """Each entity's larger entity (DeepSeek-V3 → DeepSeek), by canonical name."""
    return dict(reader.rows("SELECT entity.name, whole.name FROM entity "
                            "JOIN entity AS whole ON entity.part_of_id = whole.id"))


def place_names(reader: Reader) -> list[str]:
    """The names of the entities of kind place."""
    return reader.scalars("SELECT name FROM entity WHERE kind = 'place'")


def _in(column: str, values: Iterable, name: str, params: dict[str, Any]) -> str:
    """``column IN (:name_0, ...)``; a condition no row meets for no values."""
    names = []
    for number, value in enumerate(sorted(values)):
        params[f"{name}_{number}"] = value
        names.append(f":{name}_{number}")
    return f"{column} IN ({', '.join(names)})" if names else "1 = 0"


def _entity_or_written(id_column: str, ids, written_sql: str, written_name: str,
                       written: str | None, params: dict[str, Any]) -> str:
    """A subject or speaker filter: one of the entities ``ids``, or the name as written
    (``written_sql`` with its parameter); no row when neither is given."""
    either = []
    if ids:
        either.append(_in(f"claim.{id_column}", ids, id_column, params))
    if written:
        either.append(written_sql)
        params[written_name] = written
    return f"({' OR '.join(either)})" if either else "1 = 0"


def claim_conditions(wanted: ClaimFilter, dialect: str, params: dict[str, Any]) -> list[str]:
    """The SQL conditions of a ClaimFilter (their parameters go into ``params``)."""
    conditions = []
    if not wanted.include_overridden:
        conditions.append("claim.overridden_by_id IS NULL")
    if wanted.topic_ids is not None:
        conditions.append(_in("claim.topic_id", wanted.topic_ids, "topic_id", params))
    if wanted.subject_ids is not None or wanted.subject_key is not None:
        conditions.append(_entity_or_written(
            "subject_id", wanted.subject_ids,
            "(claim.subject_id IS NULL AND claim.subject_key = :subject_key)",
            "subject_key", wanted.subject_key, params))
    if wanted.speaker_ids is not None or wanted.speaker_text is not None:
        conditions.append(_entity_or_written(
            "speaker_id", wanted.speaker_ids, "lower(claim.speaker_name) = :speaker_text",
            "speaker_text", wanted.speaker_text and wanted.speaker_text.lower(), params))
    if wanted.article_ids is not None:
        conditions.append(_in("claim.article_id", wanted.article_ids, "article_id", params))
    if wanted.outlet:
        conditions.append("lower(article.outlet) LIKE :outlet ESCAPE '/'")
        params["outlet"] = "%" + like_escaped(wanted.outlet.lower()) + "%"
    if wanted.kind:
        conditions.append("claim.kind = :kind")
        params["kind"] = wanted.kind
    if wanted.status:
        conditions.append("claim.status = :status")
        params["status"] = wanted.status
    else:  # a rejected claim is no claim: shown only when asked for by status
        conditions.append("claim.status != 'rejected'")
    # Time filters use the period the figure refers to, else the publication date.
    if wanted.since:
        conditions.append("coalesce(claim.period_end, article.published) >= :since")
        params["since"] = wanted.since
    if wanted.until:
        conditions.append("coalesce(claim.period_start, article.published) <= :until")
        params["until"] = wanted.until
    if wanted.min_value is not None:
        conditions.append("coalesce(claim.value, claim.high) >= :min_value")
        params["min_value"] = wanted.min_value
    if wanted.max_value is not None:
        conditions.append("coalesce(claim.value, claim.low) <= :max_value")
        params["max_value"] = wanted.max_value
    if wanted.search:
        conditions.extend(search_conditions(alias_key(wanted.search), dialect, params))
    return conditions


#: Shortest text the trigram index can look up; shorter searches scan with LIKE.
FULLTEXT_MIN_CHARS = 3


def search_conditions(folded: str, dialect: str, params: dict[str, Any]) -> list[str]:
    """Claims whose folded sentence contains ``folded``.

    The LIKE is the definition (a substring, ASCII case aside); on SQLite the
    trigram index (claim_fts, migration 0004) first narrows the claims to those
    holding every three-character piece of the text, so LIKE reads only those.
    Text shorter than three characters has no trigram: LIKE alone, over every
    claim. PostgreSQL: LIKE alone.
    """
    params["search_text"] = "%" + like_escaped(folded) + "%"
    like = "claim.search_text LIKE :search_text ESCAPE '/'"
    if dialect != "sqlite" or len(folded) < FULLTEXT_MIN_CHARS:
        return [like]
    params["fulltext_phrase"] = '"' + folded.replace('"', '""') + '"'  # one literal phrase
    return ["claim.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH :fulltext_phrase)",
            like]


# --- Topics and entities ----------------------------------------------------------------


def taxonomy_with_counts(reader: Reader, *, topics: bool) -> list[dict]:
    """Every topic (topics=True) or entity with its names and its number of visible claims;
    then, for entities, the subjects claims state that no entity is."""
    owner, column = ("topic", "topic_id") if topics else ("entity", "subject_id")
    fields = ("key", "name", "name_zh", "kind") if topics else \
        ("name", "name_zh", "kind", "part_of_id")
    counted = list(reader.rows(
        f"SELECT {owner}.id, {', '.join(f'{owner}.{field}' for field in fields)}, "
        f"count(visible.id) FROM {owner} LEFT OUTER JOIN claim AS visible "
        f"ON visible.{column} = {owner}.id AND visible.overridden_by_id IS NULL "
        f"GROUP BY {owner}.id ORDER BY count(visible.id) DESC, {owner}.id"))
    # Every alias in one query, in code-point order on every backend.
    aliases: dict[int, list[str]] = {}
    for owner_id, alias in sorted(reader.rows(f"SELECT {owner}_id, alias FROM {owner}_alias")):
        aliases.setdefault(owner_id, []).append(alias)
    if topics:
        return [{"key": key, "name": name, "name_zh": name_zh, "kind": kind, "claims": count,
                 "aliases": aliases.get(id_, [])}
                for id_, key, name, name_zh, kind, count in counted]
    names = {row[0]: row[1] for row in counted}
    rows = [{"name": name, "name_zh": name_zh, "kind": kind, "claims": count,
             "part_of": names.get(part_of_id), "aliases": aliases.get(id_, [])}
            for id_, name, name_zh, kind, part_of_id, count in counted]
    rows.extend({"name": name, "name_zh": None, "kind": "unlisted", "claims": count,
                 "part_of": None, "aliases": written}
                for name, count, written in unlisted_subject_counts(reader))
    return rows


def unlisted_subject_counts(reader: Reader) -> list[tuple[str, int, list[str]]]:
    """Subjects claims state that no entity is: (a name, visible claims, every spelling),
    one per folded key (輝達 and 辉达 are one), most claims first."""
    spellings: dict[str, dict[str, tuple[int, int]]] = {}
    for key, name, count, first in reader.rows(
            "SELECT subject_key, subject_name, count(id), min(id) FROM claim "
            "WHERE subject_id IS NULL AND subject_name IS NOT NULL "
            "AND overridden_by_id IS NULL GROUP BY subject_key, subject_name"):
        spellings.setdefault(key, {})[name] = (count, first)
    rows = []
    for by_name in spellings.values():
        # The spelling most claims use names the subject; a tie goes to the one stored first.
        name = min(by_name, key=lambda written: (-by_name[written][0], by_name[written][1]))
        rows.append((name, sum(count for count, _ in by_name.values()), sorted(by_name)))
    return sorted(rows, key=lambda row: (-row[1], row[0]))
