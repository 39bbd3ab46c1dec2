"""The extraction engine: a small program over the compiled grammar.

One pass over a text:
1. fold it (full-width to ASCII, traditional to simplified, ASCII lowercased);
   offsets do not move, so every span indexes the original text;
2. mark what is never a claim: front matter, URLs, Markdown links and images,
   《titles》, clock times, phone numbers, list numbering;
3. find dates, then number cores (the digits and scale words of a figure);
4. read each core's neighbours: a unit or currency after it, a currency symbol
   and a qualifier before it, a second core joined by 至/到/-/to (a range);
   a core with no unit, currency, percent sign or scale word is no claim;
5. give each figure its context from its clause and sentence: direction,
   topic, subject, speaker, period (rules in ``_context``).

The rules for picking a subject, nearest first (each tested in tests/specs):
an entity written right after the figure (5000亿美元“星际之门”); the nearest
entity before it in its clause; the speaker of the sentence, when it is in
that clause (DeepSeek声称...600万美元); the nearest entity before it in the
sentence; the nearest entity after it in its clause; the last subject of the
previous sentence of the same paragraph. Entities inside an attribution
(据HuggingFace数据) and comparison bases (不到GPT-4o的1/20, 比o1便宜) are skipped,
and a place is taken only when no other entity qualifies.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from claimtrack import __version__
from claimtrack.extract.grammar import HAN, LOCAL_CURRENCY, Grammar, compact_key, grammar
from claimtrack.extract.lexicon import ascii_lower, fold
from claimtrack.extract.markup import blank_markup, join_broken_lines
from claimtrack.extract.measures import (
    counted_noun,
    english_noun,
    measure_before,
    measure_rules,
    verb_measure,
)
from claimtrack.extract.names import (
    LINK_MARKUP,
    Name,
    chinese_names,
    common_english,
    english_names,
    is_recurring_term,
    listed_word,
    name_rules,
    organisation_by_form,
    tag,
    term_candidates,
)
from claimtrack.extract.numbers import (
    arabic_value,
    chinese_value,
    clean,
    discount_value,
    english_value,
    mixed_value,
    pair_range,
    tenths_value,
)
from claimtrack.extract.subjects import (
    MEASURE_COMPOUND,
    MEASURE_WORD,
    clause_topic,
    reads_as_prose,
    subject_rules,
)
from claimtrack.lang.facts import place_topics, rank_domains, record_pattern
from claimtrack.lang.hanzi import alias_key
from claimtrack.schemas import Claim

EXTRACTOR = f"claimtrack-rules/{__version__}"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:.*?\n)??(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# A window with a Latin word may hold an English date (January 20, Q1 2025).
LATIN_WORD = re.compile(r"[A-Za-z]{2}")
# A capitalised word ending where a number starts (Fortune 500, Windows 11).
_NAME_WORD = re.compile(r"(?:^|(?<=[\s(]))([A-Z][A-Za-z]+)\Z")
# An English plural noun after a number makes it a count: 100,000 robots.
_PLURAL_NOUN = re.compile(r"\s(?P<noun>[A-Za-z][A-Za-z-]{2,}s)\b")
# 648 H800 GPUs, 512 NVIDIA H800 GPUs: a plural noun after a name or a model code
# (capitals or digits); the figure is the number, the noun says what it counts.
_PLURAL_AFTER_NAMES = re.compile(
    r"(?:\s(?=[\w-]*[A-Z0-9])[A-Za-z0-9][\w-]*){1,2}\s(?P<noun>[A-Za-z][A-Za-z-]{2,}s)\b")
_NUMBER_START = re.compile(r"[\d零一二三四五六七八九十百千万两几数近约超逾]")
# A reported-speech phrase that points back at a report (报道称, the report said).
_REPORT_WORD = re.compile(r"报道|报导|报告|文章|report|article", re.I)
# A company's own report, which a bare 财报显示 goes back to (英伟达发布…财报。财报显示，…).
_COMPANY_REPORT = re.compile(r"财报|年报|季报|公告")
# A body speaking through its analysts reports on others (Goldman analysts said).
_ANALYST_WORD = re.compile(r"分析师|经济学家|策略师|\b(?:analysts?|economists?|strategists?)\b",
                           re.I)
# 据彭博社，…; According to the Wall Street Journal, …: a source cited without a word
# for its report is still the report a later "the report said" goes back to.
_CITED_SOURCE = re.compile(r"根据|据|according to\s", re.I)
# A survey, a study or data spoken of bare (调查显示) goes back to the one named before,
# unless the phrase makes it a new one (有调查显示, 一项研究发现) or says whose it is (来自
# IDC 的数据称, whose phrase is 的数据称; any Latin word or number); a source that
# published something (公布了一份…) is one such to go back to. Chinese only: English has
# no source pattern for "the survey found" yet.
_SURVEY_WORD = re.compile(r"调查|调研|研究|数据|统计")
_NOT_BARE_DOCUMENT = re.compile(r"的|有|一|多|不少|部分|一些|相关|最新|另|还有|也有|近期|最近|"
                                r"此前|来自|.*[a-z0-9]{2}")
_PUBLISHED = re.compile(r"公布|发布|发表|披露|出版|publish|release")
# 占全球市场的份额, share of the AI chip market: a share of what these end a name of is a
# market share.
_MARKET_WORDS = ("市场", "market")
# 宣布分手后不久，: the end of a clause that says when the next clauses happen.
_TIME_CLAUSE_END = re.compile(r"(?:之?后(?:不久)?|以后|之?前|之时|的时候|以来)\s*[，,]?\s*$")
# the statistics bureau said, the commerce department said: a body designated in lower
# case, with no name, is an unnamed source (its phrase is kept, no speaker).
_DESIGNATION = re.compile(
    r"(?:the|this|that|its)(?: [a-z]+){0,2} (?:bureau|office|commission|department|regulator|"
    r"institute|council|association|bank|ministry|agency|government)")
# 《中国游戏产业报告》, 《AI Index Report》: a title that names a report is a source.
_REPORT_TITLE = re.compile(r"(?:报告|报导|白皮书|蓝皮书|调查|调研|年报|财报|report|survey|study)$",
                           re.I)
# 中国占了三分之一, 美国有三分之一: a verb between a name and a fraction makes the name
# the share's owner, not its whole.
_VERB_BEFORE_SHARE = re.compile(r"[占有是为达约将已]")
# 宁德时代董事长, CATL chairman, Nvidia's chief executive; chairman of CATL.
_BODY_BEFORE_ROLE = re.compile(r"\s*(?:的|'s|’s)?\s*")
_BODY_AFTER_ROLE = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?")
# 乘联会公布的最新一期报告: the name before a verb of publishing and its 的 published
# what follows.
_PUBLISHED_BY = re.compile(
    r"(\S{2,12}?)(?:最新|近日|日前|此前|今天|昨天)?(?:公布|发布|发表|披露|出具)的")
# A publishing verb, with the day it was done, that ends the words before a source's
# 的 (国家统计局27日发布的数据, 主计总处昨日公布的资料): the name before it published
# what speaks, and so speaks itself.
_PUBLISHING_TAIL = re.compile(
    r"(?:\d{1,2}\s?日|[昨今前]天|[昨今]日|近日|日前|此前|最新|正式)?"
    r"(?:公布|发布|发表|披露|出具|提供|编制|整理|给出)$")
# A Chinese noun right after a date that follows a source's verb: the date is of what
# is published (鸿海公布1月营收为…, 发布2024年财报), not when it was said.
_DATED_OBJECT = re.compile(r"[\u4e00-\u9fff](?<![起前后时])")
# A day of the month right after a name (何亚东27日表示), a date whatever the text's own
# date lets it resolve to.
_DAY_AFTER_NAME = re.compile(r"\d{1,2}\s?日")
# Word classes no maker's name holds: time words, adverbs, pronouns, numerals.
_NOT_IN_MAKER = frozenset("tdrm")
# Words that open an unnamed maker (相关部门, 有关机构, 某机构).
_UNNAMED_MAKER_OPENERS = ("相关", "有关", "某", "一些", "多家", "多个")
# A source of data (据IDC的数据显示, X报告显示, figures from X show): its figures may run on
# over the next sentences of its paragraph (Extraction._data_run).
# (证词, 文件, 公告: documents whose figures the next sentences may list: 在索尼的审查证词
# 中，曾经透露过…开发成本。《地平线》，300人的开发团队，耗资2.12亿美元。)
_DATA_SOURCE = re.compile(r"数据|统计|报告|调查|调研|普查|财报|年报|证词|文件|公告|白皮书|研报|"
                          r"发布|公布|披露|显示|data|figures|statistics|survey|filing|testimony",
                          re.I)
# How many sentences after a data source's own its figures may run on, and how far
# after its phrase a data word may stand (According to IDC data).
_DATA_RUN_SENTENCES = 8
_DATA_WORD_REACH = 6
# A study cited by its authors: Hagger等人（2010）, Smith et al. (2019).
_CITATION = re.compile(r"等人|\bet al\b|\band colleagues\b")
# A list item: a bullet or a number at the start of a line.
_LIST_ITEM = re.compile(r"\s*(?:[-*•·]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）])\s")
# A list item's or a table row's name: words only, and a stock ticker after it.
_NAME_TEXT = re.compile(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z&.' ]*")
_TICKER_TAIL = re.compile(r"\s*[（(][A-Za-z0-9.]{1,8}[)）]$")
_CLAUSE_MARK = re.compile(r"[，,。；;]")
# The list a ranking is in: the words before 榜/榜单/排行榜 (美国App Store免费榜, after
# a verb that places: 位居福布斯富豪榜),
# or an English "on the Forbes list" / "the App Store chart".
_SCOPE_ZH = re.compile(
    r"(?:^|(?<=[在于上的，,。\s居列入]))(?P<scope>[\u4e00-\u9fffA-Za-z0-9 ]{0,14}?"
    r"(?:排行榜|榜单|榜|排名表))")
_SCOPE_ZH_MARKET = re.compile(
    r"[在于](?P<scope>[^，,。；;：:在于]{2,16}?)(?:上|中|里)?(?:排名|排行|位列|位居|名列|排在|居)")
# The last of these in a list's words ends what places it (在, 位居, 为): the list follows.
_SCOPE_OPENERS = ("在", "于", "的", "上", "居", "列", "为", "是")
_SCOPE_EN = re.compile(
    r"\b(?:on|in|of|atop|top(?:ped)?) (?:the )?(?P<scope>(?:[A-Z][\w'&.-]*\s){1,4}"
    r"(?:[a-z]+\s)?(?:list|chart|charts|ranking|rankings|index))\b")
_DIGIT = re.compile(r"\d")
_INDEX_TOPICS = frozenset(("index_change", "index_level"))
# A share price word in a sentence about an index (收于, 收报) speaks of the index.
# So does "benchmark", an AI model's test elsewhere (the benchmark S&P 500 fell 1.5%).
_SHARE_TO_INDEX = {"share_price": "index_level", "share_price_change": "index_change",
                   "benchmark_score": "index_level"}
# What may open a sentence before a day that dates what its source then says.
_OPENING_DAY = re.compile(r"[\s*#>\-“\"「]*(?:on\s+|于|在)?")
# Between that day and the source: a comma, and at most a few words naming who the
# source is (27日，英伟达CEO黄仁勋表示).
_SAID_DAY_GAP = re.compile(r"\s*[,，]\s*[^\s,，。；;：:!?！？\d]{0,12}")
# told reporters on Tuesday, said in an interview on Monday: the day after an object.
_TOLD_ON = re.compile(r"\s+(?:[a-z]+\s+){1,3}on\s+")
_SAID_DAY_REACH = 30
# A clause that only says what the figure before it was: ", the biggest…", ", a record",
# "，创下…", "，刷新…".
_RECORD_APPOSITION = re.compile(r"\s*(?:(?:a|an|the|its|which\s+(?:was|is))\s|创|刷新|打破|为|是)")
# Between a weekday and the date written out beside it: Monday, Jan. 27; 周一（1月27日）.
_APPOSED_DATE = re.compile(r"\s*[,，(（]?\s*")
# Words that date a figure unless a comparison word puts them after it: lost $5 million
# last year (when), up 5% from last year (against what).
_PERIOD_OR_BASIS = frozenset(("last year",))
_BASIS_BEFORE = re.compile(
    r"(?<![a-z])(?:from|than|over|on|versus|vs\.?|compared with|compared to)\s+$")
# What makes "N times" a multiple of another figure, not a count of events: three
# times that of AMD, 3 times as much as, ten times more than, five times the size.
_COMPARATIVE = (r"(?:more|less|bigger|larger|higher|greater|faster|cheaper|smaller|lower|"
                r"fewer|longer|shorter|costlier|more\s+expensive|less\s+expensive)")
_AS_MUCH_AS = r"as\s+(?:much|many|large|big|high|fast|expensive|long|likely)\s+as"
# (20 to 50 times cheaper to use than o1: a few words may part the comparative and than)
_COMPARATIVE_THAN = rf"{_COMPARATIVE}(?:\s+[a-z]+){{0,2}}?\s+than"
_MULTIPLE_AFTER = re.compile(
    rf"\s+(?:{_AS_MUCH_AS}|(?:that|those)\s+of|{_COMPARATIVE_THAN}|the\s+(?:size|level|"
    r"amount|number|cost|price|value|rate|total|figure)|over|what|higher|larger|bigger|more)\b")
# After an English figure, what compares it with another (95% cheaper than, three times
# as much as, twice that of): the base named next is what it is compared with.
_COMPARED_AFTER = re.compile(
    rf"\s+(?:times\s+)?(?:{_COMPARATIVE_THAN}|{_AS_MUCH_AS}|(?:that|those)\s+of)\s+"
    r"(?:the\s+)?")
# Between a share or a multiple and what it is of: "1/20 of", "that of the".
_BASE_AFTER = re.compile(r"\s*(?:of|than|that of|those of)\s+(?:the\s+)?")
# The longest example named by the words after the last 的 of 以…为例.
_EXAMPLE_HEAD_CHARS = 8
# How many earlier places a surname is written _titled_person looks at for the full name.
_TITLED_LOOKBACK = 30
# The lengths of a surname and a title (黄总, 黄老师, 黄董事长).
_TITLED_LENGTHS = (2, 3, 4)
# 被 or 遭 before an event word, or opening it (被曝出, 遭收购): the verb is passive.
_PASSIVE_EVENT = re.compile(r"[被遭]")
# What follows an event verb when it has an object: words (not a date nor the
# clause's end): 发布了自己的大模型, announced a venture.
_EVENT_OBJECT = re.compile(
    r"\s*(?:了|的)?\s*(?![于在]|in\b|on\b|at\b|by\b)[\u4e00-\u9fffA-Za-z]{2}")
# How far before its event verb a name may stand and still be what the event is
# about (深度求索公司于2023年7月正式成立: the date and an adverb between).
EVENT_SUBJECT_GAP = 16
# English words are longer: "DeepSeek-R1 reasoning model was published".
EVENT_SUBJECT_GAP_LATIN = 32
# How far after its event verb the thing it names may stand (characters; English
# noun phrases are longer: "the quantitative investment firm Ningbo High-Flyer").
EVENT_OBJECT_GAP = 16
EVENT_OBJECT_GAP_LATIN = 48
# A credit naming whose talk an article is (讲述｜李浴洋, 口述 | **陈丹青**), looked
# for in its first characters.
# 讲述｜杨照来源｜节选自…: the next credit may follow the name with no space; 讲述｜
# 聂日明x梁捷: a talk between two, whose first is taken.
# 文｜读者：刘若阳, **作者 /** **卢舫**, 观点 / 刘润: the writer an article credits, by
# label in the order they are trusted (观点 names whose first person it is).
_WRITER_LABELS = ("观点", "作者", "文", "撰文", "文字", "主笔", "By")
_WRITER_CREDIT = re.compile(
    r"^[ \t#>*_]*(?:(?P<label>" + "|".join(_WRITER_LABELS[:-1]) + r")[\s*]*[｜|/:：][\s*]*"
    r"(?:读者\s*[:：]\s*)?(?P<who>[\u4e00-\u9fff·]{2,6}?(?=\**(?:[ \t]|$|[｜|/x×&]))|"
    r"[A-Z][A-Za-z.'-]{1,30}(?![A-Za-z.'-]))(?!\**\s*[、,，])"
    # By Jane Doe: an English byline on a line of its own.
    r"|(?P<by>By)[ \t]+(?P<byline>[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){1,2})[ \t*_]*$)",
    re.M)
# 大家好，我是达叔。: a writer who introduces himself near the top names the narration's 我.
_SELF_INTRODUCTION = re.compile(
    r"(?:^|[。！!？?])[ \t>*]*(?P<hello>大家好|hello|hi)?[，,！!\s]*我是"
    r"(?P<who>[\u4e00-\u9fff·]{2,6}?|[A-Z][A-Za-z.'-]{1,30})[。！!，,]", re.M | re.I)
_NARRATOR_CREDIT = re.compile(
    r"^[ \t#>*]*(?:讲述|口述|自述|主讲)\**\s*[｜|:：]\s*\**(?P<who>[\u4e00-\u9fff·]{2,6}?"
    r"(?=\**\s*(?:$|[｜|x×、&]|来源|编辑|整理|撰文|责编|出品|策划|图片|文字|监制|节选))|"
    r"[A-Z][A-Za-z.' -]{1,30}[a-z])\**", re.M)
NARRATOR_WINDOW = 1500
# The narrators a credit names after its first: 、顾桃、班宇, x梁捷, & Jane Doe.
_NARRATOR_OTHERS = re.compile(r"[、x×&]\s*\**([\u4e00-\u9fff·]{2,6}|[A-Z][A-Za-z.' -]{1,30}[a-z])")
# A role after a credited name: 文｜孙小野编辑, 文 | 丘濂图 (words and pictures by 丘濂).
_CREDIT_ROLE_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:编辑|图|摄影|整理)$")
# How far back a bare 报道称 looks for its report.
REPORT_SCOPE_SENTENCES = 6
# The end of a quotation, and the punctuation that may follow it before its speaker.
_QUOTE_CLOSE = re.compile(r"[”」]")
# After a name, a few Chinese characters and 的 (iPhone用户的, DeepSeek的): the name
# modifies the noun after it, which is what an event's object is.
_MODIFIER_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}的(?!确|话)")
_QUOTE_OPENERS = ("“", "「")
# How far into its clause the person who introduces a quotation may stand (但北野还是
# 不同意：“……”): a word or two of linking, not a name further on.
_QUOTE_LEAD_CHARS = 2
# Longer, words that describe the person may stand before the name (讨马先锋刘强东): at
# most this many, ending in a noun.
_EPITHET_CHARS = 8
_EPITHET_TAGS = frozenset(("n", "nz", "ng", "j", "nr", "nt"))
_QUOTE_CLOSE_TAIL = re.compile(r"[，,。.！!？?\s]*")
# After an event word, a phrase pointing back (成立这家公司, released this model).
_EVENT_ANAPHOR = re.compile(r"(?:了)?(?:这家|该|此|这个|这款|这一|其|this|the|its|it\b)")
# published in Nature, appeared on the cover of Science: where, not what.
_VENUE_BEFORE = re.compile(
    r"(?:\b(?:in|on|at)\b|cover of|在|于)\s*(?:the\s+)?(?:journal\s+)?《?$")
# The joints of a list of sources (澎湃新闻与观察者网等媒体, Reuters and Bloomberg).
# How far into the main clause after an age in a time clause its person may stand.
_AGE_SUBJECT_REACH = 4
# Between a figure and the name it describes: 68岁的孙正义, the 68-year-old Son.
_DESCRIBES_NEXT = re.compile(r"的|\s+|\s*the\s+")
# A list of noun phrases that stand for the figures said respectively (基础版和高级版,
# the basic and premium tiers): the joiners, the article it opens with, the longest part.
_LIST_SPLIT = re.compile(r"\s*(?:,\s*and|,|、|和|与|及|\band\b)\s*")
_LEADING_ARTICLE = re.compile(r"^(?:the|The|its|Its|their|Their)\s+")
_RESPECTIVE_PHRASE_CHARS = 16
# What makes a name the owner of what follows it: OpenAI's CEO, 小米的CEO.
_OWNER_MARK = re.compile(r"’s\b|'s\b|的")
# What may stand before the name that opens a clause: blanks and Markdown emphasis,
# and asides in brackets.
_LEAD_MARKUP = frozenset(" \t\n*_#>-\u3000")
_BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)")
# After a Chinese source's verb, the marks that hand it what follows (他说，…; 他说：…).
_HANDING_ON = frozenset("，：:,")
# Between two names of one list (ChatGPT, Threads and Temu; 阿里、腾讯和百度), and the
# joiners and blanked names a list leaves before its last name.
_LIST_JOINER = re.compile(r"\s*(?:,|、|，|\band\b|\bor\b|和|与|及)\s*(?:and\s+)?")
_LIST_TAIL = re.compile(r"(?:\s*(?:,|、|，|\band\b|\bor\b|和|与|及)\s*|\s+)+$")
# "it" opening a clause that is not its sentence's first (…, and it had climbed).
# What may open an English clause before its subject (…, and the company is now worth…).
_CLAUSE_JOINER = re.compile(r"[ \t]*(?:and |but |while )?")
_CLAUSE_IT = re.compile(_CLAUSE_JOINER.pattern + "(?:it|its) ")
# The relative pronoun and auxiliary that open an English relative clause (, which was
# founded in 2015,).
_RELATIVE_OPENER = re.compile(
    r"^[ ,]*(?:which|that|who)\s+(?:(?:has|had|have)\s+been|was|were|is|are)\s+")
# How far after an English age adjective (a 26-year-old) the name it qualifies may start.
_AGE_QUALIFIED_REACH = 30
# How many claims must name a subject for it to be the article's main subject
# (Extraction._article_subject): with the title naming it, and without.
_TITLE_SUBJECT_CLAIMS = 2
_MAIN_SUBJECT_CLAIMS = 4
# A change figure and "from" right before a date: the date is what it is measured from.
_CHANGE_FROM = re.compile(r"\d\s?(?:%|percent|per cent)\s+from$")
# Words that open an English topic alias without being part of the measure (of training).
_LEADING_LINKS = frozenset(("of", "the", "a", "an"))
_TITLE_LINE = re.compile(r"\s*#{1,3}[ \t]+([^\n]{1,120})")
# Two capitalised words in a row (Tim Cook), found overlapping (Tim Cook Smith).
_TWO_WORD_NAME = re.compile(r"(?=(?<![\w-])([A-Z][a-z]+) ([A-Z][a-z]+)(?![\w-]))")
# Between a sum and the same sum in another currency: a comma or a bracket only.
_CONVERSION_GAP = re.compile(r"\s*[，,（(]\s*(?:约|约合|大约|approximately|about|roughly)?\s*")
# Marks that close what stands before a who-phrase: （記者X／綜合報導）輝達公布.
_WHO_CLOSERS = (")", "）", "】", "]", "／", "/")
_BRACKETS = {")": "(", "）": "（", "】": "【", "]": "["}
# The last Latin word before a position (searched with an end bound).
_LAST_LATIN_WORD = re.compile(r"([a-z]+)[^a-z]*\Z")
_SOURCE_LIST = re.compile(r"与|和|、|及|以及|等|,|，|\sand\s")
# What a document says (…数据显示, …报告指出): the document word, after the source phrase.
_DOCUMENT_SAYS = re.compile(
    r"的?(?:最新|近日|日前|此前)?(?:公布|发布)?的?(数据|资料|统计|报告|调查|决算|普查|财报|公告)"
    r"(?:显示|表明|指出|称|披露)")
# A date that opens a source phrase (2022年全国社保基金决算数据): when, not whose.
_LEADING_DATE = re.compile(r"(?:\d{2,4}\s?年)?(?:\d{1,2}\s?月)?(?:\d{1,2}\s?日)?的?")
# jieba tags of a word that may open a document's name, and the tag letters of words
# that never stand in one (pronouns, numerals, adverbs, prepositions, conjunctions,
# particles, measure words, times, distinguishing words such as 上述).
_NOMINAL_FLAGS = frozenset(("n", "nz", "ns", "nt", "nr", "j", "nrt", "vn", "eng"))
_NOT_IN_DOCUMENT_NAME = frozenset("rmdpcuqtbfy")
# Date topics whose events happen in a publication: a 《title》 near the event is
# where (the journal), never what the date is of (data/topics.yaml keys).
_VENUE_TOPICS = frozenset({"publication_date"})
# Events that happen once to a thing (a product, a paper), many times to its maker.
_THING_TOPICS = frozenset({"release_date", "publication_date"})
_MAKER_KINDS = frozenset({"organisation", "person", "place"})
# What may stand before a date and its event for the sentence to have no subject of
# its own: spaces, marks, and 于/在 (于2023年7月17日成立).
_BARE_LEAD = re.compile(r"[\s\W于在是]*")
# An event verb with an object after it in its clause (发布了XMAGE, 推出了"视频号小店").
_OBJECT_AFTER = re.compile(r"(?:了|过)?\s?[^，,。；;！？!?\s]")
# A paragraph that opens with its speaker: 达叔说，……, 医疗问：…… (the verbs of a
# dialogue told in turns).
_PARAGRAPH_OPENER = re.compile(
    r"[ \t*>]*(?P<who>[^\s，,。：:“”\"「」*]{2,8}?)(?<!地)\**"
    r"(?:(?<!来)说|问|答|回答|反问|补充|解释)道?[，,：:]")  # 简单来说：is no speaker; 高兴地 no one
# A text is a dialogue told in turns when this many paragraphs open with a named
# speaker's verb (达叔问，…, 医疗说，…); a turn goes on for this many paragraphs.
_DIALOGUE_TURNS = 3
# A role alone (主任) that opens this many paragraphs with a speaking verb is a person.
_RECURRING_VOICE_TURNS = 2
# …and a noun that is no role (医疗说，…, 广州说，…) this many: see _recurring_voice.
_RECURRING_NOUN_TURNS = 3
# The tags of the words of a source named only by nouns (据猫眼专业版，…), and its length.
_NOUN_SOURCE_TAGS = frozenset(("n", "nz", "nt", "nr", "nrt", "ns", "j", "eng", "ng"))
_NOUN_SOURCE_CHARS = 12
# What may follow a measure that stands where a source would (CPI指数显示, 训练数据显示).
# The groups of lang group_frame that hold a group's members.
_MEMBER_GROUPS = ("members", "members2", "members3")
_DATA_TAIL = re.compile(r"(?:指数|数据|统计|数字)$")
# Words for data that a source's name may end in, and the tags of a proper name.
_DATA_WORDS = frozenset(("数据", "资料", "统计", "数字", "报告", "公告", "财报", "年报", "季报"))
_PROPER_TAGS = frozenset(("nz", "nt", "nr", "nrt", "ns", "eng", "j"))
# The tags of a word that may name a voice: nouns and names (医疗/n, 广州/ns).
_VOICE_TAGS = frozenset(("n", "nr", "nrt", "nz", "ns", "nt", "j"))
# 冯骥说：then paragraphs: how many paragraphs a source introduced with a colon
# speaks (_introduced_paragraphs), and how far its verb may stand from the colon
# (提到过一个观点：).
_INTRODUCED_PARAGRAPHS = 2
_INTRODUCED_LINES = 8
_SHORT_PARAGRAPH = 30
_INTRODUCER_GAP = 6
# A line of a block quote: Markdown's > or a paragraph set in italics (_…_), how
# WeChat articles set off what they quote; how many such lines one introducer speaks.
_QUOTE_LINE = re.compile(r"[ \t]*(?:>|_(?!_))")
_QUOTE_BLOCK_LINES = 16
# A figure standing alone as a question (_guessed): a question mark right after it,
# and before it only spaces or emphasis back to the end of a sentence or a line.
_GUESS_AFTER = re.compile(r"[ \t]*[?？]")
_GUESS_BEFORE = re.compile(r"(?:^|[?？。.!！\n])[ \t]*\Z")
# In a who-phrase, a sign of a verb phrase, not a name (指着泰勒·斯威夫特向父母宣布).
_VERBAL_CHARS = re.compile(r"[着了过向把被给]")
_TURN_PARAGRAPHS = 3
# The verb and mark every opening speaker has (_PARAGRAPH_OPENER, _PARAGRAPH_OPENER_ROLE).
_SPEAKING_VERB_COMMA = re.compile(r"(?:说|问|答|反问|补充|解释|介绍|回忆)道?[，,：:]")
# How many sentences on a speaker who opens a sentence inside a paragraph (黄老师说，…)
# may speak in it (Extraction._sentence_turn).
_SENTENCE_TURN_REACH = 6
# 时任宝龙集团的联席总裁陈德力说，: a paragraph that opens with a role and a name.
_PARAGRAPH_OPENER_ROLE = re.compile(
    r"[ \t*>]*(?P<head>[^\s，,。：:“”\"「」*]{4,24}?)(?:(?<!来)说|介绍|回忆)道?[，,：:]")
# How far from a topic word its owner may stand ("the training cost of R1", R1的训练成本).
_TOPIC_OWNER_GAP = 6
# Before an agent: 由幻方量化, founded by Liang Wenfeng, 被收购.
# How far after a name, and which word tags, make it part of a longer name
# (华为影像XMAGE: 影像/vn XMAGE/eng).
_COMPOUND_REACH = 12
# The longest opening clause of nothing but a noun phrase that a sentence's later
# figures take their measure from (日本的失业率，…，是2.4%).
_TOPIC_CLAUSE_CHARS = 12
# The longest stretch before such a figure in its own clause (是, 疫情中最高的时候上升到).
_TOPIC_CLAUSE_LEAD = 24
_COMPOUND_TAGS = frozenset(("n", "nz", "vn", "eng", "j", "nr", "ns", "nt", "nrt", "nrfg"))
_AGENT_BEFORE = re.compile(r"(?:由|被|\bby\s)\s?$")
# An event word that modifies what follows it (出生的很多老鼠, 成立于北京的公司).
_RELATIVE_AFTER = re.compile(r"(?:[在于][^，,。；;的]{0,30})?的(?=[\u4e00-\u9fffA-Za-z“\"《])")
# A word that makes what follows an event word where it happened (于广东, in China), up
# to a 的 that ends the place (出生于广东湛江的梁文锋).
_PLACE_BEFORE = re.compile(r"(?:[在于]|\b(?:in|at)\b)[^的]*$")
# Between the names of one list: 成都和深圳, Intel, AMD and Nvidia.
_LIST_JOINER = re.compile(r"\s*(?:[、,，/]|和|与|及|以及|跟|and|,\s*and|&)\s*")
# What follows a name that 在 puts in a setting: 在MATH-500测试中, 在App Store上.
_SETTING_AFTER = re.compile(r"[^，,。；;的]{0,4}?(?:中|上|里|内|当中)")
# Spaces, 的 and 's at the end of what stands before a name (比OpenAI的 o1).
_POSSESSIVE_TAIL = re.compile(r"(?:\s|的|'s)+$")
_POSSESSIVE_TAILS = re.compile(r"(?:\s|的|'s)*$")
# A noun phrase this short that ends as a measure does (总收入, 营业收入) names no owner.
_BARE_MEASURE_CHARS = 4
# How many clauses back a clause without a topic of its own looks for one.
_TOPIC_CLAUSES_BACK = 3
# ", an analyst at Bernstein," after an English speaker's name.
# An English source described by where it is: "an analyst from Shanghai said".
_EN_MODIFIER_BEFORE = re.compile(
    r"(?P<head>(?:\b[A-Za-z][\w.'-]*\s+){1,3}?)(?P<prep>from|in|based in|at|of)\s+(?:the\s+)?$")
# An aside set off by commas that opens with a participle or a relative pronoun:
# ", crafted by the DeepSeek team,", ", which was trained on…,".
_PARTICIPLE_ASIDE = re.compile(r"\s*(?:[a-z]+ed|written|built|made|led|run|known|which|who)\b")
# What stands between a name and the figure it owns: "Llama 3's 30.8M", "Meta's $65B".
_OWNS_NEXT = re.compile(r"(?:\s[\w.-]{1,8})?['’]s\s+(?:[$€£¥]\s?)?")
# A name's figure in brackets right after it, a word or two between: Llama模型(6600万次).
_OWNS_BRACKETED = re.compile(r"[^\s,，。；;：:()（）]{0,4}\s?[(（]")
# A list row that labels its figure: "Training time: 280K GPU hours", "Growth: up
# 22%", "- 营收：约…".
_LABELLED_ROW = re.compile(
    r"\s*(?:[-*•·]\s*)?[^:：\n。.!?！？]{1,30}[:：]\s*(?:[^\d\s$€£¥:：]{1,10}\s*){0,2}")
_LIST_ROWS = 12  # how many rows above a row its list's intro line may stand
_HEADING_CHARS = 40  # a line this short without a sentence end is a heading
# A model code after a possessive: "their V3 model", "Meta's V3", "DeepSeek的V3模型".
_OWNED_CODE = re.compile(
    r"(?:\b(?:its|their|the company's|the firm's)\s+|['’]s\s+|的|其|旗下)"
    r"(?P<code>[A-Z]\d{1,2}(?:\.\d)?)(?![A-Za-z0-9.-])")
# The capitalised words right before a possessive ('s): an owner's name as written.
_CAPITALISED_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3}\Z")
# ", an analyst at Bernstein," after a name; or ending its sentence (said Jane Doe,
# the chief financial officer.).
_APPOSITION = re.compile(r",\s*([^,;:.]{2,70})(?:,|[.;](?:\s|$)|$)")
# A clause that holds nothing before its date but a preposition: ", in 2016,".
_BARE_DATE_CLAUSE = re.compile(r"[\s,，]*(?:in|on|at|since|于|在)?\s*")
# "by" right before a figure: a change's amount (fell by $20.1 billion to $104 billion);
# "from": the start of a change (rose from $5 billion to $6 billion, 从5亿元增至6亿元).
_BY_OR_FROM_BEFORE = re.compile(r"(?:(?<![a-z])(?:by|from)\s|从|由)(?:[^\s\d]{1,3})?\s?\Z")
# A change written to-value first (fell to $2.9 trillion from $3.5 trillion): "to"
# right before the first figure, "from" alone between the two.
_TO_BEFORE = re.compile(r"(?<![a-z])to\s\Z")
_FROM_BETWEEN = re.compile(r"\sfrom\s")
# …reached $10 billion in June, up from $5.5 billion a year earlier: the value before,
# after a level and its date (the same change, the level first).
_UP_FROM_BETWEEN = re.compile(
    r"(?:\s(?:in|on|at|by|as of)\s[^,;.\d]{0,20}(?:\d{1,4}[^,;.]{0,10})?)?,?\s"
    r"(?:up|down|rising|falling|compared with|compared to|versus)\s(?:from\s)?")
# Shares and their verb right before a figure (Tesla's shares jumped 22%, its stock has
# fallen 5%).
_SHARES_MOVED = re.compile(r"\b(?:shares|stock)\s+(?:(?:have|has|had)\s+)?[a-z]+\s+(?:by\s+)?\Z")
# What a maker compiles and speaks through (彭博亿万富翁指数, 胡润百富榜): as zh.yaml's
# ranking source pattern names them.
_COMPILED_RANKINGS = ("指数", "榜单", "排行榜", "百富榜", "富豪榜", "白皮书", "蓝皮书")
# A possessive right after a source's verb that points to another (估计其总支出).
_POINTS_ELSEWHERE = re.compile(r"\s*[，,]?\s*(?:其|它的|他们的)")
# A relative clause running into a figure: ", which manages about " (no mark between).
_RELATIVE_TO_FIGURE = re.compile(r",\s(?:which|who)\s[^,;:.!?]{0,60}\Z")
# A quotation mark that opens a sentence (after blanks and markup; a straight one
# before a word, not the close of the sentence before left at this one's start).
_QUOTE_OPEN = re.compile(r"[\s*]*(?:[“「]|\"(?=\S))")
_ANY_QUOTE_CLOSE = re.compile(r"[”」\"]")
# A time word at the end of a who-phrase (香港经济今年预计): when, not who.
_TRAILING_TIME = re.compile(r"(?:今年|明年|去年|全年|今天|明天|本季度|本月|下半年|上半年)$")
# Roles whose holders speak of others (an analyst's firm is not what she estimates).
_OBSERVER_ROLE = re.compile(r"analyst|economist|strategist|分析师|经济学家|策略师")
# The lower-case English word right after a figure (a £3m charge).
_EN_WORD_AFTER = re.compile(r" ([a-z][a-z-]+)\b")
# A figure that restates the one before it in another unit (升345点或1.8%, up 345
# points, or 1.8%): "or" alone between them.
_RESTATED = re.compile(r"\s*(?:或|,?\s*or)\s*")
# A level named as a mark a price or an index passes (6660点的“心理防线”, 3000点大关,
# 16666点的历史最高位): the figure is that level, whatever verb of change leads to it.
_LEVEL_NOUN_AFTER = re.compile(
    r"的?[“\"'「]?(?:心理)?(?:防线|关口|大关|整数关口?|关卡|(?:历史)?(?:最)?高位|(?:历史)?(?:最)?高点|"
    r"(?:历史)?(?:最)?低点|(?:历史)?(?:最)?低位)")
# What may stand between an adverb of direction and the figure it leads into (up by 5%).
_TO_FIGURE = re.compile(r"\s*(?:by\s|about\s|nearly\s|almost\s|more than\s)?")
# A year written with two digits (06年, 22年底) in an article with no date: the
# years up to this one are this century's (a decision: the corpus runs to 2025).
_TWO_DIGIT_YEARS_UP_TO = 2030
# How far (in characters) a subject written after a figure may start: 5000亿美元“星际之门”.
_AFTER_FIGURE_GAP = re.compile(r"^[\s“”\"'「」『』《]{0,2}$|^的[“\"「《]?$|^的是$|^is$")
# A sentence longer than this (a table flattened into one line, a list with
# no full stop) is cut at clause ends, so that context searches stay bounded
# and a run-on line costs what its pieces cost, not its square.
MAX_SENTENCE = 400
# An interview answer runs over a few lines after its "郑永年:" line; further
# than this, the text has gone back to narrative (seed 001 quotes a few turns).
TURN_CARRY_LINES = 4
# Relative years and months as offsets from the publication date. These are
# matched by the date patterns in lang/*.yaml (groups rel_year and rel_month).
RELATIVE_YEARS = {"今年": 0, "this year": 0, "去年": -1, "last year": -1, "明年": 1,
                  "next year": 1, "前年": -2}
RELATIVE_MONTHS = {"上个月": -1, "上月": -1, "last month": -1, "本月": 0, "这个月": 0,
                   "this month": 0, "下个月": 1, "next month": 1}


def _bare_report(phrase: str) -> bool:
    """Whether an attribution with no speaker is a bare mention of a report (报道称,
    该报告指出, the report also said: at most 8 Chinese characters or 5 words), which
    goes back to the report named before; a longer phrase (据某机构公布的最新一期报告
    显示) names a report of its own."""
    han = len(HAN.findall(phrase))
    return han <= 8 if han else len(phrase.split()) <= 5


@dataclass
class DateMention:
    start: int
    end: int
    iso: str
    period_start: date | None
    period_end: date | None
    precision: str
    used_as_period: bool = False
    # A date of a statement (黄仁勋周一表示, said on Monday): the claim's said_on,
    # never the period of a figure nor a dated event.
    said: bool = False
    # A quarter (第三季, Q3 2025) or a fiscal year (2026财年, fiscal 2026): which one,
    # whether the text gave its year, and whether it says the company's fiscal calendar
    # (财季, fiscal), for the subject's fiscal calendar (Extraction._fiscal_period).
    quarter: int | None = None
    fiscal_year: int | None = None
    year_stated: bool = False
    fiscal: bool = False


@dataclass
class Figure:
    start: int
    end: int
    kind: str
    value: float | None
    unit: str | None
    unit_text: str | None
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None
    precision: float | None = None
    core_start: int = 0
    core_end: int = 0
    # A change from → to: the value before, and the direction its verb says.
    from_value: float | None = None
    change_direction: str | None = None


@dataclass
class EntityMention:
    start: int
    end: int
    name: str
    kind: str


@dataclass
class Attribution:
    start: int
    end: int
    who_start: int
    who_end: int
    speaker: str | None
    phrase: str
    role: str | None = None  # the speaker's role as written (首席执行官, analyst)
    said_on: date | None = None  # the day of the statement, when the text gives it
    # Whether the source hands on only what follows it (a clause with no speaker of its
    # own, 并表示…, and said…; 他说，…): a figure before it in its sentence is not its.
    hands_on: bool = False


@dataclass
class SentenceInfo:
    start: int
    end: int
    entities: list[EntityMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    subject: str | None = None
    topics: list[tuple[int, int, str, str | None]] | None = None
    # Spans of role words (首席执行官, analyst): never a name; a speaker's role.
    roles: list[tuple[int, int]] = field(default_factory=list)
    # ids of the entities that say where, not what (Extraction._located), once found.
    located: set[int] | None = None
    # The spans that list a group's members (Extraction._group_members), once found.
    members: list[tuple[int, int]] | None = None


class Extraction:
    """The state of one extract_claims call."""

    def __init__(self, g: Grammar, text: str, lang: str | None, published: date | None,
                 author: str | None, published_precision: str = "day",
                 currency: str | None = None) -> None:
        self.g = g
        self.text = text
        self.folded = join_broken_lines(fold(text), g.broken_line)
        self.lower = blank_markup(ascii_lower(self.folded))
        self.lang = lang or _detect(text)
        self.local_currency = currency  # what a bare 元 is here (None: unknown)
        self.published = published
        self.published_precision = published_precision if published else "unknown"
        self.author = self._canonical(author) if author else None
        self.mask = bytearray(len(text))
        match = _FRONT_MATTER.match(text)
        self.body_start = match.end() if match and ":" in match.group(0) else 0
        self.mask[: self.body_start] = b"\x01" * self.body_start
        self.sentence_bounds = self._sentence_bounds()
        self.clause_bounds = [m.end() for m in g.clause_end.finditer(self.lower)]
        self.turns = self._interview_turns()
        self.narrator_from = 0
        self.narrator_sections: list[tuple[int, tuple[str, str]]] = []
        # The speaker who opens a paragraph or a sentence, by its start (_opening_speaker).
        self.paragraph_speakers: dict[int, tuple[str, str] | None] = {}
        # The body each person speaking was named a member of (宁德时代董事长曾毓群).
        self.person_bodies: dict[str, str] = {}
        # Whom a sentence's 他 or she was found to point to, by the sentence's start: a
        # 他 of the next sentence that names no one points to the same person.
        self.referents: dict[int, str] = {}
        # The names chinese_names finds in a clause, by its span (see _titled_person).
        self.clause_names: dict[tuple[int, int], list] = {}
        # Whom each 黄老师 (a surname and a title) was found to be ("" for no one named
        # before), by where it stands.
        self.titled_names: dict[int, str] = {}
        # How many paragraphs each who-phrase opens with a speaking verb (主任说，…).
        self.voice_turns: Counter[str] | None = None
        # The source a colon above hands each paragraph to (_introduced_paragraphs).
        self.introduced: dict[int, tuple[str, str] | None] = {}
        # Each sentence read so far, by its index (_sentence); a pronoun source looks back
        # into it while its own sentence is being read.
        self.sentences: dict[int, SentenceInfo] = {}
        self.line_marks: dict[tuple[int, str], float] = {}  # (_first_in_line)
        # (line start, heading or turn opener?, opener's named speaker) of each non-empty
        # line of a dialogue told in turns (_continued_turn), [] when the text is none;
        # None: not read yet.
        self.turn_lines: list[tuple[int, bool, tuple[str, str] | None]] | None = None
        self.full_names: dict[str, list[tuple[int, str, str]]] | None = None  # _full_name
        # Whether each string is one of the article's recurring terms (_recurring_terms_in),
        # and the text they are counted in, made on first use.
        self.terms: dict[str, bool] = {}
        self.term_body: str | None = None
        self.narrator = self._narrator()
        self.credited = self._credited_writer()
        self.writer_subjects = 0  # claims whose subject is the credited writer's 我
        # (sentence start, kind, direction, topic) of the claim made last.
        self.last_claim: tuple[int, str, str, str | None] | None = None
        # The last figure's end, kind, subject, measure and topic (a restatement's).
        # (end, kind, subject, measure, topic, unit) of the figure said last.
        self.last_said: tuple[int, str, str | None, str | None, str | None,
                              str | None] | None = None
        # The role of the speaker _speaker found last (an attribution's, if any).
        self.last_role: str | None = None
        self.last_said_on: date | None = None
        # Whether a comparison word stands before an entity, by id: (entity, others, answer).
        self.compared: dict[int, tuple[EntityMention, list | None, bool]] = {}

    # --- set-up ---------------------------------------------------------------

    def _sentence_bounds(self) -> list[int]:
        """Where sentences end; a run-on "sentence" is cut at clause ends (see MAX_SENTENCE)."""
        ends = [m.end() for m in self.g.sentence_end.finditer(self.folded)]
        if not ends or ends[-1] != len(self.text):
            ends.append(len(self.text))
        if all(end - start <= MAX_SENTENCE for start, end in zip([0, *ends], ends, strict=False)):
            return ends
        bounded, start = [], 0
        for end in ends:
            while end - start > MAX_SENTENCE:
                cut = max((m.end() for m in self.g.clause_end.finditer(
                    self.folded, start + MAX_SENTENCE // 2, start + MAX_SENTENCE)),
                    default=start + MAX_SENTENCE)
                bounded.append(cut)
                start = cut
            bounded.append(end)
            start = end
        return bounded

    def _narrator(self) -> tuple[str, str] | None:
        """(name, credit line) of the person whose talk the article is: a credit
        讲述｜李浴洋 or 口述 | 陈丹青 near the top. Figures nobody else is said to
        state are theirs, not the outlet's."""
        head = self.folded[self.body_start : self.body_start + NARRATOR_WINDOW]
        match = _NARRATOR_CREDIT.search(head)
        if match is None:
            return None
        # As written (駱以軍 in traditional script), not as folded.
        who = self.text[self.body_start + match.start("who") :
                        self.body_start + match.end("who")].strip("* ")
        if not (self.g.entity_of.get(compact_key(who)) or self._looks_like_name(who)):
            return None
        start = self.body_start + match.start()
        self.narrator_from = start
        credit = self.text[start : start + len(match.group(0))].strip()
        self.narrator_sections = self._narrator_sections(match.end("who"))
        return self._canonical(who), credit

    def _narrator_sections(self, first_end: int) -> list[tuple[int, tuple[str, str]]]:
        """自述｜耿军、顾桃、班宇, then a part headed by each (**顾桃：大兴安岭回不去了**):
        (where the heading stands, (name, heading)) for each credited narrator after the
        first whose part a heading line opens with the name, in text order; the first
        narrator tells what comes before them."""
        head = self.folded[self.body_start : self.body_start + NARRATOR_WINDOW]
        line_end = head.find("\n", first_end)
        if line_end < 0:
            return []  # the credit is the text's last line: no part follows it
        others = _NARRATOR_OTHERS.findall(head[first_end:line_end])
        sections = []
        for name in others:
            # a heading (a short line, bold or #), not a line of dialogue (**梁捷**：个人养老金
            # 到底是…？), which turns read
            heading = re.compile(
                r"^[ \t]*(?:#+[ \t*]*(?P<name>" + re.escape(name) + r")[ \t*]*[：:｜|][^\n]{0,30}"
                r"|\*\*[ \t]*(?P<bold>" + re.escape(name) + r")[ \t]*[：:｜|][^\n*]{0,30}\*\*)"
                r"[ \t]*$", re.M)
            found = heading.search(self.folded, self.body_start + line_end)
            if found is not None:
                part = "name" if found.group("name") else "bold"
                line = self.text[found.start() : found.end()]
                sections.append((found.start(), (
                    self._canonical(self.text[found.start(part) : found.end(part)]),
                    line.strip(" \t#>*"))))
        return sorted(sections)

    def _credited_writer(self) -> str | None:
        """The writer a credit line names (文｜读者：刘若阳, 观点 / 刘润), anywhere in the
        text: whom the narration's 我 is (我花费十九年的时间). The credit makes no one
        the speaker of the narration (tests/gold/corpus/README.md): the writer is the
        subject of the first-person clauses only."""
        if self.author is not None:
            return self.author
        found = {}
        for match in _WRITER_CREDIT.finditer(self.folded, self.body_start):
            part = "byline" if match.group("by") else "who"
            who = _CREDIT_ROLE_SUFFIX.sub("", self.text[match.start(part) : match.end(part)]
                                          .strip("* "))
            if self._pen_name(who):
                found.setdefault(match.group("label") or "By", self._canonical(who))
        credited = next((found[label] for label in _WRITER_LABELS if label in found), None)
        return credited if credited is not None else self._self_introduced()

    def _self_introduced(self) -> str | None:
        """The writer who introduces himself near the top (大家好，我是达叔。): after a
        greeting any name a writer may take, without one a name by its form (我是一名
        顾问 is no name)."""
        window = self.folded[self.body_start : self.body_start + NARRATOR_WINDOW]
        for match in _SELF_INTRODUCTION.finditer(window):
            who = self.text[self.body_start + match.start("who") :
                            self.body_start + match.end("who")]
            if self._pen_name(who) and (match.group("hello") or self.g.entity_of.get(
                    compact_key(who)) or self._looks_like_name(who) and not who.isupper()):
                return self._canonical(who)
        return None

    def _interview_turns(self) -> list[tuple[int, str | None, str]]:
        """(line start, speaker, marker) of every interview turn, if the text is an interview."""
        turns = []
        for match in self.g.turn.finditer(self.folded, self.body_start):
            who = match.group("who")
            if re.search(r"\d", who) or compact_key(who) in self.g.generic_sources:
                continue
            if len(who) > 6 and not re.fullmatch(r"[A-Za-z .'-]+", who):
                continue
            if who.lower() in {"note", "update", "source", "注", "来源", "编者按", "图", "按",
                               "date", "title", "url", "photo", "summary"}:
                continue
            written = self.text[match.start("who") : match.end("who")].strip()
            # 比如：, 注意：: a word with a colon is a label, not an interview turn.
            if not self.g.entity_of.get(compact_key(who)) and not self._looks_like_name(who):
                continue
            turns.append((match.start(), self._canonical(written), written))
        # A lone "X:" is a label, not an interview, unless X is a person we know.
        if len(turns) == 1:
            known = self.g.entity_of.get(compact_key(turns[0][2]))
            return turns if known and known[1] == "person" else []
        return turns

    def _windows(self) -> list[tuple[int, int]]:
        """The runs of sentences that may hold a figure or a date; only these are scanned."""
        windows: list[tuple[int, int]] = []
        position = self.body_start
        bounds = self.sentence_bounds
        while (match := self.g.trigger.search(self.lower, position)) is not None:
            index = bisect.bisect_right(bounds, match.start())
            start = max(bounds[index - 1] if index else 0, self.body_start)
            end = bounds[index] if index < len(bounds) else len(self.text)
            if windows and windows[-1][1] >= start:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
            position = end
        return windows

    def _scan(self, pattern: re.Pattern, source: str | None = None,
              script: re.Pattern | None = None):
        """Every match of a pattern inside the windows (that have the script), in text order."""
        source = self.lower if source is None else source
        windows = self.windows if script is None else self._windows_with(script)
        required = getattr(pattern, "required", None)  # an AnchoredPattern's (anchors.py)
        if not windows or required is not None and required.search(
                source, windows[0][0], windows[-1][1]) is None:
            return  # what every match holds is in no window: one search, not one a window
        for start, end in windows:
            yield from pattern.finditer(source, start, end)

    def _windows_with(self, script: re.Pattern) -> list[tuple[int, int]]:
        """The windows that hold a script, found once per script (case does not matter)."""
        found = self.script_windows.get(script)
        if found is None:
            found = [(start, end) for start, end in self.windows
                     if script.search(self.lower, start, end)]
            self.script_windows[script] = found
        return found

    def _mark_excluded(self) -> None:
        """Mark what holds no figure: 1 where nothing counts, 3 in a 《title》 (names still do)."""
        for pattern in self.g.excluded:
            mark = b"\x03" if pattern.pattern.startswith("《") else b"\x01"
            for match in self._scan(pattern):
                self.mask[match.start() : match.end()] = mark * (match.end() - match.start())
        self.dateline_ends: dict[int, int] = {}  # start → end of each news dateline
        for pattern in self.g.datelines:
            for match in self._scan(pattern):
                self.mask[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
                self.dateline_ends[match.start()] = match.end()

    def _free(self, start: int, end: int) -> bool:
        return not any(self.mask[start:end])

    def _canonical(self, name: str) -> str:
        """The canonical entity name for a name as written, else the name itself."""
        found = self.g.entity_of.get(compact_key(name))
        if found:
            return found[0]
        for match in self.g.entity.finditer(ascii_lower(fold(name))):
            hit = self.g.entity_of.get(compact_key(match.group(0)))
            if hit and match.end() - match.start() >= len(name.strip()) - 1:
                return hit[0]
        return name.strip()

    # --- the pass -------------------------------------------------------------

    def run(self) -> list[Claim]:
        self.windows = self._windows()
        self.script_windows: dict[re.Pattern, list[tuple[int, int]]] = {}
        self._mark_excluded()
        dates = self._dates()
        self.dates = dates
        self.date_starts = [mention.start for mention in dates]
        for mention in dates:
            self.mask[mention.start : mention.end] = b"\x02" * (mention.end - mention.start)
        figures = self._from_to(self._figures())
        sentences = self.sentences
        claims = []
        self.figures = figures
        self.figure_starts = [f.start for f in figures]
        # The source of each list item found so far (a list is read top down).
        self.list_sources: dict[int, tuple[str, str] | None] = {}
        # The span of each ranking's list, by the figure's start (_scope_span).
        self.scope_spans: dict[int, tuple[int, int] | None] = {}
        for figure in figures:
            info = self._sentence(figure.start, sentences)
            claims.append(self._claim(figure, info, dates, sentences))
        for mention in dates:
            claim = self._date_claim(mention, figures, sentences)
            if claim is not None:
                claims.append(claim)
        claims.sort(key=lambda c: (c.start, c.end))
        claims = [_on_one_line(claim) for claim in claims]
        main = self._article_subject(claims)
        if main is not None:
            guessed = {"subject": main, "subject_inferred": True}
            known = self.g.entity_of.get(compact_key(main))
            place = known is not None and known[1] == "place"
            claims = [claim.model_copy(update=guessed)
                      if claim.subject is None and self._about_the_article(claim, place)
                      else claim for claim in claims]
            if known is not None and known[1] == "organisation":
                # The company said… with no company named in the sentences before: in an
                # article about Nvidia, Nvidia (a body word, never he or they).
                claims = [claim.model_copy(update={"speaker": main})
                          if self._body_anaphor(claim) else claim for claim in claims]
        return claims

    def _example(self, info: SentenceInfo, clause_start: int,
                 eligible: list[EntityMention]) -> str | None:
        """以较早开板的万龙滑雪场为例，…迎接了超过1000名…: a figure in a clause after a
        frame that takes X as an example is X's: the last name inside the frame, else
        the words after its last 的 (lang example_frame)."""
        for frame in self.g.example_frame:
            match = frame.match(self.lower, info.start)
            if match is None or match.end() > clause_start:
                continue
            start, end = match.span("example")
            named = [e for e in eligible if start <= e.start and e.end <= end]
            if named:
                return named[-1].name
            head = self.text[start:end]
            head = head[head.rfind("的") + 1 :].strip(" “”\"'")
            # (以2014年的数据为例: data is no example of anything a figure is about)
            if 2 <= len(head) <= _EXAMPLE_HEAD_CHARS and \
                    fold(head) not in subject_rules().not_subjects:
                return head
        return None

    def _about_the_article(self, claim: Claim, main_is_place: bool) -> bool:
        """Whether a figure no sentence gives a subject may take what the article is
        about: not a GDP or a population when that is no place (place_topics), nor a
        figure of a clause that opens with 我 or we (我去年的收入: the speaker's own)."""
        if claim.topic in place_topics() and not main_is_place:
            return False
        opener = self.g.first_person_opener.match(self.lower, self._clause_start(claim.start))
        return opener is None or opener.end() > claim.start

    def _body_anaphor(self, claim: Claim) -> bool:
        """Whether a claim's source is an anaphoric body (the company said, 该公司表示)
        that no sentence near it named."""
        if claim.speaker is not None or not claim.attribution:
            return False
        phrase = ascii_lower(fold(claim.attribution)).strip()
        return self.g.anaphoric_source.match(phrase) is not None and \
            self.g.body_word.search(phrase) is not None

    def _article_subject(self, claims: list[Claim]) -> str | None:
        """What the article is about, for the figures neither their sentence nor the
        sentences before them give a subject (大S花了2亿新台币 and then 2016年，又花4亿
        新台币: 大S's): the subject its claims name most, when the title line names it
        and two claims do, else when four claims do. A reader takes an unnamed figure
        to be about what the article is about; below those counts the article has no
        one main subject and the figure keeps none."""
        counts = Counter(claim.subject for claim in claims if claim.subject)
        if self.credited is not None:
            # The writer's own 我 tells the story: it says nothing of what it is about.
            counts[self.credited] -= self.writer_subjects
            counts = +counts
        if not counts:
            return None
        ranked = counts.most_common()
        title = self._title()
        if title:
            key = compact_key(title)
            named = {self.g.entity_of.get(compact_key(m.group(0)), (None,))[0]
                     for m in self.g.entity.finditer(ascii_lower(fold(title)))}
            for name, count in ranked:
                if count < _TITLE_SUBJECT_CLAIMS:
                    break
                if name in named or compact_key(name) in key:
                    return name
        name, count = ranked[0]
        return name if count >= _MAIN_SUBJECT_CLAIMS else None

    def _title(self) -> str | None:
        """The article's title line: a Markdown heading that opens the body."""
        match = _TITLE_LINE.match(self.text, self.body_start)
        return match.group(1) if match else None

    # --- dates ----------------------------------------------------------------

    def _dates(self) -> list[DateMention]:
        found: list[DateMention] = []
        taken = bytearray(len(self.text))
        scripts = {"zh": HAN, "en": LATIN_WORD}
        for pattern, lang in self.g.dates:
            source = self.folded if lang == "en" else self.lower
            for match in self._scan(pattern, source, scripts[lang]):
                start = match.end("lead") if match.groupdict().get("lead") else match.start()
                end = match.end()
                if start == end or any(taken[start:end]) or any(self.mask[start:end]):
                    continue
                if not self._date_edges_ok(start, end):
                    continue
                mention = self._resolve_date(match.groupdict(), start, end, lang)
                if mention is None:
                    continue
                taken[start:end] = b"\x01" * (end - start)
                found.append(mention)
        found.sort(key=lambda d: d.start)
        return found

    def _date_edges_ok(self, start: int, end: int) -> bool:
        before = self.lower[start - 1] if start else " "
        after = self.lower[end] if end < len(self.lower) else " "
        if before.isdigit() or before == "." or (before.isascii() and before.isalpha()):
            return False
        # 3月 in "3月份" fine; "2025年" followed by a digit is a figure like 2025年度? keep simple
        return not (after.isdigit() and self.lower[end - 1].isdigit())

    def _resolve_date(self, groups: dict, start: int, end: int, lang: str) -> DateMention | None:
        zh, en = self.g.lexicon.zh, self.g.lexicon.en
        day_of_statement = self._statement_day(groups, lang)
        if day_of_statement is not False:
            if day_of_statement is None:
                return None
            return DateMention(start, end, day_of_statement.isoformat(), day_of_statement,
                               day_of_statement, "day")
        year = _small_number(groups.get("y"), zh)
        month = _small_number(groups.get("m"), zh)
        day = _small_number(groups.get("d"), zh)
        if groups.get("mname"):
            month = en.month_names.get(groups["mname"].lower().rstrip("."))
        quarter = None
        if groups.get("q"):
            quarter = _small_number(groups["q"], zh)
        elif groups.get("qword"):
            quarter = en.quarter_words.get(groups["qword"].lower())
        published = self.published
        if groups.get("qend"):
            # the December quarter: the three months ending with it, in the year given,
            # else the latest such quarter ended by the publication date.
            last = en.month_names[groups["qend"].lower()]
            if year is None:
                if published is None:
                    return None
                sentence = (self.lower, self._sentence_start(start), self._sentence_end(start))
                if self.g.future.search(*sentence) or self.g.forecast.search(*sentence):
                    # it expected revenue of $43bn … in the quarter to the end of April:
                    # the next such quarter
                    year = published.year if last >= published.month else published.year + 1
                else:
                    year = published.year if last < published.month else published.year - 1
            begin = date(year, last - 2, 1) if last > 2 else date(year - 1, last + 10, 1)
            calendar = last % 3 == 0  # (the January quarter: Nov-Jan, three months)
            label = f"{year}-Q{last // 3}" if calendar else f"{begin:%Y-%m}/{year}-{last:02d}"
            # (no quarter number: the months are named, whatever a fiscal year calls them)
            return DateMention(start, end, label, begin, _month_end(year, last),
                               "quarter" if calendar else "month",
                               year_stated=bool(groups.get("y")))
        fiscal_year = _small_number(groups.get("fy"), zh)
        if fiscal_year is not None or groups.get("fiscal"):
            # 2026财年第三财季, fiscal Q3, FY2026: the company's own calendar, known only
            # once the subject is (_fiscal_period); the calendar quarter of the fiscal
            # year's number stands in until then.
            if fiscal_year is not None and not 1000 <= fiscal_year <= 2999 or \
                    quarter is not None and not 1 <= quarter <= 4:
                return None
            year = fiscal_year if fiscal_year is not None else published.year if published \
                else None
            if quarter is None:
                return DateMention(start, end, f"FY{fiscal_year}", date(year, 1, 1),
                                   date(year, 12, 31), "year", fiscal_year=fiscal_year,
                                   year_stated=True, fiscal=True)
            if year is None:
                return None
            return DateMention(start, end, f"{year}-Q{quarter}", date(year, 3 * quarter - 2, 1),
                               _month_end(year, 3 * quarter), "quarter", quarter=quarter,
                               fiscal_year=fiscal_year, year_stated=fiscal_year is not None,
                               fiscal=True)
        if groups.get("yy"):  # 22年底, 06年: the latest such year not after next year
            latest = (published.year if published else _TWO_DIGIT_YEARS_UP_TO) + 1
            year = 2000 + int(groups["yy"])
            year = year if year <= latest else year - 100
        if groups.get("roc"):  # 民国113年: the Republic of China calendar, year 1 = 1912
            roc = _small_number(groups["roc"], zh)
            year = None if roc is None else 1911 + roc
        if groups.get("rel_last") and month is not None:  # last December, this March, next May
            if published is None:
                return None
            which = groups["rel_last"].lower()
            if which == "last":
                year = published.year if month < published.month else published.year - 1
            elif which == "next":
                year = published.year if month > published.month else published.year + 1
            else:
                year = published.year
        if groups.get("rel_year"):
            if published is None:
                return None
            offset = RELATIVE_YEARS.get(groups["rel_year"].lower(), 0)
            year = published.year + offset
        if groups.get("rel_month"):
            if published is None:
                return None
            offset = RELATIVE_MONTHS.get(groups["rel_month"].lower(), 0)
            first = date(published.year, published.month, 1)
            if offset < 0:
                first = (first - timedelta(days=1)).replace(day=1)
            elif offset > 0:
                first = (first + timedelta(days=32)).replace(day=1)
            return _month_mention(start, end, first.year, first.month)
        if groups.get("decade"):
            decade = int(groups["decade"])
            if decade < 100:
                decade += 1900
            if decade % 10 or not 1000 <= decade <= 2990:
                return None
            return DateMention(start, end, f"{decade}s", date(decade, 1, 1),
                               date(decade + 9, 12, 31), "year")
        if year is not None and not 1000 <= year <= 2999:
            return None
        if groups.get("y2"):
            year2 = int(groups["y2"])
            if year is None or not year < year2 <= year + 100:
                return None
            return DateMention(start, end, f"{year}/{year2}", date(year, 1, 1),
                               date(year2, 12, 31), "year")
        if quarter is not None:
            if not 1 <= quarter <= 4:
                return None
            year_stated = year is not None
            if year is None and published is not None:
                # 第三季营收: a quarter without a year is the latest one begun by publication.
                year = published.year if 3 * quarter - 2 <= published.month else \
                    published.year - 1
            if year is None:
                return None
            first = date(year, 3 * quarter - 2, 1)
            last = _month_end(year, 3 * quarter)
            return DateMention(start, end, f"{year}-Q{quarter}", first, last, "quarter",
                               quarter=quarter, year_stated=year_stated)
        if month is not None:
            if not 1 <= month <= 12:
                return None
            if year is None:
                if published is None:
                    if day is not None and _valid_day(2000, month, day):
                        return DateMention(start, end, f"--{month:02d}-{day:02d}", None, None,
                                           "day")
                    return DateMention(start, end, f"--{month:02d}", None, None, "month")
                # A month without a year is the latest such month up to publication,
                # or the next one when the clause speaks of a plan (计划自六月起).
                if self._future_clause(start):
                    year = published.year if month >= published.month else published.year + 1
                else:
                    year = published.year if month <= published.month else published.year - 1
            if day is not None:
                if not _valid_day(year, month, day):
                    return None
                when = date(year, month, day)
                return DateMention(start, end, when.isoformat(), when, when, "day")
            return _month_mention(start, end, year, month)
        if year is not None:
            parts = (zh if lang == "zh" else en).year_parts
            months = parts.get((groups.get("part") or "").lower())
            if months:  # 2023年底, early 2024: the months of that part, not the whole year
                first, last = months
                return DateMention(start, end, f"{year}-{first:02d}/{year}-{last:02d}",
                                   date(year, first, 1), _month_end(year, last), "month")
            return DateMention(start, end, f"{year}", date(year, 1, 1), date(year, 12, 31), "year")
        return None

    def _statement_day(self, groups: dict, lang: str) -> date | None | bool:
        """The day a weekday, a relative day or a bare day of the month names (周一, 昨天,
        27日, on Monday), the latest such day up to publication; None when there is no
        publication date to resolve it; False when the date is none of these."""
        data = self.g.lexicon.zh if lang == "zh" else self.g.lexicon.en
        published = self.published
        known_day = self.published_precision == "day"
        if groups.get("weekday"):
            word = groups["weekday"].lower()
            weekday = data.weekdays.get(word[-1] if lang == "zh" else word)
            if published is None or weekday is None or not known_day:
                return None
            return published - timedelta(days=(published.weekday() - weekday) % 7)
        if groups.get("rel_day"):
            offset = data.relative_days.get(groups["rel_day"].lower())
            return None if published is None or offset is None or not known_day else \
                published + timedelta(days=offset)
        if groups.get("d") and not groups.get("m") and not groups.get("mname"):
            day = _small_number(groups["d"], self.g.lexicon.zh)
            if published is None or day is None or self.published_precision == "year":
                return None
            if not known_day:  # published in 2025-01: 27日 is in that month
                valid = _valid_day(published.year, published.month, day)
                return date(published.year, published.month, day) if valid else None
            month_back = published.replace(day=1) - timedelta(days=1)
            for candidate_month in (published, month_back):
                if day <= published.day or candidate_month is month_back:
                    if _valid_day(candidate_month.year, candidate_month.month, day):
                        return date(candidate_month.year, candidate_month.month, day)
            return None
        return False

    def _future_clause(self, position: int) -> bool:
        """Whether a future marker stands before ``position`` in its clause (计划自六月起,
        would reach 1,000 vehicles by June); one after it (said on January 24 that the
        company would spend) leaves the date in the past."""
        start = self._clause_start(position)
        return self.g.future.search(self.lower, start, position) is not None

    # --- figures --------------------------------------------------------------

    def _figures(self) -> list[Figure]:
        g = self.g
        cores = [m for m in self._scan(g.core)
                 if self._free(m.start(), m.end()) and not self._is_identifier(m)]
        figures: list[Figure] = []
        skip_next = False
        for index, core in enumerate(cores):
            if skip_next:
                skip_next = False
                continue
            following = cores[index + 1] if index + 1 < len(cores) else None
            figure, joined = self._figure(core, following)
            skip_next = joined
            if figure is not None and not self._guessed(figure):
                figures.append(figure)
        return figures

    def _guessed(self, figure: Figure) -> bool:
        """100家？1000家？10000家？, 50%? 30%?: a figure that is a whole question of its
        own is the writer's guess put to the reader, not a claim (the answer that
        follows, 超过52000家, is)."""
        after = _GUESS_AFTER.match(self.lower, figure.end)
        if after is None:
            return False
        before = self.lower[max(self.body_start, figure.start - 8) : figure.start]
        return _GUESS_BEFORE.search(before) is not None  # (^: the body's start)

    def _from_to(self, figures: list[Figure]) -> list[Figure]:
        """从3200亿元降至2900亿元, from $88.10 to $71.40: one change claim, not two levels.

        The second figure is the claim (its value is what the first became); it
        takes the first's value as from_value and its span starts at the first.
        """
        merged: list[Figure] = []
        for figure in figures:
            previous = merged[-1] if merged else None
            if previous is not None and previous.from_value is None and \
                    previous.kind == figure.kind and previous.unit in (figure.unit, None) and \
                    previous.value is not None and figure.value is not None:
                between = self.g.to_between.match(
                    self.lower[previous.end : figure.start].rjust(figure.start - previous.end))
                gap = self.lower[previous.end : figure.start]
                to = self.g.to_between.fullmatch(gap) or (between if between and len(gap) <= 8
                                                          else None)
                opener = self.g.from_before.search(
                    self.lower, max(self.body_start, previous.start - 6), previous.start) or \
                    self.g.from_far.search(self.lower, max(self.body_start, previous.start - 48),
                                           previous.start)
                if to is not None and opener is not None:
                    word = to.group("to").strip().lower()
                    figure.from_value = previous.value
                    figure.change_direction = self.g.to_direction.get(word, "none")
                    figure.start = previous.start
                    merged[-1] = figure
                    continue
                if (_TO_BEFORE.search(self.lower, max(self.body_start, previous.start - 4),
                                      previous.start) and
                        _FROM_BETWEEN.fullmatch(self.lower, previous.end, figure.start)) or \
                        _UP_FROM_BETWEEN.fullmatch(self.lower, previous.end, figure.start):
                    # fell to $2.9 trillion from $3.5 trillion: the same change written
                    # to-value first; the claim is the value reached
                    previous.from_value = figure.value
                    previous.change_direction = "none"  # (the values say which way)
                    previous.end = figure.end
                    continue
            merged.append(figure)
        return merged

    def _is_identifier(self, core: re.Match) -> bool:
        """Digits that belong to a name or code: GPT-4o, R1, H800, Llama-3, xujin2023, 01.AI."""
        if not core.group("ar") and not core.group("fa"):
            return False
        start, end = core.start(), core.end()
        text = self.lower
        before = text[start - 1] if start else " "
        before2 = text[start - 2] if start > 1 else " "
        if before.isascii() and (before.isalpha() or before == "_"):
            return True
        if before in "-." and before2.isascii() and before2.isalpha():
            return True
        if before == " " and not core.group("arscale") and self._after_name_word(start - 1):
            return True
        after = text[end] if end < len(text) else " "
        after2 = text[end + 1] if end + 1 < len(text) else " "
        if after.isascii() and after.isalpha() and not core.group("arscale"):
            return self.g.right.match(text, end).group("unit") is None
        if after == "." and after2.isascii() and after2.isalpha():
            # 01.AI is a name; US$294,000.Although is a sentence that lost its space.
            return "," not in core.group(0)
        return after == "-" and after2.isascii() and after2.isalpha() and \
            not core.group("arscale") and self.g.right.match(text, end).group("unit") is None

    def _after_name_word(self, space: int) -> bool:
        """Whether a capitalised word (not a sentence opener) ends at ``space``: Fortune 500."""
        word = _NAME_WORD.search(self.folded, max(0, space - 20), space)
        if word is None or self.g.prefix_qualifier.get(word.group(1).lower()):
            return False
        word_start = space - len(word.group(1))
        before = self.folded[max(0, word_start - 2) : word_start].strip()
        if not before or before[-1] in ".!?\"“:":
            return False  # a sentence opener: "About 500 companies"
        after = self.lower[space + 1 :]
        # (AMD -6.4%: a signed percent after a name is its move, no part of the name)
        return not re.match(r"[-+]?\d[\d,.]*\s?(?:%|percent|per cent)", after)

    def _figure(self, core: re.Match, following: re.Match | None) -> tuple[Figure | None, bool]:
        """The figure a number core states, read from its neighbours; (None, _) if no claim.

        The second value says whether ``following`` was taken into this figure as
        the upper end of a range.
        """
        g = self.g
        groups = core.groupdict()
        value, step, kind, unit, unit_text = self._core_value(groups)
        if value is None and not groups.get("vague"):
            return None, False
        start, end = core.start(), core.end()
        if groups.get("ordw") and not groups.get("ordwsuf") and \
                not g.rank_before.search(self.lower, max(0, start - 48), start) and \
                not (g.rank_from.search(self.lower, max(0, start - 12), start) and
                     g.rank_to_after.match(self.lower, end)):
            return None, False  # the first quarter, was first released: no rank
        if unit == "rank" and not groups.get("ordsuf") and \
                g.ordinal_not_rank.match(self.lower, end):
            return None, False  # 第一颗卫星: the n-th thing, not a ranking
        if unit == "rank" and groups.get("ord") and not groups.get("ordsuf") and \
                not self._ranking_clause(start, end):
            return None, False  # 第一，…；第二，…: an enumeration; 川普第二任期: a name
        scaled = bool(groups.get("arscale") or groups.get("cnscale") or groups.get("vscale")
                      or groups.get("mix") or groups.get("pairscale")
                      or (groups.get("en") and _has_scale(groups["en"], g)))
        qualifier, low, high = "exact", value, value
        vague = groups.get("arvague") or groups.get("cnvague")

        if groups.get("vague"):
            base_low, base_high = g.vague_numbers[groups["vague"].lower()]
            scale_word = (groups.get("vscale") or "").strip().lower()
            scale = g.scales.get(scale_word) or g.scales.get(scale_word.rstrip("s"), 1)
            if base_high <= 10 and scale == 1:
                return None, False  # 几个, 数人, several: ordinary words
            low, high, value, step = base_low * scale, base_high * scale, None, None
            qualifier = "range"
        if groups.get("pair"):  # 两三个 = [2, 3], 三四百人 = [300, 400]
            low, high, qualifier = value, value + step, "range"
            value = None

        # A range: this core, a joiner, the next core ("3-5万", "30%至40%", "between 3 and 5m").
        joined = False
        end_for_unit = end
        if following is not None and kind in (None, "percent") and value is not None:
            right_here = g.right.match(self.lower, end)
            gap_end = right_here.end("unit") if right_here.group("unit") else end
            joiner = g.range_joiner.fullmatch(self.lower, gap_end, following.start())
            word = self.lower[gap_end : following.start()].strip().split(" ")[0]
            # "and" joins a range only after "between": 3 and 5 million are two figures.
            # Both ends of a range measure the same thing: 25%至50亿元 is a change and
            # a level, not a range.
            second_unit = g.right.match(self.lower, following.end()).group("unit")
            first_unit = right_here.group("unit")
            # (5.3 per cent to 120 pence: the second end has no unit of the first's.)
            same_unit = first_unit is None or (
                second_unit is not None
                and self._unit_key(first_unit) == self._unit_key(second_unit))
            # (fell by $20.1 billion to $104 billion: the change, then the level reached)
            # (rose from $5 billion to $6 billion: a change from → to, not a range, when a
            # verb of change leads to it; 从1岁到10岁 is a span)
            marker = _BY_OR_FROM_BEFORE.search(
                self.lower, max(self.body_start, start - 8), start) if word in (
                    "to", "至", "到") else None
            by_before = marker is not None and (
                marker.group(0).lstrip().startswith("by") or self.g.direction.search(
                    self.lower, max(self._clause_start(start), marker.start() - 12),
                    marker.start()) is not None)
            if joiner and same_unit and not by_before and (
                    word != "and" or self._between_before(start)):
                second_value, second_step, *_ = self._core_value(following.groupdict())
                second_scaled = following.group("arscale") or following.group("cnscale")
                if second_value is not None and not scaled and second_scaled:
                    second_scale = g.scales[second_scaled.strip().lower()]
                    value, step = value * second_scale, (step or 1) * second_scale
                if second_value is not None and value is not None and second_value > value:
                    low, high = value, second_value
                    qualifier = "range"
                    joined = True
                    end_for_unit = end = following.end()
                    step = min(step or second_step or 1, second_step or step or 1)
                    scaled = scaled or bool(second_scaled)
                    between = g.between.search(self.lower, max(0, start - 16), start)
                    if word == "and" and between:
                        start = between.start()

        right = g.right.match(self.lower, end_for_unit)
        if right.group("vague") and value is not None and not vague:
            vague = right.group("vague")
        unit_word = right.group("unit")
        if unit_word and not self._unit_holds(unit_word, groups, start,
                                              high if high is not None else value):
            unit_word = None  # 3点开会: a time of day, not an index's points
        suffix = right.group("suffix")
        factor = 1.0
        if unit_word:
            word = unit_word.lower()
            if word in g.currency_suffix:
                kind, unit = "money", g.currency_suffix[word]
                if unit == LOCAL_CURRENCY:  # 元: the outlet's currency, None if unknown
                    unit = self.local_currency
                unit_text = self.text[right.start("unit") : right.end("unit")]
                end = right.end("unit")
            elif kind is None or kind == "count":
                info = g.unit_of[word]
                kind, unit, factor = info.kind, info.unit, info.factor
                unit_text = self.text[right.start("unit") : right.end("unit")]
                end = right.end("unit")
                if word in g.colloquial_currency_words and (scaled or max(
                        value or 0, low or 0) >= 100) and \
                        not self._noun_follows(end):
                    kind, unit = "money", self.local_currency  # 两万块去找人: 块 is 元
            # else a fraction or a percent already has its unit: 3/4 of users stays 3/4
        if kind == "count" and unit_word and unit_word.lower() == "times" and \
                _MULTIPLE_AFTER.match(self.lower, end):
            kind, unit = "ratio", "times"  # three times that of AMD: a multiple, not a count
        if right.group("unitvague") and unit_word and value is not None and qualifier != "range":
            vague = right.group("unitvague")  # 两倍多, 3年多
            end = right.end("unitvague")
        # A currency symbol or a qualifier before the figure.
        window_start = max(self.body_start, core.start() - 24)
        left = g.left.search(self.lower, window_start, core.start())
        if left and left.group("cur"):
            code = g.currency_prefix[left.group("cur").lower()]
            if code == "?":
                symbols = g.lexicon.units.ambiguous_symbols[left.group("cur")]
                code = symbols.get(self.lang, next(iter(symbols.values())))
            # 3人民币7美元: a currency after the number that names another currency
            # than the one before it says the one before belongs to the figure before.
            named_after = kind == "money" and unit_word and \
                g.currency_suffix.get(unit_word.lower(), LOCAL_CURRENCY) != LOCAL_CURRENCY
            if not (named_after and unit != code):
                if kind in (None, "count", "money"):
                    if kind != "money":
                        unit_text = self.text[left.start("cur") : left.end("cur")].strip()
                    kind, unit = "money", code
                start = min(start, left.start("cur"))
        plural = self._plural_noun(end) if kind is None and groups.get("ar") else None
        if plural is not None:
            kind, unit, unit_text = "count", "count", self.text[plural[0] : plural[1]]
            end = plural[1]
        elif kind is None and groups.get("ar") and (
                named := _PLURAL_AFTER_NAMES.match(self.folded, end)) is not None:
            kind, unit = "count", "count"
            unit_text = self.text[named.start("noun") : named.end("noun")]
        if kind is None:
            if not scaled and not (groups.get("ar") and "," in groups["ar"]):
                return None, joined
            else:
                kind, unit = "count", "count"
                # 斥资数十亿, spent 3 billion: money whose currency the text leaves unsaid.
                verb_window = self.lower[max(window_start, self._clause_start(start)) : start]
                if g.money_verb.search(verb_window) or g.money_after.match(self.lower, end):
                    # 要价13亿: Chinese leaves 元 out when the words say money; an
                    # English "spent 3 billion" names no currency at all.
                    kind = "money"
                    unit = self.local_currency if HAN.search(core.group(0)) else None
        # Spelled small numbers are prose (三个臭皮匠) unless they state a range
        # (两个到三个) or, for durations, a length (用两年时间, for two months).
        if kind in ("count", "duration") and not joined and _spelled_small(groups, value, scaled):
            if kind == "count" or not self._states_length(groups, start, end):
                return None, joined
        if groups.get("pair") and kind == "duration" and not scaled and \
                not self._states_length(groups, start, end):
            return None, joined  # 这一两年, 两三年后: prose, like 两年 (see _spelled_small)
        if kind == "duration" and g.duration_not_length.match(self.lower, end):
            return None, joined  # 十年前, two years ago: a point in time, not a length
        if kind == "duration" and value is not None and value >= 1000 and not scaled:
            return None, joined  # 2025年 is a date, never 2025 years
        if factor != 1.0 and (value is not None or low is not None):  # 三成, 七八成
            value = None if value is None else value * factor
            step = (step or 1) * factor
            low = None if low is None else low * factor
            high = None if high is None else high * factor

        # Qualifiers: before ("不到", "more than"), or before a comparison base
        # ("不到GPT-4o的1/20"), or after ("左右", "or more").
        prefix = left.group("qual") if left else None
        if prefix and kind == "duration" and re.fullmatch(g.duration_preposition, prefix.lower()):
            prefix = None  # over four years, for two months: when, not how long at least
        if prefix and self._ends_word(left.start("qual"), prefix):
            prefix = None  # 北约二十几年, 签约3年, 最近3年: the end of a word, no qualifier
        if prefix:
            start = min(start, left.start("qual"))
        elif kind in ("ratio", "percent"):
            through = g.left_through_base.search(self.lower, window_start, core.start())
            if through:
                prefix = through.group("qual")
        info = g.prefix_qualifier[prefix.lower()] if prefix else None
        if suffix:
            info = g.suffix_qualifier[suffix.lower()]
            end = right.end("suffix")
        if vague and value is not None and qualifier != "range":
            low, high, qualifier = value, value + _vague_step(value, step or 1), "range"
        elif info is not None and qualifier != "range" and value is not None:
            qualifier = info.qualifier
            if qualifier == "upper_bound":
                low, high = None, value
            elif qualifier == "lower_bound":
                low, high = value, None
            elif info.side == "below":
                low, high = None, value
            elif info.side == "above":
                low, high = value, None
        if kind == "percent" and step is not None and step > 1:
            step = 1.0  # 20% and 100% are stated to the percentage point
        if kind == "money" and unit and unit_text is None:
            unit_text = unit
        if groups.get("sign") and unit != "%" and start == core.start():
            start += 1  # a sign says a direction for percents only; -3亿元 keeps 3亿元
        return Figure(
            start=start, end=end, kind=kind, value=None if value is None else clean(value),
            unit=unit, unit_text=unit_text, qualifier=qualifier,
            low=None if low is None else clean(low), high=None if high is None else clean(high),
            precision=None if step is None else clean(step), core_start=core.start(),
            core_end=core.end(),
        ), joined

    def _unit_holds(self, word: str, groups: dict, start: int, number: float | None) -> bool:
        """Whether a unit that needs its context (units.yaml) has it here: a sentence
        that holds one of its context words or names a stock index. In Chinese the
        number is in digits (一点 is "a little"), and one of 24 or below without decimals
        follows a move (跌了3点: 下午3点收盘 is a time of day)."""
        info = self.g.unit_of.get(word.lower())
        if info is None or info.context is None:
            return True
        if HAN.match(word):
            if not groups.get("ar"):
                return False
            if number is not None and number <= 24 and number == int(number) and \
                    self.g.direction.search(self.lower, max(self.body_start, start - 3),
                                            start) is None:
                return False
        sentence_start, sentence_end = self._sentence_start(start), self._sentence_end(start)
        if info.context.search(self.lower, sentence_start, sentence_end):
            return True
        return any(
            (found := self.g.entity_of.get(compact_key(match.group(0)))) is not None and
            self._names_index(found[0])
            for match in self.g.entity.finditer(self.lower, sentence_start, sentence_end))

    def _noun_follows(self, end: int) -> bool:
        """Whether a noun follows a unit word (两万块砖, 5万块GPU), which then counts it."""
        after = self.folded[end : end + 8].lstrip()
        if after[:1].isascii() and after[:1].isalnum():
            return True  # 2048块H800, 5万块GPU
        if not HAN.match(after):
            return False
        if self.g.entity.match(self.lower, end):
            return True  # 2048块英伟达H800芯片: a known name, then what it counts
        words = tag(after)
        return bool(words) and words[0][3].startswith("n") and words[0][2] != "的"

    def _ranking_clause(self, start: int, end: int) -> bool:
        """Whether the clause of an ordinal speaks of a ranking (排名第三, 全球第二大).

        An ordinal that is its clause alone (…；第二，它的API…) enumerates, whatever
        the clause before says, unless that clause ends in an ordinal too: 排名第1，第3，
        第8的国家 is a list of ranks.
        """
        clause_start, clause_end = self._clause_start(start), self._clause_end(end)
        opens = self._clause_start(start + 1)
        if opens == start and self.lower[end : end + 1] in ("，", ",", "：", ":", "、") and \
                not re.search(r"第[\d一二三四五六七八九十百]+[，,、]\s*$",
                              self.lower[max(0, start - 8) : start]):
            return False
        if self.g.ranking_word.search(self.lower, clause_start, clause_end):
            return True
        return self.g.topic.search(self.lower, clause_start, clause_end) is not None and \
            any(self.g.topic_of.get(compact_key(m.group(0)), ("",))[0] == "ranking"
                for m in self.g.topic.finditer(self.lower, clause_start, clause_end))

    def _plural_noun(self, end: int) -> tuple[int, int] | None:
        """An English plural noun right after a number: 100,000 robots, 139 engineers."""
        match = _PLURAL_NOUN.match(self.folded, end)
        if match is None:
            return None
        return match.start("noun"), match.end("noun")

    def _states_length(self, groups: dict, start: int, end: int) -> bool:
        """Whether a spelled small duration is a length: 用了两个月, for two months, 三年内."""
        if groups.get("en"):
            return not self.lower[end : end + 1] == "-"  # a two-year plan is a kind of plan
        before = self.lower[max(self.body_start, start - 4) : start]
        return bool(self.g.duration_length.match(self.lower, end)
                    or self.g.duration_length_before.search(before))

    def _unit_key(self, word: str) -> str:
        """What a unit word means, for comparing two: 美元 and USD are one unit."""
        word = word.lower()
        if word in self.g.currency_suffix:
            return self.g.currency_suffix[word]
        info = self.g.unit_of.get(word)
        return info.unit if info else word

    def _between_before(self, start: int) -> bool:
        return bool(self.g.between.search(self.lower[max(0, start - 12) : start]))

    def _core_value(self, groups: dict) -> tuple:
        """(value, step, kind, unit, unit_text) of a core; kind None until a unit says."""
        g = self.g
        zh, en = g.lexicon.zh, g.lexicon.en
        if groups.get("pct"):
            value, step = _number(groups["pctnum"], zh)
            return value, step, "percent", "%", "%"
        if groups.get("tenth"):  # 三成半 = 35%, 七成六 = 76%
            value = tenths_value(groups["tenth"], groups["tenthrest"], zh.numerals)
            return value, 1.0, "percent", "%", zh.tenths
        if groups.get("disc") or groups.get("discw"):  # 八五折: 85% of the price
            value = discount_value(groups.get("disc") or groups["discw"], zh.numerals,
                                   zh.discount.words)
            return value, 1.0, "percent", "%", zh.discount.word
        if groups.get("den"):
            den, _ = _number(groups["den"], zh)
            numer, _ = _number(groups["numer"], zh)
            if not den or numer is None:
                return None, None, None, None, None
            return numer / den, None, "ratio", "fraction", None
        if groups.get("fa"):
            numer, den = int(groups["fa"]), int(groups["fb"])
            if not den or numer >= den:
                return None, None, None, None, None
            return numer / den, None, "ratio", "fraction", None
        if groups.get("ord") or groups.get("ordw") or groups.get("nord"):
            if groups.get("ordw"):
                value = float(en.ordinals[groups["ordw"].lower()])
            elif groups.get("nord"):
                value = float(groups["nordnum"])
            else:
                value, _ = _number(groups["ordnum"], zh)
            return value, 1.0, "quantity", "rank", None
        if groups.get("mix"):
            value, step = mixed_value(groups["mix"], zh.numeral_units, zh.scales)
            return value, step, None, None, None
        if groups.get("fracw"):
            word = groups["fracw"].lower()
            value = en.fractions.get(word, zh.fractions.get(word))
            return float(value), None, "ratio", "fraction", None
        if groups.get("mult"):
            return float(en.multiples[groups["mult"].lower()]), None, "ratio", "times", None
        if groups.get("vague"):
            return None, None, None, None, None
        if groups.get("pair"):  # 三四百: the low end; _figure makes it a range
            ends = pair_range(groups["pair"], zh.numerals)
            if ends is None:
                return None, None, None, None, None
            place = zh.numeral_units.get(groups.get("pairunit") or "", 1) * \
                zh.scales.get(groups.get("pairscale") or "", 1)
            return ends[0] * place, float(place), None, None, None
        if groups.get("ar"):
            value, step = arabic_value(groups["ar"])
            scale_word = (groups.get("arscale") or "").strip().lower()
            if scale_word:
                scale = g.scales.get(scale_word) or g.scales.get(scale_word.rstrip("s"))
                value, step = value * scale, step * scale
            return value, step, None, None, None
        if groups.get("cn"):
            value, step = _number(groups["cn"], zh)  # 十五点七 has a step of 0.1
            if value is None:
                return None, None, None, None, None
            if groups.get("cnscale"):
                scale = zh.scales[groups["cnscale"]]
                value, step = value * scale, step * scale
            return value, step, None, None, None
        if groups.get("en"):
            words = re.split(r"[\s-]+", groups["en"].lower().strip())
            if words[0] in ("a", "an") and len(words) == 1:
                return None, None, None, None, None
            scales = {**en.scales, **{k + "s": v for k, v in en.scales.items()}}
            value = english_value(words, en.numerals, en.numeral_units, scales)
            if value is None:
                return None, None, None, None, None
            return value, _integer_step(value), None, None, None
        return None, None, None, None, None

    # --- context --------------------------------------------------------------

    def _sentence(self, position: int, cache: dict[int, SentenceInfo]) -> SentenceInfo:
        index = bisect.bisect_right(self.sentence_bounds, position)
        if index in cache:
            return cache[index]
        start = self.sentence_bounds[index - 1] if index else self.body_start
        end = self.sentence_bounds[index] if index < len(self.sentence_bounds) else len(self.text)
        info = SentenceInfo(max(start, self.body_start), end)
        for match in self.g.entity.finditer(self.lower, info.start, info.end):
            if any(self.mask[match.start() : match.end()]) and \
                    1 in self.mask[match.start() : match.end()]:
                continue
            found = self.g.entity_of.get(compact_key(match.group(0)))
            if found:
                info.entities.append(EntityMention(match.start(), match.end(), *found))
        self._add_open_names(info)
        info.attributions = self._attributions(info)
        self._mark_statement_dates(info)
        cache[index] = info
        return info

    def _dates_in(self, start: int, end: int) -> list[DateMention]:
        """The dates that start in [start, end), found by position, not by a scan."""
        return self.dates[bisect.bisect_left(self.date_starts, start) :
                          bisect.bisect_left(self.date_starts, end)]

    def _mark_statement_dates(self, info: SentenceInfo) -> None:
        """Dates inside an attribution or right after its verb date the statement:
        黄仁勋周一表示, 特朗普27日宣布, Nvidia said on Monday."""
        for attribution in info.attributions:
            # 27日，黄仁勋表示; On Wednesday, Microsoft said: a day alone at the sentence's
            # start, right before the source's clause, is when it was said.
            opening = [m for m in self._dates_in(info.start, attribution.who_start)
                       if m.precision == "day" and
                       _OPENING_DAY.fullmatch(self.lower, info.start, m.start) and
                       _SAID_DAY_GAP.fullmatch(self.lower, m.end, attribution.who_start)]
            for mention in [*opening, *self._dates_in(attribution.who_start,
                                                      attribution.end + _SAID_DAY_REACH)]:
                inside = attribution.who_start <= mention.start and mention.end <= attribution.end
                # said on Monday; told reporters on Tuesday (an object, then the day)
                after = attribution.end <= mention.start <= attribution.end + 4 and \
                    not self.lower[attribution.end : mention.start].strip(" on") and \
                    not _DATED_OBJECT.match(self.folded, mention.end) or \
                    _TOLD_ON.fullmatch(self.lower, attribution.end, mention.start) is not None
                if (inside or after or mention in opening) and \
                        mention.period_start is not None and \
                        mention.quarter is None and mention.fiscal_year is None:
                    # (公布2026会计年度第三季财报: a quarter is what is reported, never
                    # when.) 特朗普在1月宣布: an announcement is an event too; its date
                    # stays a claim.
                    mention.said = self.g.event.search(
                        self.lower, attribution.start, attribution.end) is None
                    if mention.precision == "day":
                        attribution.said_on = mention.period_start

    def _add_open_names(self, info: SentenceInfo) -> None:
        """Names the entity data does not know, as written (see claimtrack.extract.names)."""
        finder = chinese_names if HAN.search(self.folded, info.start, info.end) else english_names
        known = info.entities
        added = []
        for name in finder(self.folded, info.start, info.end):
            if any(self.mask[name.start : name.end]) and 1 in self.mask[name.start : name.end]:
                continue
            if self.mask[name.start : name.end].count(2) == name.end - name.start:
                continue  # Q3 of Q3 2025, fiscal Q4: a date, not a name
            # 长达20个月, 高达50%: a word that runs into a number qualifies it (not a
            # body's name before a date: 美国国会2023年6月的报告).
            if name.kind not in ("organisation", "title") and \
                    "·" not in self.folded[name.start : name.end] and \
                    _NUMBER_START.match(self.folded, name.end) and \
                    not self._name_before_number(name):  # (保罗·沃克一口气: a name)
                continue
            if name.kind == "title":
                # 《2023年中国游戏产业报告》: the names inside a title are part of it.
                inside = [e for e in known if name.start <= e.start < name.end]
            elif name.kind == "organisation":
                # 费城半导体指数, 杭州市政府: a place inside a longer name is part of it.
                inside = [e for e in known if e.kind == "place" and name.start <= e.start
                          and e.end <= name.end and e.end - e.start < name.end - name.start]
            else:
                inside = []
            if any(e.start < name.end and name.start < e.end for e in known
                   if e not in inside):
                continue
            if name.kind == "role":
                info.roles.append((name.start, name.end))
                continue
            known = [e for e in known if e not in inside]
            written = self.text[name.start : name.end]
            if name.kind == "other" and re.fullmatch(r"[A-Z][a-z]+", written):
                # Cook after Tim Cook, Liang after Liang Wenfeng: a person named in
                # full before and then by one of the names.
                written = self._full_name(written, name.start) or written
            # A name the entity data knows under another spelling is that entity.
            found = self.g.entity_of.get(compact_key(written))
            if found is None and name.kind == "person" and \
                    name_rules().titled_surname(fold(written)) is not None:
                full = self._titled_person(written, name.start)
                self.titled_names[name.start] = full or ""
                if full is not None:
                    found = (full, "person")  # 黄碧云 … 黄老师说: the person named in full
            added.append(EntityMention(name.start, name.end, *(found or (written, name.kind))))
        known, added = self._owned_codes(info, known, added)
        # 我国: the country of the outlet's readers, by script (names.yaml we_country).
        for word, country in name_rules().we_country.get(self.lang, {}).items():
            at = self.folded.find(word, info.start, info.end)
            while at != -1:
                if not any(e.start < at + len(word) and at < e.end for e in [*known, *added]):
                    found = self.g.entity_of.get(compact_key(country))
                    added.append(EntityMention(at, at + len(word), *(found or (country, "place"))))
                at = self.folded.find(word, at + len(word), info.end)
        if finder is chinese_names:
            added.extend(self._recurring_terms_in(info, [*known, *added]))
        if added or len(known) != len(info.entities):
            info.entities = sorted([*known, *added], key=lambda e: e.start)

    def _recurring_terms_in(self, info: SentenceInfo,
                            found: list[EntityMention]) -> list[EntityMention]:
        """The article's recurring terms (names.is_recurring_term: 烤匠, 温老) the sentence
        writes where the dictionary left single characters, when it names nothing else:
        a term may still be the jargon of the article's field (社恐, 公摊), which a name
        the sentence holds is likelier to be the subject than (我国发放的游戏版号数量
        持续减少: China). Places named after a term that opens the sentence do not stop
        it (烤匠创立至今，今年才来到北京: 烤匠)."""
        if any(e.kind != "place" for e in found):
            return []
        first_place = min((e.start for e in found), default=info.end)
        if self.term_body is None:
            self.term_body = LINK_MARKUP.sub(" ", self.folded)
        terms = []
        for start, end in term_candidates(tag(self.folded[info.start : info.end])):
            gram = self.folded[info.start + start : info.start + end]
            if gram not in self.terms:
                self.terms[gram] = is_recurring_term(self.term_body, gram)
            if self.terms[gram] and not any(gram in longer for longer in terms) and \
                    info.start + start < first_place:
                terms.append(gram)
        mentions = []
        for term in terms:
            at = self.folded.find(term, info.start, info.end)
            while at >= 0:
                end = at + len(term)
                if not any(self.mask[at:end]):
                    written = self.text[at:end]
                    mentions.append(EntityMention(at, end, *(
                        self.g.entity_of.get(compact_key(written)) or (written, "other"))))
                at = self.folded.find(term, end, info.end)
        return mentions

    def _titled_person(self, written: str, before: int) -> str | None:
        """Whom 黄老师, 张教授 or 王总 (a surname and a title) refers to: the person the text
        named in full with that surname last before it (人类学家黄碧云 … 黄老师说), looking
        back over at most _TITLED_LOOKBACK places the surname is written; None when it
        named none."""
        rules = name_rules()
        surname = rules.titled_surname(fold(written))
        if surname is None:
            return None
        at = self.folded.rfind(surname, self.body_start, before)
        looked = steps = 0
        while at >= 0 and looked < _TITLED_LOOKBACK and steps < 4 * _TITLED_LOOKBACK:
            steps += 1
            if any(rules.titled_surname(self.folded[at : at + length])
                   for length in _TITLED_LENGTHS):
                # Another 黄老师, already resolved (they are, in text order): what it was
                # found to be ("" for no one) is what this one is.
                resolved = self.titled_names.get(at)
                if resolved is not None:
                    return resolved or None
                at = self.folded.rfind(surname, self.body_start, at)
                continue
            looked += 1
            known = self.g.entity.match(self.lower, at)
            hit = known and self.g.entity_of.get(compact_key(known.group(0)))
            if hit and hit[1] == "person":
                return hit[0]  # 黄仁勋 … 黄总: Jensen Huang
            # The names of the clause alone (not the sentence's analysis, which may itself
            # hold a 黄老师 to resolve): found once per clause.
            clause = (self._clause_start(at), self._clause_end(at) + 1)
            if clause not in self.clause_names:
                self.clause_names[clause] = chinese_names(self.folded, *clause)
            for name in self.clause_names[clause]:
                whole = self.text[name.start : name.end]
                if name.start == at and name.kind == "person" and len(whole) >= 2 and \
                        rules.titled_surname(fold(whole)) is None:
                    return whole
            at = self.folded.rfind(surname, self.body_start, at)
        return None

    def _name_before_number(self, name: Name) -> bool:
        """A surname and a given name no dictionary lists as a word, right before a date
        (顾明2009年毕业后, 王小明3日表示) or, with a two-character given name, a figure
        (张建军十三年坚持种植): a name still, though a word that runs into a number
        qualifies it (长达20个月), and a numeral inside a word makes no name (金三银四,
        郑大一附院)."""
        word = self.folded[name.start : name.end]
        if name.kind != "person" or not name_rules().is_person_name(word) or listed_word(word):
            return False
        return bool(self._dates_in(name.end, name.end + 1)) or \
            _DAY_AFTER_NAME.match(self.folded, name.end) is not None or \
            len(word) == 3 and self._figure_or_date_at(name.end)

    def _figure_or_date_at(self, position: int) -> bool:
        """Whether a figure or a date holds the character at ``position`` (not 一样 of
        霍去病一样, nor 四 of 金三银四: a numeral that is part of a word)."""
        at = bisect.bisect_right(self.figure_starts, position) - 1
        if at >= 0 and self.figures[at].end > position:
            return True
        at = bisect.bisect_right(self.date_starts, position) - 1
        return at >= 0 and self.dates[at].end > position

    def _full_name(self, word: str, before: int) -> str | None:
        """The last two-word name the text writes before ``before`` that holds ``word``
        as its first or last word (Tim Cook for Cook, Liang Wenfeng for Liang)."""
        if self.full_names is None:  # every two-word name of the text, in one pass
            self.full_names = {}
            for match in _TWO_WORD_NAME.finditer(self.text):
                for index in (1, 2):
                    other = match.group(3 - index)
                    self.full_names.setdefault(match.group(index), []).append(
                        (match.start(), f"{match.group(1)} {match.group(2)}", other))
        # (Not Mr Ellison, The Lancet, In Europe, Acme Reports: a title, an article, a
        # preposition or a common word beside a name makes no fuller name.)
        found = None
        for at, full, other in self.full_names.get(word, ()):
            if at >= before:
                break
            if not self._joined_word_not_name(other):
                found = full
        return found

    def _joined_word_not_name(self, word: str) -> bool:
        """Whether a capitalised word beside a name is a title, a function word or a
        common word (Mr, The, In, Reports) rather than the rest of a person's name."""
        lowered = word.lower()
        return lowered in name_rules().en_not_names or lowered in common_english() or \
            self.g.honorific.match(word + " ") is not None

    def _owned_codes(self, info: SentenceInfo, known: list[EntityMention],
                     added: list[EntityMention]
                     ) -> tuple[list[EntityMention], list[EntityMention]]:
        """深度求索的V3模型, DeepSeek has released their V3 model: a model code after its
        owner is the owner's product the entity data knows (DeepSeek-V3); 小米的V3模型:
        a code another maker owns is not the product of that name the data knows, and
        names nothing. Returns the sentence's names with the codes resolved."""
        for match in _OWNED_CODE.finditer(self.folded, info.start, info.end):
            start, end = match.span("code")
            names = [*known, *added]
            owners = [e for e in names if e.end <= match.start() and e.kind != "place"]
            pronoun = not match.group(0).lstrip().startswith(("的", "'", "’"))
            if not pronoun and not (owners and not self.folded[owners[-1].end :
                                                              match.start()].strip()):
                # 小米的V3: the owner right before the possessive is a name the data
                # does not know; the code is its product, not the one the data knows.
                owners = []
                owner = _CAPITALISED_BEFORE.search(self.folded, info.start, match.start())
                if owner is not None and not any(e.start < owner.end() and owner.start() < e.end
                                                 for e in names):
                    added.append(EntityMention(owner.start(), owner.end(), owner.group(0),
                                               "other"))  # Xiaomi's V3: Xiaomi
            elif not owners:
                continue
            product = self.g.entity_of.get(compact_key(owners[-1].name + match.group("code"))) \
                if owners else None
            known = [e for e in known if not (e.start < end and start < e.end)]
            # Xiaomi's V3, read as one name: the owner before the possessive stays a name.
            added = [e if not (e.start < end and start < e.end) else EntityMention(
                e.start, match.start(), self.text[e.start : match.start()], e.kind)
                for e in added if not (e.start < end and start < e.end) or
                e.start < match.start() - 1]
            if product is not None:
                added.append(EntityMention(start, end, *product))
        return known, added

    def _attributions(self, info: SentenceInfo) -> list[Attribution]:
        """Who the sentence says a figure comes from; earlier patterns in the data win overlaps."""
        found: list[Attribution] = []
        taken = bytearray(info.end - info.start)
        source = self.folded
        has_script: dict[re.Pattern, bool] = {}
        for pattern, script in self.g.attribution:
            if script not in has_script:
                has_script[script] = script.search(source, info.start, info.end) is not None
            if not has_script[script]:
                continue
            for match in pattern.finditer(source, info.start, info.end):
                if any(taken[match.start() - info.start : match.end() - info.start]):
                    continue
                if self._time_clause(match.end()):
                    continue  # 就在暴雪与网易宣布分手后不久，…: when, not who says what follows
                groups = match.groupdict()
                if groups.get("carried"):
                    speaker = self._opening_name(info, match.start("carried"))
                    if speaker is None:
                        continue  # 增长了20%，并表示…: nobody named opens the sentence
                    attribution = Attribution(
                        match.start("carried"), match.end(), match.start("carried"),
                        match.start("carried"), speaker,
                        f"{speaker} … {self.text[match.start('carried') : match.end()]}",
                        hands_on=True)
                elif groups.get("who"):
                    who_start, who_end = match.span("who")
                    # （記者張芸瑄／綜合報導）輝達公布: a who-phrase starts after a bracket
                    # or slash that closes what stands before it.
                    # (Beken(博通集成)报告称: a bracket opened inside the phrase is its own.)
                    closed = max(self.folded.rfind(mark, who_start, who_end)
                                 for mark in _WHO_CLOSERS)
                    if closed >= 0 and self.folded[closed] in _BRACKETS:
                        opened = self.folded.rfind(_BRACKETS[self.folded[closed]], info.start,
                                                   closed)
                        before = self.folded[max(info.start, opened - 1) : opened].strip()
                        if opened >= who_start and (self.folded[who_start:opened].strip()
                                                    or before) or \
                                0 <= opened < who_start and \
                                not self.folded[opened + 1 : who_start].strip():
                            # 博通集成 of Beken（博通集成）报告称, Softbank of 軟體銀行（Softbank）
                            # 宣布: the bracket glosses a name, which the phrase holds.
                            closed = -1
                    if closed >= 0:
                        who_start = closed + 1
                        if not self.folded[who_start:who_end].strip():
                            continue
                    cited = _CITED_SOURCE.match(self.folded, who_start, who_end)
                    if cited is not None and match.start("who") == match.start():
                        who_start = cited.end()  # 据乘联会公布的报告显示: 据 opens no name
                    # 2019年两会给出的: a date before the source says when, not who.
                    for mention in self._dates_in(who_start, who_end):
                        if mention.start <= who_start < mention.end < who_end:
                            who_start = mention.end
                    # The speaker is the last entity inside the who-phrase, else the
                    # phrase itself when short and not a generic source.
                    inside = [e for e in info.entities if e.start >= who_start and e.end <= who_end]
                    # 《2023年中国游戏产业报告》: a title is one source, whatever names it holds.
                    titles = [e for e in inside if e.kind == "title"]
                    inside = [e for e in inside if e.kind == "title" or not any(
                        t.start <= e.start and e.end <= t.end for t in titles)]
                    clause_start = self._clause_start(match.end("who"))
                    who_text = self.text[max(who_start, clause_start) : who_end].strip()
                    # "据X报道", "according to X", "said X": the phrase starts with the
                    # pattern; "X表示": it starts at the name (what precedes is not hers).
                    leads = match.start("who") > match.start()
                    role = None
                    unnamed = False
                    if HAN.search(self.folded, who_start, who_end):
                        head = self._head_after_modifier(inside, who_end)
                        if head is None and self._place_then_generic(inside, who_end):
                            # 据美国媒体报道, 日本官员表示: an unnamed source of a country
                            inside, unnamed = [], True
                    else:
                        inside, who_start, head = self._english_head(
                            info, inside, who_start, who_end, match.start())
                    if self._names_quantity(inside, who_start, who_end):
                        continue  # OpenAI今年的营收预计将达到…: 预计 qualifies a figure
                    if head is not None:
                        # 深圳的张三说, an analyst from Shanghai said: a name before 的 or
                        # after from only says which one; the speaker is the head noun
                        # the verb follows, else an unnamed source (the who-span keeps
                        # the modifier, which is then no subject either).
                        inside = []
                        who_text = head
                        unnamed = not self._looks_like_name(head)
                    if compact_key(_DATA_TAIL.sub("", who_text)) in self.g.topic_of:
                        # CPI指数显示, 训练数据显示: a measure names no source; its data do
                        inside, unnamed = [], True
                    report = self._unquoted_report(inside, who_end)
                    if report is not None:
                        speaker = report
                        who_start = max(who_start, clause_start)
                        phrase_start = match.start() if leads else who_start
                    elif inside:
                        # 英伟达首席执行官黄仁勋: the person speaks, the title is her role.
                        people = [e for e in inside if e.kind == "person"]
                        chosen = people[-1] if people else inside[-1]
                        # 据美联社、路透社等媒体报道: a list of sources speaks through its first.
                        if len(inside) > 1 and all(_LIST_JOINER.fullmatch(
                                self.lower[a.end : b.start]) for a, b in zip(
                                inside, inside[1:], strict=False)):
                            chosen = inside[0]
                        if chosen.kind == "place" and chosen is inside[-1] and \
                                who_end > chosen.end and organisation_by_form(
                                    fold(self.text[chosen.start : who_end]).strip()):
                            # 中国青年研究中心 (青年/t cuts the tagger's name): a place
                            # that opens a body's name is part of it.
                            chosen = EntityMention(chosen.start, who_end, self.text[
                                chosen.start : who_end].strip(), "organisation")
                        said = match.group(0).lower()
                        if chosen.kind == "title" and not leads and not any(
                                said.endswith(verb) for verb in self.g.publication_verbs):
                            continue  # 《魔兽世界》宣布: a game announces nothing
                        speaker = chosen.name
                        role = self._role_before(info, chosen, who_start)
                        if role is not None and chosen.kind != "organisation":
                            body = self._body_of_role(info, role)
                            if body is not None and body != speaker:
                                self.person_bodies[speaker] = body
                        # 《金融时报》发布的文章: the title's marks belong to its phrase.
                        who_start = chosen.start - (self.text[chosen.start - 1 : chosen.start]
                                                    in ("《", "〈") and chosen.kind == "title")
                        phrase_start = match.start() if leads else self._honorific_start(
                            who_start, info)
                    elif (antecedent := self._antecedent(
                            who_text, info, who_start,
                            report=_REPORT_WORD.search(fold(match.group(0))) is not None)) \
                            is not None:
                        # 该报告质疑, the company said: the name the sentence before gave.
                        speaker = antecedent
                        who_start = max(who_start, clause_start)
                        phrase_start = match.start() if leads else who_start
                    elif (referred := self._pronoun_source(who_start, who_end, info)) \
                            is not None:
                        # 他表示, she said: the person the pronoun points back to.
                        speaker = referred
                        who_start = max(who_start, clause_start)
                        phrase_start = match.start() if leads else who_start
                    elif not unnamed and ((maker := self._publisher(who_text)) is not None or
                                          _PUBLISHING_TAIL.search(fold(match.group(0))) and
                                          (maker := self._maker_name(who_text)) is not None):
                        # 根据主计总处公布的资料, 行政院主计总处公布，…: who published what
                        # speaks is the source, whatever the name finders know of it;
                        # 相关部门发布的: unnamed
                        speaker = maker or None
                        who_start = max(who_start, clause_start)
                        phrase_start = match.start() if leads else who_start
                    elif not unnamed and self._looks_like_name(who_text):
                        speaker = self.g.honorific.sub("", who_text.strip("《》〈〉「」“”\"' "))
                        who_start = max(who_start, clause_start)
                        phrase_start = match.start() if leads else who_start
                    elif not unnamed and self._looks_like_name(
                            first := who_text[: len(_SOURCE_LIST.split(fold(who_text))[0])]):
                        # 根据澎湃新闻与观察者网等媒体的报道: a list speaks through its first.
                        speaker = first.strip("《》〈〉「」“”\"' ")
                        who_start = max(who_start, clause_start)
                        phrase_start = match.start() if leads else who_start
                    elif unnamed or self._generic(who_text) or \
                            _DESIGNATION.fullmatch(who_text) is not None:
                        speaker, phrase_start = None, max(match.start(), clause_start)
                        if unnamed:  # an analyst from Shanghai said: the phrase from its head
                            phrase_start = min(phrase_start, max(who_start, clause_start))
                    elif (publisher := _PUBLISHED_BY.match(self.folded, who_start, who_end)) \
                            is not None and self._looks_like_name(publisher.group(1)):
                        # 据乘联会公布的最新一期…报告显示: who published the report speaks.
                        speaker = self.text[publisher.start(1) : publisher.end(1)]
                        phrase_start = match.start() if leads else who_start
                    elif who_end == match.end() and \
                            self.folded[match.start() : match.start() + 1] == "据" and \
                            self._noun_phrase(who_text):
                        # 据猫眼专业版，…: after a bare 据, a noun phrase is the source
                        # itself, whatever the name finders know of it; of 据海关统计 and
                        # 据Wind数据, the body whose statistics or data they are.
                        speaker = who_text.strip()
                        words = tag(fold(speaker))
                        if len(words) > 1 and words[-1][2] in _DATA_WORDS:
                            speaker = speaker[: words[-1][0]].strip()
                        who_start = max(who_start, clause_start)
                        phrase_start = match.start()
                    elif (document := _DOCUMENT_SAYS.search(
                            self.folded, who_end, match.end())) is not None:
                        # 2022年全国社保基金决算数据显示: a document is the source, named
                        # by the words before it when they name one, else unnamed (相关数据显示).
                        speaker = self._document_name(who_start, who_end, self.text[
                            document.start(1) : document.end(1)])
                        who_start = max(who_start, clause_start)
                        phrase_start = match.start() if leads else who_start
                    else:
                        continue  # a phrase, not a source: 而后者的推理模型被认为
                    if cited is not None:
                        phrase_start = min(phrase_start, match.start())
                    phrase = self.text[phrase_start : match.end()].strip().rstrip(".,;:")
                    attribution = Attribution(phrase_start, match.end(), who_start, who_end,
                                              speaker, phrase,
                                              None if role is None else self.text[role[0]:role[1]])
                else:
                    attribution = Attribution(match.start(), match.end(), match.start(),
                                              match.end(), None,
                                              self.text[match.start() : match.end()].strip())
                # (他说，…: a Chinese source followed by a comma hands on what follows.)
                attribution.hands_on = attribution.hands_on or self._introduces_next(attribution)
                found.append(attribution)
                taken[match.start() - info.start : match.end() - info.start] = b"\x01" * (
                    match.end() - match.start())
        found.sort(key=lambda a: a.start)
        return found

    def _publisher(self, who_text: str) -> str | None:
        """The maker a Chinese who-phrase names before its publishing verb (主计总处公布,
        乘联会27日发布): the grammar says it published, so it is a name whatever the
        tagger reads in it; "" when the words are generic (相关部门发布, 有关机构公布);
        None when the phrase does not end in a publishing verb or its maker is no name
        (a clause, a number, a function word)."""
        published = _PUBLISHING_TAIL.search(fold(who_text))
        if published is None:
            return None
        return self._maker_name(who_text[: published.start()].strip())

    def _maker_name(self, maker: str) -> str | None:
        """A maker's name as _publisher reads it: "" when generic, None when no name."""
        folded = fold(maker)
        if self._generic(maker) or folded.startswith(_UNNAMED_MAKER_OPENERS):
            return ""
        if not 2 <= len(folded) <= _NOUN_SOURCE_CHARS or not all(HAN.match(c) or c.isalpha()
                                                                  for c in folded) or \
                any(char in name_rules().function_chars for char in folded) or \
                any(flag[:1] in _NOT_IN_MAKER for _, _, _, flag in tag(folded)):
            return None  # (晚上公布的, 联合国每年要公布: a time or an adverb names no maker)
        return maker

    def _noun_phrase(self, text: str) -> bool:
        """Whether a short Chinese phrase is nouns only, as jieba tags it (猫眼/n 专业版/n,
        Wind/eng 数据/n; not 当地/s 媒体, 此前/t 报道): a name of what speaks, where the
        grammar says something does."""
        folded = fold(text).strip()
        words = tag(folded)
        if words and words[-1][2] in _DATA_WORDS:
            # 据网络平台数据: data of nothing named; Wind数据 names its vendor.
            words = words[:-1]
            if not any(flag in _PROPER_TAGS for _, _, _, flag in words):
                return False
        return 2 <= len(folded) <= _NOUN_SOURCE_CHARS and bool(words) and all(
            flag in _NOUN_SOURCE_TAGS for _, _, _, flag in words) and \
            not any(char in name_rules().function_chars for char in folded)

    def _names_quantity(self, inside: list[EntityMention], who_start: int,
                        who_end: int) -> bool:
        """Whether a Chinese who-phrase ends in a noun that names a quantity (营收,
        训练成本, 失业率: lang/measures.yaml zh_measure_endings) after its last name:
        OpenAI今年的营收预计, 公司利润估计. A quantity speaks for no one; the verb
        after it is an adverb of the figure (预计, 估计), and the name before it stays
        what the figure is about."""
        tail_start = inside[-1].end if inside else who_start
        # (香港经济今年预计增长2%: a time word between the quantity and the verb)
        tail = _TRAILING_TIME.sub("", self.folded[tail_start:who_end].strip())
        if len(tail) < 2 or not HAN.match(tail[-1]):
            return False
        if inside and tail.endswith(_COMPILED_RANKINGS):
            return False  # 据彭博亿万富翁指数: a ranking or an index speaks through its maker
        return any(tail.endswith(ending) for ending in measure_rules().zh_measure_endings)

    def _time_clause(self, verb_end: int) -> bool:
        """Whether a reporting verb's clause, holding no figure, ends in a word that makes
        it a time for the next clauses (宣布分手后不久，, 发布报告之前，, when X said,)."""
        clause_end = self._clause_end(verb_end)
        rest = self.lower[verb_end:clause_end]
        return _TIME_CLAUSE_END.search(rest) is not None and not re.search(r"\d", rest)

    def _document_name(self, who_start: int, who_end: int, document: str) -> str | None:
        """The name of a document a source phrase gives (全国社保基金决算 + 数据), or None
        when the words before the document word do not name one: fewer than four
        Chinese characters (行业数据), or a pronoun, a numeral, an adverb or a function
        word among them (相关, 一些, 本次, 最新)."""
        start = who_start + len(_LEADING_DATE.match(self.folded, who_start, who_end).group(0))
        words = tag(self.folded[start:who_end])
        han = sum(1 for char in self.folded[start:who_end] if HAN.match(char))
        if han < 4 or not words or words[0][3] not in _NOMINAL_FLAGS or any(
                flag[:1] in _NOT_IN_DOCUMENT_NAME for _, _, _, flag in words):
            return None
        return self.text[start:who_end].strip() + document

    def _unquoted_report(self, inside: list[EntityMention], who_end: int) -> str | None:
        """The name of a report written without 《》 that a who-phrase holds, or None.

        据中国VR行业现状深度研究与未来前景分析报告数据显示: the phrase ends in a
        word for a report and, after the first name it holds, runs on for
        several more words (no 的, no digits); the report speaks, not 中国.
        据IDC最新报告, IDC发布的报告 and 美国劳工部2024年报告 name their maker.
        """
        if not inside:
            return None
        first = inside[0]
        folded = self.folded[first.start : who_end]
        if not HAN.search(folded):
            # the China Internet Development Report: capitalised words to a report word.
            words = folded.split()
            if len(words) >= 3 and words[-1].lower() in self.g.report_endings and all(
                    word[:1].isupper() for word in words):
                return self.text[first.start : who_end].strip()
            return None
        ending = next((end for end in self.g.report_endings if folded.endswith(end)), None)
        if ending is None:
            return None
        middle = self.folded[first.end : who_end - len(ending)]
        if len(HAN.findall(middle)) < 6 or "的" in middle or any(c.isdigit() for c in middle):
            return None
        return self.text[first.start : who_end].strip()

    def _english_head(self, info: SentenceInfo, inside: list[EntityMention], who_start: int,
                      who_end: int, match_start: int,
                      ) -> tuple[list[EntityMention], int, str | None]:
        """An English who-phrase that is the end of a longer name, or a modifier.

        Bank of America said: the name the capitalised words before the verb end
        is the speaker, not America. An analyst from Shanghai said, Zhang San in
        Beijing said: a place after from, in or based in only says where the
        source is; the head before it speaks (a name, else an unnamed source),
        as does the head before at or of a place (officials at the border).
        Returns the names inside the phrase, where it starts, and the head. A
        preposition the pattern itself holds (a study published in The Lancet
        found) is the pattern's, not a modifier.
        """
        whole = next((e for e in info.entities if e.start < who_start < e.end
                      and e.end >= who_end - 1), None)
        if whole is not None:
            return [whole], whole.start, None
        if match_start < who_start:
            return inside, who_start, None
        window_start = max(info.start, self._clause_start(who_start), who_start - 60)
        modifier = _EN_MODIFIER_BEFORE.search(self.folded, window_start, who_start)
        if modifier is None or (modifier.group("prep").lower() in ("at", "of") and not (
                inside and inside[-1].kind == "place")):
            return inside, who_start, None
        head = re.sub(r"^(?i:an?|the)\s+", "", modifier.group("head").strip())
        if modifier.group("prep") == "of" and head.split() and all(
                word[:1].isupper() for word in head.split()):
            # Bank of America, University of Chicago: one name, whatever its end names.
            start = modifier.start("head") + modifier.group("head").index(head)
            name = self.text[start:who_end].strip()
            return [EntityMention(start, who_end, name, "organisation")], start, None
        return inside, modifier.start("head"), head or None

    def _place_then_generic(self, inside: list[EntityMention], who_end: int) -> bool:
        """Whether a who-phrase ends in a place and a generic source word (美国媒体,
        日本官员, 欧洲分析人士): someone of that place unnamed, not the place itself, which
        speaks only through its body words (美国官方, 中国政府: lang/zh.yaml body_voices)."""
        if not inside or inside[-1].kind != "place":
            return False
        tail = fold(self.text[inside[-1].end : who_end]).strip(" 的")
        return bool(tail) and tail not in self.g.body_voices and self._generic(tail)

    def _head_after_modifier(self, inside: list[EntityMention], who_end: int) -> str | None:
        """The head noun of a who-phrase whose names all stand before its last 的.

        深圳的张三说, 用着东北兵工厂弹药的粟裕说, 来自上海的分析师表示: the names
        say where from or which one; the one who speaks is the head the verb
        follows. A role after an organisation's 的, or a word through which a body
        speaks (lang/zh.yaml body_voices), keeps the name as the speaker (外交部的
        发言人表示, 法国的官方数据: the ministry, France).
        """
        if not inside:
            return None
        last = inside[-1]
        tail = self.text[last.end : who_end]
        cut = tail.rfind("的")
        if cut < 0 or not HAN.search(tail):
            return None
        head = tail[cut + 1 :].strip(" *“”\"'「」")
        if not 1 <= len(head) <= 8 or not all(HAN.match(char) for char in head):
            return None
        if _PUBLISHING_TAIL.search(fold(tail[:cut]).strip()):
            return None  # 国家统计局27日发布的数据: the bureau published it, and speaks
        if fold(head) in self.g.body_voices or last.kind in ("organisation", "title") and \
                name_rules().role_pattern.fullmatch(fold(head)):
            return None
        return head

    def _role_before(self, info: SentenceInfo, speaker: EntityMention,
                     who_start: int) -> tuple[int, int] | None:
        """The role written right before or after a speaker: 首席执行官黄仁勋, CEO Tim Cook."""
        before = [r for r in info.roles if who_start <= r[0] and r[1] <= speaker.start
                  and not self.folded[r[1] : speaker.start].strip(" ,")]
        if before:
            first = before[-1]
            # 首席 执行官, chief executive officer: adjacent role words are one role.
            for other in reversed(before[:-1]):
                if self.folded[other[1] : first[0]].strip() == "":
                    first = (other[0], first[1])
            return first[0], before[-1][1]
        if not HAN.search(self.folded, speaker.start, speaker.end):
            # Zentrix Labs senior researcher Tom Harlow: a role in lower case, right
            # before the name (capitalised roles are found with the names).
            lead = self.lower[max(info.start, speaker.start - 40) : speaker.start]
            role = name_rules().en_role_before_name.search(lead)
            if role is not None:
                offset = speaker.start - len(lead)
                return offset + role.start(), offset + role.end(1)
        # Jane Doe, an analyst at Bernstein; Jensen Huang, Nvidia's chief executive:
        # an apposition after the name.
        after = [r for r in info.roles if speaker.end <= r[0] <= speaker.end + 30
                 and re.fullmatch(r",?\s*(?:an?|the)?\s*(?:[A-Za-z][\w&.-]*(?:'s|’s)\s+)?",
                                  self.folded[speaker.end : r[0]])]
        if after:
            return after[0]
        apposition = _APPOSITION.match(self.folded, speaker.end, min(info.end, speaker.end + 80))
        if apposition is not None:
            role = name_rules().en_role_pattern.search(self.lower, apposition.start(1),
                                                       apposition.end(1))
            if role is not None:
                return role.start(), role.end()
        return None

    def _body_of_role(self, info: SentenceInfo, role: tuple[int, int]) -> str | None:
        """The body a role is held in, named right before it (宁德时代董事长, CATL
        chairman, Nvidia's chief executive) or right after it (chairman of CATL)."""
        bodies = [e for e in info.entities if e.kind == "organisation" or
                  e.kind == "other" and not HAN.search(e.name)]
        before = [e for e in bodies if e.end <= role[0] and
                  _BODY_BEFORE_ROLE.fullmatch(self.lower, e.end, role[0])]
        if before:
            return before[-1].name
        after = [e for e in bodies if e.start >= role[1] and
                 _BODY_AFTER_ROLE.fullmatch(self.lower, role[1], e.start)]
        return after[0].name if after else None

    def _names_no_place(self, name: str, info: SentenceInfo) -> bool:
        """Whether a subject is known to be a company, a product or a person (the entity
        data's kind, else the kind its sentence found it as)."""
        known = self.g.entity_of.get(compact_key(name))
        if known is not None:
            return known[1] in ("organisation", "product", "person")
        return any(e.name == name and e.kind in ("organisation", "person")
                   for e in info.entities)

    def _speakers_body(self, speaker: str | None, info: SentenceInfo, clause_start: int,
                       figure_start: int) -> str | None:
        """The body a figure is about when its speaker says 我们, 我司, we or our before
        it in its clause: the body the speaker was named as a member of (宁德时代
        董事长曾毓群 … “今年我们的营收增长了30%”), or the speaker when it is a body;
        "" when the speaker's body is not known (the figure is about no name the text
        gives, not about what the sentences before were about); None when the figure
        is not the speaker's body's."""
        if speaker is None or self.g.first_person_plural.search(
                self.lower, clause_start, figure_start) is None:
            return None
        if speaker in self.person_bodies:
            return self.person_bodies[speaker]
        if self.g.first_person_possessive.search(self.lower, clause_start, figure_start) is None:
            return None
        known = self.g.entity_of.get(compact_key(speaker))
        if known is not None and known[1] == "organisation" or any(
                e.name == speaker and e.kind == "organisation" for e in info.entities):
            return speaker
        return ""

    def _honorific_start(self, start: int, info: SentenceInfo) -> int:
        """Where a name's written form starts with its honorific: Mr Ellison."""
        window = self.folded[max(info.start, start - 6) : start]
        match = re.search(r"(?:^|\s)((?:Mr|Mrs|Ms|Dr|Prof|Sir)\.?\s)$", window)
        return start - len(match.group(1)) if match else start

    def _antecedent(self, who: str, info: SentenceInfo, before: int | None = None,
                    report: bool = False) -> str | None:
        """The entity an anaphoric who-phrase (该报告, the company) points back to: the
        first one its own sentence names before it, what the sentence is about
        (Microsoft's cloud revenue grew 31%, the company said; DeepSeek's model performs
        as well as OpenAI's, and the company says), when ``before`` says where the phrase
        starts; else the last one named in the two sentences before. In its own
        sentence a name of no known kind may be the body (Tesla delivered…, the company
        said). A phrase that says it is a report (该报道称, this report found) goes back
        first to the report cited before."""
        folded = ascii_lower(fold(who)).strip()
        pronoun = folded in self.g.lexicon.en.body_pronouns  # (…, it said: a body)
        if not pronoun and (len(folded) > 16 or not self.g.anaphoric_source.match(folded) or
                            folded in self.g.lexicon.en.anaphoric_sources):
            return None  # (The estimate had…: a bare "the" points at nothing)
        if report:
            # 据彭博社，OpenAI…。该报道称: a report goes back to the report cited before,
            # not to the company it reports on.
            cited = self._report_antecedent(info, self.sentences)
            if cited is not None:
                return cited.speaker
        # 该公司, the company: a body, not the person (Meta CEO Mark Zuckerberg) named last.
        body = pronoun or self.g.body_word.search(folded) is not None
        if before is not None:
            for entity in info.entities:
                if entity.end <= before and entity.kind not in ("place", "person", "title") \
                        and (not body or entity.kind in ("organisation", "other")):
                    return entity.name
        if info.start <= self.body_start:
            return None
        # Two sentences back: the sentence before may be a title cut short at its "？".
        previous_start = self._sentence_start(self._sentence_start(info.start - 1) - 1)
        earlier = list(self.g.entity.finditer(self.lower, previous_start, info.start))
        for match in reversed(earlier):
            found = self.g.entity_of.get(compact_key(match.group(0)))
            if found and found[1] != "place" and (not body or found[1] == "organisation"):
                return found[0]
        return None

    def _opening_name(self, info: SentenceInfo, before: int) -> str | None:
        """Who opens the last clause of the sentence before ``before`` that opens with a
        name (a person, a body, a name of no known kind; dates and markup may stand
        before it): the speaker of a later clause with none of its own. A name that
        owns what follows it (Sam Altman, OpenAI's CEO, …: OpenAI's) opens no clause."""
        opening = None
        for entity in info.entities:
            if entity.end > before:
                break
            if entity.kind not in ("person", "organisation", "other") or \
                    _OWNER_MARK.match(self.lower, entity.end):
                continue
            lead = self._clause_start(entity.start)
            # （图片来自互联网）杨奇也在那天，…: an aside in brackets stands before no one.
            asides = [m.span() for m in _BRACKETED.finditer(self.text, info.start, entity.start)]
            if all(self.mask[at] == 2 or self.text[at] in _LEAD_MARKUP or
                   any(a <= at < b for a, b in asides) for at in range(lead, entity.start)):
                opening = entity.name
        return opening

    def _pronoun_source(self, who_start: int, who_end: int, info: SentenceInfo) -> str | None:
        """Whom a who-phrase that is only 他, 她, he or she points back to (see
        _person_referred), else None."""
        pronoun = self.g.personal_pronoun.match(self.lower, who_start)
        if pronoun is None or self.lower[pronoun.end() : who_end].strip():
            return None
        return self._person_referred(info, pronoun.end(), self.sentences)

    def _looks_like_name(self, who: str) -> bool:
        """Whether a who-phrase no name finder marked is still a name by its form.

        A Chinese personal name (a surname and one or two characters: 郑永年, even
        where the tagger split it) or capitalised Latin words (Mr Ellison). A
        heading (第二章, 前言), a role, a pronoun, a verb fragment or a phrase
        with function characters (的, 在, 被) is not.
        """
        who = who.strip("《》〈〉「」“”\"' ")
        if not who or len(who) > 40 or any(char.isdigit() for char in who):
            return False
        if self._generic(who):
            return False
        folded = fold(who)
        rules = name_rules()
        if rules.is_heading(folded) or folded in rules.not_names:
            return False
        if HAN.search(folded):
            return rules.is_person_name(folded) and not listed_word(folded) or \
                organisation_by_form(folded)
        words = self.g.honorific.sub("", folded).split()
        return bool(words) and len(words) <= 4 and all(w[:1].isupper() for w in words) and \
            not any(w.lower() in rules.en_not_names or w.lower() in rules.en_roles for w in words)

    def _pen_name(self, who: str) -> bool:
        """Whether a credit line's labelled name (文｜读者：筱峰, 作者 / 薄荷拿铁) is a
        writer's name: the label says it is one, so any name a writer may take (a
        pen name of common words too), but not a generic word, a heading or a number."""
        folded = fold(who)
        rules = name_rules()
        return len(compact_key(who)) >= 2 and not any(char.isdigit() for char in who) and \
            not self._generic(who) and not rules.is_heading(folded) and \
            folded not in rules.not_names

    def _generic(self, who: str) -> bool:
        key = compact_key(who)
        if "的" in key:
            # 一位不愿具名的高管: a generic word after its description is still generic
            key = key.rsplit("的", 1)[1] or key
        # A generic word of two characters or more that the key ends in, at most two
        # characters after its start: found by looking its last characters up.
        return key in self.g.generic_sources or any(
            len(key) - cut >= 2 and key[cut:] in self.g.generic_sources for cut in (1, 2)
        )

    def _clause_start(self, position: int) -> int:
        index = bisect.bisect_right(self.clause_bounds, position - 1)
        clause_start = self.clause_bounds[index - 1] if index else 0
        return max(clause_start, self._sentence_start(position))

    def _clause_end(self, position: int) -> int:
        index = bisect.bisect_right(self.clause_bounds, position)
        clause_end = self.clause_bounds[index] - 1 if index < len(self.clause_bounds) else len(
            self.text)
        return min(clause_end, self._sentence_end(position))

    def _sentence_start(self, position: int) -> int:
        index = bisect.bisect_right(self.sentence_bounds, position)
        return max(self.sentence_bounds[index - 1] if index else 0, self.body_start)

    def _sentence_end(self, position: int) -> int:
        index = bisect.bisect_right(self.sentence_bounds, position)
        return self.sentence_bounds[index] if index < len(self.sentence_bounds) else len(self.text)

    def _claim(self, figure: Figure, info: SentenceInfo, dates: list[DateMention],
               sentences: dict[int, SentenceInfo]) -> Claim:
        clause_start = self._clause_start(figure.start)
        clause_end = self._clause_end(figure.end)
        direction = self._direction(figure, clause_start, clause_end)
        if figure.from_value is not None and (figure.change_direction != "none" or
                                              direction == "none"):
            # (fell from second to sixth: the verb says the way; else the values do, a
            # rank's larger number being a fall)
            rises = figure.value < figure.from_value if figure.unit == "rank" else \
                figure.value > figure.from_value
            direction = figure.change_direction if figure.change_direction != "none" else (
                "none" if figure.value == figure.from_value else
                "increase" if rises else "decrease")
        speaker, attribution = self._speaker(figure, info, sentences)
        role, said_on = self.last_role, self.last_said_on
        topic_word = self._topic_match(figure, info, clause_start, clause_end)
        topic = None if topic_word is None else topic_word[2]
        measure_span = self._measure_span(figure, info, clause_start, clause_end, topic_word)
        worded = self._whole_measure(figure, info, clause_start, measure_span, topic_word)
        measure = self.text[worded[0] : worded[1]] if worded else (
            measure_rules().en_by_unit if self.lang == "en" else measure_rules().by_unit
        ).get(figure.unit or "")
        if measure is None and figure.kind == "money":
            measure = verb_measure(self.lower, clause_start, figure.start)  # 花了2亿: 花费
        elif figure.kind == "count" and topic is None and (
                measure is None or worded is not None and worded[0] >= figure.end) and \
                (sold := verb_measure(self.lower, clause_start, figure.start, count=True)):
            # 卖出了2000多万张拷贝: sales, not 拷贝 (a measure worded before the figure,
            # 累计销售1459.6万辆, stays as worded)
            measure = sold
        subject = self._speakers_body(speaker, info, clause_start, figure.start)
        if subject is None:
            subject = self._subject(figure, info, clause_start, clause_end, sentences,
                                    measure_span, topic_word, worded)
        elif not subject:
            subject = None  # “我们的营收增长了30%，”曾毓群说: not what the text was about
        if subject is not None and _REPORT_TITLE.search(fold(subject)) and any(
                e.name == subject and e.kind == "title" for e in info.entities):
            subject = None  # 《2023年医生倦怠和抑郁报告》…有超过一半的医生: a source, not a topic
        writer = None
        if subject is None and (speaker or self.credited) is not None:
            first_person = self.g.first_person.match(self.lower, clause_start)
            if first_person is None and (figure.kind == "duration" or figure.unit == "age") and \
                    clause_end < self._sentence_end(figure.end):
                # 三十四年来，我第一次…; 在二十五岁离开校门之前，我…: a time clause fronted
                # before a clause about 我 dates 我's story
                first_person = self.g.first_person.match(self.lower, clause_end + 1)
            if first_person is not None and (first_person.end() <= figure.start or
                                             first_person.start() > figure.end):
                # 我34岁, "I was 34": whoever says it; 我花费十九年: else the writer
                # credited, for this clause only (not what the next sentences are about)
                subject, writer = (speaker, None) if speaker else (
                    None, None if self._inside_quotation(figure.start) else self.credited)
        info.subject = subject or info.subject
        if writer is not None:
            subject = writer
            self.writer_subjects += 1
        if topic is None and measure is not None:
            # A measure data/topics.yaml lists under another name: 营收 is revenue.
            found = self.g.topic_of.get(compact_key(measure))
            topic = found[0] if found and _topic_fits(found[1], figure) else None
        if topic is None and figure.kind == "money" and measure is not None and \
                worded is not None and worded[1] <= figure.start and \
                measure.lower() in self.g.lexicon.units.change_default_measures:
            # Shares fell from $88.10 to $71.40: what a share costs (400亿美金的股票, the
            # shares written after the money, are what it bought)
            topic = "share_price"
        if topic is None:
            topic = self._carried_topic(figure, direction, info)
            if (topic in _INDEX_TOPICS) != self._names_index(subject):
                # The Nasdaq fell 3.1%… Broadcom fell 17.4%: an index's move is carried
                # only to another index (a name that says it is one), never to a company,
                # and a company's figure never to an index (…, up 38%. The Dow rose 0.8%).
                topic = None
        units = self.g.lexicon.units
        statement = self._statement(figure, direction, clause_start, clause_end)
        compared = _COMPARED_AFTER.match(self.lower, figure.end) is not None
        # (7nm芯片: a chip's process node in nanometres, whatever topic word 芯片 names)
        topic = units.unit_topics.get(figure.unit or "", topic)
        if topic is None:
            topic = units.default_topics.get(figure.unit or "")
        if topic is None and direction != "none" and measure is None and \
                figure.kind == "percent" and self._names_index(subject):
            topic = "index_change"  # The S&P 500 fell 1.5%: an index's move
        if direction != "none" and figure.kind == "percent" and topic not in _INDEX_TOPICS \
                and _SHARES_MOVED.search(self.lower, clause_start, figure.start):
            # Tesla's shares jumped 22% … after it reported profit of…: the shares worded
            # right before the move say what moved, whatever topic word follows
            topic = None
            measure = measure if measure in units.change_default_measures else None
        if topic is None and direction != "none" and (
                measure is None or measure.lower() in units.change_default_measures) and \
                self._company_or_shares(subject, info) and statement != "comparison" and \
                not compared:
            # (Nvidia shares dropped 17%: the shares that move are its share price)
            # (比OpenAI便宜95%: a comparison with another is no move of a share's price)
            topic = units.change_default_topics.get(figure.unit or "")
        if direction != "none" and figure.from_value is None:
            # (from $142.62 to $118.51: a from→to's value is the level reached, a price)
            topic = self.g.change_topic.get(topic, topic)
        if topic in _SHARE_TO_INDEX and self._names_index(subject):
            topic = _SHARE_TO_INDEX[topic]  # 沪指…收于3150点，创业板指跌2.3%: an index's move
            if direction != "none" and figure.from_value is None:
                topic = self.g.change_topic.get(topic, topic)  # (the benchmark S&P 500 fell)
        elif topic == "index_change" and self._kind_of(subject, info) == "organisation" and \
                not self._names_index(subject) and \
                any(self._names_index(e.name) for e in info.entities if e.name != subject):
            # 费城半导体指数下跌9.15%，…美光科技跌11.71%: the index named in the sentence
            # moved; a company in it moves its share price
            topic = "share_price_change"
        if figure.unit == "point" and not self._names_index(subject):
            # 香港恒生指数…报19800点: an index's points are the index's, not its market's
            indexes = [e for e in info.entities if self._names_index(e.name)]
            before = [e for e in indexes if e.end <= figure.start]
            if indexes:
                subject = (before[-1] if before else indexes[0]).name
        if topic in place_topics() and subject is not None and self._names_no_place(
                subject, info):
            # 华为…。2024年全国GDP增长5%: only a place has a GDP; the place the sentence
            # names before the figure, else none.
            places = [e for e in info.entities if e.kind == "place" and e.end <= figure.start]
            subject = places[-1].name if places else None
        restated = self.last_said
        between = None if restated is None or restated[1] != figure.kind or \
            restated[0] < info.start else self.g.restatement.match(self.lower, restated[0])
        converted = restated is not None and figure.kind == "money" and \
            restated[1] == "money" and restated[5] != figure.unit and \
            restated[0] >= info.start and \
            _CONVERSION_GAP.fullmatch(self.text, restated[0], figure.start) is not None
        if between is not None and between.end() >= figure.start or converted:
            # 100万新台币，也就是20万人民币, 5890亿美元，约合4.2万亿元: one figure in other
            # units (the marker may open the figure's own words); 50万新台币，10万人民币左右:
            # money in another currency right after it, with only a comma between.
            subject, measure, topic = restated[2], restated[3], restated[4]
        self.last_said = (figure.end, figure.kind, subject, measure, topic, figure.unit)
        self.last_claim = (info.start, figure.kind, direction, topic)
        period = self._fiscal_period(self._period(figure, info, dates, clause_start,
                                                  clause_end), subject, info)
        base = self._base(figure, info, clause_start, clause_end, direction)
        if statement == "level" and figure.kind == "percent" and base is not None and \
                any(entity.name == base for entity in info.entities) and not compared:
            statement = "share"  # 是上海的20%: a share of a named base, not a level
        elif statement in ("level", "change") and base is not None and compared:
            statement = "comparison"  # 95% cheaper than OpenAI's: compared with a named base
        if base is not None and subject == base and statement in ("comparison", "share"):
            named_after = any(e.name == base and e.start >= figure.end for e in info.entities)
            if statement == "comparison" or named_after:
                # Revenue was three times that of AMD, less than 1/20 of GPT-4o's: what is
                # compared is never its base; the sentence before says what it is (Its…,
                # Nvidia), else nothing named does.
                carried = self._carried_subject(info, sentences, opening=True)
                subject = carried if carried != base else None
            else:
                base = None  # 中国占了三分之一: China's share of something unnamed
        share = self._share_of_whole(figure, clause_start, clause_end, info)
        if share is not None:
            # 第三产业占GDP的比重为54%: a share of GDP, not GDP; its whole is its base.
            statement, base, measure = "share", share[0], share[1]
            # (a share of a market, 占全球市场的份额, is a market share)
            found = self.g.topic_of.get(compact_key(measure)) or (
                self.g.topic_of.get("marketshare") if alias_key(base).endswith(
                    _MARKET_WORDS) else None)
            topic = found[0] if found and _topic_fits(found[1], figure) else None
        return Claim(
            start=figure.start, end=figure.end, surface=self.text[figure.start : figure.end],
            sentence=self.text[info.start : info.end].strip(), kind=figure.kind,
            value=figure.value, unit=figure.unit, unit_text=figure.unit_text,
            qualifier=figure.qualifier, low=figure.low, high=figure.high,
            precision=figure.precision, direction=direction,
            period_start=period.period_start if period else None,
            period_end=period.period_end if period else None,
            period_precision=period.precision if period else "unknown",
            subject=subject, topic=topic, speaker=speaker, attribution=attribution,
            statement="change" if figure.from_value is not None else statement,
            measure=measure, speaker_role=role, from_value=figure.from_value, said_on=said_on,
            scope=self._scope(figure, info),
            base=base,
            extractor=EXTRACTOR,
        )

    def _share_of_whole(self, figure: Figure, clause_start: int, clause_end: int,
                        info: SentenceInfo) -> tuple[str, str] | None:
        """(whole, measure) of a percentage stated as a share of a whole: 占GDP的比重为
        54% → (GDP, 占GDP的比重); accounted for 54% of GDP → (GDP, share of GDP). The
        whole is a name of the entity data when it is one."""
        if figure.kind != "percent":
            return None
        for before in self.g.share_of_whole_before:
            found = before.search(self.lower, clause_start, figure.start)
            if found is None:
                continue
            if "whole" in before.groupindex:
                whole = (found.start("whole"), found.end("whole"))
                measure = self.text[found.start() : found.end("measure")]
            else:
                after = next((m for m in (p.match(self.lower, figure.end, clause_end)
                                          for p in self.g.share_of_whole_after) if m), None)
                if after is None:
                    return None
                whole = (after.start("whole"), after.end("whole"))
                measure = "share of " + self.text[whole[0] : whole[1]]
            named = next((e.name for e in info.entities
                          if e.start <= whole[0] and whole[1] <= e.end or
                          whole[0] <= e.start and e.end == whole[1]), None)
            return named or self.text[whole[0] : whole[1]].strip(), measure
        return None

    def _names_index(self, subject: str | None) -> bool:
        """Whether a subject's name says it is a stock index (Philadelphia Semiconductor
        Index, 日经225指数): it, or another name the entity data gives it (S&P 500:
        标普500指数), holds a topic word of an index topic."""
        if not subject:
            return False
        if self.g.index_names is None:  # (once per grammar: its entity data is fixed)
            self.g.index_names = frozenset(
                canonical for alias, (canonical, _) in self.g.entity_of.items()
                if self._holds_index_word(alias))
        return subject in self.g.index_names or self._holds_index_word(subject)

    def _holds_index_word(self, name: str) -> bool:
        word = self.g.topic.search(name.lower())
        found = self.g.topic_of.get(compact_key(word.group(0))) if word else None
        return found is not None and found[0] in _INDEX_TOPICS

    def _company_or_shares(self, subject: str | None, info: SentenceInfo) -> bool:
        """Whether a bare percentage change may be a share price move (units.yaml)."""
        known = self.g.entity_of.get(compact_key(subject)) if subject else None
        if known is not None and known[1] == "organisation":
            return True
        sentence = self.lower[info.start : info.end]
        return any(word in sentence for word in self.g.lexicon.units.change_default_context)

    def _scope(self, figure: Figure, info: SentenceInfo) -> str | None:
        """The list a ranking is in, as written: 美国App Store免费榜, 福布斯富豪榜,
        the Forbes list. None for a figure that is no ranking or names no list."""
        best = self._scope_span(figure, info) or self._record_span(figure, info)
        if best is None:
            return None
        return self.text[best[0] : best[1]].strip().removesuffix("的").strip() or None

    def _record_span(self, figure: Figure, info: SentenceInfo) -> tuple[int, int] | None:
        """A record's word (史上最大, the biggest one-day drop on record; lang/facts.yaml):
        in the figure's clause, or after it in its sentence before any other figure. A
        record is the first of all such figures ever: its scope, written so."""
        if figure.unit == "rank" or figure.kind == "date":
            return None
        clause_end = self._clause_end(figure.end)
        word = record_pattern().search(self.lower, self._clause_start(figure.start), clause_end)
        after = clause_end + 1
        dated = self._dates_in(after, self._clause_end(after))
        if dated and _BARE_DATE_CLAUSE.fullmatch(self.lower, after, dated[0].start) and \
                not self.lower[dated[0].end : self._clause_end(after)].strip():
            after = self._clause_end(after) + 1  # 17% on Monday, Jan. 27, the biggest…
        if word is None and (opener := _RECORD_APPOSITION.match(self.lower, after)):
            # 17% on Monday, Jan. 27, the biggest one-day drop on record; 暴跌17%，创下史上
            # 最大单日跌幅: a clause right after that only says what the figure was
            # (a date between is no figure).
            index = bisect.bisect_left(self.figure_starts, figure.start)
            following = next((f.start for f in self.figures[index + 1 :]
                              if f.kind != "date"), info.end)
            end = min(following, self._clause_end(opener.end()))
            word = record_pattern().search(self.lower, opener.start(), end)
        return word.span() if word is not None else None

    def _scope_span(self, figure: Figure, info: SentenceInfo) -> tuple[int, int] | None:
        """Where the text names the list a ranking is in (see _scope); found once a
        figure (its subject, topic, measure and scope all ask)."""
        if figure.unit != "rank":
            return None
        if figure.start not in self.scope_spans:
            self.scope_spans[figure.start] = self._find_scope_span(figure, info)
        return self.scope_spans[figure.start]

    def _find_scope_span(self, figure: Figure, info: SentenceInfo) -> tuple[int, int] | None:
        best = None
        # The figure's own clause first (…免费榜上排名第一，而台积电在…市场排名第一).
        for start in (self._clause_start(figure.start), info.start):
            for pattern in (_SCOPE_ZH, _SCOPE_ZH_MARKET):
                for match in pattern.finditer(self.folded, start, figure.start):
                    best = (match.start("scope"), match.end("scope"))
                if best is not None:
                    break
            if best is not None:
                break
        for match in _SCOPE_EN.finditer(self.folded, start, info.end):
            if best is None:
                best = (match.start("scope"), match.end("scope"))
        if best is None and (domain := self.g.rank_domain.search(
                self.lower, max(info.start, figure.start - 8), figure.start)) is not None:
            return domain.span("scope")  # 排名全国第一: ranked nationwide
        if best is None:
            return None
        # 他在福布斯富豪榜, DeepSeek为榜单第一: the list starts after the words that
        # place it.
        cut = max(self.folded.rfind(marker, best[0], best[1]) for marker in _SCOPE_OPENERS)
        if cut >= 0 and cut < best[1] - 2:
            return cut + 1, best[1]
        return best

    def _base(self, figure: Figure, info: SentenceInfo, clause_start: int, clause_end: int,
              direction: str = "none") -> str | None:
        """What a comparison compares with: 是GPT-4o的1/20, 比OpenAI便宜95% → the name;
        what a change is measured against: 同比, from a year ago → "year on year"."""
        bases = [e for e in info.entities if clause_start <= e.start and e.end <= figure.start
                 and self._comparison_base(e, figure, info.entities)]
        if bases:
            return bases[-1].name
        if direction != "none":
            basis = self._change_basis(figure, clause_start, clause_end)
            if basis is not None:
                return basis
        # less than 1/20 of GPT-4o's, three times that of OpenAI, 20% of Shanghai('s):
        # the base follows.
        if figure.kind in ("ratio", "percent"):
            for entity in info.entities:
                if not figure.end <= entity.start <= figure.end + 40:
                    continue
                gap = self.lower[figure.end : entity.start]
                if _BASE_AFTER.fullmatch(gap) and figure.end + 16 >= entity.start and (
                        figure.kind == "ratio" or gap.strip() in ("of", "of the")) or \
                        _COMPARED_AFTER.fullmatch(gap):
                    # as much as OpenAI's GPT-4: the end of a possessive chain
                    following = [e for e in info.entities if e.start >= entity.start]
                    return self._possessive_chain_end(following, info.end).name
        return self._rate_basis(figure, clause_start, clause_end)

    def _rate_basis(self, figure: Figure, clause_start: int, clause_end: int) -> str | None:
        """每天新增50万, 换算到每天，就是2055人, 2,055 a day, 50万/天: the unit of time a
        figure is stated per (its label, "per day"), or None for a level or a total."""
        if figure.kind in ("ratio", "percent", "date"):
            return None  # 每年增长5% is a change's pace, dated by its period
        index = bisect.bisect_left(self.figure_starts, figure.start)
        following = self.figure_starts[index + 1] if index + 1 < len(self.figures) \
            else clause_end
        after = self.g.rate_after.match(self.lower, figure.end, min(clause_end, following))
        if after is not None:
            return self.g.rate_of.get(after.group("rate"))
        low = max(clause_start, self.figures[index - 1].end if index else clause_start)
        before = list(self.g.rate_before.finditer(self.lower, low, figure.start))
        if not before and clause_start > self._sentence_start(figure.start):
            # 换算到每天，就是2055人: the clause before, when it holds no figure.
            previous = self._clause_start(clause_start - 1)
            if not (index and self.figures[index - 1].end > previous):
                before = list(self.g.rate_before.finditer(self.lower, previous, clause_start))
        return self.g.rate_of.get(before[-1].group(0)) if before else None

    def _change_basis(self, figure: Figure, clause_start: int, clause_end: int) -> str | None:
        """同比增长62%, 季增25%, up 12% from the previous quarter: the basis words nearest
        the figure in its clause, not past another figure."""
        index = bisect.bisect_left(self.figure_starts, figure.start)
        low = max(clause_start, self.figures[index - 1].end if index else clause_start)
        high = min(clause_end, self.figure_starts[index + 1]
                   if index + 1 < len(self.figures) else clause_end)
        # Chinese writes the basis before the figure (同比增长62%), English after it
        # (up 78% from a year ago).
        found = [m for m in self.g.change_base.finditer(self.lower, low, high)
                 if (m.end() <= figure.start if HAN.match(m.group(0))
                     else m.start() >= figure.end)
                 and not (m.group(0) in _PERIOD_OR_BASIS and not _BASIS_BEFORE.search(
                     self.lower, max(low, m.start() - 16), m.start()))]
        if not found:
            return None
        nearest = min(found, key=lambda m: min(abs(figure.start - m.end()),
                                                abs(m.start() - figure.end)))
        return self.g.change_base_of.get(nearest.group(0))

    def _statement(self, figure: Figure, direction: str, clause_start: int,
                   clause_end: int) -> str:
        """forecast, comparison, share, change or level: what kind of statement a figure makes."""
        before = (self.lower, clause_start, figure.start)
        listed = self._list_head(figure)
        if listed is not figure:
            # $80 billion, $75 billion and $100 billion respectively: a figure listed
            # right after a like one is stated as the list's first is
            return self._statement(listed, direction, self._clause_start(listed.start),
                                   self._clause_end(listed.end))
        if self.g.forecast.search(*before) or self.g.conditional.search(*before) or (
                self.g.basis_before.search(self.lower, clause_start, figure.start)
                and self.g.basis_after.match(self.lower, figure.end)):
            return "forecast"  # 预计…, 如果…, 以…计算: expected or supposed, not stated
        # 同比增长70%: the 比 of a change's basis makes no comparison.
        bases = [m.span() for m in self.g.change_base.finditer(*before)]
        if figure.unit == "times" or any(
                not any(low <= m.start() and m.end() <= high for low, high in bases)
                for m in self.g.comparison.finditer(*before)):
            return "comparison"
        if figure.kind == "ratio":
            return "share"
        if direction != "none":
            return "change"
        return "level"

    def _direction(self, figure: Figure, clause_start: int, clause_end: int) -> str:
        """increase or decrease for a change; none for a level (从95%降至50%, rose to $39bn)."""
        if self.lower[figure.start] in "-+" and figure.unit == "%":
            return "decrease" if self.lower[figure.start] == "-" else "increase"  # 股价-8%
        if self.g.level_before.search(self.lower, max(clause_start, figure.start - 6),
                                      figure.start) or \
                _LEVEL_NOUN_AFTER.match(self.lower, figure.end):
            return "none"  # (洞穿6660点的心理防线, 突破3000点大关: a level, not a move)
        after = self.g.direction_after.match(self.lower, figure.end, clause_end)
        best = None
        for match in self.g.direction.finditer(self.lower, clause_start, figure.start):
            # "up 5%" (and "up 12% ... and 78%") is a rise; "set up a $500 billion
            # fund", "down the road" are not: the word must lead straight into a figure.
            if match.group(0).strip() in self.g.adverb_directions and (
                    not self._leads_into_figure(match.end()) or
                    self._particle_of_verb(clause_start, match.start())):
                continue
            best = match
        if best is None and after is not None:
            best = after
        if best is None:
            index = bisect.bisect_left(self.figure_starts, figure.start)
            if index and _RESTATED.fullmatch(self.lower, self.figures[index - 1].end,
                                             figure.start):
                # 升345点或1.8%, up 345 points, or 1.8%: the same move restated
                previous = self.figures[index - 1]
                return self._direction(previous, self._clause_start(previous.start),
                                       self._clause_end(previous.end))
            for word, touching in self.g.touching_direction.items():
                if figure.kind != "count" and self.lower.endswith(word, clause_start,
                                                                  figure.start):
                    return touching  # 恒指升2.1%, 日经指数抹去4451点
        if best is None:
            # 分别下跌3%、4%和5%; fell 3%, 4% and 5%: a figure listed right after a like
            # one (only a list's joiner between) changes as the first of the list does.
            # Only where the change word leads into the list (not 价格一路下跌，27元，20元:
            # the prices it fell through).
            first = self._list_head(figure)
            if first is figure:
                return "none"
            leading = self._clause_start(first.start)
            word = next(reversed(list(self.g.direction.finditer(
                self.lower, leading, first.start))), None)
            if word is None or _CLAUSE_MARK.search(self.lower, word.end(), first.start):
                return "none"
            return self._direction(first, leading, self._clause_end(first.start))
        return "increase" if best.groupdict().get("inc") or best.groupdict().get("ninc") \
            else "decrease"

    def _particle_of_verb(self, clause_start: int, start: int) -> bool:
        """Whether the adverb at ``start`` is the particle of a verb that says no change
        (made up about a third, set up $500 billion: en.yaml adverb_direction_verbs)."""
        words = self.lower[max(clause_start, start - 12) : start].split()
        return bool(words) and words[-1] in self.g.adverb_direction_verbs

    def _list_head(self, figure: Figure) -> Figure:
        """The first figure of the list a figure ends (like figures joined by 、, and,
        commas only: 800亿美元、750亿美元和1000亿美元), else the figure itself."""
        first = figure
        index = bisect.bisect_left(self.figure_starts, figure.start)
        while index and (previous := self.figures[index - 1]).kind == figure.kind and \
                previous.unit == figure.unit and \
                _LIST_JOINER.fullmatch(self.lower, previous.end, first.start):
            first, index = previous, index - 1
        return first

    def _leads_into_figure(self, end: int) -> bool:
        """Whether a figure starts right after ``end`` (up 5%, adding HK$400 billion,
        adding tens of billions), a few linking words between at most."""
        index = bisect.bisect_left(self.figure_starts, end)
        if index == len(self.figure_starts):
            return False
        return _TO_FIGURE.fullmatch(self.lower, end, self.figure_starts[index]) is not None

    def _speaker(self, figure: Figure, info: SentenceInfo,
                 sentences: dict[int, SentenceInfo]) -> tuple[str | None, str | None]:
        # 发表在《X》的一项研究, 2015年发表在…: a figure inside an attribution, or the
        # date right before it, is not what the source says; nor is a figure that
        # describes the speaker (68岁的孙正义指出: the reporter's words).
        sources = [a for a in info.attributions if not a.start <= figure.start < a.end
                   and not (figure.kind == "date" and 0 <= a.start - figure.end <= 1)
                   and not (figure.end <= a.who_start and
                            _DESCRIBES_NEXT.fullmatch(self.lower, figure.end, a.who_start))
                   and not (a.start >= figure.end and a.hands_on)
                   # (…为4.3万亿，两会给出的赤字是6.4万亿: X给出的 modifies what follows it)
                   and not (a.start >= figure.end and self.folded[a.end - 1 : a.end] == "的")]
        before = [a for a in sources if a.start <= figure.start]
        chosen = before[-1] if before else (sources[0] if sources else None)
        if chosen is not None:
            self.last_role, self.last_said_on = chosen.role, chosen.said_on
            phrase = ascii_lower(fold(chosen.phrase))
            if chosen.speaker is None and _bare_report(chosen.phrase) and (
                    _REPORT_WORD.search(phrase) or _COMPANY_REPORT.search(phrase) or
                    _SURVEY_WORD.search(phrase) and
                    not _NOT_BARE_DOCUMENT.match(phrase)):
                # 据《纽约时报》报道…… 报道称: the report the text named before (a longer
                # phrase, 据某机构公布的最新一期报告显示, names a report of its own).
                named = self._report_antecedent(info, sentences)
                if named is not None:
                    return named.speaker, chosen.phrase
            return chosen.speaker, chosen.phrase
        self.last_role, self.last_said_on = None, None
        quoted = self._quoted_speaker(info, sentences) or self._speaker_after_quote(
            figure, sentences) or self._quote_continued(figure, info, sentences) or \
            self._introduced_quote(figure, sentences) or \
            self._quote_after_speech(figure.start, sentences) or \
            self._list_source(info, sentences) or \
            self._paragraph_turn(figure.start, info, sentences) or \
            self._sentence_turn(info, sentences) or \
            self._continued_turn(figure.start) or \
            self._quoted_block(figure.start, sentences) or \
            self._data_run(info, sentences) or \
            self._introduced_paragraphs(figure.start, info, sentences)
        if quoted is not None:
            return quoted
        turn = self._turn_at(figure.start)
        if turn is not None:
            return turn[1], turn[2]
        if self.narrator is not None and figure.start >= self.narrator_from:
            # the editors' introduction above the credit is not theirs
            parts = [part for start, part in self.narrator_sections if start <= figure.start]
            return parts[-1] if parts else self.narrator
        return self.author, None

    def _introduces_next(self, attribution: Attribution) -> bool:
        """Whether a Chinese source phrase hands on what follows it (…十三年坚持种植，他说，
        小时候…): a comma or colon right after its verb; a figure before it is then
        the writer's. (A source closing its sentence, 营收增长20%，他说。, covers it.)"""
        following = self.folded[attribution.end : attribution.end + 2].lstrip()
        return following[:1] in _HANDING_ON and \
            HAN.search(self.folded, attribution.start, attribution.end) is not None

    def _previous_sentences(self, info: SentenceInfo, sentences: dict[int, SentenceInfo],
                            count: int) -> list[SentenceInfo]:
        """Up to ``count`` sentences before this one, nearest first."""
        found, position = [], info.start
        while len(found) < count and position > self.body_start:
            previous = self._sentence(position - 1, sentences)
            if previous.start >= position:
                break
            found.append(previous)
            position = previous.start
        return found

    def _report_antecedent(self, info: SentenceInfo,
                           sentences: dict[int, SentenceInfo]) -> Attribution | None:
        """The named report a bare 报道称 / 调查显示 / the report said goes back to, a few
        sentences up: a source whose phrase names a report or cites one, or one that
        published something (X公布了一份《中国青年发展调查》。调查显示，…)."""
        for previous in self._previous_sentences(info, sentences, REPORT_SCOPE_SENTENCES):
            named = [a for a in previous.attributions if a.speaker and (
                _REPORT_WORD.search(fold(a.phrase)) or _COMPANY_REPORT.search(fold(a.phrase)) or
                _CITED_SOURCE.match(fold(a.phrase)) or
                _PUBLISHED.search(ascii_lower(fold(a.phrase))))]
            if named:
                return named[-1]
        return None

    def _list_source(self, info: SentenceInfo,
                     sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """X报道称： followed by list items: every item is X's, however long the list."""
        if not _LIST_ITEM.match(self.text, info.start):
            return None
        items, current, found = [], info, None
        while True:  # back to the head of the list, or to an item already answered
            if current.start in self.list_sources:
                found = self.list_sources[current.start]
                break
            items.append(current.start)
            previous = self._previous_sentences(current, sentences, 1)
            if not previous:
                break
            current = previous[0]
            if not _LIST_ITEM.match(self.text, current.start):
                if self.folded[current.start : current.end].rstrip().endswith((":", "：")):
                    named = [a for a in current.attributions if a.speaker]
                    found = (named[-1].speaker, named[-1].phrase) if named else None
                break
        for start in items:
            self.list_sources[start] = found
        return found

    def _introduced_paragraphs(self, position: int, info: SentenceInfo,
                               sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """冯骥说：\n\n2016年，美国的单机游戏市场，100亿美元。: a paragraph that ends
        with a named source's verb and a colon hands the next paragraphs to that
        source: the figure's is that source's when fewer than _INTRODUCED_PARAGRAPHS
        paragraphs stand between (images, blank lines and lines shorter than
        _SHORT_PARAGRAPH do not count; _INTRODUCED_LINES lines at most), and none of
        them is a heading, the writer's gloss (也就是说), another source or a turn."""
        if self.g.commentary_opener.match(self.lower, info.start):
            return None  # 这是啥意思呢？也就是说，…: the writer's own gloss
        line_start = self._line_start(position)
        if line_start not in self.introduced:
            self.introduced[line_start] = self._introducer(line_start, sentences)
        found = self.introduced[line_start]
        if found is not None and self._first_in_line(line_start, "source", sentences) < \
                info.start:
            return None  # 孟君对本刊阐述…。播出期间…: the narration has gone on since
        return found

    def _introducer(self, line_start: int,
                    sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """The named source whose colon hands on the line at ``line_start``, walking
        back over the lines before it (see _introduced_paragraphs), else None."""
        found, end, passed, lines = None, line_start - 1, 0, 0
        if self.g.commentary_opener.match(self.lower, line_start):
            end = self.body_start  # 也就是说，…: the writer's own gloss
        # (X报道称：- a - b. Then prose: the colon introduced the list, which has ended.)
        in_list = _LIST_ITEM.match(self.text, line_start) is not None
        while passed < _INTRODUCED_PARAGRAPHS and lines < _INTRODUCED_LINES and \
                end > self.body_start:
            start = self._line_start(end)
            line = self.folded[start:end].strip()
            if all(self.mask[at] == 1 or self.text[at].isspace() for at in range(start, end)):
                end = start - 1  # a blank line, or only an image, a link or a URL
                continue
            if line.startswith("#") or self._paragraph_speaker(start) is not None or \
                    self.g.commentary_opener.match(self.lower, start) or \
                    not in_list and _LIST_ITEM.match(self.text, start):
                break
            paragraph = self._sentence(max(start, end - 1), sentences)
            body = self.folded[start:end].rstrip("*_ \t")
            if body.endswith((":", "：")):
                colon = start + len(body) - 1
                named = [a for a in paragraph.attributions if a.speaker and
                         a.start < colon and 0 <= colon - a.end <= _INTRODUCER_GAP and
                         not _CLAUSE_MARK.search(self.folded, a.end, colon) and
                         not _VERBAL_CHARS.search(fold(a.speaker))]
                if named:
                    found = (named[-1].speaker, named[-1].phrase)
                    break
                # (所以，结论就出来了：: a colon that names no one goes on what the
                # source above says.)
            if self._first_in_line(start, "source", sentences) < end:
                break  # someone else speaks in between
            # 日本，50多亿美元。/ 中国呢？: short lines are pieces of one utterance.
            passed += len(line) >= _SHORT_PARAGRAPH
            lines += 1
            end = start - 1
        return found

    def _data_run(self, info: SentenceInfo,
                  sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """据IDC的数据显示，2021年第四季度，…增长475.9%。2021年全年，…占比达27.4%。: the
        figures of a named source of data run on over the next sentences of its
        paragraph (at most _DATA_RUN_SENTENCES), as long as each sentence between holds a
        figure and names no source, and none opens with the writer's gloss or telling on
        (也就是说, 于是) or with 我. They run on over the next paragraphs too when each
        opens as a release's next part (_goes_on_release), or when the source's sentence
        is a lede that names the release and holds no figure of its own (…, according
        to data released on Wednesday by the Office for National Statistics.)."""
        current, loose = info, False
        for _ in range(_DATA_RUN_SENTENCES):
            if not self._continues_data(current):
                return None
            previous = self._previous_sentences(current, sentences, 1)
            while previous and not self.text[previous[0].start : previous[0].end].strip():
                previous = self._previous_sentences(previous[0], sentences, 1)  # a line break
            if not previous:
                return None
            if "\n" in self.text[previous[0].end - 1 : current.start + 1] and \
                    not self._goes_on_release(current):
                loose = True  # a paragraph starts here, and not as a release's next part
            current = previous[0]
            named = [a for a in current.attributions if a.speaker]
            if current.attributions:
                # (According to IDC data: the words right after the phrase count too.)
                if named and _DATA_SOURCE.search(
                        self.folded, named[-1].start, named[-1].end + _DATA_WORD_REACH) \
                        and not (loose and self._holds_figure(current)):
                    return named[-1].speaker, named[-1].phrase
                return None
        return None

    def _holds_figure(self, info: SentenceInfo) -> bool:
        at = bisect.bisect_left(self.figure_starts, info.start)
        return at < len(self.figure_starts) and self.figure_starts[at] < info.end

    def _goes_on_release(self, info: SentenceInfo) -> bool:
        """Whether a paragraph opens as the next part of a data release (从税收收入看，…;
        支出方面，…; 其中，…; 7月份，…: lang/zh.yaml release_part_openers, or a date):
        its figures are still the release's."""
        start = info.start
        while start < info.end and self.text[start] in " \t\u3000*":
            start += 1
        at = bisect.bisect_left(self.date_starts, start)
        if at < len(self.date_starts) and self.date_starts[at] == start:
            return True
        return self.g.release_part_opener.match(self.lower, start) is not None

    def _continues_data(self, info: SentenceInfo) -> bool:
        """Whether a sentence may go on the data of a source before it (_data_run): it
        holds a figure, names no source, supposes nothing (如果我们粗略地用…, the writer's
        own reckoning) and opens with no gloss, telling on or 我."""
        return self._holds_figure(info) and not info.attributions and \
            not self.g.conditional.search(self.lower, info.start, info.end) and \
            not self.g.commentary_opener.match(self.lower, info.start) and \
            not self.g.narration_opener.match(self.lower, info.start) and \
            not self.g.first_person.match(self.lower, info.start)

    def _quoted_block(self, position: int,
                      sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """我随便贴几段英国《卫报》的一个报道，里边是这么说的： then paragraphs set off as a
        block quote (_QUOTE_LINE): the block is the words of the source its introducer
        (the line before it, ending with a colon) names: the source of its attribution,
        else the last name in it that is no place (a person, a body, a title: 邱震海转述了
        这么一个故事：, 凤凰网做过一个专访，我截一段：); none when it names none."""
        line_start = self._line_start(position)
        if not _QUOTE_LINE.match(self.text, line_start):
            return None
        end, lines = line_start - 1, 0
        while end > self.body_start and lines <= _QUOTE_BLOCK_LINES:
            start = self._line_start(end)
            body = self.folded[start:end].rstrip("*_ \t")
            if not body.strip(" \t*_>"):
                end = start - 1  # a blank line, or markup alone
                continue
            if not body.endswith((":", "：")):
                if not _QUOTE_LINE.match(self.text, start):
                    return None  # the block has no introducer
                lines += 1
                end = start - 1
                continue
            introducer = self._sentence(start + len(body) - 1, sentences)
            named = [a for a in introducer.attributions if a.speaker]
            if named:
                return named[-1].speaker, named[-1].phrase
            names = [e for e in introducer.entities if e.kind != "place" and
                     e.name != self.credited]
            if not names:
                return None
            return names[-1].name, self.text[introducer.start : start + len(body)].strip(
                " \t*_>：:")
        return None

    def _line_start(self, position: int) -> int:
        """Where the line holding ``position`` starts (never before the body)."""
        return max(self.text.rfind("\n", self.body_start, position) + 1, self.body_start)

    def _inside_quotation(self, position: int) -> bool:
        """Whether ``position`` stands inside a quotation opened earlier in its paragraph
        (她略显自豪：“…我在刘牙科那50块…”), or in a block quote: a 我 there is not the
        writer's."""
        line_start = self._line_start(position)
        if _QUOTE_LINE.match(self.text, line_start):
            return True
        paragraph = self.text[max(self.text.rfind("\n\n", self.body_start, position) + 2,
                                  self.body_start) : position]
        return sum(map(paragraph.count, "“「『")) > sum(map(paragraph.count, "”」』")) or \
            paragraph.count('"') % 2 == 1

    def _speaker_after_quote(self, figure: Figure,
                             sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """“……120杯……”爱美伦的老板金潜蕾告诉我们: a quotation whose speaker follows it."""
        paragraph_end = self.text.find("\n\n", figure.end)
        limit = min(len(self.text), figure.end + 400,
                    paragraph_end if paragraph_end != -1 else len(self.text))
        opened = max(self.folded.rfind("“", self.body_start, figure.start),
                     self.folded.rfind("「", self.body_start, figure.start))
        if opened == -1 or max(self.folded.rfind("”", opened, figure.start),
                               self.folded.rfind("」", opened, figure.start)) != -1:
            return None  # the figure is in no open quotation
        closing = _QUOTE_CLOSE.search(self.folded, figure.end, limit)
        if closing is None:
            return None
        after = _QUOTE_CLOSE_TAIL.match(self.folded, closing.end())
        position = after.end() if after else closing.end()
        following = self._sentence(min(position, len(self.text) - 1), sentences)
        for attribution in following.attributions:
            if attribution.speaker and attribution.start - position <= 16 and \
                    attribution.start >= closing.end():
                return attribution.speaker, attribution.phrase
        return None

    def _quote_continued(self, figure: Figure, info: SentenceInfo,
                         sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """"Our revenue grew 94%," Huang said. "We expect another 20%.": a quotation that
        opens its sentence right after a quoted sentence its speaker closed goes on in
        that speaker's voice, within the paragraph."""
        opening = _QUOTE_OPEN.match(self.folded, info.start)
        if opening is None or _ANY_QUOTE_CLOSE.search(self.folded, opening.end(),
                                                      figure.start) is not None:
            return None  # no quotation opens the sentence, or the figure is past its end
        previous = self._previous_sentences(info, sentences, 1)
        if not previous or "\n\n" in self.text[previous[0].start : info.start] or \
                _QUOTE_OPEN.match(self.folded, previous[0].start) is None:
            return None
        for attribution in previous[0].attributions:
            gap = self.folded[previous[0].start : attribution.start].rstrip(" ,，")
            if attribution.speaker and gap[-1:] in ('"', "”", "」"):
                return attribution.speaker, attribution.phrase
        return None

    def _introduced_quote(self, figure: Figure,
                          sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """杨兵再次给妻子发语音：“……”, 刘强东直指马云：“……”: a quotation after a colon is
        said by the person its introducing clause opens with, whatever the verb."""
        opened = max(self.folded.rfind("“", self.body_start, figure.start),
                     self.folded.rfind("「", self.body_start, figure.start))
        if opened <= self.body_start or max(
                self.folded.rfind("”", opened, figure.start),
                self.folded.rfind("」", opened, figure.start)) != -1 or \
                "\n\n" in self.text[opened : figure.start]:
            return None  # the figure is in no open quotation, or it opened paragraphs ago
        colon = opened - 1
        while colon > self.body_start and self.folded[colon] in " \t*":
            colon -= 1
        if self.folded[colon] not in "：:":
            return None
        clause_start = self._clause_start(colon)
        introducing = self._sentence(colon, sentences)
        people = [e for e in introducing.entities
                  if clause_start <= e.start and e.end <= colon and e.kind == "person"]
        # 教育博主张雪峰: a role right before the name is part of how the clause opens.
        lead_end = min([people[0].start, *(start for start, end in introducing.roles
                                            if end == people[0].start)]) if people else 0
        if not people or lead_end - clause_start > _QUOTE_LEAD_CHARS and \
                not self._epithet(clause_start, lead_end) or any(
                a.start < colon and clause_start < a.end for a in introducing.attributions):
            return None  # no one opens the clause, or a source of its own says it
        return people[0].name, self.text[people[0].start : colon].strip()

    def _quote_after_speech(self, position: int,
                            sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """阿姆斯特丹大学的行为科学家 Shaul Shalvi 认为：…⏎⏎「如果你抽取 40 个国家样本，有
        38 个…」: a paragraph that is a quotation and nothing else, right after a paragraph
        in which a named source speaks, goes on that source's words: its last named
        source, with the phrase that names it."""
        line_start = self._line_start(position)
        line_end = self.text.find("\n", position)
        line = self.folded[line_start : len(self.text) if line_end < 0 else line_end]
        body = line.strip(" \t*_")
        curly = body[:1] in ("“", "「") and body.endswith(("”", "」")) and \
            body.count("“") + body.count("「") == 1
        straight = body[:1] == '"' and body.endswith('"') and body.count('"') == 2
        if not (curly or straight):
            return None  # not one quotation making up the paragraph
        end = line_start - 1
        start = self._line_start(end)
        while end > self.body_start and not self.folded[start:end].strip():
            end = start - 1  # a blank line
            start = self._line_start(end)
        if end <= self.body_start:
            return None
        named, at = None, start
        while at < end:
            info = self._sentence(at, sentences)
            named = next((a for a in reversed(info.attributions) if a.speaker), named)
            at = max(info.end, at + 1)
        return (named.speaker, named.phrase) if named is not None else None

    def _epithet(self, start: int, name_start: int) -> bool:
        """讨马先锋刘强东: words before a name that describe the person (ending in a noun
        right before the name, no 我 or 你 among them), not a clause of their own."""
        lead = self.folded[start:name_start]
        if not 0 < len(lead) <= _EPITHET_CHARS or self.g.first_person.search(lead) or \
                not HAN.match(lead[-1:]):
            return False
        words = tag(lead)
        return bool(words) and words[-1][3] in _EPITHET_TAGS

    def _quoted_speaker(self, info: SentenceInfo,
                        sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """The speaker of a quotation that opened in an earlier sentence and is still open."""
        position = info.start
        for _ in range(6):
            previous = self._sentence_start(position - 1) if position > self.body_start else None
            if previous is None or previous >= position:
                return None
            segment = self.folded[previous:position]
            opened = segment.count("“") + segment.count("「")
            closed = segment.count("”") + segment.count("」")
            if closed > opened:
                return None
            if opened > closed:
                earlier = self._sentence(previous, sentences)
                with_speaker = [a for a in earlier.attributions if a.speaker]
                # 勋哥告诉我们，“现在按照新的《选科指引》…: who opens the quotation speaks
                # it, not a source its words cite.
                opening = previous + max(segment.rfind("“"), segment.rfind("「"))
                introducing = [a for a in with_speaker if a.end <= opening]
                if introducing or with_speaker:
                    chosen = (introducing or with_speaker)[-1]
                    return chosen.speaker, chosen.phrase
                return None
            position = previous
        return None

    def _paragraph_turn(self, position: int, info: SentenceInfo,
                        sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """The speaker who opens the figure's paragraph (_paragraph_speaker), unless a
        sentence between that opening and the figure tells on what happened
        (冯骥说，我来。于是，…: lang narration_openers)."""
        found = self._paragraph_speaker(position)
        if found is None:
            return None
        line_start = self._line_start(position)
        if self._first_in_line(line_start, "narration", sentences) <= info.start:
            return None
        # 张三说：“以后别去了！”李四很犹豫，…: words given as a quotation end with it; what
        # follows the closing mark is the writer's again.
        said_end = self.text.find(found[1], line_start)
        quote = said_end + len(found[1]) if said_end >= 0 else position
        while quote < position and self.folded[quote] in "：:，, ":
            quote += 1
        if quote < position and self.folded[quote] in "“「":
            segment = self.folded[quote:position]
            if segment.count("”") + segment.count("」") >= \
                    segment.count("“") + segment.count("「"):
                return None
        return found

    def _sentence_turn(self, info: SentenceInfo,
                       sentences: dict[int, SentenceInfo]) -> tuple[str, str] | None:
        """黄老师说，云南的水土……。当地的农户……。其中……每户每年就能赚8到11万元。: a
        sentence inside a paragraph that opens with a named speaker's verb and a comma
        hands the rest of the paragraph to that speaker, as a paragraph that opens so
        does (_paragraph_turn), up to _SENTENCE_TURN_REACH sentences on; not past a
        sentence that names another source, tells on what happened (lang
        narration_openers) or opens with the writer's 我 or with 他 or 她 (老韩说，…。他10岁
        时…: the writer tells of the speaker), nor past words given as a quotation
        (张三说：“……”)."""
        line_start = self._line_start(info.start)
        if not _SPEAKING_VERB_COMMA.search(self.folded, line_start, info.start):
            return None  # (no verb an opener needs: no sentence before it is read)
        position = info.start
        for _ in range(_SENTENCE_TURN_REACH):
            if position <= line_start or self.g.narration_opener.match(self.lower, position) \
                    or self.g.first_person_opener.match(self.lower, position) or \
                    self.g.personal_pronoun.match(self.lower, position):
                return None
            previous = self._sentence(position - 1, sentences)
            if not line_start <= previous.start < position:
                return None
            start = previous.start
            while start < previous.end and self.text[start] in " \t*":
                start += 1
            if any(a.speaker for a in previous.attributions):
                found = self._opening_speaker(start)
                said = self.text.find(found[1], start) if found else -1
                if said < 0 or any(mark in self.folded[said + len(found[1]) :
                                                       said + len(found[1]) + 2]
                                   for mark in "“「\""):
                    return None
                # (the source as the sentence resolved it: 黄老师 is 黄碧云)
                source = next(a for a in previous.attributions if a.speaker)
                return source.speaker, source.phrase
            position = previous.start
        return None

    def _first_in_line(self, line_start: int, what: str,
                       sentences: dict[int, SentenceInfo]) -> float:
        """Where the first sentence of the line at ``line_start`` that names a source
        (``what`` "source") or, after the line's first sentence, tells on what happened
        ("narration", lang narration_openers) starts; infinity when none does. Found
        in one walk over the line and kept, so that each figure of a long line asks
        in constant time."""
        key = (line_start, what)
        if key not in self.line_marks:
            end = self.text.find("\n", line_start)
            end = len(self.text) if end < 0 else end
            position, found = line_start, math.inf
            while position < end:
                info = self._sentence(position, sentences)
                if what == "source" and any(a.speaker for a in info.attributions) or \
                        what == "narration" and info.start > line_start and \
                        self.g.narration_opener.match(self.lower, info.start):
                    found = info.start
                    break
                position = max(info.end, position + 1)
            self.line_marks[key] = found
        return self.line_marks[key]

    def _paragraph_speaker(self, position: int) -> tuple[str, str] | None:
        """达叔说，……: a paragraph that opens with a named speaker's verb is that
        speaker's to its end, every sentence of it (a dialogue told in turns)."""
        return self._opening_speaker(self._line_start(position))

    def _opening_speaker(self, start: int) -> tuple[str, str] | None:
        """The named speaker whose verb and comma open the text at ``start`` (a
        paragraph, or a sentence of one: 黄老师说，……), and the phrase that names them."""
        if start not in self.paragraph_speakers:
            found = None
            match = _PARAGRAPH_OPENER.match(self.folded, start)
            if match is not None:
                who = self.text[match.start("who") : match.end("who")].strip()
                if self.g.entity_of.get(compact_key(who)) or self._looks_like_name(who) or \
                        self._recurring_voice(who):
                    found = (self._canonical(who),
                             self.text[match.start("who") : match.end()].rstrip("，,：: "))
            match = None if found else _PARAGRAPH_OPENER_ROLE.match(self.folded, start)
            if match is not None:
                # 时任宝龙集团的联席总裁陈德力说，……: a role, then the name that says it.
                head = self.folded[match.start("head") : match.end("head")]
                for length in (3, 2, 4):
                    role = name_rules().role_pattern.search(head[:-length])
                    who = self.text[match.end("head") - length : match.end("head")]
                    if role is not None and role.end() == len(head) - length and (
                            self.g.entity_of.get(compact_key(who)) or
                            name_rules().is_person_name(head[-length:])):
                        found = (self._canonical(who),
                                 self.text[match.start("head") : match.end()].rstrip("，,：: "))
                        break
            self.paragraph_speakers[start] = found
        return self.paragraph_speakers[start]

    def _recurring_voice(self, who: str) -> bool:
        """主任说，…, 主任问，…: a role alone that opens _RECURRING_VOICE_TURNS or more
        paragraphs of the text is one person, whom the writer talks with by that title
        (an interview written in turns); a role met once (老板说，…) names no one. A
        noun that opens _RECURRING_NOUN_TURNS or more (医疗说，…, 广州说，…: a friend
        the writer calls by a trade or a city) is one too; never a word that names
        nobody in particular (有人, 网友), a discourse word (换句话说, 也就是说) or
        anything that is no single noun as jieba cuts it."""
        folded = fold(who)
        rules = name_rules()
        role = rules.role_pattern.fullmatch(folded) is not None
        if not role and not self._voice_noun(folded):
            return False
        if self.voice_turns is None:  # who opens each paragraph with a speaking verb
            self.voice_turns = Counter(
                opener.group("who") for line in re.finditer(
                    r"(?m)^", self.folded[self.body_start :])
                if (opener := _PARAGRAPH_OPENER.match(
                    self.folded, self.body_start + line.start())) is not None)
        return self.voice_turns[folded] >= (_RECURRING_VOICE_TURNS if role else
                                            _RECURRING_NOUN_TURNS)

    def _voice_noun(self, word: str) -> bool:
        """Whether a folded word before a speaking verb may be a voice's name: one noun
        or name as jieba tags it, naming someone in particular (see _recurring_voice)."""
        rules = name_rules()
        words = tag(word)
        return len(words) == 1 and words[0][3] in _VOICE_TAGS and \
            compact_key(word) not in self.g.generic_sources and \
            word not in rules.not_names and not any(c in rules.function_chars for c in word)

    def _continued_turn(self, position: int) -> tuple[str, str] | None:
        """医疗说，没有。\n\n营收仍然没有增长，……: in a dialogue told in turns (at least
        _DIALOGUE_TURNS paragraphs open with a named speaker's verb), a paragraph that
        opens with none goes on the turn above it, up to _TURN_PARAGRAPHS paragraphs
        on, never past a heading line, and never past a turn of someone unnamed (老板说，
        …: an unnamed source's, then no one's)."""
        if self.turn_lines is None:
            self.turn_lines = []
            for match in re.finditer(r"(?m)^[ \t]*(\S)", self.text[self.body_start :]):
                line_start = self.body_start + match.start()
                heading = match.group(1) == "#"
                speaker = None if heading else self._paragraph_speaker(line_start)
                opens = speaker is not None or not heading and \
                    _PARAGRAPH_OPENER.match(self.folded, line_start) is not None
                self.turn_lines.append((line_start, heading or opens, speaker))
            if sum(1 for _, _, speaker in self.turn_lines if speaker) < _DIALOGUE_TURNS:
                self.turn_lines = []
        if not self.turn_lines:
            return None
        index = bisect.bisect_right(self.turn_lines, position, key=lambda line: line[0]) - 1
        if index < 0 or self.turn_lines[index][1]:
            return None  # a heading, or a turn of its own
        for back in range(index - 1, max(index - 1 - _TURN_PARAGRAPHS, -1), -1):
            turn_start, boundary, speaker = self.turn_lines[back]
            if boundary:
                if speaker is not None and self._narration_between(turn_start, position):
                    return None  # 王颍说，…。而另一个事实是，⏎截至2019年…: the writer's again
                return speaker  # the turn it goes on (None after a heading or someone unnamed)
        return None

    def _narration_between(self, turn_start: int, position: int) -> bool:
        """Whether a sentence after the first of the turn at ``turn_start`` and before
        ``position`` tells on what happened (lang narration_openers)."""
        first = bisect.bisect_right(self.sentence_bounds, turn_start)
        last = bisect.bisect_left(self.sentence_bounds, position)
        return any(self.g.narration_opener.match(self.lower, start)
                   for start in self.sentence_bounds[first:last])

    def _turn_at(self, position: int) -> tuple[int, str | None, str] | None:
        """The interview turn a position is in: its own line and a few lines after it."""
        if not self.turns:
            return None
        index = bisect.bisect_right([t[0] for t in self.turns], position)
        if not index:
            return None
        turn = self.turns[index - 1]
        lines_between = self.text.count("\n", turn[0], position) - self.text.count(
            "\n\n", turn[0], position)
        return turn if lines_between <= TURN_CARRY_LINES else None

    def _eligible(self, info: SentenceInfo, figure: Figure) -> list[EntityMention]:
        """Entities that may be the figure's subject: not a source, not a comparison base."""
        eligible = []
        bases = [e for e in info.entities if self._comparison_base(e, figure, info.entities)]
        located = self._located(info)
        for entity in info.entities:
            # The owner of a base is part of it: Meta的Llama 3.1模型十分之一.
            if any(0 <= base.start - entity.end <= 3 and re.fullmatch(
                    r"\s?(?:的|'s)?\s?", self.lower[entity.end : base.start]) for base in bases):
                continue
            if any(a.who_start <= entity.start and entity.end <= a.who_end
                   and not a.who_end <= figure.start < a.end
                   for a in info.attributions if a.start <= entity.start < a.end or
                   a.who_start <= entity.start < a.who_end):
                continue  # (…but Nvidia, which reported revenue of $57 billion, said: Nvidia's)
            if any(a.who_start < entity.start and entity.end <= a.end and
                   self.folded[a.who_end : entity.start].lstrip().startswith(",")
                   for a in info.attributions):
                continue  # Jane Doe, an analyst at Bernstein, said: the source's description
            if any(a.who_end <= entity.start and entity.end <= a.end for a in info.attributions):
                continue  # 李家超在《施政报告》中指出: where the source speaks
            if any(a.role is not None and _OBSERVER_ROLE.search(ascii_lower(fold(a.role))) and
                   entity.end <= a.who_start and a.who_start - entity.end <= len(a.role) + 2
                   for a in info.attributions):
                continue  # Bernstein analyst Stacy Rasgon estimated: an observer's firm
            if any(start <= entity.start and entity.end <= end
                   for start, end in self._group_members(info)):
                continue  # 包括苹果、微软在内的七大科技公司: a member, not the group
            if entity in bases or id(entity) in located and not (
                    self.folded[entity.end : entity.end + 1] == "'" and
                    self._owns_figure(entity, figure, info.entities)):
                continue  # (far more than London's 22,000: an object's own figure)
            if self._counted_name(entity, info):
                continue
            eligible.append(entity)
        return eligible

    def _counted_name(self, entity: EntityMention, info: SentenceInfo) -> bool:
        """512 H800 GPUs, 2048块英伟达H800芯片: a name between a count and its noun
        is part of what is counted, never what a figure of the sentence is about."""
        start = entity.start
        while (before := next((e for e in info.entities if e.end <= start and
                               not self.lower[e.end : start].strip() and e.start < start),
                              None)) is not None:
            start = before.start  # 英伟达H800: names in a row are one name
        first = bisect.bisect_left(self.figure_starts, info.start)
        if not any(f.kind == "count" and f.end <= start and
                   not self.lower[f.end : start].strip()
                   for f in itertools.takewhile(lambda f: f.start < info.end,
                                                itertools.islice(self.figures, first, None))):
            return False  # (the sentence's figures only: a long text has thousands)
        if HAN.match(self.folded, start - 1):
            # 2048块英伟达H800芯片: a classifier, then the counted thing's names; but
            # 十二个RA里 (among the twelve RAs): the set the clause speaks of.
            return self.folded[entity.end : entity.end + 1] not in subject_rules().locative_endings
        return re.match(r" [A-Za-z]", self.folded[entity.end : entity.end + 2]) is not None

    def _group_members(self, info: SentenceInfo) -> list[tuple[int, int]]:
        """The spans that list a group's members (包括X、Y在内的, X为首的, X、Y等4家,
        including X and Y), the same for every figure of the sentence: found once."""
        if info.members is None:
            info.members = [
                next(match.span(group) for group in _MEMBER_GROUPS if match.group(group))
                for match in self.g.group_frame.finditer(self.lower, info.start, info.end)]
        return info.members

    def _located(self, info: SentenceInfo) -> set[int]:
        """The ids of the sentence's entities that say where, not what (the same for
        every figure of the sentence: found once)."""
        if info.located is not None:
            return info.located
        # 一家杭州的初创公司, a Hangzhou startup: the place only locates the subject.
        located = {id(e) for e in info.entities if e.kind == "place" and self.g.indefinite.search(
            self.lower, max(info.start, e.start - 4), e.start)}
        # DeepSeek-R1在MATH-500测试中: a name inside 在…中 is where, not what.
        located |= {id(e) for e in info.entities if self.lower[e.start - 1 : e.start] == "在"
                    and _SETTING_AFTER.match(self.lower, e.end)}
        # 在上海花了8000万, 在北京北漂了十几年: a place after 在 is where it happened.
        # (由于/c 我国, 出现/v 在/p 中国: the preposition must be a word of its own.)
        after_preposition = [e for e in info.entities if e.kind == "place" and
                             self.lower[e.start - 1 : e.start] in ("在", "于")]
        if after_preposition:
            ends = {info.start + end: word for _, end, word, _ in
                    tag(self.folded[info.start : info.end])}
            located |= {id(e) for e in after_preposition
                        if ends.get(e.start) in subject_rules().place_prepositions}
        if not HAN.search(self.folded, info.start, info.end):
            # used Nvidia's H800 chips, trained with 2,000 Nvidia H800 chips: an object.
            located |= {id(e) for e in info.entities if self.g.object_marker.search(
                self.lower, max(info.start, self._clause_start(e.start), e.start - 48), e.start)}
        info.located = located
        return located

    def _owns_figure(self, entity: EntityMention, figure: Figure,
                     others: list[EntityMention] | None) -> bool:
        """Whether the figure right after a name is that name's own: Llama 3's 30.8M GPU
        hours, 远多于伦敦的22000家, Llama模型(6600万次), and the owner of such a name
        (Meta的Llama模型(6600万次)); not 是上海的20%, a share of the name."""
        if entity.end > figure.start:
            return False
        if _OWNS_NEXT.fullmatch(self.text, entity.end, figure.start) or \
                _OWNS_BRACKETED.fullmatch(self.folded, entity.end, figure.start) or \
                figure.kind not in ("percent", "ratio") and \
                self.folded[entity.end : figure.start] == "的":
            return True
        owned = next((other for other in others or () if other.start >= entity.end and
                      self.folded[entity.end : other.start] in ("的", "")), None)
        return owned is not None and owned is not entity and \
            self._owns_figure(owned, figure, others)

    def _comparison_base(self, entity: EntityMention, figure: Figure,
                         others: list[EntityMention] | None = None) -> bool:
        """Whether an entity is what the figure is compared with (比o1, than OpenAI, X的1/20)."""
        if self._owns_figure(entity, figure, others):
            return False  # vs. Llama 3's 30.8M GPU hours: the base's own figure is its
        # What stands before an entity is the same for every figure of its sentence.
        known = self.compared.get(id(entity))
        if known is None or known[0] is not entity or known[1] is not others:
            known = (entity, others, self._after_comparison_word(entity, others))
            self.compared[id(entity)] = known
        if known[2]:
            return True
        # X的1/20, X模型十分之一: what a share is a share of.
        if figure.kind == "ratio" and figure.unit == "fraction" and \
                0 <= figure.start - entity.end <= 6 and not _VERB_BEFORE_SHARE.search(
                    self.lower, entity.end, figure.start):
            return True  # (中国占了三分之一: the name before a verb owns the share)
        # 是上海的20%, 占全国的三成: a share of a name, after a verb that links to it.
        return figure.kind in ("percent", "ratio") and \
            self.lower[entity.end : figure.start].strip() == "的" and \
            self.g.share_of.search(self.lower, max(self.body_start, entity.start - 4),
                                   entity.start) is not None

    def _after_comparison_word(self, entity: EntityMention,
                               others: list[EntityMention] | None) -> bool:
        """Whether a comparison word (比, than) stands right before an entity, or before
        the list it ends (ahead of ChatGPT, Threads and Temu)."""
        head = entity.start
        for other in reversed(others or []):
            if other.end <= head and _LIST_JOINER.fullmatch(self.lower, other.end, head):
                head = other.start  # (the names of one list, back to its first)
        window_start = max(self.body_start, head - 16)
        before = self.lower[window_start : entity.start]
        # Other names and possessives between a marker and this one belong to the
        # same base: 比OpenAI的o1 makes o1 a base too.
        for other in others or []:
            if window_start <= other.start and other.end <= entity.start:
                before = before[: other.start - window_start] + " " * (other.end - other.start) \
                    + before[other.end - window_start :]
        # (…无法超越，但迈克尔·杰克逊: a comma with no list before the name ends the clause
        # the comparison word is in)
        before = _LIST_TAIL.sub("", before) if head < entity.start else before.rstrip()
        trimmed = _POSSESSIVE_TAIL.sub("", before)
        trimmed = _POSSESSIVE_TAILS.sub("", trimmed.rstrip())
        return bool(self.g.comparison_before.search(trimmed) or
                    self.g.comparison_before.search(before))

    def _subject(self, figure: Figure, info: SentenceInfo, clause_start: int, clause_end: int,
                 sentences: dict[int, SentenceInfo],
                 measure_span: tuple[int, int] | None = None,
                 topic_word: tuple[int, int, str] | None = None,
                 worded: tuple[int, int] | None = None) -> str | None:
        eligible = self._eligible(info, figure)
        if (scope := self._scope_span(figure, info)) is not None:
            # DeepSeek登上美国App Store免费榜第一: the list is where the rank is held,
            # not who holds it.
            eligible = [e for e in eligible if not (scope[0] <= e.start and e.end <= scope[1])]
        national = self._national_subject(self._past_dateline(clause_start, figure.start),
                                          figure.start, measure_span)
        if national is not None and not any(
                clause_start <= e.start < figure.start and e.kind != "place" and
                not self.folded.startswith(
                    tuple(name_rules().national_openers.get(self.lang, {})), e.start)
                for e in eligible):
            # 全国居民消费价格指数同比上涨0.4% (a name found for the statistic is none);
            # 国内苹果手机销量 stays Apple's
            return national
        paired = self._respective(figure, info, eligible)
        if paired is None and not any(e.end <= figure.start for e in eligible):
            paired = self._respective_phrases(figure, info)
        if paired is not None:
            return paired
        relative = _RELATIVE_TO_FIGURE.search(self.folded, info.start, figure.start)
        if relative is not None:
            # …backed by the hedge fund High-Flyer, which manages about $8 billion: a
            # figure in a relative clause is of the name the clause hangs on
            head = [e for e in eligible if e.end == relative.start()]
            if head:
                return head[-1].name
        valued = self.g.valued_object.search(self.lower, clause_start, figure.start)
        if valued is not None:
            # Investors are valuing the startup behind ChatGPT at $157 billion: the
            # worth of what is valued (the body "the startup" points back to), not
            # of who values it.
            start, end = valued.span("object")
            pointed = self._antecedent(" ".join(self.text[start:end].split()[:2]), info)
            named = [e for e in eligible if start <= e.start < end]
            return pointed or (named[0].name if named else None)
        if figure.unit in ("age", "rank"):
            # 78岁的翰林学士刘三吾, 一名26岁的年轻人布瓦吉吉: the person the age describes,
            # even when that person then speaks (68歲的孫正義指出); 排名第二的选手塔蒂亚娜·
            # 苏亚雷斯: the one in that place.
            described = [e for e in info.entities if (e.kind in ("person", "other") or
                                                      figure.unit == "rank")
                         and figure.end <= e.start <= figure.end + 16
                         and self.lower[figure.end : figure.end + 1] == "的"
                         and not re.search(r"[，,。；;：:]", self.lower[figure.end : e.start])]
            if figure.unit == "age" and self.g.age_time.match(self.lower, figure.end):
                # 17岁时，周全被送去…: the person the main clause after it is about;
                # 他…，10岁时随大人…: whom the sentence's pronoun points back to.
                main = [e for e in eligible if e.kind in ("person", "other") and
                        clause_end < e.start <= clause_end + _AGE_SUBJECT_REACH]
                if main:
                    return main[0].name
                pronoun = self.g.personal_pronoun.match(self.lower, clause_end + 1) or \
                    self.g.personal_pronoun.search(self.lower, info.start, figure.start)
                if pronoun is not None:  # (17岁时，他去了上海: the main clause's 他)
                    return self._person_referred(info, pronoun.end(), sentences)
            if figure.unit == "age" and self.text[figure.end - 4 : figure.end] == "-old":
                # The 68-year-old Masayoshi Son, a 26-year-old vendor: an age written as
                # an adjective is the age of what it qualifies, a name or no one named.
                qualified = [e for e in info.entities if e.kind in ("person", "other") and
                             figure.end < e.start <= figure.end + _AGE_QUALIFIED_REACH and
                             not re.search(r"[,.;:!?]", self.text[figure.end : e.start])]
                return qualified[0].name if qualified else None
            if described and described[0] not in eligible:
                return described[0].name  # (a speaker: 68歲的孫正義在聲明中指出)
            if described:  # (排名第二的是阿里巴巴集团的千问模型: the end of X的Y)
                return self._possessive_chain_end(eligible[eligible.index(described[0]):],
                                                  clause_end).name

        def pick(candidates: list[EntityMention], nearest_last: bool = True) -> str | None:
            if not candidates:
                return None
            ordered = candidates if nearest_last else list(reversed(candidates))
            non_place = [e for e in ordered if e.kind != "place"]
            chosen = (non_place or ordered)[-1]
            return chosen.name

        if figure.kind == "duration":
            # 程亮拍了20余年上海, 张伟在腾讯工作了10年: how long someone did something is
            # theirs, not the object's or the workplace's after or before the verb.
            doers = [e for e in eligible if e.kind == "person" and
                     clause_start <= e.start and e.end <= figure.start]
            if doers:
                return doers[0].name
        after = [e for e in eligible if e.start >= figure.end and e.start < clause_end]
        # 60万块H100: what a count counts is not what the count is about.
        counted = figure.kind == "count" and figure.unit_text is not None
        gap = self.text[figure.end : after[0].start] if after else ""
        if after and not counted and _AFTER_FIGURE_GAP.match(gap):
            return self._possessive_chain_end(after, clause_end).name
        in_clause = [e for e in eligible if clause_start <= e.start and e.end <= figure.start]
        owner = next((e for e in reversed(in_clause)
                      if self._owns_figure(e, figure, info.entities)), None)
        if owner is not None:
            return owner.name  # 远多于伦敦的22000家: London's, a place or not
        if any(e.kind != "place" for e in in_clause):
            return pick(in_clause)
        pronoun = self.g.personal_pronoun.match(self.lower, clause_start)
        if pronoun is not None and pronoun.end() <= figure.start and not any(
                a.start <= pronoun.end() - 1 < a.end for a in info.attributions):
            # (He said revenue rose 5%: who speaks is not what the figure is about.)
            return self._person_referred(info, pronoun.end(), sentences)
        if (it := _CLAUSE_IT.match(self.lower, clause_start)) is not None and \
                it.end() <= figure.start:
            # …, ahead of ChatGPT, and it had climbed to first place: "it" opening a
            # later clause is what the text was about before, not a name of this
            # sentence's other clauses.
            carried = self._carried_subject(info, sentences, opening=True)
            if carried is not None:
                return carried
        head = self._line_head(info, figure)
        if head is not None:
            return head
        listed = self._listed_under(info, figure, sentences)
        if listed is not None:
            return listed
        for attribution in info.attributions:
            # (DeepSeek, which was founded…, said its model…: a source whose verb ends in
            # the figure's clause, though its name opens an earlier one)
            if attribution.speaker and (
                    clause_start <= attribution.who_start < figure.start or
                    attribution.who_start < clause_start < attribution.end <= figure.start
                    and not HAN.search(self.folded, attribution.start, attribution.end)):
                if self.g.body_word.search(self.lower, attribution.end, figure.start) or \
                        _CITATION.search(self.lower, attribution.start, attribution.end) or \
                        _ANALYST_WORD.search(self.lower, attribution.start, attribution.end):
                    continue  # Bernstein estimated that the company spent, Smith et al.
                    # (2019) found, Goldman analysts said: not its own
                if _POINTS_ELSEWHERE.match(self.lower, attribution.end):
                    continue  # SemiAnalysis估计其总支出: 其 is another's, named before
                for entity in info.entities:
                    if entity.name == attribution.speaker and entity.kind not in (
                            "person", "title") and not self._outlet_or_department(attribution):
                        return entity.name  # 英伟达表示: a company's own figures
                body = self._body_pointed_at(attribution)
                if body is not None:
                    return body  # The company said revenue rose 94%
        # (以X为例，营业首日便迎接了…: the example, not the phrase its clause opens with;
        # 中国是62.69%: a place the clause names is what its figure is about)
        example = None if in_clause else self._example(info, clause_start, eligible)
        if example is not None:
            return example
        topic = self._clause_topic(figure, info, clause_start, measure_span, eligible, worded)
        if topic is not None:
            return topic
        if in_clause:
            return pick(in_clause)
        for attribution in info.attributions:
            # 英伟达表示，营收增长5%: a company that speaks of itself, in an earlier
            # clause of the figure's sentence, is what the figure is about.
            # A name between them is what the figure is about (DeepSeek stated that
            # training R1-Zero utilized 648 GPUs, taking 198 hours).
            if attribution.speaker and attribution.end <= clause_start and \
                    not self._reports_on_others(attribution) and not any(
                        attribution.end <= e.start < figure.start for e in eligible):
                own = [e for e in info.entities if e.name == attribution.speaker and
                       e.kind not in ("person", "title", "place") and
                       attribution.who_start <= e.start < attribution.who_end]
                if own:
                    return own[0].name
                body = self._body_pointed_at(attribution)
                if body is not None:
                    return body
        in_sentence = [e for e in eligible if e.end <= figure.start]
        if in_sentence and topic_word is not None and topic_word[1] <= figure.start:
            # the training cost of R1, R1的训练成本: the name the topic word is of.
            near = [e for e in in_sentence if e.kind != "place" and min(
                abs(e.start - topic_word[1]), abs(topic_word[0] - e.end)) <= _TOPIC_OWNER_GAP
                and not _CLAUSE_MARK.search(self.folded, min(e.end, topic_word[1]),
                                            max(e.start, topic_word[0]))]
            if near:
                return min(near, key=lambda e: min(abs(e.start - topic_word[1]),
                                                   abs(topic_word[0] - e.end))).name
        if in_sentence and self.g.subject_anaphor.match(self.lower, info.start) and \
                in_sentence[0].start >= self._clause_end(info.start):
            # (其GPT-4…耗资超过1亿美元: a name in the first clause is what 其 owns.)
            carried = self._carried_subject(info, sentences, opening=True)
            if carried is not None:  # 其训练……，使用了……英伟达H800……，总计消耗约280万GPU小时
                return carried
        if in_sentence and self.g.demonstrative_clause.search(
                self.lower, in_sentence[-1].end, figure.start):
            return None  # ……，这种超级通用大模型，包含了几千亿参数: what it points at
        anaphor = self.g.subject_anaphor.match(
            self.lower, _CLAUSE_JOINER.match(self.lower, clause_start).end())
        if clause_start > info.start and anaphor is not None and \
                self.folded[max(0, clause_start - 8) : clause_start].rstrip()[-1:] != ":" and \
                self.g.body_word.search(self.lower, anaphor.start(), anaphor.end()):
            # He ran it for thirty years, and the company is now worth $3 trillion: the
            # organisation named last, in the sentence or the one before, not the
            # person the sentence opened with (胡泳:这家公司…: an interview turn's label
            # opens no clause of its own).
            bodies = [e for e in in_sentence if e.kind not in ("person", "place", "title")]
            carried = bodies[-1].name if bodies else \
                self._carried_subject(info, sentences, opening=True)
            if carried is not None:
                return carried
        asides = [m.span() for m in self.g.aside.finditer(self.lower, info.start, figure.start)]
        in_sentence = [e for e in in_sentence
                       if not any(start < e.start and e.end < end for start, end in asides)]
        if in_sentence:
            # A later clause that names no one goes on what the sentence is about: its
            # first name (of X的Y, the Y), not the object of a clause between, nor a
            # name in an aside (The startup, which was founded by Liang Wenfeng, said…).
            named = [e for e in in_sentence if e.kind != "place"] or in_sentence
            return self._possessive_chain_end(
                in_sentence[in_sentence.index(named[0]):], figure.start).name
        later_in_clause = [e for e in after if e.start < clause_end]
        if later_in_clause:
            return pick(later_in_clause, nearest_last=False)
        if self.g.fronted_phrase.match(self.lower, clause_start):
            # "With a training cost of $294,000, DeepSeek-R1 was featured...": a phrase
            # fronted before its sentence's subject is about that subject.
            following = [e for e in eligible if clause_end < e.start <= clause_end + 2]
            if following:
                return following[0].name
        if info.subject is not None:
            # 拼多多的年活跃买家数达9.1亿，平均月活跃用户数达到7.9亿: a later clause that
            # names no one goes on the subject an earlier figure of its sentence has.
            return info.subject
        if self.g.first_person_opener.match(self.lower, clause_start):
            return None  # 王明说，我们公司…: the speaker's own, not the last sentence's
        opener = self.g.personal_pronoun.match(self.lower, info.start)
        if opener is not None and opener.end() <= clause_start and not any(
                a.start < opener.end() and opener.start() < a.end for a in info.attributions):
            # 他搞了那么多年的那件事情，都快60岁了: a sentence that opens with 他 is about
            # that person in a later clause that names no one (not across a paragraph:
            # a new paragraph's 他 may be someone no name was given).
            referred = self._person_referred(info, opener.end(), sentences)
            if referred is not None and referred != self.credited:
                return referred  # (he is never the writer, who says 我)
        body = self.g.subject_anaphor.search(self.lower, clause_start, figure.start)
        if body is not None and self.g.body_word.search(self.lower, body.start(), body.end()):
            # He said the company would ship 2 million chips: the company named before,
            # not the last name of the sentence before (CES)
            named = self._antecedent(self.text[body.start() : body.end()], info)
            if named is not None:
                return named
        # (### 小梁 above a paragraph: what its heading line names; 它的营收, its
        # revenue: the name the sentence before opens with.)
        return self._carried_subject(info, sentences, heading=True, opening=bool(
            self.g.subject_anaphor.match(self.lower, clause_start)))

    def _names_measure(self, span: tuple[int, int]) -> bool:
        """Whether a noun phrase is only a topic word, a quantity and not what has one
        (总收入为1090亿元，同比增长48.8%: 总收入 is what grew; whose it is lies
        elsewhere): a topic word, or a short noun with a measure's ending. 蕉下营业收入
        names its owner too and stays."""
        key = compact_key(self.text[span[0] : span[1]])
        return key in self.g.topic_of or len(key) <= _BARE_MEASURE_CHARS and \
            fold(key).endswith(_quantity_endings())

    def _clause_topic(self, figure: Figure, info: SentenceInfo, clause_start: int,
                      measure_span: tuple[int, int] | None,
                      eligible: list[EntityMention],
                      worded: tuple[int, int] | None = None) -> str | None:
        """The noun phrase the figure's clause, else its sentence, starts with
        (claimtrack.extract.subjects): 住户贷款减少2170亿元 is about 住户贷款. A phrase
        that is only part of the measure as worded (劳动 of 劳动人口流失约14万人) is none."""
        if self.lang == "en" or not HAN.search(self.folded, clause_start, figure.start + 1):
            return None
        dates = [(d.start, d.end) for d in self._dates_in(info.start, info.end)]
        blocked = [(a.start, a.end) for a in info.attributions]
        first = bisect.bisect_left(self.figure_starts, info.start)
        figures = [(f.start, f.end) for f in self.figures[first:]
                   if f.start < figure.start and f is not figure]
        blocked += figures
        blocked += self._group_members(info)  # (包括苹果、微软在内的…: no topic)
        for attribution in info.attributions:
            # 发表了一篇文章，展示了全国公路每年养护缺口高达50%: a source's phrase that
            # runs into the clause leaves the topic after it.
            if attribution.start <= clause_start < attribution.end < figure.start:
                clause_start = attribution.end
        clause_start = self._past_dateline(clause_start, figure.start)
        national = self._national_subject(clause_start, figure.start, measure_span)
        if national is not None:
            return national
        span = clause_topic(self.folded, clause_start, figure.start, dates, blocked,
                            measure_span)
        scope = self._scope_span(figure, info) if figure.unit == "rank" else None
        if scope is not None and isinstance(span, tuple) and span[0] < scope[1] and \
                scope[0] < span[1]:
            span = None  # 涨幅高居全球第二: a phrase running into the rank's whole is no topic
        if span in (MEASURE_COMPOUND, MEASURE_WORD):
            measure = compact_key(self.text[measure_span[0] : measure_span[1]])
            if span == MEASURE_WORD or measure in self.g.topic_of or any(
                    (start, end) == measure_span for start, end, _, _ in info.topics or ()) \
                    or self.g.direction.search(self.lower, measure_span[0], measure_span[1]):
                return None  # 营收增长20%, 人数达到300人, 单日跌幅达…: what, not whose
            span = measure_span  # 住户贷款减少2170亿元
        else:
            # 同比少增7453亿元, 都占到了…: a clause that goes on the topic of the
            # figure's clause before it, or of its sentence's first clause. A change
            # written verb first (季增25%) goes on the nearest clause topic before it.
            counts_its_noun = figure.kind == "count" and figure.unit_text is not None
            verb_first = not counts_its_noun and (
                not self.folded[clause_start : figure.start].strip(" ，,")
                or self._opens_with_change(clause_start, figure.start))
            end = clause_start - 1
            for _ in range(_TOPIC_CLAUSES_BACK):
                if span is not None or end <= info.start:
                    break
                if self.folded[end : end + 1] == ":":
                    break  # 结果令人惊讶：A组……: what leads into a colon is no topic
                start = self._clause_start(end)
                holds_figure = any(start <= f[0] < end for f in figures)
                # 总营收达到570亿美元，创历史最高纪录，同比增长62%: a clause with neither
                # a figure nor a verb (创/n 历史/n 最高/a 纪录/n) is a comment, no topic.
                # (財政司司長陳茂波表示，本港經濟…: a clause that only names the source says
                # who speaks, not what the figures after it are about)
                speaks = any(start <= a.who_start and end - 1 <= a.end <= end + 1
                             for a in info.attributions)  # (财报显示，…: unnamed too)
                if not speaks and (start == info.start or holds_figure or verb_first and any(
                        flag.startswith("v") for _, _, _, flag in tag(self.folded[start:end]))):
                    opening = self._past_dateline(start, end)
                    national = self._national_subject(
                        opening, min([f[0] for f in figures if opening <= f[0] < end] or [end]),
                        None)
                    if national is not None:
                        return national  # 国内旅游出游人数8.26亿人次，同比增长71.3%
                    span = clause_topic(self.folded, opening, end, dates, blocked, None)
                    span = None if span in (MEASURE_COMPOUND, MEASURE_WORD) or \
                        span is not None and self._names_measure(span) else span
                end = start - 1
        if span is None or worded is not None and span != worded and \
                worded[0] <= span[0] and span[1] <= worded[1]:
            return None
        # 董事長艾利森: the person the role opens the phrase with
        person = next((e for role in info.roles if role[0] == span[0]
                       for e in info.entities if e.start == role[1] and e.kind == "person"),
                      None)
        if person is not None:
            return person.name if person in eligible else None
        for entity in info.entities:
            # 中国GDP → China, 英伟达股价 → Nvidia; 一家杭州的初创公司: a name that
            # only locates is none; 中国中小企业: a place that only qualifies.
            if entity.start == span[0] and (
                    entity.kind != "place" or entity.end >= span[1] - 1 or
                    compact_key(self.folded[entity.end : span[1]].lstrip("的"))
                    in self.g.topic_of):
                # (广东省GDP, 日本的人口: a place and only a measure after it is the place's)
                return entity.name if entity in eligible else None
        phrase = self.folded[span[0] : span[1]]
        national = self._national_subject(span[0], span[1], measure_span)
        if national is not None:
            return national
        if phrase in name_rules().not_names or compact_key(phrase) in self.g.topic_of or \
                self.g.direction.fullmatch(phrase) or \
                phrase.startswith(tuple(self.g.lexicon.zh.comparison_markers)):
            return None  # 业界: a vague source; 净利润, 涨幅: a measure; 较前年: a base
        return self.text[span[0] : span[1]].strip()

    def _national_subject(self, start: int, end: int,
                          measure_span: tuple[int, int] | None) -> str | None:
        """The country a statistic opening with the whole country is about (全国规模以上
        工业增加值, 国内旅游出游人数: lang/names.yaml national_openers), when what follows
        the opener is the figure's measure or ends as a quantity does; else None
        (全国人大常委会 is a body, 走遍全国 no statistic)."""
        head = self.folded[start:end]
        at = start + len(head) - len(head.lstrip(" \t*"))
        for opener, country in name_rules().national_openers.get(self.lang, {}).items():
            rest = at + len(opener)
            if not self.folded.startswith(opener, at) or not HAN.match(self.folded, rest):
                continue
            measured = measure_span is not None and rest <= measure_span[0] < end
            if measured or fold(self.folded[rest:end]).endswith(_quantity_endings()):
                return self._canonical(country)
        return None

    def _past_dateline(self, start: int, end: int) -> int:
        """Where a clause's words start after the news dateline it opens with
        (路透香港12月30日 - 商汤集团…), else ``start``; ``end`` when the dateline is
        all the clause holds."""
        at = start
        while at < end and self.text[at] in " \t>*":
            at += 1
        past = self.dateline_ends.get(at)
        if past is None:
            return start
        while past < end and (self.text[past].isspace() or self.text[past] in "-–—"):
            past += 1
        return past

    def _opens_with_change(self, clause_start: int, figure_start: int) -> bool:
        """Whether a clause opens with its change or its basis (同比增长19.1%, 季增25%,
        up 20%): such a clause goes on the measure and topic of the clause before."""
        opening = self.lower[clause_start:figure_start]
        at = clause_start + len(opening) - len(opening.lstrip(" ，,"))
        return self.g.direction.match(self.lower, at) is not None or \
            self.g.change_base.match(self.lower, at) is not None

    def _line_head(self, info: SentenceInfo, figure: Figure) -> str | None:
        """A list item or a table row names its figure first: "- 美光 (MU) -7%",
        "Intel (INTC) -2.3%", "台积电下跌4.1%": the short name the line starts with."""
        row = info.end - info.start <= 40 and not _CLAUSE_MARK.search(
            self.folded, info.start, info.end)
        if not (_LIST_ITEM.match(self.text, info.start) or row):
            return None
        bullet = _LIST_ITEM.match(self.text, info.start)
        first = bullet.end() if bullet else info.start
        head = self.folded[first : figure.start].rstrip(" :：+-−")
        direction = self.g.direction.search(head)
        if direction is not None and direction.end() == len(head):
            head = head[: direction.start()].rstrip()  # 美光下跌 → 美光
        head = _TICKER_TAIL.sub("", head).strip()  # 美光 (MU) → 美光
        if not 2 <= len(head) <= 16 or not _NAME_TEXT.fullmatch(head):
            return None
        if head.lower() in name_rules().latin_not_names or head in name_rules().not_names or \
                compact_key(head) in self.g.topic_of:  # "Training Cost: $294,000": a measure
            return None
        # "Its revenue grew 20%": a short sentence of prose is no table row; a
        # row's English head is a name, every word of it capitalised.
        if not bullet and not HAN.search(head) and any(
                word[:1].islower() or word.lower() in name_rules().en_not_names
                for word in head.split()):
            return None
        if HAN.search(head) and reads_as_prose(head):
            return None  # 免费版每天限5次: a short sentence, no row
        if HAN.search(head) and listed_word(fold(head)) and \
                self.g.entity_of.get(compact_key(head)) is None:
            return None  # 总成本: a word the dictionary lists as no name labels a measure
        start = first + (len(self.folded[first:figure.start]) -
                         len(self.folded[first:figure.start].lstrip()))
        written = self.text[start : start + len(head)]
        found = self.g.entity_of.get(compact_key(written))
        return found[0] if found else written

    def _listed_under(self, info: SentenceInfo, figure: Figure,
                      sentences: dict[int, SentenceInfo]) -> str | None:
        """Key metrics:⏎Training time: 280K GPU hours: a labelled row of a list that a
        line ending in a colon introduces, with no name of its own, is about what the
        prose before that line was about (past a heading or two)."""
        line_start = max(self.body_start, self.text.rfind("\n", 0, info.start) + 1)
        if not _LABELLED_ROW.fullmatch(self.text, line_start, figure.start) or any(
                e.start < figure.start for e in info.entities if e.start >= line_start):
            return None
        position = line_start
        for _ in range(_LIST_ROWS):
            if position <= self.body_start:
                return None
            above_start = max(self.body_start, self.text.rfind("\n", 0, position - 1) + 1)
            line = self.text[above_start : position - 1].strip()
            position = above_start
            if not line or _LABELLED_ROW.match(line) and line[-1] not in ":：":
                continue
            if line[-1] not in ":：" or len(line) > _HEADING_CHARS:
                return None
            # The intro line: what the sentences above it name, headings skipped.
            for _ in range(3):
                if position <= self.body_start:
                    return None
                previous = self._sentence(position - 1, sentences)
                text = self.text[previous.start : previous.end].strip()
                if text and (len(text) > _HEADING_CHARS or text[-1] in ".。!?！？"):
                    names = [e for e in previous.entities if e.kind not in ("place", "title")]
                    return previous.subject or (names[-1].name if names else None)
                position = previous.start
            return None
        return None

    def _respective(self, figure: Figure, info: SentenceInfo,
                    eligible: list[EntityMention]) -> str | None:
        """A、B和C分别下跌x、y和z; A and B rose x and y, respectively: the n-th figure's
        subject is the n-th name of the list."""
        said = self._respective_figures(figure, info)
        if said is None:
            return None
        marker, figures = said
        if marker.start() < figure.start:  # 分别 before its figures
            names = [e for e in eligible if e.end <= marker.start()]
        else:  # respectively after them
            names = [e for e in eligible if e.end <= figures[0].start] if figures else []
        if len(figures) < 2 or len(names) < len(figures) or figure not in figures:
            return None
        # The names must be one list: only list joiners between them (、, 和, and);
        # the nearest such list of as many names as figures ("both R1-Zero and R1
        # utilized 512 H800 GPUs, training for 198 hours and 80 hours, respectively").
        count = len(figures)
        for first in range(len(names) - count, -1, -1):
            run = names[first : first + count]
            if all(_LIST_JOINER.fullmatch(self.lower[left.end : right.start])
                   for left, right in zip(run, run[1:], strict=False)):
                return run[figures.index(figure)].name
        return None

    def _respective_figures(self, figure: Figure,
                            info: SentenceInfo) -> tuple[re.Match, list[Figure]] | None:
        """The sentence's respectively marker (分别, respectively) and the figures of the
        figure's kind said respectively: after the marker when it stands before the
        figure (分别下跌…), before it otherwise; None when the sentence has no marker."""
        marker = self.g.respectively.search(self.lower, info.start, info.end)
        if marker is None:
            return None
        first = bisect.bisect_left(self.figure_starts, info.start)
        last = bisect.bisect_left(self.figure_starts, info.end)
        figures = [f for f in self.figures[first:last] if f.kind == figure.kind]
        if marker.start() < figure.start:
            return marker, [f for f in figures if f.start > marker.start()]
        return marker, [f for f in figures if f.end <= marker.start()]

    def _respective_phrases(self, figure: Figure, info: SentenceInfo) -> str | None:
        """基础版和高级版分别售价8美元和25美元; the basic and premium tiers, which cost
        $8 and $25 a month, respectively: with no list of names, the n-th figure goes
        with the n-th phrase of the list of nouns its sentence opens with (up to 分别,
        or up to the comma that sets it off before the figures), as written."""
        said = self._respective_figures(figure, info)
        if said is None:
            return None
        marker, figures = said
        if len(figures) < 2 or figure not in figures:
            return None
        commas = [at for at in (self.folded.find(",", info.start, figures[0].start),
                                self.folded.find("，", info.start, figures[0].start)) if at >= 0]
        if marker.start() < figure.start:
            end = marker.start()
        elif commas:  # (the basic and premium tiers, which cost …: the phrase before it)
            end = min(commas)
        else:
            return None  # A and B rose 5% and 3% respectively: no phrase stands apart
        dates = self._dates_in(info.start, end)
        if dates:
            # 2023年和2024年分别增长5%和3%: periods, not what grew; 联发科、瑞昱、联咏1月
            # 营收分别为…: the names stand before the date
            end = dates[0].start
        phrase = self.text[info.start:end].strip(" *#>\n")
        if HAN.search(phrase):
            # 联发科、瑞昱、联咏营收分别为…: the measure after the last name is no part of it
            measure = self._trailing_measure(phrase)
            phrase = phrase[:measure].rstrip("的 ") if measure else phrase
        if not phrase:
            return None
        phrase = _LEADING_ARTICLE.sub("", phrase)
        parts = [part.strip() for part in _LIST_SPLIT.split(phrase)]
        rules = subject_rules()
        if len(parts) != len(figures) or not all(
                0 < len(part) <= _RESPECTIVE_PHRASE_CHARS and part not in rules.skip_words
                and part not in rules.time_nouns for part in parts):
            return None
        words = parts[-1].split()
        if len(words) > 1 and all(len(part.split()) == 1 for part in parts[:-1]):
            # the basic and premium tiers: the head noun the last phrase ends with
            parts = [f"{part} {words[-1]}" for part in parts[:-1]] + parts[-1:]
        return parts[figures.index(figure)]

    def _trailing_measure(self, phrase: str) -> int | None:
        """Where a topic word that ends a Chinese phrase starts (营收 of 联咏营收, 装机量 of
        LG新能源的装机量), or None."""
        lowered = ascii_lower(fold(phrase))
        starts = [m.start() for m in self.g.topic.finditer(lowered) if m.end() == len(lowered)]
        return min(starts) if starts else None

    def _possessive_chain_end(self, entities: list[EntityMention],
                              clause_end: int) -> EntityMention:
        """The last of X的Y的Z: 阿里巴巴集团的千问模型 is Qwen, not Alibaba."""
        current = entities[0]
        for following in entities[1:]:
            gap = self.lower[current.end : following.start]
            if following.start >= clause_end or not re.fullmatch(r"[^，,。的]{0,3}的|'s\s", gap):
                break
            current = following
        return current

    def _carried_subject(self, info: SentenceInfo, sentences: dict[int, SentenceInfo],
                         heading: bool = False, opening: bool = False) -> str | None:
        """The subject of the sentence before, in the same paragraph (该模型, its, the company);
        with ``heading``, also of a heading line right above the paragraph (an event
        dated under "DeepSeek技术突破")."""
        position, looked = info.start, 0
        while looked < 2:
            if position <= self.body_start:
                return None
            if "\n\n" in self.text[max(self.body_start, position - 2) : position + 1]:
                if not heading or looked:
                    return None
                line_end = self.text.rfind("\n\n", self.body_start, position + 1)
                line_start = self.text.rfind("\n", self.body_start, max(line_end, 0)) + 1
                line = self.text[max(line_start, self.body_start) : line_end].strip()
                if not line or len(line) > 30 or line[-1] in "。.!?！？：:，," or \
                        any(mark in line for mark in "｜|"):
                    return None  # (讲述｜梁捷, 作者|X: a credit, not what the text is about)
            previous = self._sentence(position - 1, sentences)
            if previous.start >= position:
                return None
            if not self.text[previous.start : previous.end].strip():
                position = previous.start  # a line break between two sentences
                continue
            looked += 1
            if opening:
                # It, 其, 该公司: the name the sentence before opens with (its grammatical
                # subject: DeepSeek of DeepSeek launched R1), before its figures' subject.
                # (not a person: he and she point back to people, _person_referred)
                first = next((e for e in previous.entities if e.kind not in ("place", "title")),
                             None)
                if first is not None and first.kind != "person" and not self.text[
                        previous.start : first.start].strip(" \t\n*#>-“\"「"):
                    return first.name
            if previous.subject and not (opening and any(
                    e.name == previous.subject and e.kind == "person"
                    for e in previous.entities)):
                return previous.subject
            # A name that was only a source (Apple reported...) still counts, last,
            # unless it reports on others (据IDC的数据显示, according to IDC data).
            members = self._group_members(previous)
            names = [e for e in previous.entities if e.kind not in ("place", "title") and
                     not any(a.who_start <= e.start < a.who_end and
                             self._reports_on_others(a) for a in previous.attributions)
                     and not any(start <= e.start < end for start, end in members)]
            not_sources = [e for e in names if not any(
                a.who_start <= e.start < a.who_end for a in previous.attributions)]
            if names:
                return (not_sources or names)[-1].name
            position = previous.start
        return None

    def _body_pointed_at(self, attribution: Attribution) -> str | None:
        """The organisation an anaphoric source that names a body (该公司表示, the company
        said) points back to, when it speaks: its figures are its own."""
        known = self.g.entity_of.get(compact_key(attribution.speaker or ""))
        if known is None or known[1] != "organisation" or self.g.body_word.search(
                self.lower, attribution.who_start, attribution.who_end) is None:
            return None
        return known[0]

    def _person_referred(self, info: SentenceInfo, pronoun_end: int,
                         sentences: dict[int, SentenceInfo]) -> str | None:
        """Who 他, she points back to: the first person named before it in its sentence
        (马斯克比川普更为极致，他斥资…: the topic, not the one compared), else in the
        sentence before it in the same paragraph; None when neither names one. A name
        of no known kind (西蒙斯, Lenglen) may be a person's. A sentence before that names
        no one but whose own 他 was resolved passes its person on (张伟…。他表示…。他告诉
        记者…)."""
        before = [e for e in info.entities if e.kind in ("person", "other") and
                  e.end < pronoun_end]
        if before:
            return before[0].name
        if info.start <= self.body_start or \
                "\n\n" in self.text[max(self.body_start, info.start - 2) : info.start + 1]:
            return None
        previous = self._sentence(info.start - 1, sentences)
        if previous.start >= info.start:
            return None
        people = [e for e in previous.entities if e.kind in ("person", "other")]
        referred = people[0].name if people else self.referents.get(previous.start)
        if referred is not None:
            self.referents[info.start] = referred
        return referred

    def _last_person(self, info: SentenceInfo, sentences: dict[int, SentenceInfo],
                     reach: int = 4) -> str | None:
        """The person last named in the sentences before ``info`` (at most ``reach`` of
        them, across paragraphs): whom his/her points back to after a fronted phrase."""
        position, looked, steps = info.start, 0, 0
        while looked < reach and steps < 4 * reach:  # (blank lines count for a little)
            steps += 1
            if position <= self.body_start:
                return None
            previous = self._sentence(position - 1, sentences)
            if previous.start >= position:
                return None
            position = previous.start
            if not self.text[previous.start : previous.end].strip():
                continue  # the blank line between two paragraphs
            looked += 1
            people = [e for e in previous.entities if e.kind == "person"]
            if people:
                return people[-1].name
        return None

    def _reports_on_others(self, attribution: Attribution) -> bool:
        """据IDC的数据显示, according to IDC data, a report, an outlet (新华社称): a
        source of figures about others, unlike a company that speaks of itself
        (英伟达表示, Apple said)."""
        if self.g.third_party.search(self.lower, attribution.start, attribution.end) or \
                _REPORT_WORD.search(self.lower, attribution.start, attribution.end) or \
                _CITATION.search(self.lower, attribution.start, attribution.end) or \
                _ANALYST_WORD.search(self.lower, attribution.start, attribution.end):
            # 《金融时报》的一篇文章提出, Reuters reported, Smith et al. (2019), Goldman
            # analysts said
            return True
        return self._outlet_or_department(attribution)

    def _outlet_or_department(self, attribution: Attribution) -> bool:
        """Whether a source is a news outlet or a government department by its name's
        ending (新华社, 国家统计局, the Commerce Department): what it says is of others."""
        who = self.lower[attribution.who_start : attribution.who_end].strip("《》 ")
        return who.endswith(name_rules().outlet_endings)

    def _measure_span(self, figure: Figure, info: SentenceInfo, clause_start: int,
                      clause_end: int,
                      match: tuple[int, int, str] | None) -> tuple[int, int] | None:
        """Where the text words what the figure measures (see claimtrack.extract.measures);
        ``match`` is the topic word _topic_match found for it."""
        blocked = [(e.start, e.end) for e in info.entities]
        blocked += [(d.start, d.end) for d in self._dates_in(info.start, info.end)]
        blocked += [(a.start, a.end) for a in info.attributions]  # 住建部宣布: a source
        if figure.unit == "rank" and (scope := self._scope_span(figure, info)) is not None:
            blocked.append(scope)  # 排名全国第一: 全国 is where it ranks, not what
        if match is not None and (clause_start <= match[0] and match[1] <= clause_end):
            return self._english_measure_edges((match[0], match[1]))
        if figure.unit == "age":
            return None  # an age measures age (年龄, lang/measures.yaml by_unit), whatever
            # noun stands before it (投资建设院线的…35岁以上)
        if figure.kind == "count" and figure.unit_text:
            # 5000辆汽车被烧毁, 已经存活的四五百家咖啡馆: what a count counts is what it
            # measures, whatever words stand before it.
            span = counted_noun(self.folded, figure.end, clause_end)
            if span is not None:
                return span
        span = measure_before(self.folded, clause_start, figure.start, blocked,
                              self._change_verb)
        if span is None and not HAN.search(self.folded, clause_start, figure.start):
            # its stock plummeting by up to 18%: past a change verb, the noun it follows.
            verb = _LAST_LATIN_WORD.search(self.lower, clause_start, figure.start)
            links = measure_rules().en_links  # (by up to 18%: the words that only link)
            while verb is not None and verb.group(1) in links:
                verb = _LAST_LATIN_WORD.search(self.lower, clause_start, verb.start(1))
            if verb is not None and self.g.direction.fullmatch(self.lower, *verb.span(1)):
                span = measure_before(self.folded, clause_start, verb.start(1), blocked,
                                      self._change_verb)
        de = self.folded[figure.end : figure.end + 1] == "的"
        if span is None and (figure.kind == "count" and not figure.unit_text or
                             de and figure.kind in ("count", "duration", "money")):
            # With no measure before it, what the figure stands before: 已经有了410万的读者,
            # 拥有3800万活跃玩家 (a bare count, what it counts), 300人的开发团队, 20余年的
            # 创作生涯, 8000万美元的善款 (a figure and 的, the noun phrase it describes);
            # not 1-2个亿的新台币 (a currency) nor 几十个亿的瑞幸 (a name).
            span = counted_noun(self.folded, figure.end + de, clause_end, places=False,
                                after_de=de)
            if span is not None and (
                    self.folded[span[0] : span[1]].lower() in self.g.currency_suffix or
                    any(b_start <= span[0] and span[1] <= b_end for b_start, b_end in blocked)):
                span = None
            return span
        if span is None:
            return self._topic_clause_measure(figure, info, clause_start, blocked)
        if not HAN.search(self.folded, span[0], span[1]):
            return self._english_measure_edges(span)
        last_start, last_end, _, flag = tag(self.folded[span[0] : span[1]])[-1]
        if flag.startswith("v") and self.g.direction.fullmatch(
                self.lower, span[0] + last_start, span[0] + last_end):
            # 失业率上升到3%, 最高的时候上升到3%: a change verb links a measure to its
            # figure; the measure is the nouns before it, if any (涨幅 is a noun).
            if last_start >= 2:
                return span[0], span[0] + last_start
            return measure_before(self.folded, clause_start, span[0], blocked,
                                  self._change_verb) or \
                self._topic_clause_measure(figure, info, clause_start, blocked)
        return span

    def _topic_clause_measure(self, figure: Figure, info: SentenceInfo, clause_start: int,
                              blocked: list[tuple[int, int]]) -> tuple[int, int] | None:
        """日本的失业率，也就是…，是2.4%: a Chinese sentence that opens with a clause of
        nothing but a short noun phrase naming a quantity (measures.yaml
        zh_measure_endings) is about it; a later clause whose figure has no noun before
        it (是2.4%, 最高的时候上升到3%) measures that. So does such a clause right before
        the figure's (几个环节下来，一家农户一年的净收益，完全有可能8万元起步)."""
        if any(start < figure.start and figure.end <= end for start, end in blocked):
            return None
        # (the figure's clause names no noun of its own: only links and words of time,
        # 疫情中最高的时候; such a stretch is short, and a long one is not tagged)
        if figure.start - clause_start > _TOPIC_CLAUSE_LEAD:
            return None
        first_end = self._clause_end(info.start)
        heads = [(info.start, first_end)]
        if clause_start - 1 > first_end:
            heads.append((self._clause_start(clause_start - 1), clause_start - 1))
        between = None
        for head_start, head_end in heads:
            if head_end >= clause_start or head_end - head_start > _TOPIC_CLAUSE_CHARS or \
                    not HAN.search(self.folded, head_start, head_end) or \
                    self.folded[head_end : head_end + 1] == "、":
                continue  # (参数、数据他都看过了: a list's first item, not a topic)
            words = tag(self.folded[head_start:head_end])
            # (一家农户一年的净收益: counts, times and adjectives may say whose, per what)
            if not words or not all(flag.startswith("n") or
                                    flag in ("uj", "vn", "x", "eng", "r", "m", "q", "t", "a")
                                    for _, _, _, flag in words) or \
                    words[-1][3] in ("uj", "x", "r", "m", "q", "t", "a"):
                continue
            if between is None:
                between = tag(self.folded[clause_start : figure.start])
                if any(flag.startswith("n") and flag != "nr" and
                       word not in measure_rules().zh_links and
                       word not in measure_rules().zh_not_measures and not (
                           index + 1 < len(between) and between[index + 1][3] == "f")
                       for index, (_, _, word, flag) in enumerate(between)):
                    return None
            span = measure_before(self.folded, head_start, head_end, blocked)
            if span is not None and self.folded[span[0] : span[1]].endswith(
                    measure_rules().zh_measure_endings):
                return span
            # (我的闺蜜，…十块钱; 结尾，…两公里: what the sentence is about is measured by
            # none of its figures)
        return None

    def _english_measure_edges(self, span: tuple[int, int]) -> tuple[int, int]:
        """An English measure without the words at its edges that only link it: a change
        verb at its end (shares fell 17%: shares; a topic alias may hold it) and a
        linking word at its start (80 hours of training: training)."""
        if HAN.search(self.folded, span[0], span[1]):
            return span
        space = self.folded.rfind(" ", span[0], span[1])
        if space > span[0] and self.g.direction.fullmatch(self.lower, space + 1, span[1]):
            span = span[0], space
        space = self.folded.find(" ", span[0], span[1])
        if space > span[0] and self.lower[span[0] : space] in _LEADING_LINKS:
            span = space + 1, span[1]
        return span

    def _change_verb(self, word: str) -> bool:
        """Whether a word is a verb of change (上升, 下调: lang data, the direction words)."""
        return self.g.direction.fullmatch(word) is not None

    def _whole_measure(self, figure: Figure, info: SentenceInfo, clause_start: int,
                       span: tuple[int, int] | None,
                       match: tuple[int, int, str] | None) -> tuple[int, int] | None:
        """老年流动人口数量, 千人口床位数: a topic word (人口) inside a Chinese noun
        compound is not all the text says the figure measures: the measure runs from
        the start of the word that holds the topic word (or the two-character word
        right before it: 独居人口) through the nouns after it, short of the words that
        link it to the figure (为, 达到). Two places' figures are one fact only when so
        worded alike (crosscheck.identity.measures_differ)."""
        if span is None or match is None or span != (match[0], match[1]) or \
                not HAN.match(self.folded, match[0]) or figure.start < match[1] and \
                match[0] < figure.end:
            return span
        # Before the figure (流动人口数量从503万人…), or after it (中国有9200万独居人口).
        after = match[0] >= figure.end
        start = max(figure.end if after else clause_start, match[0] - _COMPOUND_REACH)
        stop = self._clause_end(match[1]) if after else figure.start
        end, first = match[1], match[0]
        rules = measure_rules()
        words = [(start + a, start + b, word, flag)
                 for a, b, word, flag in tag(self.folded[start:stop])]
        for word_start, word_end, word, flag in reversed(words):
            # 独居/v 人口, 单身 人口: the two-character word right before it says which.
            if word_end == first and word_start < first and len(word) == 2 and \
                    HAN.match(word) and (flag in rules.zh_noun_tags or flag == "v") and \
                    word not in rules.zh_links and word not in rules.zh_not_measures and \
                    word not in rules.zh_owners and \
                    not any(e.start < word_end and word_start < e.end for e in info.entities) \
                    and not any(a.start < word_end and word_start < a.end
                                for a in info.attributions) \
                    and not any(d.start < word_end and word_start < d.end  # (7月份: a date)
                                for d in self._dates_in(info.start, info.end)):
                first = word_start  # (并表示营收…: a source's verb is no measure)
                break
        for word_start, word_end, word, flag in words:
            if word_start < match[0] < word_end:
                first = word_start  # 流动人口: the word the topic word ends
            elif word_start >= match[1] and not after:  # 的人口生活在: a verb follows
                if word_start != end or flag not in measure_rules().zh_noun_tags or \
                        any(char.isdigit() for char in word) or \
                        word in measure_rules().zh_links or \
                        word in measure_rules().zh_not_measures or \
                        word in rank_domains():  # (排名全国第一)
                    break
                end = word_end  # 数量, 床位数: nouns right after it
        return first, end

    def _topic_match(self, figure: Figure, info: SentenceInfo, clause_start: int,
                     clause_end: int) -> tuple[int, int, str] | None:
        """The topic word of data/topics.yaml that names what the figure measures, if any."""
        if figure.unit == "age":
            return None  # 一个五十多岁的老员工: an age measures age, not the noun it describes
        if info.topics is None:  # the sentence's topic words, found once
            info.topics = []
            bases = [m.span() for m in self.g.basis_phrase.finditer(
                self.lower, info.start, info.end)]
            for match in self.g.topic.finditer(self.lower, info.start, info.end):
                if any(start <= match.start() and match.end() <= end for start, end in bases):
                    continue  # 按不变价格计算: how it is reckoned, not what is measured
                found = self.g.topic_of.get(compact_key(match.group(0)))
                if found and not any(
                        e.start < match.start() and match.end() <= e.end and
                        self.text[match.start()].isupper() and
                        compact_key(e.name) not in self.g.entity_of for e in info.entities):
                    # (Constellation Energy, Siemens Energy: the last word of a name the
                    # entity data does not know is no topic; a known index's name says
                    # what it measures)
                    info.topics.append((match.start(), match.end(), found[0], found[1]))
        # (研究人员发现，约70%的人…: a topic word inside a source's phrase names who says,
        # not what is measured.)
        # (Nvidia, which reported revenue of $57 billion, said…: a figure inside the
        # source's phrase takes the topic words beside it there)
        matches = [(start, end, key) for start, end, key, kind in info.topics
                   if _topic_fits(kind, figure) and not any(
                       a.start <= start and end <= a.end and
                       not a.start <= figure.start < a.end for a in info.attributions)]
        if not matches:
            return None
        inside = [m for m in matches if figure.start <= m[0] and m[1] <= figure.end]
        if inside:
            return inside[-1]  # the unit names it: 16 million downloads
        in_clause = [m for m in matches if clause_start <= m[0] and m[1] <= clause_end]
        if not in_clause and figure.kind == "money" and self._money_of_noun(figure.end):
            return None  # …, while SoftBank booked a £3m charge: the noun says what it is
        pool = in_clause or matches
        before = [m for m in pool if m[1] <= figure.start]
        # 营收570亿美元，同比增长62%，净利润…: a clause that opens with its change
        # goes on the measure before it, not the one the next clause names.
        if before and (in_clause or self._opens_with_change(clause_start, figure.start) or
                       not [m for m in pool if m[0] >= figure.end]):
            return before[-1]
        # 英伟达暴跌16.86%，市值蒸发5890亿美元: a percentage does not take the money
        # topic of a later clause (it is a change of the price, not an amount lost).
        money = {key for _, _, key, kind in info.topics if kind == "money"}
        after = [m for m in pool if m[0] >= figure.end and (
            m in in_clause or not (figure.kind == "percent" and m[2] in money))]
        if after:
            return after[0]
        return before[-1] if before else None

    def _money_of_noun(self, end: int) -> bool:
        """Whether an English noun right after money says what the money is (a £3m
        charge, a $2.5 billion writedown), so that no topic word of another clause does."""
        word = _EN_WORD_AFTER.match(self.lower, end)
        if word is None or word.group(1).endswith("s") and not word.group(1).endswith("ss"):
            return False  # (the roughly $38bn analysts had expected: who, not what)
        return english_noun(word.group(1), measure_rules())

    def _event_between(self, mention: DateMention, figure: Figure) -> bool:
        """Whether an event word stands in the text between a date and a figure."""
        low, high = (mention.end, figure.start) if mention.end <= figure.start else (
            figure.end, mention.start)
        return self.g.event.search(self.lower, low, high) is not None

    def _carried_topic(self, figure: Figure, direction: str, info: SentenceInfo) -> str | None:
        """A list of like figures shares its topic: 市值蒸发6000亿美元。谷歌损失了1000亿美元."""
        if self.last_claim is None:
            return None
        sentence_start, kind, last_direction, topic = self.last_claim
        if figure.kind == "percent" and direction != "none" and last_direction == "none" and \
                kind not in ("percent", "date") and sentence_start == info.start:
            # Tesla delivered 1.8 million vehicles in 2023, up 38% from a year earlier:
            # a bare change right after a level in its sentence is that level's change.
            return topic
        if kind != figure.kind or last_direction != direction or direction == "none":
            return None
        previous_start = self._sentence_start(info.start - 1) if info.start else 0
        if sentence_start not in (info.start, previous_start):
            return None
        return topic

    def _period(self, figure: Figure, info: SentenceInfo, dates: list[DateMention],
                clause_start: int, clause_end: int) -> DateMention | None:
        """The period a figure refers to: a date in its clause, else before it in its sentence.

        A date with an event word between it and the figure dates the event, not
        the figure: in 特朗普在1月宣布的5000亿美元计划, January is when it was announced.
        """
        # The sentence's dates found by position (the dates are in text order), not by
        # reading every date of the text for every figure.
        near = self._dates_in(info.start, info.end) if dates is self.dates else dates
        in_sentence = [d for d in near if info.start <= d.start < info.end and d.period_start
                       and not d.said and not self._event_between(d, figure)
                       and not self._since(d) and (
                           not self._compared_date(d) or
                           # 远低于2023年的549亿元: the base's own figure is of its date
                           d.end <= figure.start and
                           self.folded[d.end : figure.start].strip() in ("的", ""))]
        in_clause = [d for d in in_sentence if clause_start <= d.start < clause_end]
        if figure.from_value is not None:
            # from Jan. 24's closing price of $142.62 to $118.51 by Jan. 27, 从1月24日的
            # 142.62美元跌至…: the date right after the from-word is the start value's.
            in_clause = [d for d in in_clause if not self.g.from_before.search(
                self.lower, max(clause_start, d.start - 6), d.start)] or in_clause
        # DeepSeek launched V3 last December; it cost $5.58 million: December dates the
        # launch. (公布第三季财报，营收570亿美元: a quarter is what a report covers.)
        # (…发布数据，2024年国内生产总值…: a date that opens its clause is of that clause,
        # not of the one before, whose event it does not date)
        in_sentence = [d for d in in_sentence if d in in_clause or d.quarter is not None or
                       d.fiscal_year is not None or not self.g.event.search(
                           self.lower, self._clause_start(d.start + 1), self._clause_end(d.end))]
        chosen = None
        if in_clause:
            chosen = min(in_clause, key=lambda d: abs(d.start - figure.start))
        elif in_sentence:
            before = [d for d in in_sentence if d.end <= figure.start]
            chosen = before[-1] if before else None
        elif self.g.anaphora.search(self.lower, clause_start, figure.start):
            earlier = [d for d in dates if d.end <= info.start and d.period_start]
            chosen = earlier[-1] if earlier else None
        if chosen is not None and not _DIGIT.search(self.text, chosen.start, chosen.end):
            # on Monday, Jan. 27; 周一（1月27日）: the date written out beside a weekday is
            # the day it names, whatever the publication date makes of the weekday.
            beside = next((d for d in near if 0 <= d.start - chosen.end <= 3 and d.period_start
                           and _DIGIT.search(self.text, d.start, d.end) and
                           _APPOSED_DATE.fullmatch(self.text, chosen.end, d.start)), None)
            chosen = beside or chosen
        if chosen is not None:
            chosen.used_as_period = True
        return chosen

    def _fiscal_period(self, mention: DateMention | None, subject: str | None,
                       info: SentenceInfo) -> DateMention | None:
        """A quarter or fiscal year in the calendar of the company the figure is about,
        else of the first company of its sentence whose calendar is known (英伟达2026财年
        第三财季…，数据中心业务营收512亿美元: Nvidia's quarter).

        A company whose fiscal year does not end in December (data/entities.yaml
        fiscal_year_end: Nvidia's ends in January) reports in its own quarters: its
        第三季 or third quarter with no year is the latest of its fiscal third quarters
        begun by publication, and 2026财年第三财季, the third quarter of fiscal 2026
        are that fiscal year's (Nvidia's: August to October 2025). A quarter with a
        calendar year (2025年第三季) stays that calendar quarter. A fiscal quarter or
        year of a company whose calendar is not known has no period: the text does not
        say which months it covers."""
        if mention is None or mention.quarter is None and mention.fiscal_year is None:
            return mention
        calendars = self.g.fiscal_year_end
        ends = calendars.get(subject) if subject else None
        if ends is None:
            ends = next((calendars[e.name] for e in info.entities if e.name in calendars), None)
        if ends is None:
            return None if mention.fiscal else mention
        if ends == 12 or mention.year_stated and not mention.fiscal:
            return mention
        # Months counted from January of year 0: fiscal year N starts the month after
        # ``ends`` in year N - 1.
        def first_month(fiscal_year: int, quarter: int) -> int:
            return (fiscal_year - 1) * 12 + ends + 3 * (quarter - 1)

        fiscal_year, quarter, months = mention.fiscal_year, mention.quarter, 3
        if quarter is None:
            quarter, months = 1, 12
        if fiscal_year is None:
            if self.published is None:
                return None
            now = self.published.year * 12 + self.published.month - 1
            begun = [year for year in range(self.published.year - 1, self.published.year + 3)
                     if first_month(year, quarter) <= now]
            fiscal_year = max(begun)
        start = first_month(fiscal_year, quarter)
        last = start + months - 1
        return DateMention(
            mention.start, mention.end, f"FY{fiscal_year}" + (
                f"-Q{quarter}" if months == 3 else ""),
            date(start // 12, start % 12 + 1, 1), _month_end(last // 12, last % 12 + 1),
            "quarter" if months == 3 else "year", quarter=mention.quarter,
            fiscal_year=fiscal_year, year_stated=True, fiscal=True)

    def _compared_date(self, mention: DateMention) -> bool:
        """Whether a date is what a figure is compared with (较去年同期, 比2024年,
        compared with 2024), not its period."""
        before = self.lower[max(self.body_start, mention.start - 12) : mention.start].rstrip()
        return bool(self.g.comparison_before.search(before)) or \
            self.lower.startswith("同期", mention.end) or \
            _CHANGE_FROM.search(before) is not None  # up 114% from fiscal 2024

    def _since(self, mention: DateMention, event: bool = False) -> bool:
        """Whether a date is where a comparison starts (2020年3月以来, since March 2020),
        or a fiscal year whose months the text does not give: no figure's period. A
        date where something starts (2023年初开始) is no figure's period either, but,
        for an ``event``, its date (自六月起开源)."""
        before = self.lower[max(0, mention.start - 14) : mention.start]
        return self.g.since_after.match(self.lower, mention.end) is not None or \
            (not event and self.g.start_after.match(self.lower, mention.end) is not None) or \
            self.g.since_before.search(before) is not None or \
            self.g.fiscal_before.search(before) is not None  # fiscal 2025: not a calendar year

    def _date_claim(self, mention: DateMention, figures: list[Figure],
                    sentences: dict[int, SentenceInfo]) -> Claim | None:
        """A date is a claim of its own when the text says an event happened then.

        The event word may be in the date's clause or in the clauses after it, up
        to the first clause holding a figure or another date (1957年10月4日,前苏联
        成功发射了...). A date that is some figure's period is not a claim, nor a
        decade (2000年代初) or a date without a year the text lets us resolve.
        """
        if mention.used_as_period or mention.said or mention.iso.endswith("s") or \
                mention.period_start is None or self._since(mention, event=True):
            return None  # since March 2020, fiscal 2025: no event's date
        clause_start = self._clause_start(mention.start)
        sentence_end = self._sentence_end(mention.start)
        search_end = self._clause_end(mention.end)
        while search_end < sentence_end:
            next_end = self._clause_end(search_end + 1)
            if next_end <= search_end or self._holds_figure_or_date(search_end, next_end,
                                                                     figures, mention):
                break
            search_end = next_end
        events = list(self.g.event.finditer(self.lower, clause_start, search_end)) or \
            list(self.g.history_event.finditer(self.lower, clause_start, search_end))
        if not events and _BARE_DATE_CLAUSE.fullmatch(self.lower, clause_start, mention.start):
            # He co-founded High Flyer, a hedge fund, in 2016: a clause that is only the
            # date ("in 2016") dates the event of the clauses before it in its sentence.
            back = clause_start
            for _ in range(2):
                if back <= self._sentence_start(mention.start):
                    break
                start = self._clause_start(back - 1)
                if self._holds_figure_or_date(start, back - 1, figures, mention):
                    break
                events = list(self.g.event.finditer(self.lower, start, back)) or \
                    list(self.g.history_event.finditer(self.lower, start, back))
                if events:
                    break
                back = start
        if not events:
            return None
        # 梁文锋宣布……并创办深度求索: the event with a date topic (a founding, a
        # release) over one without (an announcement), then the one nearest the date.
        info = self._sentence(mention.start, sentences)
        # ……宣布……并创办深度求索: an event word that is also a reporting verb (宣布,
        # announced: inside an attribution) ranks below the event itself (创办).
        spoken = [(a.start, a.end) for a in info.attributions]
        # 宣布……将合资成立一家公司: an event still to come did not happen on the date.
        event = min(events, key=lambda e: (
            self._still_to_come(e),
            self.g.date_topic_of.get(alias_key(e.group(0))) is None,
            any(start <= e.start() < end for start, end in spoken),
            min(abs(e.start() - mention.end), abs(mention.start - e.end()))))
        pseudo = Figure(mention.start, mention.end, "date", None, None, None)
        speaker, attribution = self._speaker(pseudo, info, sentences)
        # (李政道参加…代表团: the doer's own story, no thing released.)
        subject = released = None if self.g.agent_event.search(event.group(0).lower()) \
            else self._released_thing(event, info, search_end, sentences)
        if subject is None:
            subject = self._event_subject(event, info, sentences)
        lead = self.lower[info.start : min(mention.start, event.start())] + \
            self.lower[mention.end : max(mention.end, event.start())]
        relative = _RELATIVE_AFTER.match(self.lower, event.end(), self._sentence_end(event.end()))
        if subject is None and _BARE_LEAD.fullmatch(lead) and relative is None:
            # 2023年7月17日成立，由幻方量化运营; Released on December 26, 2024, this
            # model…: a sentence that opens with its date and event goes on what the
            # sentence (or the heading) before was about.
            subject = self._carried_subject(info, sentences, heading=True)
        topic = self.g.date_topic_of.get(alias_key(event.group(0)))
        if topic in (None, "release_date") and self.g.founding_object.search(
                self.lower, event.end(), min(self._clause_end(event.end()), event.end() + 40)):
            topic = "founding_date"  # launched a hedge fund called High-Flyer: a founding
        if topic in _VENUE_TOPICS and any(e.kind == "title" and e.name == subject
                                          for e in info.entities):
            subject = None  # 发表在…出版的《科学》上: the journal's issue is where, not what
        if topic in _THING_TOPICS and released is None and \
                self._kind_of(subject, info) in _MAKER_KINDS and any(
                    e.name == subject and e.end <= event.start() for e in info.entities) and \
                _OBJECT_AFTER.match(self.lower, event.end()):
            # 华为…发布专属移动影像品牌, 微信推出了"视频号小店": a maker named before the
            # verb releases many things; the date is its object's, which no name finder
            # knew (1月26日发布之后，DeepSeek…: the name after the verb is what was released).
            subject = None
        return Claim(
            start=mention.start, end=mention.end, surface=self.text[mention.start : mention.end],
            sentence=self.text[info.start : info.end].strip(), kind="date", iso=mention.iso,
            period_start=mention.period_start, period_end=mention.period_end,
            period_precision=mention.precision, subject=subject, topic=topic, speaker=speaker,
            attribution=attribution, measure=self.text[event.start() : event.end()],
            extractor=EXTRACTOR,
        )

    def _still_to_come(self, event: re.Match) -> bool:
        """Whether a forecast word stands right before an event word in its clause
        (将合资成立, will launch): the event is planned, not dated by the clause."""
        start = max(self._clause_start(event.start()), event.start() - 8)
        return self.g.forecast.search(self.lower, start, event.start()) is not None

    def _kind_of(self, name: str | None, info: SentenceInfo) -> str | None:
        """The kind of a subject: the entity data's, else the name finder's in the sentence."""
        if name is None:
            return None
        listed = self.g.entity_of.get(compact_key(name))
        if listed is not None:
            return listed[1]
        return next((e.kind for e in info.entities if e.name == name), None)

    def _holds_figure_or_date(self, start: int, end: int, figures: list[Figure],
                              mention: DateMention) -> bool:
        if any(start <= f.start < end for f in figures):
            return True
        return any(start <= d.start < end and d is not mention for d in self.dates)

    def _released_thing(self, event: re.Match, info: SentenceInfo, end: int,
                        sentences: dict[int, SentenceInfo]) -> str | None:
        """What an event word names right after it: 发布的o1模型 → OpenAI o1; an
        anaphor there (成立这家公司, released this model) is the subject carried from
        the sentences before."""
        # 发射了世界上第一颗人造地球卫星（Sputnik 1）, co-founded the investment firm
        # Ningbo High-Flyer: the object may come after a few words, within the clause.
        reach = EVENT_OBJECT_GAP_LATIN if LATIN_WORD.search(
            self.lower, event.start(), event.end()) else EVENT_OBJECT_GAP
        # announce the creation of a joint venture called Stargate, 宣布，……将合资成立
        # 一家名为“星际之门”的新公司: the name a naming word gives after the verb, in
        # its clause or the clauses after it that hold no other figure.
        for naming in self.g.naming.finditer(self.lower, event.end(), end):
            named = next((e for e in info.entities if e.start == naming.end()), None)
            if named is not None:
                return named.name
        if self.g.ranking_word.fullmatch(event.group(0).lower()):
            return None  # 登顶美国App Store免费榜: what follows is the chart, not what topped it
        venue = self.g.date_topic_of.get(alias_key(event.group(0))) in _VENUE_TOPICS
        for entity in info.entities:
            if venue and entity.kind == "title":
                continue  # 登上了《自然》: the journal is where it was published, not what
            if entity.kind == "place":
                continue  # 登顶美国App Store免费榜, 发布了中国首个…: a place modifies the object
            gap = self.lower[event.end() : entity.start]
            if _PLACE_BEFORE.search(gap):
                continue  # 出生于广东湛江, 出生在一个美国普通家庭, born in Zhanjiang: where
            if event.end() <= entity.start < end and len(gap) <= reach and \
                    not _CLAUSE_MARK.search(gap) and "：" not in gap and ":" not in gap and \
                    not _AGENT_BEFORE.search(gap) and not _VENUE_BEFORE.search(
                        self.lower, event.start(), entity.start):  # by Liang; in Nature: where
                if _MODIFIER_AFTER.match(self.folded, entity.end, end):
                    continue  # 发布了针对iPhone用户的微信, DeepSeek的R1: a modifier, the head later
                if self._heads_longer_name(entity, end):
                    return None  # 发布…华为影像XMAGE: a brand's product, not the brand
                return entity.name
        after = self.lower[event.end() : min(end, event.end() + 12)]
        if _EVENT_ANAPHOR.match(after.lstrip()):
            return self._carried_subject(info, sentences)
        return None

    def _ends_word(self, start: int, prefix: str) -> bool:
        """Whether a one-character qualifier (约, 近, 超) is the last character of a word
        the dictionary lists with the character before it (北约, 签约, 最近), and so
        no qualifier. A qualifier of two characters (大约, 接近) is one by itself."""
        if len(prefix) != 1 or start <= self.body_start or \
                not HAN.match(self.folded, start - 1):
            return False
        if self.folded[start - 1 : start + 1] in self.g.qualifier_word_endings:
            return True  # 卖超, 出超 (lang/zh.yaml qualifiers.word_endings)
        # As the segmenter reads it in its place (上海/约 but 北约): a dictionary
        # lookup alone would glue 海约.
        window = self.folded[max(self.body_start, start - 4) : start + 1]
        last = tag(window)[-1][2]
        return len(last) > 1 and last.lower() not in self.g.prefix_qualifier

    def _heads_longer_name(self, entity: EntityMention, stop: int) -> bool:
        """华为影像XMAGE, 华为P系列手机问世: an organisation's name followed by more
        nouns is the maker or brand in a longer name, and an event of that name is
        not its own. Words that only say what kind of thing the name is (英伟达公司,
        DeepSeek团队) keep the event the name's; so do a product's (DeepSeek-R1研究论文)."""
        if self.folded[entity.start - 1 : entity.start] in _QUOTE_OPENERS:
            # “阿里巴巴脱贫基金”: a name that opens a quoted longer one, of any kind.
            close = _QUOTE_CLOSE.search(self.folded, entity.end, entity.end + _COMPOUND_REACH)
            rest = self.folded[entity.end : close.start()] if close else ""
            if rest.strip() and any(word.strip() and word not in self.g.kind_words
                                    for _, _, word, _ in tag(rest)):
                return True
        following = self.folded[entity.end : min(stop, entity.end + _COMPOUND_REACH)]
        if entity.kind != "organisation" or not following or not HAN.search(following):
            return False
        for _, _, word, flag in tag(following):
            if not word.strip():
                continue
            if flag not in _COMPOUND_TAGS:
                return False
            if word not in self.g.kind_words:
                return True
        return False

    def _event_subject(self, event: re.Match, info: SentenceInfo,
                       sentences: dict[int, SentenceInfo] | None = None) -> str | None:
        """Who or what a dated event is about when the verb names nothing after it: the
        name the verb's clause puts right before it (成都漆器厂成立于1954年, DeepSeek was
        founded in May 2023), or, for a clause that opens with the verb (Founded in
        2023 by Liang Wenfeng, DeepSeek...), the first name of the clause after. Never
        an agent (由幻方量化, by Liang Wenfeng) nor a place that only locates the event;
        None when the sentence does not tie a name to the event, so that a date of
        some event is never grouped as the date of another."""
        clause_start = self._clause_start(event.start())
        if _RELATIVE_AFTER.match(self.lower, event.end(), self._sentence_end(event.end())):
            return None  # 84年出生的很多老鼠: of what 的 introduces, not of a name elsewhere
        names = [e for e in info.entities if not _AGENT_BEFORE.search(
            self.lower[max(info.start, e.start - 4) : e.start])]
        # (DeepSeek超越ChatGPT登顶…: a name after a comparison word is the one passed)
        before = [e for e in names if clause_start <= e.start and e.end <= event.start()
                  and not self._after_comparison_word(e, info.entities)]
        # 百度发布了自己的大模型, 拜登宣布退出大选: with an object after the verb, the
        # name before it is who did it, not what the date is of (a founding is of
        # what was founded, whoever founded it: that case is the verb's object).
        obj = _EVENT_OBJECT.match(self.lower, event.end(), self._clause_end(event.end()))
        if re.match(r"\s+of\s", self.lower[event.end() : event.end() + 4]) or \
                re.search(r"\s(?:in|on|at)$", event.group(0)) or \
                re.match(r"了?《", self.lower[event.end() : event.end() + 2]):
            # graced the cover of Nature, appeared on, 登上了《自然》: where, not what was made
            obj = None
        if self.g.agent_event.search(event.group(0).lower()):
            # 李政道专程到洛杉矶参加…, Taylor Swift attended the CMA: the doer's own story,
            # whatever follows; the doer, not a place on the way.
            obj = None
            doers = [e for e in before if e.kind != "place"]
            before = doers or before
        if self.g.ranking_word.fullmatch(event.group(0).lower()):
            obj = None  # DeepSeek登顶美国App Store免费榜: the chart is where, DeepSeek topped it
        if _PASSIVE_EVENT.search(self.lower, max(0, event.start() - 2), event.start() + 1):
            # 动视暴雪就被曝出丑闻, 被收购: the name before a passive verb is what the
            # event happened to, whatever follows it.
            obj = None
        if before and obj is not None:
            return None
        # DeepSeek于2023年7月在杭州成立: a place after 在 or 于 is where the event was, and
        # the name before it (past its dates) is what the event is of.
        wheres = [e for e in before if e.kind == "place" and
                  self.lower[max(0, e.start - 1) : e.start] in ("在", "于")]
        if wheres and len(wheres) < len(before):
            before = [e for e in before if e not in wheres]
        if before:
            nearest = before[-1]
            gap = self.lower[nearest.end : event.start()]
            if wheres:
                for cut in [*wheres, *self._dates_in(nearest.end, event.start())]:
                    if nearest.end <= cut.start and cut.end <= event.start():
                        gap = gap.replace(self.lower[cut.start : cut.end], "", 1)
            reach = EVENT_SUBJECT_GAP_LATIN if LATIN_WORD.search(gap) else EVENT_SUBJECT_GAP
            close = len(gap) <= reach and not _CLAUSE_MARK.search(gap)
            # 在上海成立, 发表在《自然》上: where it happened, not what happened.
            where = self.lower[max(0, nearest.start - 2) : nearest.start].rstrip("《")[-1:]
            if close and (nearest.kind != "place" or len(gap.strip()) <= 1) and \
                    where not in ("在", "于") and \
                    not self._heads_longer_name(nearest, event.start()):
                return nearest.name
            return None
        if sentences is not None and clause_start == info.start and \
                (anaphor := self.g.subject_anaphor.match(self.lower, clause_start)) is not None \
                and anaphor.end() <= event.start():
            # It was founded in 2023: what the sentence before was about (its opening
            # name: DeepSeek of DeepSeek launched R1); 该公司成立于2023年, the company
            # was acquired: the body named last before it (_antecedent), if any.
            if self.g.body_word.search(self.lower, anaphor.start(), anaphor.end()):
                return self._antecedent(self.text[anaphor.start() : anaphor.end()], info,
                                        anaphor.start())
            return self._carried_subject(info, sentences, opening=True)
        opening = self.lower[clause_start : event.start()]
        for mention in self._dates_in(clause_start, event.start()):
            if mention.end <= event.start():  # 1月26日发布之后，DeepSeek…: no word before it
                opening = opening.replace(self.lower[mention.start : mention.end], "")
        # OpenAI, which was founded in 2015: a relative clause's verb is a participle's.
        opening = _RELATIVE_OPENER.sub("", opening, count=1)
        if len(opening.strip(" ,，")) <= 3:
            # the DeepSeek-V3 model, launched on Jan. 10: the name the participle follows.
            previous = [e for e in names if e.end <= clause_start and
                        clause_start - e.end <= EVENT_SUBJECT_GAP // 2 and
                        not _CLAUSE_MARK.search(self.lower, e.end, max(e.end, clause_start - 1))]
            if previous:
                return previous[-1].name
            aside = self._clause_start(max(info.start, clause_start - 2))
            if aside < clause_start - 2 and _PARTICIPLE_ASIDE.match(self.lower, aside):
                # the paper on DeepSeek-R1, crafted by its team, graced the cover: past
                # the participle's aside, the noun phrase the verb follows.
                head_start = self._clause_start(max(info.start, aside - 2))
                head = [e for e in names if head_start <= e.start and e.end < aside
                        and e.kind != "place"]
                if head and head_start < aside:
                    return head[-1].name
            following = self._clause_end(event.end()) + 1
            # Born in 1985 in Zhanjiang, Guangdong, China, his…: past the clauses that
            # only go on naming where, the main clause; his/her there is whose.
            while following < info.end:
                end = self._clause_end(following)
                lone = [e for e in names if following <= e.start < end]
                if len(lone) != 1 or self.lower[following:end].strip(" ,，") != \
                        self.lower[lone[0].start : lone[0].end]:
                    break
                following = end + 1
            possessive = self.g.possessive_pronoun.match(self.lower, following)
            if possessive is not None and sentences is not None:
                return self._last_person(info, sentences)
            after = [e for e in names if following <= e.start < self._clause_end(following)
                     and e.kind != "place"]
            if after:
                return after[0].name
        return None


# --- helpers ------------------------------------------------------------------


def _detect(text: str) -> str:
    from claimtrack.lang.hanzi import detect_language

    return detect_language(text) or "en"


def _number(text: str, zh) -> tuple[float | None, float | None]:
    if text and text[0].isdigit():
        return arabic_value(text)
    if "点" in text:  # 零点五: a spelled decimal
        whole, _, decimals = text.partition("点")
        whole_value = chinese_value(whole, zh.numerals, zh.numeral_units, zh.scales)
        if whole_value is None or not decimals or any(c not in zh.numerals for c in decimals):
            return None, None
        digits = "".join(str(zh.numerals[c]) for c in decimals)
        return float(f"{int(whole_value)}.{digits}"), 10.0 ** -len(digits)
    value = chinese_value(text, zh.numerals, zh.numeral_units, zh.scales)
    return value, None if value is None else _integer_step(value)


def _small_number(text: str | None, zh) -> int | None:
    if not text:
        return None
    value, _ = _number(text, zh)
    return None if value is None else int(value)


def _integer_step(value: float) -> float:
    from claimtrack.extract.numbers import step_of_integer

    return step_of_integer(int(value)) if value == int(value) else 1.0


def _vague_step(value: float, step: float) -> float:
    """20多 → 10, 100多 → 100, 5000多 → 1000: one unit of the number's leading place."""
    place = 1.0
    while place * 10 <= value:
        place *= 10
    return max(step, place if value % place == 0 else step)


def _has_scale(words: str, g: Grammar) -> bool:
    return any(w.rstrip("s") in g.scales for w in re.split(r"[\s-]+", words.lower()))


def _spelled_small(groups: dict, value: float | None, scaled: bool) -> bool:
    """Counts and durations spelled in words below ten (三个臭皮匠, two companies) are no claims."""
    spelled = groups.get("cn") or groups.get("en")
    return bool(spelled) and not scaled and value is not None and value < 10


# The fields that hold words of the text: a name wrapped over two lines (Robert Sternberg⏎
# 提出, GTX⏎1080) is one name on one line.
_WORDED_FIELDS = ("subject", "speaker", "speaker_role", "attribution", "measure", "base",
                  "scope")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def _on_one_line(claim: Claim) -> Claim:
    """The claim with its worded fields' line breaks made a space between Latin words or
    digits and nothing between Chinese characters (2022⏎中国数字营销趋势)."""
    changed = {name: _LINE_BREAK.sub(_joint, value) for name in _WORDED_FIELDS
               if (value := getattr(claim, name, None)) and "\n" in value}
    return claim.model_copy(update=changed) if changed else claim


def _joint(match: re.Match) -> str:
    text, start, end = match.string, match.start(), match.end()
    latin = text[start - 1 : start].isascii() and text[end : end + 1].isascii()
    return " " if latin and start and end < len(text) else ""


@cache
def _quantity_endings() -> tuple[str, ...]:
    """The measure endings that only a quantity has (lang/measures.yaml): of the
    one-character ones only a quantity's suffix (额, 率), not 税 (增值税 is a tax, a thing)."""
    rules = measure_rules()
    return tuple(ending for ending in rules.zh_measure_endings
                 if len(ending) > 1 or ending in rules.zh_quantity_suffixes)


def _topic_fits(topic_kind: str | None, figure: Figure) -> bool:
    if topic_kind is None or topic_kind == figure.kind:
        return True
    if {topic_kind, figure.kind} == {"count", "quantity"}:
        return True  # 数千个芯片 measures compute as well as 10万GPU小时 does
    # A percentage or a share of a money or count topic is a change or part of it.
    return figure.kind in ("percent", "ratio") and topic_kind in ("money", "count", "quantity")


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _month_end(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _month_mention(start: int, end: int, year: int, month: int) -> DateMention:
    return DateMention(start, end, f"{year}-{month:02d}", date(year, month, 1),
                       _month_end(year, month), "month")


def extract(text: str, lang: str | None = None, published: date | None = None,
            author: str | None = None, published_precision: str = "day",
            currency: str | None = None) -> list[Claim]:
    """Every claim in ``text``; see claimtrack.extract.extract_claims."""
    return Extraction(grammar(), text, lang, published, author, published_precision,
                      currency).run()
