"""Query speed at a million claims: claims by topic, search, conflicts and compare.

Usage:
    python benchmarks/query_speed.py --claims 1000000 [--db PATH] [--reuse] [--runs 5]

Builds an SQLite database of about --claims claims (or, with --reuse, uses the
one at --db if it is there), then times each query as a subprocess of the real
CLI (wall time and the process's peak memory, from wait4) and as an
in-process api call (median of --runs), prints a table with the core count
and the database's size, and the EXPLAIN QUERY PLAN of every SQL statement
each api call sends (captured from SQLAlchemy).

How the database is built (a decision: ingesting 90,000 articles at ~125
articles/s would take 12 minutes per build):

1. benchmarks/corpus.py writes --articles deterministic articles (simplified
   and traditional Chinese, English) and the real `claimtrack ingest` reads
   them: every claim of the base comes from the real extractor.
2. The base is copied with INSERT ... SELECT until it holds --claims claims.
   Copy k gets new articles (own id, content hash, title, path), the outlet
   with a suffix (so ten times as many outlets) and its dates (publication,
   periods, ISO dates) moved k mod 6 years on; every claim keeps its text,
   figure, unit, qualifier and interval.
3. Stories. The corpus generator draws every article from one pool of
   sentences about one set of events, so at scale every "Nvidia share price"
   figure would be one fact reported 30,000 times, which no archive has. The
   articles are therefore cut into stories of --story consecutive articles
   (20), and each story has its own copy of every entity ("Nvidia #17",
   part-of links kept within the story), and the subjects as written and folded
   (subject_name, subject_key) carry the story's number too: a fact is reported
   by the sources of one story. Groups of agreeing and conflicting claims then have the sizes
   the generator gives 20 articles (the benchmark prints them), while the
   indexes, the tables and the full-text index hold the full million rows.
   Figures are not varied further: the generator already moves a figure in
   three of ten sentences (x0.5 to x10), and a stored value that its own
   sentence contradicts would not be a claim the extractor could make.

The goals (issue 14, whole process): claims --topic --limit 50 under 0.3 s,
--search --limit 50 under 0.5 s, topics under 0.2 s, compare under 1 s in every
format, conflicts over everything under 5 s and 1 GB.

The physical floor: beside each CLI figure, the wall time of the sqlite3 shell
running the same SELECT statements (captured from the api call, parameters
written in) in the same run, and the ratio of the two: how far the command is
from what the database itself needs. Without a `sqlite3` shell on PATH the floor
is a Python process that sends the same statements with the sqlite3 module (the
output says which).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
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

YEARS_OF_COPIES = 6
OUTLET_SUFFIXES = 10


# --- Building the database ------------------------------------------------------------


def build(db: Path, *, claims: int, articles: int, story: int, jobs: int) -> None:
    """Ingest a generated corpus with the real CLI, then copy it up to ``claims`` claims."""
    from corpus import write_corpus

    with tempfile.TemporaryDirectory(prefix="claimtrack-query-") as folder:
        corpus = Path(folder) / "corpus"
        write_corpus(corpus, articles)
        started = time.perf_counter()
        subprocess.run([*claimtrack_command(), "--db", str(db), "ingest", "-q",
                        "--jobs", str(jobs), str(corpus)], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"ingested {articles:,} generated articles in "
              f"{time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    connection = sqlite3.connect(db, isolation_level=None)
    try:
        connection.execute("BEGIN")
        multiply(connection, claims=claims, story=story)
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
    finally:
        connection.close()
    print(f"copied up to {claims:,} claims in {time.perf_counter() - started:.0f} s")


def multiply(connection: sqlite3.Connection, *, claims: int, story: int) -> None:
    """Copies of the base's articles and claims, and one copy of every entity per story."""
    scalar = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
    base_claims = scalar("SELECT count(*) FROM claim")
    max_article = scalar("SELECT max(id) FROM article")
    max_claim = scalar("SELECT max(id) FROM claim")
    max_entity = scalar("SELECT max(id) FROM entity")
    copies = math.ceil(claims / base_claims)
    connection.execute("CREATE TEMP TABLE copy_number (k INTEGER PRIMARY KEY)")
    connection.executemany("INSERT INTO copy_number VALUES (?)", [(k,) for k in range(1, copies)])
    stories = (copies * max_article - 1) // story + 1
    connection.execute("CREATE TEMP TABLE story_number (s INTEGER PRIMARY KEY)")
    connection.executemany("INSERT INTO story_number VALUES (?)",
                           [(s,) for s in range(1, stories)])
    # Story 0 keeps the real entities; story s gets entity id + s * max_entity.
    connection.execute(f"""
        INSERT INTO entity (id, name, name_zh, kind, part_of_id)
        SELECT e.id + s * {max_entity}, e.name || ' #' || s, e.name_zh || ' #' || s, e.kind,
               e.part_of_id + s * {max_entity}
        FROM entity AS e, story_number ORDER BY s, e.id""")
    shift = f"'+' || (k % {YEARS_OF_COPIES}) || ' years'"
    article_values = {
        "id": f"a.id + k * {max_article}", "title": "a.title || ' (' || k || ')'",
        "outlet": f"a.outlet || ' ' || (k % {OUTLET_SUFFIXES})",
        "published": f"date(a.published, {shift})", "url": "a.url || '#' || k",
        "content_hash": "substr(a.content_hash, 1, 56) || printf('%08d', k)",
        "source_path": "a.source_path || '#' || k",
    }
    _copy(connection, "article", "a", article_values)
    new_article = f"(c.article_id + k * {max_article})"
    story_of = f"(({new_article} - 1) / {story})"
    claim_values = {
        "id": f"c.id + k * {max_claim}", "article_id": new_article,
        "subject_id": f"c.subject_id + {max_entity} * {story_of}",
        # The subject as written and folded follow the story too: "Nvidia #17" folds to
        # "nvidia #17", and a subject no entity is ("某公司") is one story's as well.
        "subject_name": _story_suffixed("c.subject_name", story_of),
        "subject_key": _story_suffixed("c.subject_key", story_of),
        "period_start": f"date(c.period_start, {shift})",
        "period_end": f"date(c.period_end, {shift})",
        "iso": f"CASE WHEN c.iso GLOB '[0-9][0-9][0-9][0-9]*' THEN printf('%04d', "
               f"CAST(substr(c.iso, 1, 4) AS INTEGER) + k % {YEARS_OF_COPIES}) || "
               "substr(c.iso, 5) ELSE c.iso END",
    }
    _copy(connection, "claim", "c", claim_values, where=f"c.id <= {max_claim}")
    # The base's own claims last: the copies were made from their real subjects.
    base_story = f"((article_id - 1) / {story})"
    connection.execute(f"UPDATE claim SET subject_id = subject_id + {max_entity} * {base_story}, "
                       f"subject_name = {_story_suffixed('subject_name', base_story)}, "
                       f"subject_key = {_story_suffixed('subject_key', base_story)} "
                       f"WHERE id <= {max_claim} AND article_id > {story}")


