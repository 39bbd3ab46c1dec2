"""`claimtrack export all|claimreview` and `claimtrack import`: the database in and out.

`export` is a group so that each kind of export reads as what it is:
`claimtrack export all --format jsonl` (everything, for `claimtrack import`) and
`claimtrack export claimreview` (schema.org JSON-LD for fact-check pages).
"""

from __future__ import annotations

import click

from claimtrack.cli.common import pass_db

# The same names the listing commands use; "table" has no place in a data export.
ARCHIVE_FORMATS = ("jsonl", "json", "csv")
REVIEW_STATUSES = ("verified", "disputed")


@click.group(short_help="Export the database (all) or fact checks (claimreview).")
def export():
    """Write the database out: everything, for `claimtrack import` (all), or the
    reviewed claims as schema.org ClaimReview JSON-LD (claimreview)."""


@export.command("all", short_help="Every article, claim and review, for `claimtrack import`.")
@click.option("--format", "fmt", type=click.Choice(ARCHIVE_FORMATS), default="jsonl",
              show_default=True, help="Output format (csv: a folder of files).")
@click.option("--output", "-o", type=click.Path(path_type=str),
              help="Write to this file (a folder for csv) instead of standard output.")
@pass_db
def export_all(fmt, output, db):
    """Write every topic, entity, article (with its text), claim (with its span, status,
    origin and override) and review log entry. `claimtrack import` of the result into
    an empty database gives the same claims, with the same ids."""
    from claimtrack import api

    if fmt == "csv" and not output:
        raise click.UsageError("csv writes one file per section: give a folder with --output")
    counts = api.export_data(fmt, output, db=db)
    if output:
        click.echo(f"{output}: " + ", ".join(f"{count} {section}"
                                             for section, count in counts.items()))


def _statuses(ctx, param, value: str) -> tuple[str, ...]:
    statuses = tuple(part.strip() for part in value.split(",") if part.strip())
    wrong = [status for status in statuses if status not in REVIEW_STATUSES]
    if wrong or not statuses:
        raise click.BadParameter(f"{wrong[0] if wrong else value!r} is not a verdict; use "
                                 f"{','.join(REVIEW_STATUSES)} or one of them")
    return statuses


def _site(ctx, param, value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise click.BadParameter(f"{value!r} is not an http(s) URL")
    return value


@export.command(short_help="Reviewed claims as schema.org ClaimReview JSON-LD.")
@click.option("--status", default=",".join(REVIEW_STATUSES), show_default=True,
              callback=_statuses, metavar="verified,disputed",
              help="Which review statuses to export (comma-separated).")
@click.option("--site", required=True, envvar="CLAIMTRACK_SITE_URL", callback=_site,
              metavar="URL",
              help="The page publishing your fact checks; {id} in it becomes the claim's id, "
              "else #claim-ID is appended [env CLAIMTRACK_SITE_URL].")
@click.option("--publisher", envvar="CLAIMTRACK_PUBLISHER", metavar="NAME",
              help="Your organisation, the review's author when no reviewer is logged "
              "[env CLAIMTRACK_PUBLISHER; default: the site's host name].")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str),
              help="Write to this file instead of standard output.")
@pass_db
def claimreview(status, site, publisher, output, db):
    """Write the verified and disputed claims as a JSON array of schema.org ClaimReview
    objects, ready for a <script type="application/ld+json"> block on a fact-check page:
    the claim, where it appeared (the article's url, authors, date), who reviewed it,
    and the verdict as a rating (verified: 2 of 2, Accurate; disputed: 1 of 2, Disputed)."""
    import json
    import sys

    from claimtrack import api
    from claimtrack.export.claimreview import claim_reviews

    reviews = claim_reviews(api.reviewed_claims(db=db, statuses=status), site=site,
                            publisher=publisher)
    text = json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(text)
        click.echo(f"{output}: {len(reviews)} claim review{'' if len(reviews) == 1 else 's'}")
    else:
        sys.stdout.write(text)


@click.command("import", short_help="Load a `claimtrack export all` file into an empty database.")
@click.argument("path", type=click.Path(path_type=str))
@pass_db
def import_(path, db):
    """Load PATH, written by `claimtrack export all` (jsonl, json, or a csv folder; the
    format is recognised), into an empty database, keeping every id. One transaction:
    a bad record stops the import with the file and line, and nothing is stored."""
    from claimtrack import api

    counts = api.import_data(path, db=db)
    click.echo(f"{path}: imported {counts.articles} articles, {counts.claims} claims, "
               f"{counts.reviews} review log entries")


COMMANDS = [export, import_]
