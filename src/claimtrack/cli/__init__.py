"""The claimtrack command line: a thin layer over claimtrack.api.

Start-up stays fast because command modules import only click at module level;
the database, Alembic, the extractor and rich are imported inside the commands
that need them.
"""

from __future__ import annotations

import sys

import click

from claimtrack import __version__
from claimtrack.cli.common import ClaimtrackGroup


@click.group(cls=ClaimtrackGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="PATH|URL",
    envvar="CLAIMTRACK_DB",
    help="Database: an SQLite file or an SQLAlchemy URL "
    "[env CLAIMTRACK_DB; default ./claimtrack.db].",
)
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.version_option(__version__, "-V", "--version", prog_name="claimtrack")
@click.pass_context
def main(ctx: click.Context, db: str | None, debug: bool) -> None:
    """Extract, store and cross-check the figures news articles state."""
    ctx.obj = {"db": db, "debug": debug}


def _register() -> None:
    from claimtrack.cli import (
        articles,
        claim,
        claims,
        completion,
        crosscheck,
        curate,
        database,
        extract,
        ingest,
        report,
        transfer,
    )

    for module in (ingest, articles, claims, crosscheck, claim, curate, extract, database,
                   transfer, report, completion):
        for command in module.COMMANDS:
            main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
