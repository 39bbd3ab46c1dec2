"""What a bare 元 means: the article's locale (language tag region, or a sidecar's currency:)."""

from __future__ import annotations

import pytest

from claimtrack import api
from claimtrack.errors import ClaimtrackError
from claimtrack.extract import extract_claims
from claimtrack.extract.locale import reading_locale

TEXT = "這支手機的售價為3000元。\n"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("zh-Hant-TW", ("zh-Hant", "TWD")), ("zh-TW", ("zh-Hant", "TWD")),
     ("zh-HK", ("zh-Hant", "HKD")), ("zh-Hans", ("zh-Hans", "CNY")),
     ("zh-CN", ("zh-Hans", "CNY")), ("zh-Hans-SG", ("zh-Hans", "SGD")),
     ("zh-Hant", ("zh-Hant", None)), ("en-US", ("en", None)), (None, (None, None))],
)
def test_reading_locale(tag, expected):
    assert reading_locale(tag) == expected


def test_stated_currency_wins_and_is_checked():
    assert reading_locale("zh-Hant-TW", "hkd") == ("zh-Hant", "HKD")
    with pytest.raises(ClaimtrackError, match="ISO 4217"):
        reading_locale("zh-Hant", "XYZ")


def test_claim_keeps_the_word_as_written_so_the_inference_shows():
    [claim] = extract_claims(TEXT, lang="zh-Hant-TW")
    assert (claim.unit, claim.unit_text, claim.surface) == ("TWD", "元", "3000元")


@pytest.mark.parametrize(
    ("sidecar", "unit"),
    [("lang: zh-Hant-TW\n", "TWD"), ("lang: zh-HK\n", "HKD"), ("lang: zh-Hant\n", None),
     ("lang: zh-Hant\ncurrency: MOP\n", "MOP"), ("lang: zh-Hant-TW\ncurrency: HKD\n", "HKD")],
)
def test_extract_file_reads_the_locale_from_the_sidecar(tmp_path, sidecar, unit):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text(sidecar, encoding="utf-8")
    found = api.extract_file(article)
    assert found.language == "zh-Hant"
    assert [c.unit for c in found.claims] == [unit]


def test_front_matter_currency(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: t\nlang: zh-Hant\ncurrency: TWD\n---\n" + TEXT,
                       encoding="utf-8")
    assert [c.unit for c in api.extract_file(article).claims] == ["TWD"]


@pytest.mark.parametrize(
    ("outlet", "unit"),
    [("聯合報", "TWD"), ("明報 Ming Pao", "HKD"), ("澳門日報", "MOP"),
     ("彭博社 (Bloomberg)", None)],
)
def test_outlet_says_the_currency_when_tag_and_sidecar_do_not(tmp_path, outlet, unit):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text(f"lang: zh-Hant\noutlet: {outlet}\n", encoding="utf-8")
    assert [c.unit for c in api.extract_file(article).claims] == [unit]


def test_extract_command_takes_a_currency(tmp_path):
    from click.testing import CliRunner

    from claimtrack.cli import main

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--currency", "TWD"])
    assert result.exit_code == 0, result.output
    assert '"unit": "TWD"' in result.output and '"unit_text": "元"' in result.output
    bad = CliRunner().invoke(main, ["extract", str(article), "--currency", "dollars"])
    assert bad.exit_code != 0 and "ISO 4217" in bad.output
