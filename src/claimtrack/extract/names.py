"""Names the entity data does not know, found as the text writes them.

data/entities.yaml gives canonical names and aliases for the names claimtrack
knows; it is not the limit of what can be found. This stage finds the other
people, organisations, places, indexes and products in a stretch of text:

* Chinese: jieba's segmentation and its dictionary's part-of-speech tags mark
  person (nr), organisation (nt), place (ns) and other proper names (nz); a name
  the dictionary lacks comes out one character at a time and is joined again
  when it has a name's form (a surname and one or two characters: 黄/仁/勋);
  a run of words ending in an organisation suffix (国家统计局, 杭州深度求索公司)
  is an organisation; 《X》 is a title (a newspaper, a film);
  Latin-script words inside Chinese text (Meta, OpenAI) are names unless they are
  a measure or a title (GDP, CEO). Names joined by · (乔·摩尔) are one.
* English: runs of capitalised words, with joiners (Bank of America), split at
  role words (Meta CEO Mark Zuckerberg → Meta, CEO, Mark Zuckerberg).

Roles (首席执行官, analyst) are found too, so that attribution can record a
speaker's role. Headings (第二章, 前言), pronouns and common nouns are never
names. Everything here works on the folded text (simplified script, full-width
folded, see lexicon.fold), so one rule serves both scripts; offsets index the
original text, and the name as written is read from it.

jieba is imported on first use: only extraction from Chinese text pays for its
dictionary (about half a second, once per process).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from math import log
from pathlib import Path

from claimtrack.extract.name_hmm import hmm_nouns, hmm_opening_tag, name_spans
from claimtrack.extract.name_hmm import warm_up as warm_up_hmm
from claimtrack.lang import LANG_DIR, read_rules
from claimtrack.marshal_cache import cached, file_stamp

_KEYS = {"max_name_chars", "org_suffixes", "roles", "not_names", "heading", "latin_not_names",
         "en_roles", "en_role_modifiers", "en_not_names", "en_name_joiners", "surnames",
         "generic_org_heads",
         "max_name_frequency", "places", "place_suffixes", "transliteration", "we_country",
         "national_openers",
         "nickname_prefixes", "nickname_suffixes", "source_endings", "outlet_endings",
         "caption_words", "not_given_name_chars", "function_chars", "aspect_particles",
         "numeral_chars", "common_noun_endings", "noun_suffix_chars", "en_org_words",
         "company_nouns", "latin_measures", "honorific_titles",
         "max_given_name_frequency", "time_prefixes"}
# jieba's tags for names, and what claimtrack calls each kind.
_TAG_KINDS = {"nr": "person", "nrfg": "person", "nrt": "person", "nt": "organisation",
              "ns": "place", "nz": "other"}
# Tags that end a name built backwards from an organisation suffix: function
# words, pronouns, numbers, times, verbs, punctuation (这家公司 is no name).
_BREAK_TAGS = ("p", "u", "c", "d", "r", "m", "t", "x", "q", "f", "v", "a", "e", "y", "o", "w")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9&.'+-]*(?:[ ][A-Z0-9][A-Za-z0-9&.'+-]*)*")
# The start of a line, with a bullet or a number before the text.
_LINE_OPENING = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·]|\d+[.)、])?[ \t*]*$")
# Tags of the words of a name made of nouns (费城/ns 半导体/n 指数/n).
_NOMINAL_TAGS = frozenset(("n", "nz", "ns", "nt", "nr", "nrt", "eng", "j", "ng"))
_LINK_CHARS = frozenset("=&/_?%#;@") - {""}
# The HMM tags a word the dictionary calls a proper name (nz) may not open with: an
# adverb, a pronoun, a preposition, a conjunction or a measure word (无法/d 控制,
# 每/r 杯); a numeral (三鹿) or a verb (洗/v 地机, a product) may.
_PHRASE_OPENING_TAGS = frozenset("drpcq")
# Two runs of at least two characters joined by 和 or 与 (see organisation_by_form).
_JOINED_ORGANISATION = re.compile(r"([\u4e00-\u9fff]{2,})[和与]([\u4e00-\u9fff]{4,})")
_TITLE = re.compile(r"《([^《》\n]{1,30})》")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# The marks between the items of a list of names (英伟达、博通和蔚来).
_LIST_MARKS = frozenset(("、", "和", "与", "及"))
# The tags of the characters of a company's name the segmenter cut up (博/nr 通/v,
# 高/a 途/n): nouns, names, adjectives and verbs, never adverbs, pronouns or measures.
_COMPANY_RUN_TAGS = frozenset(("n", "nr", "ns", "nz", "ng", "g", "j", "a", "v", "vn"))
# The tags of a word that may be a company's name before 股价 or 市值 (小米/n, 蔚来/nr).
_COMPANY_WORD_TAGS = frozenset(("n", "nr", "nrt", "ns", "nz", "nt", "j"))
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n]")
# What may stand right before a company's name cut into characters: a clause's or a
# list's mark, a space, a quote or a bracket.
_COMPANY_RUN_OPENER = re.compile(r"[\s，,。；;：:、和与及“”\"'（(）)【】\[\]]")
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,6})+")


@dataclass(frozen=True)
class Name:
    """A name found in the text: [start, end) in the original text, and what it names."""

    start: int
    end: int
    kind: str  # person, organisation, place, other, title (《X》), role


@dataclass(frozen=True)
class NameRules:
    max_name_chars: int
    max_name_frequency: int
    max_given_name_frequency: int
    org_suffixes: tuple[str, ...]
    roles: frozenset[str]
    not_names: frozenset[str]
    heading: re.Pattern
    latin_not_names: frozenset[str]
    latin_measures: frozenset[str]
    en_roles: frozenset[str]
    en_role_modifiers: frozenset[str]
    en_not_names: frozenset[str]
    en_name_joiners: frozenset[str]
    en_org_words: frozenset[str]
    company_nouns: frozenset[str]
    surnames: frozenset[str]
    generic_org_heads: tuple[str, ...]
    places: frozenset[str]
    place_suffixes: frozenset[str]
    source_endings: tuple[str, ...]
    outlet_endings: tuple[str, ...]
    caption_words: tuple[str, ...]
    transliteration: frozenset[str]
    we_country: dict[str, dict[str, str]]
    national_openers: dict[str, dict[str, str]]
    nickname_prefixes: frozenset[str]
    nickname_suffixes: frozenset[str]
    honorific_titles: frozenset[str]
    time_prefixes: tuple[str, ...]
    not_given_name_chars: frozenset[str]
    function_chars: frozenset[str]
    aspect_particles: frozenset[str]
    numeral_chars: frozenset[str]
    common_noun_endings: frozenset[str]
    noun_suffix_chars: frozenset[str]

    @property
    def suffixes_by_last(self) -> dict[str, tuple[str, ...]]:
        """The organisation suffixes by their last character (one dict lookup a word)."""
        return _suffixes_by_last(self.org_suffixes)

    @property
    def role_pattern(self) -> re.Pattern:
        """Any Chinese role word, longest first (首席执行官 before 执行官)."""
        return _role_pattern(self.roles)

    @property
    def en_role_pattern(self) -> re.Pattern:
        """Any English role in lower case, its modifiers with it, longest first (senior
        analyst before analyst; senior vice president)."""
        return _en_role_pattern(self.en_roles, self.en_role_modifiers)

    @property
    def en_role_before_name(self) -> re.Pattern:
        """An English role word (group 1) that ends a stretch of text but for a comma and
        spaces (senior researcher Tom Harlow; its chief executive, Andy Jassy)."""
        return _en_role_before_name(self.en_roles, self.en_role_modifiers)

    def en_role_words(self, words: list[str], at: int) -> int:
        """How many of ``words`` (lower case) from ``at`` on make one role: modifiers,
        then the longest role of en_roles (Chief Financial Officer, Senior Vice
        President, Deputy Governor); 0 when no role starts there."""
        modifiers = 0
        while True:
            for length in range(min(_longest_role(self.en_roles), len(words) - at - modifiers),
                                0, -1):
                start = at + modifiers
                if " ".join(words[start : start + length]) in self.en_roles:
                    return modifiers + length
            if at + modifiers < len(words) and words[at + modifiers] in self.en_role_modifiers:
                modifiers += 1
                continue
            return 0

    def is_person_name(self, text: str) -> bool:
        """A Chinese personal name by its form: a surname and one or two more characters."""
        if not 2 <= len(text) <= 4 or not all(_HAN.match(c) for c in text):
            return False
        if text in self.not_names or self.role_pattern.search(text):
            return False
        # 老王, 小张, 达叔, 王总: what people call each other.
        if len(text) <= 3 and (text[0] in self.nickname_prefixes or
                               text[-1] in self.nickname_suffixes) and \
                len(text) >= 2 and not listed_word(text):
            return True
        surname = text[:2] if text[:2] in self.surnames else text[:1]
        given = text[len(surname):]
        return surname in self.surnames and 1 <= len(given) <= 2 and \
            not any(char in self.not_given_name_chars for char in given)

    def is_surname_nickname(self, text: str) -> bool:
        """老王, 小张, 王总: a surname with what people call each other (not 小懒, 人总)."""
        if len(text) == 2 and text[0] in self.nickname_prefixes:
            return text[1] in self.surnames
        return len(text) == 2 and text[1] in self.nickname_suffixes and text[0] in self.surnames

    def titled_surname(self, text: str) -> str | None:
        """The surname of 黄老师, 张教授 or 王总 (a surname and a title), else None."""
        if len(text) >= 2 and text[0] in self.surnames and text[1:] in self.honorific_titles:
            return text[0]
        return None

    def is_heading(self, text: str) -> bool:
        return self.heading.match(text) is not None


@cache
def name_rules() -> NameRules:
    """The rules of lang/names.yaml, read and checked once."""
    data = read_rules("names.yaml", _KEYS)
    lower = lambda words: frozenset(str(w).lower() for w in words)  # noqa: E731
    return NameRules(
        max_name_chars=int(data["max_name_chars"]),
        max_name_frequency=int(data["max_name_frequency"]),
        max_given_name_frequency=int(data["max_given_name_frequency"]),
        # Longest first, so that 统计局 wins over 局.
        org_suffixes=tuple(sorted(data["org_suffixes"], key=len, reverse=True)),
        roles=lower(data["roles"]),
        not_names=frozenset(data["not_names"]),
        heading=re.compile(data["heading"]),
        latin_not_names=lower(data["latin_not_names"]),
        latin_measures=lower(data["latin_measures"]),
        en_roles=lower(data["en_roles"]),
        en_role_modifiers=lower(data["en_role_modifiers"]),
        en_not_names=lower(data["en_not_names"]),
        en_name_joiners=lower(data["en_name_joiners"]),
        en_org_words=lower(data["en_org_words"]),
        company_nouns=frozenset(data["company_nouns"]),
        surnames=frozenset(data["surnames"]),
        generic_org_heads=tuple(sorted(data["generic_org_heads"], key=len, reverse=True)),
        places=frozenset(data["places"]),
        place_suffixes=frozenset(data["place_suffixes"]),
        source_endings=tuple(sorted(data["source_endings"], key=len, reverse=True)),
        outlet_endings=tuple(data["outlet_endings"]),
        caption_words=tuple(data["caption_words"]),
        transliteration=frozenset(data["transliteration"]),
        we_country={lang: dict(words) for lang, words in data["we_country"].items()},
        national_openers={lang: dict(words)
                          for lang, words in data["national_openers"].items()},
        nickname_prefixes=frozenset(data["nickname_prefixes"]),
        nickname_suffixes=frozenset(data["nickname_suffixes"]),
        honorific_titles=frozenset(data["honorific_titles"]),
        time_prefixes=tuple(data["time_prefixes"]),
        not_given_name_chars=frozenset("".join(str(c) for c in data["not_given_name_chars"])),
        function_chars=frozenset(str(data["function_chars"])),
        aspect_particles=frozenset(str(data["aspect_particles"])),
        numeral_chars=frozenset(str(data["numeral_chars"])),
        common_noun_endings=frozenset(str(data["common_noun_endings"])),
        noun_suffix_chars=frozenset(str(data["noun_suffix_chars"])),
    )


PLACES_FILE = LANG_DIR / "places_zh.txt"


@cache
def gazetteer() -> frozenset[str]:
    """Chinese names of towns and cities (lang/places_zh.txt, from GeoNames)."""
    with PLACES_FILE.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and line[0] != "#")


@cache
def _suffixes_by_last(suffixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    by_last: dict[str, list[str]] = {}
    for suffix in suffixes:  # already longest first
        by_last.setdefault(suffix[-1], []).append(suffix)
    return {last: tuple(group) for last, group in by_last.items()}


@cache
def _en_role_pattern(roles: frozenset[str], modifiers: frozenset[str]) -> re.Pattern:
    words = sorted(roles, key=len, reverse=True)
    before = "|".join(map(re.escape, sorted(modifiers, key=len, reverse=True)))
    return re.compile(rf"(?<![a-z])(?:(?:{before})[ -])*(?:" + "|".join(map(re.escape, words)) +
                      r")(?![a-z])")


@cache
def _en_role_before_name(roles: frozenset[str], modifiers: frozenset[str]) -> re.Pattern:
    return re.compile("(" + _en_role_pattern(roles, modifiers).pattern + r"),?\s+$")


@cache
def _longest_role(roles: frozenset[str]) -> int:
    """The most words an English role of names.yaml has (chief executive officer: 3)."""
    return max(len(role.split()) for role in roles)


@cache
def _role_pattern(roles: frozenset[str]) -> re.Pattern:
    words = sorted((r for r in roles if _HAN.search(r)), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def _tokenizer():
    """jieba's tokenizer, its prefix dictionary loaded (jieba caches it on disk)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    if not tokenizer.initialized and not _read_prefix_cache(tokenizer):
        jieba.initialize()
    return tokenizer


