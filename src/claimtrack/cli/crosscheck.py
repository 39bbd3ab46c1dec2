"""`claimtrack conflicts`, `compare` and `demo`: what each source said, and where they disagree."""

from __future__ import annotations

import sys

import click

from claimtrack.cli.common import (
    EXIT_CONFLICT,
    LISTING_FORMATS,
    format_option,
    paged,
    pass_db,
    tolerance_option,
)
from claimtrack.cli.completion import complete_subject, complete_topic

CONFLICT_FORMATS = (*LISTING_FORMATS, "markdown")
COMPARE_FORMATS = (*LISTING_FORMATS, "markdown", "html")


@click.command(short_help="Groups of claims about one fact that contradict each other.")
@click.option("--topic", help="Only this topic (any name, any script).",
              shell_complete=complete_topic)
@click.option("--subject", help="Only this subject (any name, any script).",
              shell_complete=complete_subject)
@click.option("--since", metavar="YYYY[-MM[-DD]]", help="Period on or after this.")
@click.option("--until", metavar="YYYY[-MM[-DD]]", help="Period on or before this.")
@tolerance_option
@click.option("--all", "include_all", is_flag=True,
              help="Also the groups that agree, and the possibly-same-fact ones.")
@format_option(formats=CONFLICT_FORMATS)
@click.option("--fail-on-conflict", is_flag=True,
              help=f"Exit with code {EXIT_CONFLICT} when a conflict is found.")
@click.option("--save", is_flag=True,
              help="Also store these groups' pairs in the database (table crosscheck_pair, "
                   "view conflict_pairs), replacing the last saved ones.")
@paged
@pass_db
def conflicts(topic, subject, since, until, tolerance, include_all, fmt, fail_on_conflict,
              save, db):
    """Claims that speak of the same fact (subject, topic, kind of statement, unit, period)
    and whether their figures agree, with a reason for every pair."""
    from claimtrack import api
    from claimtrack.collector import paused
    from claimtrack.export.crosscheck import CONFLICT_RENDERERS, TABLE_MAX_GROUPS

    with paused():
        # A table shows its first groups in full; the rest it only counts.
        groups = api.conflicts(db=db, topic=topic, subject=subject, since=since, until=until,
                               tolerance=tolerance, include_all=include_all, plain=True,
                               worded=TABLE_MAX_GROUPS if fmt == "table" and not save
                               else None)
        if save:
            api.save_conflicts(groups, tolerance=tolerance, db=db)
        CONFLICT_RENDERERS[fmt](groups, sys.stdout, tolerance)
    if fail_on_conflict and any(group.has_conflict for group in groups):
        sys.exit(EXIT_CONFLICT)


@click.command(short_help="The comparison table: what each source said about one figure.")
@click.argument("topic", shell_complete=complete_topic)
@click.option("--subject", help="Only this subject (any name, any script).",
              shell_complete=complete_subject)
@tolerance_option
@format_option(formats=COMPARE_FORMATS)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str),
              help="Write to this file instead of standard output.")
@paged
@pass_db
def compare(topic, subject, tolerance, fmt, output, db):
    """Every claim on TOPIC, grouped by subject, kind of statement and period, with its
    source, speaker, figure as written, interval and deviation from the group's reference."""
    from claimtrack import api
    from claimtrack.collector import paused
    from claimtrack.export.crosscheck import COMPARE_RENDERERS

    with paused():
        rows = api.compare(topic, db=db, subject=subject, tolerance=tolerance, plain=True)
        title = f"claimtrack: {topic}" + (f" · {subject}" if subject else "")
        if output:
            # newline="" keeps CSV's \r\n as written; utf-8 (the BOM is written by the renderer).
            with open(output, "w", encoding="utf-8", newline="") as stream:
                COMPARE_RENDERERS[fmt](rows, stream, title)
            click.echo(f"{output}: {len(rows)} claims")
        else:
            COMPARE_RENDERERS[fmt](rows, sys.stdout, title)


@click.command(short_help="Run the whole job on the bundled seeds (a temporary database).")
@click.pass_context
def demo(ctx):
    """Ingest the bundled seeds and their curated claims, then show the topics, the
    training-cost comparison and every conflict group. Uses --db when given, else a
    temporary database that is deleted afterwards."""
    import tempfile
    from pathlib import Path

    from claimtrack.cli.common import db_from

    db = db_from(ctx)
    if db is not None:
        _demo(ctx, db)
        return
    with tempfile.TemporaryDirectory(prefix="claimtrack-demo-") as folder:
        _demo(ctx, str(Path(folder) / "demo.db"))


def _demo(ctx, db: str) -> None:
    from claimtrack import api
    from claimtrack.resources import data_dir, seeds_dir

    root = ctx.find_root()
    root.obj["db"] = db
    from claimtrack.cli.claims import topics
    from claimtrack.cli.ingest import ingest

    ctx.invoke(ingest, paths=(str(seeds_dir()),), title=None, outlet=None, authors=(),
               date_=None, url=None, lang=None, quiet=True, jobs=1)
    result = api.curate_import(data_dir() / "curated", db=db)
    for report in result.reports:
        click.echo(f"{report.file}: {len(report.added)} added, {len(report.changed)} changed, "
                   f"{len(report.left)} left")
    ctx.invoke(topics, fmt="table")
    ctx.invoke(compare, topic="training_cost", subject=None, tolerance=0.05, fmt="table",
               output=None)
    ctx.invoke(conflicts, topic=None, subject=None, since=None, until=None, tolerance=0.05,
               include_all=True, fmt="table", fail_on_conflict=False, save=False)


COMMANDS = [conflicts, compare, demo]
