"""Which claims speak of the same fact, and what each pair's verdict is.

Two claims are compared when they share the subject, the topic, the kind of
statement (level, change, share, comparison, forecast) and a comparable unit
(the same unit; money in two currencies only through a dated rate, shown), and
their periods overlap or one is unstated. A subject that the entity data
declares part of another (DeepSeek-V3 of DeepSeek) is not merged: such pairs
form separate groups with the verdict possibly_same_fact, and say what the
verdict would be if they were the same fact.

Pure: takes claims (objects with the StoredClaim fields), the part-of links and
the rate table; returns groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel, computed_field

from claimtrack.crosscheck.intervals import DEFAULT_TOLERANCE
from claimtrack.crosscheck.rates import RateTable
from claimtrack.crosscheck.verdicts import Verdict, verdict_for, worst
from claimtrack.schemas import parse_published, period_label


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
    and has_conflict included) as they do for claims.
    """

    subject: str
    topic: str
    statement: str
    unit: str
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
        return self.verdict in ("conflict", "scale_slip")


def conflicting_claim_ids(groups: Iterable[Group]) -> set[int]:
    """Ids of the claims in a conflicting or scale-slipped pair of a firm group."""
    return {claim_id for group in groups if not group.related for pair in group.pairs
            if pair.verdict in ("conflict", "scale_slip") for claim_id in (pair.a, pair.b)}


def claim_period(claim) -> str | None:
    return period_label(claim.period_start, claim.period_end, claim.period_precision)


def crosscheck(claims: Iterable, *, parents: dict[str, str | None] | None = None,
               rates: RateTable | None = None,
               tolerance: float = DEFAULT_TOLERANCE) -> list[Group]:
    """Every group of claims that may speak of one fact, firm groups first.

    Claims without a subject or topic, and rejected claims, are left out. Within
    a group, claims keep the order they are given in.
    """
    buckets: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if not claim.subject or not claim.topic or claim.status == "rejected":
            continue
        key = bucket_key(claim.topic, claim.statement, claim.kind, claim.unit)
        buckets[key][claim.subject].append(claim)
    return crosscheck_buckets(buckets.items(), parents=parents, rates=rates,
                              tolerance=tolerance)


def bucket_key(topic: str, statement: str, kind: str, unit: str | None) -> tuple:
    """What claims must share to be compared at all: topic, statement and unit class."""
    unit_class = "money" if kind == "money" and unit else (unit or "")
    return (topic, statement, unit_class)


def crosscheck_buckets(buckets: Iterable[tuple[tuple, dict[str, list]]], *,
                       parents: dict[str, str | None] | None = None,
                       rates: RateTable | None = None, tolerance: float = DEFAULT_TOLERANCE,
                       keep: Callable[[Group], bool] | None = None) -> list[Group]:
    """The groups of claims already sorted into buckets (bucket_key → subject → claims).

    Buckets may come in any order, each once and whole, and may be streamed:
    each is judged and let go before the next is read, and only the groups that
    ``keep`` accepts (default: all) are held. The result is in the order of
    crosscheck(): firm groups by bucket and subject, then the possibly-same-fact
    groups.

    Cost: every pair within a group is judged (and listed), so the time grows
    with the sum of the squares of the group sizes (plus one pass over the
    claims); memory with the largest bucket and the groups kept. A group is one
    subject's claims on one topic, statement and unit, so it stays as small as
    the number of sources reporting one fact, however large the database.
    """
    parents = parents or {}
    rates = rates or RateTable([])
    judged: list[tuple[tuple, list[Group], list[Group]]] = []
    for key, by_subject in buckets:
        firm, related = _bucket_groups(key, by_subject, parents, rates, tolerance)
        if keep is not None:
            firm = [group for group in firm if keep(group)]
            related = [group for group in related if keep(group)]
        if firm or related:
            judged.append((key, firm, related))
    judged.sort(key=lambda item: item[0])
    return [group for _, firm, _ in judged for group in firm] + \
        [group for _, _, related in judged for group in related]


