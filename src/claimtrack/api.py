"""The library surface: what the CLI calls, and what Python users call too.

Every function takes the database as ``db`` (a path, an SQLAlchemy URL, or
None for ``CLAIMTRACK_DB`` / ./claimtrack.db) or as an already open Engine
(``open_database``), and the same filters as the command line. Results are
pydantic models (StoredClaim, StoredArticle, crosscheck Group and Pair,
ComparisonRow); the README's "Python API" section is a tested example.

>>> from claimtrack import api
>>> report = api.ingest(["seeds"], db="demo.db")        # doctest: +SKIP
>>> [a.title for a in api.articles(db="demo.db")]     # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from claimtrack.errors import ClaimtrackError, InputError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from claimtrack.schemas import ArticleMeta, ComparisonRow, StoredArticle

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
    claims: int = 0


@dataclass
class IngestReport:
    """Every file's outcome, in the order the files were read."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    #: For a shared ingest (--queue): the queue's items by state when this process ended.
    queue: dict[str, int] | None = None

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
    from sqlalchemy.exc import IntegrityError

    from claimtrack.db.session import session_scope
    from claimtrack.db.store import sync_taxonomy as store_taxonomy
    from claimtrack.taxonomy import load_taxonomy

    engine = open_database(db)
    taxonomy = load_taxonomy()
    for attempt in (1, 2):
        try:
            with session_scope(engine, write=True) as session:
                store_taxonomy(session, taxonomy)
            return
        except IntegrityError:
            # Another process stored the same names first (PostgreSQL lets both
            # read the empty tables): the second attempt finds and updates them.
            if attempt == 2:
                raise


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | Engine | None = None,
    overrides: ArticleMeta | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    jobs: int = 1,
    batch_size: int = 64,
    queue: str | None = None,
) -> IngestReport:
    """Read article files and folders into the database with the claims found in them.

    ``jobs`` worker processes read and extract (1: in this process); this process
    alone writes, ``batch_size`` articles to a transaction, so that an article is
    stored with all its claims or not at all. Files are streamed, never all held
    at once. A file that cannot be read is reported (status "failed", with the
    one-line reason) and the others are still ingested. Re-ingesting a stored
    text adds nothing; metadata the new read states updates the stored article.

    ``queue`` (PostgreSQL only) names a shared ingest: every process given the
    same name and files divides them with the others through the database, and
    a rerun finishes what a killed one left (claimtrack.db.workqueue says how).
    The report then holds the files this process took.
    """
    from sqlalchemy import select

    from claimtrack.articles import iter_article_paths
    from claimtrack.db.claims import Names
    from claimtrack.db.models import Article
    from claimtrack.db.session import session_scope

    if queue is not None:
        _refuse_a_queue_on_sqlite(db)
    engine = open_database(db)
    sync_taxonomy(engine)
    with session_scope(engine) as session:
        names = Names.load(session)
        known = set(session.scalars(select(Article.content_hash)).all())
    report = IngestReport()

    def record(outcome: FileOutcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    files = _paths_with_missing_reported(paths, iter_article_paths, record)
    if queue is not None:
        from claimtrack.db.workqueue import progress

        _ingest_from_queue(engine, files, queue, overrides=overrides, known=known,
                           names=names, jobs=jobs, batch_size=batch_size, record=record)
        report.queue = progress(engine, queue)
        return report
    if jobs > 1:
        engine.dispose(close=False)  # forked workers must not share its connections
    batch: list = []
    for prepared in _prepare_all(files, overrides, known, jobs):
        if isinstance(prepared, FileOutcome):
            record(prepared)
            continue
        batch.append(prepared)
        if len(batch) >= batch_size:
            _store_batch(engine, batch, names, record)
            batch = []
    if batch:
        _store_batch(engine, batch, names, record)
    return report


def _prepare_all(files, overrides, known: set[str], jobs: int):
    """(article, claims or None) for each readable file, or a failed FileOutcome, in order."""
    if jobs <= 1:
        _PREPARE_STATE.update(overrides=overrides, known=known)
        yield from map(_prepare, files)
        return
    from collections import deque

    # At most this many files are read ahead of the writer. Pool.imap has no such
    # bound: when the writer is the slower side, its results pile up in this
    # process (ingesting 100,000 articles with --jobs 2 grew it past 640 MB).
    ahead = _READ_AHEAD_PER_JOB * jobs
    with _worker_pool(overrides, known, jobs) as pool:
        pending: deque = deque()
        for path in files:
            pending.append(pool.submit(_prepare, str(path)))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_READ_AHEAD_PER_JOB = 64


# How long a process whose queue's pending items are all locked by others waits
# before it looks again (they are committed by a live process, or released when a
# killed one's connection drops).
_PEER_POLL_SECONDS = 0.5


def _ingest_from_queue(engine, files, queue: str, *, overrides, known: set[str], names,
                       jobs: int, batch_size: int, record) -> None:
    """Add the files to the named queue, then store batches claimed from it until none is left.

    Each batch is claimed in its own transaction, which keeps the items locked
    while workers read and extract them and then stores their articles and
    marks them done: a kill at any moment leaves whole batches stored and the
    rest pending. With workers, two batches are in flight so that they extract
    one while this process stores the other. Claiming stops only when no item of
    the queue is pending at all: when every pending item is locked by another
    process, this one waits (_PEER_POLL_SECONDS between looks) until the other
    commits them or dies and PostgreSQL releases them, so a survivor takes the
    items of a process killed beside it even when it ran out of work first.
    """
    import time
    from collections import deque

    from sqlalchemy.orm import Session

    from claimtrack.db import workqueue
    from claimtrack.db.session import writer

    workqueue.add_paths(engine, queue, (str(path) for path in files))
    worker = workqueue.worker_name()
    if jobs > 1:
        engine.dispose(close=False)  # forked workers must not share its connections
    in_flight: deque = deque()
    try:
        with _batch_preparer(overrides, known, jobs) as prepare:
            while True:
                while len(in_flight) < (2 if jobs > 1 else 1):
                    session = Session(writer(engine), expire_on_commit=False)
                    session.begin()
                    items = workqueue.claim(session, queue, batch_size)
                    if not items:
                        session.close()
                        break
                    in_flight.append((session, items, prepare([item.path for item in items])))
                if not in_flight:
                    if not workqueue.progress(engine, queue)["pending"]:
                        return
                    time.sleep(_PEER_POLL_SECONDS)  # locked by another process: wait
                    continue
                session, items, pending = in_flight.popleft()
                with session:
                    outcomes = _store_claimed(session, items, pending(), names, worker)
                    session.commit()
                for outcome in outcomes:
                    record(outcome)
    finally:
        for session, _, _ in in_flight:  # on an error: give the claimed items back
            session.close()


def _refuse_a_queue_on_sqlite(db) -> None:
    from sqlalchemy import Engine
    from sqlalchemy.engine import make_url

    from claimtrack.config import database_url
    from claimtrack.errors import DatabaseError

    url = db.url if isinstance(db, Engine) else make_url(database_url(db))
    if url.get_backend_name() != "postgresql":
        raise DatabaseError("--queue divides the files between processes sharing a "
                            "PostgreSQL database; an SQLite file is one machine's: "
                            "ingest into it without --queue")


def _store_claimed(session, items: list, prepared: list, names, worker: str) -> list:
    """Store the claimed items' articles and mark each item done or failed (no commit)."""
    from claimtrack.db import workqueue

    batch, failed = [], []
    for item, result in zip(items, prepared, strict=True):
        if isinstance(result, FileOutcome):
            workqueue.finish(item, worker, error=result.error)
            failed.append(result)
        else:
            batch.append(result)
    outcomes = _store_articles(session, batch, names, workqueue.insert_new_articles)
    ids = {outcome.path: outcome.article_id for outcome in outcomes}
    for item in items:
        if item.path in ids:
            workqueue.finish(item, worker, article_id=ids[item.path])
    order = {item.path: index for index, item in enumerate(items)}
    return sorted(outcomes + failed, key=lambda outcome: order.get(outcome.path, 0))


@contextmanager
def _batch_preparer(overrides, known: set[str], jobs: int):
    """prepare(paths) -> a callable giving each path's _prepare result: in worker processes
    when jobs > 1 (started at once), else here when called."""
    if jobs <= 1:
        _PREPARE_STATE.update(overrides=overrides, known=known)
        yield lambda paths: lambda: [_prepare(path) for path in paths]
        return
    with _worker_pool(overrides, known, jobs) as pool:
        def prepare(paths):
            futures = [pool.submit(_prepare, str(path)) for path in paths]
            return lambda: [future.result() for future in futures]

        yield prepare


@contextmanager
def _worker_pool(overrides, known: set[str], jobs: int):
    """``jobs`` worker processes that run _prepare; on an error, the files not yet begun
    are dropped.

    concurrent.futures, not multiprocessing.Pool: Pool's worker-handling thread
    wakes whenever a result waits to be read and spins until the result thread
    has read it, which took 5.6 s of the writer process's 20 s of CPU on the
    development corpus (and the GIL from the writer meanwhile).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    if context.get_start_method() == "fork":
        # Load the grammar and the Chinese tagger's dictionary (a second or two)
        # once, here: every forked worker shares them instead of loading its own.
        from claimtrack.extract import warm_up

        warm_up()
    # Every worker is started here, before the caller opens a connection: a process
    # forked later would inherit the connection (on PostgreSQL, a killed ingest's
    # socket would stay open in its workers, and with it the locks of its batch).
    # The executor starts a worker per task while none is idle; none can be while
    # each waits in its initializer for all of them.
    started = context.Barrier(jobs)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                               initargs=(overrides, known, started, os.getpid()))
    try:
        for future in [pool.submit(os.getpid) for _ in range(jobs)]:
            future.result()
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


_PREPARE_STATE: dict = {}


def _init_worker(overrides, known: set[str], started=None, parent: int | None = None) -> None:
    _PREPARE_STATE.update(overrides=overrides, known=known)
    if parent is not None:
        import threading

        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    if started is not None:
        started.wait()


def _exit_when_orphaned(parent: int) -> None:
    """A worker of an ingest that was killed (SIGKILL) would wait for work forever,
    holding its memory: it exits within a second of losing its parent."""
    import time

    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _prepare(path):
    """Read one file and, if its text is new, extract its claims (runs in a worker)."""
    from claimtrack.articles import read_article

    try:
        article = read_article(path, _PREPARE_STATE.get("overrides"))
    except InputError as error:
        return FileOutcome(str(path), "failed", error=str(error))
    if article.content_hash in _PREPARE_STATE.get("known", ()):
        return article, None  # stored already: only its metadata may change
    try:
        return article, _extract_article(article)
    except Exception as error:  # noqa: BLE001 (a bug of the extractor, reported per file)
        # One article the extractor cannot read fails alone, named in one line; the
        # other files of the ingest go on (the bug is then reproducible with
        # `claimtrack --debug extract FILE`).
        return FileOutcome(str(path), "failed", error=(
            f"{path}: claims could not be extracted (internal error, "
            f"{type(error).__name__}: {error}); `claimtrack --debug extract {path}` shows where"))


def _store_batch(engine, batch: list, names, record) -> None:
    """Store a batch of read articles in one transaction; new ones in bulk with their claims.

    If another writer stored one of the texts meanwhile, the batch is rolled
    back and stored again article by article, each finding what is there.
    """
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from claimtrack.db.models import Article
    from claimtrack.db.session import session_scope

    def insert_all(session, rows) -> dict[str, int]:
        result = session.execute(insert(Article).returning(Article.id, Article.content_hash),
                                 rows)
        return {content_hash: article_id for article_id, content_hash in result}

    try:
        with session_scope(engine, write=True) as session:
            outcomes = _store_articles(session, batch, names, insert_all)
    except IntegrityError:
        for article, claims in batch:
            _store_one(engine, article, claims, names, record)
        return
    for outcome in outcomes:
        record(outcome)


def _store_articles(session, batch: list, names, insert_all) -> list[FileOutcome]:
    """Store read articles in the session's transaction: their outcomes, in the batch's order.

    New texts are inserted by ``insert_all(session, rows) -> {content_hash: id}``
    with their claims; a text it did not insert (another writer stored it) and
    a text stored already are looked up, their metadata updated.
    """
    from sqlalchemy import select

    from claimtrack.db.claims import store_extracted_many
    from claimtrack.db.models import Article
    from claimtrack.db.store import article_values, store_article

    outcomes = []
    hashes = {article.content_hash for article, _ in batch}
    stored = {row.content_hash: row for row in session.scalars(
        select(Article).where(Article.content_hash.in_(hashes)))}
    new_rows, new_articles, pending = [], {}, []
    for article, claims in batch:
        if article.content_hash in stored or article.content_hash in new_articles:
            pending.append(article)
            continue
        values = article_values(article)
        new_rows.append(values)
        new_articles[article.content_hash] = (article, claims, values)
    ids = insert_all(session, new_rows) if new_rows else {}
    claims_by_article = {}
    for content_hash, (article, claims, values) in new_articles.items():
        if content_hash not in ids:
            pending.append(article)
            continue
        claims = claims if claims is not None else _extract_article(article)
        claims_by_article[ids[content_hash]] = claims
        outcomes.append(FileOutcome(article.path, "added", ids[content_hash],
                                    values["title"], article.language, claims=len(claims)))
    store_extracted_many(session, claims_by_article, names)
    # In content-hash order, as new texts are inserted: two writers updating the
    # same articles lock them in one order.
    for article in sorted(pending, key=lambda article: article.content_hash):
        row, status = store_article(session, article)
        outcomes.append(FileOutcome(article.path, status, row.id, row.title,
                                    row.language.value))
    order = {article.path: index for index, (article, _) in enumerate(batch)}
    return sorted(outcomes, key=lambda outcome: order[outcome.path])


def _store_one(engine, article, claims, names, record) -> None:
    """One article in its own transaction, retried once if another writer got there first."""
    from sqlalchemy.exc import IntegrityError

    from claimtrack.db.claims import store_extracted
    from claimtrack.db.session import session_scope
    from claimtrack.db.store import store_article

    for attempt in (1, 2):
        try:
            with session_scope(engine, write=True) as session:
                stored, status = store_article(session, article)
                count = 0
                if status == "added":
                    claims = claims if claims is not None else _extract_article(article)
                    count = len(store_extracted(session, stored, claims, names))
                outcome = FileOutcome(article.path, status, stored.id, stored.title,
                                      stored.language.value, claims=count)
            break
        except IntegrityError:
            if attempt == 2:
                raise
    record(outcome)


def _extract_article(article) -> list:
    """The claims of an article read from disk, with its language, date and first author."""
    from claimtrack.extract import extract_claims

    return extract_claims(article.text, published=article.meta.published,
                          author=(article.meta.authors or [None])[0],
                          published_precision=article.meta.published_precision or "day",
                          **_locale(article.language, article.meta))


def _locale(language: str, meta) -> dict:
    """lang and currency for extract_claims: what a bare 元 is in this article.

    The metadata's currency: first, then the region of its language tag
    (zh-Hant-TW), then its outlet (lang/units.yaml outlet_currencies).
    """
    from claimtrack.extract.locale import outlet_currency

    region = getattr(meta, "region", None)
    tag = f"{language}-{region}" if region and language != "en" else language
    currency = getattr(meta, "currency", None)
    if currency is None and region is None and language != "en":
        currency = outlet_currency(meta.outlet)
    return {"lang": tag, "currency": currency}


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
class ArticleText:
    """A stored article with its text (claim spans index it) and where its body starts."""

    article: StoredArticle
    text: str
    body_start: int


def article_texts(*, db: str | Engine | None = None) -> Iterator[ArticleText]:
    """Every stored article with its text, oldest first, read a few at a time (one transaction)."""
    from sqlalchemy import select

    from claimtrack.db.models import Article
    from claimtrack.db.session import session_scope
    from claimtrack.schemas import StoredArticle

    engine = open_database(db)
    with session_scope(engine) as session:
        for article in session.scalars(select(Article).order_by(Article.id)
                                       .execution_options(yield_per=64)):
            yield ArticleText(StoredArticle.from_model(article), article.text, article.body_start)


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
    currency: str | None = None,
    stdin_text: str | None = None,
) -> ExtractedFile:
    """Read one article file (with its sidecar and front matter) and extract its claims.

    ``lang``, ``published`` (YYYY[-MM[-DD]]) and ``currency`` (what a bare 元 is)
    override what the file's metadata says; ``path`` "-" reads ``stdin_text``. Needs no database.
    """
    from claimtrack.articles import read_article
    from claimtrack.errors import MetadataError
    from claimtrack.extract import extract_claims
    from claimtrack.lang.hanzi import detect_language
    from claimtrack.schemas import ArticleMeta

    try:
        overrides = ArticleMeta.from_mapping(
            {k: v for k, v in {"date": published, "lang": lang, "currency": currency}.items()
             if v is not None}
        )
    except ValueError as error:
        raise MetadataError(f"bad option: {' '.join(str(error).split())}") from None
    if str(path) == "-":
        text = stdin_text or ""
        language = overrides.language or detect_language(text) or "en"
        when, author, meta = overrides.published, None, overrides
        precision = overrides.published_precision or "day"
    else:
        article = read_article(path, overrides)
        text, language, meta = article.text, article.language, article.meta
        when = article.meta.published
        precision = article.meta.published_precision or "day"
        author = (article.meta.authors or [None])[0]
    claims = extract_claims(text, published=when, author=author,
                            published_precision=precision, **_locale(language, meta))
    return ExtractedFile(str(path), claims, language)


def find_claims(
    *,
    db: str | Engine | None = None,
    topic: str | None = None,
    subject: str | None = None,
    speaker: str | None = None,
    article: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_value: float | None = None,
    max_value: float | None = None,
    search: str | None = None,
    sort: str = "article",
    limit: int | None = None,
    plain: bool = False,
) -> list:
    """Stored claims matching every given filter (overridden claims are hidden).

    Topic, subject and speaker match any name of a topic or entity in any script
    or case (训练成本, 訓練成本, training_cost, "training cost"); an unknown name
    raises UnknownNameError with the nearest names. ``since`` and ``until``
    (YYYY[-MM[-DD]]) compare with the period the figure refers to, else the
    publication date. ``search`` looks for text in the claim's sentence, in
    either script. Returns StoredClaim models; ``plain=True`` returns
    db.read.PlainClaim objects instead (the same attributes and as_record(),
    without pydantic: what the command line prints).
    """
    from claimtrack.collector import paused
    from claimtrack.db import lookup, read

    with paused(), read.connect(db) as reader:
        wanted = lookup.resolve_filter(reader, read.ClaimFilter(
            outlet=outlet, kind=kind, status=status, min_value=min_value, max_value=max_value,
            search=search,
        ), topic=topic, subject=subject, speaker=speaker, article=article, since=since,
            until=until)
        claims = read.find_claims(reader, wanted, sort=sort, limit=limit)
        return claims if plain else stored_claims(claims)


def stored_claims(claims: Iterable) -> list:
    """PlainClaims as StoredClaim models (one ArticleRef per article), checked by nothing:
    they are claimtrack's own rows."""
    from claimtrack.records import ArticleRef, StoredClaim

    articles: dict[int, ArticleRef] = {}
    made = []
    for claim in claims:
        article = articles.get(id(claim.article))
        if article is None:
            article = articles[id(claim.article)] = ArticleRef.model_construct(
                **claim.article.as_record())
        made.append(StoredClaim.model_construct(**{**claim.fields(), "article": article}))
    return made


def show_claim(claim_id: int, *, db: str | Engine | None = None):
    """One claim, its article's text around it and its review history: (StoredClaim, reviews)."""
    from claimtrack.db.claims import get_claim, stored_claim
    from claimtrack.db.session import session_scope
    from claimtrack.errors import UnknownClaimError

    engine = open_database(db)
    with session_scope(engine) as session:
        row = get_claim(session, claim_id)
        if row is None:
            raise UnknownClaimError(claim_id)
        reviews = [
            {"at": review.at, "field": review.field, "old": review.old_value,
             "new": review.new_value, "reviewer": review.reviewer, "note": review.note}
            for review in row.reviews
        ]
        # The sentence split around the figure, for highlighting.
        text = row.article.text
        sentence_start = text.rfind(row.sentence, 0, row.span_end)
        if sentence_start < 0 or sentence_start + len(row.sentence) < row.span_end:
            before, after = "", ""
        else:
            before = text[sentence_start : row.span_start]
            after = text[row.span_end : sentence_start + len(row.sentence)]
        return stored_claim(row), reviews, (before, row.surface, after)


def taxonomy_with_counts(*, topics: bool, db: str | Engine | None = None) -> list[dict]:
    """Every topic (topics=True) or entity with its names and its number of claims.

    A read: it lists the taxonomy as the database holds it, which every command
    that stores claims (ingest, curate import, claim add, reextract) first
    brings up to date with topics.yaml and entities.yaml.
    """
    from claimtrack.db import read

    with read.connect(db) as reader:
        return read.taxonomy_with_counts(reader, topics=topics)


# --- Hand curation ----------------------------------------------------------------


def default_curated_dir() -> Path:
    """./data/curated when the working directory has one, else the shipped data folder's."""
    from claimtrack.resources import data_dir

    local = Path("data") / "curated"
    return local if local.is_dir() else data_dir() / "curated"


@dataclass
class CurateImportResult:
    """Every curated file's report, and the one-line errors of the files left unapplied."""

    reports: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def curate_import(path: str | Path | None = None, *,
                  db: str | Engine | None = None) -> CurateImportResult:
    """Apply curated files (a file or a folder, default data/curated), one transaction each.

    A file that fails (bad YAML, unknown key, a quote not in its article, an
    unknown name) changes nothing and is reported; the other files are applied.
    Running it twice changes nothing the second time.
    """
    from claimtrack.curation import curated_paths, read_curated_file
    from claimtrack.db.review import import_curated
    from claimtrack.db.session import session_scope

    root = Path(path) if path is not None else default_curated_dir()
    engine = open_database(db)
    sync_taxonomy(engine)
    result = CurateImportResult()
    for file in curated_paths(root):
        label = file.relative_to(root).as_posix() if root.is_dir() else file.name
        try:
            curated = read_curated_file(file)
            with session_scope(engine, write=True) as session:
                result.reports.append(import_curated(session, curated, path=file, label=label))
        except ClaimtrackError as error:
            result.errors.append(str(error))
    return result


def curate_export(directory: str | Path | None = None, *,
                  db: str | Engine | None = None) -> list[Path]:
    """Write every hand-changed claim to curated files, one per file it came from or article.

    Claims curated from a file go back to that file; claims reviewed or edited
    from the command line go to <article file name>.yaml. Returns the files written.
    """
    from claimtrack.curation import dump_curated_file
    from claimtrack.db.review import curated_entry, hand_changed_claims
    from claimtrack.db.session import session_scope

    target = Path(directory) if directory is not None else Path("data") / "curated"
    engine = open_database(db)
    files: dict[str, list] = {}
    with session_scope(engine) as session:
        for claim in hand_changed_claims(session):
            article = claim.article
            label = claim.curated_file or f"{Path(article.source_path).stem}.yaml"
            entry = curated_entry(claim, article)
            entry["article"] = {"file": Path(article.source_path).name}
            files.setdefault(label, []).append(entry)
    written = []
    for label, entries in sorted(files.items()):
        articles = {entry["article"]["file"] for entry in entries}
        shared = None
        if len(articles) == 1:
            shared = entries[0]["article"]
            for entry in entries:
                del entry["article"]
        path = target / label
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_curated_file(shared, entries), encoding="utf-8")
        written.append(path)
    return written


