"""YAML as claimtrack reads it: safe, with dates left as text for claimtrack to judge.

PyYAML turns 2025-02-11 into a date and fails with a bare ValueError on
2025-02-30; claimtrack reads dates itself (parse_published, parse_period) so
that an impossible date is an error naming the file and the key.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _loader():
    """A safe loader without the timestamp resolver; libyaml's C parser where PyYAML has
    it (about ten times faster, which counts when ingest reads a sidecar per article)."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class DatesAsText(base):
        pass

    DatesAsText.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return DatesAsText


def safe_load(text: str) -> Any:
    """yaml.safe_load, through libyaml's C parser where PyYAML has it."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def load(text: str) -> Any:
    """Parse YAML text safely, leaving timestamps as strings."""
    import yaml

    return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