def _read_prefix_cache(tokenizer) -> bool:
    """Load the prefix dictionary jieba cached on an earlier run, as jieba.initialize would.

    jieba reads its cache with marshal.load on the open file, which reads it in
    small pieces: 1.4 s where reading the bytes first and unmarshalling them takes
    0.45 s. Only the default dictionary's cache is read (the case where jieba
    trusts it without comparing times); anything unexpected leaves it to jieba.
    """
    import marshal
    import tempfile

    if tokenizer.dictionary is not None or tokenizer.cache_file:
        return False
    cache = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    try:
        freq, total = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(freq, dict) or not freq:
        return False
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return True


@cache
def _word_tags() -> dict[str, str]:
    """The part-of-speech tag of every word of jieba's dictionary.

    jieba.posseg reads them from the 5 MB dictionary file on import, with its HMM
    tables: most of a second per process. They are read here once and kept in a
    marshal file in the temporary folder (claimtrack.marshal_cache), named
    after the dictionary's size and time, as jieba keeps its own prefix dictionary.
    """
    dictionary = Path(_tokenizer().get_dict_file().name)

    def read() -> dict[str, str]:
        tags: dict[str, str] = {}
        with dictionary.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) == 3:
                    tags[parts[0]] = parts[2]
        return tags

    return cached("jieba-tags", file_stamp(dictionary), read)


