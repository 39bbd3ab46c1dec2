"""Score claimtrack.extract.extract_claims against the hand-annotated gold set.

    .venv/bin/python tools/score_gold.py [--gold tests/gold/seeds.yaml] [--seeds seeds]
                                         [--verbose] [--json]

For each article in the gold file, the article is read with its sidecar
(claimtrack.articles.read_article) and ``extract_claims(text, lang=...,
published=meta.published, author=first author)`` is called. A predicted claim
matches a gold claim when their spans overlap, their kinds agree and their
values agree (relative tolerance 1e-6; dates compare by ``iso``; for a gold
range, equal low and high bounds count as agreeing values too); matching is
greedy and one-to-one, largest overlap first. Printed: TP/FP/FN per article;
overall precision, recall and F1; and, over the matched claims, the accuracy of
unit, qualifier, direction, subject, topic, period and speaker (speaker both
over every matched claim and over those whose speaker the text names).
``--verbose`` lists every false negative and false positive with its sentence,
and every attribute a matched claim gets wrong. ``--json`` prints the dict
that :func:`score` returns.

The gold file is validated on load (tests/gold/seeds.yaml explains its format):
unknown keys, impossible combinations (a date with a value, a range without
bounds) and surfaces that are not in the article stop the run with a one-line
message naming the gold file and the claim.
"""

from __future__ import annotations

import argparse
import calendar
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from claimtrack.articles import read_article
from claimtrack.curation import find_quote
from claimtrack.errors import ClaimtrackError
from claimtrack.schemas import ArticleFile, Claim, ClaimKindValue, QualifierValue

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / "tests" / "gold" / "seeds.yaml"
DEFAULT_SEEDS = REPO / "seeds"

VALUE_TOLERANCE = 1e-6
ATTRIBUTES = (
    "unit",
    "qualifier",
    "direction",
    "subject",
    "topic",
    "period",
    "speaker",
    "speaker_named",
)

Extractor = Callable[..., Sequence[Claim]]

_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_PERIOD_POINT = r"\d{4}(?:-Q[1-4]|-\d{2}(?:-\d{2})?)?"
_PERIOD = re.compile(rf"^{_PERIOD_POINT}(?:/{_PERIOD_POINT})?$")
_UNITS_BY_KIND = {
    "percent": {"%", "pp"},
    "count": {"count"},
    "ratio": {"times", "fraction"},
    "duration": {"hour", "day", "week", "month", "quarter", "year"},
}
_SENTENCE_END = "。！？!?\n"


class GoldError(Exception):
    """The gold file cannot be used; the message is one line naming the file and the claim."""


# --- The gold file's schema ---------------------------------------------------------


