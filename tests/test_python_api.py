"""The README's Python API example runs, as written, on the database its Set-up makes."""

from __future__ import annotations

import doctest
import re

from click.testing import CliRunner

from claimtrack.cli import main
from tests.conftest import REPO, SEEDS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_python_example_runs_against_the_seeds(tmp_path, monkeypatch):
    section = README.split("## Python API", 1)[1].split("\n## ", 1)[0]
    [example] = re.findall(r"```pycon\n(.*?)```", section, re.S)
    runner = CliRunner()
    db = str(tmp_path / "claimtrack.db")
    assert runner.invoke(main, ["--db", db, "ingest", str(SEEDS)]).exit_code == 0
    assert runner.invoke(main, ["--db", db, "curate", "import",
                                str(REPO / "data" / "curated")]).exit_code == 0
    monkeypatch.chdir(tmp_path)  # the example opens ./claimtrack.db
    test = doctest.DocTestParser().get_doctest(example, {}, "README Python API", "README.md", 0)
    assert len(test.examples) >= 8
    results = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
    assert results.failed == 0
