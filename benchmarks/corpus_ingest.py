"""Ingest of real text: a folder of articles (the development corpus) into a new SQLite database.

Usage:
    python benchmarks/corpus_ingest.py [FOLDER] [--jobs 2] [--runs 2] [--floor] [--keep DB]

FOLDER defaults to /tmp/corpus/wechat, the development corpus unpacked as
../shared/corpus/README.md says (9,387 WeChat articles, 112 MB); when it is
absent the script says how to unpack it and stops. Any folder works, for
example one written by benchmarks/corpus.py, to show how memory grows with
the corpus.

Each run is the real command, `claimtrack --db NEW.db ingest -q --jobs N
FOLDER`, in a subprocess. For each run it prints:

wall        seconds from start to exit.
CPU         user + system seconds of the command and its workers (getrusage of
            the children).
peak RSS    the largest resident memory any one of its processes reached
            (getrusage ru_maxrss), and the largest sum over all of them,
            sampled every 0.2 s from /proc (PSS, so pages the forked workers
            share with the writer count once).
articles/s, MB/s   articles stored and the folder's article bytes per wall second.
load        the machine's 1-minute load average when the run ended: other work
            on the machine shows there.

--floor also times what no ingest can avoid, in this process over the same
files: reading each one (claimtrack.articles.read_article) and extracting its
claims (claimtrack.extract.extract_claims, as ingest calls it), CPU seconds.
Extraction over N cores cannot take less than that CPU / N of wall, so the
table ends with each run's ratios to it: wall / (floor CPU / jobs) and
CPU / floor CPU (1.0 would be an ingest that costs nothing beyond extraction).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

DEFAULT_FOLDER = Path("/tmp/corpus/wechat")
UNPACK = ("mkdir -p /tmp/corpus && tar xJf ../shared/corpus/wechat-articles.tar.xz "
          "-C /tmp/corpus")


def article_files(folder: Path) -> list[Path]:
    from claimtrack.articles import iter_article_paths

    return list(iter_article_paths([folder]))


def _tree_pss_mb(root: int) -> float:
    """The summed PSS of a process and its descendants (MB), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


def run_once(folder: Path, jobs: int, db: Path) -> dict:
    """One ingest of the folder into a new database: its figures."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    env.pop("CLAIMTRACK_DB", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "claimtrack", "--db", str(db), "ingest",
                                "-q", "--jobs", str(jobs), str(folder)], env=env,
                               stdout=subprocess.DEVNULL)
    summed = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            summed[0] = max(summed[0], _tree_pss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if process.wait() != 0:
        raise SystemExit(f"claimtrack ingest exited with {process.returncode}")
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with sqlite3.connect(db) as connection:
        articles = connection.execute("SELECT count(*) FROM article").fetchone()[0]
        claims = connection.execute("SELECT count(*) FROM claim").fetchone()[0]
    return {"wall": wall, "cpu": cpu, "peak": after.ru_maxrss / 1024, "summed": summed[0],
            "articles": articles, "claims": claims, "load": os.getloadavg()[0]}


def floor_cpu(files: list[Path]) -> tuple[float, float]:
    """CPU seconds to read every file, and to extract the claims of every file, here."""
    from claimtrack.api import _extract_article
    from claimtrack.articles import read_article
    from claimtrack.errors import InputError
    from claimtrack.extract import warm_up

    warm_up()
    reading = extracting = 0.0
    for path in files:
        start = time.process_time()
        try:
            article = read_article(path)
        except InputError:
            continue
        middle = time.process_time()
        _extract_article(article)
        reading += middle - start
        extracting += time.process_time() - middle
    return reading, extracting


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--floor", action="store_true",
                        help="also time reading and extraction alone, in this process")
    parser.add_argument("--keep", type=Path, help="keep the last run's database here")
    args = parser.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"{args.folder} is absent; unpack the corpus first: {UNPACK}")
    files = article_files(args.folder)
    size = sum(path.stat().st_size for path in files)
    print(f"claimtrack ingest of {args.folder} (Python {platform.python_version()}, "
          f"os.cpu_count() = {os.cpu_count()}, --jobs {args.jobs})")
    print(f"{len(files):,} article files, {size / 1e6:.1f} MB\n")
    print(f"{'run':>3}  {'wall s':>7}  {'CPU s':>7}  {'peak MB':>7}  {'sum MB':>7}  "
          f"{'articles/s':>10}  {'MB/s':>5}  {'claims':>7}  {'load':>5}")
    results = []
    with tempfile.TemporaryDirectory(prefix="claimtrack-corpus-") as folder:
        for run in range(1, args.runs + 1):
            db = Path(folder) / f"run{run}.db"
            result = run_once(args.folder, args.jobs, db)
            results.append(result)
            print(f"{run:>3}  {result['wall']:>7.1f}  {result['cpu']:>7.1f}  "
                  f"{result['peak']:>7.0f}  {result['summed']:>7.0f}  "
                  f"{result['articles'] / result['wall']:>10.0f}  "
                  f"{size / 1e6 / result['wall']:>5.2f}  {result['claims']:>7,}  "
                  f"{result['load']:>5.1f}", flush=True)
            if args.keep is not None and run == args.runs:
                args.keep.unlink(missing_ok=True)
                db.rename(args.keep)
            else:
                db.unlink()
    if not args.floor:
        return
    reading, extracting = floor_cpu(files)
    floor = reading + extracting
    print(f"\nfloor, one process: reading {reading:.1f} s + extraction {extracting:.1f} s "
          f"= {floor:.1f} s of CPU ({size / 1e6 / extracting:.2f} MB/s of extraction); "
          f"over {args.jobs} cores at best {floor / args.jobs:.1f} s of wall")
    for run, result in enumerate(results, 1):
        print(f"run {run}: wall / floor {result['wall'] / (floor / args.jobs):.2f}, "
              f"CPU / floor {result['cpu'] / floor:.2f}")


if __name__ == "__main__":
    main()
