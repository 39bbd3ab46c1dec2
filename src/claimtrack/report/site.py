"""Write the report site: ``write_report("report", db="claimtrack.db")``.

Pages (every one self-contained: inline CSS, inline SVG, no script):
    index.html           topics and subjects with claim counts, sources, conflicts,
                         when the report was made and from which database
    topics/KEY.html      per topic: for each subject, kind of statement and period,
                         the interval chart and the comparison table
    conflicts.html       every group of claims about one fact, with each pair's reason
    articles/ID.html     an article's metadata and text, every claim highlighted
                         and linked to its topic page
    timeline.html        when each figure first appeared and who repeated it

Everything comes through claimtrack.api. The output is deterministic: the same
database gives the same bytes but for the one line on the index saying when the
report was made (``<p class="generated">``), which honours SOURCE_DATE_EPOCH
(reproducible builds) when it is set. Each read is its own transaction, so a
report made while another process ingests may count a claim on one page and
not on another; rerun it when the writer is done.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from claimtrack.report.html import render
from claimtrack.report.staging import staged_folder


@dataclass(frozen=True)
class ReportSummary:
    """What a report run wrote."""

    folder: Path
    pages: int
    topics: int
    articles: int
    conflicts: int


@dataclass
class Fact:
    """The claims of one topic about one subject, kind of statement and period."""

    title: str
    anchor: str
    records: list
    chart: object | None
    notes: list[str]
    no_chart: str = ""


def write_report(folder: str | Path, *, db=None, tolerance: float | None = None) -> ReportSummary:
    """Write the whole site into ``folder``, replacing an earlier report there, or nothing."""
    from claimtrack import api
    from claimtrack.config import describe_url
    from claimtrack.crosscheck import DEFAULT_TOLERANCE
    from claimtrack.crosscheck.grouping import conflicting_claim_ids
    from claimtrack.export.crosscheck import interval_text

    tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
    engine = api.open_database(db)
    source = describe_url(engine.url.render_as_string(hide_password=True))
    topics = [t for t in api.taxonomy_with_counts(topics=True, db=engine) if t["claims"]]
    subjects = [s for s in api.taxonomy_with_counts(topics=False, db=engine) if s["claims"]]
    # One query and one cross-check for the whole site (api.compare per topic would
    # cross-check every topic again): compare's groups depend only on the topic's claims.
    claims = api.find_claims(db=engine, sort="date")
    groups = api.cross_check(claims, db=engine, tolerance=tolerance)
    stored = api.articles(db=engine)
    topic_keys = {topic["key"] for topic in topics}
    conflicting = [group for group in groups if group.has_conflict]
    context = {"topic_keys": topic_keys}

    with staged_folder(Path(folder)) as stage:
        stage.write("index.html", render(
            "index.html", root="", topics=_with_conflicts(topics, conflicting),
            subjects=subjects, sources=_sources(stored, claims), claims=len(claims),
            articles=len(stored), conflicts=conflicting, generated=_generated(), source=source,
            **context))
        rates = api.exchange_rates()
        on_topic, groups_on_topic = defaultdict(list), defaultdict(list)
        for claim in claims:
            on_topic[claim.topic].append(claim)
        for group in groups:
            groups_on_topic[group.topic].append(group)
        for topic in topics:
            rows = api.comparison_rows(on_topic[topic["key"]], groups_on_topic[topic["key"]],
                                       tolerance=tolerance)
            stage.write(f"topics/{topic['key']}.html", render(
                "topic.html", root="../", topic=topic, claims=len(rows),
                facts=_facts(rows, rates, tolerance),
                conflicts=sum(1 for row in rows if row.conflicting), **context))
        stage.write("conflicts.html", render(
            "conflicts.html", root="", sections=_conflict_sections(groups),
            tolerance=tolerance, interval_text=interval_text, **context))
        by_article = defaultdict(list)
        for claim in claims:
            by_article[claim.article.id].append(claim)
        in_conflict = conflicting_claim_ids(groups)
        for item in api.article_texts(db=engine):
            stage.write(f"articles/{item.article.id}.html", _article_page(
                item, by_article[item.article.id], in_conflict, context))
        stage.write("timeline.html", _timeline_page(claims, context))
    return ReportSummary(Path(folder), stage.written, len(topics), len(stored), len(conflicting))


def _generated() -> str:
    """When the report is made: now, or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _with_conflicts(topics: list[dict], conflicting: list) -> list[dict]:
    counts: dict[str, int] = defaultdict(int)
    for group in conflicting:
        counts[group.topic] += 1
    return [{**topic, "conflicts": counts[topic["key"]]} for topic in topics]


