"""Reading article files and their metadata from disk.

Metadata comes, in rising priority, from a Markdown file's YAML front matter,
a sidecar file next to the article (``NAME.meta.yaml``, where NAME is the file
name without its extension), and the values the caller passes (command
options). Pure reading: nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from claimtrack import yamltext
from claimtrack.errors import (
    EmptyFileError,
    FrontMatterError,
    InputError,
    MissingPathError,
    SidecarError,
)
from claimtrack.lang.hanzi import detect_language
from claimtrack.schemas import ArticleFile, ArticleMeta, MetaValueError
from claimtrack.textio import decode_text

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")
SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")
# The largest file read as one article. News articles are kilobytes; a file of
# tens of megabytes is a dump or a book, to be split before it is ingested.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
# Articles with no script detectable (no letters at all) are stored as English.
FALLBACK_LANGUAGE = "en"

_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M
)
# Front-matter keys other tools use for the fields claimtrack knows.
_FRONT_MATTER_KEYS = {
    "title": "title",
    "date": "date",
    "published": "date",
    "author": "authors",
    "authors": "authors",
    "translator": "translators",
    "translators": "translators",
    "url": "url",
    "link": "url",
    "source_url": "url",
    "outlet": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "lang": "language",
    "language": "language",
    "currency": "currency",
    "region": "region",
}


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every article file under the given files and folders, folders walked in sorted order.

    A file named explicitly is read whatever its extension; inside folders only
    .txt, .md and .markdown files are, and sidecars never. A path that does not
    exist raises MissingPathError when reached.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in ARTICLE_SUFFIXES
                    and not _is_sidecar(child)
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                ):
                    yield child
        elif path.exists():
            yield path
        else:
            raise MissingPathError(path, "no such file or folder")


def _is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def sidecar_path(article: Path) -> Path | None:
    """The sidecar next to an article, if there is one: a/000.txt → a/000.meta.yaml."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = article.with_name(article.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def read_article(path: str | Path, overrides: ArticleMeta | None = None) -> ArticleFile:
    """Read one article file with its metadata; raises an InputError naming the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES and path.is_file():
            raise InputError(path, f"file too large for one article ({size / 2**20:.1f} MB; the "
                             f"limit is {MAX_ARTICLE_BYTES // 2**20} MB): split it")
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissingPathError(path, "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None

    text, encoding = decode_text(data, path=str(path))
    meta, body_start, sources = ArticleMeta(), 0, []
    front, body_start = _front_matter(text, path, strict=path.suffix.lower() in MARKDOWN_SUFFIXES)
    if front is not None:
        meta, sources = front, ["front matter"]
    if not text[body_start:].strip():
        raise EmptyFileError(path, "no article text after the front matter")
    sidecar = sidecar_path(path)
    if sidecar is not None:
        meta = meta.overlaid_with(read_sidecar(sidecar))
        sources.append(sidecar.name)
    if overrides is not None and overrides.stated():
        meta = meta.overlaid_with(overrides)
        sources.append("options")
    language = meta.language or detect_language(text[body_start:]) or FALLBACK_LANGUAGE
    return ArticleFile(
        path=str(path),
        text=text,
        body_start=body_start,
        encoding=encoding,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        meta=meta,
        language=language,
        guessed_title=None if meta.title else _title_from_text(text[body_start:]),
        metadata_sources=tuple(sources),
    )


def _front_matter(text: str, path: Path, *, strict: bool) -> tuple[ArticleMeta | None, int]:
    """The metadata stated in YAML front matter and where the body starts.

    Markdown files (strict) must have well-formed front matter if they open with
    '---'. A .txt file may carry front matter too (seed 004 does); there, text
    between '---' lines that is not a YAML mapping is taken as article text.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, 0
    import yaml

    try:
        loaded = yamltext.load(match["yaml"])
    except yaml.YAMLError as error:
        if not strict:
            return None, 0
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the '---'
        raise FrontMatterError(path, f"malformed YAML front matter: {_yaml_problem(error)}",
                               line=line) from None
    if loaded is None:
        return None, match.end()
    if not isinstance(loaded, dict):
        if not strict:
            return None, 0
        raise FrontMatterError(
            path, f"front matter is not a mapping (found {type(loaded).__name__})", line=2
        )
    known: dict[str, Any] = {}
    for key, value in loaded.items():
        field = _FRONT_MATTER_KEYS.get(str(key).lower())
        if field is not None and value not in (None, "", []):
            known.setdefault(field, value)
    try:
        return ArticleMeta.from_mapping(known), match.end()
    except (ValidationError, ValueError) as error:
        raise FrontMatterError(path, f"front matter: {_validation_problem(error)}") from None


def read_sidecar(path: Path) -> ArticleMeta:
    """The metadata in a sidecar file; every key must be one ArticleMeta knows."""
    import yaml

    try:
        loaded = yamltext.load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as error:
        raise SidecarError(path, f"not UTF-8 text (byte {error.start})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SidecarError(
            path, f"malformed YAML: {_yaml_problem(error)}",
            line=mark.line + 1 if mark is not None else None,
        ) from None
    if loaded is None:
        return ArticleMeta()
    if not isinstance(loaded, dict):
        raise SidecarError(path, f"expected a mapping of metadata, found {type(loaded).__name__}",
                           line=1)
    try:
        return ArticleMeta.from_mapping({str(key): value for key, value in loaded.items()})
    except (ValidationError, ValueError) as error:
        raise SidecarError(path, _validation_problem(error),
                           line=_key_line(path, _failed_key(error))) from None


def _yaml_problem(error: Exception) -> str:
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return str(problem)


def _failed_key(error: Exception) -> str | None:
    if isinstance(error, MetaValueError):
        return error.key
    if isinstance(error, ValidationError) and error.errors():
        location = error.errors()[0]["loc"]
        return str(location[0]) if location else None
    return None


def _validation_problem(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "metadata"
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            allowed = ("title, outlet, author(s), translator(s), date, url, lang, region, "
                       "currency, notes")
            message = f"unknown key (allowed: {allowed})"
        more = len(error.errors()) - 1
        return f"{key}: {message}" + (f" (and {more} more)" if more else "")
    return str(error)


def _key_line(path: Path, key: str | None) -> int | None:
    """The line of a top-level key in a YAML file, so errors point at it."""
    if key is None:
        return None
    if key == "published":
        key = "date"
    pattern = re.compile(rf"^{re.escape(key)}\s*:", re.M)
    text = path.read_text(encoding="utf-8-sig")
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _title_from_text(body: str) -> str | None:
    """A short first line (or Markdown heading) stands in for a missing title."""
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line or line.startswith("!["):
            continue
        return line if len(line) <= 80 else None
    return None
