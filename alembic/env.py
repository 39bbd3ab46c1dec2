"""Alembic environment for claimtrack.

The URL comes from claimtrack's own configuration (``--db`` is passed in by
claimtrack.db.migrate as a ready connection; the ``alembic`` command line falls
back to CLAIMTRACK_DB or ./claimtrack.db). SQLite gets batch mode so that
ALTER operations work there too; the naming convention on the models' MetaData
gives every constraint a name batch mode can find.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from claimtrack.config import database_url
from claimtrack.db.models import Base, is_modelled
from claimtrack.db.session import engine_for

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=is_modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=is_modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = engine_for(config.get_main_option("sqlalchemy.url") or database_url())
    with engine.connect() as connection:
        _configure(connection)
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
