"""Queries at scale keep their answers: full-text search, the streamed cross-check, the views.

On the seeds (simplified and traditional Chinese) and generated articles
(English too), through the real CLI and api, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import sys

import pytest
from sqlalchemy import text

from claimtrack import api
from claimtrack.crosscheck import crosscheck
from claimtrack.db.session import engine_for
from claimtrack.lang.hanzi import alias_key
from tests.conftest import REPO, SEEDS

CURATED = REPO / "data" / "curated"


@pytest.fixture
def seeded(cli, db_url, tmp_path):
    """The seeds, their curated claims and 20 generated articles in three scripts."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from corpus import write_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    write_corpus(tmp_path / "generated", 20)
    assert cli("ingest", str(SEEDS), str(tmp_path / "generated"), "-q").exit_code == 0
    assert cli("curate", "import", str(CURATED)).exit_code == 0
    return db_url


def _like_ids(db_url: str, words: str) -> set[int]:
    """What --search meant before the full-text index: LIKE over the folded sentence."""
    with engine_for(db_url).connect() as connection:
        rows = connection.execute(text(
            "SELECT id FROM claim WHERE search_text LIKE :pattern ESCAPE '/' "
            "AND overridden_by_id IS NULL AND status != 'rejected'"),
            {"pattern": "%" + alias_key(words).replace("/", "//").replace("%", "/%")
             .replace("_", "/_") + "%"}).all()
    return {row[0] for row in rows}


def _search_words(db_url: str) -> list[str]:
    """Pieces of stored sentences, 1 to 6 characters, in every script, as users would type."""
    with engine_for(db_url).connect() as connection:
        sentences = [row[0] for row in connection.execute(
            text("SELECT sentence FROM claim ORDER BY id"))]
    words = {"英伟达", "輝達", "下載量達", "DeepSeek", "deepseek", "NVIDIA shares", "%", "100%",
             "5_8", '"', "a", "不到"}
    for sentence in sentences[::7]:
        for length in (1, 2, 3, 4, 6):
            start = len(sentence) // 3
            words.add(sentence[start : start + length])
    return sorted(word for word in words if alias_key(word))


def test_search_finds_what_like_found_in_every_script(seeded):
    words = _search_words(seeded)
    assert len(words) > 100
    found_any = 0
    for word in words:
        found = {claim.id for claim in api.find_claims(db=seeded, search=word)}
        assert found == _like_ids(seeded, word), word
        found_any += bool(found)
    assert found_any > 90  # the pieces come from stored sentences: most are found


def test_sqlite_search_uses_the_trigram_index(sqlite_cli, db_path):
    from sqlalchemy import event

    assert sqlite_cli("ingest", str(SEEDS), "-q").exit_code == 0
    engine = engine_for(f"sqlite:///{db_path}")
    sent: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: sent.append(statement))
    assert [claim.surface for claim in api.find_claims(db=engine, search="下载量达")] == \
        ["2430萬次"]
    assert any("claim_fts MATCH" in statement for statement in sent)
    sent.clear()
    api.find_claims(db=engine, search="下载")  # two characters: no trigram, LIKE alone
    assert not any("claim_fts" in statement for statement in sent)


def test_fulltext_index_follows_inserts_updates_and_deletes(sqlite_cli, db_path):
    assert sqlite_cli("ingest", str(SEEDS), "-q").exit_code == 0
    assert sqlite_cli("curate", "import", str(CURATED)).exit_code == 0
    assert sqlite_cli("reextract", "--all").exit_code == 0  # deletes and inserts claims
    url = f"sqlite:///{db_path}"
    with engine_for(url).begin() as connection:
        connection.execute(text("UPDATE claim SET search_text = 'changed text' WHERE id = "
                                "(SELECT min(id) FROM claim)"))
        # FTS5 compares its index with the claim table; raises if they differ.
        connection.execute(text("INSERT INTO claim_fts(claim_fts) VALUES ('integrity-check')"))
        deleted = connection.execute(text("DELETE FROM claim WHERE id IN "
                                          "(SELECT id FROM claim ORDER BY id DESC LIMIT 3)"))
        assert deleted.rowcount == 3
        connection.execute(text("INSERT INTO claim_fts(claim_fts) VALUES ('integrity-check')"))
    assert len(api.find_claims(db=url, search="changed text")) == 1
    assert {c.id for c in api.find_claims(db=url, search="英伟达")} == _like_ids(url, "英伟达")


