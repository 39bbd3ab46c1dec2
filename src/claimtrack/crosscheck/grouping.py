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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from claimtrack.crosscheck.intervals import DEFAULT_TOLERANCE
from claimtrack.crosscheck.rates import RateTable
from claimtrack.crosscheck.verdicts import Verdict, verdict_for, worst
from claimtrack.schemas import parse_published, period_label


@dataclass
class Pair:
    """The verdict on two claims of a group (ids), with its reason."""

    a: int
    b: int
    verdict: str
    reason: str
    gap: float = 0.0
    rate: str | None = None


@dataclass
class Group:
    """Claims that may speak of one fact, and the verdict on each pair."""

    subject: str
    topic: str
    statement: str
    unit: str
    claims: list = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    related: bool = False  # a possibly_same_fact group (subjects part of one another)

    @property
    def verdict(self) -> str:
        if self.related:
            return "possibly_same_fact"
        compared = [pair.verdict for pair in self.pairs if pair.verdict != "not_compared"]
        return worst(compared) if compared else "not_compared"

    @property
    def period(self) -> str | None:
        labels = sorted({label for claim in self.claims if (label := claim_period(claim))})
        return ", ".join(labels) or None

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

    Claims without a subject or topic, and rejected claims, are left out.
    """
    parents = parents or {}
    rates = rates or RateTable([])
    buckets: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if not claim.subject or not claim.topic or claim.status == "rejected":
            continue
        unit_class = "money" if claim.kind == "money" and claim.unit else (claim.unit or "")
        buckets[(claim.topic, claim.statement, unit_class)][claim.subject].append(claim)
    groups: list[Group] = []
    related_groups: list[Group] = []
    for (topic, statement, unit_class), by_subject in sorted(buckets.items()):
        for subject, members in sorted(by_subject.items()):
            if len(members) < 2:
                continue
            group = Group(subject, topic, statement, _unit(members, unit_class), list(members))
            group.pairs = [pair for index, a in enumerate(members) for b in members[index + 1 :]
                           if not _repeated(a, b, pair := _pair(a, b, rates, tolerance))]
            if group.pairs:
                groups.append(group)
        for whole, part in _related_subjects(by_subject, parents):
            members = by_subject[whole] + by_subject[part]
            group = Group(f"{part} / {whole}", topic, statement, _unit(members, unit_class),
                          members, related=True)
            seen: set[tuple] = set()
            for a in by_subject[part]:
                for b in by_subject[whole]:
                    would = _pair(a, b, rates, tolerance)
                    # One article repeating a figure is one source, not two.
                    key = (_source_key(a), _source_key(b))
                    if would.verdict == "not_compared" or key in seen:
                        continue
                    seen.add(key)
                    group.pairs.append(Pair(
                        a.id, b.id, "possibly_same_fact",
                        f"{part} is part of {whole}: possibly the same fact; if it is, "
                        f"{would.verdict}: {would.reason}", would.gap, would.rate))
            if group.pairs:
                related_groups.append(group)
    return groups + related_groups


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


def _pair(a, b, rates: RateTable, tolerance: float) -> Pair:
    if not _periods_compatible(a, b):
        return Pair(a.id, b.id, "not_compared",
                    f"different periods: {claim_period(a)} and {claim_period(b)}")
    factor, rate = 1.0, None
    if a.kind == "money" and a.unit != b.unit:
        conversion = rates.convert(b.unit, a.unit, reference_date(a) or reference_date(b))
        if conversion is None:
            return Pair(a.id, b.id, "not_compared",
                        f"no exchange rate between {b.unit} and {a.unit} in data/rates.yaml")
        factor, rate = conversion.factor, conversion.label
    verdict: Verdict = verdict_for(a, b, tolerance=tolerance, factor=factor, rate=rate,
                                   describe=_describe)
    return Pair(a.id, b.id, verdict.verdict, verdict.reason, verdict.gap, verdict.rate)


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
