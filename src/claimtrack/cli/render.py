"""How the CLI shows ingest progress, ingest summaries, claims, articles and the taxonomy.

Imported only inside commands. rich is imported by the functions that draw with
it (tables, progress), so that `--format csv` or `json` never loads it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from claimtrack.export import Column

if TYPE_CHECKING:
    from claimtrack.api import FileOutcome, IngestReport
    from claimtrack.schemas import StoredArticle

ARTICLE_COLUMNS = (
    Column("id", "id", justify="right"),
    Column("title", "title", max_width=40),
    Column("outlet", "outlet", max_width=16),
    Column("authors", "authors", max_width=20),
    Column("published", "published"),
    Column("language", "lang"),
    Column("characters", "chars", justify="right"),
    Column("url", "url"),
    Column("translators", "translators"),
    Column("published_precision", "precision"),
    Column("source_path", "source"),
    Column("content_hash", "content_hash"),
    Column("ingested_at", "ingested_at"),
)
# The table shows the first columns; json and csv carry all of them.
ARTICLE_TABLE_COLUMNS = 6


def article_record(article: StoredArticle) -> dict:
    """An article as an output record; published keeps its stated precision (2025-02)."""
    record = article.model_dump(mode="json")
    record["published"] = article.published_display or None
    return record


CLAIM_COLUMNS = (
    Column("file", "file", max_width=12),
    Column("surface", "surface", max_width=16),
    Column("value", "value", justify="right"),
    Column("unit", "unit"),
    Column("qualifier", "qualifier"),
    Column("subject", "subject", max_width=14),
    Column("topic", "topic", max_width=16),
    Column("period", "period"),
    Column("speaker", "speaker", max_width=14),
    Column("article", "article"),
    Column("start", "start", justify="right"),
    Column("end", "end", justify="right"),
    Column("sentence", "sentence"),
    Column("kind", "kind"),
    Column("unit_text", "unit_text"),
    Column("low", "low"),
    Column("high", "high"),
    Column("precision", "precision"),
    Column("direction", "direction"),
    Column("iso", "iso"),
    Column("period_start", "period_start"),
    Column("period_end", "period_end"),
    Column("period_precision", "period_precision"),
    Column("attribution", "attribution"),
    Column("measure", "measure"),
    Column("scope", "scope"),
    Column("base", "base"),
    Column("from_value", "from_value"),
    Column("speaker_role", "speaker_role"),
    Column("said_on", "said_on"),
    Column("subject_inferred", "subject_inferred"),
    Column("extractor", "extractor"),
)
# The table shows the first columns (period and value as one readable cell each).
CLAIM_TABLE_COLUMNS = 9


def claim_record(claim, article: str) -> dict:
    """A claim as an output record: the Claim's fields plus its article and a period label."""
    from pathlib import PurePath

    record = {"article": article, "file": PurePath(article).name[:12],
              **claim.model_dump(mode="json")}
    record["period"] = claim_period_label(claim)
    if claim.kind == "date":
        record["value"] = claim.iso
    elif claim.value is None and claim.low is not None:
        record["value"] = f"{claim.low:,.6g}–{claim.high:,.6g}" if claim.high else claim.low
    return record


def claim_period_label(claim) -> str | None:
    """The period a claim's figure refers to, at its precision (see periods.period_label)."""
    from claimtrack.periods import period_label

    return period_label(claim.period_start, claim.period_end, claim.period_precision)


_STATUS_STYLE = {"added": "green", "updated": "yellow", "unchanged": "dim", "failed": "red"}


@contextmanager
def ingest_progress(*, enabled: bool, min_files: int) -> Iterator[Callable[[FileOutcome], None]]:
    """A callback for api.ingest that prints failures at once and, for many files,
    drives a progress bar on a terminal."""
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    err = Console(stderr=True)
    progress = Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[path]}"), console=err, transient=True,
    )
    state = {"seen": 0, "task": None}

    def on_outcome(outcome: FileOutcome) -> None:
        state["seen"] += 1
        if outcome.status == "failed":
            # Plain text, one line per bad file, even under the progress bar.
            progress.console.print(f"claimtrack: skipped {escape(outcome.error or outcome.path)}",
                                   style="red", soft_wrap=True, highlight=False)
        if enabled and err.is_terminal and state["seen"] == min_files:
            state["task"] = progress.add_task("ingest", total=None, path="")
            progress.start()
        if state["task"] is not None:
            progress.update(state["task"], completed=state["seen"], path=outcome.path[-40:])

    try:
        yield on_outcome
    finally:
        if state["task"] is not None:
            progress.stop()