def _sources(stored: list, claims: list) -> list[dict]:
    """Each outlet with its articles (each with its number of claims), by outlet name."""
    per_article: dict[int, int] = defaultdict(int)
    for claim in claims:
        per_article[claim.article.id] += 1
    outlets: dict[str, list] = defaultdict(list)
    for article in stored:
        outlets[article.outlet or ""].append((article, per_article[article.id]))
    return [{"outlet": outlet, "articles": items, "claims": sum(n for _, n in items)}
            for outlet, items in sorted(outlets.items(), key=lambda item: (not item[0], item[0]))]


def _facts(rows: list, rates, tolerance: float) -> list[Fact]:
    """The comparison rows cut into facts: api.compare's groups, all currencies together."""
    from claimtrack.export.crosscheck import compare_table_rows
    from claimtrack.report.chart import layout, marks_for

    by_group: dict[str, list] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    facts = []
    for index, (title, members) in enumerate(by_group.items(), start=1):
        fact = Fact(title, f"fact-{index}", compare_table_rows(members), None, [])
        if not members[0].claim.subject:
            fact.no_chart = "Claims about no named subject are not one fact: no chart."
        else:
            data = marks_for(members, rates=rates, tolerance=tolerance)
            fact.notes = data.notes
            fact.chart = layout(data, f"{title}: every source's figure and its interval")
            if fact.chart is None:
                fact.no_chart = "No figure here has a value to draw."
        facts.append(fact)
    return facts


# A group of hundreds of claims repeating a few figures has tens of thousands of pairs,
# more than anyone reads: the page lists this many that disagree and that agree, and
# says how many more there are (the JSON of `claimtrack conflicts --all` has them all).
PAIRS_SHOWN = {"disagreeing": 200, "agreeing": 20}


@dataclass
class GroupView:
    """A cross-check group as the conflicts page shows it: the pairs listed, and how many not."""

    group: object
    pairs: list
    more: int


def _conflict_sections(groups: list) -> list[tuple[str, str, list[GroupView]]]:
    """(heading, explanation, groups): conflicts, then possibly the same fact, then agreeing."""
    from claimtrack.crosscheck.verdicts import AGREEING

    def view(group) -> GroupView:
        listed, seen = [], {"disagreeing": 0, "agreeing": 0}
        for pair in group.pairs:
            kind = "agreeing" if pair.verdict in AGREEING else "disagreeing"
            seen[kind] += 1
            if seen[kind] <= PAIRS_SHOWN[kind]:
                listed.append(pair)
        return GroupView(group, listed, len(group.pairs) - len(listed))

    conflicts = [view(group) for group in groups if group.has_conflict]
    related = [view(group) for group in groups if group.related]
    agreeing = [view(group) for group in groups if not group.has_conflict and not group.related]
    return [
        ("Conflicts", "Figures for one fact that cannot both be right (or differ by a clean "
         "power of ten: a slip of scale?), and dates one event is given that do not agree "
         "(date_conflict). Figures of one article are never compared with each other.",
         conflicts),
        ("Possibly the same fact", "One subject is part of the other (DeepSeek-V3 of "
         "DeepSeek): the verdict they would get if they were the same fact.", related),
        ("Agreeing", "Figures for one fact that are consistent: the same, within each "
         "other's rounding, or a bound that admits the other.", agreeing),
    ]


def _article_page(item, claims: list, in_conflict: set[int], context: dict) -> str:
    from claimtrack.report.highlight import segments

    parts, left_out = segments(item.text, item.body_start, claims)
    return render("article.html", root="../", article=item.article, segments=parts,
                  claims=sorted(claims, key=lambda claim: (claim.start, claim.id)),
                  left_out={claim.id for claim in left_out}, in_conflict=in_conflict,
                  **context)


def _timeline_page(claims: list, context: dict) -> str:
    from claimtrack.report.timeline import figures, timeline_chart

    found = figures(claims)

    def label(figure) -> str:
        subject = figure.first.subject or "(no subject)"
        return f"{figure.first.surface} · {subject} · {figure.first.topic}"

    return render("timeline.html", root="", figures=found,
                  chart=timeline_chart(found, label), **context)
