"""Export and import speed: `claimtrack export all` and `claimtrack import` of N articles.

Usage:
    python benchmarks/export_speed.py [--articles 2000] [--chars 3000] [--runs 3]

Writes the corpus (benchmarks/corpus.py), ingests it once into an SQLite
database, then for each format (jsonl, json, csv) exports it and imports the
export into a new database, each in a subprocess, --runs times. Prints the
median wall time, the records per second (articles + claims + reviews), the
size of the export and the largest peak resident memory of the runs' processes.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ENV = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}


def claimtrack(*args: str) -> tuple[float, float]:
    """(seconds, peak MB) of one claimtrack run in a subprocess (its own peak, from wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "claimtrack", *args], env=ENV,
                               stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"claimtrack {' '.join(args)} failed ({process.returncode})")
    return seconds, usage.ru_maxrss / 1024


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(child.stat().st_size for child in path.iterdir())
    return path.stat().st_size


def main() -> None:
    from corpus import write_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimtrack-export-") as name:
        folder = Path(name)
        size = write_corpus(folder / "corpus", args.articles, chars=args.chars)
        source = folder / "source.db"
        claimtrack("--db", str(source), "ingest", "-q", "--jobs", str(os.cpu_count() or 1),
                   str(folder / "corpus"))
        with sqlite3.connect(source) as connection:
            records = sum(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                          for table in ("article", "claim", "review_log"))
            claims = connection.execute("SELECT count(*) FROM claim").fetchone()[0]
        print(f"claimtrack export all / import speed (Python {platform.python_version()}, "
              f"os.cpu_count() = {os.cpu_count()}, SQLite, median of {args.runs} runs)")
        print(f"corpus: {args.articles:,} articles of about {args.chars:,} characters, "
              f"{size / 1e6:.1f} MB (benchmarks/corpus.py, seed 1); {claims:,} claims\n")
        print(f"{'format':>6}  {'step':>6}  {'seconds':>8}  {'records/s':>9}  {'MB out':>6}  "
              f"{'peak MB':>7}")
        for fmt in ("jsonl", "json", "csv"):
            target = folder / f"export.{fmt}"
            exports, imports = [], []
            for _ in range(args.runs):
                if target.is_dir():
                    shutil.rmtree(target)
                exports.append(claimtrack("--db", str(source), "export", "all", "--format",
                                          fmt, "-o", str(target)))
                copy = folder / "copy.db"
                for leftover in folder.glob("copy.db*"):
                    leftover.unlink()
                imports.append(claimtrack("--db", str(copy), "import", str(target)))
            for step, results in (("export", exports), ("import", imports)):
                seconds = statistics.median(result[0] for result in results)
                peak = max(result[1] for result in results)
                print(f"{fmt:>6}  {step:>6}  {seconds:>8.2f}  {records / seconds:>9,.0f}  "
                      f"{size_of(target) / 1e6:>6.1f}  {peak:>7.0f}")


if __name__ == "__main__":
    main()
