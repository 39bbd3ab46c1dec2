"""`claimtrack claims`, `show`, `topics`, `entities`: reading the claim database."""

from __future__ import annotations

import click

from claimtrack.cli.common import format_option, paged, pass_db
from claimtrack.cli.completion import (
    complete_outlet,
    complete_speaker,
    complete_subject,
    complete_topic,
)

SORT_CHOICES = ("article", "value", "date", "topic", "id")
KINDS = ("money", "percent", "count", "ratio", "duration", "date", "quantity")
STATUSES = ("unreviewed", "verified", "disputed", "rejected")


@click.command(short_help="List stored claims, filtered by topic, subject, speaker, time...")
@click.option("--topic", help="A topic in any script or case (训练成本, training_cost).",
              shell_complete=complete_topic)
@click.option("--subject", help="What the figure is about: any name of an entity (英伟达, 輝達).",
              shell_complete=complete_subject)
@click.option("--speaker", help="Who states it: an entity's name, or a name as written.",
              shell_complete=complete_speaker)
@click.option("--article", help="An article id, file name, URL or content-hash prefix.")
@click.option("--outlet", help="Part of the outlet's name.", shell_complete=complete_outlet)
@click.option("--kind", type=click.Choice(KINDS), help="Kind of figure.")
@click.option("--status", type=click.Choice(STATUSES), help="Review status.")
@click.option("--since", metavar="YYYY[-MM[-DD]]",
              help="Period (or publication date) on or after this.")
@click.option("--until", metavar="YYYY[-MM[-DD]]",
              help="Period (or publication date) on or before this.")
@click.option("--min", "min_value", type=float, help="Smallest value.")
@click.option("--max", "max_value", type=float, help="Largest value.")
@click.option("--search", metavar="TEXT", help="Text in the claim's sentence (either script).")
@click.option("--sort", type=click.Choice(SORT_CHOICES), default="article", show_default=True,
              help="Order of the rows.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@format_option()
@paged
@pass_db
def claims(fmt, db, **filters):
    """List the claims in the database that match every given filter."""
    from claimtrack import api
    from claimtrack.cli.render import print_claims
    from claimtrack.collector import paused

    with paused():
        print_claims(api.find_claims(db=db, plain=True, **filters), fmt)


@click.command(short_help="Show one claim: its sentence, article, speaker and history.")
@click.argument("claim_id", type=int)
@format_option(formats=("table", "json"))
@pass_db
def show(claim_id, fmt, db):
    """Show claim CLAIM_ID with its sentence (the figure highlighted), article and history."""
    from claimtrack import api
    from claimtrack.cli.render import print_claim

    claim, reviews, context = api.show_claim(claim_id, db=db)
    print_claim(claim, reviews, context, fmt)


@click.command(short_help="List the topics with their names and claim counts.")
@format_option()
@paged
@pass_db
def topics(fmt, db):
    """List what figures measure (data/topics.yaml) with the number of claims on each."""
    from claimtrack import api
    from claimtrack.cli.render import print_taxonomy

    print_taxonomy(api.taxonomy_with_counts(topics=True, db=db), fmt, topics=True)


@click.command(short_help="List the entities with their aliases and claim counts.")
@format_option()
@paged
@pass_db
def entities(fmt, db):
    """List the people, organisations and products (data/entities.yaml) with claim counts."""
    from claimtrack import api
    from claimtrack.cli.render import print_taxonomy

    print_taxonomy(api.taxonomy_with_counts(topics=False, db=db), fmt, topics=False)


COMMANDS = [claims, show, topics, entities]
