"""Script folding, lookup keys and language detection on the real seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.lang import hanzi
from claimtrack.lang.hanzi import alias_key, common_hanzi, detect_language, to_simplified

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TRADITIONAL_SEED = "003_34b45116da6dbc12.txt"
SIMPLIFIED_SEEDS = [
    "000_2a557d286c989814.txt",
    "001_5eb663435797013a.txt",
    "002_a30d2c9fff7fa017.txt",
    "004_130b86545e55295d.txt",
]


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


ENGLISH = (
    "DeepSeek, a Chinese artificial-intelligence lab, says it trained its V3 model for "
    "under $6 million. Rivals in Silicon Valley have spent billions on theirs, and the "
    "claim wiped hundreds of billions of dollars off Nvidia's market value in one day."
)


# --- to_simplified -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("DeepSeek戳破美國AI霸權神話——彭博社", "DeepSeek戳破美国AI霸权神话——彭博社"),
        ("插圖:Vivek Thakker為彭博社繪製", "插图:Vivek Thakker为彭博社绘制"),
        ("深度求索打破美國AI霸權神話(音頻)", "深度求索打破美国AI霸权神话(音频)"),
        ("美國科技公司曾斥資數十億打造昂貴AI模型。", "美国科技公司曾斥资数十亿打造昂贵AI模型。"),
        ("突然間深度求索讓這一切顯得像是浪費金錢。", "突然间深度求索让这一切显得像是浪费金钱。"),
        (
            "據估算,R1的開發成本僅相當於谷歌高管的年薪。",
            "据估算,R1的开发成本仅相当于谷歌高管的年薪。",
        ),
    ],
)
def test_to_simplified_on_seed_003_sentences(traditional, simplified):
    assert traditional in seed_text(TRADITIONAL_SEED)
    assert to_simplified(traditional) == simplified


def test_to_simplified_examples():
    assert to_simplified("輝達訓練成本") == "辉达训练成本"
    assert to_simplified("臺灣 發佈 後來") == "台湾 发布 后来"


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_to_simplified_leaves_simplified_articles_alone(name):
    text = seed_text(name)
    assert to_simplified(text) == text


def test_to_simplified_changes_only_chinese_and_keeps_length():
    text = seed_text(TRADITIONAL_SEED)
    folded = to_simplified(text)
    assert len(folded) == len(text)  # claim offsets stay valid in the folded text
    changed = {a for a, b in zip(text, folded, strict=True) if a != b}
    assert changed and all("\u4e00" <= char <= "\u9fff" for char in changed)


def test_to_simplified_is_idempotent_on_the_table():
    # OpenCC chains 薴→苧→苎; the table is written with chains followed through.
    assert to_simplified("薴苧") == "苎苎"
    table = "".join(hanzi._t2s_pairs())
    assert to_simplified(to_simplified(table)) == to_simplified(table)


# --- alias_key ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Training_Cost", "training cost"),
        ("training-cost", "TRAINING   COST"),
        ("訓練成本", "训练成本"),
        ("NVIDIA", "Nvidia"),
        ("ＮＶＩＤＩＡ", "nvidia"),  # full-width, as Chinese input methods type it
        ("輝達", "辉达"),
        ("DeepSeek‑V3", "deepseek v3"),  # a non-breaking hyphen, as web pages carry
        ("\tOpenAI\u3000", "openai"),  # ideographic space
    ],
)
def test_alias_key_matches_across_script_case_and_separators(one, other):
    assert alias_key(one) == alias_key(other)


def test_alias_key_values():
    assert alias_key("Training_Cost") == "training cost"
    assert alias_key("訓練成本") == "训练成本"
    assert alias_key("ＮＶＩＤＩＡ") == "nvidia"
    assert alias_key("  __GPU -- hours__ ") == "gpu hours"


def test_alias_key_keeps_distinct_names_apart():
    assert alias_key("DeepSeek-V3") != alias_key("DeepSeek-R1")
    assert alias_key("发布") != alias_key("发行")


# Characters that normalisation, case folding or the separators change, combine or
# drop (ligatures, full-width forms, combining marks, Hangul jamo, NUL itself).
_TRICKY = st.sampled_from(list("輝達訓練成本辉达ßΣςﬁＡ１　 _-\u2010\u2011\u0301\u0300\u1100\u1161"
                               "\u11a8가\x00\x1c\x85\u2028é"))


@given(st.lists(st.text(st.one_of(st.characters(), _TRICKY)), max_size=8))
def test_alias_keys_folds_a_list_as_alias_key_folds_each(texts):
    assert hanzi.alias_keys(texts) == [alias_key(text) for text in texts]


@given(st.text())
def test_alias_key_is_idempotent(text):
    key = alias_key(text)
    assert alias_key(key) == key


# --- detect_language -----------------------------------------------------------------


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_detects_simplified_seeds(name):
    assert detect_language(seed_text(name)) == "zh-Hans"


def test_detects_traditional_seed():
    assert detect_language(seed_text(TRADITIONAL_SEED)) == "zh-Hant"


def test_detects_short_texts():
    assert detect_language("突然間深度求索讓這一切顯得像是浪費金錢。") == "zh-Hant"
    assert detect_language("确实体验到人工智能大模型一直在不断进步。") == "zh-Hans"
    assert detect_language("人工智能") == "zh-Hans"  # no script-specific character: Simplified


def test_detects_english():
    assert detect_language(ENGLISH) == "en"
    # An English article quoting a Chinese name stays English.
    assert detect_language(ENGLISH + " Its founder, Liang Wenfeng (梁文锋), ...") == "en"


def test_chinese_with_many_latin_letters_is_chinese():
    sentence = "而OpenAI的GPT-4o价格达到10美元。"  # 8 ideographs, 10 Latin letters
    assert sentence in seed_text("002_a30d2c9fff7fa017.txt")
    assert detect_language(sentence) == "zh-Hans"
    # Below a fifth of the letters and under 30 ideographs: not Chinese.
    assert detect_language("DeepSeek model release notes for the GPU cluster 发布") == "en"


@pytest.mark.parametrize("text", ["", "2025 12,345.67 % — 3/4", "   \n\t", "!!! ??? ..."])
def test_no_letters_no_language(text):
    assert detect_language(text) is None


def test_other_scripts_are_not_guessed():
    assert detect_language("Обучение модели обошлось в шесть миллионов долларов.") is None


def test_large_text_is_sampled():
    # About 50 million characters: English at the start and in the middle, where the
    # sample is taken, and Traditional Chinese everywhere else. Were the whole text
    # read, the ideographs would make it Chinese; the sample makes it English.
    english = (ENGLISH + "\n") * 120  # about 30,000 characters, more than the head sample
    chinese = seed_text(TRADITIONAL_SEED)
    half = 25_000_000
    filler = chinese * (half // len(chinese))
    text = english + filler + english + filler
    middle = len(text) // 2
    assert text[middle : middle + hanzi.SAMPLE_MIDDLE].isascii()
    assert len(text) > 49_000_000
    assert detect_language(text) == "en"


def test_common_hanzi_cover_the_seeds():
    # Built from a dictionary, not from the seeds: coverage here is a fair check.
    common = common_hanzi()
    for name in [*SIMPLIFIED_SEEDS, TRADITIONAL_SEED]:
        ideographs = [char for char in seed_text(name) if "\u4e00" <= char <= "\u9fff"]
        covered = sum(char in common for char in ideographs) / len(ideographs)
        assert covered > 0.9, name
    assert {"的", "國", "国", "發", "发"} <= common


def _counted_language(text: str) -> str | None:
    """detect_language's rule, read by counting every character of its sample."""
    from collections import Counter

    counts = Counter(hanzi._sample(text))
    letters = sum(n for char, n in counts.items() if char.isalpha())
    ideographs = sum(n for char, n in counts.items() if char.isalpha() and hanzi._is_hanzi(char))
    latin = sum(n for char, n in counts.items() if hanzi._is_latin_letter(char))
    if letters == 0:
        return None
    if ideographs >= hanzi.MIN_HANZI_COUNT or ideographs >= hanzi.MIN_HANZI_SHARE * letters:
        traditional_only, simplified_only = hanzi._script_only_characters()
        traditional = sum(n for char, n in counts.items() if char in traditional_only)
        simplified = sum(n for char, n in counts.items() if char in simplified_only)
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    return "en" if latin > letters / 2 else None


_MIXED = st.text(alphabet=st.sampled_from(
    list("訓練成本國們这说的是a Z1½①Ⅻ\n，。")
    + ["😉", "𠁞", "𡃄", "\U0002a6e0", "\ufa6e", "\ufa70"]))


@given(_MIXED)
def test_detection_agrees_with_counting_every_character(text):
    # The fast path (enough ideographs: two counts by regular expression) and the
    # character count give the same answer, emoji and rare ideographs included.
    assert detect_language(text) == _counted_language(text)


@pytest.mark.parametrize("name", [TRADITIONAL_SEED, *SIMPLIFIED_SEEDS])
def test_detection_of_seeds_agrees_with_counting(name):
    for text in (seed_text(name), seed_text(name) + "😉𠁞" * 40, seed_text(name)[:45]):
        assert detect_language(text) == _counted_language(text)