def warm_up() -> None:
    """Load jieba's dictionary, its word tags and its HMM tables now (see
    claimtrack.extract.warm_up), so that forked workers share them."""
    _tokenizer()
    _word_tags()
    warm_up_hmm()


# How jieba splits text into the blocks it segments: Chinese with letters, digits
# and a few joiners; what lies between is spaces and other characters.
_BLOCK = re.compile(r"([\u4e00-\u9fd5a-zA-Z0-9+#&._]+)")
_ONE_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


_last_tagged: list = [None, None]  # (text, tokens) of the last tag() call


def tag(text: str) -> list[tuple[int, int, str, str]]:
    """tag_text(), kept for the text tagged last: the engine asks again for the sentence
    chinese_names has just read (Extraction._recurring_terms_in)."""
    if _last_tagged[0] != text:
        _last_tagged[:] = text, tag_text(text)
    return list(_last_tagged[1])


def tag_text(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, word, flag) of each word of ``text``: jieba's dictionary segmentation
    (no HMM) and the dictionary's tags, as jieba.posseg gives them without its HMM.

    Runs of single letters and digits are one word tagged "eng"; a word the
    dictionary does not tag is "x"; characters outside the blocks are "m" for
    digits, "eng" for letters, "x" otherwise."""
    tokenizer, tags = _tokenizer(), _word_tags()
    tokens: list[tuple[int, int, str, str]] = []
    position = 0
    # split() alternates what lies between the blocks (even places) and the blocks.
    for place, block in enumerate(_BLOCK.split(text)):
        if not block:
            continue
        if not place % 2:
            for char in block:
                flag = "m" if char.isdigit() or char == "." else \
                    "eng" if char.isascii() and char.isalpha() else "x"
                tokens.append((position, position + 1, char, flag))
                position += 1
            continue
        ends = _word_ends(block, tokenizer)
        index, latin = 0, ""
        while index < len(block):
            end = ends[index]
            word = block[index:end]
            if word in _ONE_LATIN:  # one letter or digit
                latin += word
            else:
                if latin:
                    tokens.append((position - len(latin), position, latin, "eng"))
                    latin = ""
                tokens.append((position, position + len(word), word, tags.get(word, "x")))
            position += len(word)
            index = end
        if latin:
            tokens.append((position - len(latin), position, latin, "eng"))
    return tokens


# Tags of a word a noun suffix (率, 号) joins: nouns and nouns made of verbs.
_SUFFIXED_TAGS = frozenset(("n", "nz", "vn", "j", "ng", "an"))


def tag_compounds(text: str) -> list[tuple[int, int, str, str]]:
    """tag(), with a one-character noun suffix joined to the noun before it as one noun
    (lang/names.yaml noun_suffix_chars): 养老金/替代/率 → 养老金/替代率, 公众/号 → 公众号.
    For the rules that read noun phrases (subjects, measures); names read tag()."""
    suffixes = name_rules().noun_suffix_chars
    tokens: list[tuple[int, int, str, str]] = []
    for token in tag(text):
        first, last, word, _ = token
        if tokens and len(word) == 1 and word in suffixes and tokens[-1][1] == first and \
                tokens[-1][3] in _SUFFIXED_TAGS and len(tokens[-1][2]) >= 2:
            before = tokens.pop()
            token = (before[0], last, before[2] + word, "n")
        tokens.append(token)
    return tokens


# Each word's log probability, log(frequency) - log(total), as jieba's calc computes
# it, for the dictionary whose (FREQ, total) is the key; _PREFIX for the strings jieba
# keeps with frequency 0, the beginnings of longer words (log probabilities are <= 0).
_log_probability: dict[str, float] = {}
_log_probability_of: tuple[int, int] | None = None
_PREFIX = 1.0


def _word_ends(block: str, tokenizer) -> list[int]:
    """Where the word starting at each index of ``block`` ends on jieba's best path through
    it: what Tokenizer.get_DAG and Tokenizer.calc give (route[i][1] + 1), in one pass.

    The same sums in the same order, so the same path: each word's log probability
    comes from a table filled as words are met (one look-up a candidate, instead of
    three and a log()), and the candidates (the dictionary words starting at an
    index) are scored as they are found instead of being collected into a DAG
    first. Ties go to the longer word, as max() over (score, end) tuples gives them.
    """
    global _log_probability_of
    freq, total = tokenizer.FREQ, tokenizer.total
    if _log_probability_of != (id(freq), total):  # jieba.add_word changes total
        _log_probability.clear()
        _log_probability_of = (id(freq), total)
    table, known = _log_probability, _log_probability.get
    logtotal = log(total)
    size = len(block)
    scores = [0.0] * (size + 1)
    ends = [0] * (size + 1)
    for first in range(size - 1, -1, -1):
        best = best_end = None
        last, word = first, block[first]
        while True:
            score = known(word)
            if score is None:
                frequency = freq.get(word)
                if frequency is None:
                    break  # no dictionary word starts with it
                score = table[word] = log(frequency) - logtotal if frequency else _PREFIX
            if score != _PREFIX:
                score += scores[last + 1]
                if best is None or score >= best:
                    best, best_end = score, last + 1
            last += 1
            if last == size:
                break
            word = block[first : last + 1]
        if best is None:  # no dictionary word starts here: the character alone
            best = log(freq.get(block[first]) or 1) - logtotal + scores[first + 1]
            best_end = first + 1
        scores[first], ends[first] = best, best_end
    return ends


# What may follow a person's name written right after a role: a verb, a number (a date:
# 何亚东27日表示), a mark, the text's end.
_AFTER_ROLE_NAME_FLAGS = ("v", "m", "eng", "x", "p", "d")
# One-character speaking verbs that may follow a two-character name (王伟说).
_SAYING_CHARS = frozenset("说称讲问道答笑")


def _name_after_role(piece: str, tokens: list, first: int, rules) -> int | None:
    """Where a person named right after a role ends (发言人何亚东表示, 发言人毛宁27日说):
    a surname and one or two more characters, up to a verb, a date or a mark, whatever
    the tagger made of them (何/r 亚东/ns); None when nothing like one stands there."""
    if first >= len(piece) or piece[first] not in rules.surnames or \
            piece[first] in rules.function_chars:
        return None  # (老板和工人: 和 opens no name here)
    starts = {token[0]: token for token in tokens}
    if first not in starts:
        return None  # the role runs into a word: 发言人员
    for last in (first + 3, first + 2):
        if last > len(piece) or not all(_HAN.match(char) for char in piece[first:last]) or \
                any(char in rules.function_chars for char in piece[first + 1 : last]):
            continue
        inside = starts.get(last - 1)
        if last == first + 3 and inside is not None and inside[2] in _SAYING_CHARS:
            continue  # 王伟说: the verb is no part of the name
        if _frequency(piece[first:last]) > rules.max_given_name_frequency or \
                _frequency(piece[first + 1 : last]) > rules.max_given_name_frequency * 10:
            continue  # 分析师平均预期, 老板那里: an everyday word, no name
        following = starts.get(last)
        if last == len(piece) or following is not None and \
                following[3].startswith(_AFTER_ROLE_NAME_FLAGS):
            return last
    return None


def chinese_names(folded: str, start: int, end: int) -> list[Name]:
    """Names and roles in folded[start:end], a Chinese stretch of text (offsets absolute)."""
    rules = name_rules()
    piece = folded[start:end]
    found: list[Name] = []
    tokens = tag(piece)
    taken = bytearray(len(piece))

    def add(first: int, last: int, kind: str, nominal: bool = False) -> None:
        if nominal:
            # 费城半导体指数, 杭州市政府: a place a name of nouns starts with is part of it
            # (not in 美国全力发展科技, a clause that ends in a suffix).
            inner = [n for n in found if n.kind == "place" and first <= n.start - start
                     and n.end - start <= last]
            for name in inner:
                found.remove(name)
                taken[name.start - start : name.end - start] = bytes(name.end - name.start)
        if any(taken[first:last]):
            return
        taken[first:last] = b"\x01" * (last - first)
        found.append(Name(start + first, start + last, kind))

    for match in _TITLE.finditer(piece):  # 《华尔街日报》, 《哪吒2》
        if piece.startswith(rules.caption_words, match.end()):
            taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            continue  # 《装腔启示录》剧照: an image's caption names nothing the text says
        add(match.start(1), match.end(1), "title")
    for first, last in _titled_surnames(piece, tokens, rules):  # 黄老师, 张教授: a person
        add(first, last, "person")
    for match in rules.role_pattern.finditer(piece):  # 首席执行官 is one role, not two words
        add(match.start(), match.end(), "role")
    # 乔·摩尔, 布拉德·史密斯: a transliterated name in parts, whatever the tagger made of them.
    for match in _DOTTED_NAME.finditer(piece):
        first = match.start()
        # 分析师乔·摩尔: the role before the name is not part of it, and a given
        # name before the dot is short.
        # 排名第三的阿曼达·莱莫斯, 名叫阿伊莎·沙克法: nor is a function word.
        while first < match.end() and (taken[first] or piece.find("·", first) - first > 4
                                       or piece[first] in rules.function_chars):
            first += 1
        add(first, _dotted_name_end(piece, tokens, match.start(), match.end(), rules),
            "person")
    # 黄/a 碧云/nr: a surname the tagger read as another word, then a given name it tags
    # as one, is one name.
    # (Not 布瓦/nrt 吉/nr 吉/nr, a name going on, nor 塞/赫/迈特, a name cut in pieces;
    # nor 闫/晓/楠, where the HMM finds 3; nor 和/c 老公/nr: a function word or a verb
    # is no surname, and a given name as common as 老公 or 黑客 is a word.)
    for index, (first, last, word, flag) in enumerate(tokens[:-1]):
        given = tokens[index + 1]
        if len(word) != 1 or word not in rules.surnames or flag not in _SURNAME_TAGS or \
                given[0] != last or given[3] not in ("nr", "nrfg", "nrt") or \
                not 1 <= len(given[2]) <= 2 or not _HAN.match(given[2]) or \
                len(given[2]) == 2 and _frequency(given[2]) > rules.max_given_name_frequency:
            continue
        before = tokens[index - 1] if index else None
        glued_before = before is not None and before[1] == first and (
            before[3] in ("nr", "nrfg", "nrt") or len(before[2]) == 1 and
            _HAN.match(before[2]) and before[2] not in rules.function_chars)
        after = tokens[index + 2] if index + 2 < len(tokens) else None
        goes_on = len(given[2]) == 1 and after is not None and after[0] == given[1] and \
            len(after[2]) == 1 and _HAN.match(after[2]) and \
            after[2] not in rules.function_chars
        whole = piece[first : given[1]]
        if not glued_before and not goes_on and rules.is_person_name(whole) and \
                not listed_word(whole):
            add(first, given[1], "person")
    # 黄/仁/勋: without the HMM an unlisted name comes out a character at a time.
    name_ends = {last for _, last, _, flag in tokens if flag in ("nr", "nrt", "nrfg")}
    for first, last in _single_character_runs(tokens, rules.surnames):
        if first and piece[first - 1] in rules.numeral_chars:
            continue  # 第三/财/季/总/营: what follows a number is what it counts or orders
        if first in name_ends:
            continue  # 布瓦/nrt 吉/nr 吉/nr: the name before goes on; it is joined below
        for length in (4, 3, 2):
            for start_at in range(first, last - length + 1):
                candidate = piece[start_at : start_at + length]
                # 花/光/了: a name is not followed by an aspect particle; a verb is.
                if rules.is_person_name(candidate) and not listed_word(candidate) and \
                        not any(char in rules.function_chars for char in candidate) and \
                        piece[start_at + length : start_at + length + 1] not in \
                        rules.aspect_particles and \
                        (rules.is_surname_nickname(candidate) or
                         _hmm_reads_a_name(piece, first, last, start_at, start_at + length)):
                    add(start_at, start_at + length, "person")
    # 博/通/股价, 蔚/来/股价: characters the segmenter could not join, right before what
    # only a company has, opening a clause or an item of a list, are a company's name.
    after_run = {first: index for index, (first, _, _, _) in enumerate(tokens)}
    for first, last in _single_character_runs(tokens, frozenset()):
        following = after_run.get(last)
        run = piece[first:last]
        flags = [flag for at, _, _, flag in tokens if first <= at < last]
        if following is None or not 2 <= last - first <= 4 or listed_word(run) or \
                run in rules.not_names or any(char in rules.function_chars for char in run) \
                or not all(flag in _COMPANY_RUN_TAGS for flag in flags) or \
                flags[-1] == "v" and flags[0] not in ("nr", "ns", "nz"):
            continue  # (没拿, 小到, 每只, 扣非后: a verb or a measure before 股票)
        if tokens[following][2] == "的" and following + 1 < len(tokens):
            following += 1  # 博通的股价
        elif tokens[following][2] in _LIST_MARKS:
            # 英伟达、博通和蔚来股价: an item of a list whose last item stands before it.
            clause = _CLAUSE_END.search(piece, last)
            reach = clause.start() if clause else len(piece)
            following = next((i for i in range(following, len(tokens))
                              if tokens[i][0] < reach and tokens[i][2] in rules.company_nouns),
                             following)
        if tokens[following][2] not in rules.company_nouns:
            continue
        before = piece[first - 1 : first] if first else ""
        if before and not _COMPANY_RUN_OPENER.match(before):
            continue
        add(first, last, "organisation")
    # 3月5日，小米股价大跌9%: one noun right before what only a company has, opening a
    # clause or an item of a list, is a company's name, though an everyday word (小米).
    for index, (first, last, word, flag) in enumerate(tokens[:-1]):
        following = tokens[index + 1]
        if flag in _COMPANY_WORD_TAGS and 2 <= len(word) <= 4 and _HAN.search(word) and \
                following[2] in rules.company_nouns and not any(taken[first:last]) and \
                word not in rules.generic_org_heads and word not in rules.not_names and \
                (not first or _COMPANY_RUN_OPENER.match(piece[first - 1])):
            add(first, last, "organisation")
    for index, (first, last, word, flag) in enumerate(tokens):
        if any(taken[first:last]) or not _HAN.search(word):
            continue
        suffix = _org_suffix(word, rules)
        if suffix is not None:
            if len(word) == len(suffix) + 1 and flag != "nt":
                continue  # 全部, 内部, 总局: a one-character head is a word, not a name
            if len(word) > len(suffix) and flag != "nt" and \
                    _frequency(word) > rules.max_name_frequency:
                continue  # 出版社, 合作社, 研究所: an everyday word for a kind of body
            name_start = _name_start(tokens, index, rules, last)
            if name_start < first or len(word) > len(suffix):
                head = piece[name_start:last][: -len(suffix)]
                # 美国国会 (one word the dictionary tags nt) names one body, though 美国公司
                # (an American company) does not.
                listed = name_start == first and flag == "nt"
                # 小米集团总裁: a body whose role-holder follows is named, though its
                # head is an everyday word (小米).
                holds_role = rules.role_pattern.match(piece, last) is not None
                if _acceptable(piece[name_start:last], rules) and (listed or (
                        not _generic_head(head, rules)
                        and (holds_role or _proper_head(tokens, name_start, first, rules)))):
                    # (新城/ns 控股/v: the suffix is a noun here, whatever its tag alone.)
                    add(name_start, last, "organisation", all(
                        word_flag in _NOMINAL_TAGS for at, _, _, word_flag in tokens
                        if name_start <= at < first))
                continue
        kind = _TAG_KINDS.get(flag)
        if kind is None or len(word) < 2 or not _acceptable(word, rules):
            continue
        # 布瓦/nrt 吉吉/nr: the tagger cut one name in two.
        while kind == "person" and index + 1 < len(tokens) and \
                tokens[index + 1][3] in ("nr", "nrt", "nrfg") and tokens[index + 1][0] == last:
            index += 1
            last, word = tokens[index][1], piece[first : tokens[index][1]]
        if kind == "person" and len(word) == 2 and index + 1 < len(tokens):
            # 李家/nrfg 超/v: a surname and given name the dictionary lists as a word,
            # and the rest of the given name after it, when the HMM reads all three as one.
            following = tokens[index + 1][2]
            whole = word + following
            if len(following) == 1 and _HAN.match(following) and \
                    following not in rules.function_chars and rules.is_person_name(whole) and \
                    not listed_word(whole) and (0, 3) in name_spans(whole):
                last, word = last + 1, whole
        if not _trusted(word, kind, flag, rules):
            continue
        add(first, last, kind)
    for match in _LATIN_RUN.finditer(piece):
        # 英伟达CEO黄仁勋: a role in Latin letters inside Chinese text, though no name.
        for word in re.finditer(r"[A-Za-z]+", match.group(0)):
            if word.group(0).lower() in rules.roles:
                add(match.start() + word.start(), match.start() + word.end(), "role")
        brand = _brand_with_code(piece, match.start(), match.end(), tokens, rules)
        if brand is not None:
            add(*brand, "other")
            continue
        words = match.group(0).split(" ")
        while words and words[-1].lower() in rules.latin_not_names:
            words.pop()
        while words and words[0].lower() in rules.latin_not_names:
            words.pop(0)
        if not words:
            continue
        text = " ".join(words)
        offset = match.start() + match.group(0).index(text)
        if _is_ticker(piece, offset, offset + len(text)):
            continue
        # appmsg, wx_fmt=jpeg: a piece of a link the markup left behind, not a name.
        # 7nm, 5GB: letters right after a number are its unit.
        # (0700.HK: an exchange's code after a number.)
        if piece[offset - 1 : offset].isdigit() or \
                piece[offset - 1 : offset] == "." and piece[offset - 2 : offset - 1].isdigit():
            continue
        if piece[offset - 1 : offset] in _LINK_CHARS or \
                piece[offset + len(text) : offset + len(text) + 1] in _LINK_CHARS:
            continue
        # G1, V3: a model code alone names too little to be a subject or a source.
        if len(text) < 2 or len(re.findall(r"[A-Za-z]", text)) < 2:
            continue
        # make love, not war; situationship; <li>: words in lower case inside Chinese text
        # name nothing the entity data does not know (names in Latin letters are
        # capitalised or codes: iPhone, 5G; a known vivo is found as an entity).
        if text.islower():
            continue
        kind = "role" if text.lower() in rules.roles else "other"
        add(offset, offset + len(text), kind)
    # 发言人何亚东27日表示: a person right after a role, where no rule above found a name.
    for role in [name for name in found if name.kind == "role"]:
        person_end = _name_after_role(piece, tokens, role.end - start, rules)
        if person_end is not None:
            add(role.end - start, person_end, "person")
    found.sort(key=lambda name: name.start)
    return _bodies_before_roles(piece, start, found, rules)


# The tags the tagger gives a surname it does not read as one (黄/a, 刘/zg, 张/q): never
# a conjunction, a verb, an adverb or a preposition (和/c 老公, 管/vn 黑客, 但/c 总).
_SURNAME_TAGS = frozenset(("a", "b", "g", "j", "k", "n", "ng", "nr", "nrfg", "q", "s", "tg",
                           "zg"))


# The link markup whose text is no part of an article's prose.
LINK_MARKUP = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|https?://\S+")
# How often a string must recur in an article to be one of its terms, and how
# many of its places the segmenter's HMM is asked about.
RECURRING_TERM_COUNT = 4
_TERM_PLACES_READ = 4
_TERM_CONTEXT = 8
# What may stand right before a word that opens a clause, and the share of a term's
# places where it must open one (one in five).
_CLAUSE_OPENERS = frozenset("，。；：！？、,.;:!?\n “”「」『』\"'*#>（）()【】[]")
_TERM_OPENING_SHARE = 5


def term_candidates(tokens: list[tuple[int, int, str, str]]) -> list[tuple[int, int]]:
    """[start, end) of every string of two or three characters inside a run of
    one-character words no function or numeral character breaks (烤/匠 of 烤/匠/诞生):
    where the dictionary segmentation left a word it does not know, which may be one
    of the article's recurring terms (see is_recurring_term). Longest first."""
    stop = _term_stops()
    spans: list[tuple[int, int]] = []
    run: list[int] = []  # the starts of the run's characters
    for first, last, word, _ in tokens:
        if last - first == 1 and "\u4e00" <= word <= "\u9fff" and word not in stop:
            if run and run[-1] + 1 != first:
                _add_term_spans(run, spans)
                run = []
            run.append(first)
        elif run:
            _add_term_spans(run, spans)
            run = []
    _add_term_spans(run, spans)
    return spans


