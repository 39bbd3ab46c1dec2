"""Ingest speed: N generated articles into a new SQLite database, with --jobs 1 and 2.

Usage:
    python benchmarks/ingest_speed.py [--articles 10000] [--chars 3000] [--runs 3]

For each job count, each run ingests the whole corpus (benchmarks/corpus.py,
written once into a temporary folder) into a fresh database with
`claimtrack ingest -q --jobs N` in a subprocess, and reports the median wall
time, articles/s, claims/s and the peak resident memory of the run (the
writer's and its workers' largest, from getrusage of the children). The goal
in issue 7 is 10,000 articles of about 3,000 characters in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))


def run_once(corpus: Path, jobs: int, folder: Path) -> tuple[float, int, int, float]:
    """(seconds, articles, claims, peak MB) of one ingest into a new database."""
    db = folder / f"bench-{jobs}-{time.monotonic_ns()}.db"
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimtrack", "--db", str(db), "ingest", "-q",
                    "--jobs", str(jobs), str(corpus)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    with sqlite3.connect(db) as connection:
        articles = connection.execute("SELECT count(*) FROM article").fetchone()[0]
        claims = connection.execute("SELECT count(*) FROM claim").fetchone()[0]
    db.unlink()
    return seconds, articles, claims, peak


def main() -> None:
    from corpus import write_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimtrack-ingest-") as folder:
        corpus = Path(folder) / "corpus"
        size = write_corpus(corpus, args.articles, chars=args.chars)
        print(f"claimtrack ingest speed (Python {platform.python_version()}, "
              f"os.cpu_count() = {os.cpu_count()}, median of {args.runs} runs)")
        print(f"corpus: {args.articles:,} articles of about {args.chars:,} characters, "
              f"{size / 1e6:.1f} MB (benchmarks/corpus.py, seed 1)\n")
        print(f"{'jobs':>4}  {'seconds':>8}  {'articles/s':>10}  {'claims/s':>9}  "
              f"{'claims':>8}  {'peak MB':>8}")
        for jobs in args.jobs:
            results = [run_once(corpus, jobs, Path(folder)) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in results)
            articles, claims = results[0][1], results[0][2]
            peak = max(r[3] for r in results)
            print(f"{jobs:>4}  {seconds:>8.2f}  {articles / seconds:>10,.0f}  "
                  f"{claims / seconds:>9,.0f}  {claims:>8,}  {peak:>8.0f}")


if __name__ == "__main__":
    main()
