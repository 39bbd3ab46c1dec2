"""The words of lang/facts.yaml, read once: what the cross-check and the extractor
both read about facts (part qualifiers, record words)."""

from __future__ import annotations

import re
from functools import cache

from claimtrack.lang import read_rules
from claimtrack.lang.hanzi import alias_key


@cache
def fact_rules() -> dict:
    """lang/facts.yaml, read and checked once."""
    return read_rules("facts.yaml", {"part_qualifiers", "record_words", "record_not_before",
                                     "record_not_after", "rank_domains", "place_topics",
                                     "recurring_event_topics", "recurring_event_days",
                                     "many_valued_topics"})


@cache
def place_topics() -> frozenset[str]:
    """gdp, population…: the topics only a place has (facts.yaml)."""
    return frozenset(str(key) for key in fact_rules()["place_topics"])


@cache
def rank_domains() -> frozenset[str]:
    """全国, 全球, 行业…: the wholes a rank is counted in (facts.yaml), folded."""
    return frozenset(alias_key(str(w)) for w in fact_rules()["rank_domains"])


@cache
def record_pattern() -> re.Pattern:
    """Any word that makes a figure a record (创纪录, on record), in text folded as
    alias_key folds it (simplified script, lower case)."""
    words = sorted((alias_key(str(w)) for w in fact_rules()["record_words"]), key=len,
                   reverse=True)
    not_before = "|".join(map(re.escape, (str(w) for w in fact_rules()["record_not_before"])))
    # (?<!previous )(?<!上次): one fixed-width look-behind a word
    not_after = "".join(
        f"(?<!{re.escape(str(w))}{' ' if str(w).isascii() else ''})"
        for w in fact_rules()["record_not_after"])
    return re.compile(r"(?<![a-z])" + not_after + "(?:" + "|".join(map(re.escape, words))
                      + r")(?![a-z])" rf"(?!\s+(?:{not_before})(?![a-z]))")


@cache
def recurring_events() -> tuple[frozenset[str], int]:
    """(topics, days): the event dates a subject has many of, and how far apart two of
    them are two events (facts.yaml)."""
    rules = fact_rules()
    return (frozenset(str(key) for key in rules["recurring_event_topics"]),
            int(rules["recurring_event_days"]))


@cache
def many_valued_topics() -> frozenset[str]:
    """process_node…: what a subject has many of at once (facts.yaml): never a conflict."""
    return frozenset(str(key) for key in fact_rules()["many_valued_topics"])
