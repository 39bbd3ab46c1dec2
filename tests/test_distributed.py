"""Several processes, standing in for machines, ingesting one file list into one PostgreSQL
database with `claimtrack ingest --queue NAME` (issue 14): the real CLI in subprocesses.

No duplicates, each file taken by one process, and SIGKILL at any moment loses
nothing: a rerun (or a process still running) finishes the work with the counts
of an uninterrupted run.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from claimtrack import api
from claimtrack.cli import main
from claimtrack.db.models import Article, IngestItem, IngestState
from claimtrack.db.models import Claim as ClaimRow
from claimtrack.db.session import engine_for
from tests.conftest import PG_URL_VAR, REPO, SEEDS
from tests.support.corpus import write_corpus
from tests.support.processes import claims_by_hash, claimtrack_process

ARTICLES = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, ARTICLES)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, int]:
    """Claims per article (by content hash) of one uninterrupted ingest without a queue."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'reference.db'}"
    api.ingest([corpus], db=url)
    return claims_by_hash(url)


def _duplicates(url: str) -> tuple[int, int]:
    """(articles stored twice by content hash, claims stored twice by article and span)."""
    with engine_for(url).connect() as connection:
        articles = connection.execute(select(func.count()).select_from(
            select(Article.content_hash).group_by(Article.content_hash)
            .having(func.count() > 1).subquery())).scalar_one()
        claims = connection.execute(select(func.count()).select_from(
            select(ClaimRow.article_id).group_by(
                ClaimRow.article_id, ClaimRow.span_start, ClaimRow.span_end)
            .having(func.count() > 1).subquery())).scalar_one()
    return articles, claims


def _items(url: str, **where) -> int:
    with engine_for(url).connect() as connection:
        query = select(func.count()).select_from(IngestItem).filter_by(**where)
        return connection.execute(query).scalar_one()


def _files_taken(output: str) -> int:
    """The files one process reports it took (its totals line)."""
    return int(re.search(r"^(\d+) files?:", output, re.M).group(1))


def _wait(condition, process) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the process finished before it could be killed")
        try:
            if condition():
                return
        except Exception:  # the schema is not there yet
            pass
        time.sleep(0.05)
    pytest.fail("ingest made no progress")


def test_two_processes_divide_the_files_and_store_what_one_stores(pg_url, corpus, reference):
    processes = [claimtrack_process(pg_url, "ingest", "-q", "--jobs", "1", "--queue", "run-1",
                             str(corpus)) for _ in range(2)]
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "Traceback" not in err
        outputs.append(out)
    assert claims_by_hash(pg_url) == reference  # every article once, each with its claims
    assert _duplicates(pg_url) == (0, 0)
    # Each file was taken by exactly one of them.
    assert sum(_files_taken(out) for out in outputs) == ARTICLES
    assert _items(pg_url, queue="run-1", state=IngestState.done) == ARTICLES
    # The last to finish sees the whole queue done.
    assert any(f"queue: {ARTICLES} files, 0 pending, {ARTICLES} done, 0 failed" in out
               for out in outputs)


