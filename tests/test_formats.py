"""`--format` means the same on every listing command: table, json (one array), jsonl
(one object per line, the same objects) and csv (a header row), on real data."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimtrack.cli import main
from claimtrack.cli.common import LISTING_FORMATS
from tests.conftest import REPO, SEEDS

# Every command that lists things, with arguments that give it rows on the seeds.
LISTINGS = {
    ("claims",): [],
    ("articles",): [],
    ("topics",): [],
    ("entities",): [],
    ("conflicts",): ["--all"],
    ("compare",): ["training_cost"],
    ("claim", "history"): ["50"],
    ("extract",): [str(SEEDS / "002_a30d2c9fff7fa017.txt")],
}
# Commands with a --format that are not listings: one claim, or a data export.
NOT_LISTINGS = {("show",), ("export", "all")}


def _commands_with_format(group=main, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands_with_format(command, path)
        elif any(param.name == "fmt" for param in command.params):
            yield path, command


def test_every_listing_command_offers_the_same_formats():
    found = dict(_commands_with_format())
    assert set(found) == set(LISTINGS) | NOT_LISTINGS
    for path in LISTINGS:
        [option] = [param for param in found[path].params if param.name == "fmt"]
        assert tuple(option.type.choices[:4]) == LISTING_FORMATS, path
        assert option.opts == ["--format"]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from click.testing import CliRunner

    db = str(tmp_path_factory.mktemp("formats") / "claimtrack.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", str(SEEDS)]).exit_code == 0
    assert runner.invoke(main, ["--db", db, "curate", "import",
                                str(REPO / "data" / "curated")]).exit_code == 0

    def run(*args):
        result = runner.invoke(main, ["--db", db, *args])
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    return run


@pytest.mark.parametrize("path", list(LISTINGS), ids=" ".join)
def test_json_jsonl_and_csv_agree(seeded, path):
    args = [*path, *LISTINGS[path]]
    records = json.loads(seeded(*args, "--format", "json"))
    assert isinstance(records, list) and records
    lines = seeded(*args, "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == records
    rows = list(csv.reader(io.StringIO(seeded(*args, "--format", "csv").lstrip("\ufeff"))))
    assert len(rows) >= 2 and len(set(map(len, rows))) == 1  # a header, rows of its width
    default = "jsonl" if path == ("extract",) else "table"  # extract feeds pipelines
    assert seeded(*args, "--format", default) == seeded(*args)
