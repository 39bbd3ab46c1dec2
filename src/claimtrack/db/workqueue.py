"""A shared ingest: N processes, on one machine or many, dividing one file list through PostgreSQL.

`claimtrack ingest --queue NAME PATHS` on every machine. The design, and why:

- **Work items are files, in a table** (ingest_item: queue, path, state). Every
  process adds the paths it walked (INSERT ... ON CONFLICT DO NOTHING, so the
  same list given to N processes is one list), then takes pending items a
  batch at a time with ``SELECT ... FOR UPDATE SKIP LOCKED``: two processes
  never take the same item, none waits for another, and a fast machine simply
  takes more batches than a slow one. A deterministic ``--shard i/n`` was the
  other choice: it needs no table, but every machine must know n and its i, a
  slow or dead machine's share waits for that machine, and a rerun must repeat
  the same i/n.
- **A claim is a row lock, held by the transaction that stores the batch.**
  The process reads and extracts the claimed files while their rows stay
  locked, then stores the articles and marks the items done in that same
  transaction and commits. So an item is done exactly when its article and
  all its claims are stored; a process killed at any point leaves its items
  pending and unlocked (PostgreSQL ends its transaction when the connection
  drops), with nothing of them half-written, and a rerun, or any process still
  running, takes them (a process stops only when no item is pending, waiting
  while the only pending items are locked by others). There is no claimed_at
  lease to time out and no stale claim to clean up.
- **No duplicate article even from two paths with one text**: the article
  table's unique content_hash, with INSERT ... ON CONFLICT DO NOTHING, makes a
  second process that inserts a text another has just stored wait for that
  commit and then find it stored (the article is then reported unchanged or
  updated, and its claims are not stored twice). New articles are inserted in
  content-hash order so that two such writers wait for each other in one order
  and never deadlock.
- **The queue is named**, and a name is one job: a rerun with the same name
  completes it; a later ingest of the same folder (new files, edited sidecars)
  takes a new name, or no --queue at all. Without --queue, ingest is what it
  was (on SQLite always: an SQLite file is one machine's database and has no
  row locks).

Everything here is PostgreSQL-only SQL except what the models describe.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Sequence

from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from claimtrack.db.models import Article, IngestItem, IngestState, utc_now

#: Paths added per transaction when a process puts its file list into the queue.
ADD_CHUNK = 1000


def worker_name() -> str:
    """This process as the queue records it: host:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def add_paths(engine: Engine, queue: str, paths: Iterable[str]) -> int:
    """Put paths into the queue (those already there are left as they are); returns how many."""
    count = 0
    chunk: list[str] = []

    def flush() -> None:
        # Sorted: two processes adding the same paths take the unique index's
        # locks in one order, so one waits for the other instead of deadlocking.
        rows = [{"queue": queue, "path": path, "state": IngestState.pending}
                for path in sorted(set(chunk))]
        with engine.begin() as connection:
            connection.execute(pg_insert(IngestItem).on_conflict_do_nothing(
                index_elements=["queue", "path"]), rows)

    for path in paths:
        chunk.append(path)
        count += 1
        if len(chunk) >= ADD_CHUNK:
            flush()
            chunk = []
    if chunk:
        flush()
    return count


def claim(session: Session, queue: str, limit: int) -> list[IngestItem]:
    """Lock up to ``limit`` pending items no other transaction holds, oldest first.

    The locks last until the session's transaction ends: commit it with the
    items' articles stored and the items finished.
    """
    return list(session.scalars(
        select(IngestItem)
        .where(IngestItem.queue == queue, IngestItem.state == IngestState.pending)
        .order_by(IngestItem.id)
        .limit(limit)
        .with_for_update(skip_locked=True)))


def finish(item: IngestItem, worker: str, *, article_id: int | None = None,
           error: str | None = None) -> None:
    """Mark a claimed item done (its article stored) or failed (the file could not be read)."""
    item.state = IngestState.failed if error is not None else IngestState.done
    item.article_id, item.error = article_id, error
    item.worker, item.finished_at = worker, utc_now()


def insert_new_articles(session: Session, rows: Sequence[dict]) -> dict[str, int]:
    """Insert articles, skipping texts another process stored meanwhile: {content_hash: id}.

    Only the rows this transaction inserted are returned; a text another
    transaction is inserting is waited for, then skipped.
    """
    ordered = sorted(rows, key=lambda row: row["content_hash"])
    result = session.execute(
        pg_insert(Article).on_conflict_do_nothing(index_elements=["content_hash"])
        .returning(Article.id, Article.content_hash), ordered)
    return {content_hash: article_id for article_id, content_hash in result}


def progress(engine: Engine, queue: str) -> dict[str, int]:
    """How many of a queue's items are pending, done and failed."""
    from sqlalchemy import func

    with engine.connect() as connection:
        rows = connection.execute(
            select(IngestItem.state, func.count()).where(IngestItem.queue == queue)
            .group_by(IngestItem.state)).all()
    counts = {state.value: 0 for state in IngestState}
    counts.update({IngestState(state).value: count for state, count in rows})
    return counts
