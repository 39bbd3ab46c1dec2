"""`claimtrack conflicts`, `compare` and `demo` through the real CLI on the seeds."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from tests.conftest import REPO, SEEDS
from tests.support.browser import chromium_or_skip, dump_dom, screenshot

CURATED = REPO / "data" / "curated"


@pytest.fixture
def curated(cli):
    assert cli("ingest", str(SEEDS)).exit_code == 0
    assert cli("curate", "import", str(CURATED)).exit_code == 0
    return cli


def _groups(cli, *args):
    result = cli("conflicts", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_training_cost_558_wan_and_under_600_wan_are_consistent_bound(curated):
    [group] = _groups(curated, "--all", "--topic", "训练成本", "--subject", "DeepSeek-V3")
    assert (group["subject"], group["topic"], group["unit"]) == (
        "DeepSeek-V3", "training_cost", "USD")
    assert group["verdict"] == "consistent_bound"
    surfaces = {claim["id"]: claim["surface"] for claim in group["claims"]}
    [pair] = group["pairs"]
    assert {surfaces[pair["a"]], surfaces[pair["b"]]} == {"558万美元", "不到600万美元"}
    expected = "不到600万美元 (qq.com, DeepSeek, 2025-02-11) admits 558万美元"
    assert pair["reason"].startswith(expected)
    claim = next(c for c in group["claims"] if c["surface"] == "558万美元")
    assert claim["interval"] == {"low": 5_575_000, "high": 5_585_000,
                                 "text": "[5,575,000, 5,585,000] USD"}
    assert claim["article"]["outlet"] == "重要的是经济"


def test_by_default_only_conflicts_and_fail_on_conflict(curated):
    groups = _groups(curated)
    assert all(group["verdict"] in ("conflict", "date_conflict", "scale_slip") for group in groups)
    everything = _groups(curated, "--all")
    assert len(everything) > len(groups)
    assert {"possibly_same_fact", "consistent_bound"} <= {g["verdict"] for g in everything}
    ok = curated("conflicts", "--topic", "training_cost", "--fail-on-conflict")
    assert ok.exit_code == 0


def test_a_conflict_is_found_explained_and_fails_the_script(curated, tmp_path):
    article = tmp_path / "wire.txt"
    article.write_text("英伟达股价周一上涨17%。英伟达市值蒸发4000亿美元。\n", encoding="utf-8")
    (tmp_path / "wire.meta.yaml").write_text("outlet: Wire\ndate: 2025-01-28\n",
                                             encoding="utf-8")
    assert curated("ingest", str(article)).exit_code == 0
    result = curated("conflicts", "--subject", "輝達", "--fail-on-conflict")
    assert result.exit_code == 3  # conflicts found: not 1, which means an error
    groups = {g["topic"]: g for g in _groups(curated, "--subject", "Nvidia")}
    [rise] = groups["share_price_change"]["pairs"]
    assert rise["verdict"] == "conflict" and "is a rise and" in rise["reason"]
    [value] = groups["market_value_change"]["pairs"]
    assert value["verdict"] == "conflict"
    assert "4000亿美元 (Wire, 2025-01-28)" in value["reason"] and "apart" in value["reason"]
    assert 0.2 < value["gap"] < 0.35
    disputed = next(c for c in groups["market_value_change"]["claims"]
                    if c["surface"] == "4000亿美元")
    curated("claim", "dispute", str(disputed["id"]))
    table = curated("conflicts", "--subject", "Nvidia").stdout
    assert "(disputed)" in table  # disputed claims stay, marked
    [still] = [g for g in _groups(curated, "--subject", "Nvidia")
               if g["topic"] == "market_value_change"]
    assert "disputed" in {claim["status"] for claim in still["claims"]}
    curated("claim", "reject", str(disputed["id"]))
    assert "market_value_change" not in {g["topic"] for g in _groups(curated,
                                                                        "--subject", "Nvidia")}


def test_conflict_between_two_articles_with_a_reason(curated, tmp_path):
    article = tmp_path / "reuters.txt"
    article.write_text("Nvidia lost $589 billion in market value on Monday, Reuters said.\n"
                       "DeepSeek said V3 cost $5.58 million to train.\n", encoding="utf-8")
    meta = tmp_path / "reuters.meta.yaml"
    meta.write_text("title: Nvidia sheds value\noutlet: Reuters\ndate: 2025-01-28\n",
                    encoding="utf-8")
    assert curated("ingest", str(article)).exit_code == 0
    groups = {(g["subject"], g["topic"]): g for g in _groups(curated, "--all")}
    value = groups["Nvidia", "market_value_change"]
    assert value["verdict"] == "consistent_bound"  # 近6000亿 admits $589 billion
    cost = groups["DeepSeek-V3", "training_cost"]
    assert cost["verdict"] == "consistent_bound"
    verdicts = {pair["verdict"] for pair in cost["pairs"]}
    assert "same" in verdicts  # $5.58 million and 558万美元
    csv_out = curated("conflicts", "--all", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(csv_out)))
    assert {"subject", "verdict", "reason", "a_figure", "b_figure"} <= set(rows[0])
    markdown = curated("conflicts", "--all", "--format", "markdown").stdout
    assert "## DeepSeek-V3 · training_cost" in markdown and "**same**" in markdown


def test_compare_formats(curated, tmp_path):
    table = curated("compare", "训练成本").stdout
    assert "558万美元" in table and "不到600万美元" in table
    rows = json.loads(curated("compare", "training_cost", "--format", "json").stdout)
    by_surface = {row["surface"]: row for row in rows}
    assert by_surface["558万美元"]["group"] == "DeepSeek-V3 · level"
    assert by_surface["不到600万美元"]["deviation"] is None  # a bound has no deviation
    output = tmp_path / "cost.csv"
    written = curated("compare", "training_cost", "--format", "csv", "--output", str(output))
    assert written.exit_code == 0
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    records = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert records[0].keys() >= {"group", "outlet", "author", "published", "url", "speaker",
                                 "figure", "value", "interval", "qualifier", "status",
                                 "reference", "deviation", "conflict"}
    assert {r["figure"] for r in records} >= {"558万美元", "不到600万美元"}
    markdown = curated("compare", "training_cost", "--format", "markdown").stdout
    assert markdown.startswith("# claimtrack: training_cost")


class _StrictHTML(HTMLParser):
    """Fails on mismatched tags; collects the rows' classes and the text."""

    VOID = {"meta", "br", "img", "link", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.rows, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "tr":
            self.rows.append(dict(attrs))
        for name, value in attrs:
            assert not (name in ("src", "href") and value and value.startswith("//")), value
            if tag in ("script", "link"):
                raise AssertionError(f"external resource: <{tag} {attrs}>")

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text.append(data)


def test_compare_html_is_self_contained_well_formed_and_marks_conflicts(curated, tmp_path):
    # Disagree on purpose: a verified 17% fall against an edited 12% fall.
    rows = json.loads(curated("claims", "--topic", "market_value_change", "--format",
                              "json").stdout)
    nvidia = [row for row in rows if row["subject"] == "Nvidia"]
    assert nvidia
    article = tmp_path / "wire.txt"
    article.write_text("英伟达市值蒸发4000亿美元<script>alert(1)</script>。\n", encoding="utf-8")
    (tmp_path / "wire.meta.yaml").write_text("outlet: Wire <b>x</b>\ndate: 2025-01-28\n",
                                             encoding="utf-8")
    assert curated("ingest", str(article)).exit_code == 0
    output = tmp_path / "market.html"
    assert curated("compare", "market_value_change", "--format", "html", "--output",
                   str(output)).exit_code == 0
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "http://" not in page.replace('href="https://new.qq.com', "")
    assert "<script>" not in page and "&lt;script&gt;" in page and "Wire &lt;b&gt;x" in page
    parser = _StrictHTML()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    marked = [row for row in parser.rows if row.get("class") == "conflict"]
    assert marked, "the 4000亿 and 近6000亿 figures conflict"
    assert "4000亿美元" in "".join(parser.text)


def test_demo_runs_the_whole_job_in_a_temporary_database(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from claimtrack.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMTRACK_DB", raising=False)
    result = CliRunner().invoke(main, ["demo"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "5 files: 5 added" in result.stdout
    assert "004_130b86545e55295d.yaml: 18 added" in result.stdout
    assert "claimtrack: training_cost" in result.stdout
    assert "consistent_bound" in result.stdout
    assert not (tmp_path / "claimtrack.db").exists()  # nothing left behind
    named = tmp_path / "named.db"
    assert CliRunner().invoke(main, ["--db", str(named), "demo"]).exit_code == 0
    assert named.exists()


def test_unknown_topic_for_compare_is_one_line(curated):
    result = curated("compare", "trainng_cost")
    assert result.exit_code == 1
    assert "unknown topic 'trainng_cost'; did you mean training_cost" in result.stderr


def test_compare_html_renders_in_headless_chromium(curated, tmp_path):
    chromium_or_skip()  # before the database work, when there is no browser
    article = tmp_path / "wire.txt"
    article.write_text("英伟达市值蒸发4000亿美元。\n", encoding="utf-8")
    (tmp_path / "wire.meta.yaml").write_text("outlet: Wire\ndate: 2025-01-28\n", encoding="utf-8")
    curated("ingest", str(article))
    page = tmp_path / "market.html"
    curated("compare", "market_value_change", "--format", "html", "--output", str(page))
    profile = tmp_path / "profile"
    dom = dump_dom(page, profile)
    assert 'class="conflict"' in dom and "近6000亿美元" in dom
    shot = screenshot(page, tmp_path / "market.png", profile, (1200, 800))
    assert shot.stat().st_size > 10_000
