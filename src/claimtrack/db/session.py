"""Engines and sessions, made in one place and passed in.

This module is the one place with SQLite-only SQL (marked below): the PRAGMAs
every SQLite connection gets (WAL journal, foreign keys, a busy timeout for
concurrent writers) and explicit BEGIN statements, because Python's sqlite3
module otherwise runs DDL outside any transaction and starts write
transactions too late to wait for a busy writer. Everything else is portable
to PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

SQLITE_BUSY_TIMEOUT_MS = 30_000


# --- SQLite only: the one place this project issues SQLite-specific SQL. ---
def _sqlite_on_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_on_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(connection) -> None:
    # A writer takes the write lock at BEGIN (IMMEDIATE) so that a second writer
    # waits out the busy timeout instead of failing when it upgrades its lock.
    mode = "IMMEDIATE" if connection.get_execution_options().get("claimtrack_write") else ""
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def sqlite_set_foreign_keys(connection, enabled: bool) -> None:
    """Switch SQLite's foreign-key enforcement, outside any transaction (it is a no-op inside).

    Migrations switch it off: SQLite's batch mode rebuilds a table by dropping
    it, which would cascade-delete the rows that point at it (review log rows).
    """
    dbapi_connection = connection.connection.dbapi_connection
    dbapi_connection.execute(f"PRAGMA foreign_keys={'ON' if enabled else 'OFF'}")


def sqlite_backup(engine: Engine, target) -> None:
    """Copy a live SQLite database page by page (SQLite's online backup), safe while in use."""
    import sqlite3

    with engine.connect() as connection:
        source = connection.connection.dbapi_connection
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)
        finally:
            destination.close()


@contextmanager
def sqlite_fulltext_filled_after(connection) -> Iterator[None]:
    """Inside the caller's write transaction: the claims inserted in the block are added to
    the full-text index in one statement at its end, not one trigger call per row.

    Through the per-row trigger (claim_fts_insert, migration 0004) the index cost
    14 s of the 24 s SQLite spent storing the development corpus (9,387 articles,
    92,899 claims, 64 articles a transaction); one INSERT ... SELECT over the new
    ids per transaction does the same indexing in 2.6 s. The trigger is dropped and
    made again, from its own stored SQL, in the same transaction, so every other
    connection sees it always there, and a transaction rolled back or killed leaves
    the index exactly matching the claims.
    Holding the write lock, no other connection inserts claims meanwhile.
    """
    trigger = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'claim_fts_insert'"
    ).scalar()
    if trigger is None:  # no full-text index in this database
        yield
        return
    last = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM claim").scalar()
    connection.exec_driver_sql("DROP TRIGGER claim_fts_insert")
    yield
    connection.exec_driver_sql(trigger)
    connection.exec_driver_sql("INSERT INTO claim_fts(rowid, search_text) "
                               "SELECT id, search_text FROM claim WHERE id > ?", (last,))


def sqlite_foreign_key_violations(connection) -> list:
    """Rows whose foreign keys point nowhere (empty when the database is consistent)."""
    return list(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())
# --- end of SQLite-only SQL ---


# --- PostgreSQL only: the one place this project issues PostgreSQL-specific SQL. ---
MIGRATION_LOCK_KEY = 0x636C61696D  # "claim": one advisory lock for schema changes


def postgresql_lock_migrations(connection) -> None:
    """Make concurrent claimtrack processes migrate one at a time (held to commit)."""
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")


def postgresql_advance_id_sequences(connection, tables: list[str]) -> None:
    """After rows were inserted with their own ids, make the next generated id follow them."""
    for table in tables:
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}")
# --- end of PostgreSQL-only SQL ---


def engine_for(url: str) -> Engine:
    """An Engine for a URL; SQLite connections get WAL, foreign keys and a busy timeout."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine with transactions that take the write lock at once (SQLite)."""
    return engine.execution_options(claimtrack_write=True)


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """A session committed at the end of the block and rolled back on error.

    ``write=True`` for a unit of work that writes, so SQLite serialises writers.
    """
    bind = writer(engine) if write else engine
    with Session(bind, expire_on_commit=False) as session, session.begin():
        yield session
