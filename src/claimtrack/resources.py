"""Where the files claimtrack ships with live: migrations and the taxonomy.

The repository keeps ``alembic/`` and ``data/`` at its top level; a wheel
carries copies under ``claimtrack/_bundled/`` (see pyproject.toml's
force-include). The bundled copy wins when present, so an installed wheel never
reads a stray checkout; an editable install finds the repository's folders.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent.parent


def _shipped(relative: str) -> Path:
    bundled = _PACKAGE_DIR / "_bundled" / relative
    if bundled.exists():
        return bundled
    return _REPO_ROOT / relative


@cache
def migrations_dir() -> Path:
    """The Alembic script directory (env.py and versions/)."""
    return _shipped("alembic")


def data_dir() -> Path:
    """The folder holding topics.yaml and entities.yaml.

    ``CLAIMTRACK_DATA_DIR`` points claimtrack at another copy (a newsroom's own
    taxonomy) without a code change.
    """
    override = os.environ.get("CLAIMTRACK_DATA_DIR")
    if override:
        return Path(override)
    return _shipped("data")


def seeds_dir() -> Path:
    """The bundled demo corpus (seeds/ in the repository)."""
    return _shipped("seeds")
