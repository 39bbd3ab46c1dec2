"""Migrations: the standard four (single head, upgrade from empty, models match,
down-up) plus "a database at an older revision upgrades with its rows intact",
on SQLite and, when CLAIMTRACK_TEST_PG_URL is set, on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, insert, inspect, select, text

from claimtrack.db import migrate
from claimtrack.db.models import Base, is_modelled
from claimtrack.db.session import engine_for
from claimtrack.errors import DatabaseError, OutdatedDatabaseError, UnknownRevisionError
from claimtrack.resources import migrations_dir


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path: Path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrations.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    engine = engine_for(url)
    yield engine
    engine.dispose()


def _tables(engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_single_head_and_constant_match_the_scripts():
    heads = ScriptDirectory(str(migrations_dir())).get_heads()
    assert heads == [migrate.HEAD_REVISION]


def test_upgrade_from_empty_matches_the_models(engine):
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.HEAD_REVISION
    with engine.connect() as connection:
        # The same filter as alembic/env.py: SQLite's full-text tables are not models.
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": is_modelled})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_up_again(engine):
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    assert _tables(engine) <= {"alembic_version"}
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert set(Base.metadata.tables) <= _tables(engine)


def test_every_step_downgrades_and_upgrades(engine):
    revisions = list(reversed(migrate.known_revisions()))
    for revision in revisions:
        migrate.upgrade(engine, revision)
        assert migrate.current_revision(engine) == revision
    for revision in reversed(revisions[:-1]):
        migrate.downgrade(engine, revision)
        assert migrate.current_revision(engine) == revision


# Rows as a database at each revision holds them. A new revision adds its own
# entry (rows written at that revision's schema); the test upgrades each to head.
ROWS_AT_REVISION = {
    "0001": {
        "article": [
            {
                "id": 1, "title": "DeepSeek戳破美國AI霸權神話", "outlet": "彭博社",
                "authors": ["Parmy Olson"], "translators": [], "published": dt.date(2025, 4, 1),
                "published_precision": "month", "url": None, "language": "zh-Hant",
                "text": "今年1月20日，深度求索發佈了R1。", "body_start": 0,
                "content_hash": "a" * 64, "encoding": "utf-8", "source_path": "seeds/003.txt",
                "notes": None, "ingested_at": dt.datetime(2025, 5, 1, 12, 0),
                "updated_at": dt.datetime(2025, 5, 1, 12, 0),
            }
        ],
        "entity": [
            {"id": 1, "name": "Nvidia", "name_zh": "英伟达", "kind": "organisation",
             "part_of_id": None},
        ],
        "entity_alias": [
            {"id": 1, "entity_id": 1, "alias": "輝達", "alias_key": "辉达"},
        ],
        "topic": [
            {"id": 1, "key": "release_date", "name": "Release date", "name_zh": "发布日期",
             "kind": "date", "description": None},
        ],
        "topic_alias": [{"id": 1, "topic_id": 1, "alias": "發佈", "alias_key": "发布"}],
        "claim": [
            {
                "id": 1, "article_id": 1, "span_start": 2, "span_end": 8, "surface": "1月20日",
                "sentence": "今年1月20日，深度求索發佈了R1。", "subject_id": 1, "topic_id": 1,
                "kind": "date", "value": None, "unit": None, "unit_text": None,
                "qualifier": "exact", "low": None, "high": None, "precision": None,
                "direction": "none", "iso": "2025-01-20", "period_start": dt.date(2025, 1, 20),
                "period_end": dt.date(2025, 1, 20), "period_precision": "day",
                "speaker_id": None, "attribution": None, "origin": "curated",
                "extractor_version": None, "curated_file": "data/curated/003.yaml",
                "status": "verified", "notes": "checked", "created_at": dt.datetime(2025, 5, 1),
                "updated_at": dt.datetime(2025, 5, 1),
            }
        ],
        "review_log": [
            {"id": 1, "claim_id": 1, "field": "status", "old_value": '"unreviewed"',
             "new_value": '"verified"', "reviewer": "desk", "note": "checked",
             "at": dt.datetime(2025, 5, 2)},
        ],
    },
}


def _database_at(engine, revision: str) -> dict:
    """Migrate to ``revision`` and fill the tables with the rows a database then held."""
    migrate.upgrade(engine, revision)
    old = MetaData()
    old.reflect(engine)
    rows = ROWS_AT_REVISION[revision]
    with engine.begin() as connection:
        for table, table_rows in rows.items():
            connection.execute(insert(old.tables[table]), table_rows)
    return rows


def test_0002_fills_search_text_of_existing_claims(engine):
    _database_at(engine, "0001")
    migrate.upgrade(engine, "0002")
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT search_text, speaker_name, overridden_by_id FROM claim")
        ).one()
    # Folded to simplified script and lower case: a search for 发布 finds 發佈.
    assert row == ("今年1月20日,深度求索发布了r1。", None, None)


# At 0002 a claim also has speaker_name, search_text and overridden_by_id.
ROWS_AT_REVISION["0002"] = {
    **ROWS_AT_REVISION["0001"],  # the same tables in the same order (foreign keys first)...
    "claim": [  # ...but claims with 0002's columns
        {
            **ROWS_AT_REVISION["0001"]["claim"][0],
            "speaker_name": "侠客岛", "search_text": "今年1月20日,深度求索发布了r1。",
            "overridden_by_id": None,
        },
        {
            **ROWS_AT_REVISION["0001"]["claim"][0],
            "id": 2, "span_start": 9, "span_end": 12, "surface": "17%", "kind": "percent",
            "value": 17.0, "unit": "%", "direction": "decrease", "iso": None,
            "period_start": None, "period_end": None, "period_precision": "unknown",
            "origin": "extracted", "curated_file": None, "status": "unreviewed",
            "speaker_name": None, "search_text": "", "overridden_by_id": 1,
        },
    ],
}


def test_0003_tags_stored_changes_as_changes(engine):
    _database_at(engine, "0002")
    migrate.upgrade(engine, "0003")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, statement FROM claim ORDER BY id")).all()
    assert [tuple(row) for row in rows] == [(1, "level"), (2, "change")]


def test_ensure_schema_creates_a_new_database(tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'new.db'}")
    migrate.ensure_schema(engine)
    assert migrate.current_revision(engine) == migrate.HEAD_REVISION
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def _sqlite_catalogue(engine) -> tuple[list, list]:
    """Every object of the database with its SQL, and the version row. The lines of a
    statement are compared as a set: Alembic's batch mode writes a rebuilt table's
    constraints in an order that changes from run to run."""
    with engine.connect() as connection:
        objects = connection.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all()
        version = connection.exec_driver_sql("SELECT * FROM alembic_version").all()
    return ([(kind, name, table, sql and sorted(line.strip().rstrip(",")
                                                 for line in sql.splitlines()))
             for kind, name, table, sql in objects], [tuple(row) for row in version])


@pytest.mark.parametrize("cache", ["built now", "read from the temporary folder"])
def test_a_new_sqlite_database_gets_the_schema_the_migrations_build(
        tmp_path, monkeypatch, cache):
    # ensure_schema copies the head schema instead of running the migrations; the
    # copy must be the migrations' schema, shadow tables of the full-text index included.
    if cache == "built now":
        monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    migrated = engine_for(f"sqlite:///{tmp_path / 'migrated.db'}")
    migrate.upgrade(migrated)
    copied = engine_for(f"sqlite:///{tmp_path / 'copied.db'}")
    migrate.ensure_schema(copied)
    assert _sqlite_catalogue(copied) == _sqlite_catalogue(migrated)
    assert any(name == "claim_fts" for _, name, _, _ in _sqlite_catalogue(copied)[0])
    if cache == "built now":
        assert list(tmp_path.glob("claimtrack-sqlite-head-*.marshal"))
    assert migrate.current_revision(copied) == migrate.HEAD_REVISION


def test_ensure_schema_refuses_an_unknown_revision(tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'future.db'}")
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    with pytest.raises(UnknownRevisionError, match="ffff9999.*newer claimtrack"):
        migrate.ensure_schema(engine)


def test_ensure_schema_asks_for_upgrade_of_an_older_revision(tmp_path, monkeypatch):
    engine = engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(engine)
    # Pretend this claimtrack's head is newer than the database's revision.
    monkeypatch.setattr(migrate, "HEAD_REVISION", "9999")
    with pytest.raises(OutdatedDatabaseError, match="claimtrack db upgrade"):
        migrate.ensure_schema(engine)


def test_ensure_schema_refuses_a_foreign_database(tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'other.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(DatabaseError, match="not a claimtrack database"):
        migrate.ensure_schema(engine)
    assert _tables(engine) == {"invoices"}


def test_upgrading_an_existing_sqlite_database_backs_it_up_first(tmp_path):
    path = tmp_path / "old.db"
    engine = engine_for(f"sqlite:///{path}")
    assert migrate.upgrade(engine, "0002") is None  # a new database: nothing to keep
    _database_at(engine, "0002")
    copy = migrate.upgrade(engine)
    assert copy is not None and copy.parent == tmp_path and copy.name.startswith("old.before-0002-")
    saved = engine_for(f"sqlite:///{copy}")
    assert migrate.current_revision(saved) == "0002"
    with saved.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM claim")).scalar_one() == 2
    assert migrate.upgrade(engine) is None  # already at head: no copy


def test_db_backup_command(sqlite_cli, db_path, tmp_path):
    sqlite_cli("db", "upgrade")
    target = tmp_path / "copies" / "copy.db"
    result = sqlite_cli("db", "backup", str(target))
    assert result.exit_code == 0 and f"backed up to {target}" in result.stdout
    assert migrate.current_revision(engine_for(f"sqlite:///{target}")) == migrate.HEAD_REVISION
    again = sqlite_cli("db", "backup", str(target))
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_db_backup_of_postgresql_says_what_to_use(sqlite_cli, pg_url, tmp_path):
    result = sqlite_cli("db", "backup", str(tmp_path / "x.db"), db=pg_url)
    assert result.exit_code == 1
    assert "for PostgreSQL use pg_dump" in result.stderr


# At 0003 a claim also has its statement.
ROWS_AT_REVISION["0003"] = {
    **ROWS_AT_REVISION["0002"],
    "claim": [{**claim, "statement": statement} for claim, statement in
              zip(ROWS_AT_REVISION["0002"]["claim"], ("level", "change"), strict=True)],
}

# At 0004 the last saved cross-check is there too.
ROWS_AT_REVISION["0004"] = {
    **ROWS_AT_REVISION["0003"],
    "crosscheck_pair": [
        {"id": 1, "group_number": 1, "group_subject": "Nvidia", "group_topic": "release_date",
         "group_statement": "level", "group_unit": "", "group_period": "2025-01-20",
         "group_verdict": "conflict", "claim_a_id": 1, "claim_b_id": 2, "verdict": "conflict",
         "reason": "1月20日 and 17% differ", "gap": 0.5, "rate": None, "tolerance": 0.05,
         "saved_at": dt.datetime(2025, 5, 3)},
    ],
}

ADDED_BY_0004 = {"table": {"crosscheck_pair"}, "view": {"claims_view", "conflict_pairs"},
                 "index": {"ix_claim_topic_article_span"}}


def _schema_objects(engine) -> dict[str, set[str]]:
    with engine.connect() as connection:
        inspector = inspect(connection)
        return {"table": set(inspector.get_table_names()),
                "view": set(inspector.get_view_names()),
                "index": {index["name"] for index in inspector.get_indexes("claim")}}


def test_0004_indexes_stored_claims_for_search_and_adds_the_views(engine):
    from claimtrack import api

    _database_at(engine, "0003")
    migrate.upgrade(engine, "0004")
    objects = _schema_objects(engine)
    for kind, names in ADDED_BY_0004.items():
        assert names <= objects[kind], kind
    # The claim stored before 0004 is found through the new full-text index (read by
    # this claimtrack, which needs the later revisions too: they only add columns).
    migrate.upgrade(engine)
    assert [claim.id for claim in api.find_claims(db=engine, search="深度求索發佈")] == [1]
    assert [claim.id for claim in api.find_claims(db=engine, search="r1")] == [1]
    with engine.connect() as connection:
        view = connection.execute(text("SELECT claim_id, subject, topic, outlet FROM claims_view"
                                       " ORDER BY claim_id")).all()
        if engine.dialect.name == "sqlite":
            indexed = connection.execute(text("SELECT rowid FROM claim_fts WHERE claim_fts "
                                              "MATCH '\"深度求索\"'")).scalars().all()
            assert indexed == [1]  # claim 2's search text is empty
    # Claim 2 is overridden by claim 1: hidden from the view as from `claimtrack claims`.
    assert [tuple(row) for row in view] == [(1, "Nvidia", "release_date", "彭博社")]


def test_0004_downgrade_removes_all_it_added(engine):
    migrate.upgrade(engine, "0004")
    migrate.downgrade(engine, "0003")
    objects = _schema_objects(engine)
    for kind, names in ADDED_BY_0004.items():
        assert not names & objects[kind], kind
    assert not {name for name in objects["table"] if name.startswith("claim_fts")}
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            triggers = connection.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
        assert triggers == []


# At 0005 a claim also has its subject as written and folded, and the fields of fact
# identity (issue 12).
ROWS_AT_REVISION["0005"] = {
    **ROWS_AT_REVISION["0004"],
    "claim": [
        {**ROWS_AT_REVISION["0004"]["claim"][0], "subject_key": "nvidia", "subject_name": None,
         "measure": None, "scope": None, "base": None, "from_value": None,
         "speaker_role": None, "said_on": None},
        {**ROWS_AT_REVISION["0004"]["claim"][1], "subject_id": None, "subject_name": "智譜華章",
         "subject_key": "智谱华章", "measure": "股價", "scope": "美國App Store免費榜",
         "base": "GPT-4o", "from_value": 3200.0, "speaker_role": "首席策略師",
         "said_on": dt.date(2025, 1, 27)},
    ],
}


def test_0005_keys_the_subjects_of_stored_claims(engine):
    _database_at(engine, "0004")
    migrate.upgrade(engine, "0005")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, subject_key, subject_name, measure FROM claim "
                                       "ORDER BY id")).all()
    # Both claims of 0004 are about the entity Nvidia: its name, folded, is their key.
    assert [tuple(row) for row in rows] == [(1, "nvidia", None, None), (2, "nvidia", None, None)]
    assert "ix_claim_subject_key" in _schema_objects(engine)["index"]


def test_0005_view_shows_a_subject_as_written_and_downgrade_keeps_search(engine):
    from claimtrack import api

    _database_at(engine, "0005")
    with engine.connect() as connection:
        view = connection.execute(text("SELECT claim_id, subject, measure, said_on FROM "
                                       "claims_view ORDER BY claim_id")).all()
    # Claim 2 is hidden (overridden); claim 1's entity is named.
    assert [tuple(row)[:3] for row in view] == [(1, "Nvidia", None)]
    migrate.downgrade(engine, "0004")
    assert "ix_claim_subject_key" not in _schema_objects(engine)["index"]
    assert {"claims_view", "conflict_pairs"} <= _schema_objects(engine)["view"]
    migrate.upgrade(engine)
    # The full-text triggers survived the SQLite table rebuild of the downgrade.
    assert [claim.id for claim in api.find_claims(db=engine, search="深度求索發佈")] == [1]


# At 0006 a shared ingest keeps its files in ingest_item (issue 14).
ROWS_AT_REVISION["0006"] = {
    **ROWS_AT_REVISION["0005"],
    "ingest_item": [
        {"id": 1, "queue": "archive-2025", "path": "seeds/003.txt", "state": "done",
         "article_id": 1, "worker": "node-1:4242", "error": None,
         "finished_at": dt.datetime(2025, 5, 1, 12, 0, tzinfo=dt.UTC)},
        {"id": 2, "queue": "archive-2025", "path": "seeds/bad.bin", "state": "failed",
         "article_id": None, "worker": "node-2:77", "error": "binary file",
         "finished_at": dt.datetime(2025, 5, 1, 12, 1, tzinfo=dt.UTC)},
        {"id": 3, "queue": "archive-2025", "path": "seeds/004.txt", "state": "pending",
         "article_id": None, "worker": None, "error": None, "finished_at": None},
    ],
}


def test_0006_downgrade_removes_the_ingest_queue(engine):
    _database_at(engine, "0006")
    migrate.downgrade(engine, "0005")
    assert "ingest_item" not in _tables(engine)
    migrate.upgrade(engine)
    assert "ingest_item" in _tables(engine)


# Last, so that it is parametrised with every revision's rows above (the decorator
# reads ROWS_AT_REVISION when the module is imported).
@pytest.mark.parametrize("revision", sorted(ROWS_AT_REVISION))
def test_rows_survive_upgrade_to_head(engine, revision):
    rows = _database_at(engine, revision)
    migrate.upgrade(engine)
    new = MetaData()
    new.reflect(engine)
    with engine.connect() as connection:
        for table, table_rows in rows.items():
            stored = connection.execute(select(new.tables[table]).order_by(text("id"))).mappings()
            stored = [dict(row) for row in stored]
            assert len(stored) == len(table_rows)
            for before, after in zip(table_rows, stored, strict=True):
                for column, value in before.items():
                    found = after[column]
                    if isinstance(value, dt.datetime):  # SQLite hands back naive times
                        found, value = found.replace(tzinfo=None), value.replace(tzinfo=None)
                    assert found == value, (table, column)