def claim_add(article: str, quote: str, *, occurrence: int = 1, fields: dict | None = None,
              note: str | None = None, db: str | Engine | None = None) -> int:
    """Add a hand-made claim quoting an article; returns its id."""
    from claimtrack.curation import CuratedClaim, CuratedFile
    from claimtrack.db.review import ReviewError, import_curated
    from claimtrack.db.session import session_scope
    from claimtrack.errors import MetadataError

    engine = open_database(db)
    sync_taxonomy(engine)
    with session_scope(engine, write=True) as session:
        from claimtrack.db.models import Article

        ids = sorted(_resolve_article(session, article))
        if len(ids) != 1:
            raise MetadataError(f"article {article!r} names {len(ids)} articles; use its id")
        stored = session.get(Article, ids[0])
        _refuse_a_second_claim_at(session, stored, quote, occurrence)
        try:
            item = CuratedClaim(quote=quote, occurrence=occurrence, note=note,
                                article={"file": Path(stored.source_path).name},
                                **(fields or {}))
        except ValueError as error:
            raise MetadataError(" ".join(str(error).split())) from None
        try:
            report = import_curated(session, CuratedFile(claims=[item]), path=article,
                                    label=None)
        except ReviewError as error:
            raise MetadataError(str(error)) from None
        return (report.added or report.changed or report.left)[0]


