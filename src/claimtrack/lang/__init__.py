"""Language data: word lists and rules in YAML, read by the extractor's modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).resolve().parent


def read_rules(name: str, keys: set[str]) -> dict[str, Any]:
    """The mapping of lang/``name``, which must have exactly ``keys`` (a data file
    with an unknown or a missing key is an error naming the file)."""
    path = LANG_DIR / name
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    unknown, missing = set(data) - keys, keys - set(data)
    if unknown or missing:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    return data
