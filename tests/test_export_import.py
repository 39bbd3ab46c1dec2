"""`claimtrack export all` and `claimtrack import`: an export imported into an empty
database gives the same claims, field by field, on SQLite and PostgreSQL; a bad
file stops the import with its file and line and leaves the database untouched."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from claimtrack import api
from claimtrack.cli import main
from claimtrack.db.models import Article, Claim, ReviewLog
from claimtrack.db.session import engine_for, session_scope
from tests.conftest import REPO, SEEDS

CURATED = REPO / "data" / "curated"
FORMATS = ("jsonl", "json", "csv")


def run(db: str, *args: str):
    return CliRunner().invoke(main, ["--db", db, *args])


def fill(db: str) -> str:
    """The seeds with their curated claims, reviews, edits and re-extracted overrides."""
    assert run(db, "ingest", str(SEEDS)).exit_code == 0
    assert run(db, "curate", "import", str(CURATED)).exit_code == 0
    cost = api.find_claims(db=db, topic="training_cost", subject="DeepSeek-V3")
    assert run(db, "claim", "verify", str(cost[0].id), "--note", "checked").exit_code == 0
    assert run(db, "claim", "dispute", str(cost[-1].id)).exit_code == 0
    assert run(db, "claim", "edit", str(cost[0].id), "--period", "2024-12",
               "--note", "the V3 run ended in December").exit_code == 0
    assert run(db, "claim", "reject", "1", "--note", "not a figure").exit_code == 0
    assert run(db, "reextract", "004_130b86545e55295d.txt").exit_code == 0
    return db


@pytest.fixture
def reviewed(db_url):
    return fill(db_url)


@pytest.fixture(scope="module")
def sqlite_export(tmp_path_factory) -> list[str]:
    """The lines of a JSONL export of a filled SQLite database (made once for the module)."""
    folder = tmp_path_factory.mktemp("export")
    db = fill(f"sqlite:///{folder / 'source.db'}")
    return run(db, "export", "all").stdout.splitlines()


def _rows(url: str, model) -> list[dict]:
    """Every row of a table, every column, times in UTC (SQLite returns them without zone)."""
    with session_scope(engine_for(url)) as session:
        rows = session.scalars(select(model).order_by(model.id)).all()
        result = []
        for row in rows:
            values = {column.key: getattr(row, column.key) for column in model.__table__.columns}
            for key, value in values.items():
                if isinstance(value, datetime) and value.tzinfo is None:
                    values[key] = value.replace(tzinfo=UTC)
            result.append(values)
        return result


def _visible_claims(url: str) -> list:
    return [claim.model_dump() for status in ("unreviewed", "verified", "disputed", "rejected")
            for claim in api.find_claims(db=url, status=status, sort="id")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_imported_into_an_empty_database_gives_the_same_claims(
        reviewed, second_db_url, tmp_path, fmt):
    target = tmp_path / ("export" if fmt == "csv" else f"export.{fmt}")
    result = run(reviewed, "export", "all", "--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.stdout

    result = run(second_db_url, "import", str(target))
    assert result.exit_code == 0, result.output
    claims = _rows(reviewed, Claim)
    assert f"imported 5 articles, {len(claims)} claims" in result.stdout

    # Field by field: every column of every claim (hidden, overridden ones too),
    # article and review log entry, and the claims as `claimtrack claims` shows them.
    assert _rows(second_db_url, Claim) == claims
    assert any(row["overridden_by_id"] for row in claims)
    assert {row["status"].value for row in claims} == {"unreviewed", "verified", "disputed",
                                                      "rejected"}
    assert _rows(second_db_url, Article) == _rows(reviewed, Article)
    assert _rows(second_db_url, ReviewLog) == _rows(reviewed, ReviewLog)
    assert _visible_claims(second_db_url) == _visible_claims(reviewed)

    # The imported database goes on working: new rows get new ids.
    extra = tmp_path / "wire.txt"
    extra.write_text("Nvidia shares rose 17% on Monday.\n", encoding="utf-8")
    assert run(second_db_url, "ingest", str(extra)).exit_code == 0
    [new] = api.find_claims(db=second_db_url, outlet=None, search="rose 17%")
    assert new.id > max(row["id"] for row in claims)


def test_export_to_standard_output_and_back_is_identical(reviewed, second_db_url, tmp_path):
    first = run(reviewed, "export", "all")
    assert first.exit_code == 0
    lines = first.stdout.splitlines()
    assert json.loads(lines[0])["record"] == "header"
    assert {json.loads(line)["record"] for line in lines[1:]} == {
        "topic", "entity", "article", "claim", "review"}
    path = tmp_path / "first.jsonl"
    path.write_text(first.stdout, encoding="utf-8")
    assert run(second_db_url, "import", str(path)).exit_code == 0
    again = run(second_db_url, "export", "all")
    assert again.stdout.splitlines()[1:] == lines[1:]  # all but the header's time


def test_import_into_a_database_with_articles_is_refused(reviewed, tmp_path):
    path = tmp_path / "x.jsonl"
    assert run(reviewed, "export", "all", "-o", str(path)).exit_code == 0
    result = run(reviewed, "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "claimtrack: error: the database already holds 5 articles; import into an empty "
        "database (a new --db), so that ids stay as exported"]


def _counts(url: str) -> tuple[int, int, int]:
    return len(_rows(url, Article)), len(_rows(url, Claim)), len(_rows(url, ReviewLog))


def _break_jsonl(lines: list[str]) -> tuple[list[str], int]:
    """The export with its last claim's surface changed; returns it and that line's number."""
    index = max(i for i, line in enumerate(lines) if json.loads(line)["record"] == "claim")
    record = json.loads(lines[index])
    record["surface"] += "x"
    lines[index] = json.dumps(record, ensure_ascii=False)
    return lines, index + 1


def test_a_bad_record_leaves_the_database_untouched_and_names_the_line(
        reviewed, second_db_url, tmp_path):
    exported = run(reviewed, "export", "all").stdout.splitlines()
    lines, number = _break_jsonl(list(exported))
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(second_db_url, "import", str(path))
    assert result.exit_code == 1
    [message] = result.stderr.strip().splitlines()
    assert message.startswith(f"claimtrack: error: {path}:{number}: claim ")
    assert "not its surface" in message and "Traceback" not in result.output
    assert _counts(second_db_url) == (0, 0, 0)


@pytest.mark.parametrize("damage, expected", [
    (lambda lines: ["not json"] + lines[1:], ":1: not JSON"),
    (lambda lines: lines[1:], ":1: the first line must be the export's header"),
    (lambda lines: lines[:1] + ['{"record": "claim"'] + lines[1:], ":2: not JSON"),
    (lambda lines: [lines[0].replace('"version": 1', '"version": 9')] + lines[1:],
     ":1: export format version 9"),
    (lambda lines: [line.replace('"kind": "money"', '"kind": "cash"')
                    if '"record": "claim"' in line else line for line in lines],
     "kind: Input should be 'money'"),
    (lambda lines: [line for line in lines if '"record": "article", "id": 3,' not in line],
     "article 3 is not in the export"),
    (lambda lines: lines[:1] + lines[2:] + lines[1:2], "a topic record after reviews: records "
     "must come in the order"),
])
def test_bad_jsonl_exports_give_one_line(sqlite_export, tmp_path, damage, expected):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(damage(list(sqlite_export))) + "\n", encoding="utf-8")
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    result = run(empty, "import", str(path))
    assert result.exit_code == 1, result.output
    [message] = result.stderr.strip().splitlines()
    assert message.startswith(f"claimtrack: error: {path}") and expected in message, message
    assert _counts(empty) == (0, 0, 0)


def test_bad_json_and_csv_exports_name_the_record_and_line(reviewed, tmp_path):
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    path = tmp_path / "export.json"
    assert run(reviewed, "export", "all", "--format", "json", "-o", str(path)).exit_code == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"][4]["article_id"] = 999
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run(empty, "import", str(path))
    assert result.exit_code == 1
    assert f"{path}: claims[4]: claim {document['claims'][4]['id']}: article 999 is not in " \
        "the export" in result.stderr

    folder = tmp_path / "csv"
    assert run(reviewed, "export", "all", "--format", "csv", "-o", str(folder)).exit_code == 0
    claims_csv = folder / "claims.csv"
    with open(claims_csv, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    rows[3][rows[0].index("kind")] = "cash"  # the third claim, on line 4
    with open(claims_csv, "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(rows)
    result = run(empty, "import", str(folder))
    assert result.exit_code == 1
    assert f"{claims_csv}:4: claim " in result.stderr and "kind" in result.stderr
    assert _counts(empty) == (0, 0, 0)

    result = run(empty, "import", str(tmp_path / "nothing.jsonl"))
    assert result.exit_code == 1 and "no such file or folder" in result.stderr


def test_csv_cells_are_formula_safe_and_read_back_exactly(tmp_path):
    from claimtrack.archive import _csv_cell, _from_csv_cell

    for value in ("=SUM(A1)", "+1", "-5", "@x", "'quoted", "''", "'", "\tx", "plain", "",
                  "---\ntitle: x\n---"):
        cell = _csv_cell(value)
        assert not cell.startswith(("=", "+", "-", "@", "\t")), cell
        assert _from_csv_cell(cell, nullable=False, is_list=False) == value
    assert _from_csv_cell("", nullable=True, is_list=False) is None