def _story_suffixed(column: str, story: str) -> str:
    """SQL: the column with " #story" after it (story 0 keeps it as it is)."""
    return f"CASE WHEN {story} > 0 THEN {column} || ' #' || {story} ELSE {column} END"


def _copy(connection, table: str, alias: str, values: dict[str, str], where: str = "1") -> None:
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    select = ", ".join(values.get(column, f"{alias}.{column}") for column in columns)
    connection.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} "
                       f"FROM {table} AS {alias}, copy_number WHERE {where} "
                       f"ORDER BY k, {alias}.id")


# --- Measuring --------------------------------------------------------------------------


def claimtrack_command() -> list[str]:
    """The installed `claimtrack` next to this Python, else `python -m claimtrack`."""
    script = Path(sys.executable).with_name("claimtrack")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimtrack"]


def run_cli(db: Path, args: list[str]) -> tuple[float, float, int, float]:
    """(wall seconds, peak MB, output bytes, CPU seconds) of one CLI run, output to a file."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen([*claimtrack_command(), "--db", str(db), *args],
                                   stdout=output, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        error = process.stderr.read().decode()
        process.stderr.close()
        if process.returncode not in (0, 1) or error:
            raise SystemExit(f"claimtrack {' '.join(args)} failed: {error.strip()}")
        size = output.tell()
    return seconds, usage.ru_maxrss / 1024, size, usage.ru_utime + usage.ru_stime


def run_api(call) -> tuple[float, int, float]:
    """(wall seconds, results, CPU seconds) of one in-process api call."""
    started, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - started, len(result), time.process_time() - cpu


def captured_statements(engine, call, *, every: bool = False) -> list[tuple[str, object]]:
    """The SQL statements (with parameters) an api call sends to the database: those about
    claims, or ``every`` SELECT."""
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and (every or "claim" in statement):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def query_plans(engine, statements) -> list[tuple[str, list[str]]]:
    """EXPLAIN QUERY PLAN of each statement, as indented lines."""
    plans = []
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        for statement, parameters in statements:
            rows = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            depth = {0: 0}
            lines = []
            for node, parent, _, detail in rows:
                depth[node] = depth.get(parent, 0) + 1
                lines.append("  " * depth[node] + detail)
            plans.append((" ".join(statement.split())[:160], lines))
    return plans


def literal_sql(statement: str, parameters) -> str:
    """A statement with its qmark parameters written in as SQL literals (for the shell)."""
    values = iter(parameters or ())

    def literal(_match) -> str:
        value = next(values)
        if value is None:
            return "NULL"
        if isinstance(value, (int, float)):
            return repr(value)
        return "'" + str(value).replace("'", "''") + "'"

    return re.sub(r"\?", literal, statement)


def floor_seconds(db: Path, statements: list[tuple[str, object]], runs: int) -> float:
    """Median wall time of the physical floor: the sqlite3 shell (else a Python process
    with only the sqlite3 module) running the statements, every row read."""
    script = "".join(literal_sql(statement, parameters) + ";\n"
                     for statement, parameters in statements)
    if shutil.which("sqlite3"):
        argv = ["sqlite3", "-batch", str(db)]
    else:
        argv = [sys.executable, "-c",
                "import sqlite3, sys\n"
                f"connection = sqlite3.connect({str(db)!r})\n"
                "for statement in sys.stdin.read().split(';\\n'):\n"
                "    if statement.strip():\n"
                "        connection.execute(statement).fetchall()\n"]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, input=script, text=True, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


FLOOR = "the sqlite3 shell" if shutil.which("sqlite3") else \
    "a Python process with the sqlite3 module (no sqlite3 shell on PATH)"


def group_sizes(api, engine) -> str:
    """Groups, largest group and pairs of the whole cross-check (--all)."""
    groups = api.conflicts(db=engine, include_all=True)
    sizes = [len(group.claims) for group in groups]
    pairs = sum(len(group.pairs) for group in groups)
    conflicting = sum(1 for group in groups if group.has_conflict)
    return (f"{len(groups):,} groups ({conflicting:,} with a conflict), "
            f"{statistics.mean(sizes):.1f} claims a group on average, largest {max(sizes)}, "
            f"{pairs:,} pairs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) /
                        "claimtrack-query-speed.db")
    parser.add_argument("--reuse", action="store_true",
                        help="Use the database at --db if it exists (else build it).")
    parser.add_argument("--articles", type=int, default=2000,
                        help="Generated articles ingested for the base (default 2000).")
    parser.add_argument("--story", type=int, default=20,
                        help="Articles per story (the sources of one fact; default 20).")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--topic", default="training_cost")
    parser.add_argument("--search", nargs="+", default=["星际之门", "hugging face"])
    parser.add_argument("--cases", default="",
                        help="Only the commands matching this regular expression.")
    args = parser.parse_args()

    origin = "reused"
    if not (args.reuse and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        build(args.db, claims=args.claims, articles=args.articles, story=args.story,
              jobs=os.cpu_count() or 1)
        origin = f"{args.articles} generated articles ingested, copied; stories of {args.story}"

    with sqlite3.connect(args.db) as connection:
        claims = connection.execute("SELECT count(*) FROM claim").fetchone()[0]
        articles = connection.execute("SELECT count(*) FROM article").fetchone()[0]
    size = sum(Path(f"{args.db}{suffix}").stat().st_size for suffix in ("", "-wal")
               if Path(f"{args.db}{suffix}").exists())
    print(f"claimtrack query speed (Python {platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version}, os.cpu_count() = {os.cpu_count()}, median of "
          f"{args.runs} runs)")
    print(f"database: {args.db}, {claims:,} claims in {articles:,} articles, "
          f"{size / 1e6:,.0f} MB ({origin})")

    topic, search = args.topic, args.search
    cases = [  # (label, CLI arguments, api call, goal in seconds)
        (f"claims --topic {topic} --limit 50", ["claims", "--topic", topic, "--limit", "50"],
         lambda api, db: api.find_claims(db=db, topic=topic, limit=50), 0.3),
        *[(f"claims --search '{word}' --limit 50", ["claims", "--search", word, "--limit", "50"],
           lambda api, db, word=word: api.find_claims(db=db, search=word, limit=50), 0.5)
          for word in search],
        *[(f"claims --search '{word}'", ["claims", "--search", word],
           lambda api, db, word=word: api.find_claims(db=db, search=word), 0.5)
          for word in search],
        ("topics", ["topics"],
         lambda api, db: api.taxonomy_with_counts(topics=True, db=db), 0.2),
        ("entities --format csv", ["entities", "--format", "csv"],
         lambda api, db: api.taxonomy_with_counts(topics=False, db=db), None),
        (f"compare {topic}", ["compare", topic], lambda api, db: api.compare(topic, db=db), 1.0),
        (f"compare {topic} --format csv", ["compare", topic, "--format", "csv"],
         lambda api, db: api.compare(topic, db=db), 1.0),
        (f"compare {topic} --format json", ["compare", topic, "--format", "json"],
         lambda api, db: api.compare(topic, db=db), 1.0),
        ("conflicts", ["conflicts"], lambda api, db: api.conflicts(db=db), 5.0),
        ("conflicts --format csv", ["conflicts", "--format", "csv"],
         lambda api, db: api.conflicts(db=db), 5.0),
    ]
    cases = [case for case in cases if re.search(args.cases, case[0])]
    # Every CLI run first, while this process is small: a child started by vfork
    # inherits its parent's peak memory as its own ru_maxrss.
    cli_results = {label: [run_cli(args.db, cli_args) for _ in range(args.runs)]
                   for label, cli_args, _, _ in cases}

    from claimtrack import api
    from claimtrack.db.session import engine_for

    engine = engine_for(f"sqlite:///{args.db}")
    header = (f"{'command':<42} {'goal':>5} {'CLI s':>6} {'cpu s':>6} {'peak MB':>7} "
              f"{'out MB':>6} {'floor s':>7} {'ratio':>6} {'api s':>6} {'cpu s':>6} "
              f"{'rows':>7}  reached (CLI / api)")
    print(header)
    print("-" * len(header))
    plans = []
    for label, _, call, goal in cases:
        cli = cli_results[label]
        call(api, engine)  # warm: imports, the schema check, the file cache
        api_runs = [run_api(lambda call=call: call(api, engine)) for _ in range(args.runs)]
        cli_seconds = statistics.median(run[0] for run in cli)
        api_seconds = statistics.median(run[0] for run in api_runs)
        peak = max(run[1] for run in cli)
        cli_cpu = statistics.median(run[3] for run in cli)
        api_cpu = statistics.median(run[2] for run in api_runs)
        floor = floor_seconds(args.db, captured_statements(
            engine, lambda call=call: call(api, engine), every=True), args.runs)
        verdict = "(no goal)" if goal is None else " / ".join(
            "yes" if seconds <= goal else "no" for seconds in (cli_seconds, api_seconds))
        goal_text = "" if goal is None else f"{goal:.1f}"
        print(f"{label:<42} {goal_text:>5} {cli_seconds:>6.2f} {cli_cpu:>6.2f} {peak:>7.0f} "
              f"{cli[0][2] / 1e6:>6.1f} {floor:>7.3f} {cli_seconds / floor:>6.1f} "
              f"{api_seconds:>6.3f} {api_cpu:>6.3f} {api_runs[0][1]:>7,}  {verdict}", flush=True)
        if not label.endswith(("--format csv", "--format json", "--limit 50")) or \
                "topic" in label:
            plans.append((label, query_plans(
                engine, captured_statements(engine, lambda call=call: call(api, engine)))))
    print(f"\nfloor s: {FLOOR} running the SELECT statements the api call sends (parameters "
          "written in), median of as many runs; ratio = CLI s / floor s.")
    print("\nWall seconds decide 'reached'; CPU seconds (user + system) show the work when "
          "other processes share the cores (load average now "
          f"{os.getloadavg()[0]:.1f}). conflicts: goal also < 1,024 MB peak memory "
          "(peak MB: ru_maxrss of the CLI process).")
    if any(label.startswith("conflicts") for label, *_ in cases):
        print(f"\ncross-check over everything (--all): {group_sizes(api, engine)}")
    print("\nEXPLAIN QUERY PLAN of the statements each api call sends about claims:")
    for label, statements in plans:
        print(f"\n{label}")
        for statement, lines in statements:
            print(f"  {statement}...")
            for line in lines:
                print(f"  {line}")


if __name__ == "__main__":
    main()
