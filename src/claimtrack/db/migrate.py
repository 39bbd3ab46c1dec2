"""Bringing a database to the schema this claimtrack expects.

Opening a database costs one small query when it is already current: the head
revision is known here as a constant (a test keeps it equal to the script
directory's head), so Alembic is imported only to create or migrate a database
or to list its history.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from claimtrack.config import describe_url
from claimtrack.db.revision import HEAD_REVISION, VERSION_TABLE
from claimtrack.db.session import (
    postgresql_lock_migrations,
    sqlite_backup,
    sqlite_foreign_key_violations,
    sqlite_set_foreign_keys,
    writer,
)
from claimtrack.errors import DatabaseError, OutdatedDatabaseError, UnknownRevisionError

if TYPE_CHECKING:
    from alembic.config import Config


def _alembic_config(connection) -> Config:
    from alembic.config import Config

    from claimtrack.resources import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database claimtrack never touched.

    One SELECT on a claimtrack database; the catalogue is read only when it fails.
    """
    select_revision = text(f"SELECT version_num FROM {VERSION_TABLE}")
    with engine.connect() as connection:
        try:
            row = connection.execute(select_revision).first()
        except DBAPIError:
            connection.rollback()  # PostgreSQL refuses further statements in a failed one
            if not inspect(connection).has_table(VERSION_TABLE):
                return None
            # Another process created the schema since the SELECT: read it again.
            row = connection.execute(select_revision).first()
    return row[0] if row else None


def known_revisions() -> list[str]:
    """Every revision in the migration scripts, newest first."""
    return [revision for revision, _ in history()]


@contextmanager
def _migration(engine: Engine) -> Iterator[Connection]:
    """One transaction for a migration; on SQLite with foreign keys off, checked at the end."""
    with writer(engine).connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            sqlite_set_foreign_keys(connection, False)
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    postgresql_lock_migrations(connection)
                yield connection
                if sqlite and (broken := sqlite_foreign_key_violations(connection)):
                    raise DatabaseError(f"migration left {len(broken)} dangling references")
        finally:
            if sqlite:
                sqlite_set_foreign_keys(connection, True)


def upgrade(engine: Engine, revision: str = "head") -> Path | None:
    """Run the migrations up to ``revision`` in one transaction.

    An existing SQLite database is first copied next to itself; returns the copy's path.
    """
    from alembic import command

    copy = _backup_before_change(engine, revision)
    with _migration(engine) as connection:
        command.upgrade(_alembic_config(connection), revision)
    return copy


def downgrade(engine: Engine, revision: str) -> Path | None:
    """Run the migrations down to ``revision`` ("base" empties the database); backs up first."""
    from alembic import command

    copy = _backup_before_change(engine, revision)
    with _migration(engine) as connection:
        command.downgrade(_alembic_config(connection), revision)
    return copy


def backup(engine: Engine, target: str | Path) -> Path:
    """Copy an SQLite database to ``target`` while it stays usable; PostgreSQL: use pg_dump."""
    target = Path(target)
    if engine.dialect.name != "sqlite":
        raise DatabaseError("claimtrack backs up SQLite files; for PostgreSQL use pg_dump")
    if target.exists():
        raise DatabaseError(f"{target}: already exists; choose another backup file")
    target.parent.mkdir(parents=True, exist_ok=True)
    sqlite_backup(engine, target)
    return target