def test_sigkill_mid_run_then_a_rerun_gives_the_counts_of_a_clean_run(pg_url, corpus,
                                                                       reference):
    def stored_some() -> bool:
        return _items(pg_url, state=IngestState.done) >= 40

    process = claimtrack_process(pg_url, "ingest", "-q", "--jobs", "2", "--queue", "run-2",
                          str(corpus))
    _wait(stored_some, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    stored = claims_by_hash(pg_url)
    assert 40 <= len(stored) < len(reference)
    # Whole articles only, and an item is done exactly when its article is stored.
    assert stored == {content_hash: reference[content_hash] for content_hash in stored}
    assert _items(pg_url, state=IngestState.done) == len(stored)
    rerun = claimtrack_process(pg_url, "ingest", "-q", "--jobs", "2", "--queue", "run-2",
                               str(corpus))
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert _files_taken(out) == ARTICLES - len(stored)  # only what the killed one left
    assert claims_by_hash(pg_url) == reference
    assert _duplicates(pg_url) == (0, 0)
    assert _items(pg_url, state=IngestState.pending) == 0


def test_a_process_killed_beside_another_leaves_its_files_to_the_survivor(pg_url, corpus,
                                                                          reference):
    victim, survivor = (claimtrack_process(pg_url, "ingest", "-q", "--jobs", "1",
                                           "--queue", "run-3", str(corpus)) for _ in range(2))

    def victim_stored_some() -> bool:
        return _items(pg_url, worker=f"{_host()}:{victim.pid}") > 0

    _wait(victim_stored_some, victim)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    out, err = survivor.communicate(timeout=600)
    assert survivor.returncode == 0, err
    assert claims_by_hash(pg_url) == reference
    assert _duplicates(pg_url) == (0, 0)
    assert _items(pg_url, queue="run-3", state=IngestState.done) == ARTICLES


def test_one_text_at_two_paths_taken_by_two_processes_is_one_article(pg_url, corpus,
                                                                      reference, tmp_path):
    # Each text twice, in two folders read in turn: the two copies of one text
    # are claimed in different batches, often by the two processes at once.
    texts = sorted(corpus.glob("*.txt"))[:120]
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for path in texts:
            (tmp_path / folder / path.name).write_bytes(path.read_bytes())
    # With workers: two batches in flight in each process.
    processes = [claimtrack_process(pg_url, "ingest", "-q", "--jobs", "2", "--queue", "run-4",
                             str(tmp_path / "a"), str(tmp_path / "b")) for _ in range(2)]
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    stored = claims_by_hash(pg_url)
    assert len(stored) == len(texts)
    assert stored == {content_hash: reference[content_hash] for content_hash in stored}
    assert _duplicates(pg_url) == (0, 0)
    assert _items(pg_url, queue="run-4", state=IngestState.done) == 2 * len(texts)


def test_a_queue_is_one_job_and_a_new_name_reads_the_files_again(pg_url, seeds_copy):
    def ingest(queue: str) -> str:
        result = CliRunner().invoke(main, ["--db", pg_url, "ingest", "-q", "--jobs", "1",
                                           "--queue", queue, str(seeds_copy)])
        assert result.exit_code == 0, result.output
        return result.stdout

    assert ingest("june").startswith("5 files: 5 added")
    # The same name again: the job is done, nothing is read.
    again = ingest("june")
    assert again.startswith("0 files: 0 added, 0 updated, 0 unchanged, 0 failed")
    assert "queue: 5 files, 0 pending, 5 done, 0 failed" in again
    # A new name is a new job: every file is read again, an edited sidecar updates.
    sidecar = next(seeds_copy.glob("000_*.meta.yaml"))
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(
        "outlet: 侠客岛", "outlet: 侠客岛 (WeChat)"), encoding="utf-8")
    assert ingest("july").startswith("5 files: 0 added, 1 updated, 4 unchanged, 0 failed")


def _host() -> str:
    import socket

    return socket.gethostname()


def test_a_queue_on_sqlite_is_refused_in_one_line(sqlite_cli, db_path):
    result = sqlite_cli("ingest", "--queue", "run-1", str(SEEDS))
    assert result.exit_code == 1
    assert "--queue divides the files between processes sharing a PostgreSQL database" in (
        result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert not db_path.exists()


def test_the_benchmark_finds_no_duplicates_and_a_rerun_completes():
    """benchmarks/distributed_ingest.py, small: its checks print yes and 0 (times are not read)."""
    base = os.environ.get(PG_URL_VAR)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_URL_VAR} (see README)")
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "distributed_ingest.py"), base,
         "--articles", "300", "--processes", "2", "--kill-at", "0.2", "--no-baseline"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    [row] = [line.split() for line in result.stdout.splitlines() if line.strip().startswith("2 ")]
    assert (row[6], row[8]) == ("300", "0")  # articles, duplicates
    assert "every stored article whole: yes" in result.stdout
    assert "duplicates 0 + 0" in result.stdout
    assert "claims per article: yes" in result.stdout


def test_a_process_whose_pending_files_are_all_locked_waits_for_them(pg_url, seeds_copy):
    """The race a SIGKILL beside another process can hit: the survivor runs out of
    files it can take while the other still holds its last batch. It must wait for
    that batch (stored by the other, or released when the other dies), not stop with
    files pending. Here a transaction of the test holds one file's lock."""
    from sqlalchemy.orm import Session

    from claimtrack.articles import iter_article_paths
    from claimtrack.db import workqueue

    upgraded = CliRunner().invoke(main, ["--db", pg_url, "db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    engine = engine_for(pg_url)
    paths = [str(path) for path in iter_article_paths([seeds_copy])]
    workqueue.add_paths(engine, "locked", paths)
    holder = Session(engine)
    holder.begin()
    [held] = workqueue.claim(holder, "locked", 1)  # as another process's batch would be
    held_path = held.path
    process = claimtrack_process(pg_url, "ingest", "-q", "--jobs", "1", "--queue", "locked",
                                 str(seeds_copy))
    try:
        _wait(lambda: _items(pg_url, queue="locked", state=IngestState.done) == len(paths) - 1,
              process)
        time.sleep(2.0)  # several looks at the queue
        assert process.poll() is None, "stopped with a file pending"
        assert _items(pg_url, queue="locked", state=IngestState.pending) == 1
    finally:
        holder.rollback()  # the other process dies: its lock is released
        holder.close()
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert _items(pg_url, queue="locked", state=IngestState.done) == len(paths)
    assert held_path in paths