def _add_term_spans(run: list[int], spans: list[tuple[int, int]]) -> None:
    for size in (3, 2):
        spans.extend((run[i], run[i] + size) for i in range(len(run) - size + 1))


@cache
def _term_stops() -> frozenset[str]:
    rules = name_rules()
    return frozenset(rules.function_chars) | frozenset(rules.numeral_chars)


def is_recurring_term(body: str, gram: str) -> bool:
    """Whether ``gram`` is a name the article keeps writing that no dictionary lists (烤匠
    71 times in a piece about a restaurant chain, 温老, 咪蒙, 阎鹤祥), ``body`` being the
    article's folded text without its links: it recurs at least RECURRING_TERM_COUNT
    times, is neither a dictionary word nor made of one (麻辣烤鱼 is 麻辣 and 烤鱼),
    stands among at least three different characters on each side (匠麻 of 烤匠麻辣 does
    not), opens a clause often enough (_opens_clauses: the jargon of a field, 财报 or
    生豆, stands inside phrases), and jieba's part-of-speech HMM, given the run of
    one-character words around it, reads it as one noun in at least half of the places
    asked and at least twice (带着, 会有, 吃完 are verbs and particles). A word that ends
    like a kind of thing (names.yaml noun_suffix_chars, common_noun_endings: 财报, 杯量)
    is none, unless it has a person's name's form.

    This is the usual new-word detection of Chinese text (frequency, free edges, and
    what a segmenter makes of it): a name the text itself teaches, as a reader learns
    a brand met for the first time."""
    if body.count(gram) < RECURRING_TERM_COUNT or _frequency(gram) or \
            any(_frequency(gram[i : i + 2]) for i in range(len(gram) - 1)):
        return False
    rules = name_rules()
    if (gram[-1] in rules.noun_suffix_chars or gram[-1] in rules.common_noun_endings) and \
            not rules.is_person_name(gram):
        return False  # 财报, 杯量, 版号: a kind of thing, the way such words end
    places = list(_occurrences(body, gram))
    if len(places) < RECURRING_TERM_COUNT or \
            len({body[at - 1 : at] for at in places}) < 3 or \
            len({body[at + len(gram) : at + len(gram) + 1] for at in places}) < 3:
        return False
    return _opens_clauses(body, places) and _read_as_noun(body, gram)


