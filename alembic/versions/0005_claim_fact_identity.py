"""Claims: what identifies a fact beyond subject and topic (issue 12).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 09:00:00

- subject_name: the subject as written when no entity is that subject (open
  vocabulary), and subject_key, the subject folded by alias_key (script and
  case), indexed, so that one unlisted company written in either script is one
  subject. Claims stored before get the key of their entity's name.
- measure, scope, base, from_value, speaker_role, said_on: what the figure
  measures as written, the list or market it is in, what a comparison compares
  with, the value before a from→to change, the speaker's role, and when it was
  said.
- claims_view shows the subject as written when no entity is linked, and the
  new columns. Columns are only added (SQLite's ALTER TABLE ADD COLUMN, no
  table rebuild), so migration 0004's triggers stay; the views are dropped and
  made again around the change, as 0004's docstring asks.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
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
CLAIMS_VIEW = _CLAIMS_VIEW_HEAD.format(
    subject="COALESCE(subject.name, c.subject_name)",
    more=""",
       c.measure AS measure,
       c.scope AS scope,
       c.base AS base,
       c.from_value AS from_value,
       c.speaker_role AS speaker_role,
       c.said_on AS said_on""")
CLAIMS_VIEW_0004 = _CLAIMS_VIEW_HEAD.format(subject="subject.name", more="")

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

_TEXT_COLUMNS = ("subject_name", "subject_key", "measure", "scope", "base", "speaker_role")


def _drop_views() -> None:
    op.execute("DROP VIEW IF EXISTS conflict_pairs")
    op.execute("DROP VIEW IF EXISTS claims_view")


def _create_views(claims_view: str) -> None:
    op.execute(claims_view)
    op.execute(CONFLICT_PAIRS_VIEW)


def upgrade() -> None:
    _drop_views()
    with op.batch_alter_table("claim", schema=None) as batch_op:
        for name in _TEXT_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("from_value", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("said_on", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_claim_subject_key"), ["subject_key"], unique=False)
    # Claims stored before: their subject is an entity; its name, folded, is the key.
    from claimtrack.lang.hanzi import alias_key

    claim = sa.table("claim", sa.column("subject_id", sa.Integer),
                     sa.column("subject_key", sa.String))
    entity = sa.table("entity", sa.column("id", sa.Integer), sa.column("name", sa.String))
    connection = op.get_bind()
    used = sa.select(claim.c.subject_id).where(claim.c.subject_id.is_not(None)).distinct()
    for entity_id, name in connection.execute(
            sa.select(entity.c.id, entity.c.name).where(entity.c.id.in_(used))).all():
        connection.execute(claim.update().where(claim.c.subject_id == entity_id)
                           .values(subject_key=alias_key(name)))
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
        batch_op.drop_index(batch_op.f("ix_claim_subject_key"))
        for name in ("said_on", "from_value", *reversed(_TEXT_COLUMNS)):
            batch_op.drop_column(name)
    if sqlite:
        for statement in FULLTEXT_TRIGGERS:
            op.execute(statement)
    _create_views(CLAIMS_VIEW_0004)
