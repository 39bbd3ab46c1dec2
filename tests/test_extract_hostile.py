"""Hostile inputs (issue 12): each extracts, with the work bounded by the text's length.

Wall-clock times are never asserted (benchmarks/hostile_inputs.py prints them);
what is asserted is the work done: the characters handed to the name tagger
(jieba) stay within a small multiple of the text, however the text is shaped,
and every claim still indexes the text.
"""

from __future__ import annotations

import pytest

import claimtrack.extract.names as names
from claimtrack.extract import extract_claims


def _run_on_on() -> str:
    # 10,000 characters, no punctuation: figures and names in one endless sentence.
    unit = "英伟达首席执行官黄仁勋表示公司营收增长了百分之十七而股价下跌3%"
    return (unit * (10_000 // len(unit) + 1))[:10_000]


def _long_list() -> str:
    head = "彭博社报道称：\n"
    return head + "".join(f"- 公司{i}号下跌{i % 90 + 1}%\n" for i in range(500))


def _only_names() -> str:
    return "，".join(["黄仁勋", "郑永年", "DeepSeek", "英伟达", "OpenAI", "乔·摩尔"] * 800)


def _open_quote() -> str:
    return "“" + "他说营收增长了30%，成本下降了5%，" * 400


def _titled_names() -> str:
    # Each sentence refers to a person by surname and title (黄老师), whom an earlier
    # sentence named in full: resolving one must not analyse the sentences before it
    # (that recursed once per sentence, past Python's limit, on a real article).
    return "人类学家黄碧云告诉我们。" + "黄老师说，黄老师的营收增长了3%。" * 1500


HOSTILE = {"run_on_sentence": _run_on_on, "list_of_500_items": _long_list,
           "nothing_but_names": _only_names, "quote_never_closes": _open_quote,
           "titled_names": _titled_names}


def _lengths_read(monkeypatch, module, function: str) -> list[int]:
    """The lengths of the strings ``module.function`` is called with, from now on."""
    read: list[int] = []
    real = getattr(module, function)

    def counting(piece: str):
        read.append(len(piece))
        return real(piece)

    monkeypatch.setattr(module, function, counting)
    return read


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_extracts_with_bounded_tagging(monkeypatch, name):
    text = HOSTILE[name]()
    tagged = _lengths_read(monkeypatch, names, "tag")
    claims = extract_claims(text, lang="zh-Hans")
    for claim in claims:
        assert text[claim.start : claim.end] == claim.surface
    # Each sentence is tagged once for names, plus short pieces for measures.
    assert sum(tagged) <= 4 * len(text), (name, sum(tagged), len(text))


def test_the_list_keeps_its_source_to_the_last_item():
    claims = extract_claims(_long_list(), lang="zh-Hans")
    percents = [c for c in claims if c.kind == "percent"]
    assert len(percents) == 500
    assert {c.speaker for c in percents} == {"Bloomberg"}


def test_every_titled_name_is_the_person_named_in_full():
    claims = extract_claims(_titled_names(), lang="zh-Hans")
    assert len(claims) == 1500
    assert {c.speaker for c in claims} == {"黄碧云"}


def test_a_run_on_sentence_still_gives_its_figures():
    claims = extract_claims(_run_on_on(), lang="zh-Hans")
    assert sum(c.surface == "3%" for c in claims) >= 200


def test_a_run_of_one_character_words_is_read_by_the_hmm_in_bounded_pieces(monkeypatch):
    """An endless run of one-character words, each pair of them a candidate name (时 and
    高 are surnames): the part-of-speech HMM reads short windows around each candidate,
    never the run whole, so its work grows with the text and no faster."""
    import claimtrack.extract.name_hmm as name_hmm

    text = "时随来块高啊" * 2000 + "，花了3万元。"
    read = _lengths_read(monkeypatch, name_hmm, "_best_states")
    name_hmm.name_spans.cache_clear()
    [claim] = extract_claims(text, lang="zh-Hans")
    assert claim.surface == "3万元" and claim.speaker is None and claim.subject is None
    assert read and max(read) <= 4 * names._HMM_REACH + 4
    assert sum(read) <= 8 * len(text)


def test_capitalised_openers_on_one_endless_line_are_read_in_bounded_pieces(monkeypatch):
    """3,000 sentences on one line, each opened by a different capitalised word: whether a
    line is a headline is read at most a headline's length around each name, never
    the whole line once per name (which grows with the square of the text)."""
    words = [f"Zq{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676)}x"
             for i in range(3000)]
    text = " ".join(f"{word} said sales rose 5%." for word in words)
    read = _lengths_read(monkeypatch, names, "_headline_case")
    claims = extract_claims(text, lang="en")
    assert len(claims) == 3000 and claims[-1].speaker == words[-1]
    assert all(length <= 2 * names._HEADLINE_CHARS + 2 for length in read)


def test_soft_wraps_join_running_text_but_never_a_heading_or_a_short_line():
    """A line break inside a long line of running text reads as a space (…韩国⏎29.67%);
    a heading line, a short line (a title or a label) and a line ending in punctuation
    keep their break. The length never changes."""
    from claimtrack.extract.grammar import grammar
    from claimtrack.extract.markup import join_broken_lines

    wrapped = "中国是62.69%，瑞典63.76%，澳大利亚54.43%，日本35.94%，美国38.17%，韩国\n29.67%。"
    heading = "## 一个很长很长的标题，足足有二十多个字，而且没有标点结尾\n2015年营收增长。"
    short = "西伯利亚的资源\n2020年营收增长。"
    ended = "这一段写得很长很长，一共二十多个字，最后以句号结尾。\n2020年营收增长。"
    english = "Nvidia said on Wednesday that its revenue in the quarter\nrose 5%."
    pattern = grammar().broken_line
    assert join_broken_lines(wrapped, pattern) == wrapped.replace("\n", " ")
    assert join_broken_lines(english, pattern) == english.replace("\n", " ")
    for kept in (heading, short, ended):
        assert join_broken_lines(kept, pattern) == kept
