"""Renderers for cross-checking: conflict groups and comparison tables, keyed by format.

CONFLICT_RENDERERS and COMPARE_RENDERERS map a format name to a function that
writes to a text stream; the CLI's --format choices are their keys. Every text
from an article is escaped in HTML and Markdown.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TextIO

from claimtrack.crosscheck.intervals import interval_of, number
from claimtrack.export import csv_cell, write_json

VERDICT_STYLE = {"conflict": "bold red", "date_conflict": "bold red",
                 "scale_slip": "bold magenta",
                 "possibly_same_fact": "yellow", "consistent_bound": "green",
                 "consistent_rounding": "green", "same": "green", "not_compared": "dim"}


def _claim_json(claim, tolerance: float) -> dict[str, Any]:
    record = claim.as_record()
    interval = interval_of(claim, tolerance)
    record["interval"] = {"low": _finite(interval.low), "high": _finite(interval.high),
                          "text": interval_text(claim, tolerance)}
    return record


def interval_text(claim, tolerance: float) -> str:
    """What a figure admits, for people: [5,575,000, 5,585,000] USD; a date as written (ISO)."""
    if claim.kind == "date":
        from claimtrack.schemas import period_label

        return claim.iso or period_label(claim.period_start, claim.period_end,
                                         claim.period_precision) or ""
    return interval_of(claim, tolerance).describe(claim.unit or "")


def _finite(value: float) -> float | None:
    return None if value in (float("inf"), float("-inf")) else value


def _source(claim) -> str:
    article = claim.article
    return ", ".join(part for part in (article.outlet, article.published) if part)


# --- conflicts ---------------------------------------------------------------------


def conflict_records(groups: Sequence, tolerance: float) -> list[dict[str, Any]]:
    """Each group as one JSON-able record, its claims with their intervals."""
    return [{
        "subject": group.subject, "topic": group.topic, "statement": group.statement,
        "unit": group.unit, "scope": getattr(group, "scope", None), "period": group.period,
        "verdict": group.verdict,
        "claims": [_claim_json(claim, tolerance) for claim in group.claims],
        "pairs": [{"a": pair.a, "b": pair.b, "verdict": pair.verdict, "reason": pair.reason,
                   "gap": pair.gap, "rate": pair.rate} for pair in group.pairs],
    } for group in groups]


def conflicts_json(groups: Sequence, out: TextIO, tolerance: float) -> None:
    write_json(conflict_records(groups, tolerance), out)
    out.write("\n")


def conflicts_jsonl(groups: Sequence, out: TextIO, tolerance: float) -> None:
    for record in conflict_records(groups, tolerance):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


CONFLICT_CSV_COLUMNS = ("subject", "topic", "statement", "unit", "period", "group_verdict",
                        "a", "a_figure", "a_source", "b", "b_figure", "b_source", "verdict",
                        "gap", "rate", "reason")


def conflicts_csv(groups: Sequence, out: TextIO, tolerance: float) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CONFLICT_CSV_COLUMNS)
    for group in groups:
        by_id = {claim.id: claim for claim in group.claims}
        for pair in group.pairs:
            a, b = by_id[pair.a], by_id[pair.b]
            writer.writerow([csv_cell(value) for value in (
                group.subject, group.topic, group.statement, group.unit, group.period,
                group.verdict, a.id, a.surface, _source(a), b.id, b.surface, _source(b),
                pair.verdict, round(pair.gap, 6), pair.rate, pair.reason)])


def _details(group) -> str:
    """level, USD, 2025-02 (and the scope when the group has one): what a heading adds."""
    parts = (group.statement, group.unit, getattr(group, "scope", None), group.period)
    return ", ".join(part for part in parts if part)


def conflicts_markdown(groups: Sequence, out: TextIO, tolerance: float) -> None:
    if not groups:
        out.write("No conflicts found.\n")
    for group in groups:
        details = _details(group)
        out.write(f"## {_md(group.subject)} · {group.topic} ({_md(details)}): "
                  f"{group.verdict}\n\n")
        out.write("| id | source | speaker | figure | interval | status |\n")
        out.write("|---:|---|---|---|---|---|\n")
        for claim in group.claims:
            interval = interval_text(claim, tolerance)
            out.write(f"| {claim.id} | {_md(_source(claim))} | {_md(claim.speaker or '')} | "
                      f"{_md(claim.surface)} | {_md(interval)} | {claim.status} |\n")
        out.write("\n")
        for pair in group.pairs:
            out.write(f"- **{pair.verdict}** ({pair.a}, {pair.b}): {_md(pair.reason)}\n")
        out.write("\n")


# A terminal shows at most this many conflict groups (rich draws about 10 ms a group);
# the other formats write every group.
TABLE_MAX_GROUPS = 50


def conflicts_table(groups: Sequence, out: TextIO, tolerance: float) -> None:
    """The first TABLE_MAX_GROUPS groups, each a table and its pairs' reasons, then how
    many groups are left."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=out)
    if not groups:
        console.print("No conflicts found (--all shows the groups that agree).")
    for group in groups[:TABLE_MAX_GROUPS]:
        details = _details(group)
        console.print(f"[bold]{escape(group.subject)} · {group.topic}[/] ({escape(details)}): "
                      f"[{VERDICT_STYLE.get(group.verdict, '')}]{group.verdict}[/]")
        table = Table(header_style="bold", show_edge=False)
        for heading, justify in (("id", "right"), ("source", "left"), ("speaker", "left"),
                                 ("figure", "left"), ("interval", "left")):
            table.add_column(heading, justify=justify, overflow="fold")
        for claim in group.claims:
            mark = " (disputed)" if claim.status == "disputed" else ""
            table.add_row(str(claim.id), escape(_source(claim)), escape(claim.speaker or ""),
                          escape(claim.surface + mark),
                          escape(interval_text(claim, tolerance)))
        console.print(table)
        for pair in group.pairs:
            style = VERDICT_STYLE.get(pair.verdict, "")
            console.print(f"  [{style}]{pair.verdict}[/] {escape(pair.reason)}",
                          soft_wrap=False)
        console.print()
    rest = groups[TABLE_MAX_GROUPS:]
    if rest:
        conflicting = sum(1 for group in rest if group.has_conflict)
        console.print(f"… and {len(rest):,} more group{'' if len(rest) == 1 else 's'} "
                      f"({conflicting:,} in conflict); a table shows the first "
                      f"{TABLE_MAX_GROUPS:,}: --topic or --subject narrows them, --format csv, "
                      "json, jsonl or markdown writes them all", highlight=False, markup=False)


