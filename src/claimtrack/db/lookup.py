"""Names and dates users type, resolved to ids and days for a ClaimFilter.

Plain SQL through a db.read.Reader (sqlite3 or SQLAlchemy Core), as the rest of
the read path; an unknown name raises UnknownNameError with the nearest names.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from claimtrack.db.read import ClaimFilter, Reader, like_escaped
from claimtrack.lang.hanzi import alias_key


def topic_ids_for(reader: Reader, name: str) -> set[int]:
    """Ids of the topics any of whose names (key, names, aliases in any script) is ``name``."""
    return set(reader.scalars("SELECT topic_id FROM topic_alias WHERE alias_key = :key",
                              {"key": alias_key(name)}))


def entity_ids_for(reader: Reader, name: str) -> set[int]:
    """Ids of the entities any of whose names (any script, any case) is ``name``."""
    return set(reader.scalars("SELECT entity_id FROM entity_alias WHERE alias_key = :key",
                              {"key": alias_key(name)}))


def all_names(reader: Reader, *, topics: bool) -> list[str]:
    """Every name users may type for topics (or entities): for suggestions."""
    return reader.scalars(f"SELECT alias FROM {'topic_alias' if topics else 'entity_alias'}")


def resolve_filter(reader: Reader, wanted: ClaimFilter, *, topic=None, subject=None,
                   speaker=None, article=None, since=None, until=None) -> ClaimFilter:
    """``wanted`` with the names and dates the user typed resolved to ids and days.

    An unknown name raises UnknownNameError with the nearest names.
    """
    if topic:
        wanted.topic_ids = _resolve(reader, "topic", topic)
    if subject:
        wanted.subject_ids, wanted.subject_key = _resolve_subject(reader, subject)
    if speaker:
        wanted.speaker_ids, wanted.speaker_text = _resolve_speaker(reader, speaker)
    if article:
        wanted.article_ids = resolve_article(reader, article)
    if since:
        wanted.since = period_bound(since, end=False)
    if until:
        wanted.until = period_bound(until, end=True)
    return wanted


def _resolve(reader: Reader, what: str, name: str) -> set[int]:
    from claimtrack.errors import UnknownNameError

    is_topic = what == "topic"
    ids = topic_ids_for(reader, name) if is_topic else entity_ids_for(reader, name)
    if not ids:
        raise UnknownNameError(what, name, nearest(name, all_names(reader, topics=is_topic)))
    return ids


def _resolve_subject(reader: Reader, name: str) -> tuple[set[int] | None, str | None]:
    """Entity ids for a known subject, and the folded name if some claim states it as
    written (a subject the entity data does not list), in either script or any case."""
    from claimtrack.errors import UnknownNameError

    ids = entity_ids_for(reader, name)
    key = alias_key(name)
    written = reader.scalars("SELECT id FROM claim WHERE subject_key = :key "
                             "AND subject_id IS NULL LIMIT 1", {"key": key})
    if not ids and not written:
        unlisted = reader.scalars("SELECT DISTINCT subject_name FROM claim")
        names = [*all_names(reader, topics=False), *(n for n in unlisted if n)]
        raise UnknownNameError("subject", name, nearest(name, names))
    return (ids or None), (key if written else None)


def _resolve_speaker(reader: Reader, name: str) -> tuple[set[int] | None, str | None]:
    """Entity ids for a known speaker, else the name as written if some claim has it."""
    from claimtrack.errors import UnknownNameError

    ids = entity_ids_for(reader, name)
    written = reader.scalars("SELECT speaker_name FROM claim WHERE lower(speaker_name) = "
                             ":name LIMIT 1", {"name": name.lower()})
    if not ids and not written:
        spoken = reader.scalars("SELECT DISTINCT speaker_name FROM claim")
        names = [*all_names(reader, topics=False), *(n for n in spoken if n)]
        raise UnknownNameError("speaker", name, nearest(name, names))
    return (ids or None), (name if written else None)


def resolve_article(reader: Reader, reference: str) -> set[int]:
    """Article ids for an id, a file name or path, a URL, or a content-hash prefix."""
    from pathlib import Path

    from claimtrack.errors import UnknownNameError

    params: dict[str, Any] = {"reference": reference, "ending": "%/" + like_escaped(reference)}
    conditions = ["url = :reference", "source_path = :reference",
                  "source_path LIKE :ending ESCAPE '/'"]
    if reference.isdigit():
        conditions.append("id = :number")
        params["number"] = int(reference)
    if len(reference) >= 6 and all(c in "0123456789abcdef" for c in reference.lower()):
        conditions.append("content_hash LIKE :prefix ESCAPE '/'")
        params["prefix"] = like_escaped(reference.lower()) + "%"
    ids = set(reader.scalars(f"SELECT id FROM article WHERE {' OR '.join(conditions)}",
                             params))
    if not ids:
        paths = [Path(p).name for p in reader.scalars("SELECT source_path FROM article")]
        raise UnknownNameError("article", reference, nearest(reference, paths))
    return ids


def nearest(name: str, candidates: Iterable[str]) -> list[str]:
    """Up to three candidates closest to a name, compared in simplified script and lower case."""
    import difflib

    # One spelling per name, the one nearest to what was typed (same script, same case).
    by_key: dict[str, str] = {}
    for candidate in candidates:
        key = alias_key(candidate)
        kept = by_key.get(key)
        if kept is None or _likeness(candidate, name) > _likeness(kept, name):
            by_key[key] = candidate
    close = difflib.get_close_matches(alias_key(name), list(by_key), n=3, cutoff=0.5)
    return [by_key[key] for key in close]


def _likeness(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()


def period_bound(value: str, *, end: bool) -> date | None:
    """The first (or last) day of YYYY, YYYY-MM or YYYY-MM-DD."""
    import calendar

    from claimtrack.errors import MetadataError
    from claimtrack.periods import parse_published

    try:
        day, precision = parse_published(value)
    except ValueError as error:
        raise MetadataError(f"bad date {value!r}: {error}") from None
    if day is None or not end:
        return day
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day
