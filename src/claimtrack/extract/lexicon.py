"""The extractor's language data (lang/zh.yaml, en.yaml, units.yaml), validated and compiled.

Everything here is built once per process (``lexicon()`` is cached): the YAML is
read and checked with pydantic (unknown keys are errors that name the file),
the word lists become regular expressions (longest word first, as a trie so a
list of hundreds of words stays fast), and the taxonomy's aliases become one
matcher for entities and one for topics.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from claimtrack.errors import DataFileError
from claimtrack.lang.hanzi import _translation
from claimtrack.marshal_cache import remembered

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
LANGUAGE_FILES = {"zh": "zh.yaml", "en": "en.yaml"}
UNITS_FILE = "units.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QualifierWords(_Strict):
    words: list[str]
    qualifier: Literal["approx", "upper_bound", "lower_bound"]
    side: Literal["both", "below", "above"] = "both"


class QualifierLists(_Strict):
    prefix: list[QualifierWords] = []
    word_endings: list[str] = []
    copulas: list[str] = []
    suffix: list[QualifierWords] = []
    vague_after_unit: list[str] = []


class Directions(_Strict):
    increase: list[str]
    decrease: list[str]


class DiscountWords(_Strict):
    word: str
    words: dict[str, float] = {}
    not_after: list[str] = []
    not_before: list[str] = []


class LanguageData(_Strict):
    """One language file; the keys are explained in zh.yaml's header."""

    word_spacing: bool
    numerals: dict[str, int]
    numeral_units: dict[str, int]
    scales: dict[str, int]
    digit_scales: dict[str, int] = {}
    qualifiers: QualifierLists
    vague_suffix: list[str]
    vague_numbers: dict[str, tuple[float, float]]
    range_joiners: list[str]
    percent_prefix: str | None
    decimal_point: str | None = None
    tenths: str | None = None
    discount: DiscountWords | None = None
    idioms: list[str] = []
    words_ending_in_one: list[str] = []
    fraction_infix: str | None
    ordinal_prefix: str | None
    ordinal_suffix: list[str] = []
    rank_verbs: list[str] = []
    directions: Directions
    attribution: list[str]
    generic_sources: list[str]
    honorifics: list[str] = []
    event_words: list[str]
    history_words: list[str] = []
    agent_events: list[str] = []
    period_anaphora: list[str]
    period_anaphora_not_before: list[str] = []
    future_markers: list[str]
    forecast_markers: list[str]
    comparison_words: list[str]
    comparison_not_before: list[str] = []
    comparison_not_after: list[str] = []
    share_of_whole_before: str = ""
    share_of_whole_after: str = ""
    event_noun_suffixes: list[str]
    money_verbs: list[str]
    money_links: list[str] = []
    money_nouns_after: list[str] = []
    duration_not_length: list[str]
    duration_length_markers: list[str]
    duration_length_before: list[str]
    indefinite_determiners: list[str]
    anaphoric_sources: list[str]
    body_words: list[str] = []
    subject_anaphora: list[str] = []
    personal_pronouns: list[str] = []
    share_of_verbs: list[str] = []
    restatement_markers: list[str] = []
    personal_pronoun_not_before: list[str] = []
    first_person_pronouns: list[str] = []
    first_person_not_before: list[str] = []
    first_person_openers: list[str] = []
    first_person_plural: list[str] = []
    first_person_possessive: list[str] = []
    age_time_words: list[str] = []
    possessive_pronouns: list[str] = []
    valuation_verbs: list[str] = []
    fronted_openers: list[str] = []
    example_frame: str = ""
    group_frame: str = ""
    format_names: str = ""
    dateline: str = ""
    aside_openers: list[str] = []
    adverb_directions: list[str] = []
    adverb_direction_verbs: list[str] = []
    body_pronouns: list[str] = []
    directions_touching: dict[Literal["increase", "decrease"], list[str]] = {}
    change_nouns_after: dict[str, list[str]] = {}
    conditional_markers: list[str] = []
    commentary_openers: list[str] = []
    release_part_openers: list[str] = []
    narration_openers: list[str] = []
    basis_before: list[str] = []
    basis_after: list[str] = []
    object_markers: list[str] = []
    name_stop_chars: str
    ordinal_not_rank: list[str]
    ranking_words: list[str] = []
    dates: list[str]
    sentence_end: str
    clause_end: str
    comparison_markers: list[str]
    level_markers: list[str]
    from_markers: list[str] = []
    respectively_words: list[str] = []
    publication_verbs: list[str] = []
    report_endings: list[str] = []
    kind_words: list[str] = []
    demonstratives: list[str] = []
    third_party_markers: list[str] = []
    founding_objects: list[str] = []
    naming_words: list[str] = []
    body_voices: list[str] = []
    since_words: list[str] = []
    start_words: list[str] = []
    fiscal_words: list[str] = []
    change_bases: dict[str, str] = {}
    rate_bases: dict[str, str] = {}
    rate_bases_after: dict[str, str] = {}
    rate_not_before: list[str] = []
    to_markers: dict[str, str] = {}
    duration_prepositions: list[str]
    month_names: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative_days: dict[str, int] = {}
    quarter_words: dict[str, int] = {}
    year_parts: dict[str, list[int]] = {}
    fractions: dict[str, float] = {}
    multiples: dict[str, float] = {}
    ordinals: dict[str, int] = {}


class CurrencyWords(_Strict):
    prefix: list[str] = []
    suffix: list[str] = []