class GoldClaim(BaseModel):
    """One annotated claim; see the header of tests/gold/seeds.yaml for the keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    surface: str = Field(min_length=1)
    occurrence: int = Field(default=1, ge=1)
    kind: ClaimKindValue
    value: float | None
    unit: str | None = None
    qualifier: QualifierValue = "exact"
    low: float | None = None
    high: float | None = None
    iso: str | None = None
    direction: Literal["increase", "decrease"] | None = None
    subject: str | None
    topic: str | None
    period: str | None = None
    speaker: str | None = Field(min_length=1)
    speaker_named: bool
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _period_stated(cls, data: Any) -> Any:
        # Leaving period out must be a decision, not an oversight: only dates may omit it.
        if isinstance(data, dict) and data.get("kind") != "date" and "period" not in data:
            raise ValueError("period: required (write null when the text states none)")
        return data

    @model_validator(mode="after")
    def _consistent(self) -> GoldClaim:
        if self.kind == "date":
            if self.value is not None or self.unit is not None:
                raise ValueError("a date has value null and no unit")
            if self.iso is None or not _ISO_DATE.match(self.iso):
                raise ValueError(
                    f"a date needs iso as YYYY, YYYY-MM or YYYY-MM-DD, not {self.iso!r}"
                )
            _iso_span(self.iso)  # impossible dates raise ValueError
            if self.period is not None and self.period != self.iso:
                raise ValueError("a date's period is its iso: leave period out")
            if self.qualifier != "exact" or self.low is not None or self.high is not None:
                raise ValueError("a date takes no qualifier, low or high")
        else:
            if self.value is None:
                raise ValueError(f"a {self.kind} claim needs a value")
            if self.iso is not None:
                raise ValueError("iso is for dates only")
            if not self.unit:
                raise ValueError(f"a {self.kind} claim needs a unit")
            allowed = _UNITS_BY_KIND.get(self.kind)
            if allowed is not None and self.unit not in allowed:
                raise ValueError(
                    f"unit {self.unit!r} for a {self.kind}: use one of {sorted(allowed)}"
                )
            if self.kind == "money" and not re.fullmatch(r"[A-Z]{3}", self.unit):
                raise ValueError(f"money needs an ISO 4217 unit (USD, CNY), not {self.unit!r}")
        if self.period is not None:
            if not _PERIOD.match(self.period):
                raise ValueError(
                    f"period {self.period!r}: use YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD or A/B"
                )
            _period_span(self.period)
        if self.speaker_named and self.speaker is None:
            raise ValueError("speaker_named: true needs a speaker")
        self._check_bounds()
        return self

    def _check_bounds(self) -> None:
        q, low, high = self.qualifier, self.low, self.high
        if q in ("exact", "approx") and (low is not None or high is not None):
            raise ValueError(f"{q}: low and high are only for bounds and ranges")
        if q == "upper_bound" and (high is None or low is not None):
            raise ValueError("upper_bound: give high (and no low)")
        if q == "lower_bound" and (low is None or high is not None):
            raise ValueError("lower_bound: give low (and no high)")
        if q == "range":
            if low is None or high is None or low > high:
                raise ValueError("range: give low <= high")
            if self.value is None or not _close(self.value, low):
                raise ValueError("range: value is the low end")

    @property
    def expected_period(self) -> str | None:
        """The period a correct extractor reports: for dates, the date itself."""
        return self.iso if self.kind == "date" else self.period


class GoldArticle(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str = Field(min_length=1)
    claims: list[GoldClaim]


class GoldFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    articles: list[GoldArticle]


# --- Loading and resolving ------------------------------------------------------------


@dataclass(frozen=True)
class GoldSpan:
    """A gold claim placed in its article's text."""

    gold: GoldClaim
    index: int
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class ResolvedArticle:
    file: str
    article: ArticleFile
    claims: tuple[GoldSpan, ...]

    @property
    def author(self) -> str | None:
        authors = self.article.meta.authors or []
        return authors[0] if authors else None