def _opens_clauses(body: str, places: list[int]) -> bool:
    """Whether the word written at ``places`` opens a clause (after a punctuation mark, a
    quote, markup or a line break) at least twice and in at least a fifth of its places,
    as the name of what a text tells about does (烤匠诞生于2013年, 阎鹤祥说); the jargon of
    a field stands inside phrases (从蒙牛2018年财报来看, 给女性做14个坑位, 经过清洁塔后的生豆)."""
    opening = sum(1 for at in places if at == 0 or body[at - 1] in _CLAUSE_OPENERS)
    return opening >= 2 and opening * _TERM_OPENING_SHARE >= len(places)


def _occurrences(text: str, word: str):
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _read_as_noun(body: str, gram: str) -> bool:
    """Whether jieba's HMM reads ``gram`` as one noun where the dictionary leaves it in
    single characters (see is_recurring_term)."""
    nouns = asked = 0
    at = body.find(gram)
    while at >= 0 and asked < _TERM_PLACES_READ:
        low = max(0, at - _TERM_CONTEXT)
        tokens = tag(body[low : at + len(gram) + _TERM_CONTEXT])
        start, end = at - low, at - low + len(gram)
        if all(t[1] - t[0] == 1 for t in tokens if t[0] < end and start < t[1]):
            asked += 1
            singles = {t[0] for t in tokens if t[1] - t[0] == 1 and _HAN.match(t[2])}
            first, last = start, end
            while first - 1 in singles:
                first -= 1
            while last in singles:
                last += 1
            run = body[low + first : low + last]
            nouns += (start - first, end - first) in hmm_nouns(run)
        at = body.find(gram, at + len(gram))
    return nouns >= 2 and 2 * nouns >= asked


