"""Reading the value of a written number: Arabic digits, Chinese numerals, English words.

Pure functions over already folded text (full-width digits made ASCII,
traditional characters made simplified). Each returns the value and the step it
is stated to (its precision): 558万 is 5,580,000 to the nearest 10,000.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation


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

    Handles 十五 (a leading 十), 一万零五百 (零 as a placeholder), 两千, and
    digit strings without units (二〇二五 → 2025). Large scales (万, 亿, 万亿)
    multiply everything before them in their section.
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
    total = 0  # finished sections (above the last 万/亿)
    section = 0  # the current section below the last large scale
    number = None  # the digit waiting for its unit
    last_unit = None
    index = 0
    while index < len(text):
        char = text[index]
        two = text[index : index + 2]
        if char in digits:
            if digits[char] == 0:  # 零 holds an empty place: 一万零五百
                number = None
                last_unit = None
                index += 1
                continue
            if number is not None:
                return None  # two digits in a row (三四十): not one number
            number = digits[char]
            index += 1
            continue
        if char in units:
            unit = units[char]
            if last_unit is not None and unit >= last_unit:
                return None  # 十百: units must fall
            section += (1 if number is None else number) * unit
            number, last_unit = None, unit
            index += 1
            continue
        scale_word = two if two in scales and two not in units else char
        if scale_word in scales and scales[scale_word] >= 10_000:
            scale = scales[scale_word]
            section += number or 0
            if section == 0:
                section = 1
            if total and total < scale:
                total = (total + section) * scale
            else:
                total += section * scale
            section, number, last_unit = 0, None, None
            index += len(scale_word)
            continue
        return None
    return float(total + section + (number or 0))


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