def load_gold(gold_path: str | Path, seeds_dir: str | Path) -> list[ResolvedArticle]:
    """The gold file validated and every claim placed in its article; GoldError if it cannot be."""
    gold_path, seeds_dir = Path(gold_path), Path(seeds_dir)
    try:
        raw = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GoldError(f"{gold_path}: cannot read: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise GoldError(f"{gold_path}{where}: malformed YAML: {problem}") from None
    parsed = _validate(gold_path, raw)
    return [_resolve(gold_path, seeds_dir, i, item) for i, item in enumerate(parsed.articles)]


def _validate(gold_path: Path, raw: Any) -> GoldFile:
    if not isinstance(raw, dict) or not isinstance(raw.get("articles"), list):
        raise GoldError(f"{gold_path}: expected a mapping with a list under 'articles:'")
    try:
        parsed = GoldFile.model_validate(raw)
    except ValidationError as error:
        raise GoldError(f"{gold_path}: {_describe(raw, error)}") from None
    seen: set[str] = set()
    for i, item in enumerate(parsed.articles):
        if item.file in seen:
            raise GoldError(f"{gold_path}: articles[{i}] ({item.file}): listed twice")
        seen.add(item.file)
    return parsed


def _describe(raw: dict[str, Any], error: ValidationError) -> str:
    """Where the first validation error is, by article and claim, and what it is."""
    first = error.errors()[0]
    loc = list(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown key (see the file's header for the allowed keys)"
    where = []
    articles = raw.get("articles") or []
    if len(loc) >= 2 and loc[0] == "articles" and isinstance(loc[1], int):
        i = loc[1]
        item = articles[i] if i < len(articles) and isinstance(articles[i], dict) else {}
        where.append(f"articles[{i}] ({item.get('file', '?')})")
        if len(loc) >= 4 and loc[2] == "claims" and isinstance(loc[3], int):
            j = loc[3]
            claims = item.get("claims") or []
            claim = claims[j] if j < len(claims) and isinstance(claims[j], dict) else {}
            where.append(f"claims[{j}] (surface {claim.get('surface', '?')!r})")
            rest = loc[4:]
        else:
            rest = loc[2:]
    else:
        rest = loc
    key = ".".join(str(part) for part in rest)
    more = len(error.errors()) - 1
    tail = f" (and {more} more)" if more else ""
    return " ".join(where) + (f": {key}" if key else "") + f": {message}{tail}"


def _resolve(gold_path: Path, seeds_dir: Path, i: int, item: GoldArticle) -> ResolvedArticle:
    path = seeds_dir / item.file
    try:
        article = read_article(path)
    except ClaimtrackError as error:
        raise GoldError(f"{gold_path}: articles[{i}] ({item.file}): {error}") from None
    text, body_start = article.text, article.body_start
    spans: list[GoldSpan] = []
    for j, claim in enumerate(item.claims):
        where = f"{gold_path}: articles[{i}] ({item.file}) claims[{j}] (surface {claim.surface!r}"
        where += f", occurrence {claim.occurrence})" if claim.occurrence > 1 else ")"
        start = find_quote(text, claim.surface, claim.occurrence, body_start)
        if start is None:
            found = text.count(claim.surface, body_start)
            reason = "not found" if not found else f"occurs only {found} time(s)"
            raise GoldError(f"{where}: {reason} in {path}")
        end = start + len(claim.surface)
        for other in spans:
            if start < other.end and other.start < end:
                raise GoldError(
                    f"{where}: overlaps claims[{other.index}] (surface {other.gold.surface!r})"
                )
        spans.append(GoldSpan(claim, j, start, end, sentence_at(text, start, end)))
    return ResolvedArticle(item.file, article, tuple(spans))


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], for messages."""
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END) + 1
    rights = [p for p in (text.find(mark, end) for mark in _SENTENCE_END) if p >= 0]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()


# --- Periods ------------------------------------------------------------------------


def _iso_span(point: str) -> tuple[date, date]:
    """The first and last day of YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD."""
    year = int(point[:4])
    if len(point) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    if point[5] == "Q":
        quarter = int(point[6])
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        return date(year, first_month, 1), date(
            year, last_month, calendar.monthrange(year, last_month)[1]
        )
    month = int(point[5:7])
    if len(point) == 7:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(year, month, int(point[8:10]))
    return day, day


def _period_span(period: str) -> tuple[date, date]:
    first, _, last = period.partition("/")
    start, end = _iso_span(first)[0], _iso_span(last or first)[1]
    if end < start:
        raise ValueError(f"period {period!r} ends before it starts")
    return start, end


def _claim_period_span(claim: Claim) -> tuple[date, date] | None:
    """A predicted claim's period as (first day, last day), its end as the claim states it."""
    start = claim.period_start
    if start is None:
        return None
    if claim.period_end is not None:
        return start, claim.period_end
    # No end: the period is the unit of its precision that holds the start.
    point = {
        "year": f"{start.year:04d}",
        "quarter": f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}",
        "month": f"{start.year:04d}-{start.month:02d}",
    }.get(claim.period_precision)
    return _iso_span(point) if point else (start, start)


def _periods_agree(expected: str | None, claim: Claim) -> bool:
    predicted = _claim_period_span(claim)
    if expected is None or predicted is None:
        return expected is None and predicted is None
    start, end = _period_span(expected)
    # period_end may be inclusive (2025-03-31) or exclusive (2025-04-01): accept both.
    return predicted[0] == start and predicted[1] in (end, end + timedelta(days=1))


def describe_period(claim: Claim) -> str | None:
    span = _claim_period_span(claim)
    if span is None:
        return None
    return span[0].isoformat() if span[0] == span[1] else f"{span[0]}/{span[1]}"


def period_fields(period: str | None) -> dict[str, Any]:
    """Claim fields (period_start, period_end, period_precision) for an ISO period string."""
    if period is None:
        return {}
    start, end = _period_span(period)
    first = period.partition("/")[0]
    if len(first) == 4:
        precision = "year"
    elif first[5] == "Q":
        precision = "quarter"
    elif len(first) == 7:
        precision = "month"
    else:
        precision = "day"
    return {"period_start": start, "period_end": end, "period_precision": precision}


# --- Matching and scoring --------------------------------------------------------------


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=VALUE_TOLERANCE, abs_tol=1e-12)


