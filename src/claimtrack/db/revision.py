"""The schema revision this claimtrack expects, apart from Alembic and SQLAlchemy.

The read path (claimtrack.db.read) compares it with the database's own in one
SELECT through the standard library's sqlite3; migrate.py re-exports it.
"""

#: The newest migration in alembic/versions; tests/test_migrations.py keeps it honest.
HEAD_REVISION = "0008"
VERSION_TABLE = "alembic_version"