class UnitWords(_Strict):
    kind: Literal["percent", "count", "duration", "quantity", "ratio"]
    unit: str
    words: list[str]
    factor: float = 1.0
    context: list[str] = []


class UnitsData(_Strict):
    currencies: dict[str, CurrencyWords]
    local_currency_words: list[str] = []
    colloquial_currency_words: list[str] = []
    local_currencies: dict[str, str] = {}
    outlet_currencies: dict[str, list[str]] = {}
    ambiguous_symbols: dict[str, dict[str, str]]
    default_topics: dict[str, str] = {}
    unit_topics: dict[str, str] = {}
    change_default_topics: dict[str, str] = {}
    change_default_context: list[str] = []
    change_default_measures: list[str] = []
    units: list[UnitWords]


def _load(path: Path, model: type[_Strict]) -> _Strict:
    import yaml

    from claimtrack import yamltext

    try:
        data = yamltext.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(data)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError(path, f"malformed YAML: {getattr(error, 'problem', error)}",
                            line=mark.line + 1 if mark else None) from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise DataFileError(path, f"{where}: {first['msg']}") from None


# --- Folding: one text the rules match, as long as the original ---------------


@cache
def fold_table() -> dict[int, int]:
    """Full-width ASCII to ASCII, ideographic space to space, traditional to simplified,
    and the Kangxi radicals, CJK radicals and compatibility ideographs that stand in
    for ordinary characters in real text (养⽼⾦: ⽼ U+2F7C is 老) to those characters.

    Every mapping is one character to one character, so offsets into the folded
    text are offsets into the original.
    """
    import unicodedata

    table = dict(_translation())
    for start, end in ((0x2E80, 0x2EF4), (0x2F00, 0x2FD6), (0xF900, 0xFADA)):
        for code in range(start, end):
            plain = unicodedata.normalize("NFKC", chr(code))
            if len(plain) == 1 and plain != chr(code):
                table[code] = table.get(ord(plain), ord(plain))
    for code in range(0xFF01, 0xFF5F):
        table[code] = code - 0xFEE0
    table[0x3000] = 0x20
    table[0x00A0] = 0x20
    for dash in "\u2010\u2011\u2012\u2212":
        table[ord(dash)] = ord("-")
    return table


@cache
def _fold_sequence() -> list[int]:
    """fold_table as a list indexed by code point: str.translate looks a list up about
    2.5 times faster than a dict (measured on the seeds); code points past its end
    raise IndexError, which translate reads as "unchanged"."""
    table = fold_table()
    return [table.get(code, code) for code in range(max(table) + 1)]


def fold(text: str) -> str:
    """fold("２４３０萬") == "2430万"; len(fold(text)) == len(text)."""
    return text.translate(_fold_sequence())


_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters only, so offsets hold (str.lower can change lengths).

    In UTF-8 the bytes of A-Z stand for those letters alone (every byte of another
    character is 0x80 or above), so translating the encoded bytes lowers exactly
    them: about four times faster on the development corpus than a regular
    expression over the runs of capitals (URLs hold many), and far faster than
    str.translate with a table. surrogatepass keeps a lone surrogate as it was.
    """
    if text.isascii():
        return text.lower()
    return text.encode("utf-8", "surrogatepass").translate(_ASCII_LOWER).decode(
        "utf-8", "surrogatepass")


# --- Word lists as regular expressions ---------------------------------------


def word_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` (lowercased), longest first, as a trie.

    A trie keeps a list of hundreds of words fast: the engine tries one branch
    per character instead of every word at every position. The pattern is kept
    across processes while the grammar is built (marshal_cache.remembering).
    """
    lowered = sorted({w.lower() for w in words if w})
    return remembered("word_pattern", "\n".join(lowered), lambda: _trie_pattern(lowered))


def _trie_pattern(words: list[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    depths: dict[int, int] = {}

    def depth(node: dict) -> int:
        if id(node) not in depths:
            depths[id(node)] = max((1 + depth(child) for key, child in node.items() if key),
                                   default=0)
        return depths[id(node)]

    def emit(node: dict) -> str:
        branches = []
        for char in sorted((c for c in node if c), key=lambda c: -depth(node[c])):
            piece = r"[ \t]+" if char == " " else re.escape(char)
            branches.append(piece + emit(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(trie) or "(?!)"


def latin_bounded(words: Iterable[str]) -> str:
    """word_pattern with word boundaries around the words written in Latin letters.

    So "bn" is not found inside "bnb" nor "won" inside "wonder"; Chinese words,
    written without spaces, get none.
    """
    words = list(words)
    latin = [w for w in words if re.search(r"[A-Za-z]", w)]
    other = [w for w in words if not re.search(r"[A-Za-z]", w)]
    parts = []
    if latin:
        parts.append(r"(?<![A-Za-z])" + word_pattern(latin) + r"(?![A-Za-z])")
    if other:
        parts.append(word_pattern(other))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


@dataclass(frozen=True)
class Lexicon:
    """Both languages' data and the units, merged where the engine matches them together."""

    zh: LanguageData
    en: LanguageData
    units: UnitsData

    def languages(self) -> tuple[LanguageData, LanguageData]:
        return (self.zh, self.en)


@cache
def lexicon() -> Lexicon:
    """The language data, read and validated once per process."""
    zh = _load(LANG_DIR / LANGUAGE_FILES["zh"], LanguageData)
    en = _load(LANG_DIR / LANGUAGE_FILES["en"], LanguageData)
    units = _load(LANG_DIR / UNITS_FILE, UnitsData)
    return Lexicon(zh=zh, en=en, units=units)  # type: ignore[arg-type]
