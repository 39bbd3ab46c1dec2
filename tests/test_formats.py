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


# --- write_json: json.dump's indented output, a container per call of the C encoder --

from datetime import date  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from claimtrack.export import _PLACE, _jsonable, write_json  # noqa: E402

_PLAIN = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(), st.sampled_from(["辉达", "a\"b\\c\n\u2028\x00", _PLACE, f"x{_PLACE}y"]),
    st.dates())
_KEYS = st.one_of(st.text(max_size=4), st.sampled_from([_PLACE, "é", '"k']))
_JSONISH = st.recursive(_PLAIN, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(_KEYS, inner, max_size=5),
    st.tuples(inner, inner)), max_leaves=40)


def _dumped(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=_jsonable)


def _written(value, default=_jsonable) -> str:
    out = io.StringIO()
    write_json(value, out, default=default)
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(_JSONISH)
def test_write_json_writes_what_json_dump_writes(value):
    assert _written(value) == _dumped(value)
    assert _written([value, {"record": value}, value]) == _dumped([value, {"record": value},
                                                                    value])


def test_write_json_keys_and_refusals_as_json_dump():
    odd_keys = {1: "a", None: [1, {2.5: {}}], False: {"y": {True: 1}}, "z": [[], {}, [[]]]}
    assert _written(odd_keys) == _dumped(odd_keys)
    assert _written([{"when": date(2025, 2, 1), "n": [date(2024, 1, 1)]}]) == \
        _dumped([{"when": date(2025, 2, 1), "n": [date(2024, 1, 1)]}])
    with pytest.raises(TypeError):
        _written({"when": date(2025, 2, 1)}, default=None)


def test_conflicts_and_compare_json_are_json_dumps_of_their_records(tmp_path):
    from click.testing import CliRunner

    from claimtrack import api
    from claimtrack.export.crosscheck import compare_records, conflict_records

    db = str(tmp_path / "seeds.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", "-q", str(SEEDS)]).exit_code == 0
    groups = api.conflicts(db=db, include_all=True, plain=True)
    rows = api.compare("training_cost", db=db, plain=True)
    assert groups and rows
    for args, records in ((["conflicts", "--all"], conflict_records(groups, 0.05)),
                          (["compare", "training_cost"], compare_records(rows))):
        result = runner.invoke(main, ["--db", db, *args, "--format", "json"])
        assert result.exit_code == 0
        assert result.output == _dumped(records) + "\n"
