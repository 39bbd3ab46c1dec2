"""What every command shares: the one error handler and the --format option."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any

import click

# Kept here (not imported from claimtrack.export) so --help never imports the renderers.
LISTING_FORMATS = ("table", "json", "jsonl", "csv")


class ClaimtrackGroup(click.Group):
    """A group that prints claimtrack's errors as one line and exits non-zero."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            # The reader (head, less) went away: stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except Exception as error:  # the one place errors become exit codes
            if (ctx.obj or {}).get("debug"):
                raise
            click.echo(f"claimtrack: error: {one_line(error)}", err=True)
            ctx.exit(exit_code_for(error))


def exit_code_for(error: BaseException) -> int:
    from claimtrack.errors import ClaimtrackError

    if isinstance(error, ClaimtrackError):
        return error.exit_code
    return 70  # EX_SOFTWARE: a bug in claimtrack, not the user's mistake


def one_line(error: BaseException) -> str:
    from claimtrack.errors import ClaimtrackError

    text = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, ClaimtrackError):
        return text
    if type(error).__module__.startswith("sqlalchemy"):
        # Driver errors carry the SQL and a link on later lines; the first sentence is enough.
        text = str(error).strip().splitlines()[0]
        return f"database: {text}"
    return f"internal error ({type(error).__name__}: {text}); rerun with --debug for the traceback"


def format_option(default: str = "table", formats: tuple[str, ...] = LISTING_FORMATS) -> Callable:
    """The --format option every listing command shares."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default=default,
        show_default=True,
        help="Output format.",
    )


def tolerance_option(function: Callable) -> Callable:
    """The --tolerance option of the commands that cross-check figures."""
    return click.option(
        "--tolerance", type=click.FloatRange(min=0, max=1), default=0.05, show_default=True,
        help="Relative tolerance of approximate figures (约, about).",
    )(function)


def db_from(ctx: click.Context) -> str | None:
    """The --db value the root command received."""
    return ctx.find_root().obj["db"]


def pass_db(function: Callable) -> Callable:
    """Give a command the --db value as its ``db`` argument."""

    @click.pass_context
    @functools.wraps(function)
    def wrapper(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        return function(*args, db=db_from(ctx), **kwargs)

    return wrapper
