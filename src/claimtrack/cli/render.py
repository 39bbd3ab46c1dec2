"""How the CLI shows ingest progress, ingest summaries and article listings.

Imported only inside commands: it pulls in rich.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

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
    """2025-03 for a month, 2025 for a year, 2020/2023 for a span: the period at its precision."""
    if claim.period_start is None:
        return None
    start, end = claim.period_start.isoformat(), claim.period_end.isoformat()
    if claim.period_precision == "day":
        return start
    if claim.period_precision == "month":
        return start[:7]
    if claim.period_precision == "quarter":
        return f"{start[:4]}-Q{(claim.period_start.month + 2) // 3}"
    if start[:4] == end[:4]:
        return start[:4]
    return f"{start[:4]}/{end[:4]}"


_STATUS_STYLE = {"added": "green", "updated": "yellow", "unchanged": "dim", "failed": "red"}


@contextmanager
def ingest_progress(*, enabled: bool, min_files: int) -> Iterator[Callable[[FileOutcome], None]]:
    """A callback for api.ingest that prints failures at once and, for many files,
    drives a progress bar on a terminal."""
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
    console = Console()
    if not quiet and report.outcomes:
        table = Table(header_style="bold")
        table.add_column("file", overflow="fold")
        table.add_column("result")
        table.add_column("id", justify="right")
        table.add_column("lang")
        table.add_column("title", overflow="fold", max_width=40)
        for outcome in report.outcomes:
            style = _STATUS_STYLE[outcome.status]
            table.add_row(
                escape(outcome.path), f"[{style}]{outcome.status}[/]",
                str(outcome.article_id or ""), outcome.language or "",
                escape(outcome.title or (outcome.error or "").split(": ", 1)[-1]),
            )
        console.print(table)
    parts = [f"{report.count(status)} {status}" for status in ("added", "updated", "unchanged")]
    totals = ", ".join(parts) + f", {report.count('failed')} failed"
    files = len(report.outcomes)
    print(f"{files} file{'' if files == 1 else 's'}: {totals}", file=sys.stdout)
