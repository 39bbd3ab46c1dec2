"""The extraction benchmark runs with or without its peers (figures are never asserted)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

from tests.conftest import REPO

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