def _bucket_groups(key: tuple, by_subject: dict[str, list], parents: dict[str, str | None],
                   rates: RateTable, tolerance: float) -> tuple[list[Group], list[Group]]:
    """The firm and the possibly-same-fact groups of one bucket."""
    topic, statement, unit_class = key
    names: dict[int, str] = {}

    def describe(claim) -> str:  # each claim is named in many pairs: name it once
        name = names.get(id(claim))
        if name is None:
            name = names[id(claim)] = _describe(claim)
        return name

    groups: list[Group] = []
    related_groups: list[Group] = []
    for subject, members in sorted(by_subject.items()):
        if len(members) < 2:
            continue
        group = Group.model_construct(subject=subject, topic=topic, statement=statement,
                                      unit=_unit(members, unit_class), claims=list(members),
                                      pairs=[], related=False)
        group.pairs = [pair for index, a in enumerate(members) for b in members[index + 1 :]
                       if not _repeated(a, b, pair := _pair(a, b, rates, tolerance, describe))]
        if group.pairs:
            groups.append(group)
    for whole, part in _related_subjects(by_subject, parents):
        members = by_subject[whole] + by_subject[part]
        group = Group.model_construct(subject=f"{part} / {whole}", topic=topic,
                                      statement=statement, unit=_unit(members, unit_class),
                                      claims=members, pairs=[], related=True)
        seen: set[tuple] = set()
        for a in by_subject[part]:
            for b in by_subject[whole]:
                would = _pair(a, b, rates, tolerance, describe)
                # One article repeating a figure is one source, not two.
                key_ab = (_source_key(a), _source_key(b))
                if would.verdict == "not_compared" or key_ab in seen:
                    continue
                seen.add(key_ab)
                group.pairs.append(_made_pair(
                    a.id, b.id, "possibly_same_fact",
                    f"{part} is part of {whole}: possibly the same fact; if it is, "
                    f"{would.verdict}: {would.reason}", would.gap, would.rate))
        if group.pairs:
            related_groups.append(group)
    return groups, related_groups


def _source_key(claim) -> tuple:
    article = getattr(claim, "article", None)
    return (getattr(article, "id", None), claim.surface, claim.value)


def _repeated(a, b, pair: Pair) -> bool:
    """Whether a pair is one article stating one figure twice (a caption, a summary)."""
    same_article = getattr(getattr(a, "article", None), "id", None) is not None and \
        a.article.id == b.article.id
    return same_article and pair.verdict == "same"


def _unit(members: list, unit_class: str) -> str:
    units = sorted({claim.unit for claim in members if claim.unit})
    return "/".join(units) if unit_class == "money" else unit_class


def _related_subjects(by_subject: dict[str, list], parents: dict[str, str | None]):
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


def _pair(a, b, rates: RateTable, tolerance: float, describe=None) -> Pair:
    if not _periods_compatible(a, b):
        return _made_pair(a.id, b.id, "not_compared",
                          f"different periods: {claim_period(a)} and {claim_period(b)}")
    factor, rate = 1.0, None
    if a.kind == "money" and a.unit != b.unit:
        conversion = rates.convert(b.unit, a.unit, reference_date(a) or reference_date(b))
        if conversion is None:
            return _made_pair(a.id, b.id, "not_compared",
                              f"no exchange rate between {b.unit} and {a.unit} in data/rates.yaml")
        factor, rate = conversion.factor, conversion.label
    verdict: Verdict = verdict_for(a, b, tolerance=tolerance, factor=factor, rate=rate,
                                   describe=describe or _describe)
    return _made_pair(a.id, b.id, verdict.verdict, verdict.reason, verdict.gap, verdict.rate)


def _made_pair(a: int, b: int, verdict: str, reason: str, gap: float = 0.0,
               rate: str | None = None) -> Pair:
    """A Pair from values the cross-check computed itself: nothing to validate, and a
    million-claim database makes hundreds of thousands of them."""
    return Pair.model_construct(a=a, b=b, verdict=verdict, reason=reason, gap=gap, rate=rate)


def _periods_compatible(a, b) -> bool:
    if a.kind == "date" or b.kind == "date":
        return True  # a date is the fact itself, compared by the date verdicts
    if a.period_start is None or b.period_start is None:
        return True
    return a.period_start <= b.period_end and b.period_start <= a.period_end


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
    return f"{claim.surface} ({source})"
