"""Data built from an installed file, kept in a marshal file in the temporary folder.

jieba's word tags and its part-of-speech HMM tables take most of a second to read
from jieba's own files; a marshal copy named after the source's size and time
loads in a fraction of that, and is rebuilt when jieba's files change. The copy is
read as bytes: ``marshal.load`` on an open file reads it in small pieces, three to
five times slower than ``marshal.loads`` of its bytes.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cached(name: str, source: Path, build: Callable[[], Any]) -> Any:
    """``build()``, or its copy kept for ``source`` as it is now under ``name``."""
    stat = source.stat()
    copy = Path(tempfile.gettempdir()) / (
        f"claimtrack-{name}-{stat.st_size}-{int(stat.st_mtime)}.marshal")
    try:
        return marshal.loads(copy.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    try:
        partial = copy.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(data))
        partial.replace(copy)  # atomic: a concurrent reader sees all of it or none
    except OSError:
        pass  # a read-only temporary folder: build it again next time
    return data
