"""Long listings: a terminal table shows its first rows and says how many it leaves out;
every other format writes every row (issue 14: 40,000 rows are no table to read)."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from claimtrack.export import TABLE_MAX_ROWS
from tests.conftest import REPO


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """A database of generated articles with more claims than a table shows."""
    from click.testing import CliRunner

    from claimtrack.cli import main

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from corpus import write_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    folder = tmp_path_factory.mktemp("long")
    write_corpus(folder / "corpus", 60)
    db = str(folder / "long.db")

    def cli(*args):
        result = CliRunner().invoke(main, ["--db", db, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    cli("ingest", "-q", str(folder / "corpus"))
    return cli


def _table_ids(output: str) -> list[int]:
    return [int(line.split()[1]) for line in output.splitlines()
            if line.startswith("│ ") and line.split()[1].isdigit()]


def test_a_long_claims_table_shows_its_first_rows_and_counts_the_rest(many):
    every = json.loads(many("claims", "--format", "json"))
    assert len(every) > TABLE_MAX_ROWS + 50
    table = many("claims")
    assert _table_ids(table) == [claim["id"] for claim in every[:TABLE_MAX_ROWS]]
    more = len(every) - TABLE_MAX_ROWS
    assert f"… and {more:,} more rows (a table shows the first {TABLE_MAX_ROWS:,})" in table
    assert len(list(csv.DictReader(io.StringIO(many("claims", "--format", "csv"))))) == \
        len(every)
    # Within the cap, the table is whole and says nothing more.
    short = many("claims", "--limit", str(TABLE_MAX_ROWS))
    assert len(_table_ids(short)) == TABLE_MAX_ROWS and "more rows" not in short


def test_a_long_comparison_table_shows_its_first_rows_and_counts_the_rest(many, monkeypatch):
    from claimtrack import export

    cap = 20  # the generated topics hold tens of claims, not hundreds
    monkeypatch.setattr(export, "TABLE_MAX_ROWS", cap)
    topics = json.loads(many("topics", "--format", "json"))
    topic = max(topics, key=lambda row: row["claims"])["key"]
    every = json.loads(many("compare", topic, "--format", "json"))
    assert len(every) > cap + 10
    table = many("compare", topic)
    assert _table_ids(table) == [row["id"] for row in every[:cap]]
    rest = every[cap:]
    groups = {row["group"] for row in rest} - {every[cap - 1]["group"]}
    conflicting = sum(1 for row in rest if row["conflict"])
    assert (f"… and {len(rest):,} more claims in {len(groups):,} more groups "
            f"({conflicting:,} in a conflict)") in " ".join(table.split())
    assert len(many("compare", topic, "--format", "csv").splitlines()) == len(every) + 1


def test_a_long_conflicts_table_shows_its_first_groups_and_counts_the_rest(many, monkeypatch):
    from claimtrack.export import crosscheck

    every = json.loads(many("conflicts", "--all", "--format", "json"))
    cap = 5
    assert len(every) > cap + 5
    monkeypatch.setattr(crosscheck, "TABLE_MAX_GROUPS", cap)
    table = many("conflicts", "--all")
    headings = [line for line in table.splitlines() if " · " in line and "): " in line]
    assert len(headings) == cap
    assert headings[0].startswith(f"{every[0]['subject']} · {every[0]['topic']}")
    rest = every[cap:]
    conflicting = sum(1 for group in rest if group["verdict"] in
                      ("conflict", "date_conflict", "scale_slip"))
    assert (f"… and {len(rest):,} more groups ({conflicting:,} in conflict); a table shows "
            f"the first {cap:,}") in " ".join(table.split())
