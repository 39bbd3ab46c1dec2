"""Claim extraction: text in, normalised quantitative claims out (pure; no database, no rich).

>>> from claimtrack.extract import extract_claims
>>> [c.surface for c in extract_claims("训练费用仅为558万美元")]   # doctest: +SKIP
['558万美元']
"""

from __future__ import annotations

from datetime import date

from claimtrack.schemas import Claim

__all__ = ["Claim", "extract_claims", "warm_up"]


def warm_up() -> None:
    """Load what extraction reads once per process (the grammar, jieba's dictionary and
    word tags), so that processes forked afterwards share it instead of loading it."""
    from claimtrack.extract.grammar import grammar
    from claimtrack.extract.names import warm_up as warm_up_names

    grammar()
    warm_up_names()


def extract_claims(
    text: str,
    lang: str | None = None,
    published: date | None = None,
    author: str | None = None,
    published_precision: str = "day",
    currency: str | None = None,
) -> list[Claim]:
    """Every quantitative claim in ``text``, in text order.

    ``lang`` is "zh-Hans", "zh-Hant" or "en" (detected when None); ``published``
    resolves relative dates (今年, last month); ``author`` is the speaker of
    figures the text attributes to nobody. ``published_precision`` ("day",
    "month", "year") says how much of ``published`` is known: a weekday or 昨天
    resolves only against a known day. A YAML front matter block at the start of
    the text is skipped; offsets index ``text`` as given.

    A bare 元 is the article's own currency: ``currency`` (an ISO 4217 code, as a
    sidecar's ``currency:`` gives it) when given, else the one of ``lang``'s region
    (zh-Hant-TW → TWD, zh-Hant-HK → HKD, zh-Hans → CNY; none for zh-Hant alone).
    Its claims keep unit_text 元, so a reader sees the currency was inferred.
    """
    from claimtrack.extract.engine import extract
    from claimtrack.extract.locale import reading_locale

    lang, local_currency = reading_locale(lang, currency)
    if lang is None and local_currency is None:
        from claimtrack.lang.hanzi import detect_language

        lang = detect_language(text) or "en"
        _, local_currency = reading_locale(lang)
    return extract(text, lang=lang, published=published, author=author,
                   published_precision=published_precision, currency=local_currency)
