"""Claims: speaker as written, folded search text, and the claim that overrides one.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("speaker_name", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("search_text", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("overridden_by_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_claim_overridden_by_id"), ["overridden_by_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_claim_overridden_by_id_claim"), "claim", ["overridden_by_id"], ["id"],
            ondelete="SET NULL",
        )
    # Claims stored before this revision get their search text from their sentence.
    from claimtrack.lang.hanzi import alias_key

    claim = sa.table("claim", sa.column("id", sa.Integer), sa.column("sentence", sa.Text),
                     sa.column("search_text", sa.Text))
    connection = op.get_bind()
    for claim_id, sentence in connection.execute(sa.select(claim.c.id, claim.c.sentence)).all():
        connection.execute(
            claim.update().where(claim.c.id == claim_id).values(search_text=alias_key(sentence))
        )
    # The server default only filled existing rows; the models set the value from now on.
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.alter_column("search_text", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_claim_overridden_by_id_claim"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_claim_overridden_by_id"))
        batch_op.drop_column("overridden_by_id")
        batch_op.drop_column("search_text")
        batch_op.drop_column("speaker_name")
