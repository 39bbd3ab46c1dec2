"""Hand changes to claims: edits and reviews with their log, curated files applied and exported.

Every change a person makes to a claim (from the command line or a curated
file) goes through ``change_claim``, which writes one review_log row per field.
Functions take a session and never commit: the caller's session_scope makes a
command, or a whole curated file, one transaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimtrack.curation import (
    CuratedClaim,
    CuratedFile,
    CurationFileError,
    find_quote,
)
from claimtrack.db.claims import entity_ids_for, topic_ids_for
from claimtrack.db.models import (
    Article,
    ClaimKind,
    DatePrecision,
    Direction,
    Entity,
    Origin,
    Qualifier,
    ReviewLog,
    ReviewStatus,
    Statement,
    Topic,
)
from claimtrack.db.models import Claim as ClaimRow
from claimtrack.lang.hanzi import alias_key
from claimtrack.schemas import parse_period, period_label

# The fields a person may change, as the CLI and curated files name them.
EDITABLE = ("kind", "value", "unit", "unit_text", "qualifier", "low", "high", "precision",
            "direction", "statement", "iso", "period", "subject", "subject_name", "topic",
            "measure", "scope", "base", "from_value", "speaker", "speaker_role", "said_on",
            "attribution", "status", "notes")
# The fields a curated entry carries besides the quote, note and article, in file order.
CURATED_FIELDS = ("kind", "value", "unit", "unit_text", "qualifier", "precision", "direction",
                  "statement", "iso", "period", "subject", "subject_name", "topic", "measure",
                  "scope", "base", "from_value", "speaker", "speaker_role", "said_on",
                  "attribution", "status")
_ENUMS = {"kind": ClaimKind, "qualifier": Qualifier, "direction": Direction,
          "status": ReviewStatus, "statement": Statement}
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s)")
# The reviewer the log records for changes a curated file makes: the file was
# reviewed like code, so no one person is the author of those changes.
CURATED_FILE_REVIEWER = "curate import"


class ReviewError(ValueError):
    """A hand change that cannot be applied (unknown name, bad value)."""


def field_value(claim: ClaimRow, name: str) -> Any:
    """A claim's field as people read and write it: names for entities, labels for periods."""
    if name == "subject":  # the entity; a name no entity is, is subject_name
        return claim.subject.name if claim.subject else None
    if name == "subject_name":
        return claim.subject_name if claim.subject_id is None else None
    if name == "topic":
        return claim.topic.key if claim.topic else None
    if name == "speaker":
        return claim.speaker.name if claim.speaker else claim.speaker_name
    if name == "period":
        return period_label(claim.period_start, claim.period_end, claim.period_precision.value)
    value = getattr(claim, name)
    return value.value if hasattr(value, "value") else value


def change_claim(session: Session, claim: ClaimRow, changes: dict[str, Any], *,
                 note: str | None = None, reviewer: str | None = None) -> list[str]:
    """Apply field changes to a claim and log each one; returns the fields that changed."""
    changed = []
    for name, new in changes.items():
        if name not in EDITABLE:
            raise ReviewError(f"{name} cannot be edited (editable: {', '.join(EDITABLE)})")
        old = field_value(claim, name)
        if _same(old, _canonical(session, name, new)):
            continue
        _set(session, claim, name, new)
        session.add(ReviewLog(claim=claim, field=name, old_value=_encode(old),
                              new_value=_encode(field_value(claim, name)), note=note,
                              reviewer=reviewer))
        changed.append(name)
    return changed


def _canonical(session: Session, name: str, value: Any) -> Any:
    """A subject, topic or speaker as stored (英伟达 → Nvidia); other values as given."""
    if name == "said_on" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value  # _set says what is wrong with it
    if value is None or name not in ("subject", "topic", "speaker"):
        return value
    if name == "topic":
        ids = topic_ids_for(session, value)
        return session.get(Topic, next(iter(ids))).key if len(ids) == 1 else value
    ids = entity_ids_for(session, value)
    return session.get(Entity, next(iter(ids))).name if len(ids) == 1 else value


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, float) and isinstance(new, (int, float)):
        return abs(old - float(new)) <= 1e-9 * max(1.0, abs(old))
    return old == new


