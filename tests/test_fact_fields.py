"""The claim fields of issue 12 (subject as written, measure, scope, base, from_value,
speaker_role, said_on) stored, read, filtered, exported, imported, curated and
cross-checked through the real CLI, on SQLite and PostgreSQL.

The ingest here wraps the real extractor and sets these fields on its claims
(what each figure's text would give), so that storage is tested apart from
extraction (tests/specs covers what the extractor fills)."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
import yaml

from claimtrack import api
from claimtrack.cli.completion import stored_names
from tests.conftest import REPO

SIMPLIFIED = "智谱华章的估值为210亿元。月之暗面的股价从30元降至25元。\n"
TRADITIONAL = "智譜華章的估值為300億元。\n"
# A Taiwanese paper's bare 元 is TWD (issue 13); this one reports a mainland
# company's valuation in renminbi, as its sidecar says.
UDN_META = "outlet: 聯合報\ncurrency: CNY\ndate: 2025-01-22\n"

# What the extractor is to add, by the figure as written.
FIELDS = {
    "210亿元": {"subject": "智谱华章", "measure": "估值", "speaker_role": "首席策略师",
               "said_on": date(2025, 1, 19)},
    "300億元": {"subject": "智譜華章", "measure": "估值", "scope": "一级市场"},
    "30元降至25元": {"measure": "股价", "from_value": 30.0, "base": "上周"},
}


@pytest.fixture
def stocked(cli, tmp_path, monkeypatch):
    """Two articles, one in each script, ingested with the fields above."""
    real = api._extract_article

    def extract(article):
        return [claim.model_copy(update=FIELDS.get(claim.surface, {}))
                for claim in real(article)]

    monkeypatch.setattr(api, "_extract_article", extract)
    for name, text, meta in (("xinhua.txt", SIMPLIFIED, "outlet: 新华\ndate: 2025-01-20\n"),
                             ("udn.txt", TRADITIONAL, UDN_META)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        (tmp_path / name.replace(".txt", ".meta.yaml")).write_text(meta, encoding="utf-8")
        result = cli("ingest", "--jobs", "1", str(tmp_path / name))
        assert result.exit_code == 0, result.output
    return cli


def _json(cli, *args):
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_new_fields_are_stored_and_shown(stocked):
    rows = {row["surface"]: row for row in _json(stocked, "claims")}
    first = rows["210亿元"]
    assert (first["subject"], first["measure"], first["speaker_role"], first["said_on"]) == (
        "智谱华章", "估值", "首席策略师", "2025-01-19")
    assert rows["300億元"]["scope"] == "一级市场"
    change = rows["30元降至25元"]  # one from → to claim, its value the price after
    assert (change["value"], change["from_value"], change["base"]) == (25.0, 30.0, "上周")
    assert change["subject"] == "Moonshot AI"  # an entity's alias links to the entity
    shown = stocked("show", str(first["id"])).stdout
    assert "首席策略师" in shown and "估值" in shown
    csv_out = stocked("claims", "--format", "csv").stdout
    assert "measure,scope,base,from_value,speaker_role,said_on" in csv_out.splitlines()[0]


def test_an_unlisted_subject_is_found_in_either_script(stocked):
    by_simplified = _json(stocked, "claims", "--subject", "智谱华章")
    by_traditional = _json(stocked, "claims", "--subject", "智譜華章")
    assert {row["surface"] for row in by_simplified} == {"210亿元", "300億元"}
    assert by_traditional == by_simplified
    unknown = stocked("claims", "--subject", "智谱华")
    assert unknown.exit_code == 1 and "unknown subject '智谱华'" in unknown.stderr
    assert "智谱华章" in unknown.stderr  # the nearest names include unlisted subjects
    # An entity still matches by any alias, and only its own claims.
    assert {row["surface"] for row in _json(stocked, "claims", "--subject", "月之暗面")} == {
        "30元降至25元"}


def test_unlisted_subjects_are_listed_as_entities_of_kind_unlisted(stocked):
    unlisted = [row for row in _json(stocked, "entities") if row["kind"] == "unlisted"]
    assert unlisted == [{"name": "智谱华章", "name_zh": None, "kind": "unlisted", "claims": 2,
                         "part_of": None, "aliases": ["智譜華章", "智谱华章"]}]


def test_unlisted_subject_is_completed(stocked, db_url):
    names = dict(stored_names(db_url, "subject"))
    assert {"智谱华章", "智譜華章", "月之暗面"} <= set(names)
    assert names["月之暗面"] == "Moonshot AI"


def test_a_scope_on_one_side_only_and_one_article_form_no_group(stocked):
    groups = _json(stocked, "conflicts", "--all")
    # 一级市场 is stated by one side only: not the same fact, so no group; and the
    # from→to pair 30元/25元 is one article's: never compared.
    assert groups == []


def test_cross_check_of_an_unlisted_subject_written_two_ways(cli, tmp_path, monkeypatch):
    real = api._extract_article
    written = {"210亿元": "智谱华章", "300億元": "智譜華章"}

    def extract(article):
        return [claim.model_copy(update={"subject": written.get(claim.surface)})
                for claim in real(article)]

    monkeypatch.setattr(api, "_extract_article", extract)
    for name, text, meta in (("a.txt", SIMPLIFIED, "outlet: 新华\ndate: 2025-01-20\n"),
                             ("b.txt", TRADITIONAL, UDN_META)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        (tmp_path / name.replace(".txt", ".meta.yaml")).write_text(meta, encoding="utf-8")
        assert cli("ingest", "--jobs", "1", str(tmp_path / name)).exit_code == 0
    [group] = _json(cli, "conflicts", "--subject", "智譜華章")
    assert (group["subject"], group["topic"], group["verdict"]) == (
        "智谱华章", "valuation", "conflict")
    assert cli("conflicts", "--fail-on-conflict").exit_code == 3
    rows = _json(cli, "compare", "valuation")
    assert {row["group"] for row in rows} == {"智谱华章 · level"}
    assert all(row["conflict"] for row in rows)


def test_export_and_import_keep_the_new_fields(stocked, second_db_url, tmp_path):
    before = _json(stocked, "claims")
    for fmt in ("jsonl", "csv"):
        target = tmp_path / f"export-{fmt}"
        assert stocked("export", "all", "--format", fmt, "-o", str(target)).exit_code == 0
        into = second_db_url if fmt == "jsonl" else f"sqlite:///{tmp_path / 'csv.db'}"
        result = stocked("import", str(target), db=into)
        assert result.exit_code == 0, result.output
        after = json.loads(stocked("claims", "--format", "json", db=into).stdout)
        assert after == before
        # The folded key is made again on import: the other script still finds them.
        assert len(json.loads(stocked("claims", "--subject", "智譜華章", "--format", "json",
                                      db=into).stdout)) == 2


def test_claim_edit_and_curate_export_carry_the_new_fields(stocked, tmp_path):
    rows = {row["surface"]: row for row in _json(stocked, "claims")}
    claim_id = str(rows["300億元"]["id"])
    result = stocked("claim", "edit", claim_id, "--scope", "二级市场", "--said-on", "2025-01-21",
                     "--speaker-role", "CEO", "--note", "read again")
    assert result.exit_code == 0, result.output
    assert "changed scope, said_on, speaker_role" in result.stdout
    bad = stocked("claim", "edit", claim_id, "--said-on", "2025-02-30")
    assert bad.exit_code == 1 and "said_on must be a day" in bad.stderr
    # A subject as written no entity is; a typo in --subject stays an error.
    assert stocked("claim", "edit", claim_id, "--subject", "智谱华彰").exit_code == 1
    renamed = stocked("claim", "edit", claim_id, "--subject-name", "Zhipu")
    assert renamed.exit_code == 0 and "changed subject_name" in renamed.stdout
    history = _json(stocked, "claim", "history", claim_id)
    assert {entry["field"] for entry in history} >= {"scope", "said_on", "subject_name"}
    out = tmp_path / "curated"
    assert stocked("curate", "export", "-o", str(out)).exit_code == 0
    [written] = list(out.glob("*.yaml"))
    [entry] = yaml.safe_load(written.read_text(encoding="utf-8"))["claims"]
    assert (entry["subject_name"], entry["scope"], entry["speaker_role"], str(entry["said_on"]),
            entry["measure"]) == ("Zhipu", "二级市场", "CEO", "2025-01-21", "估值")
    # The file applies again as it was written.
    applied = stocked("curate", "import", str(out))
    assert applied.exit_code == 0, applied.output + applied.stderr
    assert "0 added, 0 changed, 1 left" in applied.stdout


def test_a_curated_file_states_the_new_fields(stocked, tmp_path):
    curated = tmp_path / "curated.yaml"
    curated.write_text(
        "article: {file: udn.txt}\nclaims:\n"
        "  - quote: 300億元\n    kind: money\n    value: 30000000000\n    unit: CNY\n"
        "    subject_name: 智譜華章\n    topic: valuation\n    scope: 一級市場\n"
        "    base: 上輪融資\n    said_on: 2025-01-21\n    speaker_role: 分析師\n",
        encoding="utf-8")
    result = stocked("curate", "import", str(curated))
    assert result.exit_code == 0, result.output + result.stderr
    [row] = [row for row in _json(stocked, "claims", "--subject", "智谱华章")
             if row["surface"] == "300億元"]
    assert (row["subject"], row["scope"], row["base"], row["said_on"], row["speaker_role"]) == (
        "智譜華章", "一級市場", "上輪融資", "2025-01-21", "分析師")
    both = curated.read_text(encoding="utf-8").replace("    subject_name: 智譜華章\n",
                                                       "    subject_name: 智譜華章\n"
                                                       "    subject: Nvidia\n")
    curated.write_text(both, encoding="utf-8")
    refused = stocked("curate", "import", str(curated))
    assert "not both" in refused.stderr


def _two_dates_of_market_value(cli, tmp_path, days):
    for name, text, day in (("mon.txt", "英伟达市值达3.4万亿美元。\n", days[0]),
                            ("tue.txt", "英伟达市值为2.9万亿美元。\n", days[1])):
        (tmp_path / name).write_text(text, encoding="utf-8")
        (tmp_path / name.replace(".txt", ".meta.yaml")).write_text(
            f"outlet: {name[:3]}\ndate: {day}\n", encoding="utf-8")
        assert cli("ingest", "--jobs", "1", str(tmp_path / name)).exit_code == 0


def test_as_of_levels_months_apart_are_a_change_over_time(cli, tmp_path):
    # market_value is as_of in the shipped topics.yaml: a level with no stated
    # period describes the month up to its article's date.
    _two_dates_of_market_value(cli, tmp_path, ("2025-01-24", "2025-04-28"))
    assert cli("conflicts", "--fail-on-conflict").exit_code == 0
    [group] = _json(cli, "conflicts", "--all", "--topic", "market_value")
    assert group["verdict"] == "not_compared"
    assert group["pairs"][0]["reason"] == (
        "different dates: reported by 2025-01-24 and reported by 2025-04-28 "
        "(a change over time, not a conflict)")


def test_as_of_levels_of_one_week_conflict(cli, tmp_path):
    _two_dates_of_market_value(cli, tmp_path, ("2025-01-24", "2025-01-28"))
    assert cli("conflicts", "--fail-on-conflict").exit_code == 3


def test_without_as_of_levels_months_apart_conflict(cli, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    topics = data / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("    as_of: true\n", ""),
                      encoding="utf-8")
    monkeypatch.setenv("CLAIMTRACK_DATA_DIR", str(data))
    _two_dates_of_market_value(cli, tmp_path, ("2025-01-24", "2025-04-28"))
    result = cli("conflicts", "--topic", "market_value", "--fail-on-conflict")
    assert result.exit_code == 3


INFERRED = ("# 大S的生意经\n\n大S亏了5000万新台币。大S又亏了1亿新台币。\n\n"
            "2016年，花{}新台币买豪宅。\n")


def test_a_subject_inferred_from_the_article_is_stored_shown_and_never_compared(
        cli, tmp_path, second_db_url):
    # The real extractor: two articles whose last figure names no subject, so each
    # gets its article's main subject (大S), marked inferred.
    for number, value in ((1, "4亿"), (2, "6亿")):
        path = tmp_path / f"s{number}.md"
        path.write_text(INFERRED.format(value), encoding="utf-8")
        (tmp_path / f"s{number}.meta.yaml").write_text(
            f"outlet: 报{number}\ndate: 2025-01-2{number}\n", encoding="utf-8")
        result = cli("ingest", "--jobs", "1", str(path))
        assert result.exit_code == 0, result.output
    claims = _json(cli, "claims")
    inferred = {c["surface"]: c["subject"] for c in claims if c["subject_inferred"]}
    assert inferred == {"4亿新台币": "大S", "6亿新台币": "大S"}
    assert all(c["subject_inferred"] is False for c in claims
               if c["surface"] not in inferred)
    shown = cli("show", str(next(c["id"] for c in claims if c["surface"] == "4亿新台币")))
    assert shown.exit_code == 0, shown.output
    assert "大S (inferred: what the article is about)" in shown.stdout
    # 4亿 and 6亿 are never judged: the subject is a guess, not a name the text gives.
    assert not [g for g in _json(cli, "conflicts", "--all")
                if {c["surface"] for c in g["claims"]} & set(inferred)]
    # Export and import keep the mark, in both archive formats.
    for fmt in ("jsonl", "csv"):
        target = tmp_path / f"export-{fmt}"
        assert cli("export", "all", "--format", fmt, "-o", str(target)).exit_code == 0
        into = second_db_url if fmt == "jsonl" else f"sqlite:///{tmp_path / 'csv.db'}"
        result = cli("import", str(target), db=into)
        assert result.exit_code == 0, result.output
        assert json.loads(cli("claims", "--format", "json", db=into).stdout) == claims