def test_ingest_fills_the_fulltext_index_per_batch_and_keeps_the_trigger(tmp_path):
    """Ingest indexes its claims once per transaction, not by the per-row trigger; the
    index still holds every claim right after, and claims added later by other means
    are indexed by the trigger as before."""
    db = tmp_path / "batches.db"
    url = f"sqlite:///{db}"
    api.ingest([SEEDS], db=url, batch_size=2)  # several transactions
    with engine_for(url).begin() as connection:
        connection.execute(text("INSERT INTO claim_fts(claim_fts) VALUES ('integrity-check')"))
        indexed, claims = connection.execute(text(
            "SELECT (SELECT count(*) FROM claim_fts_docsize), (SELECT count(*) FROM claim)"
        )).one()
        assert indexed == claims > 40
        assert connection.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE name = 'claim_fts_insert'")).scalar() == 1
        sentences = connection.execute(text("SELECT id, search_text FROM claim")).all()
    for claim_id, search_text in sentences[::7]:
        piece = search_text[:12].strip()
        if len(piece) >= 3:
            assert claim_id in {claim.id for claim in api.find_claims(db=url, search=piece)}
    added = api.claim_add("000_2a557d286c989814.txt", "三个", fields={"kind": "count"}, db=url)
    [claim] = [claim for claim in api.find_claims(db=url) if claim.id == added]
    piece = alias_key(claim.sentence)[:6]
    assert added in {claim.id for claim in api.find_claims(db=url, search=piece)}


def test_streamed_conflicts_equal_the_crosscheck_of_every_claim(seeded):
    every_claim = api.find_claims(db=seeded, sort="date")
    expected = crosscheck(every_claim, parents=api._part_of(seeded), rates=api.exchange_rates(),
                          as_of=api.as_of_topics(), places=api._places(seeded))
    streamed = api.conflicts(db=seeded, include_all=True)
    assert len(streamed) > 20 and any(group.related for group in streamed)
    assert [(g.subject, g.topic, g.statement, g.unit, g.verdict, [c.id for c in g.claims],
             g.pairs) for g in streamed] == \
        [(g.subject, g.topic, g.statement, g.unit, g.verdict, [c.id for c in g.claims],
          g.pairs) for g in expected]
    assert [g.subject for g in api.conflicts(db=seeded)] == \
        [g.subject for g in expected if g.has_conflict]


def _described(groups) -> list[tuple]:
    return [(g.subject, g.topic, g.statement, g.unit, g.scope, g.period, g.verdict,
             [c.as_record() for c in g.claims], g.pairs) for g in groups]


def test_conflicts_judged_on_few_columns_then_worded_equal_the_reference(seeded,
                                                                         monkeypatch):
    """`conflicts` judges every pair over read.JudgedClaims (a fifth of the columns), each
    group up to its first conflict, then makes the groups it keeps again of full claims
    with their reasons: the same groups, claims, pairs, verdicts and reasons as the
    cross-check of every claim, without falling back on the one-pass path."""
    from claimtrack.db import read

    every_claim = api.find_claims(db=seeded, sort="date", plain=True)
    expected = [group for group in crosscheck(
        every_claim, parents=api._part_of(seeded), rates=api.exchange_rates(),
        as_of=api.as_of_topics(), places=api._places(seeded)) if group.has_conflict]
    assert len(expected) > 3

    def no_fallback(*args, **kwargs):
        raise AssertionError("the two passes disagreed: one-pass path taken")

    monkeypatch.setattr(read, "crosscheck_buckets", no_fallback)
    assert _described(api.conflicts(db=seeded, plain=True)) == _described(expected)
    # A table shows the first groups in full and counts the rest.
    worded = api.conflicts(db=seeded, plain=True, worded=2)
    assert _described(worded[:2]) == _described(expected[:2])
    assert [[c.id for c in g.claims] for g in worded] == [[c.id for c in g.claims]
                                                          for g in expected]
    assert all(group.has_conflict for group in worded)
    for topic in ("training_cost", "revenue"):
        assert _described(api.conflicts(db=seeded, plain=True, topic=topic)) == \
            _described([g for g in expected if g.claims[0].topic == topic])


def _view(db_url: str, sql: str) -> list[dict]:
    with engine_for(db_url).connect() as connection:
        return [dict(row) for row in connection.execute(text(sql)).mappings()]


def test_claims_view_reads_without_claimtrack(seeded):
    rows = _view(seeded, "SELECT * FROM claims_view ORDER BY claim_id")
    with engine_for(seeded).connect() as connection:
        visible = connection.execute(text(
            "SELECT count(*) FROM claim WHERE overridden_by_id IS NULL")).scalar_one()
    assert len(rows) == visible > 46
    [cost] = [row for row in rows if row["figure"] == "558万美元"
              and row["article_title"] == "徐瑾：如何看待DeepSeek热潮"]
    assert (cost["subject"], cost["topic"], cost["outlet"], cost["unit"]) == (
        "DeepSeek-V3", "training_cost", "重要的是经济", "USD")
    assert cost["value"] == 5_580_000 and cost["qualifier"] == "exact"
    assert "558万美元" in cost["quote"]
    [hugging] = [row for row in rows if row["figure"] == "2430萬次"
                 and row["article_title"] == "DeepSeek戳破美國AI霸權神話"]
    assert hugging["speaker"] == "Hugging Face" and hugging["status"] in (
        "unreviewed", "verified")


