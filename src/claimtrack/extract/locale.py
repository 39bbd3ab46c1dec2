"""An article's locale: the language the rules read and the currency a bare 元 means.

zh-Hant-TW news writes 元 for New Taiwan dollars, zh-Hant-HK news for Hong Kong
dollars, mainland news for renminbi (lang/units.yaml, local_currencies). A
currency stated in the article's metadata (a sidecar's ``currency:``) wins, then
the region of its language tag, then its outlet (outlet_currencies).
"""

from __future__ import annotations

import re

from claimtrack.errors import MetadataError

_REGION = re.compile(r"^(?P<base>.+?)[-_](?P<region>[A-Za-z]{2})$")


def reading_locale(tag: str | None, currency: str | None = None) -> tuple[str | None, str | None]:
    """reading_locale("zh-Hant-TW") == ("zh-Hant", "TWD"); reading_locale("en") == ("en", None).

    The first value is the language as claimtrack stores it (zh-Hans, zh-Hant, en),
    the second the currency of a bare 元 (None when the locale does not say).
    """
    from claimtrack.extract.lexicon import lexicon
    from claimtrack.schemas import normalise_language

    local = lexicon().units.local_currencies
    if currency is not None:
        currency = currency.strip().upper()
        if currency not in lexicon().units.currencies:
            raise MetadataError(f"unknown currency {currency!r}; use an ISO 4217 code "
                                "listed in lang/units.yaml (TWD, HKD, CNY, ...)")
    if tag is None:
        return None, currency
    try:
        language, region = _language_and_region(tag, normalise_language)
    except ValueError:
        return tag, currency  # a tag claimtrack does not know: read as given
    if currency is None:
        currency = local.get(f"{language}-{region}") if region else None
        currency = currency or local.get(language)
    return language, currency


def _language_and_region(tag: str, normalise) -> tuple[str, str | None]:
    """("zh-TW") -> ("zh-Hant", "TW"); ("zh-Hant") -> ("zh-Hant", None)."""
    found = _REGION.match(tag.strip())
    region = found.group("region").upper() if found else None
    try:
        language = normalise(tag)
    except ValueError:
        if found is None:
            raise
        language = normalise(found.group("base"))  # zh-Hans-SG: the script decides
    if region is None or language == "en":
        return language, None
    return language, region


def outlet_currency(outlet: str | None) -> str | None:
    """The currency of a bare 元 in an outlet's news: outlet_currency("聯合報") == "TWD"."""
    if not outlet:
        return None
    from claimtrack.extract.lexicon import ascii_lower, fold, lexicon

    written = ascii_lower(fold(outlet))
    for code, outlets in lexicon().units.outlet_currencies.items():
        if any(ascii_lower(fold(name)) in written for name in outlets):
            return code
    return None
