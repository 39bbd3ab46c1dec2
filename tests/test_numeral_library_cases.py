"""cn2an's own conversion cases, read by the extractor inside a money frame.

claimtrack reads Chinese numerals with cn2an (claimtrack.extract.numbers); this
runs the cases of cn2an's test suite (cn2an/cn2an_test.py, as installed) that
are news forms through extract_claims as "总额为{numeral}元。", so a numeral is
checked as the extractor finds it in a sentence, span and value, not only as
the library converts it alone. Forms news does not write are left out, each
group with its reason (NOT_NEWS).
"""

from __future__ import annotations

import math
import re

import pytest

from claimtrack.extract import extract_claims

cn2an_test = pytest.importorskip("cn2an.cn2an_test")

# Forms that are not a news figure before 元, and why.
NOT_NEWS = [
    (re.compile(r"[元圆角分整正]"), "a cheque's amount in words (壹拾壹元整): the frame adds 元"),
    (re.compile(r"负|^-"), "a negative numeral: news writes a fall with a verb (下降)"),
    (re.compile(r"廿"), "a literary numeral (廿二)"),
    (re.compile(r"^[一二三四五六七八九〇零壹]{2,}(?:点|$)"),
     "digits read one by one (一二三, 一七二零): an id or a year, never an amount"),
    (re.compile(r"^\d+[万亿][一二三四五六七八九十百千零]|百0|\d百\d"),
     "Arabic and Chinese digits mixed after a scale (100万三千, 1百01)"),
    (re.compile(r"^零点零+$"), "zero written with decimals"),
    (re.compile(r"点\d"), "Chinese whole part, Arabic decimals (一百点123)"),
    (re.compile(r"零百"), "a misspelled numeral (一万零百一十一)"),
]


def _news_cases() -> list[tuple[str, float]]:
    suite = cn2an_test.Cn2anTest()
    suite.setUp()
    cases = {}
    for table in (suite.strict_data_dict, suite.normal_data_dict, suite.smart_data_dict):
        for numeral, value in table.items():
            if not any(pattern.search(numeral) for pattern, _ in NOT_NEWS):
                cases[numeral] = float(value)
    return sorted(cases.items())


CASES = _news_cases()


def test_enough_library_cases_are_news_forms():
    assert len(CASES) >= 80


@pytest.mark.parametrize(("numeral", "value"), CASES, ids=[n for n, _ in CASES])
def test_library_case_in_a_money_frame(numeral, value):
    text = f"总额为{numeral}元。"
    claims = extract_claims(text, lang="zh-Hans")
    assert [(c.surface, c.kind, c.unit) for c in claims] == [(f"{numeral}元", "money", "CNY")]
    assert math.isclose(claims[0].value, value, rel_tol=1e-9, abs_tol=1e-12)
