"""What every command shares: the error handler, exit codes, --format, and paging."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable
from typing import Any

import click

# Every listing command offers these four, meaning the same everywhere: a rich table
# for people; one JSON array; one JSON object per line; CSV with a header row.
# Some add formats of their own after them (markdown, html).
# Kept here (not imported from claimtrack.export) so --help never imports the renderers.
LISTING_FORMATS = ("table", "json", "jsonl", "csv")

# Exit codes, documented in the README's table; tests/test_exit_codes.py pins each.
EXIT_OK = 0
EXIT_ERROR = 1  # the user's input, a file or the database is wrong; one line says which
EXIT_USAGE = 2  # click's own: an unknown option, a bad choice, a missing argument
EXIT_CONFLICT = 3  # `conflicts --fail-on-conflict` found a conflict
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in claimtrack, not the user's mistake


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
            ctx.exit(EXIT_ERROR)
        except Exception as error:  # the one place errors become exit codes
            if (ctx.obj or {}).get("debug"):
                raise
            click.echo(f"claimtrack: error: {one_line(error)}", err=True)
            ctx.exit(exit_code_for(error))


def exit_code_for(error: BaseException) -> int:
    from claimtrack.errors import ClaimtrackError

    if isinstance(error, ClaimtrackError):
        return error.exit_code
    return EXIT_INTERNAL


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


class _TerminalBuffer(io.StringIO):
    """Output held for the pager; says it is a terminal so rich keeps colours and width."""

    def isatty(self) -> bool:
        return True


def paged(function: Callable) -> Callable:
    """Page a listing command's output when it is longer than the terminal.

    Only when standard input and output are both a terminal: piped or redirected
    output is written as it comes and never paged. The pager is $PAGER (else
    less, with colours).
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return function(*args, **kwargs)
        import contextlib
        import shutil

        buffer = _TerminalBuffer()
        real_stdout = sys.stdout
        try:
            with contextlib.redirect_stdout(buffer):
                return function(*args, **kwargs)
        finally:  # also when the command exits with a code (--fail-on-conflict)
            text = buffer.getvalue()
            if text.count("\n") >= shutil.get_terminal_size().lines:
                click.echo_via_pager(text.removesuffix("\n"))
            else:
                real_stdout.write(text)
                real_stdout.flush()

    return wrapper
