"""`claimtrack report`: the static HTML site of topics, charts, conflicts, articles and timeline."""

from __future__ import annotations

import click

from claimtrack.cli.common import pass_db, tolerance_option


@click.command(short_help="Write a static HTML site: topics with charts, conflicts, articles.")
@click.option("--output", "-o", required=True, metavar="DIR",
              type=click.Path(path_type=str),
              help="Folder to write the site into (an earlier report there is replaced).")
@tolerance_option
@pass_db
def report(output, tolerance, db):
    """Write a self-contained static site into DIR: an index of topics, subjects and sources;
    a page per topic with a chart of every source's figure and its interval and the
    comparison table; the conflicts with their reasons; every article with its claims
    highlighted; and a timeline of when each figure first appeared. No script, no network:
    open DIR/index.html in any browser. The folder is written whole or not at all."""
    from claimtrack import api

    summary = api.write_report(output, db=db, tolerance=tolerance)
    groups = "group" if summary.conflicts == 1 else "groups"
    click.echo(f"{output}: {summary.pages} pages ({summary.topics} topics, {summary.articles} "
               f"articles, {summary.conflicts} conflict {groups}); open "
               f"{output.rstrip('/')}/index.html")


COMMANDS = [report]
