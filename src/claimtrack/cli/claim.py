"""`claimtrack claim add|edit|verify|dispute|reject|history`: curation from the command line."""

from __future__ import annotations

import click

from claimtrack.cli.common import format_option, paged, pass_db
from claimtrack.cli.completion import complete_speaker, complete_subject, complete_topic

KINDS = ("money", "percent", "count", "ratio", "duration", "date", "quantity")
QUALIFIERS = ("exact", "approx", "upper_bound", "lower_bound", "range")
DIRECTIONS = ("increase", "decrease", "none")


def _field_options(function):
    """The options that set a claim's fields, shared by `claim add` and `claim edit`."""
    options = [
        click.option("--kind", type=click.Choice(KINDS), help="Kind of figure."),
        click.option("--value", type=float, help="The figure's value (558万 → 5580000)."),
        click.option("--unit", help="ISO 4217 code, %, count, year, km..."),
        click.option("--unit-text", help="The currency or measure word as written."),
        click.option("--qualifier", type=click.Choice(QUALIFIERS), help="How it bounds the value."),
        click.option("--low", type=float, help="Lower end of the interval."),
        click.option("--high", type=float, help="Upper end of the interval."),
        click.option("--direction", type=click.Choice(DIRECTIONS), help="For a change."),
        click.option("--period", help="2025, 2025-03, 2025-03-01, 2025-Q1 or 2020/2023."),
        click.option("--subject", help="What it is about (any name of an entity).",
                     shell_complete=complete_subject),
        click.option("--subject-name",
                     help="What it is about, as written, when no entity is it (open vocabulary)."),
        click.option("--topic", help="What it measures (any name of a topic).",
                     shell_complete=complete_topic),
        click.option("--measure", help="What it measures as the text words it (股价, 市值)."),
        click.option("--scope", help="The list or market it is in (美国App Store免费榜)."),
        click.option("--base", help="What a comparison compares with (是X的3倍 → X)."),
        click.option("--from-value", type=float,
                     help="For a from→to change, the value before (--value is after)."),
        click.option("--speaker", help="Who states it.", shell_complete=complete_speaker),
        click.option("--speaker-role", help="The speaker's role as the text gives it."),
        click.option("--said-on", metavar="YYYY-MM-DD", help="When the figure was said."),
        click.option("--attribution", help="The attribution as written."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _given(values: dict) -> dict:
    return {name: value for name, value in values.items() if value is not None}


@click.group(short_help="Add, edit, review a claim by hand, or show its history.")
def claim():
    """Hand curation from the command line; every change goes to the review log."""


@claim.command(short_help="Add a claim that quotes an article.")
@click.argument("article")
@click.argument("quote")
@click.option("--occurrence", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which occurrence of QUOTE in the article.")
@_field_options
@click.option("--note", help="Why.")
@pass_db
def add(article, quote, occurrence, note, db, **fields):
    """Add a claim quoting QUOTE from ARTICLE (id, file name, URL or hash prefix)."""
    from claimtrack import api

    fields = _given(fields)
    fields.setdefault("kind", "quantity")
    claim_id = api.claim_add(article, quote, occurrence=occurrence, fields=fields, note=note,
                             db=db)
    click.echo(f"claim {claim_id} added")


@claim.command(short_help="Change fields of a claim.")
@click.argument("claim_id", type=int)
@_field_options
@click.option("--note", help="Why.")
@pass_db
def edit(claim_id, note, db, **fields):
    """Change the given fields of claim CLAIM_ID; each change is logged."""
    from claimtrack import api

    changed = api.claim_edit(claim_id, _given(fields), note=note, db=db)
    click.echo(f"claim {claim_id}: " + (f"changed {', '.join(changed)}" if changed
                                        else "nothing to change"))


def _review_command(status: str, summary: str):
    @claim.command(name={"verified": "verify", "disputed": "dispute",
                         "rejected": "reject"}[status], short_help=summary)
    @click.argument("claim_id", type=int)
    @click.option("--note", help="Why (kept in the review log).")
    @pass_db
    def review(claim_id, note, db):
        from claimtrack import api

        changed = api.claim_edit(claim_id, {"status": status}, note=note, db=db)
        click.echo(f"claim {claim_id}: {status}" if changed else
                   f"claim {claim_id}: already {status}")

    review.help = f"{summary} CLAIM_ID, with a note for the review log."
    return review


_review_command("verified", "Mark a claim as checked and right.")
_review_command("disputed", "Mark a claim as questionable.")
_review_command("rejected", "Mark a claim as wrong (not a claim, or misread).")


@claim.command(short_help="Show the review log of a claim.")
@click.argument("claim_id", type=int)
@format_option()
@paged
@pass_db
def history(claim_id, fmt, db):
    """Every hand change made to claim CLAIM_ID, oldest first."""
    import sys

    from claimtrack import api
    from claimtrack.cli.render import HISTORY_COLUMNS, history_record
    from claimtrack.export import render

    _, reviews, _ = api.show_claim(claim_id, db=db)
    render(fmt, [history_record(review) for review in reviews], HISTORY_COLUMNS, sys.stdout)


COMMANDS = [claim]
