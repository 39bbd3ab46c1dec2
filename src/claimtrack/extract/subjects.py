"""What a Chinese figure is about when its clause names no one: the clause's topic.

Chinese states what a clause is about first. When no name stands before a
figure in its clause, the engine asks this module for the noun phrase the
clause starts with (住户贷款减少2170亿元 → 住户贷款), or, for a clause that goes
on without one (同比少增7453亿元), the phrase its sentence starts with. Words come
from jieba's dictionary tagger (claimtrack.extract.names.tag); the rules are
language data in lang/subjects.yaml, which explains them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimtrack.lang import read_rules

_KEYS = {"noun_tags", "skip_tags", "skip_words", "joiners", "stop_words", "not_subjects",
         "locative_endings", "time_nouns", "prose_words", "linking_ends", "aspect_particles",
         "degree_adverbs", "place_prepositions", "min_chars", "max_chars"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
# What clause_topic returns when the clause starts with the figure's own measure:
# a compound of several words (住户贷款) or a single word (人数, 营收).
MEASURE_COMPOUND = "measure compound"
MEASURE_WORD = "measure word"
# Verbs that make what stands before them a clause, not an owner (X是Y的, X有Y的).
_LINK_VERBS = frozenset(("是", "有", "在", "被", "把", "将", "让", "使", "给", "为", "成为", "占"))
# Idioms, adjectives and adverbs: before 的 they describe the measure, never own it.
_DESCRIBING_TAGS = frozenset(("i", "a", "ad", "d", "z"))
# Tags of words that modify a noun in a phrase (经营/vn 贷款) but are none alone.
_MODIFIER_TAGS = frozenset(("vn", "an", "l"))
_LINK_CHARS = frozenset("=&/_#@?")
_NEGATIONS = frozenset("不没未别")
# Place words that make the noun before them a scene (理论上, 电视剧里, 社会中).
_SCENE_LOCATIVES = frozenset("上中里")
# After a place word, a verb of existence (大脑中有860亿个神经元, 约有, 共有).
_EXISTENTIAL = ("有", "约有", "共有", "大约有", "还有", "就有", "都有", "竟有")
_NUMERAL = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿几数]")
# A time at the end of an owner (小米汽车今年的, 小米汽车2024年的): when, not whose.
_WHEN = re.compile(r"\s*(?:今年|去年|前年|明年|当年|今天|昨天|目前|现在|近年|近期|同期|"
                   r"(?:\d{2,4}|[〇零一二三四五六七八九十]{2,4})年(?:[\d一二三四五六七八九十]{1,2}月)?"
                   r"(?:上半年|下半年|全年|前三季度|第?[一二三四1-4]季度)?)\s*$")
# 每公斤, 每户: what a rate is per, never what a figure is about.
_PER = "每"
# A single word this long is a compound that may say whose (住房贷款, 消费贷款).
_COMPOUND_CHARS = 4
# How far into a clause its topic may start (past dates and scene-setting words).
_LEAD_CHARS = 16


@dataclass(frozen=True)
class SubjectRules:
    noun_tags: frozenset[str]
    skip_tags: frozenset[str]
    skip_words: frozenset[str]
    joiners: frozenset[str]
    stop_words: frozenset[str]
    not_subjects: frozenset[str]
    locative_endings: frozenset[str]
    time_nouns: frozenset[str]
    prose_words: frozenset[str]
    linking_ends: frozenset[str]
    aspect_particles: frozenset[str]
    degree_adverbs: frozenset[str]
    place_prepositions: frozenset[str]
    min_chars: int
    max_chars: int


@cache
def subject_rules() -> SubjectRules:
    """The rules of lang/subjects.yaml, read and checked once."""
    data = read_rules("subjects.yaml", _KEYS)
    return SubjectRules(
        **{key: frozenset(str(word) for word in data[key]) for key in _KEYS
           if key not in ("min_chars", "max_chars")},
        min_chars=int(data["min_chars"]), max_chars=int(data["max_chars"]))


def clause_topic(folded: str, start: int, end: int, dates: list[tuple[int, int]],
                 blocked: list[tuple[int, int]],
                 measure: tuple[int, int] | None) -> tuple[int, int] | str | None:
    """The noun phrase folded[start:end] (a clause, up to its figure) starts with.

    ``dates`` at the start are skipped; ``blocked`` spans (attributions, other
    figures) end the phrase.
    ``measure`` is the span of the figure's measure, when it has one. Returns
    the phrase's span; MEASURE_COMPOUND or MEASURE_WORD when the clause starts
    with the figure's own measure (住户贷款减少…, 营收增长20%); None when it starts
    with no noun phrase (with an adverb, a verb or a pronoun).
    """
    if start >= end or not _HAN.search(folded, start, end):
        return None
    from claimtrack.extract.names import name_rules
    from claimtrack.extract.names import tag_compounds as tag

    rules = subject_rules()
    times = name_rules().time_prefixes
    # 结果令人惊讶：A组的正确率是7%: what follows a colon is a clause of its own.
    colon = max(folded.rfind("：", start, end), folded.rfind(":", start, end))
    start = colon + 1 if colon >= 0 else start
    tokens = [(start + a, start + b, word, flag) for a, b, word, flag in tag(folded[start:end])]
    index = 0
    while index < len(tokens):  # past the words that set the scene
        first, last, word, flag = tokens[index]
        dated = any(d_start <= first and last <= d_end for d_start, d_end in dates)
        if not dated and any(first < b_end and b_start < last for b_start, b_end in blocked):
            return None  # 数百家商铺: what follows a figure is what it counts
        if not word.strip() or dated or word in rules.skip_words or (
                flag in rules.skip_tags and word not in rules.joiners) or \
                word.startswith(times):  # 今天上午/nr: a time the dictionary calls a name
            index += 1
            if first - start > _LEAD_CHARS:
                return None
            continue
        break
    if index == len(tokens):
        return None
    if any(word in rules.time_nouns for _, _, word, _ in tokens[index:]):
        return None  # 疫情中最高的时候上升到3%: the clause opens with when, not what
    if tokens[index][2] in rules.locative_endings:
        return None  # 几个月/m 内/n 裁/n: the end of a time, then a cut word
    if index and tokens[index - 1][2] in rules.degree_adverbs:
        return None  # 非常/d 有意思/l 的一个人: a description, not what the clause is about
    if index and tokens[index][1] - tokens[index][0] == 1 and \
            tokens[index - 1][1] == tokens[index][0] and tokens[index - 1][2].strip() and \
            tokens[index - 1][3] != "x":
        # 万里/m 汇/n, 几个月内/f 裁/n: one character glued to the words skipped
        # before it is a word the segmenter cut, not the start of a phrase.
        return None
    lead = tokens[index][0]
    if measure is not None and measure[1] <= end:
        owner = _owner(folded, lead, measure[0], tokens[index:], rules)
        if owner is not None:
            return owner
    phrase_start = phrase_end = None
    nominal = False  # 整整, 连续: a verbal noun or an adjective alone names nothing
    while index < len(tokens):
        first, last, word, flag = tokens[index]
        if word in rules.stop_words or any(
                first < b_end and b_start < last for b_start, b_end in blocked):
            break
        if flag == "l" and (word[-1] in rules.prose_words or word[-1] in rules.linking_ends
                            or word[-1] == "于" or word[0] in _NEGATIONS):
            break  # 不单是/l, 略低于/l: a set phrase that links, compares or negates is no noun
        if flag in rules.noun_tags and not word.isdigit():
            phrase_start = first if phrase_start is None else phrase_start
            # 大脑皮层/l: a set phrase without a numeral is a noun too (三亿人/l is not).
            nominal = nominal or flag not in _MODIFIER_TAGS or (
                flag == "l" and not _NUMERAL.search(word))
            phrase_end = last
        elif not (phrase_end is not None and index + 1 < len(tokens)
                  and tokens[index + 1][3] in rules.noun_tags and (
                      word in rules.joiners or _glued_verb(tokens, index, phrase_end))):
            break
        index += 1
    if phrase_start is None or not nominal:
        return None
    if index < len(tokens) and tokens[index][0] == phrase_end and \
            tokens[index][2] in rules.aspect_particles:
        return None  # 记录/n 了: the tagger's noun is the clause's verb
    if index < len(tokens) and tokens[index][0] == phrase_end and \
            tokens[index][3] == "f" and tokens[index][2] in _SCENE_LOCATIVES and \
            (index + 1 == len(tokens) or tokens[index + 1][3] not in rules.noun_tags) and \
            not folded.startswith(_EXISTENTIAL, tokens[index][1]) and \
            not _NUMERAL.match(folded, tokens[index][1]):
        # 理论/n 上/f，, 软件/n 上/f 可以买到: where or in what respect, not what; but
        # 大脑/n 中/f 有…, 走廊/n 里/f 6个班, 家庭/n 中/f 照顾者/n: what holds what is
        # counted is what the figure is about.
        return None
    if measure is not None and measure[0] < phrase_end and phrase_start < measure[1]:
        # 全球AR和VR头显全球出货量: the words before the measure; 住户贷款减少: a
        # measure no topic lists is what the clause is about; 营收增长: the subject
        # is elsewhere.
        if measure[0] - phrase_start >= rules.min_chars:
            phrase_end = measure[0]
        else:
            # 住户/n 贷款/n, 住房贷款: a compound may say whose; 人数, 增幅, 入住率: a
            # short word only says what.
            words = [t for t in tokens if phrase_start <= t[0] and t[1] <= phrase_end]
            compound = len(words) >= 2 or phrase_end - phrase_start >= _COMPOUND_CHARS
            return MEASURE_COMPOUND if compound else MEASURE_WORD
    return _checked(folded, phrase_start, phrase_end, rules)


def _glued_verb(tokens: list, index: int, phrase_end: int) -> bool:
    """头/n 显/v 全球/n: a one-character verb right between a one-character noun and
    another noun is a word the segmenter cut (头显, a headset), not the clause's verb."""
    first, last, word, flag = tokens[index]
    previous = tokens[index - 1]
    return flag == "v" and last - first == 1 and first == phrase_end and \
        previous[1] - previous[0] == 1 and previous[3] == "n"


