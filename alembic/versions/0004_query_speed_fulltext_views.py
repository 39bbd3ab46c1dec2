"""Query speed and other tools: an index for topics in article order, a full-text index, views.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 09:00:00

- ix_claim_topic_article_span serves `claims --topic T` in article order.
- crosscheck_pair holds the last cross-check saved by `claimtrack conflicts --save`.
- claims_view and conflict_pairs read well on their own in any SQLite browser
  (`datasette claimtrack.db`) or psql: names instead of ids. Both backends.
- SQLite only: claim_fts, an FTS5 index of claim.search_text with the trigram
  tokenizer (substrings of three characters or more, in any script), kept in
  step by triggers and filled here from the claims already stored. PostgreSQL
  keeps searching with LIKE (a pg_trgm index would need an extension that a
  claimtrack user cannot be assumed to be allowed to create).

The DDL is written out here rather than imported, so that this revision keeps
making the same schema whatever later code does. A later migration that
rebuilds the claim table in SQLite batch mode drops its triggers with the old
table, and SQLite checks views when a table is renamed: such a migration must
drop the views and triggers first and create them again after (the functions
below show how).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT c.id AS claim_id,
       a.id AS article_id,
       a.title AS article_title,
       a.outlet AS outlet,
       a.published AS published,
       a.url AS url,
       subject.name AS subject,
       topic.key AS topic,
       topic.name AS topic_name,
       COALESCE(speaker.name, c.speaker_name) AS speaker,
       c.surface AS figure,
       c.value AS value,
       c.unit AS unit,
       c.qualifier AS qualifier,
       c.low AS low,
       c.high AS high,
       c.statement AS statement,
       c.direction AS direction,
       c.period_start AS period_start,
       c.period_end AS period_end,
       c.sentence AS quote,
       c.status AS status,
       c.origin AS origin
FROM claim AS c
JOIN article AS a ON a.id = c.article_id
LEFT JOIN entity AS subject ON subject.id = c.subject_id
LEFT JOIN topic AS topic ON topic.id = c.topic_id
LEFT JOIN entity AS speaker ON speaker.id = c.speaker_id
WHERE c.overridden_by_id IS NULL
"""

CONFLICT_PAIRS_VIEW = """
CREATE VIEW conflict_pairs AS
SELECT p.group_number AS group_number,
       p.group_subject AS subject,
       p.group_topic AS topic,
       p.group_statement AS statement,
       p.group_unit AS unit,
       p.group_period AS period,
       p.group_verdict AS group_verdict,
       p.verdict AS verdict,
       p.claim_a_id AS claim_a,
       ca.surface AS figure_a,
       aa.outlet AS outlet_a,
       aa.published AS published_a,
       COALESCE(speaker_a.name, ca.speaker_name) AS speaker_a,
       p.claim_b_id AS claim_b,
       cb.surface AS figure_b,
       ab.outlet AS outlet_b,
       ab.published AS published_b,
       COALESCE(speaker_b.name, cb.speaker_name) AS speaker_b,
       p.reason AS reason,
       p.gap AS gap,
       p.rate AS rate,
       p.tolerance AS tolerance,
       p.saved_at AS saved_at
FROM crosscheck_pair AS p
JOIN claim AS ca ON ca.id = p.claim_a_id
JOIN article AS aa ON aa.id = ca.article_id
LEFT JOIN entity AS speaker_a ON speaker_a.id = ca.speaker_id
JOIN claim AS cb ON cb.id = p.claim_b_id
JOIN article AS ab ON ab.id = cb.article_id
LEFT JOIN entity AS speaker_b ON speaker_b.id = cb.speaker_id
"""

# SQLite only. External content: the index keeps trigrams, the text stays in claim.
FULLTEXT_DDL = (
    "CREATE VIRTUAL TABLE claim_fts USING fts5("
    "search_text, content='claim', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN "
    "INSERT INTO claim_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER claim_fts_update AFTER UPDATE OF search_text ON claim BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO claim_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    # The claims stored before this revision.
    "INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')",
)
FULLTEXT_DROP = (
    "DROP TRIGGER IF EXISTS claim_fts_update",
    "DROP TRIGGER IF EXISTS claim_fts_delete",
    "DROP TRIGGER IF EXISTS claim_fts_insert",
    "DROP TABLE IF EXISTS claim_fts",
)


def create_fulltext() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in FULLTEXT_DDL:
            op.execute(statement)


def drop_fulltext() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in FULLTEXT_DROP:
            op.execute(statement)


def create_views() -> None:
    op.execute(CLAIMS_VIEW)
    op.execute(CONFLICT_PAIRS_VIEW)


def drop_views() -> None:
    op.execute("DROP VIEW IF EXISTS conflict_pairs")
    op.execute("DROP VIEW IF EXISTS claims_view")


def upgrade() -> None:
    op.create_index("ix_claim_topic_article_span", "claim",
                    ["topic_id", "article_id", "span_start"], unique=False)
    op.create_table(
        "crosscheck_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_number", sa.Integer(), nullable=False),
        sa.Column("group_subject", sa.String(length=500), nullable=False),
        sa.Column("group_topic", sa.String(length=100), nullable=False),
        sa.Column("group_statement", sa.String(length=16), nullable=False),
        sa.Column("group_unit", sa.String(length=100), nullable=False),
        sa.Column("group_period", sa.String(length=200), nullable=True),
        sa.Column("group_verdict", sa.String(length=32), nullable=False),
        sa.Column("claim_a_id", sa.Integer(), nullable=False),
        sa.Column("claim_b_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("gap", sa.Float(), nullable=False),
        sa.Column("rate", sa.String(length=200), nullable=True),
        sa.Column("tolerance", sa.Float(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["claim_a_id"], ["claim.id"],
                                name=op.f("fk_crosscheck_pair_claim_a_id_claim"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["claim_b_id"], ["claim.id"],
                                name=op.f("fk_crosscheck_pair_claim_b_id_claim"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crosscheck_pair")),
    )
    for column in ("group_number", "claim_a_id", "claim_b_id"):
        op.create_index(op.f(f"ix_crosscheck_pair_{column}"), "crosscheck_pair", [column],
                        unique=False)
    create_views()
    create_fulltext()


def downgrade() -> None:
    drop_fulltext()
    drop_views()
    for column in ("claim_b_id", "claim_a_id", "group_number"):
        op.drop_index(op.f(f"ix_crosscheck_pair_{column}"), table_name="crosscheck_pair")
    op.drop_table("crosscheck_pair")
    op.drop_index("ix_claim_topic_article_span", table_name="claim")
