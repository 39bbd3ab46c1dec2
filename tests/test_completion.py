"""Shell completion through click's environment-variable protocol, in a real process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from claimtrack.cli import main
from tests.conftest import SEEDS

# What the completion script the shell loads runs on TAB, as a subprocess.
PROBE = "import sys\nfrom claimtrack.cli import main\nmain(prog_name='claimtrack')\n"


def complete(words: str, shell: str = "bash",
             env: dict | None = None) -> subprocess.CompletedProcess:
    """Ask claimtrack for completions of ``words`` (the word being typed is the last)."""
    parts = words.split(" ")
    # fish passes the word being typed itself; bash and zsh its index.
    current = parts[-1] if shell == "fish" else str(len(parts) - 1)
    environment = {**os.environ, "_CLAIMTRACK_COMPLETE": f"{shell}_complete",
                   "COMP_WORDS": words, "COMP_CWORD": current, **(env or {})}
    return subprocess.run([sys.executable, "-c", PROBE], env=environment, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("completion") / "claimtrack.db"
    assert CliRunner().invoke(main, ["--db", str(db), "ingest", str(SEEDS)]).exit_code == 0
    return str(db)


def _values(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_topics_subjects_speakers_and_outlets_come_from_the_database(seeded):
    topics = _values(complete(f"claimtrack --db {seeded} claims --topic training_c"))
    assert topics == ["training_cost"]
    assert "训练成本" in _values(complete(f"claimtrack --db {seeded} compare 训练"))
    subjects = _values(complete(f"claimtrack --db {seeded} conflicts --subject 英伟"))
    assert subjects == ["英伟达"]
    outlets = _values(complete(f"claimtrack --db {seeded} claims --outlet 重要"))
    assert outlets == ["重要的是经济"]
    speakers = _values(complete(f"claimtrack --db {seeded} claims --speaker hu"))
    assert "Hu Yong" in speakers
    # The database from the environment, as the commands take it.
    assert _values(complete("claimtrack claims --topic training_c",
                            env={"CLAIMTRACK_DB": seeded})) == ["training_cost"]


def test_zsh_and_fish_show_what_an_alias_stands_for(seeded):
    zsh = complete(f"claimtrack --db {seeded} claims --subject 輝", shell="zsh")
    assert zsh.stdout.splitlines()[:3] == ["plain", "輝達", "Nvidia"]
    fish = complete(f"claimtrack --db {seeded} claims --subject 輝", shell="fish")
    assert fish.stdout.splitlines()[0] == "plain,輝達\tNvidia"


def test_commands_and_options_complete_too(seeded):
    assert {"export", "import", "completion"} <= set(_values(complete("claimtrack ")))
    assert {"all", "claimreview"} == set(_values(complete("claimtrack export ")))
    assert "--fail-on-conflict" in _values(complete("claimtrack conflicts --fa"))


def test_no_database_completes_nothing_and_creates_nothing(tmp_path):
    missing = tmp_path / "missing.db"
    result = complete(f"claimtrack --db {missing} claims --topic tra")
    assert result.returncode == 0 and result.stdout.strip() == "" and result.stderr == ""
    assert not missing.exists()
    unreachable = complete("claimtrack --db postgresql+psycopg://nobody@127.0.0.1:1/x "
                           "claims --topic tra")
    assert unreachable.returncode == 0 and unreachable.stdout.strip() == ""
    assert "Traceback" not in unreachable.stderr


def test_completing_from_sqlite_does_not_import_sqlalchemy(seeded):
    probe = ("import sys\nfrom claimtrack.cli import main\n"
             "try:\n    main(prog_name='claimtrack')\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('sqlalchemy', 'rich', 'pydantic')), file=sys.stderr)\n")
    environment = {**os.environ, "_CLAIMTRACK_COMPLETE": "bash_complete",
                   "COMP_WORDS": f"claimtrack --db {seeded} claims --topic tra",
                   "COMP_CWORD": "5"}
    result = subprocess.run([sys.executable, "-c", probe], env=environment,
                            capture_output=True, text=True, timeout=60)
    assert "training_cost" in result.stdout
    assert result.stderr.strip() == "[]"


@pytest.mark.parametrize("shell, marker", [
    ("bash", "complete -o nosort -F _claimtrack_completion claimtrack"),
    ("zsh", "compdef _claimtrack_completion claimtrack"),
    ("fish", "complete --no-files --command claimtrack"),
])
def test_completion_command_prints_the_script(shell, marker):
    result = CliRunner().invoke(main, ["completion", shell])
    assert result.exit_code == 0
    assert "_CLAIMTRACK_COMPLETE" in result.stdout and marker in result.stdout
    assert CliRunner().invoke(main, ["completion", "tcsh"]).exit_code == 2