def _refuse_a_second_claim_at(session, article, quote: str, occurrence: int) -> None:
    """A figure is one claim: adding one where a visible claim stands is an error."""
    from sqlalchemy import select

    from claimtrack.curation import find_quote
    from claimtrack.db.models import Claim as ClaimRow
    from claimtrack.errors import MetadataError

    start = find_quote(article.text, quote, occurrence, article.body_start)
    if start is None:
        raise MetadataError(f"quote {quote!r} is not in article {article.id} "
                            f"({Path(article.source_path).name})")
    existing = session.scalars(select(ClaimRow.id).where(
        ClaimRow.article_id == article.id, ClaimRow.span_start == start,
        ClaimRow.span_end == start + len(quote), ClaimRow.overridden_by_id.is_(None))).first()
    if existing is not None:
        raise MetadataError(f"claim {existing} already stands for {quote!r} there; "
                            f"change it with `claimtrack claim edit {existing}`")


def claim_edit(claim_id: int, changes: dict, *, note: str | None = None,
               db: str | Engine | None = None) -> list[str]:
    """Change fields of a claim (subject, topic, value, period...), logging each change."""
    from claimtrack.db.claims import get_claim
    from claimtrack.db.review import ReviewError, change_claim
    from claimtrack.db.session import session_scope
    from claimtrack.errors import MetadataError, UnknownClaimError

    engine = open_database(db)
    with session_scope(engine, write=True) as session:
        claim = get_claim(session, claim_id)
        if claim is None:
            raise UnknownClaimError(claim_id)
        try:
            return change_claim(session, claim, changes, note=note, reviewer=_reviewer())
        except ReviewError as error:
            raise MetadataError(str(error)) from None