def test_conflicts_save_fills_conflict_pairs_in_one_replacement(seeded, cli):
    assert _view(seeded, "SELECT * FROM conflict_pairs") == []
    result = cli("conflicts", "--all", "--save", "--format", "json")
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)
    rows = _view(seeded, "SELECT * FROM conflict_pairs ORDER BY group_number, claim_a, claim_b")
    assert len(rows) == sum(len(group["pairs"]) for group in groups)
    in_seeds = {row["claim_id"] for row in _view(
        seeded, "SELECT claim_id FROM claims_view WHERE article_id <= 5")}  # ingested first
    [bound] = [row for row in rows if {row["figure_a"], row["figure_b"]} ==
               {"558万美元", "不到600万美元"} and row["subject"] == "DeepSeek-V3"
               and {row["claim_a"], row["claim_b"]} <= in_seeds]
    assert bound["verdict"] == "consistent_bound" and bound["topic"] == "training_cost"
    assert {bound["outlet_a"], bound["outlet_b"]} == {"重要的是经济", "qq.com"}
    assert "admits" in bound["reason"] and bound["tolerance"] == 0.05
    # Saving again replaces: now only the conflicting groups.
    assert cli("conflicts", "--save", "--format", "csv").exit_code == 0
    conflicting = _view(seeded, "SELECT DISTINCT group_verdict FROM conflict_pairs")
    assert {row["group_verdict"] for row in conflicting} <= {"conflict", "date_conflict",
                                                            "scale_slip"}
    assert len(conflicting) >= 1


def test_plain_claims_are_the_stored_claims_without_pydantic(seeded):
    """What the command line prints (db.read.PlainClaim) is what the Python API returns
    (records.StoredClaim): the same fields, the same records, in every sort."""
    from claimtrack.db.read import CLAIM_FIELDS, PlainClaim
    from claimtrack.records import StoredClaim

    assert CLAIM_FIELDS + ("article",) == PlainClaim.__slots__
    assert set(PlainClaim.__slots__) == set(StoredClaim.model_fields)
    for sort in ("article", "value", "date", "topic", "id"):
        stored = api.find_claims(db=seeded, sort=sort)
        plain = api.find_claims(db=seeded, sort=sort, plain=True)
        assert len(stored) > 100 and all(isinstance(c, StoredClaim) for c in stored)
        assert [c.as_record() for c in plain] == [c.as_record() for c in stored]
        assert [c.period_start for c in plain] == [c.period_start for c in stored]
    # The same rows whether the database is given as a path, a URL or an open Engine.
    engine = engine_for(seeded)
    assert [c.as_record() for c in api.find_claims(db=engine, topic="训练成本")] == \
        [c.as_record() for c in api.find_claims(db=seeded, topic="训练成本", plain=True)]


def test_conflicts_whose_first_conflict_is_not_their_worst_take_the_two_pass_path(
        sqlite_cli, db_path, tmp_path, monkeypatch):
    """The first pass stops at a group's first conflicting pair (here a slip of scale,
    100亿 and 10亿); the group's verdict is its worst pair's (a conflict, 37亿): the
    second pass still makes the same group, with every pair and reason."""
    from claimtrack.db import read

    folder = tmp_path / "articles"
    folder.mkdir()
    for number, figure in enumerate(("100亿", "10亿", "37亿"), 1):
        (folder / f"{number}.md").write_text(
            f"---\ntitle: 英伟达营收 {number}\noutlet: 媒体{number}\npublished: 2025-03-0{number}\n"
            f"---\n\n英伟达2024年营收为{figure}美元。\n", encoding="utf-8")
    assert sqlite_cli("ingest", "-q", str(folder)).exit_code == 0
    db = str(db_path)
    expected = [group for group in crosscheck(
        api.find_claims(db=db, sort="date", plain=True), parents=api._part_of(db),
        rates=api.exchange_rates(), as_of=api.as_of_topics(), places=api._places(db))
        if group.has_conflict]
    assert [group.verdict for group in expected] == ["conflict"]
    assert {pair.verdict for pair in expected[0].pairs} == {"conflict", "scale_slip"}

    def no_fallback(*args, **kwargs):
        raise AssertionError("the two passes disagreed: one-pass path taken")

    monkeypatch.setattr(read, "crosscheck_buckets", no_fallback)
    assert _described(api.conflicts(db=db, plain=True)) == _described(expected)


def test_fact_key_reads_only_what_judging_buckets_gives_it(seeded):
    """read.judging_buckets works out each fact key once, on a stand-in holding the
    fields fact_key reads (from_value and period_start only as present or not): if
    fact_key comes to read another field, the stand-in must hold it too."""
    from claimtrack.crosscheck.identity import fact_key
    from claimtrack.db.read import _KeyFields

    read_fields: set[str] = set()

    class Watched:
        def __init__(self, claim):
            object.__setattr__(self, "claim", claim)

        def __getattr__(self, name):
            read_fields.add(name)
            return getattr(object.__getattribute__(self, "claim"), name)

    claims = api.find_claims(db=seeded, plain=True)
    assert any(claim.base for claim in claims)
    for claim in claims:
        fact_key(Watched(claim))
    assert read_fields <= set(_KeyFields.__slots__), read_fields - set(_KeyFields.__slots__)
