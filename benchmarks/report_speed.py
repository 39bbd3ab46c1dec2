"""Report speed: `claimtrack report` over the seeds and over N generated articles.

Usage:
    python benchmarks/report_speed.py [--articles 1000] [--runs 3]

Two databases are filled once (SQLite, in a temporary folder): the seeds with
docs/example and the curated claims, and a corpus of --articles articles from
benchmarks/corpus.py (seed 1). Each run writes the whole site into a new folder
with `claimtrack report` in a subprocess; printed are the median wall time,
pages per second, the site's size and the run's peak resident memory (getrusage
of the children).
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
REPO = HERE.parent
sys.path.insert(0, str(HERE))
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


def claimtrack(db: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "claimtrack", "--db", str(db), *args], check=True,
                   env=ENV, cwd=REPO, stdout=subprocess.DEVNULL)


# Runs the CLI and prints its own peak memory: getrusage of the children would also
# count the ingest that filled the database.
REPORT = """import resource, sys
from claimtrack.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def run_once(db: Path, folder: Path) -> tuple[float, int, int, float]:
    """(seconds, pages, bytes, peak MB) of one report into a new folder."""
    site = folder / f"site-{time.monotonic_ns()}"
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", REPORT, "--db", str(db), "report", "-o",
                          str(site)], check=True, env=ENV, cwd=REPO, capture_output=True,
                         text=True)
    seconds = time.perf_counter() - start
    peak = int(run.stderr.split()[-1]) / 1024
    pages = list(site.rglob("*.html"))
    return seconds, len(pages), sum(page.stat().st_size for page in pages), peak


def main() -> None:
    from corpus import write_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimtrack-report-") as folder:
        root = Path(folder)
        seeds_db, corpus_db = root / "seeds.db", root / "corpus.db"
        claimtrack(seeds_db, "ingest", "-q", "seeds", "docs/example")
        claimtrack(seeds_db, "curate", "import")
        write_corpus(root / "corpus", args.articles)
        claimtrack(corpus_db, "ingest", "-q", str(root / "corpus"))
        print(f"claimtrack report speed (Python {platform.python_version()}, "
              f"os.cpu_count() = {os.cpu_count()}, median of {args.runs} runs)\n")
        print(f"{'database':<38}  {'seconds':>8}  {'pages':>6}  {'pages/s':>8}  {'MB':>6}  "
              f"{'peak MB':>8}")
        for label, db in (("seeds + docs/example (6 articles)", seeds_db),
                          (f"benchmarks/corpus.py ({args.articles:,} articles)", corpus_db)):
            results = [run_once(db, root) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in results)
            _, pages, size, _ = results[0]
            peak = max(r[3] for r in results)
            print(f"{label:<38}  {seconds:>8.2f}  {pages:>6,}  {pages / seconds:>8.0f}  "
                  f"{size / 1e6:>6.1f}  {peak:>8.0f}")


if __name__ == "__main__":
    main()