def _encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _set(session: Session, claim: ClaimRow, name: str, value: Any) -> None:
    if name == "subject":
        if value is None:
            claim.subject_id = None
            claim.subject_key = alias_key(claim.subject_name) if claim.subject_name else None
        else:
            _link_subject(session, claim, _one_entity(session, value, "subject"))
        session.flush()
        session.refresh(claim, ["subject"])
    elif name == "subject_name":
        # A name as written that no entity is (open vocabulary); an entity's name or
        # alias links to the entity instead.
        ids = entity_ids_for(session, value) if value else set()
        if len(ids) == 1:
            _link_subject(session, claim, next(iter(ids)))
        elif value is None:
            claim.subject_name = None
            if claim.subject_id is None:
                claim.subject_key = None
        else:
            claim.subject_id, claim.subject_name = None, value
            claim.subject_key = alias_key(value)
        session.flush()
        session.refresh(claim, ["subject"])
    elif name == "said_on":
        try:
            claim.said_on = None if value is None else (
                value if isinstance(value, date) else date.fromisoformat(str(value)))
        except ValueError:
            raise ReviewError(f"said_on must be a day (YYYY-MM-DD), not {value!r}") from None
    elif name == "topic":
        claim.topic_id = None if value is None else _one_topic(session, value)
        session.flush()
        session.refresh(claim, ["topic"])
    elif name == "speaker":
        ids = entity_ids_for(session, value) if value else set()
        claim.speaker_id = next(iter(ids)) if len(ids) == 1 else None
        claim.speaker_name = None if claim.speaker_id is not None else value
        session.flush()
        session.refresh(claim, ["speaker"])
    elif name == "period":
        if value is None:
            claim.period_start = claim.period_end = None
            claim.period_precision = DatePrecision.unknown
        else:
            try:
                start, end, precision = parse_period(value)
            except ValueError as error:
                raise ReviewError(str(error)) from None
            claim.period_start, claim.period_end = start, end
            claim.period_precision = DatePrecision(precision)
    elif name in _ENUMS:
        try:
            setattr(claim, name, _ENUMS[name](value))
        except ValueError:
            choices = ", ".join(member.value for member in _ENUMS[name])
            raise ReviewError(f"{name} must be one of {choices}, not {value!r}") from None
    elif name in ("value", "low", "high", "precision", "from_value"):
        setattr(claim, name, None if value is None else float(value))
    else:
        setattr(claim, name, value)


def _link_subject(session: Session, claim: ClaimRow, entity_id: int) -> None:
    claim.subject_id, claim.subject_name = entity_id, None
    claim.subject_key = alias_key(session.get(Entity, entity_id).name)


def _one_entity(session: Session, name: str, what: str) -> int:
    ids = entity_ids_for(session, name)
    if len(ids) != 1:
        raise ReviewError(f"unknown {what} {name!r}" if not ids else
                          f"{what} {name!r} names several entities")
    return next(iter(ids))


def _one_topic(session: Session, name: str) -> int:
    ids = topic_ids_for(session, name)
    if len(ids) != 1:
        raise ReviewError(f"unknown topic {name!r}")
    return next(iter(ids))


def is_touched(session: Session, claim: ClaimRow) -> bool:
    """Whether a person has had a hand in a claim (curated, reviewed or edited)."""
    if claim.origin == Origin.curated or claim.status != ReviewStatus.unreviewed:
        return True
    logged = session.scalar(select(func.count(ReviewLog.id)).where(ReviewLog.claim_id == claim.id))
    return bool(logged)


# --- Curated files ---------------------------------------------------------------


@dataclass
class ImportReport:
    """What importing one curated file did."""

    file: str
    added: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    left: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def find_article(session: Session, reference) -> Article | None:
    """The stored article a curated file names by file name, content hash or URL."""
    if reference.content_hash:
        return session.scalars(
            select(Article).where(Article.content_hash.startswith(reference.content_hash.lower(),
                                                                  autoescape=True))).first()
    if reference.url:
        return session.scalars(select(Article).where(Article.url == reference.url)).first()
    name = reference.file
    return session.scalars(
        select(Article).where((Article.source_path == name) | Article.source_path.endswith(
            "/" + name.lstrip("/"), autoescape=True)).order_by(Article.id)
    ).first()


