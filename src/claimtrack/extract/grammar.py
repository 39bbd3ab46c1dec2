"""The compiled grammar: every regular expression the engine uses, built once from the data.

Nothing here knows a particular language: the patterns are assembled from the
word lists in lang/*.yaml and lang/units.yaml and the aliases in the taxonomy
(data/entities.yaml, data/topics.yaml). Matching runs on the folded, lowercased
text (see :func:`claimtrack.extract.lexicon.fold`), except where case carries
meaning (English names in attributions), which use the folded text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from claimtrack.extract.anchors import AnchoredPattern, anchored
from claimtrack.extract.lexicon import Lexicon, latin_bounded, lexicon, word_pattern
from claimtrack.extract.markup import broken_line_pattern
from claimtrack.lang.facts import rank_domains
from claimtrack.lang.hanzi import alias_key
from claimtrack.marshal_cache import remembering

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Characters a figure's neighbour may be and still belong to an identifier (GPT-4o, R1, H800).
IDENTIFIER_EDGE = re.compile(r"[a-z0-9_]")
# What currency_suffix gives for 元: the article's own currency, which the engine
# knows from the article's locale (claimtrack.extract.locale).
LOCAL_CURRENCY = "local"
# Spaces real text puts between a number and its scale or unit (3.2 萬億, 1000  万元);
# non-breaking and full-width spaces are folded to plain ones first.
SPACES = r"[ \t]{0,3}"
# Separators inside a name: "DeepSeek-V3", "DeepSeek V3" and "DeepSeekV3" are one name.
NAME_SEPARATOR = r"[ \t_\-·.]*"

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]{2}")


@dataclass(frozen=True)
class UnitInfo:
    kind: str
    unit: str
    factor: float = 1.0
    # A unit that holds only in a sentence speaking of what it measures (see units.yaml).
    context: re.Pattern | None = None


@dataclass(frozen=True)
class QualifierInfo:
    qualifier: str
    side: str


@dataclass
class Grammar:
    """Compiled patterns and lookup tables; see build_grammar."""

    lexicon: Lexicon
    core: re.Pattern | AnchoredPattern
    right: re.Pattern
    left: re.Pattern
    left_through_base: re.Pattern
    range_joiner: re.Pattern
    between: re.Pattern
    dates: list[tuple[re.Pattern | AnchoredPattern, str]]
    sentence_end: re.Pattern | AnchoredPattern
    clause_end: re.Pattern | AnchoredPattern
    direction: re.Pattern
    direction_after: re.Pattern
    attribution: list[tuple[re.Pattern | AnchoredPattern, re.Pattern]]
    event: re.Pattern
    history_event: re.Pattern  # 出演, starred in: dates a life's story, never a figure
    agent_event: re.Pattern  # 出席, attended: the doer is what the date is of
    anaphora: re.Pattern
    future: re.Pattern
    forecast: re.Pattern
    comparison: re.Pattern
    money_verb: re.Pattern
    money_after: re.Pattern
    subject_anaphor: re.Pattern
    personal_pronoun: re.Pattern  # 他, she: a clause about the person last named
    first_person: re.Pattern  # 我, I: a clause about whoever says it
    first_person_opener: re.Pattern  # 我们, we, our: a clause about the speaker's own
    first_person_plural: re.Pattern  # 我们, our: the speaker's body
    first_person_possessive: re.Pattern  # 我们的, our: the speaker's body's own
    # 占GDP的比重为; accounted for … of GDP: a share of a whole (before, after the figure)
    share_of_whole_before: tuple[re.Pattern, ...]
    share_of_whole_after: tuple[re.Pattern, ...]
    age_time: re.Pattern  # 17岁时: an age that times the main clause
    possessive_pronoun: re.Pattern  # his, 他的: whose, after a fronted phrase
    valued_object: re.Pattern  # valuing the startup at: what the figure is the worth of
    share_of: re.Pattern  # 是, 占: before X的20%, X is the whole the share is of
    restatement: re.Pattern  # ，也就是: what lies between a figure and its restatement
    fronted_phrase: re.Pattern
    example_frame: tuple[re.Pattern, ...]  # 以X为例，: the next clauses are about X
    group_frame: re.Pattern  # 包括X在内的, including X: X is a member, not the subject
    aside: re.Pattern  # , which was founded by X, : a description set off by commas
    adverb_directions: frozenset[str]
    adverb_direction_verbs: frozenset[str]  # (made up: the particle of a verb, no change)
    # A word that is a change right before a figure only (恒指升2.1%): its direction.
    touching_direction: dict[str, str]
    conditional: re.Pattern
    commentary_opener: re.Pattern  # 也就是说，: the writer glossing what a source said
    release_part_opener: re.Pattern  # 从税收收入看，: the next part of a data release
    narration_opener: re.Pattern  # 于是，: the writer telling on after a speaker's words
    basis_before: re.Pattern
    basis_after: re.Pattern
    basis_phrase: re.Pattern
    object_marker: re.Pattern
    colloquial_currency_words: frozenset[str]
    duration_not_length: re.Pattern
    duration_length: re.Pattern
    duration_length_before: re.Pattern
    indefinite: re.Pattern
    anaphoric_source: re.Pattern
    body_word: re.Pattern  # 公司, the company: an anaphoric source that is a body
    ordinal_not_rank: re.Pattern
    rank_before: re.Pattern  # ranked, came in: before a bare ordinal word that ranks
    rank_from: re.Pattern  # (from second to sixth: see rank_before)
    rank_to_after: re.Pattern
    rank_domain: re.Pattern  # 全国 of 排名全国第一: the whole a rank is counted in
    ranking_word: re.Pattern
    from_before: re.Pattern
    from_far: re.Pattern
    respectively: re.Pattern
    publication_verbs: tuple[str, ...]  # the verbs a title speaks with (lowercased)
    report_endings: tuple[str, ...]  # how the name of a report written without 《》 ends
    kind_words: frozenset[str]  # 公司, 模型: words that only say what kind a name is
    demonstrative_clause: re.Pattern  # ，这种大模型: a clause about a thing it points at
    third_party: re.Pattern  # 据, according to: a source that reports on others
    body_voices: frozenset[str]  # 官方: after X的, the words through which X itself speaks
    founding_object: re.Pattern  # launched a hedge fund: an event whose object is a body
    naming: re.Pattern  # called, 名为: the name of what an event made follows
    since_after: re.Pattern  # 以来 after a date: where a comparison starts
    start_after: re.Pattern  # 开始, 起 after a date: where something starts
    change_base: re.Pattern  # 同比, year-over-year: what a change is measured against
    rate_before: re.Pattern  # 每天, 日均: a figure stated per unit of time, before it
    rate_after: re.Pattern  # a day, per year, /天: the same, right after the figure
    rate_of: dict[str, str]  # each of those words to its label (per day)
    change_base_of: dict[str, str]  # the lowercased words → their label
    since_before: re.Pattern  # "since" before a date
    fiscal_before: re.Pattern  # "fiscal" before a year: no calendar period
    to_between: re.Pattern
    to_direction: dict[str, str]
    comparison_before: re.Pattern
    level_before: re.Pattern
    duration_preposition: str
    turn: re.Pattern
    excluded: list[re.Pattern | AnchoredPattern]
    datelines: list[re.Pattern | AnchoredPattern]
    trigger: re.Pattern | AnchoredPattern
    entity: re.Pattern | AnchoredPattern
    topic: re.Pattern | AnchoredPattern
    unit_of: dict[str, UnitInfo] = field(default_factory=dict)
    currency_suffix: dict[str, str] = field(default_factory=dict)
    currency_prefix: dict[str, str] = field(default_factory=dict)
    prefix_qualifier: dict[str, QualifierInfo] = field(default_factory=dict)
    # Words that end in a one-character qualifier and are none (卖超, 出超).
    qualifier_word_endings: frozenset[str] = frozenset()
    suffix_qualifier: dict[str, QualifierInfo] = field(default_factory=dict)
    vague_numbers: dict[str, tuple[float, float]] = field(default_factory=dict)
    scales: dict[str, int] = field(default_factory=dict)
    increase_words: frozenset[str] = frozenset()
    entity_of: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The month a company's fiscal year ends in, by canonical name (data/entities.yaml
    # fiscal_year_end), for companies whose quarters are their own.
    fiscal_year_end: dict[str, int] = field(default_factory=dict)
    topic_of: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    generic_sources: frozenset[str] = frozenset()
    honorific: re.Pattern | None = None
    name_stop_chars: frozenset[str] = frozenset()
    change_topic: dict[str, str] = field(default_factory=dict)
    # An event word's date topic (发布 → release_date, 成立 → founding_date).
    date_topic_of: dict[str, str] = field(default_factory=dict)
    # A line break inside a figure (15-20⏎个月), joined before matching (see markup.py).
    broken_line: re.Pattern = re.compile("(?!)")
    # The canonical names of the entities one of whose names says it is a stock index
    # (S&P 500: 标普500指数): worked out on first use (Extraction._names_index).
    index_names: frozenset[str] | None = None


def _alias_pattern(keys: list[str]) -> str:
    """Aliases (as alias_key gives them) as one pattern; a space inside matches any separator."""
    latin = [k for k in keys if re.search(r"[a-z0-9]", k)]
    other = [k for k in keys if k not in set(latin)]
    parts = []
    if latin:
        body = word_pattern(latin).replace(r"[ \t]+", NAME_SEPARATOR)
        parts.append(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])")
    if other:
        parts.append(word_pattern(other).replace(r"[ \t]+", NAME_SEPARATOR))
    return "|".join(parts) or "(?!)"


@lru_cache(maxsize=65536)
def compact_key(name: str) -> str:
    """How a matched name is looked up: "DeepSeek-V3", "deepseek v3" → "deepseekv3"."""
    return re.sub(r"[\s_\-·.]+", "", alias_key(name))


@cache
def grammar() -> Grammar:
    """The grammar for the packaged language data and the current taxonomy, built once."""
    from claimtrack.extract import anchors
    from claimtrack.extract import lexicon as word_lists
    from claimtrack.taxonomy import load_taxonomy

    # The analysis of the patterns is kept for the next process (marshal_cache).
    with remembering("grammar", [Path(anchors.__file__), Path(word_lists.__file__)]):
        return build_grammar(lexicon(), load_taxonomy())


def build_grammar(lex: Lexicon, taxonomy) -> Grammar:  # noqa: PLR0915 - one assembly
    zh, en = lex.zh, lex.en
    units = lex.units

    unit_of: dict[str, UnitInfo] = {}
    for entry in units.units:
        context = re.compile(latin_bounded(entry.context)) if entry.context else None
        for word in entry.words:
            unit_of.setdefault(word.lower(), UnitInfo(entry.kind, entry.unit, entry.factor,
                                                      context))
    currency_suffix, currency_prefix = {}, {}
    for code, words in units.currencies.items():
        for word in words.suffix:
            currency_suffix.setdefault(word.lower(), code)
        for word in words.prefix:
            currency_prefix.setdefault(word.lower(), code)
    for word in units.local_currency_words:
        currency_suffix[word.lower()] = LOCAL_CURRENCY
    for symbol in units.ambiguous_symbols:
        currency_prefix.setdefault(symbol.lower(), "?")

    prefix_qualifier, suffix_qualifier = {}, {}
    for language in (zh, en):
        for group in language.qualifiers.prefix:
            for word in group.words:
                info = QualifierInfo(group.qualifier, group.side)
                prefix_qualifier.setdefault(word.lower(), info)
        for group in language.qualifiers.suffix:
            for word in group.words:
                info = QualifierInfo(group.qualifier, group.side)
                suffix_qualifier.setdefault(word.lower(), info)

    scales = {**{k.lower(): v for k, v in en.scales.items()}, **zh.scales, **zh.digit_scales}
    zh_numeral_chars = "".join(zh.numerals) + "".join(zh.numeral_units)
    zh_all_chars = zh_numeral_chars + "万亿"
    # A unit written with a scale character (兆瓦, 千瓦, 千米) keeps it: 3千瓦 is 3 kW.
    clashes = sorted({w[len(s):] for s in [*zh.scales, *zh.digit_scales]
                      for w, info in unit_of.items()
                      if w.startswith(s) and len(w) > len(s) and info.kind != "count"})
    not_a_unit = rf"(?!{word_pattern(clashes)})" if clashes else ""
    zh_scale = rf"(?:{word_pattern(list(zh.scales))}){not_a_unit}"
    zh_digit_scale = rf"(?:{word_pattern([*zh.scales, *zh.digit_scales])}){not_a_unit}"
    en_scale_words = [s for s in en.scales if len(s) > 2]
    en_scale_words += [s + "s" for s in en_scale_words]
    en_scale_abbrev = [s for s in en.scales if len(s) <= 3 and s not in en_scale_words]
    en_scale = (
        rf"(?:{SPACES}(?:" + word_pattern(en_scale_words) + r")|(?:" + word_pattern(en_scale_abbrev)
        + r"))(?![a-z])"
    )
    zh_vague_suffix = word_pattern([*zh.vague_suffix, *en.vague_suffix])
    en_number_words = [w for w in en.numerals if w not in ("a", "an")] + list(en.numeral_units)
    en_word = word_pattern(en_number_words)
    en_any = rf"(?:{en_word}|{word_pattern(en_scale_words)})"
    # twenty-five, three hundred and eighty-nine billion, a million (never a bare "million").
    en_words = (
        rf"(?:(?:a|an)[ \t-]+(?:{word_pattern([*en_scale_words, *en.numeral_units])})"
        rf"|{en_word})(?:(?:[ \t-]+and)?[ \t-]+{en_any})*"
    )
    vague = word_pattern([*zh.vague_numbers, *en.vague_numbers])
    # A spelled decimal: 十五点七, 零点五 (点 then digits only: 三点钟 is a time of day).
    spelled_decimal = rf"(?:{re.escape(zh.decimal_point)}[{re.escape(''.join(zh.numerals))}]+)"
    # 兆 inside a numeral (四十九兆九千亿), unless it starts a unit (五十兆瓦 is 50 MW).
    cn_char = rf"(?:[{re.escape(zh_all_chars)}]|兆{not_a_unit})"
    cn = rf"[{re.escape(''.join(zh.numerals))}十拾]{cn_char}*{spelled_decimal}?"
    cn_multi = (rf"[{re.escape(''.join(zh.numerals))}十拾]"
                rf"(?:{cn_char}+{spelled_decimal}?|{spelled_decimal})")
    han_currency_starts = {word[0] for word in currency_suffix if HAN.match(word)}
    single_followers = sorted({word[0] for word in unit_of if not re.match(r"[A-Za-z%]", word)}
                              | {word[0] for word in zh.range_joiners}
                              | set("".join(zh.vague_suffix)) | {"分", "万", "亿"}
                              | han_currency_starts)
    # 两三个, 三四百人: two neighbouring digits are a range (checked by numbers.pair_range).
    pair_digits = re.escape("".join(d for d, v in zh.numerals.items() if 0 < v < 10))
    # 一两个亿 is 1–2亿: a 个 between the pair and its scale belongs to the figure.
    pair = (rf"(?P<pair>[{pair_digits}][{pair_digits}])(?P<pairunit>[十百千])?"
            rf"(?:个?(?P<pairscale>{zh_scale}))?(?![{re.escape(zh_all_chars)}])")
    # A lone 一 that ends a word (统一成一个, 唯一成功) is no numeral.
    not_word_end = (rf"(?<![{re.escape(''.join(zh.words_ending_in_one))}])(?=一)|(?!一)"
                    if zh.words_ending_in_one else "")
    cn_single = (rf"(?:{not_word_end})[{re.escape(''.join(zh.numerals))}十拾]"
                 rf"(?=[{re.escape(''.join(single_followers))}])")
    # 千亿美元, 近百亿元, 万亿市值: a hundred, thousand or ten thousand 亿 with its 一 left
    # out (not 千万, which is also "by all means").
    bare_scale = rf"(?<![{re.escape(zh_all_chars)}])[百千万](?=亿)亿"
    # 1个亿, 几十个亿: spoken Chinese puts a 个 before 亿, which then is the scale.
    ge_yi = "(?:个(?=亿))?"
    fraction_words = word_pattern([*en.fractions, *zh.fractions])
    multiples = word_pattern(en.multiples)
    ordinals = word_pattern(en.ordinals)
    ordinal_suffix = word_pattern([*zh.ordinal_suffix, *en.ordinal_suffix])
    zh_digits = re.escape("".join(zh.numerals))

    core = anchored(re.compile(
        "|".join(
            [
                rf"(?P<pct>{re.escape(zh.percent_prefix)})"
                rf"(?P<pctnum>{ARABIC}|{cn}(?:点[{re.escape(''.join(zh.numerals))}]+)?)",
                *_percent_forms(zh, pair_digits, zh_all_chars, single_followers),
                # 三分之一, 千分之五 (a bare 千 or 万 as the denominator), 1/20.
                rf"(?P<den>{ARABIC}|{cn}|[十百千万亿]){re.escape(zh.fraction_infix)}"
                rf"(?P<numer>{ARABIC}|{cn})",
                r"(?<![a-z0-9./])(?P<fa>\d{1,3})/(?P<fb>\d{1,4})(?![a-z0-9/])",
                rf"(?P<ord>{re.escape(zh.ordinal_prefix)})(?P<ordnum>{ARABIC}|{cn})"
                rf"(?P<ordsuf>{ordinal_suffix})?",
                # third-largest; a bare first only after a rank verb (engine: rank_before).
                rf"(?<![a-z])(?P<ordw>{ordinals})(?P<ordwsuf>{ordinal_suffix})?(?![a-z])",
                r"(?<![a-z])(?P<nord>no\.\s?)(?P<nordnum>\d{1,3})(?![\d.])",
                # 3万5千, 6兆8,595亿, 1亿2000万: Arabic digits between Chinese scales.
                rf"(?P<mix>\d+(?:[万亿兆]|(?<=\d)千)(?:零?(?:{ARABIC})(?:[万亿兆千百十])?)+)"
                rf"(?=[^\d{zh_digits}]|$)",
                rf"(?<![a-z])(?P<fracw>{fraction_words})(?![a-z])",
                rf"(?<![a-z])(?P<mult>{multiples})(?![a-z])",
                rf"(?<![a-z])(?P<vague>{vague})(?:[ \t]?{ge_yi}(?P<vscale>{zh_scale}|"
                + word_pattern(en_scale_words) + r"))?(?![a-z])",
                # -8% after a name is a fall of 8% (see the engine's _direction); a
                # dash after a digit or letter is a range or a name (5-8%, GPT-4).
                r"(?:(?<![0-9a-z.,%)\]\-+])(?P<sign>[-+])(?=\d))?"
                rf"(?P<ar>{ARABIC})(?P<arvague>{zh_vague_suffix})?"
                rf"(?:{ge_yi}(?P<arscale>{SPACES}{zh_digit_scale}|{en_scale}))?",
                pair,
                # A lone numeral (一, 两) is a figure only before a unit or a joiner
                # (两倍, 三成, 两个到三个): everywhere else it is a word (一些, 一起).
                rf"(?P<cn>{cn_multi}|{cn_single}|{bare_scale})(?P<cnvague>{zh_vague_suffix})?"
                rf"(?:{ge_yi}(?P<cnscale>{zh_scale}))?",
                rf"(?<![a-z])(?P<en>{en_words})(?![a-z])",
            ]
        )
    ))

    unit_words = [*unit_of, *currency_suffix]
    vague_after_unit = word_pattern(
        [*zh.qualifiers.vague_after_unit, *en.qualifiers.vague_after_unit])
    right = re.compile(
        # (a 26-year-old vendor, a 5-day trip: a unit may join its digits with a hyphen;
        # a one-day loss is a word, no figure)
        rf"(?P<vague>{zh_vague_suffix})?(?:(?<=\d)-(?=(?:{latin_bounded(unit_words)})(?![a-z]))|{SPACES})"
        rf"(?:(?:of[ \t])?(?P<unit>{latin_bounded(unit_words)}))?"
        rf"(?P<unitvague>{vague_after_unit})?"
        rf"(?:[ \t]?(?P<suffix>{latin_bounded(suffix_qualifier)}))?"
    )
    copulas = word_pattern([*zh.qualifiers.copulas, *en.qualifiers.copulas])
    # [ \t]* not [ \t]?: blanked markup stands between a qualifier and its figure
    # (不到**6亿元**, <b>约</b>3成).
    left = re.compile(
        rf"(?:(?P<qual>{latin_bounded(prefix_qualifier)})[ \t]*(?:{copulas})?[ \t]*)?"
        rf"(?:(?P<cur>{latin_bounded(currency_prefix)})[ \t]*)?\Z"
    )
    left_through_base = re.compile(
        rf"(?P<qual>{latin_bounded(prefix_qualifier)})(?P<base>[^，,。;；:：\n]{{1,24}}?)的[ \t]?\Z"
    )
    joiners = latin_bounded([*zh.range_joiners, *en.range_joiners])
    # The second figure of a range may repeat the currency: between $12,000 and $15,000.
    range_joiner = re.compile(
        rf"[ \t]?(?:{joiners})[ \t]?(?P<cur2>{latin_bounded(currency_prefix)})?[ \t]?"
    )
    between = re.compile(r"(?<![a-z])between\s(?:(?P<cur>[^\s\d]{1,3})\s?)?\Z")

    dates = [(anchored(re.compile(p)), "zh") for p in zh.dates] + [
        (anchored(re.compile(p)), "en") for p in en.dates]

    # An ASCII ? or ! before a letter, digit or query character is inside a URL
    # (s?__biz=...), whose exclusion needs it whole, not the end of a sentence.
    # "Jan. 21", "Sept. 2024": a month's abbreviation before a number ends no sentence,
    # nor do "vs.", "e.g.", "et al." and the like, nor an initial's (J. Smith, U.S.);
    # an acronym's does (…that of AMD. Its API…).
    abbreviations = sorted({name.capitalize() for name, month in en.month_names.items()
                            if len(name) < len(calendar.month_name[month])})
    month_dot = "|".join(f"(?<=\\b{name}\\.)" for name in abbreviations)
    # A line that opens with a clause's comma (…下降3.5%\n，其中9月份…) goes on the
    # sentence above it: the line break is the page's, not the writer's.
    sentence_end = anchored(re.compile(
        # (A closing quotation mark after the end belongs to the sentence it closes.)
        r"(?:[。！？]|\n(?![ \t]*[，,、；;]))+(?:(?<=[。！？])[”」』]+)?"
        r"|[!?]+(?![A-Za-z0-9_=&/%])(?:[”」』]+)?"
        r"|(?<!\b[A-Z])(?<!\b[A-Z][a-z])"
        r"(?<!\bvs)(?<!\bcf)(?<!\bincl)(?<!\bapprox)(?<!\be\.g)(?<!\bi\.e)(?<!\bet al)\.(?=\s)"
        rf"(?!(?:{month_dot})\s+\d)"))
    # A spaced dash ends a clause; the space before it is looked at, not matched, so
    # that the pattern starts at punctuation only (only match ends are used).
    clause_end = anchored(re.compile(r"[，；：、;]|(?<!\d),|,(?!\d{3})|:(?!\d)|——|(?<=\s)[-–—]\s"))

    increase = [*zh.directions.increase, *en.directions.increase]
    decrease = [*zh.directions.decrease, *en.directions.decrease]
    # (declined to comment, fell to say: a verb before another verb's "to" is no change)
    not_a_change = (r"(?!\s+to\s+(?:comment|say|disclose|elaborate|provide|give|discuss|"
                    r"answer|respond|confirm|name|specify|reveal|share|be\s+named)\b)")
    direction = re.compile(
        rf"(?P<inc>{latin_bounded(increase)}){not_a_change}"
        rf"|(?P<dec>{latin_bounded(decrease)}){not_a_change}"
    )
    rise_nouns = word_pattern(en.change_nouns_after.get("increase", []))
    fall_nouns = word_pattern(en.change_nouns_after.get("decrease", []))
    direction_after = re.compile(
        rf"\s?(?:的|of\s)?\s?(?:(?P<inc>{latin_bounded(increase)})|(?P<dec>{latin_bounded(decrease)}))"
        rf"|\s(?:[a-z][a-z-]*\s){{1,2}}(?:(?P<ninc>{rise_nouns})|(?P<ndec>{fall_nouns}))(?![a-z])"
    )
    # Each attribution pattern with the script a sentence must contain for it to
    # apply: Chinese patterns never run over an English sentence, nor the reverse.
    attribution = [(anchored(re.compile(p)), HAN) for p in zh.attribution] + [
        (anchored(re.compile(p)), LATIN) for p in en.attribution
    ]
    noun_suffix = latin_bounded([*zh.event_noun_suffixes, *en.event_noun_suffixes])
    event = re.compile(rf"(?:{latin_bounded([*zh.event_words, *en.event_words])})(?!{noun_suffix})")
    history_event = re.compile(
        rf"(?:{latin_bounded([*zh.history_words, *en.history_words])})(?!{noun_suffix})")
    agent_event = re.compile(
        rf"(?:{latin_bounded([*zh.agent_events, *en.agent_events])})\Z")
    moved = latin_bounded([*zh.period_anaphora_not_before, *en.period_anaphora_not_before])
    anaphora = re.compile(
        latin_bounded([*zh.period_anaphora, *en.period_anaphora]) + rf"(?!\s*{moved})")
    future = re.compile(latin_bounded([*zh.future_markers, *en.future_markers]))
    # (better than expected, 超预期的10万亿: a result measured against a forecast is no
    # forecast itself; 低于预期的6.43亿美元 is the forecast)
    forecast = re.compile(
        r"(?<!than )(?<!than-)(?<!超)"
        + "(?:" + latin_bounded([*zh.forecast_markers, *en.forecast_markers]) + ")")
    not_comparison = [*zh.comparison_not_before, *en.comparison_not_before]
    # 占比, 无比: a comparison word after one of these is part of a word (a share, "very").
    not_comparison_after = "".join(
        f"(?<!{re.escape(word)})" for word in [*zh.comparison_not_after, *en.comparison_not_after])
    comparison = re.compile(
        not_comparison_after
        + "(?:" + latin_bounded([*zh.comparison_words, *en.comparison_words]) + ")"
        + (f"(?!{word_pattern(not_comparison)})" if not_comparison else ""))
    share_of_whole_before = tuple(re.compile(pattern) for pattern in (
        zh.share_of_whole_before, en.share_of_whole_before) if pattern)
    share_of_whole_after = tuple(re.compile(pattern) for pattern in (
        zh.share_of_whole_after, en.share_of_whole_after) if pattern)
    money_links = word_pattern([*zh.money_links, *en.money_links])
    money_verb = re.compile(rf"(?:{latin_bounded([*zh.money_verbs, *en.money_verbs])})"
                            rf"(?:{money_links}){{0,2}}\s?\Z")
    money_after = re.compile(
        rf"\s?(?:的[\u4e00-\u9fff]{{0,2}}?)?"
        rf"(?:{latin_bounded([*zh.money_nouns_after, *en.money_nouns_after])})")
    duration_not_length = re.compile(
        rf"\s?(?:{latin_bounded([*zh.duration_not_length, *en.duration_not_length])})"
    )
    duration_length = re.compile(
        rf"\s?(?:{latin_bounded([*zh.duration_length_markers, *en.duration_length_markers])})"
    )
    duration_length_before = re.compile(
        rf"(?:{latin_bounded([*zh.duration_length_before, *en.duration_length_before])})\s?\Z"
    )
    indefinite = re.compile(
        rf"(?:{latin_bounded([*zh.indefinite_determiners, *en.indefinite_determiners])})\s?\Z"
    )
    anaphoric_source = re.compile(
        rf"(?:{latin_bounded([*zh.anaphoric_sources, *en.anaphoric_sources])})"
    )
    ordinal_not_rank = re.compile(latin_bounded([*zh.ordinal_not_rank, *en.ordinal_not_rank]))
    # (ranked first, third and eighth: ordinals listed after the verb rank too.)
    # (fell from second to sixth place: the second ordinal of a from → to of ranks ranks.)
    rank_before = re.compile(
        rf"(?<![a-z]){word_pattern(en.rank_verbs)}\s+"
        rf"(?:(?:{ordinals})(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$"
        rf"|(?<![a-z])from\s+(?:the\s+)?(?:{ordinals})\s+(?:place\s+)?to\s+(?:the\s+)?$")
    # …and the first, right after from, when another ordinal follows to.
    rank_from = re.compile(r"(?<![a-z])from\s+(?:the\s+)?$")
    rank_to_after = re.compile(rf"\s+(?:place\s+)?to\s+(?:the\s+)?(?:{ordinals})(?![a-z])")
    # 排名全国第一, 位居全球: the whole a rank is counted in, right before the ordinal.
    rank_domain = re.compile(
        rf"(?P<scope>{word_pattern(sorted(rank_domains()))})(?:排名|范围内|内)?\s*$")
    ranking_word = re.compile(latin_bounded([*zh.ranking_words, *en.ranking_words]))
    from_before = re.compile(rf"(?:{latin_bounded([*zh.from_markers, *en.from_markers])})\s?\Z")
    # from Jan. 24's closing price of $142.62 to $118.51, 从1月24日的收盘价142.62美元
    # 跌至118.51美元: the from-word may stand a short phrase before the first figure.
    from_far = re.compile(
        rf"(?:(?<![a-z])(?:{word_pattern(en.from_markers)})\s[^,;:!?\n]{{0,40}}?\s(?:of|at)"
        rf"|(?:{word_pattern(zh.from_markers)})[^，,。；;：:！？!?\n]{{0,12}}?)\s?\Z")
    # (从年初的1.2万亿美元跌至目前的8000亿美元: a time word and 的 may stand after it)
    to_between = re.compile(
        rf"\s?(?P<to>{latin_bounded([*zh.to_markers, *en.to_markers])})\s?"
        rf"(?:[\u4e00-\u9fff]{{1,4}}的)?\Z")
    level_before = re.compile(
        rf"(?:{latin_bounded([*zh.level_markers, *en.level_markers])})\s?\Z"
    )
    duration_preposition = word_pattern([*zh.duration_prepositions, *en.duration_prepositions])
    comparison_before = re.compile(
        rf"(?:{latin_bounded([*zh.comparison_markers, *en.comparison_markers])})\s?\Z"
    )
    # An interview turn: a short name and a colon at the start of a line (郑永年: / Q:).
    turn = re.compile(
        r"^[ \t]*(?:\d{1,2}[、.．]\s*)?(?:\*\*|__)?"
        r"(?P<who>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}|[^\s:：，,。*]{1,12}?)"
        r"(?:\*\*|__)?\s?[:：](?!//)", re.M
    )
    excluded = [anchored(pattern) for pattern in (
        re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)"),  # Markdown images and links
        re.compile(r"(?:https?://|www\.)[^\s<>\"'（）()，。]+"),  # URLs
        re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),  # e-mail addresses
        re.compile(r"《[^《》\n]{1,80}》"),  # titles of books, plans, laws
        re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b"),  # clock times and audio lengths
        # telephone numbers
        re.compile(r"(?<![\d.])\d{3,4}[- ]\d{3,4}[- ]\d{4}(?!\d)|\+\d{1,3}[ -]\d[\d -]{6,}"),
        re.compile(r"^[ \t]*\d{1,3}[、.．)）](?!\d)", re.M),  # list numbering
        re.compile(word_pattern(zh.idioms)),  # set phrases: 一成不变, 一波三折
        # display and video formats: 4K显示器, a 1080p video
        *(re.compile(language.format_names) for language in (zh, en)
          if language.format_names),
    )]
    # News datelines hold no figure either; the engine also knows where they end.
    datelines = [anchored(re.compile(language.dateline, re.M)) for language in (zh, en)
                 if language.dateline]

    # What a sentence must contain to hold a figure or a date: a digit, two Chinese
    # numerals (or one before a unit), a vague magnitude, a number word or month
    # name, a relative date. Sentences without one are never scanned further.
    numeral = re.escape("".join(zh.numerals) + "".join(zh.numeral_units)) + "万亿兆"
    zh_units_after = re.escape("年月日号天周个次家倍成季%万亿千百十分多余半岁几折")
    # 十美元, 两千元, 二点五: whole words, not first characters (一日, 一点 are prose).
    spelled_followers = word_pattern(
        [w for w in currency_suffix if HAN.match(w)]
        + [(zh.decimal_point or "") + digit for digit in zh.numerals if zh.decimal_point])
    english_words = [*en.numerals, *en.numeral_units, *en.scales, *en.fractions,
                     *en.multiples, *en.ordinals, *en.month_names, *en.quarter_words]
    english_words = [w for w in english_words if len(w) > 2 and w not in ("may", "one")]
    trigger = anchored(re.compile(
        rf"\d|[{numeral}](?:[{numeral}]|[{zh_units_after}]|{spelled_followers})"
        rf"|[数几上]个?[十百千万亿]|第|分之"
        rf"|今年|去年|明年|前年|本月|上月|上个月|下个月|民国"
        rf"|{word_pattern(zh.discount.words if zh.discount else [])}|(?<![a-z])(?:"
        rf"{word_pattern(english_words)}|may|one|this year|last year|next year|last month"
        rf"|this month|next month)"
    ))

    entity_of: dict[str, tuple[str, str]] = {}
    for spec in taxonomy.entities:
        for name in spec.names():
            entity_of.setdefault(compact_key(name), (spec.name, spec.kind))
    topic_of: dict[str, tuple[str, str | None]] = {}
    for spec in taxonomy.topics:
        for name in spec.names():
            if name == spec.key and "_" in name:
                continue  # snake_case keys do not occur in prose
            topic_of.setdefault(compact_key(name), (spec.key, spec.kind))

    return Grammar(
        lexicon=lex,
        core=core,
        right=right,
        left=left,
        left_through_base=left_through_base,
        range_joiner=range_joiner,
        between=between,
        dates=dates,
        sentence_end=sentence_end,
        clause_end=clause_end,
        direction=direction,
        direction_after=direction_after,
        attribution=attribution,
        event=event,
        history_event=history_event,
        agent_event=agent_event,
        anaphora=anaphora,
        future=future,
        forecast=forecast,
        comparison=comparison,
        share_of_whole_before=share_of_whole_before,
        share_of_whole_after=share_of_whole_after,
        money_verb=money_verb,
        money_after=money_after,
        object_marker=re.compile(
            # (reported on Monday that OpenAI…: a clause's "that" ends the object's reach)
            rf"(?:(?<![a-z])(?:{word_pattern(en.object_markers)})\s+"
            rf"(?:(?!(?:that|which|who|whether)\s)[\w’'.,-]+\s+){{0,3}}"
            # "the model with 2,000 Nvidia H800 chips": with a count of things, an object
            rf"|(?<![a-z])with\s+\d[\d,.]*\s+(?:[\w’'.-]+\s+){{0,2}})\Z"
            if en.object_markers else r"(?!)"),
        basis_before=re.compile(
            rf"(?:{word_pattern([*zh.basis_before, *en.basis_before])})[^，,。；;\d]{{0,3}}\Z"),
        basis_after=re.compile(
            rf"[^，,。；;]{{0,6}}?(?:{word_pattern([*zh.basis_after, *en.basis_after])})"),
        # 按不变价格计算: the basis a figure is reckoned on, whose words measure nothing
        basis_phrase=re.compile(
            rf"(?:{word_pattern(zh.basis_before)})[^，,。；;\d]{{1,8}}?"
            rf"(?:{word_pattern(zh.basis_after)})"),
        conditional=re.compile(latin_bounded([*zh.conditional_markers, *en.conditional_markers])),
        commentary_opener=re.compile(
            rf"[\s*>_]*(?:{word_pattern([*zh.commentary_openers, *en.commentary_openers])})"),
        narration_opener=re.compile(
            rf"[\s*>_]*(?:{word_pattern([*zh.narration_openers, *en.narration_openers])})"),
        release_part_opener=re.compile(
            "|".join(f"(?:{opener})" for opener in (zh.release_part_openers or ["(?!)"]))),
        # word_pattern of no words matches nothing, so an empty list fronts nothing.
        # (Chinese writes no space after its openers: 作为一家…)
        fronted_phrase=re.compile(rf"[\s*#>]*(?:(?:{word_pattern(en.fronted_openers)})\s"
                                  rf"|(?:{word_pattern(zh.fronted_openers)}))"),
        group_frame=re.compile("|".join(f"(?:{frame})" for frame in (
            zh.group_frame, en.group_frame) if frame)),
        example_frame=tuple(re.compile(frame) for frame in (zh.example_frame, en.example_frame)
                            if frame),
        aside=re.compile(
            r",\s*(?:" + latin_bounded([*zh.aside_openers, *en.aside_openers]) + r")[^,.;:!?]*,"),
        adverb_directions=frozenset(word.lower() for word in en.adverb_directions),
        adverb_direction_verbs=frozenset(word.lower() for word in en.adverb_direction_verbs),
        touching_direction={word: direction for language in (zh, en)
                            for direction, words in language.directions_touching.items()
                            for word in words},
        subject_anaphor=re.compile(
            rf"[\s*#>\-]*(?:{latin_bounded([*zh.subject_anaphora, *en.subject_anaphora])})"),
        restatement=re.compile(
            r"[\s,，、(（]*(?:"
            + latin_bounded([*zh.restatement_markers, *en.restatement_markers])
            + r")[\s,，:：]*"),
        share_of=re.compile(
            "(?:" + word_pattern([*zh.share_of_verbs, *en.share_of_verbs]) + r")\s*$"),
        personal_pronoun=re.compile(
            rf"[\s*#>\-]*(?:{latin_bounded([*zh.personal_pronouns, *en.personal_pronouns])})"
            + "(?!" + word_pattern([*zh.personal_pronoun_not_before,
                                    *en.personal_pronoun_not_before]) + ")"),
        first_person=re.compile(
            r"[\s*#>\-“「\"]*(?:"
            + latin_bounded([*zh.first_person_pronouns, *en.first_person_pronouns]) + ")(?!"
            + word_pattern([*zh.first_person_not_before, *en.first_person_not_before]) + ")"),
        valued_object=re.compile(
            r"(?:" + latin_bounded([*zh.valuation_verbs, *en.valuation_verbs])
            + r")\s+(?P<object>[^,;.:!?]{2,60}?)\s+at\s*\Z"),
        possessive_pronoun=re.compile(
            r"[\s*#>\-“「\"]*(?:"
            + latin_bounded([*zh.possessive_pronouns, *en.possessive_pronouns]) + ")"),
        age_time=re.compile(
            "(?:" + word_pattern([*zh.age_time_words, *en.age_time_words])
            + r")\s*[，,]"),
        first_person_opener=re.compile(
            r"[\s*#>\-“「\"]*(?:"
            + latin_bounded([*zh.first_person_openers, *en.first_person_openers]) + ")"),
        first_person_plural=re.compile(
            latin_bounded([*zh.first_person_plural, *en.first_person_plural])),
        first_person_possessive=re.compile(
            latin_bounded([*zh.first_person_possessive, *en.first_person_possessive])),
        colloquial_currency_words=frozenset(units.colloquial_currency_words),
        duration_not_length=duration_not_length,
        duration_length=duration_length,
        duration_length_before=duration_length_before,
        indefinite=indefinite,
        anaphoric_source=anaphoric_source,
        body_word=re.compile(latin_bounded([*zh.body_words, *en.body_words])),
        ordinal_not_rank=ordinal_not_rank,
        rank_before=rank_before,
        rank_from=rank_from,
        rank_to_after=rank_to_after,
        rank_domain=rank_domain,
        ranking_word=ranking_word,
        from_before=from_before,
        from_far=from_far,
        respectively=re.compile(latin_bounded([*zh.respectively_words, *en.respectively_words])),
        publication_verbs=tuple(verb.lower() for verb in
                                [*zh.publication_verbs, *en.publication_verbs]),
        report_endings=(*zh.report_endings, *(word.lower() for word in en.report_endings)),
        kind_words=frozenset(zh.kind_words),
        demonstrative_clause=re.compile(
            r"[，,；;]\s*(?:" + latin_bounded([*zh.demonstratives, *en.demonstratives]) + ")"),
        third_party=re.compile(latin_bounded(
            [*zh.third_party_markers, *(word.lower() for word in en.third_party_markers)])),
        body_voices=frozenset(zh.body_voices),
        founding_object=re.compile(latin_bounded([*zh.founding_objects, *en.founding_objects])),
        naming=re.compile(rf"(?:{latin_bounded([*zh.naming_words, *en.naming_words])})"
                          r"\s*[“\"「『]?"),
        change_base=re.compile(latin_bounded([*zh.change_bases, *en.change_bases])),
        rate_before=re.compile(latin_bounded([*zh.rate_bases, *en.rate_bases])),
        rate_after=re.compile(r"[ \t]*(?:[A-Za-z]+[ \t]+){0,2}?(?P<rate>"
                              + latin_bounded([*zh.rate_bases_after, *en.rate_bases_after])
                              + r")(?![ \t]*"
                              + latin_bounded([*zh.rate_not_before, *en.rate_not_before]) + ")"),
        rate_of={word.lower(): label for word, label in [
            *zh.rate_bases.items(), *en.rate_bases.items(), *zh.rate_bases_after.items(),
            *en.rate_bases_after.items()]},
        change_base_of={word.lower(): label for word, label in
                        [*zh.change_bases.items(), *en.change_bases.items()]},
        since_after=re.compile(rf"\s?{word_pattern(zh.since_words)}"),
        start_after=re.compile(rf"\s?{word_pattern(zh.start_words)}"),
        fiscal_before=re.compile(rf"\b{word_pattern(en.fiscal_words)}\s*$"),
        since_before=re.compile(rf"\b{word_pattern(en.since_words)}\s+$"),
        to_between=to_between,
        to_direction={k.lower(): v for k, v in {**zh.to_markers, **en.to_markers}.items()},
        comparison_before=comparison_before,
        level_before=level_before,
        duration_preposition=duration_preposition,
        turn=turn,
        excluded=excluded,
        datelines=datelines,
        trigger=trigger,
        entity=anchored(re.compile(_alias_pattern(
            _alias_keys(spec.names() for spec in taxonomy.entities)))),
        topic=anchored(re.compile(_alias_pattern(_alias_keys(
            [n for n in spec.names() if not (n == spec.key and "_" in n)]
            for spec in taxonomy.topics)))),
        unit_of=unit_of,
        currency_suffix=currency_suffix,
        currency_prefix=currency_prefix,
        prefix_qualifier=prefix_qualifier,
        qualifier_word_endings=frozenset(
            [*zh.qualifiers.word_endings, *en.qualifiers.word_endings]),
        suffix_qualifier=suffix_qualifier,
        vague_numbers={k.lower(): v for k, v in {**zh.vague_numbers, **en.vague_numbers}.items()},
        scales=scales,
        increase_words=frozenset(w.lower() for w in increase),
        entity_of=entity_of,
        fiscal_year_end={spec.name: int(spec.fiscal_year_end[:2]) for spec in taxonomy.entities
                         if spec.fiscal_year_end},
        topic_of=topic_of,
        # Looked up by compact_key (engine._generic): "the company" as "thecompany".
        generic_sources=frozenset(
            compact_key(w) for w in [*zh.generic_sources, *en.generic_sources]
        ),
        name_stop_chars=frozenset(zh.name_stop_chars + en.name_stop_chars),
        honorific=re.compile(rf"^(?:{word_pattern([*zh.honorifics, *en.honorifics])})\s+",
                             re.IGNORECASE),
        change_topic={t.key: t.change_topic for t in taxonomy.topics if t.change_topic},
        broken_line=broken_line_pattern(
            "".join(sorted({word[0] for word in [*unit_of, *currency_suffix] if HAN.match(word)}
                           | set(zh.scales) | {"%"}))),
        date_topic_of={alias_key(name): topic.key for topic in taxonomy.topics
                       if topic.kind == "date" for name in topic.names() if name},
    )


def _percent_forms(zh, digits: str, numeral_chars: str, followers: list[str]) -> list[str]:
    """Core patterns for 三成半 / 七成六 (groups tenth, tenthrest) and 八五折 / 8.5折 / 对折
    (disc, discw), from the tenths and discount entries of zh.yaml."""
    forms = []
    if zh.tenths:
        # Not before a measure word: 统一成一个 is "unified into one", not 11%.
        forms.append(rf"(?P<tenth>[{digits}]|[1-9]){re.escape(zh.tenths)}"
                     rf"(?P<tenthrest>半|[{digits}])"
                     rf"(?![{re.escape(numeral_chars + ''.join(followers))}\d])")
    if zh.discount:
        word = re.escape(zh.discount.word)
        after = "".join(zh.discount.not_after)
        not_after = rf"(?<![{re.escape(after)}])" if after else ""
        not_before = rf"(?!{word_pattern(zh.discount.not_before)})"
        forms.append(rf"{not_after}(?P<disc>[{digits}]{{1,2}}|[1-9](?:\.\d)?){word}{not_before}")
        if zh.discount.words:
            forms.append(rf"(?P<discw>{word_pattern(zh.discount.words)}){not_before}")
    return forms


def _alias_keys(groups) -> list[str]:
    return sorted({alias_key(name) for names in groups for name in names})