def _reviewer() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container
        return None


def reextract(articles: Iterable[str] = (), *, all_articles: bool = False,
              db: str | Engine | None = None) -> list:
    """Run this claimtrack's extractor again over stored articles, one transaction each.

    Untouched extracted claims are replaced; claims a person curated, reviewed or
    edited are kept, and a new claim at the span of one is linked to it.
    """
    from sqlalchemy import select

    from claimtrack.db.claims import Names
    from claimtrack.db.models import Article
    from claimtrack.db.review import replace_extracted
    from claimtrack.db.session import session_scope
    from claimtrack.extract import extract_claims
    from claimtrack.schemas import StoredArticle

    engine = open_database(db)
    sync_taxonomy(engine)
    with session_scope(engine) as session:
        if all_articles:
            ids = list(session.scalars(select(Article.id).order_by(Article.id)).all())
        else:
            ids = sorted({found for reference in articles
                          for found in _resolve_article(session, reference)})
        names = Names.load(session)
    reports = []
    for article_id in ids:
        with session_scope(engine) as session:
            article = session.get(Article, article_id)
            meta = StoredArticle.from_model(article)
            claims = extract_claims(article.text, published=meta.published,
                                    author=(meta.authors or [None])[0],
                                    published_precision=meta.published_precision,
                                    **_locale(meta.language, meta))
        with session_scope(engine, write=True) as session:
            reports.append(replace_extracted(session, session.get(Article, article_id), claims,
                                             names))
    return reports


