"""The exit codes the README's table documents, each through the real command line."""

from __future__ import annotations

import re

import pytest

from claimtrack.cli.common import EXIT_CONFLICT, EXIT_ERROR, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from tests.conftest import REPO, SEEDS


@pytest.fixture
def seeded(cli):
    assert cli("ingest", str(SEEDS)).exit_code == 0
    return cli


def test_the_readme_table_lists_each_code():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = [int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)]
    assert codes == [EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CONFLICT, EXIT_INTERNAL]


def test_each_exit_code(seeded, tmp_path, monkeypatch):
    assert seeded("claims", "--limit", "1").exit_code == EXIT_OK

    unknown = seeded("claims", "--topic", "no such topic")
    assert unknown.exit_code == EXIT_ERROR and unknown.stderr.startswith("claimtrack: error:")
    assert seeded("import", str(tmp_path / "missing.jsonl")).exit_code == EXIT_ERROR

    assert seeded("claims", "--format", "yaml").exit_code == EXIT_USAGE
    assert seeded("no-such-command").exit_code == EXIT_USAGE
    assert seeded("show").exit_code == EXIT_USAGE
    assert seeded("export", "all", "--format", "csv").exit_code == EXIT_USAGE  # no --output

    wire = tmp_path / "wire.txt"
    wire.write_text("英伟达股价周一上涨17%。\n", encoding="utf-8")
    (tmp_path / "wire.meta.yaml").write_text("outlet: Wire\ndate: 2025-01-28\n",
                                             encoding="utf-8")
    assert seeded("ingest", str(wire)).exit_code == EXIT_OK
    found = seeded("conflicts", "--subject", "Nvidia", "--fail-on-conflict")
    assert found.exit_code == EXIT_CONFLICT and "conflict" in found.stdout
    assert seeded("conflicts", "--subject", "Nvidia").exit_code == EXIT_OK

    # A bug (here: an exception claimtrack does not expect) is 70, in one line.
    from claimtrack import api

    def broken(**_):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "find_claims", broken)
    bug = seeded("claims")
    assert bug.exit_code == EXIT_INTERNAL
    assert bug.stderr.strip() == ("claimtrack: error: internal error (ZeroDivisionError: "
                                  "division by zero); rerun with --debug for the traceback")
