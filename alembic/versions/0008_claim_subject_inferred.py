"""Claims: a subject inferred from the article, not from the figure's words (issue 12).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 09:00:00

subject_inferred is true when no words near a figure name its subject and the
extractor gave it what the article is mostly about (its title names it, or its
claims name it most): a reader's guess that listings show and the cross-check
never compares as a fact. Claims stored before get false. The column is only
added (SQLite's ALTER TABLE ADD COLUMN, no table rebuild), so migration 0004's
triggers stay; the views are dropped and made again around the change (0004's
docstring asks it), claims_view with the new column. The view and trigger SQL is
written out here, as in 0005, not imported from another migration: each migration
is a frozen record of the schema it makes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CLAIMS_VIEW_HEAD = """
CREATE VIEW claims_view AS
SELECT c.id AS claim_id,
       a.id AS article_id,
       a.title AS article_title,
       a.outlet AS outlet,
       a.published AS published,
       a.url AS url,
       {subject} AS subject,
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
       c.origin AS origin{more}
FROM claim AS c
JOIN article AS a ON a.id = c.article_id
LEFT JOIN entity AS subject ON subject.id = c.subject_id
LEFT JOIN topic AS topic ON topic.id = c.topic_id
LEFT JOIN entity AS speaker ON speaker.id = c.speaker_id
WHERE c.overridden_by_id IS NULL
"""
_MORE_0005 = """,
       c.measure AS measure,
       c.scope AS scope,
       c.base AS base,
       c.from_value AS from_value,
       c.speaker_role AS speaker_role,
       c.said_on AS said_on"""
_SUBJECT = "COALESCE(subject.name, c.subject_name)"
CLAIMS_VIEW = _CLAIMS_VIEW_HEAD.format(
    subject=_SUBJECT, more=_MORE_0005 + """,
       c.subject_inferred AS subject_inferred""")
CLAIMS_VIEW_0005 = _CLAIMS_VIEW_HEAD.format(subject=_SUBJECT, more=_MORE_0005)

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


def _drop_views() -> None:
    op.execute("DROP VIEW IF EXISTS conflict_pairs")
    op.execute("DROP VIEW IF EXISTS claims_view")


def _create_views(claims_view: str) -> None:
    op.execute(claims_view)
    op.execute(CONFLICT_PAIRS_VIEW)


def upgrade() -> None:
    _drop_views()
    # Not in batch mode: on SQLite that rebuilds the table (and loses 0004's triggers).
    op.add_column("claim", sa.Column("subject_inferred", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    _create_views(CLAIMS_VIEW)


# SQLite only: dropping columns rebuilds the claim table in batch mode, which drops
# the full-text triggers of 0004 with the old table; they are made again after.
FULLTEXT_TRIGGERS = (
    "CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN "
    "INSERT INTO claim_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER claim_fts_update AFTER UPDATE OF search_text ON claim BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO claim_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')",
)


def downgrade() -> None:
    _drop_views()
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in ("claim_fts_update", "claim_fts_delete", "claim_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("subject_inferred")
    if sqlite:
        for statement in FULLTEXT_TRIGGERS:
            op.execute(statement)
    _create_views(CLAIMS_VIEW_0005)
