"""One error hierarchy for everything a user can get wrong.

The CLI prints ``str(error)`` as a single line and exits non-zero; ``--debug``
shows the traceback. Messages name the file (and line or byte offset where one
helps) and, where there is one, the fix.
"""

from __future__ import annotations

from pathlib import Path


class ClaimtrackError(Exception):
    """Base of every error claimtrack raises on purpose."""

    exit_code = 1


class InputError(ClaimtrackError):
    """A file given to claimtrack cannot be used; names the file and where."""

    def __init__(
        self,
        path: str | Path,
        reason: str,
        *,
        line: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.offset = offset
        where = self.path
        if line is not None:
            where += f":{line}"
        elif offset is not None:
            where += f" (byte {offset})"
        super().__init__(f"{where}: {reason}")


class MissingPathError(InputError):
    """A path on the command line does not exist."""


class BinaryFileError(InputError):
    """The file holds binary data, not text."""


class TextDecodingError(InputError):
    """The bytes are not text in any encoding claimtrack reads."""


class EmptyFileError(InputError):
    """The file has no text (empty or only whitespace)."""


class FrontMatterError(InputError):
    """A Markdown file's YAML front matter is malformed or not a mapping."""


class SidecarError(InputError):
    """A metadata sidecar (NAME.meta.yaml) is malformed or has bad fields."""


class DataFileError(InputError):
    """A data file under data/ (topics, entities) is malformed."""


class MetadataError(ClaimtrackError):
    """A metadata value given on the command line is invalid."""


class DatabaseError(ClaimtrackError):
    """The database cannot be opened or is at a revision this version cannot use."""


class UnknownRevisionError(DatabaseError):
    """The database was made by a claimtrack this one does not know (newer?)."""


class OutdatedDatabaseError(DatabaseError):
    """The database is at an older known revision; `claimtrack db upgrade` fixes it."""


class UnknownNameError(ClaimtrackError):
    """A topic, entity, speaker or article the database does not know; suggests near names."""

    def __init__(self, what: str, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {what} {name!r}{hint}")


class UnknownClaimError(ClaimtrackError):
    """No claim has this id."""

    def __init__(self, claim_id: int) -> None:
        super().__init__(f"no claim with id {claim_id}; `claimtrack claims` lists them")
