"""Chinese script helpers: Traditional→Simplified folding, lookup keys, language detection.

The data files beside this module are generated once and committed (see their
headers): ``hanzi_t2s.tsv`` (OpenCC's character table) and ``common_hanzi.txt``
(the most frequent characters in both scripts). Nothing here needs the network.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
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


def alias_keys(texts: Iterable[str]) -> list[str]:
    """``[alias_key(text) for text in texts]``, folded in one pass over them all.

    The texts are joined with NUL, which every step of alias_key leaves as it is
    and never joins to a neighbour (normalisation starts afresh at it; the rest
    goes character by character), so a million-claim database's 300,000 entity
    names fold in a few calls instead of 300,000. A text holding NUL itself is
    folded alone.
    """
    texts = list(texts)
    joined = "\0".join(texts)
    if joined.count("\0") != max(len(texts) - 1, 0):
        return [alias_key(text) for text in texts]
    folded = _SEPARATORS.sub(" ", to_simplified(unicodedata.normalize("NFKC", joined))
                             .casefold()).split("\0")
    if len(folded) != len(texts) or not texts:
        return [alias_key(text) for text in texts]
    return [text.strip() for text in folded]


def _sample(text: str) -> str:
    """The start of a text plus a stretch from its middle: what detect_language reads."""
    if len(text) <= SAMPLE_HEAD + SAMPLE_MIDDLE:
        return text
    middle = len(text) // 2
    return text[:SAMPLE_HEAD] + text[middle : middle + SAMPLE_MIDDLE]


def _class(characters) -> str:
    """A regular-expression class of exactly these characters, as ranges of code points."""
    points = sorted(map(ord, characters))
    parts, index = [], 0
    while index < len(points):
        first = last = points[index]
        while index + 1 < len(points) and points[index + 1] == last + 1:
            index += 1
            last = points[index]
        parts.append(re.escape(chr(first)) if first == last
                     else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
        index += 1
    return "[" + "".join(parts) + "]"


# Any character outside the Basic Multilingual Plane.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _counter(characters) -> Callable[[str, list[str]], int]:
    """A function that counts how many characters of a text are among these.

    It deletes every run of other characters and measures what is left (re tests
    a character against a class of Basic Multilingual Plane characters with a
    bitmap). Characters outside that plane (emoji, rare ideographs) would make re
    test the class range by range, which is slow; they are few in a text, and the
    function is given them, found once, to look up in a set.
    """
    characters = set(characters)
    others = re.compile("[^" + _class(c for c in characters if c <= "\uffff")[1:] + "+")
    astral_members = frozenset(c for c in characters if c > "\uffff")

    def count(text: str, astral: list[str]) -> int:
        found = len(others.sub("", text))
        if astral and astral_members:
            found += sum(1 for char in astral if char in astral_members)
        return found

    return count


@cache
def _fast_patterns() -> tuple[re.Pattern, Callable[[str, list[str]], int],
                              Callable[[str, list[str]], int]]:
    """A pattern that matches a text that begins with MIN_HANZI_COUNT ideographs
    that are letters (_is_hanzi and isalpha: what detect_language counts as hanzi),
    other characters around them; counters of Traditional-only and Simplified-only
    characters."""
    ranges = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
    hanzi = _class(chr(code) for first, last in ranges for code in range(first, last + 1)
                   if chr(code).isalpha())
    enough = re.compile(f"(?:[^{hanzi[1:]}*+{hanzi}){{{MIN_HANZI_COUNT}}}")
    traditional_only, simplified_only = _script_only_characters()
    return enough, _counter(traditional_only), _counter(simplified_only)


def detect_language(text: str) -> str | None:
    """The language and script of a text: detect_language("訓練成本很高") == "zh-Hant".

    Returns "zh-Hans", "zh-Hant", "en", or None when the text has no letters or
    they are mostly of some other script. Reads only a bounded sample (the first
    20,000 characters and 10,000 from the middle), so it is fast on any size.
    Chinese: ideographs are at least 20% of the letters or number 30 or more;
    then Traditional when Traditional-only characters outnumber Simplified-only
    ones, Simplified otherwise (ties and no evidence included).
    """
    sample = _sample(text)
    enough_hanzi, count_traditional, count_simplified = _fast_patterns()
    # The usual case, a Chinese text, without counting every character: when the
    # ideographs alone reach MIN_HANZI_COUNT, the other letters cannot change the
    # answer, and the script is two counts of the sample's characters.
    if enough_hanzi.match(sample):
        astral = _ASTRAL.findall(sample)
        traditional = count_traditional(sample, astral)
        simplified = count_simplified(sample, astral)
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    counts = Counter(sample)
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
