"""Helpers of the crash and concurrency tests: the real CLI as a process, and what a
database holds per article."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from claimtrack.db.models import Article
from claimtrack.db.models import Claim as ClaimRow
from claimtrack.db.session import engine_for

REPO = Path(__file__).resolve().parents[2]


def claimtrack_process(db: str, *args: str) -> subprocess.Popen:
    """`claimtrack --db DB ARGS` as a process of its own (to be killed or run side by side)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("CLAIMTRACK_DB", None)
    return subprocess.Popen([sys.executable, "-m", "claimtrack", "--db", db, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def claims_by_hash(url: str) -> dict[str, int]:
    """Claims per article, keyed by the article's content hash."""
    with engine_for(url).connect() as connection:
        rows = connection.execute(
            select(Article.content_hash, func.count(ClaimRow.id))
            .outerjoin(ClaimRow, ClaimRow.article_id == Article.id)
            .group_by(Article.content_hash)
        ).all()
    return {content_hash: count for content_hash, count in rows}