def _backup_before_change(engine: Engine, revision: str) -> Path | None:
    """A copy of an SQLite database about to change revision, next to it (None if no change)."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    current = current_revision(engine)
    unchanged = revision == current or (revision == "head" and current == HEAD_REVISION)
    if current is None or unchanged:
        return None  # a new database has nothing to lose; a no-op changes nothing
    original = Path(engine.url.database)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"{original.stem}.before-{current}-{stamp}"
    target = original.with_name(name + (original.suffix or ".db"))
    count = 1
    while target.exists():  # two changes within a second
        count += 1
        target = original.with_name(f"{name}-{count}{original.suffix or '.db'}")
    return backup(engine, target)


def ensure_schema(engine: Engine) -> None:
    """Bring a new, empty database to head; refuse one at a revision we cannot use.

    A database at an older known revision is not migrated behind the user's back:
    the error says to run `claimtrack db upgrade`.
    """
    where = describe_url(engine.url.render_as_string(hide_password=False))
    try:
        revision = current_revision(engine)
    except Exception as error:  # driver errors differ per backend; report them as one line
        raise DatabaseError(f"{where}: cannot open database: {_first_line(error)}") from error
    if revision == HEAD_REVISION:
        return
    if revision is None:
        with engine.connect() as connection:
            foreign_tables = [
                name for name in inspect(connection).get_table_names() if name != VERSION_TABLE
            ]
        if foreign_tables and current_revision(engine) is not None:
            # Another claimtrack process created the schema meanwhile: check it again.
            ensure_schema(engine)
            return
        if foreign_tables:
            raise DatabaseError(
                f"{where}: not a claimtrack database (it has tables {', '.join(foreign_tables[:5])}"
                " but no claimtrack revision); use another --db"
            )
        if engine.dialect.name != "sqlite" or not _create_sqlite_at_head(engine):
            upgrade(engine)
        return
    if revision in known_revisions():
        raise OutdatedDatabaseError(
            f"{where}: database is at revision {revision}, this claimtrack needs "
            f"{HEAD_REVISION}; run `claimtrack db upgrade`"
        )
    raise UnknownRevisionError(
        f"{where}: database is at revision {revision}, which this claimtrack "
        f"({HEAD_REVISION}) does not know; it was made by a newer claimtrack: upgrade claimtrack"
    )


# --- A new SQLite database, built from a copy of the head schema ---------------------
#
# Running the eight migrations into a new SQLite file takes about 0.2 s, and a
# process that also imports Alembic for it twice that: paid by every new database,
# which the test suite and a user's first ingest create. The schema the migrations
# build is read once from a database migrated in a temporary folder (its
# sqlite_master and rows, i.e. the version row) and kept in the temporary folder under
# a hash of the migration scripts; a new file gets those statements in one
# transaction. tests/test_migrations checks that the result is the same as the
# migrations' own.


def _create_sqlite_at_head(engine: Engine) -> bool:
    """Give an empty SQLite database the head schema; False when it is not empty any more
    (another process created it meanwhile), which the migrations then check."""
    from claimtrack.marshal_cache import cached, code_stamp
    from claimtrack.resources import migrations_dir

    scripts = sorted(migrations_dir().rglob("*.py"))
    statements, rows = cached(f"sqlite-head-{HEAD_REVISION}", code_stamp(scripts),
                              _read_sqlite_head_schema)
    with _migration(engine) as connection:
        if connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
            return False
        for statement in statements:
            connection.exec_driver_sql(statement)
        for table, columns, values in rows:
            holes = ", ".join("?" for _ in columns)
            connection.exec_driver_sql(
                f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({holes})', list(values))
    return True


def _read_sqlite_head_schema() -> tuple[list[str], list[tuple[str, list[str], list[tuple]]]]:
    """The statements that create the head schema in SQLite, in the order the migrations
    left them, and the rows they stored (table, columns, rows)."""
    import tempfile

    from claimtrack.db.session import engine_for

    with tempfile.TemporaryDirectory(prefix="claimtrack-head-") as folder:
        built = engine_for(f"sqlite:///{Path(folder) / 'head.db'}")
        try:
            upgrade(built)
            return _sqlite_schema(built)
        finally:
            built.dispose()


def _sqlite_schema(engine: Engine) -> tuple[list[str], list[tuple[str, list[str], list[tuple]]]]:
    with engine.connect() as connection:
        objects = connection.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).all()
        virtual = [name for kind, name, sql in objects
                   if kind == "table" and sql.upper().startswith("CREATE VIRTUAL TABLE")]

        def own(kind: str, name: str) -> bool:  # SQLite's tables and a virtual table's
            return not name.startswith("sqlite_") and not (  # shadow tables make themselves
                kind == "table" and any(name.startswith(f"{table}_") for table in virtual))

        statements = [sql for kind, name, sql in objects if own(kind, name)]
        rows = []
        for kind, name, _sql in objects:
            if kind == "table" and own(kind, name) and name not in virtual:
                result = connection.exec_driver_sql(f'SELECT * FROM "{name}"')
                values = [tuple(row) for row in result]
                if values:
                    rows.append((name, list(result.keys()), values))
    return statements, rows


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def history() -> list[tuple[str, str]]:
    """Every migration as (revision, first line of its description), newest first."""
    from alembic.script import ScriptDirectory

    from claimtrack.resources import migrations_dir

    scripts = ScriptDirectory(str(migrations_dir()))
    return [
        (script.revision, (script.doc or "").strip().splitlines()[0] if script.doc else "")
        for script in scripts.walk_revisions()
    ]
