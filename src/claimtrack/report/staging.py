"""Write a folder whole or not at all: ``with staged_folder(target) as stage: stage.write(...)``.

Pages are written into a fresh hidden folder beside the target, on the same
file system; only when every page is written does it take the target's name
(an existing report is moved aside first and then deleted). A run that fails
or is killed part-way leaves the previous report as it was; a killed run may
leave its hidden staging folder (``.NAME.partial-*``) behind, which is safe to
delete. A target that exists but is no claimtrack report (it has no MARKER
file) and is not empty is refused, never overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimtrack.errors import InputError

MARKER = ".claimtrack-report"


class Stage:
    """The staging folder pages are written into."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written = 0

    def write(self, relative: str, text: str) -> None:
        """Write one UTF-8 file at a path relative to the folder (its folders are made)."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        self.written += 1


@contextmanager
def staged_folder(target: Path) -> Iterator[Stage]:
    """A Stage that replaces ``target`` when the block ends without an error."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise InputError(target, "exists and is not a folder; give a folder for the report")
    if target.is_dir() and not (target / MARKER).exists() and any(target.iterdir()):
        raise InputError(target, "is a folder that is not empty and holds no claimtrack report; "
                                 "give a new or empty folder")
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        root = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=parent))
    except OSError as error:
        raise InputError(target, f"cannot write here: {error.strerror}") from None
    try:
        stage = Stage(root)
        yield stage
        (root / MARKER).write_text("Made by claimtrack report; the whole folder is replaced "
                                   "by the next run.\n", encoding="utf-8")
        os.chmod(root, 0o755)  # mkdtemp makes it private; a report is for reading
        if target.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
            os.replace(target, old / "site")
            os.replace(root, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(root, target)  # an empty folder is replaced too
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
