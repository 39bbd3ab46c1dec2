"""Which claims speak of the same fact, and what each pair's verdict is.

Claims are grouped by fact identity (claimtrack.crosscheck.identity): the same
subject (folded: any script, any case), topic (else measure as written), scope,
kind of statement and class of unit; within a group every pair of claims from
two different articles is judged, when their periods agree at the precision
each states (money in two currencies only through a dated rate, shown). A
subject that the entity data declares part of another (DeepSeek-V3 of
DeepSeek) is not merged: such pairs form separate groups with the verdict
possibly_same_fact, and say what the verdict would be if they were the same
fact.

Pure: takes claims (objects with the StoredClaim fields), the part-of links,
the rate table and the "as of" topics; returns groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel, computed_field

from claimtrack.crosscheck.identity import (
    DURATION_DAYS,
    UNPLACED,
    fact_key,
    folded,
    is_record,
    measure_part_of,
    measures_differ,
    period_of,
    period_text,
    periods_agree,
    same_source,
    subject_key,
)
from claimtrack.crosscheck.intervals import DEFAULT_TOLERANCE, Interval, interval_of
from claimtrack.crosscheck.rates import RateTable
from claimtrack.crosscheck.verdicts import AGREEING, CONFLICTING, Verdict, verdict_for, worst
from claimtrack.lang.facts import many_valued_topics, recurring_events
from claimtrack.lang.hanzi import alias_keys
from claimtrack.periods import parse_published, period_label


class Pair(BaseModel):
    """The verdict on two claims of a group (ids), with its reason."""

    a: int
    b: int
    verdict: str
    reason: str
    gap: float = 0.0
    rate: str | None = None


class Group(BaseModel):
    """Claims that may speak of one fact, and the verdict on each pair.

    A pydantic model, so that Python users get ``model_dump()`` (verdict, period
    and has_conflict included) as they do for claims. ``topic`` is the topic's
    key, or for claims with no topic the measure as the first of them words it.
    """

    subject: str
    topic: str
    statement: str
    unit: str
    scope: str | None = None
    claims: list[Any] = []  # StoredClaim, or any object with its fields
    pairs: list[Pair] = []
    related: bool = False  # a possibly_same_fact group (subjects part of one another)

    @computed_field
    @property
    def verdict(self) -> str:
        if self.related:
            return "possibly_same_fact"
        compared = [pair.verdict for pair in self.pairs if pair.verdict != "not_compared"]
        return worst(compared) if compared else "not_compared"

    @computed_field
    @property
    def period(self) -> str | None:
        labels = sorted({label for claim in self.claims if (label := claim_period(claim))})
        return ", ".join(labels) or None

    @computed_field
    @property
    def has_conflict(self) -> bool:
        return self.verdict in CONFLICTING


def conflicting_claim_ids(groups: Iterable[Group]) -> set[int]:
    """Ids of the claims in a conflicting (or date-conflicting, scale-slipped) pair of a
    firm group."""
    return {claim_id for group in groups if not group.related for pair in group.pairs
            if pair.verdict in CONFLICTING for claim_id in (pair.a, pair.b)}


def claim_period(claim) -> str | None:
    return period_label(claim.period_start, claim.period_end, claim.period_precision)


def crosscheck(claims: Iterable, *, parents: dict[str, str | None] | None = None,
               rates: RateTable | None = None, tolerance: float = DEFAULT_TOLERANCE,
               as_of: Iterable[str] = (), places: Iterable[str] = (),
               reasons: bool = True) -> list[Group]:
    """Every group of claims that may speak of one fact, firm groups first.

    Claims without a subject, or with neither topic nor measure, and rejected
    claims, are left out. Within a group, claims keep the order they are given
    in. ``as_of`` names the topics whose figures change over time (their claims
    with no stated period take their article's month); ``places`` names the
    subjects that are places (countries, cities): their figures are one fact only
    when their measures are worded alike too. ``reasons=False`` leaves every pair's
    reason empty (what a comparison table needs: the verdicts alone).
    """
    buckets: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        subject = subject_key(claim)
        key = fact_key(claim)
        if subject is None or key is None or claim.status == "rejected":
            continue
        buckets[key][subject].append(claim)
    return crosscheck_buckets(buckets.items(), parents=parents, rates=rates,
                              tolerance=tolerance, as_of=as_of, places=places, reasons=reasons)


def folded_parents(parents: dict[str, str | None] | None) -> dict[str, str]:
    """The part-of links by folded name (folded part → folded whole), all folded at once."""
    links = [(part, whole) for part, whole in (parents or {}).items() if whole]
    keys = alias_keys([name for link in links for name in link])
    return dict(zip(keys[0::2], keys[1::2], strict=True))


def bucket_key(claim) -> tuple | None:
    """What claims must share to be compared at all, subject and period aside
    (identity.fact_key): topic or measure, statement, unit class, scope."""
    return fact_key(claim)


def crosscheck_buckets(buckets: Iterable[tuple[tuple, dict[str, list]]], *,
                       parents: dict[str, str | None] | None = None,
                       rates: RateTable | None = None, tolerance: float = DEFAULT_TOLERANCE,
                       keep: Callable[[Group], bool] | None = None,
                       as_of: Iterable[str] = (), places: Iterable[str] = (),
                       reasons: bool = True,
                       parent_keys: dict[str, str] | None = None,
                       chosen: Callable[[Group], bool] | None = None,
                       enough: Callable[[Pair], bool] | None = None) -> list[Group]:
    """The groups of claims already sorted into buckets (bucket_key → folded subject → claims).

    Buckets may come in any order, each once and whole, and may be streamed:
    each is judged and let go before the next is read, and only the groups that
    ``keep`` accepts (default: all) are held. The result is in the order of
    crosscheck(): firm groups by bucket and subject, then the possibly-same-fact
    groups.

    Cost: every pair within a group is judged, so the time grows with the sum
    of the squares of the group sizes (plus one pass over the claims); memory
    with the largest bucket and the groups kept. A group is one subject's claims
    on one topic, statement and unit, so it stays as small as the number of
    sources reporting one fact, however large the database. Pairs are judged
    without words first; only the groups ``keep`` accepts are judged again with
    their reasons (none at all with ``reasons=False``). ``parent_keys``:
    folded_parents(parents), when the caller has it already. ``chosen``: only the
    groups it accepts are judged at all (asked before any pair is), and judged once,
    with their reasons when ``reasons``: the groups a first pass without words kept
    (``keep`` is then not asked). ``enough``: a group's pairs are judged (without
    words) only up to the first pair it accepts, e.g. the first conflict, when that
    settles what ``keep`` needs to know; the groups kept then hold only those pairs.
    """
    if parent_keys is None:
        parent_keys = folded_parents(parents)
    rates = rates or RateTable([])
    as_of = frozenset(as_of)
    places = frozenset(folded(place) for place in places)
    judged: list[tuple[tuple, list[Group], list[Group]]] = []
    for key, by_subject in buckets:
        firm, related = _bucket_groups(key, by_subject, parent_keys, rates, tolerance, as_of,
                                       places, keep=keep, reasons=reasons, chosen=chosen,
                                       enough=enough)
        if firm or related:
            judged.append((key, firm, related))
    judged.sort(key=lambda item: item[0])
    return [group for _, firm, _ in judged for group in firm] + \
        [group for _, _, related in judged for group in related]


def _bucket_groups(key: tuple, by_subject: dict[str, list], parents: dict[str, str],
                   rates: RateTable, tolerance: float, as_of: frozenset[str],
                   places: frozenset[str] = frozenset(), *,
                   keep: Callable[[Group], bool] | None = None,
                   reasons: bool = True,
                   chosen: Callable[[Group], bool] | None = None,
                   enough: Callable[[Pair], bool] | None = None
                   ) -> tuple[list[Group], list[Group]]:
    """The firm and the possibly-same-fact groups of one bucket that ``keep`` accepts, the
    pairs of each worded when ``reasons``."""
    (what, name), statement, unit_class, *_ = key
    # A measure the taxonomy does not list (年龄, 人口) may change over time as
    # much as any: its figures are read like those of an as_of topic.
    on_a_day = (what == "topic" and name in as_of) or what == "measure"
    # A level of a measure no topic names may be a total over its period (34篇 in 2024,
    # 32篇 in July 2024): nothing says it holds at every moment of a longer one, so
    # periods stated at two precisions are two facts. (A topic's levels keep
    # containment: 2025 holds 2025-01, as issue 12 asks.)
    totals = statement in ("level", "share") and what == "measure"
    names: dict[int, str] = {}
    memo = _Memo()

    def describe(claim) -> str:  # each claim is named in many pairs: name it once
        found = names.get(id(claim))
        if found is None:
            found = names[id(claim)] = _describe(claim)
        return found

    def new_group(subject: str, members: list, related: bool) -> Group:
        first = members[0]
        topic = first.topic or first.measure
        return Group.model_construct(subject=subject, topic=topic, statement=statement,
                                     unit=_unit(members, unit_class),
                                     scope=getattr(first, "scope", None) or None,
                                     claims=list(members), pairs=[], related=related)

    def firm_pairs(members: list, broad, worded: bool) -> list[Pair]:
        if enough is not None and not worded:
            pairs = []
            for index, a in enumerate(members):
                for b in members[index + 1 :]:
                    pair = _pair(a, b, rates, tolerance, describe, on_a_day, broad, totals=totals,
                                 reasons=False, memo=memo)
                    if pair:
                        pairs.append(pair)
                        if enough(pair):
                            return pairs
            return pairs
        return [pair for index, a in enumerate(members) for b in members[index + 1 :]
                if (pair := _pair(a, b, rates, tolerance, describe, on_a_day, broad, totals=totals,
                                  reasons=worded, memo=memo))]

    def related_pairs(part: list, whole: list, part_name: str, whole_name: str,
                      worded: bool) -> list[Pair]:
        pairs, seen = [], set()
        for a in part:
            for b in whole:
                would = _pair(a, b, rates, tolerance, describe, on_a_day, totals=totals,
                              reasons=worded, memo=memo)
                # One article repeating a figure is one source, not two.
                key_ab = (_source_key(a), _source_key(b))
                if would is None or would.verdict == "not_compared" or key_ab in seen:
                    continue
                seen.add(key_ab)
                pairs.append(_made_pair(
                    a.id, b.id, "possibly_same_fact",
                    f"{part_name} is part of {whole_name}: possibly the same fact; if it is, "
                    f"{would.verdict}: {would.reason}" if worded else "", would.gap,
                    would.rate))
        return pairs

    def kept(group: Group, word) -> bool:
        """Whether ``keep`` accepts the group; if so, its pairs get their reasons."""
        if keep is not None and not keep(group):
            return False
        if reasons:
            group.pairs = word()
        return True

    groups: list[Group] = []
    related_groups: list[Group] = []
    for subject_folded, members in sorted(by_subject.items()):
        if len(members) < 2:
            continue
        if subject_folded in places and statement == "level" and unit_class == "" and \
                all(claim.kind == "date" for claim in members):
            continue  # China announced, the US released: a place's events are many
        group = new_group(members[0].subject, members, False)
        # Of a place, a figure is one fact with another only on a topic the
        # taxonomy names, and worded alike: a country has a thousand populations.
        broad = subject_folded in places and ("measure" if what == "measure" else "topic")
        if chosen is not None:
            if chosen(group):
                group.pairs = firm_pairs(members, broad, reasons)
                if group.pairs:
                    groups.append(group)
            continue
        group.pairs = firm_pairs(members, broad, False)
        if group.pairs and kept(group, lambda members=members, broad=broad:
                                firm_pairs(members, broad, True)):
            groups.append(group)
    for whole, part in _related_subjects(by_subject, parents):
        part_name, whole_name = by_subject[part][0].subject, by_subject[whole][0].subject
        group = new_group(f"{part_name} / {whole_name}", by_subject[whole] + by_subject[part],
                          True)
        arguments = (by_subject[part], by_subject[whole], part_name, whole_name)
        if chosen is not None:
            if chosen(group):
                group.pairs = related_pairs(*arguments, reasons)
                if group.pairs:
                    related_groups.append(group)
            continue
        group.pairs = related_pairs(*arguments, False)
        if group.pairs and kept(group, lambda arguments=arguments:
                                related_pairs(*arguments, True)):
            related_groups.append(group)
    return groups, related_groups


def _source_key(claim) -> tuple:
    article = getattr(claim, "article", None)
    return (getattr(article, "id", None), claim.surface, claim.value)


def _unit(members: list, unit_class: str) -> str:
    units = sorted({claim.unit for claim in members if claim.unit})
    return "/".join(units) if unit_class in ("money", "duration") else unit_class


def _related_subjects(by_subject: dict[str, list], parents: dict[str, str]):
    """(whole, part) for subjects of one bucket where part is (part of part of...) whole."""
    names = set(by_subject)
    for part in sorted(names):
        seen = set()
        whole = parents.get(part)
        while whole and whole not in seen:
            seen.add(whole)
            if whole in names:
                yield whole, part
            whole = parents.get(whole)


def _pair(a, b, rates: RateTable, tolerance: float, describe=None,
          on_a_day: bool = False, broad: str | bool = False, *, reasons: bool = True,
          memo: _Memo | None = None, totals: bool = False) -> Pair | None:
    """The verdict on two claims of one bucket and subject; None for two claims of one
    article, which are never compared (cross-checking is across sources). ``broad``:
    the subject is a place ("measure" for a bucket keyed by a measure the taxonomy
    lacks, "topic" for one keyed by a topic), whose figures are one fact only on a
    topic and when their measures are worded alike. ``reasons=False``: no reason.
    ``memo``: each claim's period and interval, worked out once for all its pairs.
    ``totals``: the claims may be totals over their periods, which then must be stated
    at one precision (a year's count is not a month's)."""
    if same_source(a, b):
        return None
    base_a, base_b = getattr(a, "base", None), getattr(b, "base", None)
    if base_a and base_b and folded(base_a) != folded(base_b):
        return _made_pair(a.id, b.id, "not_compared",
                          f"measured against different things: {base_a} and {base_b}"
                          if reasons else "")
    if broad == "measure":
        return _made_pair(a.id, b.id, "not_compared",
                          f"a place and a measure no topic names ({a.measure}): too broad "
                          "to tell one fact" if reasons else "")
    if broad and (not a.measure or not b.measure or measures_differ(a, b)):
        return _made_pair(a.id, b.id, "not_compared",
                          f"measures of one place worded differently or not at all: "
                          f"{a.measure or 'none'} and {b.measure or 'none'}" if reasons else "")
    if measure_part_of(a, b):
        return _made_pair(a.id, b.id, "not_compared",
                          f"a part and the whole: {a.measure or 'no measure'} and "
                          f"{b.measure or 'no measure'}"
                          if reasons else "")
    if a.kind != "date" and b.kind != "date":  # a date is the fact itself: always judged
        if memo is None:
            first, second = period_of(a, on_a_day), period_of(b, on_a_day)
        else:
            first, second = memo.period(a, on_a_day), memo.period(b, on_a_day)
        if on_a_day and UNPLACED in (first, second):
            return _made_pair(a.id, b.id, "not_compared",
                              "no period and no publication date: when the figure held is "
                              "unknown, and it changes over time")
        if totals and first is not None and second is not None and \
                "news" not in (first[2], second[2]) and first[2] != second[2]:
            return _made_pair(a.id, b.id, "not_compared",
                              f"totals over different periods: {period_text(first)} and "
                              f"{period_text(second)}" if reasons else "")
        if not periods_agree(first, second):
            record = _record_dated_apart(a, b, first, second, tolerance, reasons)
            if record is not None:
                return record
            if not reasons:
                return _made_pair(a.id, b.id, "not_compared", "")
            if on_a_day:
                return _made_pair(a.id, b.id, "not_compared",
                                  f"different dates: {period_text(first)} and "
                                  f"{period_text(second)} (a change over time, not a conflict)")
            return _made_pair(a.id, b.id, "not_compared",
                              f"different periods: {period_text(first)} and "
                              f"{period_text(second)}")
    factor, rate = 1.0, None
    if a.kind == "money" and a.unit != b.unit:
        conversion = rates.convert(b.unit, a.unit, reference_date(a) or reference_date(b))
        if conversion is None:
            return _made_pair(a.id, b.id, "not_compared",
                              f"no exchange rate between {b.unit} and {a.unit} in data/rates.yaml"
                              if reasons else "")
        factor, rate = conversion.factor, conversion.label
    elif a.kind == "duration" and a.unit != b.unit:
        factor = DURATION_DAYS[b.unit] / DURATION_DAYS[a.unit]  # 80 hours in days
    verdict: Verdict = verdict_for(a, b, tolerance=tolerance, factor=factor, rate=rate,
                                   describe=describe or _describe, reasons=reasons,
                                   interval=interval_of if memo is None else memo.interval)
    if verdict.verdict in ("conflict", "scale_slip") and a.topic in many_valued_topics():
        # 7nm and 5nm of Huawei: a chipmaker makes both; two figures, not one fact.
        return _made_pair(a.id, b.id, "not_compared",
                          f"a subject has many {a.topic.replace('_', ' ')}s at once: "
                          "two figures, not one fact stated twice" if reasons else "")
    topics, days = recurring_events()
    if verdict.verdict == "date_conflict" and a.topic in topics and verdict.gap > days:
        # 2011年1月 and 2013年 for 微信 (WeChat 1.0, WeChat Pay): two releases, not one.
        return _made_pair(a.id, b.id, "not_compared",
                          f"{verdict.gap:.0f} days apart: two {a.topic.replace('_', ' ')}s "
                          "of one subject, not one event dated twice" if reasons else "")
    return _made_pair(a.id, b.id, verdict.verdict, verdict.reason, verdict.gap, verdict.rate)


class _Memo:
    """Each claim's period and interval, worked out once: a claim is in many pairs, and
    its article's date is parsed, its wording searched for a bound word, each time.
    One memo serves one bucket (one ``on_a_day``) at one tolerance."""

    def __init__(self) -> None:
        self._periods: dict[int, Any] = {}
        self._intervals: dict[int, Interval] = {}
        self._held: list = []  # the claims, so that no id is reused while remembered

    def period(self, claim, on_a_day: bool):
        return self._remembered(self._periods, claim, lambda: period_of(claim, on_a_day))

    def interval(self, claim, tolerance: float) -> Interval:
        return self._remembered(self._intervals, claim, lambda: interval_of(claim, tolerance))

    def _remembered(self, store: dict, claim, work: Callable[[], Any]):
        try:
            return store[id(claim)]
        except KeyError:
            self._held.append(claim)
            found = store[id(claim)] = work()
            return found


def _record_dated_apart(a, b, first: tuple | None, second: tuple | None, tolerance: float,
                        reasons: bool) -> Pair | None:
    """Two records (is_record: the biggest one-day drop on record, 史上最大) of one
    subject and measure whose figures agree are one event: dated on two days, or in two
    months, they are a date_conflict with the days between, not two facts of two periods.
    None for anything else (a record quarter recurs: figures that differ are two)."""
    if not is_record(a) or not is_record(b) or first is None or \
            second is None or "news" in (first[2], second[2]) or \
            UNPLACED in (first, second) or a.kind != b.kind or a.unit != b.unit:
        return None
    if verdict_for(a, b, tolerance=tolerance, reasons=False).verdict not in AGREEING:
        return None
    days = (max(first[0], second[0]) - min(first[1], second[1])).days
    return _made_pair(a.id, b.id, "date_conflict",
                      f"one record ({a.surface} and {b.surface}) dated differently: "
                      f"{period_text(first)} and {period_text(second)}, "
                      f"{days} day{'' if days == 1 else 's'} apart" if reasons else "",
                      float(days))


def _made_pair(a: int, b: int, verdict: str, reason: str, gap: float = 0.0,
               rate: str | None = None) -> Pair:
    """A Pair from values the cross-check computed itself: nothing to validate, and a
    million-claim database makes hundreds of thousands of them."""
    return constructed(Pair, {"a": a, "b": b, "verdict": verdict, "reason": reason, "gap": gap,
                              "rate": rate})


def constructed(model: type[BaseModel], values: dict[str, Any]) -> Any:
    """``model.model_construct(**values)`` for values that give every field, without its
    per-field loop: about a tenth of the time, for the hundreds of thousands of pairs
    (and tens of thousands of rows) a large cross-check makes."""
    made = model.__new__(model)
    object.__setattr__(made, "__dict__", values)
    object.__setattr__(made, "__pydantic_fields_set__", set(values))
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made


def reference_date(claim) -> date | None:
    """The day a claim's money refers to: its period's end, else its article's date."""
    if claim.period_end is not None:
        return claim.period_end
    published = getattr(getattr(claim, "article", None), "published", None)
    if published:
        try:
            return parse_published(published)[0]
        except ValueError:
            return None
    return None


def _describe(claim) -> str:
    """558万美元 (002, 徐瑾, 2025-02): the figure as written and where it comes from."""
    article = getattr(claim, "article", None)
    if article is None:
        return claim.surface
    source = ", ".join(part for part in (article.outlet, claim.speaker or article.author,
                                         article.published) if part)
    return f"{claim.surface} ({source})" if source else claim.surface
