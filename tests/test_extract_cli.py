"""`claimtrack extract` through the real CLI: formats, offsets, metadata, standard input, errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from claimtrack.cli import main
from tests.conftest import SEEDS


def _run(*args: str, input: str | None = None):
    # A wide terminal, so that table cells are not folded across lines.
    return CliRunner().invoke(main, ["extract", *args], input=input, env={"COLUMNS": "200"})


def test_jsonl_offsets_index_the_whole_file_front_matter_included():
    path = next(SEEDS.glob("004_*.txt"))
    text = path.read_text(encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert claims, "seed 004 states figures"
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["surface"]
        assert claim["article"] == str(path)
        assert claim["extractor"].startswith("claimtrack-rules/")
    # Nothing from the front matter (its date, its thumbnail URL) is a claim.
    body_start = text.index("\n---", 3) + 4
    assert all(claim["start"] >= body_start for claim in claims)
    by_surface = {claim["surface"]: claim for claim in claims}
    assert by_surface["不到600万美元"]["qualifier"] == "upper_bound"
    assert by_surface["不到600万美元"]["high"] == 6_000_000
    assert by_surface["近6000亿美元"]["topic"] == "market_value_change"


def test_sidecar_date_resolves_relative_months_and_author_speaks_by_default():
    path = next(SEEDS.glob("003_*.txt"))
    claims = [json.loads(line) for line in _run(str(path)).stdout.splitlines()]
    downloads = next(c for c in claims if c["surface"] == "2430萬次")
    assert downloads["period"] == "2025-03"
    assert downloads["speaker"] == "Hugging Face"
    # The download ranking of the next sentence goes on Hugging Face's data; a figure
    # no source is near is the sidecar's author's.
    assert next(c for c in claims if c["surface"] == "6600萬次")["speaker"] == "Hugging Face"
    unattributed = next(c for c in claims if c["surface"] == "8萬億美元")
    assert unattributed["speaker"] == "Parmy Olson"  # the sidecar's author


def test_standard_input_with_date_option():
    result = _run("-", "--date", "2025-04-10", input="该模型3月下载量达2430万次。\n")
    assert result.exit_code == 0, result.output
    [claim] = [json.loads(line) for line in result.stdout.splitlines()]
    assert claim["article"] == "-"
    assert (claim["value"], claim["unit"], claim["unit_text"]) == (24_300_000, "count", "次")
    assert (claim["period_start"], claim["period_end"]) == ("2025-03-01", "2025-03-31")


def test_json_csv_and_table_formats():
    path = str(next(SEEDS.glob("002_*.txt")))
    as_json = json.loads(_run(path, "--format", "json").stdout)
    assert any(c["surface"] == "558万美元" for c in as_json)
    csv_lines = _run(path, "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("surface,value,unit,qualifier,subject,topic,period,speaker")
    assert len(csv_lines) == len(as_json) + 1
    table = _run(path, "--format", "table").stdout
    assert "558万美元" in table and "DeepSeek-V3" in table


def test_missing_and_binary_files_are_one_line_errors(tmp_path):
    missing = _run(str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1
    assert missing.stderr.strip().endswith("nope.txt: no such file or folder")
    assert len(missing.stderr.strip().splitlines()) == 1
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02")
    result = _run(str(binary))
    assert result.exit_code == 1
    assert "binary file" in result.stderr and "Traceback" not in result.output


def test_bad_date_option_is_one_line():
    result = _run("-", "--date", "2025-02-30", input="x")
    assert result.exit_code == 1
    assert "impossible date" in result.stderr