CONFLICT_RENDERERS: dict[str, Callable] = {
    "table": conflicts_table, "json": conflicts_json, "jsonl": conflicts_jsonl,
    "csv": conflicts_csv, "markdown": conflicts_markdown,
}


# --- comparison tables --------------------------------------------------------------

COMPARE_COLUMNS = ("group", "id", "outlet", "author", "published", "url", "speaker", "figure",
                   "value", "unit", "interval", "qualifier", "status", "reference",
                   "deviation", "conflict")


def _row_values(row) -> dict[str, Any]:
    claim = row.claim
    article = claim.article
    return {
        "group": row.group, "id": claim.id, "outlet": article.outlet, "author": article.author,
        "published": article.published, "url": article.url, "speaker": claim.speaker,
        "figure": claim.surface, "value": claim.value, "unit": claim.unit,
        "interval": row.interval, "qualifier": claim.qualifier, "status": claim.status,
        "reference": (f"{number(row.reference)} ({row.reference_label})"
                      if row.reference is not None else ""),
        "deviation": _deviation(row.deviation), "conflict": "yes" if row.conflicting else "",
    }


def _deviation(deviation: float | None) -> str:
    return "" if deviation is None else f"{deviation:+.1%}"


def compare_csv(rows: Sequence, out: TextIO, title: str) -> None:
    """UTF-8 with a byte-order mark, so that a spreadsheet shows Chinese right."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COMPARE_COLUMNS)
    for row in rows:
        values = _row_values(row)
        writer.writerow([csv_cell(values[column]) for column in COMPARE_COLUMNS])


def compare_records(rows: Sequence) -> list[dict[str, Any]]:
    """Each row as its claim's JSON record plus the group, interval, reference and deviation."""
    records = []
    for row in rows:
        record = row.claim.as_record()
        record.update(group=row.group, interval=row.interval, reference=row.reference,
                      reference_label=row.reference_label, deviation=row.deviation,
                      conflict=row.conflicting)
        records.append(record)
    return records


