"""Shell completion latency: what one TAB costs, against `claimtrack --help`.

Usage:
    python benchmarks/completion_speed.py [--runs 15]

Ingests the seeds into a temporary SQLite database, then times, each as a new
process (as the shell runs it), `claimtrack --help` and the completion of
`claimtrack claims --topic tra` and `--subject 英` through click's protocol
(_CLAIMTRACK_COMPLETE=bash_complete). Prints the median and the slowest run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
COMMAND = [sys.executable, "-m", "claimtrack"]


def timed(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(COMMAND + args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimtrack-complete-") as folder:
        db = str(Path(folder) / "claimtrack.db")
        subprocess.run(COMMAND + ["--db", db, "ingest", "-q", str(HERE.parent / "seeds")],
                       env=ENV, check=True, stdout=subprocess.DEVNULL)
        cases = {"claimtrack --help": (["--help"], ENV)}
        for words in (f"claimtrack --db {db} claims --topic tra",
                      f"claimtrack --db {db} claims --subject 英"):
            env = {**ENV, "_CLAIMTRACK_COMPLETE": "bash_complete", "COMP_WORDS": words,
                   "COMP_CWORD": str(len(words.split()) - 1)}
            cases["TAB: " + words.split(" claims ", 1)[1]] = ([], env)
        print(f"claimtrack completion latency (Python {platform.python_version()}, "
              f"os.cpu_count() = {os.cpu_count()}, a new process per run, "
              f"{args.runs} runs, the seeds in SQLite)\n")
        print(f"{'what':<24}  {'median s':>8}  {'slowest s':>9}")
        for label, (argv, env) in cases.items():
            times = [timed(argv, env) for _ in range(args.runs)]
            print(f"{label:<24}  {statistics.median(times):>8.3f}  {max(times):>9.3f}")


if __name__ == "__main__":
    main()
