"""What a figure measures, as the text words it: 营收, 股价, 市值, revenue.

The measure is the noun the text ties to a figure. A topic word of
data/topics.yaml in the figure's clause wins (the engine finds those); else
this stage reads the words before the figure in its clause, backwards, past the
words that only link a measure to its figure (是, 达到, 约为, rose to, was), and
takes the noun it reaches, with the nouns written right before it (营业收入,
market value). Chinese words come from jieba's tagger (claimtrack.extract.names);
English words are split on spaces. Language data: lang/measures.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from claimtrack.lang import read_rules

_KEYS = {"max_chars", "zh_links", "zh_not_measures", "zh_noun_tags", "zh_verbal_measures",
         "en_links", "en_not_measures", "en_ing_nouns", "en_ed_nouns", "by_unit", "en_by_unit",
         "zh_pointers", "zh_owners", "zh_quantity_suffixes", "zh_measure_endings",
         "zh_verb_measures", "en_verb_measures", "en_change_nouns",
         "zh_count_verb_measures", "en_count_verb_measures"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\$|US\$|[^\sA-Za-z]+")


@dataclass(frozen=True)
class MeasureRules:
    max_chars: int
    zh_links: frozenset[str]
    zh_not_measures: frozenset[str]
    zh_noun_tags: frozenset[str]
    zh_verbal_measures: frozenset[str]
    zh_pointers: frozenset[str]
    zh_owners: frozenset[str]
    zh_quantity_suffixes: frozenset[str]
    zh_measure_endings: tuple[str, ...]
    en_links: frozenset[str]
    en_not_measures: frozenset[str]
    en_ing_nouns: frozenset[str]
    en_ed_nouns: frozenset[str]
    by_unit: dict[str, str]
    zh_verb_measures: dict[str, str]
    en_verb_measures: dict[str, str]
    zh_count_verb_measures: dict[str, str]
    en_count_verb_measures: dict[str, str]
    en_change_nouns: frozenset[str]
    en_by_unit: dict[str, str]


@cache
def measure_rules() -> MeasureRules:
    """The rules of lang/measures.yaml, read and checked once."""
    data = read_rules("measures.yaml", _KEYS)
    return MeasureRules(
        max_chars=int(data["max_chars"]),
        zh_links=frozenset(data["zh_links"]),
        zh_not_measures=frozenset(data["zh_not_measures"]),
        zh_noun_tags=frozenset(data["zh_noun_tags"]),
        zh_verbal_measures=frozenset(data["zh_verbal_measures"]),
        zh_pointers=frozenset(data["zh_pointers"]),
        zh_owners=frozenset(data["zh_owners"]),
        zh_quantity_suffixes=frozenset(data["zh_quantity_suffixes"]),
        zh_measure_endings=tuple(data["zh_measure_endings"]),
        en_links=frozenset(str(w).lower() for w in data["en_links"]),
        en_not_measures=frozenset(str(w).lower() for w in data["en_not_measures"]),
        en_ing_nouns=frozenset(str(w).lower() for w in data["en_ing_nouns"]),
        en_ed_nouns=frozenset(str(w).lower() for w in data["en_ed_nouns"]),
        by_unit=dict(data["by_unit"]),
        zh_verb_measures=dict(data["zh_verb_measures"]),
        en_verb_measures={str(k).lower(): v for k, v in data["en_verb_measures"].items()},
        en_change_nouns=frozenset(str(w).lower() for w in data["en_change_nouns"]),
        zh_count_verb_measures=dict(data["zh_count_verb_measures"]),
        en_count_verb_measures={str(k).lower(): v
                                for k, v in data["en_count_verb_measures"].items()},
        en_by_unit=dict(data["en_by_unit"]),
    )


def measure_before(folded: str, start: int, end: int, blocked: list[tuple[int, int]],
                   change_verb: Callable[[str], bool] = lambda word: False,
                   ) -> tuple[int, int] | None:
    """The span of the measure that folded[start:end] ties to the figure at ``end``.

    ``blocked`` are spans that are no measure (names, dates, other figures):
    reading stops at one. None when the clause gives the figure no measure.
    ``change_verb`` tells a Chinese verb of change (上升, 下调), which a noun right
    before it makes part of the span (失业率上升0.3个百分点: the caller keeps the noun).
    """
    if start >= end:
        return None
    if _HAN.search(folded, start, end):
        return _chinese(folded, start, end, blocked, change_verb)
    return _english(folded, start, end, blocked)


# Tags of the words of a modifier before 的 that a count's noun may stand after:
# adjectives and the adverbs that grade them (最优秀的美国歌手).
_MODIFIER_TAGS = frozenset(("a", "ad", "an", "b", "z", "d"))
# Tags of a noun that may head what a figure counts or measures after it.
_HEAD_TAGS = frozenset(("n", "nz", "ng"))


# Measure words that count events: the verb after them is what is counted.
_EVENT_CLASSIFIERS = frozenset("起次场轮")


def counted_noun(folded: str, end: int, limit: int,
                 places: bool = True, after_de: bool = False) -> tuple[int, int] | None:
    """The noun a count counts, right after its measure word: 5000辆汽车 → 汽车,
    47位顶尖的美国歌手 → 美国歌手 (past a modifier that ends in 的), 900多名中国学生 →
    中国学生, 3800万活跃玩家 → 活跃玩家 (the nouns in a row, the last one their head);
    without ``places``, never a place alone (410万的读者, not 上千万的美国). With
    ``after_de``, ``end`` follows a figure and its 的, and a verb or adjective may open
    the noun phrase (300人的开发团队, 长达8年的稳定发展期): what follows 的 is a noun's."""
    if not _HAN.search(folded, end, min(limit, end + 1)):
        return None
    from claimtrack.extract.names import tag_compounds as tag

    rules = measure_rules()
    piece = folded[end : min(limit, end + rules.max_chars)]
    tokens = tag(piece)
    # 顶尖的美国歌手: past a short modifier of adjectives that ends in 的
    # (not 免费使用的机会, a clause with its verb), to the nouns it modifies.
    modifier = next((i for i, token in enumerate(tokens[:3]) if token[2] == "的"), None)
    # (A noun before 的 is what is counted: 一千多台电脑的邮件, 创业者的真实问题.)
    if modifier is not None and modifier + 1 < len(tokens) and all(
            token[3] in _MODIFIER_TAGS for token in tokens[:modifier]):
        tokens = tokens[modifier + 1 :]

    def nominal(token: tuple) -> bool:
        # 22个城市 (城市 is tagged a place), 8000家广播电台 (an organisation): what is
        # counted may be any noun.
        return (token[3] in rules.zh_noun_tags or token[3] in ("ns", "nt")) and \
            token[2] not in rules.zh_not_measures

    def head(token: tuple) -> bool:  # a noun that may end the phrase (not a verbal noun)
        return token[3] in _HEAD_TAGS and len(token[2]) >= 2 and \
            token[2] not in rules.zh_not_measures

    opens = bool(tokens) and after_de and len(tokens) > 1 and head(tokens[1]) and (
        tokens[0][3] in ("a", "v") and len(tokens[0][2]) == 2)
    # 52000家百年/m 企业: a word of numerals that modifies the noun after it.
    opens = opens or len(tokens) > 1 and head(tokens[1]) and tokens[0][3] == "m" and \
        len(tokens[0][2]) == 2 and all(_HAN.match(char) for char in tokens[0][2])
    if tokens and folded[end - 1 : end] in _EVENT_CLASSIFIERS and \
            tokens[0][3] in ("v", "vn") and len(tokens[0][2]) >= 2 and \
            (len(tokens) == 1 or not tokens[1][3].startswith(("n", "v"))):
        return end + tokens[0][0], end + tokens[0][1]  # 250起袭击: the events counted
    if not tokens or not opens and (not nominal(tokens[0]) or tokens[0][3] == "vn" and
                                    len(tokens) > 1 and tokens[1][3].startswith("v")):
        return None  # (免费/vn 使用/v: a verb phrase, not what is counted)
    first = last = tokens[0]
    for token in tokens[1:]:
        # 中国/ns 学生/n, 活跃/vn 玩家/n: nouns in a row, not a verbal noun after a
        # noun (企业发展 may be a clause).
        if not head(token):
            break
        last = token
    if last is first and (first[3] == "ns" and not places or len(first[2]) < 2):
        return None
    return end + first[0], end + last[1]