def compare_json(rows: Sequence, out: TextIO, title: str) -> None:
    write_json(compare_records(rows), out)
    out.write("\n")


def compare_jsonl(rows: Sequence, out: TextIO, title: str) -> None:
    for record in compare_records(rows):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def compare_markdown(rows: Sequence, out: TextIO, title: str) -> None:
    out.write(f"# {_md(title)}\n")
    group = None
    for row in rows:
        if row.group != group:
            group = row.group
            out.write(f"\n## {_md(group)}\n\n| id | source | speaker | figure | interval | "
                      "qualifier | status | deviation |\n|---:|---|---|---|---|---|---|---:|\n")
        values = _row_values(row)
        flag = " ⚠" if row.conflicting else ""
        out.write(f"| {values['id']} | {_md(_source(row.claim))} | {_md(values['speaker'] or '')}"
                  f" | {_md(values['figure'])}{flag} | {_md(values['interval'])} | "
                  f"{values['qualifier']} | {values['status']} | {values['deviation']} |\n")


def compare_table(rows: Sequence, out: TextIO, title: str) -> None:
    """The first TABLE_MAX_ROWS rows with their groups' headings, then how many are left."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from claimtrack.export import TABLE_MAX_ROWS

    console = Console(file=out)
    table = Table(title=escape(title), header_style="bold")
    for heading, justify in (("id", "right"), ("source", "left"), ("speaker", "left"),
                             ("figure", "left"), ("interval", "left"), ("dev.", "right")):
        table.add_column(heading, justify=justify, overflow="fold")
    group = None
    shown = rows[:TABLE_MAX_ROWS]
    for row in shown:
        if row.group != group:
            group = row.group
            table.add_row("", f"[bold]{escape(group)}[/]", "", "", "", "", end_section=False)
        values = _row_values(row)
        figure = escape(values["figure"]) + (" [bold red]≠[/]" if row.conflicting else "")
        table.add_row(str(values["id"]), escape(_source(row.claim)),
                      escape(values["speaker"] or ""), figure, escape(values["interval"]),
                      values["deviation"])
    console.print(table)
    if len(rows) > len(shown):
        more = len(rows) - len(shown)
        groups = len({row.group for row in rows[len(shown):]} - {group})
        conflicting = sum(1 for row in rows[len(shown):] if row.conflicting)
        console.print(f"… and {more:,} more claim{'' if more == 1 else 's'} in {groups:,} more "
                      f"group{'' if groups == 1 else 's'} ({conflicting:,} in a conflict); a "
                      f"table shows the first {TABLE_MAX_ROWS:,}: --subject narrows the "
                      "comparison, --format csv, json, markdown or html writes every row",
                      highlight=False, markup=False)


def compare_table_rows(rows: Sequence) -> list[dict[str, Any]]:
    """The comparison rows as the HTML table shows them (templates/compare_table.html)."""
    records = []
    for row in rows:
        values = _row_values(row)
        values.update(claim=row.claim, source=_source(row.claim), conflicting=row.conflicting,
                      value_text="" if values["value"] is None else number(values["value"]))
        records.append(values)
    return records


def compare_html(rows: Sequence, out: TextIO, title: str) -> None:
    """One self-contained page: inline CSS, no script, no network; conflicting rows marked."""
    from claimtrack.report.html import render

    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out.write(render("compare.html", title=title, made=made, records=compare_table_rows(rows),
                     conflicts=sum(1 for row in rows if row.conflicting)))


COMPARE_RENDERERS: dict[str, Callable] = {
    "table": compare_table, "csv": compare_csv, "json": compare_json, "jsonl": compare_jsonl,
    "markdown": compare_markdown, "html": compare_html,
}


def _md(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return html.escape(str(text)).replace("|", "\\|").replace("\n", " ")
