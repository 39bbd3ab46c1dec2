"""The library surface: what the CLI calls, and what Python users call too.

Every function takes the database as ``db`` (a path, an SQLAlchemy URL, or
None for ``CLAIMTRACK_DB`` / ./claimtrack.db) or as an already open Engine.

>>> from claimtrack import api
>>> report = api.ingest(["seeds"], db="demo.db")        # doctest: +SKIP
>>> [a.title for a in api.articles(db="demo.db")]     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from claimtrack.errors import ClaimtrackError, InputError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from claimtrack.schemas import ArticleMeta, StoredArticle

FileStatus = Literal["added", "updated", "unchanged", "failed"]


@dataclass(frozen=True)
class FileOutcome:
    """What ingest did with one file."""

    path: str
    status: FileStatus
    article_id: int | None = None
    title: str | None = None
    language: str | None = None
    error: str | None = None


@dataclass
class IngestReport:
    """Every file's outcome, in the order the files were read."""

    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: FileStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]


def open_database(db: str | Engine | None = None) -> Engine:
    """An Engine on the database, brought to the current schema if it is new."""
    from sqlalchemy import Engine

    from claimtrack.config import database_url
    from claimtrack.db.migrate import ensure_schema
    from claimtrack.db.session import engine_for

    engine = db if isinstance(db, Engine) else engine_for(database_url(db))
    ensure_schema(engine)
    return engine


def sync_taxonomy(db: str | Engine | None = None) -> None:
    """Load topics.yaml and entities.yaml from the data folder into the database."""
    from claimtrack.db.session import session_scope
    from claimtrack.db.store import sync_taxonomy as store_taxonomy
    from claimtrack.taxonomy import load_taxonomy

    engine = open_database(db)
    taxonomy = load_taxonomy()
    with session_scope(engine, write=True) as session:
        store_taxonomy(session, taxonomy)


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | Engine | None = None,
    overrides: ArticleMeta | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> IngestReport:
    """Read article files and folders into the database, one transaction per article.

    A file that cannot be read is reported (status "failed", with the one-line
    reason) and the others are still ingested. Re-ingesting a stored text adds
    nothing; metadata the new read states updates the stored article.
    """
    from sqlalchemy.exc import IntegrityError

    from claimtrack.articles import iter_article_paths, read_article
    from claimtrack.db.session import session_scope
    from claimtrack.db.store import store_article

    engine = open_database(db)
    sync_taxonomy(engine)
    report = IngestReport()

    def record(outcome: FileOutcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    for path in _paths_with_missing_reported(paths, iter_article_paths, record):
        try:
            article = read_article(path, overrides)
        except InputError as error:
            record(FileOutcome(str(path), "failed", error=str(error)))
            continue
        for attempt in (1, 2):
            try:
                with session_scope(engine, write=True) as session:
                    stored, status = store_article(session, article)
                    outcome = FileOutcome(
                        article.path, status, stored.id, stored.title, stored.language.value
                    )
                break
            except IntegrityError:
                # Another writer stored the same text between our read and insert:
                # the second attempt finds it and only merges the metadata.
                if attempt == 2:
                    raise
        record(outcome)
    return report


def _paths_with_missing_reported(paths, iterate, record):
    """Walk each given path on its own, so one missing path does not stop the others."""
    for raw in paths:
        try:
            yield from iterate([raw])
        except ClaimtrackError as error:
            record(FileOutcome(str(raw), "failed", error=str(error)))


def articles(*, db: str | Engine | None = None) -> list[StoredArticle]:
    """Every stored article, oldest first."""
    from claimtrack.db.session import session_scope
    from claimtrack.db.store import list_articles
    from claimtrack.schemas import StoredArticle

    engine = open_database(db)
    with session_scope(engine) as session:
        return [StoredArticle.from_model(article) for article in list_articles(session)]


@dataclass(frozen=True)
class ExtractedFile:
    """The claims found in one file (or standard input, path "-")."""

    path: str
    claims: list
    language: str


def extract_file(
    path: str | Path,
    *,
    lang: str | None = None,
    published: str | None = None,
    stdin_text: str | None = None,
) -> ExtractedFile:
    """Read one article file (with its sidecar and front matter) and extract its claims.

    ``lang`` and ``published`` (YYYY[-MM[-DD]]) override what the file's metadata
    says; ``path`` "-" reads ``stdin_text``. Needs no database.
    """
    from claimtrack.articles import read_article
    from claimtrack.errors import MetadataError
    from claimtrack.extract import extract_claims
    from claimtrack.lang.hanzi import detect_language
    from claimtrack.schemas import ArticleMeta

    try:
        overrides = ArticleMeta.from_mapping(
            {k: v for k, v in {"date": published, "lang": lang}.items() if v is not None}
        )
    except ValueError as error:
        raise MetadataError(f"bad option: {' '.join(str(error).split())}") from None
    if str(path) == "-":
        text = stdin_text or ""
        language = overrides.language or detect_language(text) or "en"
        when, author = overrides.published, None
    else:
        article = read_article(path, overrides)
        text, language = article.text, article.language
        when = article.meta.published
        author = (article.meta.authors or [None])[0]
    claims = extract_claims(text, lang=language, published=when, author=author)
    return ExtractedFile(str(path), claims, language)
