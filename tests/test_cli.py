"""The command line as a whole: help, version, start-up imports, db commands, errors."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from sqlalchemy import text

from claimtrack import __version__
from claimtrack.cli import main
from claimtrack.config import describe_url
from claimtrack.db import migrate
from claimtrack.db.session import engine_for
from tests.conftest import SEEDS


def _all_commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _all_commands(command, (*prefix, name))


def test_help_lists_every_command_with_one_line():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name, command in main.commands.items():
        line = next(line for line in result.output.splitlines() if line.strip().startswith(name))
        assert command.get_short_help_str(limit=200) in " ".join(line.split()[1:]) or len(
            line.split()) > 1
    for path, command in _all_commands(main):
        assert command.help, f"{' '.join(path)} has no help"


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"claimtrack, version {__version__}"


def _imported_after(args: list[str], watched: tuple[str, ...]) -> tuple[str, list[str]]:
    """Run the CLI with ``args`` in a new interpreter: (its output, the watched modules it
    imported, by package name or module prefix)."""
    probe = (
        "import json, sys\n"
        "from claimtrack.cli import main\n"
        f"try:\n    main({args!r}, prog_name='claimtrack')\nexcept SystemExit:\n    pass\n"
        f"watched = {watched!r}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in watched "
        "or m.startswith(watched))\n"
        "print(json.dumps(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    return result.stdout, json.loads(result.stderr)


def test_help_imports_no_database_alembic_rich_jinja_or_extractor():
    output, heavy = _imported_after(["--help"], (
        "sqlalchemy", "alembic", "rich", "pydantic", "yaml", "jinja2", "claimtrack.db",
        "claimtrack.extract", "claimtrack.api", "claimtrack.export", "claimtrack.report"))
    assert "Usage: " in output
    assert heavy == []


def test_reading_commands_import_no_orm_pydantic_alembic_yaml_or_extractor(sqlite_cli, db_path):
    """The read path of an SQLite file: one SELECT checks the schema, plain SQL through the
    standard library's sqlite3 reads the rows (no SQLAlchemy, no ORM), the records are plain
    objects (no pydantic), the taxonomy files are not read (no YAML), nothing extracts, and
    rich is imported only to draw a table."""
    assert sqlite_cli("ingest", "-q", str(SEEDS)).exit_code == 0
    assert sqlite_cli("curate", "import", str(SEEDS.parent / "data" / "curated")).exit_code == 0
    not_needed = ("sqlalchemy", "pydantic", "alembic", "yaml", "claimtrack.extract",
                  "claimtrack.schemas", "claimtrack.records", "claimtrack.taxonomy",
                  "claimtrack.curation", "claimtrack.db.models", "claimtrack.db.session")
    db = ["--db", str(db_path)]
    output, heavy = _imported_after([*db, "claims", "--limit", "5"], (*not_needed, "rich"))
    assert len([line for line in output.splitlines() if line.startswith("│ ") and
                line.split()[1].isdigit()]) == 5
    assert "rich" in heavy  # the probe does see what the command imports: the table's rich
    assert [name for name in heavy if not name.startswith("rich")] == []
    for args in (["claims", "--topic", "训练成本", "--search", "DeepSeek", "--limit", "5",
                  "--format", "csv"],
                 ["claims", "--subject", "輝達", "--since", "2025", "--format", "json"],
                 ["topics", "--format", "csv"], ["entities", "--format", "jsonl"]):
        output, heavy = _imported_after([*db, *args], (*not_needed, "rich"))
        assert output.strip() and heavy == [], args
    for command in ("topics", "entities"):
        output, heavy = _imported_after([*db, command], not_needed)
        assert "training_cost" in output or "DeepSeek" in output
        assert heavy == [], command


def test_completion_imports_no_sqlalchemy_pydantic_or_rich(sqlite_cli, db_path, monkeypatch):
    """One TAB runs claimtrack once: names come through sqlite3 alone."""
    assert sqlite_cli("ingest", "-q", str(SEEDS)).exit_code == 0
    monkeypatch.setenv("_CLAIMTRACK_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", f"claimtrack --db {db_path} claims --topic train")
    monkeypatch.setenv("COMP_CWORD", "5")
    output, heavy = _imported_after([], ("sqlalchemy", "pydantic", "rich", "yaml",
                                         "claimtrack.api", "claimtrack.extract"))
    assert "training_cost" in output
    assert heavy == []


def test_db_commands(cli, db_url):
    result = cli("db", "current")
    assert result.exit_code == 0
    assert f"{describe_url(db_url)}: empty" in result.stdout

    result = cli("db", "upgrade")
    assert result.exit_code == 0
    assert f"upgraded from empty to {migrate.HEAD_REVISION}" in result.stdout
    assert "already at revision" in cli("db", "upgrade").stdout
    assert f"{migrate.HEAD_REVISION} (newest)" in cli("db", "current").stdout

    history = cli("db", "history").stdout
    assert history.splitlines()[0].startswith(migrate.HEAD_REVISION + "  ")

    refused = cli("db", "downgrade", "base", input="n\n")
    assert refused.exit_code == 1
    assert migrate.current_revision(engine_for(db_url)) == migrate.HEAD_REVISION

    result = cli("db", "downgrade", "base", "--yes")
    assert result.exit_code == 0
    assert migrate.current_revision(engine_for(db_url)) is None


def test_any_command_brings_a_new_database_to_head(cli, db_url):
    result = cli("articles", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert migrate.current_revision(engine_for(db_url)) == migrate.HEAD_REVISION


def test_a_database_from_a_newer_claimtrack_is_refused_in_one_line(cli, db_url):
    cli("db", "upgrade")
    engine = engine_for(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'abc123'"))
    result = cli("ingest", str(SEEDS))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "abc123" in result.stderr and "newer claimtrack" in result.stderr
    assert "Traceback" not in result.output


def test_db_option_env_var_and_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["articles"]).exit_code == 0
    assert (tmp_path / "claimtrack.db").exists()
    monkeypatch.setenv("CLAIMTRACK_DB", str(tmp_path / "from-env.db"))
    assert runner.invoke(main, ["articles"]).exit_code == 0
    assert (tmp_path / "from-env.db").exists()
    url = f"sqlite:///{tmp_path / 'from-url.db'}"
    assert runner.invoke(main, ["--db", url, "articles"]).exit_code == 0
    assert (tmp_path / "from-url.db").exists()


def test_unreachable_database_is_one_line(cli):
    result = cli("articles", db="postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.exit_code == 1
    assert "cannot open database" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