def claims_agree(gold: GoldSpan, predicted: Claim) -> bool:
    """Whether a prediction can match a gold claim: overlapping span, same kind and value."""
    if not (predicted.start < gold.end and gold.start < predicted.end):
        return False
    if predicted.kind != gold.gold.kind:
        return False
    g = gold.gold
    if g.kind == "date":
        if predicted.iso is None:
            return False
        iso = predicted.iso.strip()
        # A part of a year (年底, early 2024) is written by the gold at year precision,
        # having no finer ISO form; the extractor gives its months (2022-09/2022-12).
        return iso == g.iso or bool(re.fullmatch(rf"{g.iso}-\d\d/{g.iso}-\d\d", iso))
    if predicted.value is not None and _close(predicted.value, g.value or 0.0):
        return True
    # A range's value is a convention (the gold file says its low end); the interval
    # itself is what the wording states, so a prediction with the same bounds agrees.
    return (
        g.qualifier == "range"
        and predicted.low is not None
        and predicted.high is not None
        and _close(predicted.low, g.low or 0.0)
        and _close(predicted.high, g.high or 0.0)
    )


def match(gold: Sequence[GoldSpan], predicted: Sequence[Claim]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index), largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if claims_agree(g, p):
                overlap = min(g.end, p.end) - max(g.start, p.start)
                distance = abs(g.start - p.start) + abs(g.end - p.end)
                candidates.append((-overlap, distance, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _same_name(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.strip().casefold() == b.strip().casefold()


def _attribute_checks(gold: GoldClaim, predicted: Claim) -> dict[str, tuple[bool, Any, Any]]:
    """(correct, gold value, predicted value) per attribute; speaker_named only when named."""
    checks: dict[str, tuple[bool, Any, Any]] = {
        "unit": (gold.unit == predicted.unit, gold.unit, predicted.unit),
        "qualifier": (gold.qualifier == predicted.qualifier, gold.qualifier, predicted.qualifier),
        "direction": (
            (gold.direction or "none") == predicted.direction,
            gold.direction or "none",
            predicted.direction,
        ),
        "subject": (gold.subject == predicted.subject, gold.subject, predicted.subject),
        "topic": (gold.topic == predicted.topic, gold.topic, predicted.topic),
        "period": (
            _periods_agree(gold.expected_period, predicted),
            gold.expected_period,
            describe_period(predicted),
        ),
        "speaker": (
            _same_name(gold.speaker, predicted.speaker),
            gold.speaker,
            predicted.speaker,
        ),
    }
    if gold.speaker_named:
        checks["speaker_named"] = checks["speaker"]
    return checks


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _default_extractor() -> Extractor:
    from claimtrack.extract import extract_claims

    return extract_claims


def score(
    gold_path: str | Path = DEFAULT_GOLD,
    seeds_dir: str | Path = DEFAULT_SEEDS,
    extractor: Extractor | None = None,
) -> dict[str, Any]:
    """Score ``extractor`` (default: claimtrack.extract.extract_claims) against the gold file.

    Returns a JSON-ready dict: per-article counts under "articles", overall
    "precision", "recall" and "f1", attribute accuracies under "attributes"
    ({"correct", "total", "accuracy"} each; accuracy None when total is 0), and
    the "false_negatives", "false_positives" and "mismatches" in detail.
    """
    extract = extractor or _default_extractor()
    resolved = load_gold(gold_path, seeds_dir)
    counts = {name: [0, 0] for name in ATTRIBUTES}
    per_article, false_negatives, false_positives, mismatches = [], [], [], []
    bad_spans = []
    for item in resolved:
        article = item.article
        predicted = list(
            extract(
                article.text,
                lang=article.language,
                published=article.meta.published,
                author=item.author,
                published_precision=article.meta.published_precision or "day",
            )
        )
        for p in predicted:
            if article.text[p.start : p.end] != p.surface:
                bad_spans.append({"file": item.file, "surface": p.surface,
                                  "start": p.start, "end": p.end})
        pairs = match(item.claims, predicted)
        matched_gold = {gi for gi, _ in pairs}
        matched_predicted = {pi for _, pi in pairs}
        for gi, pi in pairs:
            g = item.claims[gi]
            for name, (correct, expected, got) in _attribute_checks(g.gold, predicted[pi]).items():
                counts[name][1] += 1
                if correct:
                    counts[name][0] += 1
                elif name != "speaker_named":  # already listed under speaker
                    mismatches.append({"file": item.file, "surface": g.gold.surface,
                                       "start": g.start, "attribute": name,
                                       "gold": expected, "predicted": got})
        for gi, g in enumerate(item.claims):
            if gi not in matched_gold:
                false_negatives.append({
                    "file": item.file, "surface": g.gold.surface, "start": g.start,
                    "end": g.end, "kind": g.gold.kind, "value": g.gold.value,
                    "iso": g.gold.iso, "sentence": g.sentence,
                })
        for pi, p in enumerate(predicted):
            if pi not in matched_predicted:
                false_positives.append({
                    "file": item.file, "surface": p.surface, "start": p.start, "end": p.end,
                    "kind": p.kind, "value": p.value, "iso": p.iso,
                    "sentence": p.sentence or sentence_at(article.text, p.start, p.end),
                })
        tp = len(pairs)
        fp, fn = len(predicted) - tp, len(item.claims) - tp
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        per_article.append({
            "file": item.file, "gold": len(item.claims), "predicted": len(predicted),
            "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall,
            "f1": _f1(precision, recall),
        })
    tp = sum(a["tp"] for a in per_article)
    fp = sum(a["fp"] for a in per_article)
    fn = sum(a["fn"] for a in per_article)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {
        "gold_file": str(gold_path),
        "seeds": str(seeds_dir),
        "articles": per_article,
        "totals": {"gold": tp + fn, "predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn},
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "attributes": {
            name: {"correct": c, "total": t, "accuracy": (c / t if t else None)}
            for name, (c, t) in counts.items()
        },
        "false_negatives": false_negatives,
        "false_positives": false_positives,
        "mismatches": mismatches,
        "bad_spans": bad_spans,
    }


# --- Gold claims as Claim objects (a perfect extractor, for testing the scorer) ----------


def gold_claims(item: ResolvedArticle) -> list[Claim]:
    """The gold claims of one article as the Claim objects a perfect extractor returns."""
    claims = []
    for span in item.claims:
        g = span.gold
        low, high = g.low, g.high
        if g.qualifier == "exact" and g.value is not None:
            low = high = g.value
        claims.append(Claim(
            start=span.start, end=span.end, surface=g.surface, sentence=span.sentence,
            kind=g.kind, value=g.value, unit=g.unit, qualifier=g.qualifier, low=low, high=high,
            direction=g.direction or "none", iso=g.iso, subject=g.subject, topic=g.topic,
            speaker=g.speaker, extractor="gold", **period_fields(g.expected_period),
        ))
    return claims


def gold_extractor(gold_path: str | Path = DEFAULT_GOLD,
                   seeds_dir: str | Path = DEFAULT_SEEDS) -> Extractor:
    """An extractor that returns the gold claims of whichever gold article it is given."""
    by_text = {item.article.text: gold_claims(item) for item in load_gold(gold_path, seeds_dir)}

    def extract(text: str, **_: Any) -> list[Claim]:
        return list(by_text.get(text, []))

    return extract


# --- Command line ------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:5.1f}%"


def render(result: dict[str, Any], verbose: bool = False) -> str:
    lines = []
    width = max([len(a["file"]) for a in result["articles"]] + [7])
    lines.append(f"{'article':<{width}}  gold  pred    TP    FP    FN  precision  recall")
    for a in result["articles"]:
        lines.append(
            f"{a['file']:<{width}}  {a['gold']:4d}  {a['predicted']:4d}  {a['tp']:4d}  "
            f"{a['fp']:4d}  {a['fn']:4d}     {_percent(a['precision'])}  {_percent(a['recall'])}"
        )
    t = result["totals"]
    lines.append(
        f"{'total':<{width}}  {t['gold']:4d}  {t['predicted']:4d}  {t['tp']:4d}  "
        f"{t['fp']:4d}  {t['fn']:4d}"
    )
    lines.append("")
    lines.append(
        f"precision {_percent(result['precision'])}   recall {_percent(result['recall'])}   "
        f"F1 {_percent(result['f1'])}"
    )
    lines.append("accuracy over matched claims:")
    labels = {"speaker": "speaker (all)", "speaker_named": "speaker (named in text)"}
    for name, stats in result["attributes"].items():
        label = labels.get(name, name)
        lines.append(
            f"  {label:<24} {_percent(stats['accuracy'])}  ({stats['correct']}/{stats['total']})"
        )
    if result["bad_spans"]:
        lines.append(
            f"warning: {len(result['bad_spans'])} predicted claim(s) whose surface is not "
            "text[start:end]"
        )
    if verbose:
        for title, key in (("false negatives (missed)", "false_negatives"),
                           ("false positives (spurious)", "false_positives")):
            lines.append("")
            lines.append(f"{title}: {len(result[key])}")
            for c in result[key]:
                figure = c["iso"] if c["kind"] == "date" else c["value"]
                lines.append(f"  {c['file']} @{c['start']} {c['surface']!r} {c['kind']} {figure}")
                lines.append(f"      {c['sentence']}")
        lines.append("")
        lines.append(f"attribute mismatches: {len(result['mismatches'])}")
        for m in result["mismatches"]:
            lines.append(
                f"  {m['file']} @{m['start']} {m['surface']!r} {m['attribute']}: "
                f"gold {m['gold']!r}, predicted {m['predicted']!r}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score claimtrack.extract.extract_claims against the gold claims."
    )
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="gold file (YAML)")
    parser.add_argument("--seeds", default=str(DEFAULT_SEEDS), help="folder of the articles")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list every false negative, false positive and mismatch")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    try:
        result = score(args.gold, args.seeds)
    except GoldError as error:
        print(f"score_gold: {error}", file=sys.stderr)
        return 2
    except NotImplementedError as error:
        print(f"score_gold: the extractor is not available yet: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        print(render(result, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
