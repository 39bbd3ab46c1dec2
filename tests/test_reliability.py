"""Reliability: crashes (SIGKILL mid-run), concurrent writers and readers, on real processes.

Each test runs the real CLI in subprocesses (python -m claimtrack) against real
databases: an SQLite file, and a PostgreSQL schema when a server is given.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from claimtrack import api
from claimtrack.curation import dump_curated_file
from claimtrack.extract import extract_claims
from tests.support.corpus import write_corpus
from tests.support.processes import claims_by_hash, claimtrack_process

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 300)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, int]:
    """What an uninterrupted ingest of the corpus stores: claims per article."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'reference.db'}"
    api.ingest([corpus], db=url)
    return claims_by_hash(url)


def _wait_for_articles(path: Path, at_least: int, process: subprocess.Popen) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the process finished before it could be killed")
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as connection:
                stored = connection.execute("SELECT count(*) FROM article").fetchone()[0]
        except sqlite3.OperationalError:
            stored = 0  # the schema is not there yet
        if stored >= at_least:
            return stored
        time.sleep(0.02)
    pytest.fail("ingest made no progress")


def _children(pid: int) -> list[int]:
    """The processes whose parent is pid (Linux's /proc; none found elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.parent.name))
    return found


def _wait_for_exit(pids: list[int]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":  # a zombie has exited; only its reaping is left
                alive.append(pid)
        if not alive:
            return
        time.sleep(0.1)
    pytest.fail(f"worker processes {alive} outlived their killed ingest")


def test_sigkill_mid_ingest_loses_nothing_and_a_rerun_completes(corpus, reference, tmp_path):
    path = tmp_path / "crash.db"
    url = f"sqlite:///{path}"
    process = claimtrack_process(str(path), "ingest", str(corpus), "-q")
    _wait_for_articles(path, 40, process)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    _wait_for_exit(workers)  # its worker processes do not wait for work forever
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # The full-text index, filled once per transaction, holds exactly the stored claims.
        connection.execute("INSERT INTO claim_fts(claim_fts) VALUES ('integrity-check')")
        assert connection.execute("SELECT count(*) FROM claim_fts_docsize").fetchone() == \
            connection.execute("SELECT count(*) FROM claim").fetchone()
        sentence = connection.execute("SELECT search_text FROM claim ORDER BY id DESC").fetchone()
    assert api.find_claims(db=url, search=sentence[0][:8].strip())
    stored = claims_by_hash(url)
    assert 40 <= len(stored) < len(reference)
    # Every stored article has exactly its claims: all of an article or none of it.
    assert {h: n for h, n in stored.items()} == {h: reference[h] for h in stored}
    rerun = claimtrack_process(str(path), "ingest", str(corpus), "-q")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert claims_by_hash(url) == reference


def _curated_corpus(corpus: Path, folder: Path, count: int) -> list[Path]:
    """One curated file per article, each quoting the article's first two figures."""
    folder.mkdir()
    files = []
    for article in sorted(corpus.glob("*.txt"))[:count]:
        text = article.read_text(encoding="utf-8")
        claims = extract_claims(text)[:2]
        entries = [{"quote": claim.surface, "occurrence": text.count(claim.surface, 0,
                                                                      claim.start) + 1,
                    "kind": claim.kind, "value": claim.value, "unit": claim.unit,
                    "note": f"checked {article.name}"} for claim in claims]
        path = folder / f"{article.stem}.yaml"
        path.write_text(dump_curated_file({"file": article.name}, entries), encoding="utf-8")
        files.append(path)
    return files


def test_sigkill_mid_curate_import_applies_whole_files_only(corpus, tmp_path):
    path = tmp_path / "curate.db"
    url = f"sqlite:///{path}"
    api.ingest([corpus], db=url)
    curated = tmp_path / "curated"
    files = _curated_corpus(corpus, curated, 300)
    process = claimtrack_process(str(path), "curate", "import", str(curated))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as connection:
            done = connection.execute(
                "SELECT count(DISTINCT curated_file) FROM claim WHERE curated_file IS NOT NULL"
            ).fetchone()[0]
        if done >= 20 or process.poll() is not None:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        per_file = dict(connection.execute(
            "SELECT curated_file, count(*) FROM claim WHERE curated_file IS NOT NULL "
            "GROUP BY curated_file").fetchall())
    assert 20 <= len(per_file) < len(files)
    assert set(per_file.values()) <= {2}  # each file whole, never half
    rerun = claimtrack_process(str(path), "curate", "import", str(curated))
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    with sqlite3.connect(path) as connection:
        assert connection.execute(
            "SELECT count(*) FROM claim WHERE curated_file IS NOT NULL").fetchone()[0] == 600


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_and_readers(db_url, corpus, reference, writers):
    articles = sorted(corpus.glob("*.txt"))[:60]
    # Overlapping inputs: each writer takes 30 articles, half shared with the next.
    slices = [articles[(15 * i) % 60 : (15 * i) % 60 + 30] for i in range(writers)]
    processes = [claimtrack_process(db_url, "ingest", "-q", *map(str, chunk)) for chunk in slices]
    readers_ok = 0
    while any(process.poll() is None for process in processes):
        for command in (("claims", "--limit", "5", "--format", "json"), ("conflicts", "--all")):
            reader = claimtrack_process(db_url, *command)
            out, err = reader.communicate(timeout=120)
            assert reader.returncode == 0, err
            readers_ok += 1
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "Traceback" not in err
    stored = claims_by_hash(db_url)
    expected = {article.read_text(encoding="utf-8") for chunk in slices for article in chunk}
    assert len(stored) == len(expected)  # every article once: none lost, none doubled
    assert stored == {h: reference[h] for h in stored}  # and each with exactly its claims
    assert readers_ok >= 2
