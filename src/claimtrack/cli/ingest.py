"""`claimtrack ingest`: read articles into the database."""

from __future__ import annotations

import os
import sys

import click

from claimtrack.cli.common import pass_db

# Below this many files a progress bar is more noise than help.
PROGRESS_BAR_MIN_FILES = 20


@click.command(short_help="Read article files and folders into the database.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--title", help="Article title (overrides sidecar and front matter).")
@click.option("--outlet", help="Publication or account that published it.")
@click.option("--author", "authors", multiple=True, help="Author; repeat for several.")
@click.option("--date", "date_", metavar="YYYY[-MM[-DD]]",
              help="Publication date, at any precision.")
@click.option("--url", help="Where the article was published.")
@click.option("--lang", type=click.Choice(["zh-Hans", "zh-Hant", "en"]),
              help="Language and script (detected when not given).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the totals line.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that read and extract [default: the number of cores].")
@click.option("--queue", metavar="NAME",
              help="Share the files with every process ingesting with this NAME into the "
                   "same PostgreSQL database; rerun to finish what a killed one left.")
@pass_db
def ingest(paths, title, outlet, authors, date_, url, lang, quiet, db, jobs=None, queue=None):
    """Read .txt and .md articles (files or folders, recursively) into the database.

    Metadata comes from Markdown front matter, then a sidecar file next to the
    article (NAME.meta.yaml), then these options, each overriding the one before.
    The same text is stored once, whatever its path; re-ingesting it adds
    nothing and updates changed metadata.

    With --queue NAME, processes on several machines, each given the same
    PATHS at the same place, divide the files through the database: each file
    is read by one of them, and the table lists the files this one stored.
    """
    from claimtrack import api
    from claimtrack.cli.render import ingest_progress, print_ingest_summary
    from claimtrack.errors import MetadataError
    from claimtrack.schemas import ArticleMeta

    stated = {"title": title, "outlet": outlet, "authors": list(authors) or None,
              "date": date_, "url": url, "lang": lang}
    try:
        overrides = ArticleMeta.from_mapping({k: v for k, v in stated.items() if v is not None})
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        raise MetadataError(f"bad option: {' '.join(str(error).split())}") from None

    with ingest_progress(enabled=not quiet, min_files=PROGRESS_BAR_MIN_FILES) as on_outcome:
        report = api.ingest(paths, db=db, overrides=overrides, on_outcome=on_outcome,
                            jobs=jobs or os.cpu_count() or 1, queue=queue)
    print_ingest_summary(report, quiet=quiet)
    stored = report.count("added") + report.count("updated") + report.count("unchanged")
    if report.failed and stored == 0:
        sys.exit(1)


@click.command(short_help="Run the extractor again over stored articles.")
@click.argument("articles", nargs=-1)
@click.option("--all", "all_articles", is_flag=True, help="Every stored article.")
@pass_db
def reextract(articles, all_articles, db):
    """Re-extract ARTICLES (ids, file names, URLs or hash prefixes), or --all.

    Extracted claims nobody touched are replaced by the new extraction's; claims
    a person curated, reviewed or edited are kept, and a re-extracted claim at
    the same span is linked to them rather than duplicated.
    """
    from claimtrack import api

    if not articles and not all_articles:
        raise click.UsageError("name the articles to re-extract, or give --all")
    for report in api.reextract(articles, all_articles=all_articles, db=db):
        click.echo(f"article {report.article_id}: {report.replaced} replaced, {report.added} "
                   f"added, {report.linked} linked to kept claims, {report.kept} kept")


COMMANDS = [ingest, reextract]
