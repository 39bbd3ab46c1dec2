"""Properties extract_claims keeps on any text whatever (hypothesis).

It never raises; every claim's span indexes the text it was given (front matter,
full-width digits and all) with text[start:end] == surface; claims come in text
order; a claim's interval holds its value; dates carry no value.
"""

from __future__ import annotations

import math
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.extract import extract_claims
from claimtrack.schemas import Claim

# Pieces news text is made of, so that generated strings look enough like
# figures to reach the parsers: numbers, multipliers, currencies, qualifiers,
# directions, dates, traps, punctuation and whitespace of both widths.
PIECES = [
    *"0123456789",
    *"０１２３４５６７８９",
    *"零〇一二两三四五六七八九十百千万亿兆萬億兩",
    "558万美元", "不到", "近", "约", "超过", "逾", "左右", "以上", "多", "数千", "上百亿",
    "亿万", "百分之", "个百分点", "%", "％", "美元", "美金", "元", "人民币", "港元", "新台幣",
    "$", "US$", "HK$", "¥", "€", "£", " million", " billion", "bn", "M", "k", " percent",
    "about ", "nearly ", "more than ", "less than ", "between ", " and ", " to ", "-", "~",
    "至", "到", "/", "分之", "倍", "fold", "第", "大", "年", "月", "日", "季度", "Q1 ",
    "去年", "今年", "上个月", "last year", "January ", "下跌", "暴跌", "增长", "fell ",
    "rose ", "据", "表示", "according to ", "said", "英伟达", "輝達", "DeepSeek", "GPT-4o",
    "H800", "次", "个", "块", "顆", "名", "天", "个月", "小时", "GPU小时", "参数", "token",
    "公里", "https://x.cn/2025/01/27/a-1.html", "![图1](a_600x400.png)", "9:21", "1、",
    "\n1. ", "---\n", "date: 2025-01-28\n", "---\n\n", ".", ",", "，", "。", "、", "：",
    ":", "(", ")", "（", "）", "“", "”", "《", "》", " ", "\u3000", "\t", "\n", "\r\n",
]  # fmt: skip

news_like = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
anything = st.text(max_size=60)
mixed = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=20).map("".join)
texts = st.one_of(news_like, mixed, anything)

languages = st.sampled_from([None, "zh-Hans", "zh-Hant", "en"])
published = st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
authors = st.one_of(st.none(), st.sampled_from(["徐瑾", "Parmy Olson", "王晓明", ""]))

FAST = settings(
    max_examples=150,
    deadline=None,  # the first call may load the taxonomy
    suppress_health_check=[HealthCheck.too_slow],
)


def check_invariants(text: str, claims: list[Claim]) -> None:
    assert isinstance(claims, list)
    previous = (-1, -1)
    for claim in claims:
        assert isinstance(claim, Claim)
        assert 0 <= claim.start < claim.end <= len(text), claim
        assert text[claim.start : claim.end] == claim.surface, claim
        assert claim.surface in claim.sentence, claim
        assert (claim.start, claim.end) >= previous, "claims out of text order"
        previous = (claim.start, claim.end)
        for number in (claim.value, claim.low, claim.high, claim.precision):
            assert number is None or math.isfinite(number), claim
        if claim.low is not None and claim.high is not None:
            assert claim.low <= claim.high, claim
        if claim.value is not None:
            if claim.low is not None:
                assert claim.low <= claim.value, claim
            if claim.high is not None:
                assert claim.value <= claim.high, claim
        if claim.precision is not None:
            assert claim.precision > 0, claim
        if claim.kind == "date":
            assert claim.value is None, claim
        if claim.period_start is not None and claim.period_end is not None:
            assert claim.period_start <= claim.period_end, claim


@FAST
@given(text=texts, lang=languages, published=published, author=authors)
def test_never_raises_and_spans_index_the_text(
    text: str, lang: str | None, published: date | None, author: str | None
) -> None:
    claims = extract_claims(text, lang=lang, published=published, author=author)
    check_invariants(text, claims)


@FAST
@given(body=news_like)
def test_spans_index_the_text_after_front_matter(body: str) -> None:
    text = f"---\ntitle: 英伟达市值蒸发6000亿美元\ndate: 2025-01-28\n---\n{body}"
    claims = extract_claims(text)
    check_invariants(text, claims)
    front_matter_end = text.index("\n---\n") + len("\n---\n")
    assert all(claim.start >= front_matter_end for claim in claims)


@settings(max_examples=60, deadline=None)
@given(text=news_like)
def test_the_same_text_gives_the_same_claims(text: str) -> None:
    assert extract_claims(text, lang="zh-Hans") == extract_claims(text, lang="zh-Hans")


@given(st.text())
def test_ascii_lower_lowers_ascii_capitals_only(text: str) -> None:
    # Through UTF-8 bytes (lone surrogates included): the same as lowering each
    # ASCII capital and nothing else, so every offset holds.
    from claimtrack.extract.lexicon import ascii_lower

    expected = "".join(char.lower() if "A" <= char <= "Z" else char for char in text)
    assert ascii_lower(text) == expected
    assert ascii_lower(text + "ÄΣ\ud800K") == expected + "ÄΣ\ud800k"
