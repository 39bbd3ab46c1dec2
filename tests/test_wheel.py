"""An installed wheel carries its migrations and taxonomy and works outside the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from this checkout, unpacked as site-packages would hold it."""
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(out)],
        capture_output=True, text=True,
    )
    if build.returncode != 0:
        pytest.fail(f"wheel build failed: {build.stderr[-2000:]}")
    [wheel] = out.glob("claimtrack-*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("CLAIMTRACK_DB", None)
    return subprocess.run([sys.executable, "-m", "claimtrack", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_wheel_ships_migrations_and_taxonomy(installed):
    bundled = installed / "claimtrack" / "_bundled"
    assert (bundled / "alembic" / "env.py").is_file()
    assert list((bundled / "alembic" / "versions").glob("0001_*.py"))
    assert (bundled / "data" / "topics.yaml").stat().st_size > 0
    assert (bundled / "data" / "entities.yaml").stat().st_size > 0


def test_wheel_migrates_and_ingests_outside_the_repository(installed, tmp_path):
    probe = subprocess.run(
        [sys.executable, "-c", "import claimtrack.resources as r; print(r.migrations_dir())"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip().startswith(str(installed))

    upgraded = _run(installed, tmp_path, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "claimtrack.db").exists()
    ingested = _run(installed, tmp_path, "ingest", str(SEEDS))
    assert ingested.returncode == 0, ingested.stderr
    listed = _run(installed, tmp_path, "articles", "--format", "json")
    assert len(json.loads(listed.stdout)) == 5


def test_wheel_extracts_with_its_own_language_data(installed, tmp_path):
    article = tmp_path / "note.txt"
    article.write_text("英伟达股价暴跌17%，市值蒸发近6000亿美元。", encoding="utf-8")
    result = _run(installed, tmp_path, "extract", str(article))
    assert result.returncode == 0, result.stderr
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(c["surface"], c["subject"], c["topic"]) for c in claims] == [
        ("17%", "Nvidia", "share_price_change"),
        ("近6000亿美元", "Nvidia", "market_value_change"),
    ]


def test_wheel_runs_the_demo_outside_the_repository(installed, tmp_path):
    result = _run(installed, tmp_path, "--db", str(tmp_path / "demo.db"), "demo")
    assert result.returncode == 0, result.stderr
    assert "004_130b86545e55295d.yaml: 18 added" in result.stdout
    assert "consistent_bound" in result.stdout
    bundled = installed / "claimtrack" / "_bundled"
    assert (bundled / "data" / "rates.yaml").is_file()
    assert len(list((bundled / "seeds").glob("*.txt"))) == 5
    report = _run(installed, tmp_path, "--db", str(tmp_path / "demo.db"), "report", "-o", "site")
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "site" / "topics" / "training_cost.html").read_text(encoding="utf-8")
    assert '<svg class="chart"' in page and "不到600万美元" in page  # templates shipped
