"""The README stays honest: two set-up commands, CI runs the test one, every command shown."""

from __future__ import annotations

import re

from claimtrack.cli import main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_gives_exactly_two_setup_commands():
    commands = _setup_commands()
    assert len(commands) == 2, commands
    main_job, tests = commands
    assert "claimtrack ingest seeds" in main_job
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _setup_commands()[1] in ci.splitlines()


def test_every_command_is_shown_in_the_readme():
    def names(group, prefix=""):
        for name, command in group.commands.items():
            full = f"{prefix}{name}"
            yield full
            if hasattr(command, "commands"):
                yield from names(command, full + " ")

    missing = [name for name in names(main) if f"claimtrack {name}" not in README]
    assert missing == []