def _titled_surnames(piece: str, tokens: list, rules: NameRules) -> list[tuple[int, int]]:
    """黄老师, 张教授, 王总: a surname alone, then a title (names.yaml honorific_titles),
    where a name may open (after a clause's or a list's mark): the way Chinese refers
    to a person named in full before (see Extraction._titled_person)."""
    found = []
    for index, (first, last, word, flag) in enumerate(tokens[:-1]):
        title = tokens[index + 1]
        if len(word) == 1 and word in rules.surnames and flag in _SURNAME_TAGS and \
                title[0] == last and \
                title[2] in rules.honorific_titles and \
                (not first or _COMPANY_RUN_OPENER.match(piece[first - 1])):
            found.append((first, title[1]))
    return found


# The tags of the words of a Chinese name glued to a code (奇遇/n VR, 大/a 朋/n VR).
_BRAND_TAGS = frozenset(("n", "nz", "nr", "nrt", "nt", "j", "ng", "a"))
_BRAND_NOUN_TAGS = _BRAND_TAGS - {"a"}


def _brand_with_code(piece: str, start: int, end: int, tokens: list,
                     rules: NameRules) -> tuple[int, int] | None:
    """奇遇VR, 大朋VR, 腾讯QQ, 小米SU7: a Chinese name of two to four characters glued to
    a code in capitals or with digits is one name, the product or maker the text
    writes (VR alone names nothing). Only where a name may open: after a clause's or
    a list's mark; never a measure's code (人均GDP, 动态PE) nor a role (公司CEO), and
    never a place (中国GDP: ns is no tag of a brand)."""
    code = piece[start:end]
    if " " in code or not (code[0].isupper() or any(char.isdigit() for char in code)) or \
            code.lower() in rules.roles or code.lower() in rules.latin_measures:
        return None
    first, nouns = start, 0
    for at, last, word, flag in reversed(tokens):
        if last > first:
            continue
        if last < first or flag not in _BRAND_TAGS or not _HAN.match(word):
            break
        first, nouns = at, nouns + (flag in _BRAND_NOUN_TAGS)
    head = piece[first:start]
    if not 2 <= len(head) <= 4 or not nouns or head in rules.not_names or \
            first and not _COMPANY_RUN_OPENER.match(piece[first - 1]):
        return None
    return first, end


def _bodies_before_roles(piece: str, start: int, found: list[Name],
                         rules: NameRules) -> list[Name]:
    """蓝思科技董事长周群飞: a name read as a person's that stands, with an
    organisation's suffix, right before a role held by the person after it is the
    body the role is held in (蓝思 + 科技), not a second person."""
    for index in range(1, len(found) - 1):
        body, role, holder = found[index - 1], found[index], found[index + 1]
        if body.kind != "person" or role.kind != "role" or holder.kind != "person" or \
                holder.start != role.end:
            continue
        between = piece[body.end - start : role.start - start]
        if between and _org_suffix(between, rules) == between:
            found[index - 1] = Name(body.start, role.start, "organisation")
    return found


# How much of a long run of one-character words the HMM reads around a candidate
# name: a run of thousands (an article of nothing but names) is not read whole.
_HMM_REACH = 12


def _hmm_reads_a_name(piece: str, first: int, last: int, start: int, end: int) -> bool:
    """Whether the HMM reads piece[start:end] as a name inside the run piece[first:last]."""
    if last - first > 4 * _HMM_REACH:
        first, last = max(first, start - _HMM_REACH), min(last, end + _HMM_REACH)
    return (start - first, end - first) in name_spans(piece[first:last])


