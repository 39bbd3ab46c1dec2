"""Claims stored by ingest and read back through the real CLI: filters, names, errors."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from claimtrack.db.models import Claim as ClaimRow
from claimtrack.db.session import engine_for
from tests.conftest import SEEDS


@pytest.fixture
def seeded(cli):
    result = cli("ingest", str(SEEDS))
    assert result.exit_code == 0, result.output
    return cli


def _rows(cli, *args, db=None):
    result = cli("claims", *args, "--format", "json", db=db)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_stores_the_extracted_claims_once(seeded, db_url):
    engine = engine_for(db_url)
    with engine.connect() as connection:
        stored = connection.execute(select(func.count(ClaimRow.id))).scalar_one()
    assert stored > 30
    again = seeded("ingest", str(SEEDS))
    assert "5 unchanged" in again.stdout
    with engine.connect() as connection:
        assert connection.execute(select(func.count(ClaimRow.id))).scalar_one() == stored


def test_training_cost_in_any_script_or_spelling_gives_the_same_rows(seeded):
    rows = _rows(seeded, "--topic", "训练成本")
    for spelling in ("訓練成本", "training_cost", "training cost", "Training Cost"):
        assert _rows(seeded, "--topic", spelling) == rows
    by_surface = {row["surface"]: row for row in rows}
    v3 = by_surface["558万美元"]
    assert v3["subject"] == "DeepSeek-V3" and v3["value"] == 5_580_000 and v3["unit"] == "USD"
    assert v3["article"]["outlet"] == "重要的是经济" and v3["article"]["published"] == "2025-02"
    assert v3["speaker"] is None and v3["attribution"] == "一些研究披露"
    bound = by_surface["不到600万美元"]
    assert (bound["qualifier"], bound["low"], bound["high"]) == ("upper_bound", None, 6_000_000)
    assert bound["speaker"] == "DeepSeek" and bound["attribution"] == "DeepSeek声称"
    assert bound["article"]["url"] == "https://new.qq.com/rain/a/20250211A088XY00"
    for key in ("id", "start", "end", "sentence", "kind", "direction", "period_start",
                "period_end", "origin", "status"):
        assert key in v3


def test_subject_nvidia_lists_the_share_drop_and_the_lost_market_value(seeded):
    rows = _rows(seeded, "--subject", "Nvidia")
    figures = {(row["surface"], row["direction"], row["topic"]) for row in rows}
    assert ("17%", "decrease", "share_price_change") in figures
    assert ("近6000亿美元", "decrease", "market_value_change") in figures
    assert _rows(seeded, "--subject", "英伟达") == rows
    assert _rows(seeded, "--subject", "輝達") == rows


def test_traditional_article_found_by_simplified_names_and_search(seeded):
    downloads = _rows(seeded, "--topic", "下载量")
    assert {row["surface"] for row in downloads} >= {"2430萬次", "6000萬次", "6600萬次"}
    searched = _rows(seeded, "--search", "下载量达")  # the sentence says 下載量達
    assert [row["surface"] for row in searched] == ["2430萬次"]
    assert searched[0]["speaker"] == "Hugging Face"


def test_time_value_kind_speaker_outlet_and_article_filters(seeded):
    march = _rows(seeded, "--since", "2025-03", "--until", "2025-03-31", "--kind", "count")
    assert {row["surface"] for row in march} >= {"2430萬次", "6000萬次", "6600萬次"}
    for row in march:  # every row's period (or publication date) overlaps March 2025
        assert (row["period_start"] or row["article"]["published"]) <= "2025-03-31"
        assert (row["period_end"] or row["article"]["published"]) >= "2025-03"
    assert "558万美元" not in {row["surface"] for row in _rows(seeded, "--since", "2025-03")}
    big = _rows(seeded, "--min", "1e11", "--kind", "money")
    assert all((row["value"] or row["high"] or 0) >= 1e11 for row in big)
    assert "1万亿美元" in {row["surface"] for row in big}
    assert _rows(seeded, "--speaker", "Hugging Face")[0]["surface"] == "2430萬次"
    assert {row["article"]["outlet"] for row in _rows(seeded, "--outlet", "bloomberg")} == {
        "彭博社 (Bloomberg)"}
    one_article = _rows(seeded, "--article", "002_a30d2c9fff7fa017.txt")
    assert {row["article"]["title"] for row in one_article} == {"徐瑾：如何看待DeepSeek热潮"}
    limited = _rows(seeded, "--sort", "value", "--limit", "2", "--kind", "money")
    assert len(limited) == 2 and limited[0]["value"] >= limited[1]["value"]


def test_unknown_names_are_one_line_with_suggestions(seeded):
    result = seeded("claims", "--topic", "训练费")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "claimtrack: error: unknown topic '训练费'; did you mean 训练费用, 训练花费, 训练?"
    ]
    result = seeded("claims", "--subject", "Nvidea")
    assert result.exit_code == 1 and "did you mean Nvidia" in result.stderr
    result = seeded("claims", "--article", "nope.txt")
    assert result.exit_code == 1 and "unknown article 'nope.txt'" in result.stderr


def test_show_highlights_the_figure_and_unknown_ids_fail(seeded):
    [row] = [r for r in _rows(seeded, "--subject", "Nvidia") if r["surface"] == "17%"]
    shown = seeded("show", str(row["id"]))
    assert shown.exit_code == 0
    assert "股价暴跌17%" in shown.stdout and "Nvidia" in shown.stdout and "qq.com" in shown.stdout
    as_json = json.loads(seeded("show", str(row["id"]), "--format", "json").stdout)
    assert as_json["surface"] == "17%" and as_json["history"] == []
    missing = seeded("show", "99999")
    assert missing.exit_code == 1
    assert missing.stderr.strip() == (
        "claimtrack: error: no claim with id 99999; `claimtrack claims` lists them")


def test_topics_and_entities_count_claims(seeded):
    topics = json.loads(seeded("topics", "--format", "json").stdout)
    counts = {topic["key"]: topic["claims"] for topic in topics}
    assert counts["training_cost"] == len(_rows(seeded, "--topic", "training_cost"))
    assert counts["tariff"] == 0
    entities = json.loads(seeded("entities", "--format", "json").stdout)
    nvidia = next(entity for entity in entities if entity["name"] == "Nvidia")
    assert nvidia["claims"] == len(_rows(seeded, "--subject", "Nvidia"))
    assert "輝達" in nvidia["aliases"]


def test_claims_table_fits_eighty_columns(seeded):
    result = seeded("claims", "--topic", "training_cost")
    assert result.exit_code == 0
    widths = [len(line) for line in result.stdout.splitlines()]
    assert max(widths) <= 80