def _is_blocked(first: int, last: int, blocked: list[tuple[int, int]]) -> bool:
    return any(first < b_end and b_start < last for b_start, b_end in blocked)


def _chinese(folded: str, start: int, end: int, blocked: list[tuple[int, int]],
             change_verb: Callable[[str], bool]) -> tuple[int, int] | None:
    from claimtrack.extract.names import tag_compounds as tag

    rules = measure_rules()
    tokens = [(start + a, start + b, word, flag) for a, b, word, flag in tag(folded[start:end])]
    index = len(tokens) - 1
    # Past the linking words, and at most a few of them: 股价在当天大跌 still links.
    skipped = 0
    while index >= 0 and (tokens[index][2] in rules.zh_links or not tokens[index][2].strip()
                          or tokens[index][3] in ("m", "t", "p", "d", "ad", "ul", "uj")
                          or tokens[index][2].isdigit()):
        # 营收在2024年增长了, 获客成本从2010年的, 替代率普遍在: a date or an adverb
        # between measure and figure; 负债率高达: a link the tagger cuts in two (高/a 达/v).
        index -= 2 if index > 0 and \
            tokens[index - 1][2] + tokens[index][2] in rules.zh_links else 1
        skipped += 1
        if skipped > 6:
            return None
    if index < 0:
        return None
    first, last, word, flag = tokens[index]
    # 社消增速, 支出是9万亿元: a word the tagger calls a verb that names a quantity;
    # 失业率上升: a noun and its verb of change (not 老百姓享受了长达80年的…, 饥民募集
    # 到了: a clause's verb).
    verbal = flag.startswith("v") and (word in rules.zh_verbal_measures or (
        len(word) == 2 and index > 0 and tokens[index - 1][3] in rules.zh_noun_tags and
        change_verb(word)))
    if not verbal and (flag not in rules.zh_noun_tags or len(word) < 2 and flag != "n") or \
            word in rules.zh_not_measures or _is_blocked(first, last, blocked):
        return None
    if word in rules.zh_quantity_suffixes and index > 0 and \
            tokens[index - 1][3] in ("v", "vn") and len(tokens[index - 1][2]) == 2 and \
            not _is_blocked(tokens[index - 1][0], last, blocked):
        first, index = tokens[index - 1][0], index - 1  # 交付/v 量/n: the amount delivered
    # 营业/vn 收入/n, 出生/v 人口/n: the nouns (and a verbal noun) right before belong to it.
    while index > 0:
        p_first, p_last, p_word, p_flag = tokens[index - 1]
        if p_flag not in rules.zh_noun_tags or p_word in rules.zh_not_measures or \
                _is_blocked(p_first, p_last, blocked) or last - p_first > rules.max_chars:
            break
        if p_word in rules.zh_owners or index > 1 and tokens[index - 2][2] in rules.zh_pointers:
            break  # 公司营收, 该集团利润: whose the revenue is, not what it is
        first = p_first
        index -= 1
        if len(p_word) == 1 and index > 0 and tokens[index - 1][3] == "v" and \
                len(tokens[index - 1][2]) == 1:
            first = tokens[index - 1][0]  # 获/v 客/n 成本: a verb and object cut from one word
            break
    return (first, last) if last - first >= 2 else None


