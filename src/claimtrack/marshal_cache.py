"""Data built once and kept in a marshal file in the temporary folder, for later processes.

jieba's word tags and its part-of-speech HMM tables take most of a second to read
from jieba's own files; a marshal copy named after the source's size and time
loads in a fraction of that, and is rebuilt when jieba's files change. The copy is
read as bytes: ``marshal.load`` on an open file reads it in small pieces, three to
five times slower than ``marshal.loads`` of its bytes.

The grammar's analysis is kept the same way (:func:`remembering`): the regular
expressions built from the word lists and what claimtrack.extract.anchors works
out about each pattern are pure functions of their inputs, and computing them
took most of the grammar's 0.4 s build in every new process.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def file_stamp(path: Path) -> str:
    """A file's size and modification time, to name what is built from it."""
    stat = path.stat()
    return f"{stat.st_size}-{int(stat.st_mtime)}"


def code_stamp(paths: Iterable[Path]) -> str:
    """A hash of the files' text and the Python version, to name what code computes."""
    stamp = hashlib.blake2b(sys.version.encode(), digest_size=8)
    for path in paths:
        stamp.update(path.read_bytes())
    return stamp.hexdigest()


def cached(name: str, stamp: str, build: Callable[[], Any]) -> Any:
    """``build()``, or its copy kept under ``name`` and ``stamp`` (see file_stamp)."""
    copy = Path(tempfile.gettempdir()) / f"claimtrack-{name}-{stamp}.marshal"
    try:
        return marshal.loads(copy.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    _write(copy, data)
    return data


# --- Results of pure functions, kept across processes -------------------------

_remembered: dict[bytes, Any] | None = None  # what the file held, while a session is open
_used: dict[bytes, Any] = {}  # what this session looked up or computed
_missed = False


def remembered(kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept under ``kind`` and ``key`` while a :func:`remembering`
    session is open (outside one: just ``compute()``). ``compute`` must be a pure
    function of ``key`` and of the code that :func:`remembering` was given, and
    return what marshal stores (str, int, tuples, None...)."""
    global _missed
    if _remembered is None:
        return compute()
    digest = hashlib.blake2b(f"{kind}\0{key}".encode("utf-8", "surrogatepass"),
                             digest_size=16).digest()
    if digest in _used:
        return _used[digest]
    if digest in _remembered:
        value = _remembered[digest]
    else:
        value = compute()
        _missed = True
    _used[digest] = value
    return value


@contextmanager
def remembering(name: str, code: Iterable[Path]) -> Iterator[None]:
    """Keep what :func:`remembered` computes inside the block in a marshal file under
    ``name``, for the next process to read instead of computing it again.

    The file is named after a hash of the ``code`` files' text and the Python
    version, so a change to the code that computes the values starts a new one.
    It is rewritten, with only the values this block used, when the block computed
    any: values of data that changed since are dropped, not kept forever.
    """
    global _remembered, _used, _missed
    copy = Path(tempfile.gettempdir()) / f"claimtrack-{name}-{code_stamp(code)}.marshal"
    try:
        held = marshal.loads(copy.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        held = {}
    _remembered, _used, _missed = held if isinstance(held, dict) else {}, {}, False
    try:
        yield
        if _missed:
            _write(copy, _used)
    finally:
        _remembered, _used, _missed = None, {}, False


def _write(copy: Path, data: Any) -> None:
    try:
        partial = copy.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(data))
        partial.replace(copy)  # atomic: a concurrent reader sees all of it or none
    except OSError:
        pass  # a read-only temporary folder: compute it again next time