# --- Cross-checking ---------------------------------------------------------------


def conflicts(*, db: str | Engine | None = None, topic: str | None = None,
              subject: str | None = None, since: str | None = None, until: str | None = None,
              tolerance: float | None = None, include_all: bool = False,
              plain: bool = False, worded: int | None = None) -> list:
    """Groups of claims about one fact with a verdict per pair (crosscheck.Group).

    By default only the groups with a conflict, a date conflict or a scale slip;
    ``include_all`` adds the consistent ones, those not compared (different
    periods or dates) and the possibly-same-fact groups. Claims of one article
    are never compared with each other. The groups hold StoredClaim models;
    ``plain=True`` leaves them db.read.PlainClaim objects (see find_claims).
    ``worded=N`` (with ``plain``, without ``include_all``): only the first N groups
    get their claims in full and all their pairs with reasons; the others hold
    their claims' figures and their pairs up to the first conflict (has_conflict is
    right, verdict may not be): what a terminal table counts but does not show.
    """
    from claimtrack.collector import paused
    from claimtrack.crosscheck import DEFAULT_TOLERANCE
    from claimtrack.crosscheck.grouping import crosscheck_buckets, folded_parents
    from claimtrack.crosscheck.verdicts import CONFLICTING
    from claimtrack.db import lookup, read

    tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
    with paused(), read.connect(db) as reader:
        parents = read.part_of(reader)
        parent_keys = folded_parents(parents)
        related = set(parent_keys) | set(parent_keys.values())
        wanted = lookup.resolve_filter(reader, read.ClaimFilter(), topic=topic,
                                       subject=subject, since=since, until=until)
        judging = dict(parents=parents, rates=exchange_rates(), tolerance=tolerance,
                       as_of=as_of_topics(), places=_places_of(reader),
                       parent_keys=parent_keys)
        groups = None
        if not include_all:
            # The pairs judged without words over the few columns judging reads, each
            # group up to its first conflict; then the groups to show made again of full
            # claims, their pairs worded. A possibly-same-fact group (part-of links) is
            # never a conflict: the first pass leaves the links out.
            judged = crosscheck_buckets(
                read.judging_buckets(reader, wanted, related=set()),
                keep=lambda group: group.has_conflict, reasons=False,
                enough=lambda pair: pair.verdict in CONFLICTING,
                **{**judging, "parent_keys": {}})
            shown = judged if worded is None or not plain else judged[:worded]
            made = _worded_groups(reader, shown, judging)
            if made is not None:
                groups = made + judged[len(shown):]
        if groups is None:  # everything, or the database changed between the two passes
            # Streamed a topic at a time; only the groups to show are kept.
            groups = crosscheck_buckets(
                read.crosscheck_buckets(reader, wanted, related=related),
                keep=None if include_all else (lambda group: group.has_conflict), **judging)
        if not plain:
            for group in groups:
                group.claims = stored_claims(group.claims)
        return groups