# Words after which an English word is a verb (can spend, will require, to invest).
_MODALS = frozenset(("can", "could", "will", "would", "may", "might", "must", "should", "to"))


def english_noun(word: str, rules: MeasureRules) -> bool:
    """Whether a lower-case English word may name a measure (see lang/measures.yaml)."""
    if len(word) < 2 or word in rules.en_not_measures or word.endswith("ly"):
        return False
    if word.endswith("ed") and word not in rules.en_ed_nouns:
        return False  # closed at $118.42, signed in 2023: a verb
    return not word.endswith("ing") or word in rules.en_ing_nouns


def _english(folded: str, start: int, end: int,
             blocked: list[tuple[int, int]]) -> tuple[int, int] | None:
    rules = measure_rules()
    words = [(m.start() + start, m.end() + start, m.group(0))
             for m in _EN_WORD.finditer(folded[start:end])]
    index = len(words) - 1
    while index >= 0 and words[index][2].lower() in rules.en_links:
        index -= 1
    if index < 0:
        return None
    first, last, word = words[index]
    # A capital starts a name, unless the word starts the clause (Revenue rose...).
    capital = word[0].isupper() and index > 0
    if not word.isalpha() or not english_noun(word.lower(), rules) or capital or \
            _is_blocked(first, last, blocked):
        return None
    if index > 0 and words[index - 1][2].lower() in _MODALS:
        return None  # can spend $1 billion, to invest: a verb after a modal or to
    if word.lower() in rules.en_change_nouns:
        # a record one-day drop of 17%, a revenue drop of 5%: the change is no measure;
        # the noun before it is, if any.
        previous = words[index - 1] if index > 0 else None
        if previous is None or not previous[2].isalpha() or not previous[2].islower() or \
                previous[2] in rules.en_links or not english_noun(previous[2], rules) or \
                _is_blocked(previous[0], previous[1], blocked):
            return None
        return previous[0], previous[1]
    if index > 0:  # market value, net income: one modifier before the noun
        p_first, _, p_word = words[index - 1]
        if p_word.isalpha() and p_word.islower() and p_word not in rules.en_links and \
                english_noun(p_word, rules) and not _is_blocked(p_first, last, blocked):
            first = p_first
    return first, last


