"""Claims: the kind of statement a figure makes (level, change, share, comparison, forecast).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATEMENTS = ("level", "change", "share", "comparison", "forecast")


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "statement",
            sa.Enum(*STATEMENTS, name="statement", native_enum=False, create_constraint=True,
                    length=16),
            nullable=False, server_default="level",
        ))
    # Claims stored before: a figure with a direction is a change, a fraction a share.
    claim = sa.table("claim", sa.column("statement", sa.String), sa.column("direction", sa.String),
                     sa.column("unit", sa.String))
    op.execute(claim.update().where(claim.c.direction != "none").values(statement="change"))
    op.execute(claim.update().where(claim.c.unit == "fraction").values(statement="share"))
    op.execute(claim.update().where(claim.c.unit == "times").values(statement="comparison"))
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.alter_column("statement", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_claim_statement"), type_="check")
        batch_op.drop_column("statement")