def _worded_groups(reader, judged: list, judging: dict) -> list | None:
    """The groups judged on read.JudgedClaims, made again of full claims with their
    reasons, in the same order; None when they do not come out the same (the claims
    changed in between)."""
    from claimtrack.crosscheck.grouping import bucket_key, crosscheck_buckets
    from claimtrack.db import read

    def signature(group) -> tuple:
        return group.related, tuple(claim.id for claim in group.claims)

    full = read.claims_by_id(reader, (claim.id for group in judged for claim in group.claims))
    buckets: dict[tuple, dict[str, list]] = {}
    for group in judged:
        # A group holds every claim of each of its subjects in its bucket, in order.
        by_subject: dict[str, list] = {}
        for claim in group.claims:
            by_subject.setdefault(claim.subject_key, []).append(claim)
        bucket = buckets.setdefault(bucket_key(group.claims[0]), {})
        for subject, members in by_subject.items():
            if subject not in bucket:
                if any(claim.id not in full for claim in members):
                    return None
                bucket[subject] = [full[claim.id] for claim in members]
    wanted = {signature(group) for group in judged}
    made = crosscheck_buckets(sorted(buckets.items(), key=lambda item: item[0]),
                              chosen=lambda group: signature(group) in wanted, **judging)
    # (A group of the first pass holds its pairs up to its first conflict only: its
    # verdict may be another conflicting one than the whole group's.)
    if [signature(group) for group in made] != [signature(group) for group in judged] or \
            not all(group.has_conflict for group in made):
        return None
    return made


def save_conflicts(groups: list, *, tolerance: float | None = None,
                   db: str | Engine | None = None) -> int:
    """Store every pair of these groups in crosscheck_pair, replacing what was saved before.

    One transaction: a reader (the conflict_pairs view) sees the old pairs or
    the new ones, never a mix. Returns the number of pairs stored.
    """
    from claimtrack.crosscheck import DEFAULT_TOLERANCE
    from claimtrack.db.crosscheck import replace_saved_pairs
    from claimtrack.db.session import session_scope

    engine = open_database(db)
    with session_scope(engine, write=True) as session:
        return replace_saved_pairs(session, groups,
                                   DEFAULT_TOLERANCE if tolerance is None else tolerance)


