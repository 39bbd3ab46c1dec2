"""The Jinja2 environment every claimtrack HTML page is rendered with: ``render(name, **context)``.

Jinja2 (rather than string.Template) because the pages loop over groups, rows
and segments and share a layout and macros, and because it escapes every value
by default: text from an article becomes markup only if a template says
``|safe``, which none does. Templates live in templates/ beside this module
(shipped in the wheel); undefined names are errors, not empty strings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment():
    """The one Environment, built on first use (only commands that write HTML import Jinja2)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from claimtrack import __version__
    from claimtrack.crosscheck.intervals import number

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["number"] = number
    env.filters["web_link"] = web_link
    env.globals["version"] = __version__
    return env


def render(name: str, **context) -> str:
    """A template rendered with the context: render("compare.html", rows=..., title=...)."""
    return environment().get_template(name).render(**context)


def web_link(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None: a javascript: URL from metadata is no link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
