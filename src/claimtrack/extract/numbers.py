"""Reading the value of a written number: Arabic digits, Chinese numerals, English words.

Pure functions over already folded text (full-width digits made ASCII,
traditional characters made simplified). Each returns the value and the step it
is stated to (its precision): 558万 is 5,580,000 to the nearest 10,000.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from functools import lru_cache


def arabic_value(digits: str) -> tuple[float, float]:
    """arabic_value("2,430") == (2430.0, 10.0); arabic_value("5.58") == (5.58, 0.01)."""
    plain = digits.replace(",", "")
    number = Decimal(plain)
    if "." in plain:
        decimals = len(plain.split(".", 1)[1])
        return float(number), 10.0**-decimals
    return float(number), step_of_integer(int(number))


def step_of_integer(value: int) -> float:
    """The place of the last non-zero digit: step_of_integer(5580000) == 10000.0.

    Numbers below 100 are taken as stated to the unit (20 is 20, not "about 20"
    to the nearest ten); from 100 on, trailing zeros are read as rounding
    (6000亿 is stated to the nearest 1000亿).
    """
    if value < 100:
        return 1.0
    step = 1
    while value % (step * 10) == 0:
        step *= 10
    return float(step)


def chinese_value(text: str, digits: dict[str, int], units: dict[str, int],
                  scales: dict[str, int]) -> float | None:
    """chinese_value("五千五百八十万") == 55800000.0; None when it is not one number.

    Reads 十五 (a leading 十), 一万零五百 (零 as a placeholder), 两千, financial
    numerals (壹仟贰佰), elided units (一千六 = 1600, 一万三 = 13000), 兆 (10^12, as
    Taiwan writes trillion) and digit strings without units (二〇二五 → 2025). Two
    neighbouring digits (两三, 三四十) are a vague pair, read as a range elsewhere
    (see pair_range), never as one number.
    """
    if not text:
        return None
    if all(char in digits for char in text):
        if len(text) == 1:
            return float(digits[text])
        # 一二, 三四: neighbouring numerals are a vague pair (一两年), not a number,
        # unless the string is long enough to be a digit-by-digit year or id.
        if len(text) < 3:
            return None
        return float("".join(str(digits[char]) for char in text))
    if any(digits.get(a) and digits.get(b) for a, b in zip(text, text[1:], strict=False)):
        return None  # two digits in a row (三四十): a vague pair, not one number
    large = tuple(sorted(((w, v) for w, v in scales.items() if len(w) == 1 and v >= 10_000),
                         key=lambda item: -item[1]))
    value = _sectioned_value(text, large, frozenset(digits))
    return None if value is None else float(value)


def _sectioned_value(text: str, large: tuple[tuple[str, int], ...],
                     digit_chars: frozenset[str]) -> int | None:
    """A numeral split at its largest scale character (兆, 亿, 万), each section read alone.

    cn2an reads a section below 万 but knows no 兆 and rejects 一千六亿, so the
    scales are handled here: 四十九兆九千五百九十二亿 = 49 × 10^12 + 9592 × 10^8.
    A lone digit after a scale is an elided unit one place down (一万三 = 13000),
    unless 零 stands between them (一万零三 = 10003).
    """
    for scale_char, scale in large:
        head, found, tail = text.partition(scale_char)
        if not found:
            continue
        head_value = _sectioned_value(head, large, digit_chars) if head else 1
        if head_value is None:
            return None
        tail_value = 0
        if len(tail) == 1 and tail in digit_chars:
            tail_value = _section_value(tail) * scale // 10
        elif tail:
            tail_value = _sectioned_value(tail.lstrip("零〇"), large, digit_chars) \
                if tail.lstrip("零〇") else 0
            if tail_value is None or tail_value >= scale:
                return None
        return head_value * scale + tail_value
    return _section_value(text)


@lru_cache(maxsize=4096)
def _section_value(text: str) -> int | None:
    """A numeral below 万 read by cn2an (一千六 = 1600, 壹仟贰佰 = 1200); None if it is not one.

    cn2an is imported here, on the first Chinese numeral that needs it, so that
    commands that extract nothing start without it; results are cached, since
    news repeats the same few numerals.
    """
    import cn2an

    if text[0] in "百千佰仟":
        text = "一" + text  # 千分之五, 百万: cn2an reads a bare 十 but not a bare 百 or 千
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    if not isinstance(value, int) or value < 0:
        return None
    return value


def pair_range(pair: str, digits: dict[str, int]) -> tuple[float, float] | None:
    """Two neighbouring digits as a range: pair_range("两三", ...) == (2.0, 3.0); None if
    they are not consecutive (一五一十, 三三两两)."""
    low, high = digits.get(pair[0]), digits.get(pair[1])
    if low is None or high is None or high != low + 1:
        return None
    return float(low), float(high)


def tenths_value(first: str, rest: str, digits: dict[str, int]) -> float | None:
    """A percent in tenths and what follows: tenths_value("三", "半", ...) == 35.0 (三成半);
    tenths_value("七", "六", ...) == 76.0 (七成六)."""
    tens = int(first) if first.isdigit() else digits.get(first)
    ones = 5 if rest == "半" else digits.get(rest)
    if tens is None or ones is None:
        return None
    return float(tens * 10 + ones)


def discount_value(written: str, digits: dict[str, int], words: dict[str, float]) -> float | None:
    """A price as a percent of the full price: 八五折 → 85.0, 八折 → 80.0, 8.5折 → 85.0,
    对折 → 50.0 (``written`` is the part before 折, or a whole word of ``words``)."""
    if written in words:
        return float(words[written])
    if written[0].isdigit():
        return float(Decimal(written) * 10)
    values = [digits.get(char) for char in written]
    if None in values or not values[0]:
        return None
    return float(values[0] * 10 + (values[1] if len(values) > 1 else 0))


def mixed_value(text: str, units: dict[str, int],
                scales: dict[str, int]) -> tuple[float | None, float | None]:
    """Arabic numbers between Chinese scales: mixed_value("3万5千", ...) == (35000.0, 1000.0)."""
    import re

    total = 0.0
    section = 0.0
    step = None
    for number, unit in re.findall(r"([\d,.]+)([万亿兆千百十]?)", text.replace("零", "")):
        amount = float(number.replace(",", ""))
        if unit in scales and scales[unit] >= 10_000:
            scale = scales[unit]
            section += amount
            total = (total + section) * scale if total and total < scale else total + \
                section * scale
            section = 0.0
            step = scale
        elif unit in units:
            section += amount * units[unit]
            step = units[unit]
        else:
            section += amount
            step = 1
    value = total + section
    decimals = re.search(r"\.(\d+)", text)
    if decimals and step:
        step = step * 10.0 ** -len(decimals.group(1))
    return value, float(step or 1)


def english_value(words: list[str], numerals: dict[str, int], units: dict[str, int],
                  scales: dict[str, int]) -> float | None:
    """english_value(["twenty", "five", "million"]) == 25000000.0; None if not a number."""
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word == "and":
            continue
        if word in numerals:
            current += numerals[word]
            seen = True
        elif word in units:
            current = (current or 1) * units[word]
            seen = True
        elif word in scales:
            total += (current or 1) * scales[word]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def decimal_places(value: float) -> int:
    """How many decimals a step has: decimal_places(0.01) == 2."""
    if value >= 1:
        return 0
    return max(0, -math.floor(math.log10(value) + 1e-9))


def clean(value: float, step: float | None = None) -> float:
    """A float without binary noise: clean(5.58 * 1000000) == 5580000.0."""
    try:
        rounded = Decimal(repr(value)).quantize(Decimal(10) ** -12)
    except InvalidOperation:
        return value
    result = float(rounded)
    if step is not None and step >= 1:
        result = float(round(result))
    return float(f"{result:.15g}")
