"""`claimtrack articles`: list the stored articles."""

from __future__ import annotations

import click

from claimtrack.cli.common import format_option, paged, pass_db


@click.command(short_help="List the stored articles.")
@format_option()
@paged
@pass_db
def articles(fmt, db):
    """List the stored articles with their metadata."""
    import sys

    from claimtrack import api
    from claimtrack.cli.render import ARTICLE_COLUMNS, ARTICLE_TABLE_COLUMNS, article_record
    from claimtrack.export import render

    records = [article_record(article) for article in api.articles(db=db)]
    columns = ARTICLE_COLUMNS[:ARTICLE_TABLE_COLUMNS] if fmt == "table" else ARTICLE_COLUMNS
    render(fmt, records, columns, sys.stdout)


COMMANDS = [articles]
