"""Shared ingest: the ingest_item table, for several processes over one file list (issue 14).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 09:00:00

- ingest_item: one row per file of a named shared ingest (`claimtrack ingest
  --queue NAME`): its path, whether it is pending, done or failed, the
  article it became, which process finished it and when. Processes take
  pending rows with SELECT ... FOR UPDATE SKIP LOCKED (claimtrack.db.workqueue).
  A new table only: the claim table, its views and SQLite's full-text triggers
  are untouched.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ingest_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("queue", sa.String(length=200), nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "done",
                "failed",
                name="ingest_state",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("worker", sa.String(length=200), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"],
            name=op.f("fk_ingest_item_article_id_article"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_item")),
        sa.UniqueConstraint("queue", "path", name=op.f("uq_ingest_item_queue_path")),
    )
    with op.batch_alter_table("ingest_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ingest_item_article_id"), ["article_id"],
                              unique=False)
        batch_op.create_index("ix_ingest_item_queue_state_id", ["queue", "state", "id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ingest_item", schema=None) as batch_op:
        batch_op.drop_index("ix_ingest_item_queue_state_id")
        batch_op.drop_index(batch_op.f("ix_ingest_item_article_id"))
    op.drop_table("ingest_item")