def _single_character_runs(tokens: list, surnames: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of two or more one-character Chinese words in a row (黄/仁/勋); a surname
    the dictionary tags as a measure word may open one (张/q 小/发)."""
    runs, run_start, run_end = [], None, None
    for first, last, word, flag in [*tokens, (None, None, "", "x")]:
        if len(word) == 1 and _HAN.match(word) and (
                flag not in ("p", "u", "uj", "ul", "c", "r", "m", "x", "q", "y", "e")
                or (flag == "q" and run_start is None and word in surnames)):
            if run_start is None:
                run_start = first
            run_end = last
            continue
        if run_start is not None and run_end - run_start >= 2:
            runs.append((run_start, run_end))
        run_start = None
    return runs


def _dotted_name_end(piece: str, tokens: list, match_start: int, match_end: int,
                     rules: NameRules) -> int:
    """Where 唐纳德·特朗普 ends in 唐纳德·特朗普称: at the end of the word after the last
    dot, or of the run of transliteration characters after it when that is longer
    (阿曼达·莱/莫斯: the segmenter cuts an unlisted name)."""
    last_dot = max(i for i in range(match_start, match_end) if piece[i] == "·")
    spelled = last_dot + 1
    while spelled < match_end and piece[spelled] in rules.transliteration:
        spelled += 1
    for first, last, _, _ in tokens:
        if first == last_dot + 1:
            return max(min(last, match_end), spelled)
    return max(min(match_end, last_dot + 4), spelled)


def _is_ticker(text: str, start: int, end: int) -> bool:
    """Intel (INTC), 美光 (MU): a stock ticker in brackets belongs to the name before it.
    The brackets may be inside text[start:end] or around it."""
    word = text[start:end]
    if word[:1] in ("(", "（") and word[-1:] in (")", "）"):
        word = word[1:-1]
    elif text[start - 1 : start] not in ("(", "（") or text[end : end + 1] not in (")", "）"):
        return False
    return word.isupper() and 1 <= len(word) <= 6


def _org_suffix(word: str, rules: NameRules) -> str | None:
    """The organisation suffix a word ends in, longest first (统计局 before 局)."""
    for suffix in rules.suffixes_by_last.get(word[-1:], ()):
        if word.endswith(suffix):
            return suffix
    return None


def _name_start(tokens: list, index: int, rules: NameRules, last: int) -> int:
    """Where an organisation name ending at tokens[index] starts: the words before it."""
    start = tokens[index][0]
    for first, _, word, flag in reversed(tokens[:index]):
        if flag.startswith(_BREAK_TAGS) and flag not in ("vn", "nz", "nt", "ns", "nr", "nrt"):
            break
        if not (_HAN.search(word) or re.fullmatch(r"[A-Za-z]+", word)):
            break
        if word.lower() in rules.roles or last - first > rules.max_name_chars:
            break
        if flag == "nr" and len(word) == 1:
            break  # 甚至连/nr 新城控股: a lone surname-like character opens no body's name
        start = first
    return start


def listed_word(word: str) -> bool:
    """Whether jieba's dictionary lists a word as something other than a person's name
    (来看 v, 比如 v): such a word before a reporting verb is no speaker."""
    tags = _word_tags()
    return word in tags and not tags[word].startswith("nr")


def organisation_by_form(text: str) -> bool:
    """A short phrase that ends like an organisation (住建部, 国家统计局, 发改委) and
    holds no function characters: where a speaker stands, it is one."""
    rules = name_rules()
    if not 2 <= len(text) <= 14 or not all(_HAN.match(char) for char in text):
        return False
    # 联合国毒品和犯罪问题办公室, 国家卫生和计划生育委员会: an organisation's suffix
    # after two nouns joined by 和 or 与; the join is no function word there.
    joined = _JOINED_ORGANISATION.fullmatch(text)
    if any(char in rules.function_chars
           for char in (joined.group(1) + joined.group(2) if joined else text)):
        return False
    suffix = _org_suffix(text, rules) or next(
        (ending for ending in rules.source_endings if text.endswith(ending)), None)
    return suffix is not None and len(text) > len(suffix) and not _generic_head(
        text[: -len(suffix)], rules)


def _trusted(word: str, kind: str, flag: str, rules: NameRules) -> bool:
    """Whether a tagged name is one: the dictionary tags some everyday words as names
    (卫星 nr, 刚刚开始 nr, 长大 ns, 今天上午 nr), and the HMM cuts words out of longer ones."""
    if word.startswith(rules.time_prefixes):
        return False
    if kind == "place":
        # 广东省, 杭州市: a listed place with its administrative suffix is that place.
        return word in rules.places or word in gazetteer() or (
            word[-1] in rules.place_suffixes and (
                _frequency(word) <= rules.max_name_frequency or
                word[:-1] in rules.places or word[:-1] in gazetteer()))
    frequency = _frequency(word)
    if kind == "person":
        if frequency and word[-1] in rules.common_noun_endings:
            return False  # 文科生, 翰林学士, 白皮书: a listed word for a kind of person or thing
        # 李政道, 曾国藩: a three-character name in the dictionary is still a name.
        if len(word) == 3 and rules.is_person_name(word):
            return True
        # 大S, 小S: a nickname of a character and a letter the dictionary lists as a name.
        if re.fullmatch(r"[\u4e00-\u9fff][A-Za-z]{1,3}", word):
            return True
    if frequency > rules.max_name_frequency:
        return False  # 卫星, 高达: a two-character name the dictionary lists is a rare word
    if kind == "other" and hmm_opening_tag(word)[:1] in _PHRASE_OPENING_TAGS:
        return False  # 无法控制/nz, 相匹配/nz: a phrase the dictionary lists, no name
    if kind == "person":
        # 郑永年, 黄仁勋: a surname and a given name; 布瓦吉吉, 马斯克: a transliteration.
        foreign = len(word) >= 3 and all(char in rules.transliteration for char in word)
        return rules.is_person_name(word) or foreign or flag == "nrt" and len(word) >= 2
    return True


def _frequency(word: str) -> int:
    """How common a word is in jieba's dictionary (0 when it is not listed)."""
    return _tokenizer().FREQ.get(word) or 0


def _proper_head(tokens: list, head_start: int, suffix_start: int, rules: NameRules) -> bool:
    """Whether the words before an organisation suffix hold a proper name (美光, 中金),
    not only everyday words (人力资本, 全球六大科技): a word tagged as a name, a rare
    or unlisted word, or Latin letters."""
    if head_start == suffix_start:
        return True  # one word that ends in a suffix: 国家统计局, 中金公司
    for first, _, word, flag in tokens:
        if first < head_start or first >= suffix_start:
            continue
        if flag in _TAG_KINDS or re.search(r"[A-Za-z]", word):
            return True
        if _frequency(word) <= rules.max_name_frequency and not re.search(
                r"[一二三四五六七八九十百千万两几多]", word):
            return True
    return False


def _generic_head(head: str, rules: NameRules) -> bool:
    """Whether the words before an organisation suffix only say what kind it is (初创公司)."""
    rest = head
    while rest:
        for word in rules.generic_org_heads:
            if rest.startswith(word):
                rest = rest[len(word):]
                break
        else:
            return False
    return True


def _acceptable(word: str, rules: NameRules) -> bool:
    """Whether a tagged word may be a name: not a heading, pronoun or common noun."""
    if word in rules.not_names or rules.is_heading(word):
        return False
    return not any(char.isdigit() for char in word) or bool(re.search(r"[A-Za-z]", word))


# (?<!…): a capital inside a word (arXiv, iPhone) starts no name of its own.
_EN_NAME_RUN = re.compile(
    r"(?<![A-Za-z0-9])[A-Z][\w&.'-]*"
    r"(?:[ \t]+(?:(?:of|&|de|du|la|van|von|der|den|al)[ \t]+)?"
    r"[A-Z][\w&.'-]*)*")  # a name does not run across lines
_NON_SPACE = re.compile(r"\S+")
# What stands before a sentence's first word: the text's or a line's start (with a
# bullet, a number or a heading mark), the end of the sentence before or a table
# cell's bar; then any opening quote, bracket or emphasis.
_SENTENCE_OPENING = re.compile(
    r"(?:^|\n[ \t]*(?:[-*•·>#]+|\d+[.)])?|[.!?;:|][\"'”’)\]]*\s+)[\s\"'“‘(\[*_]*$")
_COMMON_ENGLISH = LANG_DIR / "common_english.txt"
_GIVEN_NAMES_EN = LANG_DIR / "given_names_en.txt"
_HEADLINE_CHARS = 200


@cache
def given_names_en() -> frozenset[str]:
    """English given names (lang/given_names_en.txt), as written: Jane, John."""
    text = _GIVEN_NAMES_EN.read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def english_name_kind(words: list[str], rules: NameRules) -> str:
    """person for a given name and a surname or two (Jane Doe, Mark Elliot Zuckerberg),
    unless the last word names a body or a place (Jane Street Capital); else other."""
    if 2 <= len(words) <= 3 and words[0] in given_names_en() and \
            words[-1].lower() not in rules.en_org_words and \
            not any(word.lower() in rules.en_name_joiners for word in words):
        return "person"
    return "other"


@cache
def common_english() -> frozenset[str]:
    """The most frequent English words, lower case (lang/common_english.txt)."""
    text = _COMMON_ENGLISH.read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#")
                     for word in line.split())


