"""Safe output and a fuzzed curated-file loader: article text never becomes markup or a
formula, and any YAML either imports whole or fails with one line."""

from __future__ import annotations

import csv
import io

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack import api
from claimtrack.cli import main
from tests.conftest import SEEDS
from tests.support.browser import dump_dom

FORMULA = "=HYPERLINK(\"http://x\",\"y\")"


@pytest.fixture
def hostile(cli, tmp_path):
    """The seeds plus an article whose outlet, title and text try to be formulas and markup."""
    assert cli("ingest", str(SEEDS)).exit_code == 0
    article = tmp_path / "hostile.txt"
    article.write_text(f"{FORMULA} 英伟达市值蒸发4000亿美元<script>document.title='pwned'"
                       "</script>。\n", encoding="utf-8")
    (tmp_path / "hostile.meta.yaml").write_text(
        "outlet: '+cmd|'' /C calc''!A0'\ntitle: '@SUM(1+1)'\ndate: 2025-01-28\n",
        encoding="utf-8")
    assert cli("ingest", str(article)).exit_code == 0
    return cli


def test_csv_exports_neutralise_formulas(hostile):
    outputs = {
        "claims": hostile("claims", "--format", "csv").stdout,
        "conflicts": hostile("conflicts", "--all", "--format", "csv").stdout,
        "compare": hostile("compare", "market_value_change", "--format", "csv").stdout,
        "articles": hostile("articles", "--format", "csv").stdout,
    }
    for name, text in outputs.items():
        cells = [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]
        dangerous = [cell for cell in cells if cell[:1] in ("=", "+", "@")
                     or (cell[:1] == "-" and not _number(cell))]
        assert dangerous == [], (name, dangerous)
        assert any(cell.startswith("'+cmd") or cell.startswith("'=HYPERLINK") or
                   cell.startswith("'@SUM") for cell in cells), name


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_html_export_escapes_article_text_and_no_script_runs(hostile, tmp_path):
    page = tmp_path / "page.html"
    hostile("compare", "market_value_change", "--format", "html", "--output", str(page))
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;" in html
    dom = dump_dom(page, tmp_path / "profile")
    assert "pwned" not in dom.split("</title>")[0]  # the title was not rewritten
    assert "<script" not in dom


# --- the curated-file loader under fuzzing ------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**15),
                    st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=12), st.sampled_from(["558万美元", "不到600万美元", "53天",
                                                           "money", "count", "DeepSeek-V3",
                                                           "training_cost", "2025-02-30",
                                                           "2025-03", "exact", "range"]))
keys = st.sampled_from(["quote", "kind", "value", "unit", "qualifier", "low", "high",
                        "subject", "topic", "period", "speaker", "status", "occurrence",
                        "colour", "note", "article"])
claim_items = st.dictionaries(keys, scalars, max_size=8)
documents = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.fixed_dictionaries({"article": st.one_of(
        st.just({"file": "002_a30d2c9fff7fa017.txt"}), st.just({"file": "nope.txt"}),
        st.just({}), scalars),
        "claims": st.one_of(st.lists(claim_items, max_size=4), scalars)}),
)


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}"
    api.ingest([SEEDS], db=url)
    return url


def _state(url):
    claims = api.find_claims(db=url, status=None)
    return sorted((c.id, c.surface, c.value, c.subject, c.topic, c.origin) for c in claims)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents)
def test_any_yaml_imports_whole_or_fails_in_one_line(fuzz_db, tmp_path_factory, document):
    folder = tmp_path_factory.mktemp("doc")
    path = folder / "fuzz.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    before = _state(fuzz_db)
    result = api.curate_import(path, db=fuzz_db)
    if result.errors:
        [error] = result.errors
        assert "\n" not in error and "fuzz.yaml" in error
        assert _state(fuzz_db) == before  # nothing half-imported
    else:
        [report] = result.reports
        expected = len(document["claims"])
        assert len(report.added) + len(report.changed) + len(report.left) == expected
    # The command line says the same in one line and exits 1 when the file failed.
    cli = CliRunner().invoke(main, ["--db", fuzz_db, "curate", "import", str(path)])
    assert cli.exit_code == (1 if result.errors else 0) and "Traceback" not in cli.output
