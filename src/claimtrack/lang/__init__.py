"""Language data: word lists and rules in YAML, read by the extractor's modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

LANG_DIR = Path(__file__).resolve().parent


def read_rules(name: str | Path, keys: set[str] | None) -> dict[str, Any]:
    """The mapping of lang/``name`` (or of the file ``name`` when a Path), which must
    have exactly ``keys`` (a data file with an unknown or a missing key, or a bare
    yes/no/on/off in a word list, is an error naming the file). ``keys`` None: a
    reader of a few keys of a file another module owns and checks."""
    import yaml  # here, not at the top: read commands import claimtrack.lang.hanzi

    path = name if isinstance(name, Path) else LANG_DIR / name
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    unknown, missing = (set(), set()) if keys is None else (set(data) - keys, keys - set(data))
    if unknown or missing:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    for key, value in data.items():
        # YAML reads a bare on, off, yes or no as true or false: a word list must quote them.
        if isinstance(value, list) and any(isinstance(item, bool) for item in value):
            raise ValueError(f"{path}: {key} holds a bare yes/no/on/off; quote it")
    return data
