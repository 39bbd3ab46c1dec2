"""Start-up benchmark: wall time of short claimtrack commands, each a new process.

Run it with the project's virtual environment (paths are found from this file):

    .venv/bin/python benchmarks/startup.py              # 20 runs of each command
    .venv/bin/python benchmarks/startup.py --runs 50

It builds a small database in a temporary folder the way a new user does
(`claimtrack ingest seeds` then `claimtrack curate import data/curated`: 5
articles, 93 claim rows of which 49 stand), then times these commands, each started as a subprocess
with its output thrown away:

    claimtrack --help                   goal: under 100 ms (issue 7)
    claimtrack claims --limit 5         goal: under 400 ms ("a small query", issue 7)
    claimtrack topics                   goal: under 400 ms (the same: a small query)

and, in the same rounds, the physical floor of a read command: a Python process
that only imports sqlite3 (`python -c 'import sqlite3'`, the same interpreter).
The "x floor" column is each command's median over the floor's.

Each figure is the wall time (time.perf_counter around subprocess.run) of the
whole process: interpreter start, imports, opening the database, the query and
the output. Rounds run the three commands one after another, so that load from
other processes falls on all three alike; the table gives the median of --runs
rounds with the min and max, the core count (os.cpu_count()) and the load
average before and after, because on a shared machine the figures move with it.
"CPU ms" is the median user + system time of the process (getrusage of the
children): what it cost the machine, which other processes' load inflates less
than the wall time. The goals are on the wall time.

The command is the `claimtrack` script next to this Python, as installed by
pip (else `python -m claimtrack`). One untimed run of each command comes first:
it writes the bytecode cache and warms the OS file cache. PYTHONDONTWRITEBYTECODE
is removed from the children's environment, because an installed claimtrack
has its bytecode compiled (pip compiles wheels at install); with it set, every
run would compile claimtrack's sources again.

--instructions adds, for each command, the instructions one run executes, counted
by valgrind's callgrind (run once, after the timed rounds; valgrind must be on
PATH). Unlike the times, that count barely moves with the machine's load, so it
compares two versions of claimtrack on a shared machine.

`python -X importtime -m claimtrack --db DB claims --limit 5` shows where the
remaining time goes (click, rich for the table, claimtrack's own modules: read
commands import neither SQLAlchemy nor pydantic).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# (label, arguments after `claimtrack --db DB`, goal in seconds)
COMMANDS = (
    ("claimtrack --help", ["--help"], 0.100),
    ("claimtrack claims --limit 5", ["claims", "--limit", "5"], 0.400),
    ("claimtrack topics", ["topics"], 0.400),
)
FLOOR_LABEL = "floor: python -c 'import sqlite3'"


def claimtrack_command() -> list[str]:
    """The installed `claimtrack` script beside this interpreter, else `python -m claimtrack`."""
    script = Path(sys.executable).with_name("claimtrack")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimtrack"]


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CLAIMTRACK_DB", None)
    return env


def build_database(command: list[str], db: Path, env: dict[str, str]) -> None:
    """The seeds and their curated claims, as the README's set-up stores them."""
    for arguments in (["ingest", "-q", str(ROOT / "seeds")],
                      ["curate", "import", str(ROOT / "data" / "curated")]):
        subprocess.run([*command, "--db", str(db), *arguments], check=True, env=env,
                       stdout=subprocess.DEVNULL)


def time_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def instructions(argv: list[str], env: dict[str, str]) -> int | None:
    """Instructions one run executes, counted by callgrind; None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    found = re.search(r"Collected : (\d+)", result.stderr)
    return int(found.group(1)) if found else None


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:  # not available on this platform
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20,
                        help="timed rounds; the median is shown (default: 20)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each command's instructions with valgrind (slow)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    command = claimtrack_command()
    env = child_environment()
    with tempfile.TemporaryDirectory(prefix="claimtrack-startup-") as folder:
        db = Path(folder) / "seeds.db"
        build_database(command, db, env)
        argvs = [[*command, "--db", str(db), *arguments] for _, arguments, _ in COMMANDS]
        argvs.append([sys.executable, "-c", "import sqlite3"])  # the floor, timed alike
        for argv_ in argvs:  # untimed: bytecode cache, file cache
            time_once(argv_, env)
        load_before = load_average()
        wall: list[list[float]] = [[] for _ in argvs]
        cpu: list[list[float]] = [[] for _ in argvs]
        for _ in range(args.runs):
            for index, argv_ in enumerate(argvs):
                seconds, cpu_seconds = time_once(argv_, env)
                wall[index].append(seconds)
                cpu[index].append(cpu_seconds)
        load_after = load_average()
        counts = [instructions(argv_, env) if args.instructions else None for argv_ in argvs]

    print(f"claimtrack start-up (Python {platform.python_implementation()} "
          f"{platform.python_version()}, os.cpu_count() = {os.cpu_count()}, "
          f"{platform.platform()})")
    print(f"each command a new process: {' '.join(Path(part).name for part in command)}; "
          f"median of {args.runs} runs, min-max; database: the seeds and their curated claims")
    print(f"load average (1, 5, 15 min): {load_before} before, {load_after} after\n")
    rows = [*COMMANDS, (FLOOR_LABEL, [], None)]
    width = max(len(label) for label, _, _ in rows)
    counted = args.instructions
    floor = statistics.median(wall[-1])
    print(f"{'command':<{width}}  {'median ms':>9}  {'min-max ms':>11}  {'x floor':>7}  "
          f"{'goal ms':>7}  {'result':<6}  {'CPU ms':>6}"
          + ("  instructions (M)" if counted else ""))
    for (label, _, goal), runs, cpu_runs, count in zip(rows, wall, cpu, counts, strict=True):
        median = statistics.median(runs)
        spread = f"{min(runs) * 1000:.0f}-{max(runs) * 1000:.0f}"
        verdict = "" if goal is None else "met" if median < goal else "missed"
        goal_text = "" if goal is None else f"{goal * 1000:.0f}"
        count_text = "no valgrind" if count is None else f"{count / 1e6:,.0f}"
        print(f"{label:<{width}}  {median * 1000:>9.0f}  {spread:>11}  {median / floor:>7.1f}  "
              f"{goal_text:>7}  {verdict:<6}  {statistics.median(cpu_runs) * 1000:>6.0f}"
              + (f"  {count_text:>16}" if counted else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
