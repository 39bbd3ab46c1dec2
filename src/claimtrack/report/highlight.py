"""An article's text cut into plain runs and claim spans, for highlighting: ``segments(...)``.

Pure: takes the stored text, where its body starts, and claims with ``start``,
``end`` and ``surface`` (half-open spans into the text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """A run of the article's text; ``claim`` is set when the run is a claim's span."""

    text: str
    claim: object | None = None


def segments(text: str, body_start: int, claims: Iterable) -> tuple[list[Segment], list]:
    """The body as segments, and the claims not highlighted in it.

    A claim is highlighted where its span lies in the body and reads its
    surface; one that overlaps a span already highlighted (a figure inside a
    range) is not nested but returned with the others left out, so the page can
    still list it.

    >>> from types import SimpleNamespace as C
    >>> parts, left = segments("成本558万美元。", 0, [C(start=2, end=8, surface="558万美元")])
    >>> [(p.text, p.claim is not None) for p in parts]
    [('成本', False), ('558万美元', True), ('。', False)]
    """
    parts: list[Segment] = []
    left_out = []
    position = body_start
    for claim in sorted(claims, key=lambda c: (c.start, -c.end, c.id if hasattr(c, "id") else 0)):
        if claim.start < position or claim.end > len(text) or \
                text[claim.start:claim.end] != claim.surface:
            left_out.append(claim)
            continue
        if claim.start > position:
            parts.append(Segment(text[position:claim.start]))
        parts.append(Segment(claim.surface, claim))
        position = claim.end
    if position < len(text):
        parts.append(Segment(text[position:]))
    return parts, left_out