# Tags of the words of two or more characters that a name is never made of:
# pronouns (每天), times (去年), adverbs, prepositions, conjunctions, particles, numerals.
_PROSE_TAGS = ("r", "t", "d", "p", "c", "u", "m")


def reads_as_prose(text: str) -> bool:
    """Whether a short Chinese line head (免费版每天限, 去年万里汇…出海销售额) is a
    clause of prose, not the name a table row or a list item starts with. Names
    the segmenter cuts into odd pieces (台/q 积/v 电/n) still pass: only whole
    function words and a verb before the last word count."""
    from claimtrack.extract.names import tag_compounds as tag

    rules = subject_rules()
    if text[-1:] in rules.linking_ends:
        return True
    tokens = tag(text)
    for position, (_, _, word, flag) in enumerate(tokens):
        if word in rules.prose_words or len(word) >= 2 and (
                flag.startswith(_PROSE_TAGS) or
                flag == "v" and position < len(tokens) - 1):
            return True
    return False


def _owner(folded: str, lead: int, measure_start: int, tokens: list,
           rules: SubjectRules) -> tuple[int, int] | None:
    """拼多多的年活跃买家数: what stands before the 的 of the measure owns it, even
    a name the segmenter cuts into pieces (拼/v 多多/m)."""
    owner_end = folded.rfind("的", lead, measure_start)
    if owner_end <= lead or measure_start - owner_end - 1 > 2 or \
            folded[owner_end + 1 : measure_start] in rules.time_nouns:
        return None  # 最高的时候上升: a time, not an owner
    owned = [token for token in tokens if token[0] < owner_end]
    when = _WHEN.search(folded, lead, owner_end)
    if when is not None and when.start() > lead:
        owner_end = when.start()  # 小米汽车今年的交付量: when is not whose
        owned = [token for token in owned if token[0] < owner_end]
    for position, (_, _, word, flag) in enumerate(owned):
        if flag in ("p", "r", "c", "uj", "ul", "x") or word in rules.stop_words or \
                word in _LINK_VERBS or flag.startswith("v") and len(word) >= 2:
            return None  # 使得中国一季度的…, 还有…的: a verb phrase, not an owner
        if flag in _DESCRIBING_TAGS:
            return None  # 忧心忡忡/i 的盈亏线, 巨大/a 的: what describes owns nothing
        # 含住房贷款的: a verb and its object; 拼/v 多多/m, 动/v 视/vg 暴雪/n: a name
        # cut in pieces (single characters in a row).
        single_run = len(word) == 1 and position and len(owned[position - 1][2]) == 1
        if flag.startswith("v") and position + 1 < len(owned) and \
                owned[position + 1][3] in rules.noun_tags and not single_run:
            return None
    return _checked(folded, lead, owner_end, rules)


def _checked(folded: str, start: int, end: int, rules: SubjectRules) -> tuple[int, int] | None:
    phrase = folded[start:end]
    # appmsg, #话题#: the leftovers of a link or a hashtag are not what a clause is about.
    if any(char in _LINK_CHARS for char in phrase) or (
            folded[start - 1 : start] in _LINK_CHARS and not _HAN.match(phrase)):
        return None
    if not rules.min_chars <= len(phrase) <= rules.max_chars or phrase in rules.not_subjects \
            or phrase[-1] in rules.locative_endings:  # 机上, 网上: where, not what
        return None
    if phrase.startswith(_PER):
        return None  # 每公斤动辄上千元: a rate's unit (per kilo), not what it is of
    return start, end
