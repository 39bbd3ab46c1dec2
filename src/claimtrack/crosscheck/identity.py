"""Fact identity: when two claims can state the same fact at all (issue 12).

On real articles most figures that look alike are different facts: two
companies written in two scripts, a ranking on two charts, January's price and
February's, the two ends of one article's "from 3,200 to 2,900". Two claims
state the same fact only when

- their subjects fold to one key (``alias_key``: script and case), and a claim
  without a subject states no fact that can be checked;
- their topics are one, or, for a claim with no topic, their measures (as the
  text words them: 股价, 市值) fold to one key; and neither measures only a part
  (联合投资, 追加投资, follow-on funding: a qualifier of lang/facts.yaml before the
  measure) where the other measures the whole;
- their scopes fold to one key when either states one (第一 on 美国App Store免费榜
  is not 第一 on 福布斯富豪榜, nor a first place said of no list), and a place in a
  ranking states no fact at all without its list (a film's third place and a
  country's first place as a source of students are not one ranking);
- they make one kind of statement (a from→to claim is a change, but one that
  states its date is the level it reached that day) in one class of unit, and
  are stated per the same unit of time if at all (2,055 births a day is not a
  year's 758,631);
- their periods agree at the precision each states: one contains the other (2025
  holds 2025-01; 2025-01 and 2025-02 are two facts). For an "as of" topic
  (``as_of: true`` in topics.yaml: a share price, a market value, a ranking), a
  level with no stated period is the level on its article's date;
- and they come from two articles: cross-checking is across sources, and one
  article's figures (a from→to pair, a list, "respectively") are not its
  sources disagreeing with each other.

Pure: works on any objects with the claim fields; an ``article`` with ``id`` and
``published`` (a date label) when the claim has one.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from claimtrack.lang.facts import fact_rules, rank_domains, record_pattern
from claimtrack.lang.hanzi import alias_key
from claimtrack.periods import parse_period, period_label


@lru_cache(maxsize=65536)
def folded(name: str) -> str:
    """A name as facts compare it: folded(" 輝達 ") == folded("辉达")."""
    return alias_key(name)


def subject_key(claim) -> str | None:
    """The folded subject, or None for a claim about no named subject. A subject
    that only repeats the measure (人数 of 人数达到300人) names none, nor does one the
    extractor inferred from the article (schemas.Claim.subject_inferred)."""
    if not claim.subject or getattr(claim, "subject_inferred", False):
        return None
    key = folded(claim.subject)
    return None if repeats_measure(key, getattr(claim, "measure", None)) else key


def repeats_measure(subject_key: str | None, measure: str | None) -> bool:
    """Whether a folded subject only repeats the claim's measure (人数 of 人数达到300人)."""
    return bool(measure) and folded(measure) == subject_key


def measure_key(claim) -> tuple[str, str] | None:
    """What the figure measures: ("topic", key), else ("measure", folded words), else None.

    A date's measure is its event word (出版, 爆发, 签署): with no topic of
    data/topics.yaml to say which event, a journal's issues and a war's outbreaks
    recur, so such dates state no fact to compare."""
    if claim.topic:
        return ("topic", claim.topic)
    if claim.kind == "date":
        return None
    measure = getattr(claim, "measure", None)
    if measure:
        # 年龄 and age: the measure a unit implies, in either language, is one measure.
        if measure in _unit_measures().get(getattr(claim, "unit", None), ()):
            return ("measure", "unit:" + claim.unit)
        return ("measure", folded(measure))
    return None


@lru_cache(maxsize=1)
def _unit_measures() -> dict[str, frozenset[str]]:
    """The measures lang/measures.yaml says a unit implies (age: 年龄, age), by unit."""
    from claimtrack.lang import read_rules

    data = read_rules("measures.yaml", None)
    found: dict[str, set[str]] = {}
    for key in ("by_unit", "en_by_unit"):
        for unit, word in data[key].items():
            found.setdefault(unit, set()).add(str(word))
    return {unit: frozenset(words) for unit, words in found.items()}


def measures_differ(a, b) -> bool:
    """Whether two claims word what they measure differently in one script (出生人口
    and 老年人口; 总票房 and 票房收入). Of a country or a city, a topic gathers many
    facts (population counts births, the old, the single); of a company, topic
    words in two languages or two phrasings usually name one fact, so this is
    asked of places only."""
    first, second = getattr(a, "measure", None), getattr(b, "measure", None)
    if not first or not second:
        return False
    first, second = folded(first), folded(second)
    han = [any("\u4e00" <= char <= "\u9fff" for char in text) for text in (first, second)]
    return han[0] == han[1] and first != second


@lru_cache(maxsize=1)
def _part_qualifiers() -> tuple[str, ...]:
    return tuple(folded(str(word)) for word in fact_rules()["part_qualifiers"])


def measure_part_of(a, b) -> bool:
    """Whether the claims measure a part and something else: a measure worded after a
    qualifier of lang/facts.yaml (联合投资, 追加投资, follow-on funding) is a part,
    never the same fact as a measure without that qualifier (投资, or none worded)."""
    qualifiers = [_part_qualifier(getattr(claim, "measure", None)) for claim in (a, b)]
    return qualifiers[0] != qualifiers[1]


def _part_qualifier(measure: str | None) -> str | None:
    """The part qualifier a measure opens with (追加 of 追加投资), or None."""
    if not measure:
        return None
    key = folded(measure)
    for word in _part_qualifiers():
        if key.startswith(word) and key[len(word):].strip():
            return word
    return None


