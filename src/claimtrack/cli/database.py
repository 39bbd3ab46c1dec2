"""`claimtrack db ...`: the database's schema revision."""

from __future__ import annotations

import click

from claimtrack.cli.common import pass_db


@click.group(short_help="Upgrade, downgrade or inspect the database schema.")
def db():
    """Manage the database schema (Alembic migrations shipped with claimtrack)."""


@db.command(short_help="Migrate the database to the newest schema (or REVISION).")
@click.argument("revision", default="head")
@pass_db
def upgrade(revision, db):
    """Migrate the database up to REVISION (default: the newest)."""
    from claimtrack.config import database_url, describe_url
    from claimtrack.db import migrate
    from claimtrack.db.session import engine_for

    engine = engine_for(database_url(db))
    before = migrate.current_revision(engine)
    copy = migrate.upgrade(engine, revision)
    after = migrate.current_revision(engine)
    where = describe_url(database_url(db))
    if copy is not None:
        click.echo(f"{where}: backed up to {copy}")
    if before == after:
        click.echo(f"{where}: already at revision {after}")
    else:
        click.echo(f"{where}: upgraded from {before or 'empty'} to {after}")


@db.command(short_help="Migrate the database down to REVISION ('base' empties it).")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Do not ask before dropping data.")
@pass_db
def downgrade(revision, yes, db):
    """Migrate the database down to REVISION; 'base' drops every claimtrack table."""
    from claimtrack.config import database_url, describe_url
    from claimtrack.db import migrate
    from claimtrack.db.session import engine_for

    where = describe_url(database_url(db))
    if not yes:
        click.confirm(f"Downgrading {where} to {revision} may drop data. Continue?", abort=True)
    engine = engine_for(database_url(db))
    before = migrate.current_revision(engine)
    copy = migrate.downgrade(engine, revision)
    if copy is not None:
        click.echo(f"{where}: backed up to {copy}")
    after = migrate.current_revision(engine)
    click.echo(f"{where}: downgraded from {before or 'empty'} to {after or 'base (empty)'}")


@db.command(short_help="Show the database's schema revision.")
@pass_db
def current(db):
    """Show the revision the database is at, and whether it is the newest."""
    from claimtrack.config import database_url, describe_url
    from claimtrack.db import migrate
    from claimtrack.db.session import engine_for

    revision = migrate.current_revision(engine_for(database_url(db)))
    state = "newest" if revision == migrate.HEAD_REVISION else f"newest is {migrate.HEAD_REVISION}"
    click.echo(f"{describe_url(database_url(db))}: {revision or 'empty'} ({state})")


@db.command(short_help="Copy an SQLite database to PATH (safe while it is in use).")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@pass_db
def backup(path, db):
    """Copy the database to PATH with SQLite's online backup; the copy opens like the original."""
    from claimtrack.config import database_url, describe_url
    from claimtrack.db import migrate
    from claimtrack.db.session import engine_for

    engine = engine_for(database_url(db))
    copy = migrate.backup(engine, path)
    click.echo(f"{describe_url(database_url(db))}: backed up to {copy}")


@db.command(short_help="List the schema migrations claimtrack ships.")
def history():
    """List the migrations claimtrack ships, newest first."""
    from claimtrack.db import migrate

    for revision, description in migrate.history():
        click.echo(f"{revision}  {description}")


COMMANDS = [db]