def _bare(word: str) -> str:
    """A word without the punctuation or possessive after it: Apple's → Apple."""
    return word.rstrip(".,").removesuffix("'s").removesuffix("’s")


def _common_word(word: str) -> bool:
    return _bare(word).lower() in common_english()


def _headline_line(text: str, first: int, last: int) -> tuple[int, int] | None:
    """The bounds of the line holding [first, last) when it is written in headline case."""
    # Only as far as a headline's length either way: a longer line is no headline.
    reach = _HEADLINE_CHARS + 1
    line_start = text.rfind("\n", max(0, first - reach), first) + 1
    if not line_start and first > reach:
        return None
    line_end = text.find("\n", last, last + reach)
    if line_end < 0:
        if len(text) - last > reach:
            return None
        line_end = len(text)
    return (line_start, line_end) if _headline_case(text[line_start:line_end]) else None


def _trim_common_words(text: str, start: int, words: list[tuple[int, int, str]]) -> list:
    """A capitalised run without the words only capitalised for their place: one common
    English word at a sentence's or a table cell's start (Figure, Nearly, Investors);
    in a headline-case line, the common words at either end of a run (Acme Reports
    Revenue Up → Acme; a Mere $294,000). A word the text also capitalises inside a
    sentence elsewhere stays (Cook of Tim Cook is a name)."""
    if not words:
        return words
    headline = _headline_line(text, start + words[0][0], start + words[-1][1])
    if headline is not None:
        def placed(word: tuple[int, int, str]) -> bool:
            return _common_word(word[2]) and not _capitalised_inside(
                text, _bare(word[2]), headline)

        while words and placed(words[0]):
            words = words[1:]
        while words and placed(words[-1]):
            words = words[:-1]
        return words
    first = start + words[0][0]
    if len(words) == 1 and _common_word(words[0][2]) and \
            _SENTENCE_OPENING.search(text, max(0, first - 12), first) and \
            not _capitalised_inside(text, _bare(words[0][2])):
        return []  # (Jane Doe: two common words that open a sentence may be a name)
    return words


def _headline_case(line: str) -> bool:
    """A title written in headline case: most of its longer words capitalised. A line
    of more than _HEADLINE_CHARS characters is prose, whatever its case."""
    if len(line) > _HEADLINE_CHARS:
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# A capitalised word after a word of its sentence (Tim Cook, by Bernstein).
_CAPITALISED_INSIDE = re.compile(r"[A-Za-z0-9,)][ \t]+([A-Z][A-Za-z'’-]*)")


class _InsideCache:
    """How often the one text being read capitalises each word inside a sentence
    (the text is held, so that its id cannot be another text's); one pass per text."""

    text: str | None = None
    counts: Counter[str] = Counter()


def _capitalised_inside(text: str, word: str, line: tuple[int, int] | None = None) -> bool:
    """Whether ``text`` capitalises ``word`` after a word of a sentence, outside ``line``."""
    if _InsideCache.text is not text:
        _InsideCache.text = text
        _InsideCache.counts = Counter(m.group(1) for m in _CAPITALISED_INSIDE.finditer(text))
    total = _InsideCache.counts[word]
    if line is not None and total:
        total -= sum(m.group(1) == word for m in
                     _CAPITALISED_INSIDE.finditer(text, line[0], line[1]))
    return total > 0


def english_names(text: str, start: int, end: int) -> list[Name]:
    """Names and roles in text[start:end], English: capitalised runs split at roles."""
    rules = name_rules()
    found: list[Name] = []
    not_last = rules.en_not_names | rules.en_name_joiners  # once, not once a name
    for match in _EN_NAME_RUN.finditer(text[start:end]):
        # "- Efficient Training: the process...", "Key metrics:": a label that opens
        # a line names a topic of the text, not a company or a person.
        at, after = start + match.start(), text[start + match.end() : start + match.end() + 1]
        # "Unprecedented Cost Efficiency" alone on its line: a heading.
        if after in (":", "\n", "") and _LINE_OPENING.search(text, max(0, at - 8), at) and \
                (after == ":" or " " in match.group(0)):
            continue
        words = [(m.start() + match.start(), m.end() + match.start(), m.group(0))
                 for m in _NON_SPACE.finditer(match.group(0))]
        # Drop sentence openers and other capitalised non-names at either end (not
        # the first word of a role: Chief Financial Officer Amy Hood); a lone verb or
        # adverb that opens a clause (Founded in 2023, Released...) is capitalised
        # for its place, not because it names anything.
        while words and words[0][2].lower().rstrip(".,") in rules.en_not_names and \
                not rules.en_role_words(_role_keys(words), 0):
            words.pop(0)
        if len(words) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:ed|ing|ly)", words[0][2]):
            words = []
        words = _trim_common_words(text, start, words)
        trailing = len(words)
        while words and words[-1][2].lower().rstrip(".,") in not_last:
            words.pop()
        if len(words) < trailing:  # Current AI revenues: Current alone opens the sentence
            words = _trim_common_words(text, start, words)
        words = [w for w in words
                 if not _is_ticker(text, start + w[0], start + w[1])]
        # Senior Vice President Jane Doe: a role of several words is one role.
        keys = _role_keys(words)
        run: list[tuple[int, int, str]] = []
        index = 0
        while index <= len(words):
            length = rules.en_role_words(keys, index) if index < len(words) else 0
            if index < len(words) and not length:
                run.append(words[index])
                index += 1
                continue
            if run:
                first, last = run[0][0], run[-1][1]
                if text[start + last - 1] in ".,":
                    last -= 1
                if text[start + last - 2 : start + last] in ("'s", "’s"):
                    last -= 2  # AMD's $9B: the possessive is not part of the name
                if last - first >= 2:
                    kind = english_name_kind(
                        [_bare(w[2]) for w in run], rules)
                    found.append(Name(start + first, start + last, kind))
            run = []
            if length:
                role = words[index : index + length]
                found.append(Name(start + role[0][0], start + role[-1][1], "role"))
            index += max(length, 1)
    return found


def _role_keys(words: list[tuple[int, int, str]]) -> list[str]:
    """The words of a capitalised run as roles are listed (lower case, no plural s)."""
    return [word[2].lower().rstrip(".,'s") for word in words]