def print_ingest_summary(report: IngestReport, *, quiet: bool) -> None:
    """A table of what happened to each file (unless quiet), then one totals line."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    if not quiet and report.outcomes:
        table = Table(header_style="bold")
        table.add_column("file", overflow="fold")
        table.add_column("result")
        table.add_column("id", justify="right")
        table.add_column("lang")
        table.add_column("claims", justify="right")
        table.add_column("title", overflow="fold", max_width=40)
        for outcome in report.outcomes:
            style = _STATUS_STYLE[outcome.status]
            table.add_row(
                escape(outcome.path), f"[{style}]{outcome.status}[/]",
                str(outcome.article_id or ""), outcome.language or "",
                str(outcome.claims) if outcome.status == "added" else "",
                escape(outcome.title or (outcome.error or "").split(": ", 1)[-1]),
            )
        console.print(table)
    parts = [f"{report.count(status)} {status}" for status in ("added", "updated", "unchanged")]
    totals = ", ".join(parts) + f", {report.count('failed')} failed"
    claims = sum(outcome.claims for outcome in report.outcomes)
    if claims:
        totals += f"; {claims} claim{'' if claims == 1 else 's'} extracted"
    files = len(report.outcomes)
    print(f"{files} file{'' if files == 1 else 's'}: {totals}", file=sys.stdout)
    if report.queue is not None:
        # This process's files only; the queue line says where the whole job stands.
        total = sum(report.queue.values())
        print(f"queue: {total} file{'' if total == 1 else 's'}, "
              + ", ".join(f"{count} {state}" for state, count in report.queue.items()),
              file=sys.stdout)


# --- Stored claims ---------------------------------------------------------------

STORED_CLAIM_COLUMNS = (
    Column("id", "id", justify="right"),
    Column("surface", "figure", max_width=14),
    Column("subject", "subject", max_width=12),
    Column("topic", "topic", max_width=14),
    Column("when", "when"),
    Column("outlet", "source", max_width=12),
    Column("speaker", "speaker", max_width=12),
    Column("value", "value"),
    Column("unit", "unit"),
    Column("qualifier", "qualifier"),
    Column("low", "low"),
    Column("high", "high"),
    Column("direction", "direction"),
    Column("kind", "kind"),
    Column("status", "status"),
    Column("origin", "origin"),
    Column("article_id", "article_id"),
    Column("article_title", "article_title"),
    Column("published", "published"),
    Column("url", "url"),
    Column("start", "start"),
    Column("end", "end"),
    Column("attribution", "attribution"),
    Column("measure", "measure"),
    Column("scope", "scope"),
    Column("base", "base"),
    Column("from_value", "from_value"),
    Column("speaker_role", "speaker_role"),
    Column("said_on", "said_on"),
    Column("subject_inferred", "subject_inferred"),
    Column("sentence", "sentence"),
)
# An 80-column terminal fits the first seven.
STORED_CLAIM_TABLE_COLUMNS = 7


def print_claims(claims, fmt: str) -> None:
    """Claims from the database in a format: json/jsonl nest the article, table/csv flatten it.

    A table makes records only for the rows it shows (export.TABLE_MAX_ROWS).
    """
    from claimtrack.export import TABLE_MAX_ROWS, render, render_table

    if fmt in ("json", "jsonl"):
        records = [claim.as_record() for claim in claims]
        render(fmt, records, STORED_CLAIM_COLUMNS, sys.stdout)
        return
    if fmt == "table":
        records = [flat_claim_record(claim) for claim in claims[:TABLE_MAX_ROWS]]
        render_table(records, STORED_CLAIM_COLUMNS[:STORED_CLAIM_TABLE_COLUMNS], sys.stdout,
                     total=len(claims))
        return
    render(fmt, [flat_claim_record(claim) for claim in claims], STORED_CLAIM_COLUMNS,
           sys.stdout)


def flat_claim_record(claim) -> dict:
    """A stored claim with its article's fields beside its own, for tables and CSV."""
    record = claim.as_record()
    article = record.pop("article")
    record.update(article_id=article["id"], article_title=article["title"],
                  outlet=article["outlet"], published=article["published"], url=article["url"])
    # The period the figure refers to, else when its article appeared.
    record["when"] = claim_period_label(claim) or article["published"]
    return record