def cross_check(claims: list, *, db: str | Engine | None = None,
                tolerance: float | None = None, reasons: bool = True) -> list:
    """Every group of the given claims that may speak of one fact, each pair with its verdict
    (and its reason, unless ``reasons=False``).

    Uses the database's part-of links between entities and data/rates.yaml.
    """
    from claimtrack.crosscheck import DEFAULT_TOLERANCE, crosscheck

    return crosscheck(claims, parents=_part_of(db), rates=exchange_rates(),
                      tolerance=DEFAULT_TOLERANCE if tolerance is None else tolerance,
                      as_of=as_of_topics(), places=_places(db), reasons=reasons)


def compare(topic: str, *, db: str | Engine | None = None, subject: str | None = None,
            tolerance: float | None = None, plain: bool = False) -> list[ComparisonRow]:
    """Every claim on a topic, grouped by subject, statement and period, against a reference.

    The reference of a group is its verified claim if it has one, otherwise the
    median of the other claims' figures (labelled so). The rows hold StoredClaim
    models; ``plain=True`` leaves them db.read.PlainClaim objects (see find_claims).
    """
    from claimtrack.collector import paused

    with paused():
        claims = find_claims(db=db, topic=topic, subject=subject, sort="date", plain=True)
        # The table marks the claims in a conflict: the verdicts alone, no pair's reason.
        rows = comparison_rows(claims, cross_check(claims, db=db, tolerance=tolerance,
                                                   reasons=False), tolerance=tolerance)
        if not plain:
            for row, claim in zip(rows, stored_claims(row.claim for row in rows), strict=True):
                row.claim = claim
        return rows


def comparison_rows(claims: list, groups: list, *,
                    tolerance: float | None = None) -> list[ComparisonRow]:
    """The comparison table of claims (in date order) given their cross_check groups."""
    import statistics

    from claimtrack.crosscheck import DEFAULT_TOLERANCE
    from claimtrack.crosscheck.grouping import claim_period, conflicting_claim_ids, constructed
    from claimtrack.crosscheck.identity import scope_key, statement_of, subject_key
    from claimtrack.crosscheck.intervals import reference_value
    from claimtrack.export.crosscheck import interval_text
    from claimtrack.schemas import ComparisonRow

    tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
    in_conflict = conflicting_claim_ids(groups)
    by_group: dict[tuple, list] = {}
    labels: dict[tuple, tuple[str, str]] = {}
    for claim in claims:
        # The fact identity of the cross-check (subject and scope folded, a from→to claim
        # a change), then the stated period: one table section per fact.
        key = (subject_key(claim) or "", statement_of(claim), scope_key(claim),
               claim.unit or "", claim_period(claim) or "")
        by_group.setdefault(key, []).append(claim)
        labels.setdefault(key, (claim.subject or "", claim.scope or ""))
    def point(claim) -> float | None:
        """A figure that stands for one value (exact or approximate); bounds have none."""
        if claim.kind == "date" or claim.qualifier not in ("exact", "approx"):
            return None
        return reference_value(claim)

    rows = []
    for key in sorted(by_group):
        members = by_group[key]
        verified = [c for c in members if c.status == "verified" and point(c) is not None]
        for claim in members:
            value = point(claim)
            if not key[0]:  # claims about no named subject are not one fact
                reference, label = None, ""
            elif verified and claim not in verified:
                reference, label = point(verified[0]), f"verified claim {verified[0].id}"
            else:
                others = [point(c) for c in members if c is not claim and point(c) is not None]
                reference = statistics.median(others) if others else None
                label = f"median of {len(others)} other" + ("s" if len(others) != 1 else "") \
                    if others else ""
            deviation = None
            if value is not None and reference:
                deviation = (value - reference) / abs(reference)
            subject, scope = labels[key]
            subject_label = subject or "(no subject)"
            scope_label = f" · {scope}" if scope else ""
            period = f", {key[4]}" if key[4] else ""
            # The cross-check's own values: nothing to validate.
            rows.append(constructed(ComparisonRow, dict(
                claim=claim, group=f"{subject_label} · {key[1]}{scope_label}{period}",
                reference=reference,
                reference_label=label, deviation=deviation,
                conflicting=claim.id in in_conflict,
                interval=interval_text(claim, tolerance),
            )))
    return rows


def _places(db) -> frozenset[str]:
    """The subjects that are places: the entities of kind place, and the towns and
    cities of lang/places_zh.txt (a subject the entity data does not list)."""
    from claimtrack.db import read

    with read.connect(db) as reader:
        return _places_of(reader)


def _places_of(reader) -> frozenset[str]:
    from claimtrack.db import read
    from claimtrack.extract.names import gazetteer, name_rules

    return frozenset([*read.place_names(reader), *gazetteer(), *name_rules().places])


def _part_of(db) -> dict[str, str | None]:
    """Each entity's larger entity (DeepSeek-V3 → DeepSeek), by canonical name."""
    from claimtrack.db import read

    with read.connect(db) as reader:
        return read.part_of(reader)


def _resolve_article(session, reference: str) -> set[int]:
    """Article ids for an id, a file name or path, a URL, or a content-hash prefix."""
    from claimtrack.db import lookup, read

    return lookup.resolve_article(read.Reader.over(session.connection()), reference)


def as_of_topics() -> frozenset[str]:
    """The keys of the topics marked ``as_of: true`` in topics.yaml: figures that hold on a
    day (a share price, a market value), so that levels on two days are a change over
    time, not a conflict."""
    from claimtrack.taxonomy import as_of_topics as flagged

    return flagged()


def exchange_rates():
    """The dated exchange rates of data/rates.yaml (a RateTable), the only way currencies meet."""
    from claimtrack.crosscheck import RateTable
    from claimtrack.crosscheck.rates import RATES_FILE
    from claimtrack.resources import data_dir

    return RateTable.load(data_dir() / RATES_FILE)


# --- Export and import ------------------------------------------------------------


