"""Do two SQLite databases hold the same ingest? Same articles, same claims, same fields.

Usage:
    python tools/compare_ingests.py BEFORE.db AFTER.db

For checking that a change to how ingest stores things changes nothing it
stores. Articles are matched by content hash and claims by (article content
hash, span start, span end, surface); every other column is compared as
stored, except ids and the times a row was written (ingested_at, updated_at,
created_at), which differ between any two runs. Ids are compared too, as a
separate line, since a change of order shows there. The full-text index of
each is checked with FTS5's own 'integrity-check' (every claim's trigrams
indexed, nothing else) and its row count against the claims'. Exits 1 on any
difference and prints the first few.
"""

from __future__ import annotations

import sqlite3
import sys

SKIP = {"id", "ingested_at", "updated_at", "created_at", "article_id", "overridden_by_id"}


def _rows(db: str, table: str, key_sql: str) -> tuple[list[str], dict]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    kept = [column for column in columns if column not in SKIP]
    select = ", ".join(f"t.{column}" for column in kept)
    query = (f"SELECT {key_sql}, t.id, {select} FROM {table} AS t "
             "LEFT JOIN article AS a ON a.id = " + ("t.id" if table == "article"
                                                     else "t.article_id"))
    rows = {}
    for row in connection.execute(query):
        width = 4 if table == "claim" else 1
        key = row[:width]
        while key in rows:  # two claims at one span with one surface: keep both
            key = (*key, "again")
        rows[key] = row[width:]
    connection.close()
    return kept, rows


def _fulltext(db: str) -> str:
    connection = sqlite3.connect(db)
    try:
        connection.execute("INSERT INTO claim_fts(claim_fts, rank) VALUES ('integrity-check', 1)")
        indexed = connection.execute("SELECT count(*) FROM claim_fts_docsize").fetchone()[0]
        claims = connection.execute("SELECT count(*) FROM claim").fetchone()[0]
    except sqlite3.DatabaseError as error:
        return f"full-text index broken: {error}"
    finally:
        connection.close()
    return "" if indexed == claims else f"full-text index holds {indexed} of {claims} claims"


def compare(before: str, after: str) -> list[str]:
    problems = []
    for table, key_sql in (("article", "t.content_hash"),
                           ("claim", "a.content_hash, t.span_start, t.span_end, t.surface")):
        columns, old = _rows(before, table, key_sql)
        _, new = _rows(after, table, key_sql)
        print(f"{table}: {len(old):,} before, {len(new):,} after")
        for key in sorted(old.keys() - new.keys(), key=str)[:5]:
            problems.append(f"{table} {key} only before")
        for key in sorted(new.keys() - old.keys(), key=str)[:5]:
            problems.append(f"{table} {key} only after")
        changed = ids = 0
        for key in old.keys() & new.keys():
            if old[key][0] != new[key][0]:
                ids += 1
            if old[key][1:] != new[key][1:]:
                changed += 1
                if changed <= 5:
                    diff = [f"{c}: {a!r} -> {b!r}" for c, a, b in
                            zip(columns, old[key][1:], new[key][1:], strict=True) if a != b]
                    problems.append(f"{table} {key}: {'; '.join(diff)}")
        if changed:
            problems.append(f"{table}: {changed:,} rows differ")
        print(f"{table}: {changed:,} rows differ in a column, {ids:,} have another id")
    for db in (before, after):
        problem = _fulltext(db)
        if problem:
            problems.append(f"{db}: {problem}")
    return problems


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    problems = compare(sys.argv[1], sys.argv[2])
    for problem in problems:
        print(problem)
    print("same" if not problems else "DIFFERENT")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
