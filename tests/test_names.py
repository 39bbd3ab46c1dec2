"""extract/names: the tagger claimtrack builds on jieba, and the names it finds."""

from __future__ import annotations

import tempfile

import pytest

import claimtrack.extract.names as names
from claimtrack.extract.lexicon import fold

SENTENCES = [
    "据彭博社报道，英伟达首席执行官黄仁勋周一表示，台积电的营收在2024年增长了30%。",
    "摩根士丹利分析师乔·摩尔认为，中芯国际市值达到4000亿港元 (HK$400bn)。",
    fold("據經濟日報報導，台積電計畫將產能提高30%，輝達股價下跌17%。"),
    "DeepSeek-V3 was trained on 2,048 H800 GPUs, 2.788 million GPU hours.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tag_is_jiebas_posseg_without_its_hmm(sentence):
    import jieba.posseg

    expected = [(pair.word, pair.flag) for pair in jieba.posseg.lcut(sentence, HMM=False)]
    tokens = names.tag(sentence)
    assert [(word, flag) for _, _, word, flag in tokens] == expected
    assert all(sentence[start:end] == word for start, end, word, _ in tokens)



def test_word_ends_follow_jiebas_own_route_through_every_block_of_the_seeds():
    from pathlib import Path

    tokenizer = names._tokenizer()
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    blocks = [block for path in sorted(seeds.glob("*.txt"))
              for block in names._BLOCK.split(fold(path.read_text(encoding="utf-8")))
              if block and names._BLOCK.fullmatch(block)]
    assert len(blocks) > 500
    for block in blocks:
        route: dict = {}
        tokenizer.calc(block, tokenizer.get_DAG(block), route)
        assert names._word_ends(block, tokenizer)[: len(block)] == [
            route[index][1] + 1 for index in range(len(block))], block


def test_the_word_tags_are_cached_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    names._word_tags.cache_clear()
    try:
        built = names._word_tags()
        [cached] = tmp_path.glob("claimtrack-jieba-tags-*.marshal")
        names._word_tags.cache_clear()
        assert names._word_tags() == built  # read from the file this time
        assert built["国家统计局"] == "nt" and len(built) > 300_000
        cached.write_bytes(b"not marshal")  # a damaged file is rebuilt, not trusted
        names._word_tags.cache_clear()
        assert names._word_tags() == built
    finally:
        names._word_tags.cache_clear()


def test_names_roles_and_non_names():
    text = "中金公司首席经济学家彭文生表示，第二章前言提到的初创公司营收增长5%。"
    found = {(text[n.start : n.end], n.kind) for n in names.chinese_names(text, 0, len(text))}
    assert ("中金公司", "organisation") in found
    assert ("首席经济学家", "role") in found
    assert ("彭文生", "person") in found
    assert not any(word in ("第二章", "前言", "初创公司") for word, _ in found)


def test_a_word_list_with_a_bare_yaml_boolean_is_refused(tmp_path):
    from claimtrack.lang import read_rules

    rules = tmp_path / "rules.yaml"
    rules.write_text("words: [in, on, at]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"rules\.yaml: words holds a bare yes/no/on/off"):
        read_rules(rules, {"words"})
    rules.write_text('words: [in, "on", at]\n', encoding="utf-8")
    assert read_rules(rules, {"words"}) == {"words": ["in", "on", "at"]}
    with pytest.raises(ValueError, match="unknown keys"):
        read_rules(rules, {"other"})


def _posseg_runs():
    """Runs of one-character words in the seeds, as chinese_names meets them."""
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    surnames = names.name_rules().surnames
    for path in sorted(seeds.glob("*.txt")):
        text = fold(path.read_text(encoding="utf-8"))
        tokens = names.tag(text)
        for first, last in names._single_character_runs(tokens, surnames):
            yield text[first:last]


def test_name_hmm_finds_the_path_jieba_posseg_finds():
    """Our Viterbi over jieba's posseg tables gives the words and tags jieba.posseg
    gives when its HMM is on, for every run that is not itself a dictionary word
    (jieba does not run its HMM on those)."""
    import jieba.posseg

    from claimtrack.extract.name_hmm import _best_states

    tokenizer, compared = names._tokenizer(), 0
    for run in _posseg_runs():
        if run in tokenizer.FREQ:
            continue
        expected = [(pair.word, pair.flag) for pair in jieba.posseg.lcut(run, HMM=True)]
        states, words, begin = _best_states(run), [], 0
        for index, (position, _) in enumerate(states):
            if position in "BS":
                begin = index
            if position in "ES":
                words.append((run[begin : index + 1], states[begin][1]))
                begin = index + 1
        if begin < len(run):
            words.append((run[begin:], states[begin][1]))
        assert words == expected, run
        compared += 1
    assert compared > 50


@pytest.mark.parametrize(("text", "name"), [
    ("新郎官张小发说，花了3万元。", "张小发"),   # 张/q opens the run
    ("罗伯特说，布瓦吉吉的货被没收。", "布瓦吉吉"),
    ("老韩说，花了3万元。", "老韩"),           # a surname with 老
])
def test_a_run_the_hmm_reads_as_a_name_is_a_person(text, name):
    found = [text[n.start : n.end] for n in names.chinese_names(text, 0, len(text))
             if n.kind == "person"]
    assert name in found


@pytest.mark.parametrize(("text", "fragment"), [
    ("他10岁时随大人搬进现代公寓。", "时随"),   # 时 is a surname, 随 a verb
    ("天天吃辣的人总的死亡风险降低14%。", "人总"),  # 总 after a noun, not 王总
    ("她对外宣称的身高也变成了168，“高啊”。", "高啊"),
    ("收入一百来块，最主要的是稳定。", "来块"),
])
def test_a_run_the_hmm_reads_as_other_words_is_no_name(text, fragment):
    found = [text[n.start : n.end] for n in names.chinese_names(text, 0, len(text))]
    assert fragment not in found


@pytest.mark.parametrize(("text", "company"), [
    ("2005年，江南春的分众传媒成功上市。", "分众传媒"),
    (fold("兩年後，分眾傳媒的市值一路衝到86億美金。"), "分众传媒"),
])
def test_a_company_named_with_a_trade_suffix_is_an_organisation(text, company):
    # 传媒, 矿业, 影业 (names.yaml org_suffixes) end a company's name, as 公司 does.
    found = {(fold(text[n.start : n.end]), n.kind)
             for n in names.chinese_names(text, 0, len(text))}
    assert (company, "organisation") in found


@pytest.mark.parametrize(("text", "phrase", "brand"), [
    ("有些事情我们无法控制，蒙牛的营收增长了5%。", "无法控制", "蒙牛"),
    (fold("與雲南的整體地勢相匹配，辉瑞的營收增長了5%。"), "相匹配", "辉瑞"),
])
def test_a_phrase_the_dictionary_tags_as_a_proper_name_is_no_name(text, phrase, brand):
    # jieba's dictionary tags some phrases nz (无法控制, 相匹配); the HMM opens them
    # with an adverb, which no name opens with. Brands it tags nz stay names.
    found = [text[n.start : n.end] for n in names.chinese_names(text, 0, len(text))]
    assert phrase not in found
    assert brand in found


def test_the_prefix_cache_read_here_is_the_one_jieba_reads(tmp_path):
    """_read_prefix_cache loads jieba's own cache file into the same dictionary
    jieba.initialize builds; a tokenizer with its own dictionary is left to jieba."""
    import jieba

    names._tokenizer()  # jieba has written its cache by now
    fresh = jieba.Tokenizer()
    assert names._read_prefix_cache(fresh)
    assert fresh.initialized and fresh.FREQ == jieba.dt.FREQ and fresh.total == jieba.dt.total
    own = tmp_path / "dict.txt"
    own.write_text("测试 3 n\n", encoding="utf-8")
    assert not names._read_prefix_cache(jieba.Tokenizer(str(own)))


def test_common_english_holds_common_words_and_no_names():
    common = names.common_english()
    assert {"figure", "data", "nearly", "investors", "shipments"} <= common
    # wordfreq folds case; words the dictionary only capitalises are names.
    assert not {"singapore", "jane", "chinese", "cook"} & common


@pytest.mark.parametrize(("text", "expected"), [
    ("Figure it out. Shipments rose.", []),                       # openers
    ("Tim Cook spoke. Cook said so.", ["Tim Cook", "Cook"]),      # capitalised inside too
    ("Jane Doe said so.", ["Jane Doe"]),                           # two words may be a name
    ("| Up 78% |", []),                                           # a table cell's start
    ("Acme Reports Revenue Up a Mere 3%", ["Acme"]),              # headline case
    ("They need more. Current AI revenues are small.", []),       # opener left alone
])
def test_common_words_capitalised_for_their_place_are_no_names(text, expected):
    found = [text[n.start:n.end] for n in names.english_names(text, 0, len(text))
             if n.kind != "role"]
    assert found == expected


@pytest.mark.parametrize(("text", "kinds"), [
    ("Jane Doe said so.", {"Jane Doe": "person"}),
    ("Mark Elliot Zuckerberg said so.", {"Mark Elliot Zuckerberg": "person"}),
    ("Jane Street Capital said so.", {"Jane Street Capital": "other"}),   # a body's last word
    ("Zentrix Labs said so.", {"Zentrix Labs": "other"}),                 # no given name
])
def test_a_given_name_makes_an_english_name_a_persons(text, kinds):
    found = {text[n.start:n.end]: n.kind for n in names.english_names(text, 0, len(text))
             if n.kind != "role"}
    assert found == kinds


@pytest.mark.parametrize(("text", "person"), [
    ("商务部新闻发言人何亚东27日表示", "何亚东"),  # 何/r 亚东/ns: the tagger reads no name
    ("外交部发言人毛宁表示", "毛宁"),
    ("财政部部长蓝佛安介绍", "蓝佛安"),
    ("公司首席执行官王伟说", "王伟"),  # 说 is the verb, no part of the name
    ("水利工程系教授黄国如告诉本刊", "黄国如"),
    (fold("廣達總經理林百里表示"), "林百里"),
])
def test_a_surname_right_after_a_role_opens_a_person(text, person):
    found = [(name.kind, text[name.start : name.end]) for name in names.chinese_names(
        text, 0, len(text))]
    assert ("person", person) in found


@pytest.mark.parametrize(("text", "word"), [
    ("分析师平均预期", "平均"),  # an everyday word after a role is no name
    ("韩国老板那里听说", "那里"),
    ("只有老板和工人二元形态", "和工人"),  # 和 opens no name
])
def test_an_everyday_word_after_a_role_is_no_person(text, word):
    found = [text[name.start : name.end] for name in names.chinese_names(text, 0, len(text))
             if name.kind == "person"]
    assert not any(word in name or name in word for name in found)
