"""Shell completion: `claimtrack completion bash|zsh|fish`, and names read from the database.

click completes commands and options by itself; the callbacks here add the
names stored in the database for --topic, --subject, --speaker and --outlet.
The shell runs claimtrack once per TAB, so they must be quick: an SQLite file is
read through the standard library's sqlite3, opened read-only (SQLAlchemy alone
takes 0.4 s to import, sqlite3 0.01 s); other databases go through SQLAlchemy.
Whatever goes wrong (no database file, an old schema, a server that does not
answer) completes nothing rather than printing a traceback into the prompt.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_CLAIMTRACK_COMPLETE"

# (name a user may type, what it stands for): every query is plain SQL that
# SQLite and PostgreSQL read alike.
_NAME_QUERIES = {
    "topic": ("SELECT topic_alias.alias, topic.key FROM topic_alias "
              "JOIN topic ON topic.id = topic_alias.topic_id",),
    # Subjects: the entities, and the names claims state that no entity is.
    "subject": ("SELECT entity_alias.alias, entity.name FROM entity_alias "
                "JOIN entity ON entity.id = entity_alias.entity_id",
                "SELECT DISTINCT subject_name, subject_name FROM claim "
                "WHERE subject_name IS NOT NULL AND subject_id IS NULL"),
    "speaker": ("SELECT entity_alias.alias, entity.name FROM entity_alias "
                "JOIN entity ON entity.id = entity_alias.entity_id",
                "SELECT DISTINCT speaker_name, speaker_name FROM claim "
                "WHERE speaker_name IS NOT NULL"),
    "outlet": ("SELECT DISTINCT outlet, outlet FROM article WHERE outlet IS NOT NULL",),
}


@click.command(short_help="Print the shell completion script for bash, zsh or fish.")
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL. It completes commands, options, and the
    topic, subject, speaker and outlet names stored in the database.

    \b
    bash:  claimtrack completion bash > ~/.claimtrack-complete.bash
           echo '. ~/.claimtrack-complete.bash' >> ~/.bashrc
    zsh:   claimtrack completion zsh > ~/.claimtrack-complete.zsh
           echo '. ~/.claimtrack-complete.zsh' >> ~/.zshrc
    fish:  claimtrack completion fish > ~/.config/fish/completions/claimtrack.fish
    """
    from click.shell_completion import get_completion_class

    complete = get_completion_class(shell)
    root = ctx.find_root().command
    click.echo(complete(root, {}, "claimtrack", COMPLETE_VAR).source())


def stored_names(db: str | None, what: str) -> list[tuple[str, str]]:
    """(name, canonical name) pairs of a kind stored in the database; [] if it cannot be read."""
    from claimtrack.config import database_url

    try:
        url = database_url(db)
        if url.startswith("sqlite:///"):
            return _sqlite_rows(url.removeprefix("sqlite:///"), _NAME_QUERIES[what])
        return _sqlalchemy_rows(url, _NAME_QUERIES[what])
    except Exception:  # completion must never break the prompt
        return []


def _sqlite_rows(path: str, queries: tuple[str, ...]) -> list[tuple[str, str]]:
    import sqlite3
    from pathlib import Path
    from urllib.parse import quote

    # mode=ro: a missing file is an error here, never a new empty database.
    uri = f"file:{quote(Path(path).as_posix())}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=1)
    try:
        return [tuple(row) for query in queries for row in connection.execute(query)]
    finally:
        connection.close()


def _sqlalchemy_rows(url: str, queries: tuple[str, ...]) -> list[tuple[str, str]]:
    from sqlalchemy import create_engine, text

    connect_args = {"connect_timeout": 2} if url.startswith("postgresql") else {}
    engine = create_engine(url, connect_args=connect_args)
    try:
        with engine.connect() as connection:
            return [tuple(row) for query in queries for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def _completer(what: str):
    def complete(ctx: click.Context, param: click.Parameter,
                 incomplete: str) -> list[CompletionItem]:
        db = ctx.find_root().params.get("db")
        typed = incomplete.casefold()
        items: dict[str, str] = {}
        for name, canonical in stored_names(db, what):
            if name and name.casefold().startswith(typed):
                items.setdefault(name, canonical)
        return [CompletionItem(name, help=None if items[name] == name else items[name])
                for name in sorted(items)]

    return complete


complete_topic = _completer("topic")
complete_subject = _completer("subject")
complete_speaker = _completer("speaker")
complete_outlet = _completer("outlet")

COMMANDS = [completion]