def import_curated(session: Session, curated: CuratedFile, *, path,
                   label: str | None) -> ImportReport:
    """Make the database hold exactly this file's curated claims, all or nothing.

    ``label`` names the file as claims record it; None for claims made from the
    command line (`claimtrack claim add`), which belong to no file yet.

    Claims are matched by their span: one already curated from this file is
    updated (or left), a person-touched extracted claim there is adopted, else a
    new curated claim is made; extracted claims at the span are linked to it as
    overridden. Curated claims of this file that the file no longer lists are
    removed. Raises CurationFileError naming the file and line.
    """
    report = ImportReport(file=label or "command line")
    reviewer = CURATED_FILE_REVIEWER if label else None
    kept: set[int] = set()
    for item in curated.claims:
        reference = curated.article_of(item)
        article = find_article(session, reference)
        if article is None:
            raise CurationFileError(path, f"article {reference.label()} is not in the database "
                                    "(ingest it first)", line=item.line)
        start = find_quote(article.text, item.quote, item.occurrence, article.body_start)
        if start is None:
            times = f" {item.occurrence} times" if item.occurrence > 1 else ""
            raise CurationFileError(path, f"quote {item.quote!r} is not in article "
                                    f"{reference.label()}{times}", line=item.line)
        end = start + len(item.quote)
        claim, created = _claim_at(session, article, start, end, label)
        try:
            changes = _changes_from(item, _extracted_twin(session, claim))
            if created:
                _set_all(session, claim, changes)
                session.add(ReviewLog(claim=claim, field="created", old_value=None,
                                      new_value=_encode(label or "command line"),
                                      reviewer=reviewer, note=item.note))
                report.added.append(claim.id)
            elif change_claim(session, claim, changes, note=f"curated in {label}" if label
                              else item.note, reviewer=reviewer):
                report.changed.append(claim.id)
            else:
                report.left.append(claim.id)
        except ReviewError as error:
            raise CurationFileError(path, str(error), line=item.line) from None
        claim.origin = Origin.curated
        if label is not None:
            claim.curated_file = label
        session.flush()
        _override_others(session, claim)
        kept.add(claim.id)
    if label is None:
        return report
    for stale in session.scalars(select(ClaimRow).where(
            ClaimRow.curated_file == label, ClaimRow.origin == Origin.curated)).all():
        if stale.id not in kept:
            report.removed.append(stale.id)
            session.delete(stale)
    session.flush()
    return report


def _changes_from(item: CuratedClaim, twin: ClaimRow | None) -> dict[str, Any]:
    """The fields a curated entry sets: what it states, else what the extractor read at
    the same span (its attribution, unit as written, precision), else the defaults."""
    stated = item.model_fields_set
    defaults = CuratedClaim.model_fields
    changes: dict[str, Any] = {}
    for name in CURATED_FIELDS:
        if name in stated:
            changes[name] = getattr(item, name)
        elif twin is not None and name != "status":
            changes[name] = field_value(twin, name)
        else:
            changes[name] = defaults[name].default
    same_reading = twin is not None and twin.qualifier.value == changes["qualifier"] and (
        "value" not in stated or twin.value == item.value)
    if {"low", "high"} & stated or not same_reading:
        changes["low"], changes["high"] = item.bounds()
    else:  # 近6000亿 read alike: keep the extraction's one-sided interval (just under)
        changes["low"], changes["high"] = twin.low, twin.high
    # A subject is an entity or a name as written, never both: the one the entry states
    # replaces what the extractor read.
    if "subject" in stated and "subject_name" not in stated:
        changes["subject_name"] = None
    elif "subject_name" in stated and "subject" not in stated:
        changes["subject"] = None
    if changes["period"] is None and changes["kind"] == "date" and changes["iso"]:
        changes["period"] = changes["iso"]  # a date's period is the date itself
    changes["notes"] = item.note
    return changes


def _extracted_twin(session: Session, claim: ClaimRow) -> ClaimRow | None:
    """The extracted claim at a curated claim's span, if the extractor found one."""
    return session.scalars(select(ClaimRow).where(
        ClaimRow.article_id == claim.article_id, ClaimRow.span_start == claim.span_start,
        ClaimRow.span_end == claim.span_end, ClaimRow.id != claim.id,
        ClaimRow.origin == Origin.extracted).order_by(ClaimRow.id)).first()