def print_claim(claim, reviews: list[dict], context: tuple[str, str, str], fmt: str) -> None:
    """One claim: as JSON, or as a block with its sentence and the figure highlighted."""
    import json

    if fmt == "json":
        record = claim.as_record()
        record["history"] = [{**review, "at": review["at"].isoformat()} for review in reviews]
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console()
    before, surface, after = context
    sentence = Text(before) + Text(surface, style="bold reverse") + Text(after)
    if not surface or not (before or after):
        sentence = Text(claim.sentence)
    console.print(Text(f"claim {claim.id}", style="bold"), Text(f"({claim.status})", style="dim"))
    console.print(sentence)
    from claimtrack.export import table_cell

    article = claim.article
    value = table_value(claim)
    lines = [
        ("value", value),
        ("from", table_cell(claim.from_value) if claim.from_value is not None else None),
        ("subject", claim.subject and claim.subject + (
            " (inferred: what the article is about)" if claim.subject_inferred else "")),
        ("topic", claim.topic),
        ("measure", claim.measure),
        ("scope", claim.scope),
        ("base", claim.base),
        ("period", claim_period_label(claim)),
        ("speaker", claim.speaker),
        ("role", claim.speaker_role),
        ("said on", claim.said_on),
        ("attribution", claim.attribution),
        ("article", f"{article.id}: {article.title or ''}"),
        ("outlet", article.outlet),
        ("published", article.published),
        ("url", article.url),
        ("origin", claim.origin + (f" ({claim.extractor_version})" if
                                   claim.extractor_version else "")),
        ("notes", claim.notes),
    ]
    for label, text in lines:
        if text:
            console.print(Text(f"  {label:<12}", style="dim") + Text(str(text)))
    if reviews:
        console.print(Text("  history", style="dim"))
        for review in reviews:
            note = f"  ({review['note']})" if review["note"] else ""
            console.print(f"    {review['at']:%Y-%m-%d %H:%M}  {review['field']}: "
                          f"{review['old']} → {review['new']}{note}", markup=False)


def table_value(claim) -> str:
    """A claim's figure as a person reads it: ≈ 6e+11 USD, < 6,000,000 USD, 20–30 year."""
    from claimtrack.export import table_cell

    unit = claim.unit or ""
    if claim.kind == "date":
        return claim.iso or ""
    if claim.qualifier == "range":
        return f"{table_cell(claim.low)}–{table_cell(claim.high)} {unit}".strip()
    if claim.qualifier == "upper_bound":
        return f"< {table_cell(claim.high)} {unit}".strip()
    if claim.qualifier == "lower_bound":
        return f"> {table_cell(claim.low)} {unit}".strip()
    prefix = "≈ " if claim.qualifier == "approx" else ""
    return f"{prefix}{table_cell(claim.value)} {unit}".strip()


TOPIC_COLUMNS = (
    Column("key", "topic"), Column("name_zh", "名称"), Column("kind", "kind"),
    Column("claims", "claims", justify="right"), Column("name", "name"),
    Column("aliases", "aliases"),
)
ENTITY_COLUMNS = (
    Column("name", "entity"), Column("name_zh", "名称"), Column("kind", "kind"),
    Column("claims", "claims", justify="right"), Column("part_of", "part of"),
    Column("aliases", "aliases"),
)


def print_taxonomy(rows: list[dict], fmt: str, *, topics: bool) -> None:
    """Topics or entities with their counts; the table leaves the aliases out."""
    from claimtrack.export import render

    columns = TOPIC_COLUMNS if topics else ENTITY_COLUMNS
    render(fmt, rows, columns[:5] if fmt == "table" else columns, sys.stdout)


HISTORY_COLUMNS = (
    Column("at", "at"), Column("field", "field"), Column("old", "old", max_width=20),
    Column("new", "new", max_width=20), Column("reviewer", "by"), Column("note", "note"),
)


def history_record(review: dict) -> dict:
    """A review log entry with its values decoded from JSON."""
    import json

    def decoded(value):
        return None if value is None else json.loads(value)

    return {"at": review["at"].strftime("%Y-%m-%d %H:%M:%S"), "field": review["field"],
            "old": decoded(review["old"]), "new": decoded(review["new"]),
            "reviewer": review["reviewer"], "note": review["note"]}


def print_curate_report(result) -> None:
    """One line per curated file, then the failed files' errors on stderr."""
    for report in result.reports:
        print(f"{report.file}: {len(report.added)} added, {len(report.changed)} changed, "
              f"{len(report.left)} left, {len(report.removed)} removed")
    for error in result.errors:
        print(f"claimtrack: error: {error}", file=sys.stderr)
    if result.errors:
        print(f"{len(result.errors)} file{'' if len(result.errors) == 1 else 's'} not applied",
              file=sys.stderr)
