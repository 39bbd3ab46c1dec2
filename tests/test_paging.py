"""Long listings page on a terminal and never when piped: claimtrack runs in a real
pseudo-terminal (or with its output piped) with $PAGER a program that records what
it was given."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrack.cli import main
from tests.conftest import REPO, SEEDS

RECORDER = "import sys\nopen(sys.argv[1], 'w', encoding='utf-8').write(sys.stdin.read())\n"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("paging") / "claimtrack.db"
    assert CliRunner().invoke(main, ["--db", str(db), "ingest", str(SEEDS)]).exit_code == 0
    return str(db)


@pytest.fixture
def pager(tmp_path) -> tuple[dict, Path]:
    """An environment whose $PAGER records its input in a file (returned)."""
    script = tmp_path / "recorder.py"
    script.write_text(RECORDER, encoding="utf-8")
    paged = tmp_path / "paged.txt"
    env = {key: value for key, value in os.environ.items() if key not in ("LINES", "COLUMNS")}
    env.update(PAGER=f"{sys.executable} {script} {paged}", TERM="xterm")
    return env, paged


def _in_terminal(args: list[str], env: dict, rows: int) -> str:
    """Run claimtrack with a pseudo-terminal of ``rows`` lines as its stdin and stdout."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "claimtrack", *args], stdin=follower,
                               stdout=follower, stderr=follower, env=env, cwd=REPO)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has finished writing
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_listing_longer_than_the_terminal_is_paged(seeded, pager):
    env, paged = pager
    screen = _in_terminal(["--db", seeded, "claims"], env, rows=20)
    assert paged.exists()
    text = paged.read_text(encoding="utf-8")
    assert text.count("\n") > 20 and "DeepSeek" in text
    assert "DeepSeek" not in screen  # it went to the pager, not straight to the screen


def test_a_short_listing_is_not_paged(seeded, pager):
    env, paged = pager
    screen = _in_terminal(["--db", seeded, "claims", "--limit", "2"], env, rows=40)
    assert not paged.exists()
    assert "figure" in screen and "┏━━━━┳" in screen  # the table, in colour, on the screen


@pytest.mark.parametrize("command", [
    ["claims"], ["claims", "--format", "json"], ["conflicts", "--all"], ["topics"],
    ["compare", "training_cost"], ["articles", "--format", "json"],
])
def test_piped_output_is_never_paged(seeded, pager, command):
    env, paged = pager
    # Standard input is a terminal, standard output a pipe: as in `claimtrack claims | less`.
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "claimtrack", "--db", seeded, *command],
                                stdin=follower, capture_output=True, text=True, env=env,
                                timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 0, result.stderr
    assert not paged.exists()
    assert result.stdout.count("\n") > 10
