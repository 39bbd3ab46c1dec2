"""Which database claimtrack uses: ``--db``, then ``CLAIMTRACK_DB``, then ./claimtrack.db.

A value with ``://`` in it is an SQLAlchemy URL (``postgresql+psycopg://...``);
anything else is a path to an embedded SQLite file.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB_FILE = "claimtrack.db"
DB_ENV_VAR = "CLAIMTRACK_DB"


def database_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for a --db value, e.g. database_url("x.db") == "sqlite:////abs/x.db"."""
    value = db or os.environ.get(DB_ENV_VAR) or DEFAULT_DB_FILE
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def describe_url(url: str) -> str:
    """The URL as shown to users: a file path for SQLite, the URL without password otherwise."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        credentials, _, host = rest.rpartition("@")
        user = credentials.split(":", 1)[0]
        rest = f"{user}@{host}" if user else host
    return f"{scheme}{sep}{rest}"
