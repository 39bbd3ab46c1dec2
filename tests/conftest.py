"""Shared fixtures: real seed articles, real SQLite files in tmp_path, the real CLI."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimtrack.cli import main

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
PG_URL_VAR = "CLAIMTRACK_TEST_PG_URL"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seed corpus (articles and sidecars) to alter freely."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claimtrack.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    """A fresh database on each backend: an SQLite file, and a PostgreSQL schema.

    The PostgreSQL one is skipped (with the reason shown by -ra) unless
    CLAIMTRACK_TEST_PG_URL names a server.
    """
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'claimtrack.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def cli(db_url: str) -> Callable[..., Result]:
    """Run the real CLI on a fresh database of each backend: cli("ingest", "seeds")."""

    def invoke(*args: str, input: str | None = None, db: str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(main, ["--db", db or db_url, *args], input=input)

    return invoke


@pytest.fixture
def sqlite_cli(db_path: Path) -> Callable[..., Result]:
    """Run the real CLI on a fresh SQLite file (for what only SQLite has: a file path)."""

    def invoke(*args: str, input: str | None = None, db: str | None = None) -> Result:
        return CliRunner().invoke(main, ["--db", db or str(db_path), *args], input=input)

    return invoke


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards.

    Skipped (with the reason shown by -ra) unless CLAIMTRACK_TEST_PG_URL is set,
    e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test.
    """
    base = os.environ.get(PG_URL_VAR)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_URL_VAR} (see README)")
    with pg_schema(base) as url:
        yield url


@pytest.fixture
def second_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """Another fresh, empty database on the same backend as db_url."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    with pg_schema(os.environ[PG_URL_VAR]) as url:
        yield url


@contextmanager
def pg_schema(base: str) -> Iterator[str]:
    """A URL on the PostgreSQL server ``base`` whose search_path is a new schema, dropped after."""
    from sqlalchemy import create_engine, text

    schema = f"ct_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
