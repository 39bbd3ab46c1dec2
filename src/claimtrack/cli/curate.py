"""`claimtrack curate import|export`: hand-curated claims in version-controlled YAML files."""

from __future__ import annotations

import sys

import click

from claimtrack.cli.common import pass_db


@click.group(short_help="Import or export hand-curated claims (data/curated/*.yaml).")
def curate():
    """Hand-curated claims live in YAML files under data/curated/, reviewed like code."""


@curate.command("import", short_help="Apply curated files to the database (idempotent).")
@click.argument("path", required=False, type=click.Path(path_type=str))
@pass_db
def import_(path, db):
    """Apply the curated files in PATH (a file or folder; default data/curated).

    Each file is applied whole or not at all; running the import twice changes
    nothing the second time. Reports what each file added, changed, left and removed.
    """
    from claimtrack import api
    from claimtrack.cli.render import print_curate_report

    result = api.curate_import(path, db=db)
    print_curate_report(result)
    if result.errors:
        sys.exit(1)


@curate.command(short_help="Write the database's hand changes back to curated files.")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=str),
              help="Folder to write to [default: data/curated].")
@pass_db
def export(output, db):
    """Write every curated, reviewed or edited claim to YAML files you can commit."""
    from claimtrack import api

    written = api.curate_export(output, db=db)
    for path in written:
        click.echo(str(path))
    click.echo(f"{len(written)} file{'' if len(written) == 1 else 's'} written")


COMMANDS = [curate]