# What may stand between a verb of money and its sum: an aspect particle or words that
# only qualify the sum (花了约2亿, spent about $5 million).
_ZH_VERB_GAP = re.compile(
    r"(?:了|掉|过|出)?(?:约|近|大约|大概|足足|至少|整整|将近|共|总共|超过|仅|只|就|才|逾)?\s*")
_EN_VERB_GAP = re.compile(
    r"\s+(?:(?:about|nearly|almost|roughly|some|over|more than|less than|at least|"
    r"an estimated|a total of|a further|another|up to|around|just|only)\s+)?")


def verb_measure(lower: str, start: int, figure_start: int, count: bool = False) -> str | None:
    """The measure a verb of money right before a sum names (花了2亿新台币 → 花费, spent
    about $5 million → spending), or with ``count`` a verb of selling, shipping or
    downloading before a count (卖出了2000多万张 → 销量, sold 5 million → sales), see
    measures.yaml; None when no such verb stands there."""
    rules = measure_rules()
    zh, en = (rules.zh_count_verb_measures, rules.en_count_verb_measures) if count else \
        (rules.zh_verb_measures, rules.en_verb_measures)
    before = lower[max(start, figure_start - 30) : figure_start]
    if _HAN.search(before[-6:] or " "):
        for cut in range(len(before), max(len(before) - 6, -1), -1):
            if _ZH_VERB_GAP.fullmatch(before, cut):
                for length in (2, 1):
                    verb = before[max(0, cut - length) : cut]
                    if len(verb) == length and verb in zh:
                        return zh[verb]
        return None
    for word in re.finditer(r"[a-z]+", before):
        if word.group(0) in en and _EN_VERB_GAP.fullmatch(before, word.end()):
            return en[word.group(0)]
    return None
