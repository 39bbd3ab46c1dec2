"""The extraction benchmark runs with or without its peers (figures are never asserted)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

from tests.conftest import REPO, SEEDS

EXTRACT_SPEED = REPO / "benchmarks" / "extract_speed.py"
SMALL = ["--lang", "zh", "--size-mb", "0.02", "--runs", "1"]


def _run(*args: str) -> str:
    result = subprocess.run([sys.executable, str(EXTRACT_SPEED), *SMALL, *args],
                            capture_output=True, text=True, check=True)
    return result.stdout


def test_extract_speed_reports_each_peer_measured_or_not_installed_and_carries_on():
    data = json.loads(_run("--json"))
    [peer] = data["corpora"]["zh"]["peers"]
    assert peer["call"] == "jionlp.ner.extract_money"
    installed = importlib.util.find_spec("jionlp") is not None
    assert peer["status"] == ("measured" if installed else "not installed")
    assert ("mb_per_second" in peer.get("peer", {})) == installed
    assert data["corpora"]["zh"]["claimtrack"]["found"] > 0  # claimtrack measured regardless
    table = _run()
    assert "jionlp.ner.extract_money" in table
    assert ("requirements-peers.txt" in table) == (not installed)


def test_extract_speed_without_peers_lists_none():
    data = json.loads(_run("--json", "--no-peers"))
    assert data["corpora"]["zh"]["peers"] == []


def test_corpus_ingest_prints_each_figure_and_the_ratio_to_its_floor(tmp_path):
    kept = tmp_path / "kept.db"
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus_ingest.py"),
                             str(SEEDS), "--runs", "1", "--jobs", "1", "--floor",
                             "--keep", str(kept)],
                            capture_output=True, text=True, check=True)
    for figure in ("wall s", "CPU s", "peak MB", "sum MB", "articles/s", "MB/s", "load",
                   "floor, one process", "wall / floor", "CPU / floor"):
        assert figure in result.stdout
    assert kept.exists()


def test_compare_ingests_finds_the_same_ingest_same_and_a_changed_claim(tmp_path):
    import sqlite3

    from claimtrack import api

    compare = [sys.executable, str(REPO / "tools" / "compare_ingests.py")]
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    api.ingest([SEEDS], db=str(one), jobs=1)
    api.ingest([SEEDS], db=str(two), jobs=2)
    same = subprocess.run([*compare, str(one), str(two)], capture_output=True, text=True)
    assert same.returncode == 0 and same.stdout.endswith("same\n")
    with sqlite3.connect(two) as connection:
        connection.execute("UPDATE claim SET value = value + 1 WHERE id = "
                           "(SELECT min(id) FROM claim WHERE value IS NOT NULL)")
    changed = subprocess.run([*compare, str(one), str(two)], capture_output=True, text=True)
    assert changed.returncode == 1 and "value:" in changed.stdout
