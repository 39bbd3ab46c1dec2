"""Chinese script helpers: Traditional→Simplified folding, lookup keys, language detection.

The data files beside this module are generated once and committed (see their
headers): ``hanzi_t2s.tsv`` (OpenCC's character table) and ``common_hanzi.txt``
(the most frequent characters in both scripts). Nothing here needs the network.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

T2S_TABLE = Path(__file__).with_name("hanzi_t2s.tsv")
COMMON_HANZI = Path(__file__).with_name("common_hanzi.txt")

# detect_language reads at most this many characters from the start, and this
# many more from the middle, so a 50 MB article costs what a 30 KB one does.
SAMPLE_HEAD = 20_000
SAMPLE_MIDDLE = 10_000
# A text is Chinese when ideographs make up this share of its letters, or
# number at least this many (English articles quote a few Chinese names).
MIN_HANZI_SHARE = 0.2
MIN_HANZI_COUNT = 30

# Whitespace, underscores and hyphens (ASCII, U+2010 and the non-breaking U+2011)
# all separate words in a name: "Training_Cost" and "training cost" are one key.
_SEPARATORS = re.compile(r"[\s_\-\u2010\u2011]+")


def _is_hanzi(char: str) -> bool:
    """Whether a character is a CJK ideograph (unified, extensions or compatibility)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def _is_latin_letter(char: str) -> bool:
    """Whether a character is a letter of the Latin script (ASCII or accented)."""
    return char.isalpha() and (char.isascii() or "LATIN" in unicodedata.name(char, ""))


@cache
def _t2s_pairs() -> dict[str, str]:
    """The Traditional→Simplified character table, read once: {"國": "国", ...}."""
    pairs: dict[str, str] = {}
    for line in T2S_TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            pairs[traditional] = simplified
    return pairs


@cache
def _translation() -> dict[int, int]:
    return {ord(traditional): ord(simplified) for traditional, simplified in _t2s_pairs().items()}


@cache
def _script_only_characters() -> tuple[frozenset[str], frozenset[str]]:
    """(Traditional-only, Simplified-only) characters: the evidence for telling scripts apart."""
    pairs = _t2s_pairs()
    traditional, simplified = frozenset(pairs), frozenset(pairs.values())
    return traditional - simplified, simplified - traditional


@cache
def common_hanzi() -> frozenset[str]:
    """The ~1500 most frequent characters in both scripts: "的" in common_hanzi()."""
    text = COMMON_HANZI.read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset("".join("".join(line.split()) for line in lines))


def to_simplified(text: str) -> str:
    """Fold Traditional to Simplified: to_simplified("輝達訓練成本") == "辉达训练成本"."""
    return text.translate(_translation())


def alias_key(text: str) -> str:
    """The key names are matched by in any script or case: "Training_Cost" → "training cost"."""
    folded = to_simplified(unicodedata.normalize("NFKC", text)).casefold()
    return _SEPARATORS.sub(" ", folded).strip()


def _sample(text: str) -> str:
    """The start of a text plus a stretch from its middle: what detect_language reads."""
    if len(text) <= SAMPLE_HEAD + SAMPLE_MIDDLE:
        return text
    middle = len(text) // 2
    return text[:SAMPLE_HEAD] + text[middle : middle + SAMPLE_MIDDLE]


def detect_language(text: str) -> str | None:
    """The language and script of a text: detect_language("訓練成本很高") == "zh-Hant".

    Returns "zh-Hans", "zh-Hant", "en", or None when the text has no letters or
    they are mostly of some other script. Reads only a bounded sample (the first
    20,000 characters and 10,000 from the middle), so it is fast on any size.
    Chinese: ideographs are at least 20% of the letters or number 30 or more;
    then Traditional when Traditional-only characters outnumber Simplified-only
    ones, Simplified otherwise (ties and no evidence included).
    """
    counts = Counter(_sample(text))
    letters = hanzi = latin = 0
    for char, count in counts.items():
        if not char.isalpha():
            continue
        letters += count
        if _is_hanzi(char):
            hanzi += count
        elif _is_latin_letter(char):
            latin += count
    if letters == 0:
        return None
    if hanzi >= MIN_HANZI_COUNT or hanzi >= MIN_HANZI_SHARE * letters:
        traditional_only, simplified_only = _script_only_characters()
        traditional = sum(counts[char] for char in traditional_only.intersection(counts))
        simplified = sum(counts[char] for char in simplified_only.intersection(counts))
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    if latin > letters / 2:
        return "en"
    return None
