"""Shared ingest: 1, 2 and 4 `claimtrack ingest --queue` processes into one PostgreSQL database.

Usage:
    python benchmarks/distributed_ingest.py postgresql+psycopg://postgres@127.0.0.1:5432/test
        [--articles 2000] [--chars 3000] [--processes 1 2 4] [--jobs 1] [--kill-at 0.5]

A first run is one plain `claimtrack ingest` (no --queue), to show what the
queue costs. Processes on this machine stand in for machines: each is a real `claimtrack
ingest -q --jobs J --queue bench CORPUS` over the same corpus
(benchmarks/corpus.py, written once into a temporary folder). Each process
count gets a fresh schema on the server (made and dropped here, so only the
right to create a schema is needed), migrated before the clock starts. For
each it prints the wall time from the start of the first process to the end of
the last, the CPU seconds of the claimtrack processes (not the server's), the
machine's 1-minute load average at the end (other work on the machine shows
there), articles/s and claims/s, the files each process took (their sum is the
corpus: each file read once), and the duplicates: articles stored twice (by
content hash) and claims stored twice (by article and span), both 0.

Then the crash: the largest process count starts again on a fresh schema, every
process is killed with SIGKILL once --kill-at of the files are stored, and one
process is run again with the same queue name. Its result is compared with the
first clean run, article by article (claims per content hash).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

ENV = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
ENV.pop("CLAIMTRACK_DB", None)


@contextmanager
def fresh_schema(base: str):
    """A URL whose search_path is a new, migrated schema on the server; dropped afterwards."""
    from sqlalchemy import create_engine, text

    schema = f"ct_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    try:
        subprocess.run([sys.executable, "-m", "claimtrack", "--db", url, "db", "upgrade"],
                       check=True, env=ENV, stdout=subprocess.DEVNULL)
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def start(url: str, corpus: Path, jobs: int, queue: bool = True) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "--db", url, "ingest", "-q", "--jobs", str(jobs),
         *(["--queue", "bench"] if queue else []), str(corpus)],
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def files_taken(output: str) -> int:
    return int(output.split(" file", 1)[0])


def counts(url: str) -> dict:
    """Articles, claims, duplicates, items by state, and claims per content hash."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        one = lambda sql: connection.execute(text(sql)).scalar_one()  # noqa: E731
        result = {
            "articles": one("SELECT count(*) FROM article"),
            "claims": one("SELECT count(*) FROM claim"),
            "duplicate articles": one("SELECT count(*) FROM (SELECT content_hash FROM article "
                                      "GROUP BY content_hash HAVING count(*) > 1) AS d"),
            "duplicate claims": one("SELECT count(*) FROM (SELECT 1 FROM claim GROUP BY "
                                    "article_id, span_start, span_end HAVING count(*) > 1) AS d"),
            "done": one("SELECT count(*) FROM ingest_item WHERE state <> 'pending'"),
            "items": one("SELECT count(*) FROM ingest_item"),
            "per article": dict(connection.execute(text(
                "SELECT a.content_hash, count(c.id) FROM article AS a "
                "LEFT JOIN claim AS c ON c.article_id = a.id GROUP BY a.content_hash")).all()),
        }
    engine.dispose()
    return result


def run(url: str, corpus: Path, processes: int, jobs: int,
        queue: bool = True) -> tuple[float, float, list[int]]:
    """Wall seconds of N processes over the corpus, their CPU seconds, and the files each took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    running = [start(url, corpus, jobs, queue) for _ in range(processes)]
    outputs = []
    for process in running:
        out, err = process.communicate()
        if process.returncode != 0:
            sys.exit(f"ingest failed: {err}")
        outputs.append(out)
    seconds = time.perf_counter() - begin
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, [files_taken(out) for out in outputs]


def crash_and_rerun(base: str, corpus: Path, processes: int, jobs: int, kill_at: float,
                    total: int, clean: dict) -> None:
    with fresh_schema(base) as url:
        running = [start(url, corpus, jobs) for _ in range(processes)]
        while counts(url)["done"] < kill_at * total:
            if any(process.poll() is not None for process in running):
                sys.exit("an ingest finished before it could be killed: use more --articles")
            time.sleep(0.1)
        for process in running:
            process.send_signal(signal.SIGKILL)
        for process in running:
            process.wait()
        killed = counts(url)
        begin = time.perf_counter()
        rerun = start(url, corpus, jobs)
        out, err = rerun.communicate()
        if rerun.returncode != 0:
            sys.exit(f"rerun failed: {err}")
        seconds = time.perf_counter() - begin
        after = counts(url)
    whole = killed["per article"] == {h: clean["per article"][h] for h in killed["per article"]}
    print(f"\nSIGKILL of all {processes} processes at {killed['articles']:,} of {total:,} "
          f"articles ({killed['claims']:,} claims): every stored article whole: "
          f"{'yes' if whole else 'NO'}")
    print(f"rerun (1 process, same queue): took {files_taken(out):,} files in {seconds:.1f} s; "
          f"now {after['articles']:,} articles, {after['claims']:,} claims, duplicates "
          f"{after['duplicate articles']} + {after['duplicate claims']}")
    same = after["per article"] == clean["per article"]
    print(f"same as the first clean run, claims per article: {'yes' if same else 'NO'} "
          f"(clean: {clean['articles']:,} articles, {clean['claims']:,} claims)")


def main() -> None:
    from corpus import write_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="a PostgreSQL server, e.g. "
                                    "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--jobs", type=int, default=1, help="--jobs of each process")
    parser.add_argument("--kill-at", type=float, default=0.5)
    parser.add_argument("--no-baseline", dest="baseline", action="store_false",
                        help="leave out the first run: one process without --queue")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimtrack-distributed-") as folder:
        corpus = Path(folder) / "corpus"
        size = write_corpus(corpus, args.articles, chars=args.chars)
        print(f"claimtrack shared ingest (Python {platform.python_version()}, "
              f"os.cpu_count() = {os.cpu_count()}, --jobs {args.jobs} per process)")
        print(f"corpus: {args.articles:,} articles of about {args.chars:,} characters, "
              f"{size / 1e6:.1f} MB (benchmarks/corpus.py, seed 1)\n")
        print(f"{'processes':>13}  {'seconds':>8}  {'CPU s':>6}  {'load':>4}  {'articles/s':>10}  "
              f"{'claims/s':>9}  {'articles':>8}  {'claims':>8}  {'dup.':>4}  "
              "files taken by each")
        clean = None
        runs = [(1, False)] if args.baseline else []
        for processes, queue in runs + [(n, True) for n in args.processes]:
            with fresh_schema(args.url) as url:
                seconds, cpu, taken = run(url, corpus, processes, args.jobs, queue)
                load = os.getloadavg()[0]
                result = counts(url)
            clean = clean or result
            label = str(processes) if queue else "1, no --queue"
            duplicates = result["duplicate articles"] + result["duplicate claims"]
            print(f"{label:>13}  {seconds:>8.1f}  {cpu:>6.1f}  {load:>4.1f}  "
                  f"{result['articles'] / seconds:>10,.0f}  "
                  f"{result['claims'] / seconds:>9,.0f}  {result['articles']:>8,}  "
                  f"{result['claims']:>8,}  {duplicates:>4}  "
                  f"{' + '.join(map(str, taken))} = {sum(taken):,}")
            if result["per article"] != clean["per article"]:
                print("   NOT the same articles and claims as the first run")
        crash_and_rerun(args.url, corpus, max(args.processes), args.jobs, args.kill_at,
                        args.articles, clean)


if __name__ == "__main__":
    main()