def statement_of(claim) -> str:
    """The kind of statement: a claim with a value before (from→to) is a change; a dated
    one (fell from $142.62 to $118.51 by the end of Jan. 27) states the level reached
    on its date, the same fact as "closed at $118.51 on Jan. 27"."""
    if getattr(claim, "from_value", None) is None:
        return claim.statement
    return "change" if _undated_from_to(claim) else "level"


def _undated_from_to(claim) -> bool:
    return getattr(claim, "from_value", None) is not None and not claim.period_start


def is_record(claim) -> bool:
    """Whether a figure is a record (its scope says so: on record, 史上最大)."""
    scope = getattr(claim, "scope", None)
    return bool(scope) and claim.unit != "rank" and \
        record_pattern().search(folded(scope)) is not None


def scope_key(claim) -> str:
    """The folded scope ("" for none: only claims of no stated scope share it). A
    record's is "" too: the biggest drop on record is the same fact as that drop
    stated without the word."""
    scope = getattr(claim, "scope", None)
    if not scope or is_record(claim):
        return ""
    key = folded(scope)
    # 全国第一, 世界第三: the whole a rank is counted in names no list (GDP or population?)
    return "" if claim.unit == "rank" and key in rank_domains() else key


# Lengths of time in days, to compare "approximately 4 days" with "80 hours" (a
# month and a year at their mean lengths).
DURATION_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0,
                 "week": 7.0, "month": 30.44, "year": 365.25}


def unit_class(kind: str, unit: str | None) -> str:
    """Money in any currency is one class (compared through a shown rate), and so are
    lengths of time in any unit (converted exactly); else the unit."""
    if kind == "money" and unit:
        return "money"
    if kind == "duration" and unit in DURATION_DAYS:
        return "duration"
    return unit or ""


# The labels the extractor gives a figure stated per unit of time (rate_bases in
# lang/*.yaml, kept in a claim's base): 每天新增50万 is never the fact of a total.
RATE_BASES = frozenset(("per hour", "per day", "per week", "per month", "per year"))


def rate_of(claim) -> str:
    """The unit of time a figure is stated per ("per day"), or "" for a level or a total."""
    base = getattr(claim, "base", None)
    return base if base in RATE_BASES else ""


def fact_key(claim) -> tuple | None:
    """What claims must share to be compared, but for the subject and the period:
    (measure key, statement, unit class, scope key, from→to, rate); None when nothing
    says what the figure measures, or for a place in a ranking that names no list.

    A from→to claim's value is the level after the change, not the amount of a
    change (蒸发300亿): it is compared with other from→to claims only.
    """
    measured = measure_key(claim)
    if measured is None:
        return None
    if claim.unit == "rank" and not scope_key(claim):
        return None  # 排名第三, ranked first: a place on no stated list states no fact
    from_to = _undated_from_to(claim)
    return (measured, statement_of(claim), unit_class(claim.kind, claim.unit), scope_key(claim),
            from_to, rate_of(claim))


def article_id(claim) -> int | None:
    return getattr(getattr(claim, "article", None), "id", None)


def same_source(a, b) -> bool:
    """Whether two claims come from one article, or from one sentence that two articles
    print (a repost, a quoted paragraph): never compared with each other."""
    first = article_id(a)
    if first is not None and first == article_id(b):
        return True
    sentence = getattr(a, "sentence", None)
    return bool(sentence) and sentence == getattr(b, "sentence", None) and \
        a.surface != b.surface


# A figure of a time-varying topic that states no period, in an article with no
# date: nothing says when it held, so it is compared with nothing.
UNPLACED = (date.min, date.min, "unplaced")

# News reports what happened in the days before it: a figure of a time-varying
# topic with no stated period is read as describing the month up to its article's date.
NEWS_WINDOW = timedelta(days=31)


def period_of(claim, as_of: bool) -> tuple[date, date, str] | None:
    """(start, end, precision) of the period a figure refers to, or None if unstated.

    For an "as of" topic (its figures change over time: a share price, a revenue, a
    ranking), a figure with no stated period describes the month up to its article's
    publication date (precision "news"); two such figures a month apart are two
    facts, two of the same month may be one. With no publication date either, it is
    UNPLACED.
    """
    if claim.period_start is not None and claim.period_end is not None:
        return claim.period_start, claim.period_end, claim.period_precision
    if not as_of:
        return None
    published = getattr(getattr(claim, "article", None), "published", None)
    if not published:
        return UNPLACED
    try:
        start, end, _ = parse_period(published)
    except ValueError:
        return UNPLACED
    return start - NEWS_WINDOW, end, "news"


def period_text(period: tuple[date, date, str] | None) -> str:
    if period is None:
        return "no period"
    if period[2] == "news":
        return f"reported by {period[1].isoformat()}"
    return period_label(*period)


def periods_agree(first: tuple | None, second: tuple | None) -> bool:
    """Whether two periods can be one fact's: either unstated, or one contains the other."""
    if first is None or second is None:
        return True
    if "news" in (first[2], second[2]):  # a news window: it only has to meet the other
        return first[0] <= second[1] and second[0] <= first[1]
    if _years_span(first) or _years_span(second):
        # 从2013年到2019年亏损70多亿元 against 2019年…407亿元: a figure over several
        # years is a total of its own, one fact only with a figure over the same years
        return first[0] == second[0] and first[1] == second[1]
    return (first[0] <= second[0] and second[1] <= first[1]) or \
        (second[0] <= first[0] and first[1] <= second[1])


def _years_span(period: tuple) -> bool:
    """Whether a period runs over more than one year (2013-2019, the 1990s)."""
    return period[2] == "year" and period[1].year > period[0].year