def _set_all(session: Session, claim: ClaimRow, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        _set(session, claim, name, value)


def _claim_at(session: Session, article: Article, start: int, end: int,
              label: str) -> tuple[ClaimRow, bool]:
    """The claim a curated entry applies to, and whether it is new."""
    here = session.scalars(select(ClaimRow).where(
        ClaimRow.article_id == article.id, ClaimRow.span_start == start,
        ClaimRow.span_end == end).order_by(ClaimRow.id)).all()
    for claim in here:
        if claim.origin == Origin.curated and claim.curated_file == label:
            return claim, False
    for claim in here:
        if claim.origin == Origin.curated and claim.curated_file is None:
            return claim, False  # made from the command line, now written to a file
    for claim in here:
        if claim.origin == Origin.extracted and claim.overridden_by_id is None and \
                is_touched(session, claim):
            return claim, False  # a person already reviewed this one: it becomes curated
    claim = ClaimRow(
        article_id=article.id, span_start=start, span_end=end,
        surface=article.text[start:end], sentence=(sentence := sentence_around(
            article.text, start, end, article.body_start)),
        search_text=alias_key(sentence), kind=ClaimKind.count, origin=Origin.curated,
        curated_file=label,
    )
    session.add(claim)
    session.flush()
    return claim, True


def _override_others(session: Session, claim: ClaimRow) -> None:
    """Hide the extracted claims at a curated claim's span behind it."""
    for other in session.scalars(select(ClaimRow).where(
            ClaimRow.article_id == claim.article_id, ClaimRow.span_start == claim.span_start,
            ClaimRow.span_end == claim.span_end, ClaimRow.id != claim.id,
            ClaimRow.origin == Origin.extracted)).all():
        other.overridden_by_id = claim.id


def sentence_around(text: str, start: int, end: int, body_start: int = 0) -> str:
    """The sentence of a text that holds [start, end)."""
    sentence_start = body_start
    for match in _SENTENCE_END.finditer(text, body_start, start):
        sentence_start = match.end()
    following = _SENTENCE_END.search(text, end)
    sentence_end = following.end() if following else len(text)
    return text[sentence_start:sentence_end].strip()


def hand_changed_claims(session: Session) -> list[ClaimRow]:
    """Every visible claim a person has curated, reviewed or edited, by article and span."""
    logged = select(ReviewLog.claim_id).distinct()
    query = select(ClaimRow).where(
        ClaimRow.overridden_by_id.is_(None),
        (ClaimRow.origin == Origin.curated) | (ClaimRow.status != ReviewStatus.unreviewed)
        | ClaimRow.id.in_(logged),
    ).order_by(ClaimRow.article_id, ClaimRow.span_start, ClaimRow.id)
    return list(session.scalars(query).all())


def curated_entry(claim: ClaimRow, article: Article) -> dict[str, Any]:
    """A claim as an entry of a curated file (only the fields that say something)."""
    entry: dict[str, Any] = {"quote": claim.surface}
    occurrence = _occurrences_before(article.text, claim.surface, article.body_start,
                                     claim.span_start) + 1
    if occurrence > 1:
        entry["occurrence"] = occurrence
    for name in ("kind", "value", "unit", "unit_text", "qualifier", "low", "high", "precision",
                 "direction", "statement", "iso", "period", "subject", "subject_name", "topic",
                 "measure", "scope", "base", "from_value", "speaker", "speaker_role", "said_on",
                 "attribution", "status", "notes"):
        value = field_value(claim, name)
        if value is None or (name, value) in (("qualifier", "exact"), ("direction", "none"),
                                              ("status", "unreviewed"), ("statement", "level")):
            continue
        entry["note" if name == "notes" else name] = value
    return entry


def _occurrences_before(text: str, quote: str, start: int, end: int) -> int:
    """How many times a quote starts in text[start:end] (overlapping ones too)."""
    count, position = 0, text.find(quote, start)
    while 0 <= position < end:
        count += 1
        position = text.find(quote, position + 1)
    return count


@dataclass
class ReextractReport:
    """What re-extracting one article did."""

    article_id: int
    replaced: int = 0  # untouched extracted claims removed
    added: int = 0  # new extracted claims, visible
    linked: int = 0  # new extracted claims at the span of a kept claim, hidden behind it
    kept: int = 0  # claims a person had a hand in, left as they are


def replace_extracted(session: Session, article: Article, claims, names) -> ReextractReport:
    """Swap an article's untouched extracted claims for a new extraction's.

    Claims a person curated, reviewed or edited stay as they are; a new claim at
    the span of one of them is stored linked to it (overridden) rather than
    duplicated. The caller's transaction makes it all or nothing.
    """
    from claimtrack.db.claims import claim_row, claims_of_article

    report = ReextractReport(article_id=article.id)
    holders: dict[tuple[int, int], int] = {}
    for claim in claims_of_article(session, article.id):
        if is_touched(session, claim):
            report.kept += 1
            if claim.overridden_by_id is None:
                holders.setdefault((claim.span_start, claim.span_end), claim.id)
        else:
            session.delete(claim)
            report.replaced += 1
    session.flush()
    for claim in claims:
        row = claim_row(claim, article.id, names, origin=Origin.extracted)
        row.overridden_by_id = holders.get((claim.start, claim.end))
        session.add(row)
        if row.overridden_by_id is None:
            report.added += 1
        else:
            report.linked += 1
    session.flush()
    return report
