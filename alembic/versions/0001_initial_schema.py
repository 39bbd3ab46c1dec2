"""Initial schema: articles, entities and topics with aliases, claims, review log.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 00:38:38.405273
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("translators", sa.JSON(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column(
            "published_precision",
            sa.Enum(
                "day",
                "month",
                "quarter",
                "year",
                "unknown",
                name="date_precision",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column(
            "language",
            sa.Enum(
                "zh-Hans",
                "zh-Hant",
                "en",
                name="script",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("body_start", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("encoding", sa.String(length=20), nullable=False),
        sa.Column("source_path", sa.String(length=1000), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_article_content_hash")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_outlet"), ["outlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_published"), ["published"], unique=False)

    op.create_table(
        "entity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "person",
                "organisation",
                "product",
                "place",
                "other",
                name="entity_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("part_of_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["part_of_id"],
            ["entity.id"],
            name=op.f("fk_entity_part_of_id_entity"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity")),
        sa.UniqueConstraint("name", name=op.f("uq_entity_name")),
    )
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_part_of_id"), ["part_of_id"], unique=False)

    op.create_table(
        "topic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "money",
                "percent",
                "count",
                "ratio",
                "duration",
                "date",
                "quantity",
                name="topic_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic")),
        sa.UniqueConstraint("key", name=op.f("uq_topic_key")),
    )
    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("surface", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("topic_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "money",
                "percent",
                "count",
                "ratio",
                "duration",
                "date",
                "quantity",
                name="claim_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("unit_text", sa.String(length=64), nullable=True),
        sa.Column(
            "qualifier",
            sa.Enum(
                "exact",
                "approx",
                "upper_bound",
                "lower_bound",
                "range",
                name="qualifier",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("precision", sa.Float(), nullable=True),
        sa.Column(
            "direction",
            sa.Enum(
                "increase",
                "decrease",
                "none",
                name="direction",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("iso", sa.String(length=32), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column(
            "period_precision",
            sa.Enum(
                "day",
                "month",
                "quarter",
                "year",
                "unknown",
                name="period_precision",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("attribution", sa.String(length=500), nullable=True),
        sa.Column(
            "origin",
            sa.Enum(
                "extracted",
                "curated",
                name="origin",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("extractor_version", sa.String(length=64), nullable=True),
        sa.Column("curated_file", sa.String(length=1000), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "unreviewed",
                "verified",
                "disputed",
                "rejected",
                name="review_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "low IS NULL OR high IS NULL OR low <= high", name=op.f("ck_claim_bounds_order")
        ),
        sa.CheckConstraint(
            "span_start >= 0 AND span_end >= span_start", name=op.f("ck_claim_span_order")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_claim_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["entity.id"],
            name=op.f("fk_claim_speaker_id_entity"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["entity.id"],
            name=op.f("fk_claim_subject_id_entity"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_claim_topic_id_topic"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim")),
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index("ix_claim_article_span", ["article_id", "span_start"], unique=False)
        batch_op.create_index("ix_claim_period", ["period_start", "period_end"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_speaker_id"), ["speaker_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_claim_subject_topic_value", ["subject_id", "topic_id", "value"], unique=False
        )
        batch_op.create_index("ix_claim_topic_subject", ["topic_id", "subject_id"], unique=False)

    op.create_table(
        "entity_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("alias_key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entity.id"],
            name=op.f("fk_entity_alias_entity_id_entity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_alias")),
        sa.UniqueConstraint("entity_id", "alias", name=op.f("uq_entity_alias_entity_id_alias")),
    )
    with op.batch_alter_table("entity_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_alias_alias_key"), ["alias_key"], unique=False)

    op.create_table(
        "topic_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("alias_key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topic.id"],
            name=op.f("fk_topic_alias_topic_id_topic"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic_alias")),
        sa.UniqueConstraint("topic_id", "alias", name=op.f("uq_topic_alias_topic_id_alias")),
    )
    with op.batch_alter_table("topic_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_topic_alias_alias_key"), ["alias_key"], unique=False)

    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_review_log_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_log")),
    )
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_log_claim_id"), ["claim_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_log_claim_id"))

    op.drop_table("review_log")
    with op.batch_alter_table("topic_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_topic_alias_alias_key"))

    op.drop_table("topic_alias")
    with op.batch_alter_table("entity_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_alias_alias_key"))

    op.drop_table("entity_alias")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_topic_subject")
        batch_op.drop_index("ix_claim_subject_topic_value")
        batch_op.drop_index(batch_op.f("ix_claim_status"))
        batch_op.drop_index(batch_op.f("ix_claim_speaker_id"))
        batch_op.drop_index("ix_claim_period")
        batch_op.drop_index("ix_claim_article_span")

    op.drop_table("claim")
    op.drop_table("topic")
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_part_of_id"))

    op.drop_table("entity")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_published"))
        batch_op.drop_index(batch_op.f("ix_article_outlet"))

    op.drop_table("article")