def export_data(fmt: str = "jsonl", output: str | Path | None = None, *,
                db: str | Engine | None = None, stream=None) -> dict[str, int]:
    """Write the whole database (claimtrack.archive) as jsonl, json or csv; counts per section.

    ``output`` is a file (a folder for csv); without it, ``stream`` (default
    standard output) receives jsonl or json. One read transaction, so the export
    is a consistent snapshot even while others write.
    """
    import sys

    from claimtrack import __version__, archive
    from claimtrack.db.session import session_scope
    from claimtrack.db.transfer import export_sections
    from claimtrack.errors import MetadataError

    if fmt not in archive.ARCHIVE_FORMATS:
        raise MetadataError(f"unknown export format {fmt!r}; use one of "
                            f"{', '.join(archive.ARCHIVE_FORMATS)}")
    if fmt == "csv" and output is None:
        raise MetadataError("csv writes one file per section: give a folder with --output")
    engine = open_database(db)
    about = archive.header(__version__)
    with session_scope(engine) as session:
        sections = export_sections(session)
        if fmt == "csv":
            return archive.write_csv(sections, Path(output), about)
        writer = archive.write_jsonl if fmt == "jsonl" else archive.write_json
        if output is None:
            return writer(sections, stream or sys.stdout, about)
        with open(output, "w", encoding="utf-8") as out:
            return writer(sections, out, about)


def import_data(path: str | Path, *, db: str | Engine | None = None):
    """Load an export (any of its formats) into an empty database, in one transaction.

    Returns db.transfer.ImportCounts. A malformed file, a dangling reference or a
    database that is not empty raises a ClaimtrackError naming the file and line
    (or record) and leaves the database as it was.
    """
    from claimtrack.archive import read_archive
    from claimtrack.db.session import postgresql_advance_id_sequences, session_scope
    from claimtrack.db.store import sync_taxonomy as store_taxonomy
    from claimtrack.db.transfer import import_records
    from claimtrack.taxonomy import load_taxonomy

    engine = open_database(db)
    taxonomy = load_taxonomy()
    with session_scope(engine, write=True) as session:
        store_taxonomy(session, taxonomy)
        counts = import_records(session, read_archive(path))
        if engine.dialect.name == "postgresql":
            postgresql_advance_id_sequences(session.connection(),
                                            ["article", "claim", "review_log"])
    return counts


# --- ClaimReview ------------------------------------------------------------------

REVIEWED_STATUSES = ("verified", "disputed")


def reviewed_claims(*, db: str | Engine | None = None,
                    statuses: Iterable[str] = REVIEWED_STATUSES) -> list:
    """The claims a person has given one of ``statuses``, each as a schemas.ReviewedClaim
    with its article, the review's author, time and note (for ClaimReview)."""
    import json

    from sqlalchemy import select
    from sqlalchemy.orm import joinedload

    from claimtrack.db.claims import stored_claim
    from claimtrack.db.models import Claim as ClaimRow
    from claimtrack.db.models import Entity, ReviewLog, Topic
    from claimtrack.db.review import CURATED_FILE_REVIEWER
    from claimtrack.db.session import session_scope
    from claimtrack.errors import MetadataError
    from claimtrack.schemas import ReviewedClaim, StoredArticle

    statuses = list(statuses)
    wrong = [status for status in statuses if status not in REVIEWED_STATUSES]
    if wrong:
        raise MetadataError(f"a ClaimReview states a verdict: status {wrong[0]!r} is none; use "
                            f"{' or '.join(REVIEWED_STATUSES)}")
    engine = open_database(db)
    with session_scope(engine) as session:
        kinds = dict(session.execute(select(Entity.name, Entity.kind)).all())
        topic_names = dict(session.execute(select(Topic.key, Topic.name)).all())
        rows = session.scalars(select(ClaimRow).where(
            ClaimRow.status.in_(statuses), ClaimRow.overridden_by_id.is_(None))
            .options(joinedload(ClaimRow.article), joinedload(ClaimRow.subject),
                     joinedload(ClaimRow.topic), joinedload(ClaimRow.speaker))
            .order_by(ClaimRow.id)).all()
        log: dict[int, list] = {}
        for entry in session.scalars(select(ReviewLog).where(
                ReviewLog.claim_id.in_([row.id for row in rows])).order_by(ReviewLog.id)):
            log.setdefault(entry.claim_id, []).append(entry)
        reviewed = []
        for row in rows:
            claim = stored_claim(row)
            # The entry that gave the claim its status (the latest); a claim a curated
            # file made with its status has only its "created" entry.
            decisive = None
            for entry in log.get(row.id, []):
                if (entry.field == "status" and entry.new_value == json.dumps(claim.status)) \
                        or (entry.field == "created" and decisive is None):
                    decisive = entry
            reviewer = decisive.reviewer if decisive is not None else None
            at = decisive.at if decisive is not None else row.updated_at
            reviewed.append(ReviewedClaim(
                claim=claim, article=StoredArticle.from_model(row.article),
                topic_name=topic_names.get(claim.topic),
                speaker_kind=kinds[claim.speaker].value if claim.speaker in kinds else None,
                reviewer=None if reviewer == CURATED_FILE_REVIEWER else reviewer,
                reviewed_at=at, note=decisive.note if decisive is not None else None,
            ))
        return reviewed


# --- The report site ---------------------------------------------------------------


def write_report(folder: str | Path, *, db: str | Engine | None = None,
                 tolerance: float | None = None):
    """Write the static HTML report into ``folder`` (replacing an earlier one) or nothing.

    Returns a report.site.ReportSummary (pages written, topics, articles, conflicts).
    """
    from claimtrack.report.site import write_report as write

    return write(folder, db=db, tolerance=tolerance)
