"""What the figure rules read: text with markup blanked and broken lines joined, length kept.

Scraped and Markdown text puts emphasis and tags inside a figure and its
qualifier (不到**6亿元**, <b>约</b>3成) and breaks lines inside a range (15-20⏎个月),
after a comma, or anywhere in a long paragraph (a soft wrap: 韩国⏎29.67%).
Both are replaced character for character (by spaces), so every offset into
the reading text is an offset into the original and a claim's span still quotes
the original exactly; the rules then read through the spaces as they read
through any space between a number and its unit.
"""

from __future__ import annotations

import re

# Markdown emphasis (**, *, __, ~~) and whole HTML tags, attributes included, so that
# neither an image's alt text nor a link's address is read as a figure. A bare URL
# is matched first and kept whole (?__biz=...): the rule that excludes URLs needs it
# unbroken.
MARKUP = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"'（）()，。]+)"
    r"|\*{1,3}|_{2,3}|~~|</?[a-z][a-z0-9]*(?:\s[^<>\n]{0,500})?/?>", re.I)


def blank_markup(text: str) -> str:
    """blank_markup("不到**6亿元**") == "不到  6亿元  "; the length never changes."""
    if "*" not in text and "_" not in text and "<" not in text and "~" not in text:
        return text  # most news has none: no pass over the text at all
    return MARKUP.sub(_blank, text)


def _blank(found: re.Match) -> str:
    return found.group() if found.group("url") else " " * len(found.group())


def broken_line_pattern(unit_starts: str) -> re.Pattern:
    """A line break inside a figure: after a digit (or a digit and a range joiner), before
    a unit's first character or a lowercase word (15-20⏎个月, 15-20⏎months); and a
    line break right after a comma, which ends no sentence (根据X的调查数据，⏎在14-35岁
    的青年人群中，71.5%…: one sentence, its source and its figure).

    The pattern starts with the newline itself, so the regex engine jumps from one
    newline to the next instead of trying a look-behind at every character.
    """
    after_digit = r"(?:(?<=\d\n)|(?<=\d \n)|(?<=\d  \n))"
    return re.compile(
        rf"\n(?:{after_digit}(?=[ \t]*(?:[{re.escape(unit_starts)}]|[a-z]))"
        rf"|(?<=\d[-–~至到]\n)(?=[ \t]*\d)"
        r"|(?<=[，,、]\n)|(?<=[，,、] \n))"
    )


# A line break between two characters of running text (…美国 38.17%，韩国⏎29.67%，…;
# 机票加火车票才⏎200多元; revenue⏎rose 5%): a soft wrap inside a paragraph, when the
# line before is long (a capital after the break may open a new line: not joined).
_SOFT_WRAP = re.compile(r"(?<=[\u4e00-\u9fff0-9A-Za-z])\n(?=[\u4e00-\u9fff0-9a-z])")
# A line shorter than this ending without punctuation is a title or a label, not a
# paragraph wrapped in the middle of a sentence.
_WRAPPED_LINE_CHARS = 20


def join_broken_lines(text: str, pattern: re.Pattern) -> str:
    """The line breaks ``pattern`` finds (inside figures, after a comma) and the soft
    wraps inside paragraphs made spaces; the length never changes. A heading (#) is
    never joined to the line after it."""
    if "\n" not in text:
        return text
    text = pattern.sub(" ", text)
    wraps = [match.start() for match in _SOFT_WRAP.finditer(text)
             if _wrapped(text, match.start())]
    if not wraps:
        return text
    chars = list(text)
    for at in wraps:
        chars[at] = " "
    return "".join(chars)


def _wrapped(text: str, newline: int) -> bool:
    line = text[text.rfind("\n", 0, newline) + 1 : newline].lstrip()
    return len(line) >= _WRAPPED_LINE_CHARS and not line.startswith("#")
