"""Hand curation through the real CLI: curated files, claim commands, export, re-extraction."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from sqlalchemy import func, select

from claimtrack.db.models import Claim as ClaimRow
from claimtrack.db.models import ReviewLog
from claimtrack.db.session import engine_for
from tests.conftest import REPO, SEEDS

CURATED = REPO / "data" / "curated"
GOLD = REPO / "tests" / "gold" / "seeds.yaml"


@pytest.fixture
def seeded(cli):
    assert cli("ingest", str(SEEDS)).exit_code == 0
    return cli


def _rows(cli, *args):
    result = cli("claims", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _count(db_url, model=ClaimRow) -> int:
    with engine_for(db_url).connect() as connection:
        return connection.execute(select(func.count(model.id))).scalar_one()


def test_import_twice_changes_nothing_the_second_time(seeded, db_url):
    first = seeded("curate", "import", str(CURATED))
    assert first.exit_code == 0, first.output
    assert "004_130b86545e55295d.yaml: 18 added, 0 changed, 0 left, 0 removed" in first.stdout
    claims, logs = _count(db_url), _count(db_url, ReviewLog)
    before = _rows(seeded)
    second = seeded("curate", "import", str(CURATED))
    assert "004_130b86545e55295d.yaml: 0 added, 0 changed, 18 left, 0 removed" in second.stdout
    assert (_count(db_url), _count(db_url, ReviewLog)) == (claims, logs)
    assert _rows(seeded) == before


def test_curated_claims_override_extracted_ones_at_their_span(seeded):
    article = "002_a30d2c9fff7fa017.txt"
    extracted = {row["surface"]: row for row in _rows(seeded, "--article", article)}
    assert extracted["第一"]["subject"] == "App Store"  # the extractor's reading
    seeded("curate", "import", str(CURATED))
    rows = _rows(seeded, "--article", article)
    by_surface = {row["surface"]: row for row in rows}
    # The extracted 第一 is hidden behind the curated one.
    assert len([row for row in rows if row["surface"] == "第一"]) == 1
    assert by_surface["第一"]["subject"] == "DeepSeek app"
    assert by_surface["第一"]["origin"] == "curated"
    assert by_surface["第一"]["curated_file"] == "002_a30d2c9fff7fa017.yaml"
    # What the file leaves unsaid comes from the extraction at the same span.
    assert by_surface["558万美元"]["attribution"] == "一些研究披露"
    training = _rows(seeded, "--topic", "训练成本")
    assert {("558万美元", "重要的是经济"), ("不到600万美元", "qq.com")} <= {
        (row["surface"], row["article"]["outlet"]) for row in training}


def test_a_file_with_a_missing_quote_applies_nothing_and_names_the_line(seeded, tmp_path, db_url):
    curated = tmp_path / "curated"
    curated.mkdir()
    text = (CURATED / "002_a30d2c9fff7fa017.yaml").read_text(encoding="utf-8")
    broken = text.replace("- quote: 53天", "- quote: 54天")
    (curated / "002.yaml").write_text(broken, encoding="utf-8")
    line = next(number for number, content in enumerate(broken.splitlines(), 1)
                if "quote: 54天" in content)
    claims = _count(db_url)
    result = seeded("curate", "import", str(curated))
    assert result.exit_code == 1
    assert f"002.yaml:{line}: quote '54天' is not in article 002_a30d2c9fff7fa017.txt" in (
        result.stderr)
    assert "Traceback" not in result.output
    assert _count(db_url) == claims  # the claims before the bad one were not kept either


@pytest.mark.parametrize(("change", "message"), [
    (("  kind: money", "  kind: money\n  colour: red"), "unknown key"),
    (("  subject: DeepSeek-V3", "  subject: DeepSeak"), "unknown subject 'DeepSeak'"),
    (("  topic: training_cost", "  topic: trainingcost"), "unknown topic 'trainingcost'"),
    (("  file: 002_a30d2c9fff7fa017.txt", "  file: 999.txt"), "article 999.txt is not in"),
    (("claims:", "claims: {"), "malformed YAML"),
])
def test_bad_curated_files_are_one_line_errors(seeded, tmp_path, change, message):
    text = (CURATED / "002_a30d2c9fff7fa017.yaml").read_text(encoding="utf-8")
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(*change, 1), encoding="utf-8")
    result = seeded("curate", "import", str(path))
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("claimtrack")]
    assert len(error_lines) == 1 and "bad.yaml" in error_lines[0] and message in error_lines[0]


def test_removing_a_claim_from_its_file_removes_it_and_shows_the_extraction_again(
        seeded, tmp_path):
    curated = tmp_path / "curated"
    curated.mkdir()
    shutil.copy(CURATED / "002_a30d2c9fff7fa017.yaml", curated)
    seeded("curate", "import", str(curated))
    data = yaml.safe_load((curated / "002_a30d2c9fff7fa017.yaml").read_text(encoding="utf-8"))
    data["claims"] = [claim for claim in data["claims"] if claim["quote"] != "第一"]
    (curated / "002_a30d2c9fff7fa017.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = seeded("curate", "import", str(curated))
    assert "0 added, 0 changed, 8 left, 1 removed" in result.stdout
    [first] = [row for row in _rows(seeded) if row["surface"] == "第一"
               and row["article"]["outlet"] == "重要的是经济"]
    assert first["origin"] == "extracted" and first["subject"] == "App Store"


def test_claim_commands_write_the_review_log(seeded):
    [claim] = [row for row in _rows(seeded, "--subject", "Nvidia") if row["surface"] == "17%"]
    claim_id = str(claim["id"])
    assert seeded("claim", "verify", claim_id, "--note", "matches the close").exit_code == 0
    assert "already verified" in seeded("claim", "verify", claim_id).stdout
    edited = seeded("claim", "edit", claim_id, "--period", "2025-01-27", "--subject", "英伟达")
    assert edited.stdout.strip() == f"claim {claim_id}: changed period"
    assert seeded("claim", "dispute", claim_id, "--note", "which day?").exit_code == 0
    history = json.loads(seeded("claim", "history", claim_id, "--format", "json").stdout)
    assert [(h["field"], h["old"], h["new"]) for h in history] == [
        ("status", "unreviewed", "verified"), ("period", None, "2025-01-27"),
        ("status", "verified", "disputed")]
    assert history[0]["note"] == "matches the close"
    [row] = _rows(seeded, "--status", "disputed")
    assert row["period_start"] == "2025-01-27" and row["id"] == claim["id"]
    assert seeded("claim", "reject", "99999").exit_code == 1
    bad = seeded("claim", "edit", claim_id, "--topic", "nonsense")
    assert bad.exit_code == 1 and "unknown topic 'nonsense'" in bad.stderr


def test_claim_add_then_export_and_import_into_a_fresh_database(seeded, tmp_path, cli):
    # The extractor leaves spelled small counts out; a person adds this one.
    added = seeded("claim", "add", "000_2a557d286c989814.txt", "三个", "--kind", "count",
                   "--value", "3", "--unit", "count", "--subject", "Joe Biden",
                   "--speaker", "侠客岛", "--note", "three tiers of chip-export control")
    assert added.exit_code == 0, added.output
    [claim] = _rows(seeded, "--speaker", "侠客岛")
    assert claim["origin"] == "curated" and claim["subject"] == "Joe Biden"
    twice = seeded("claim", "add", "000_2a557d286c989814.txt", "三个", "--kind", "count")
    assert twice.exit_code == 1
    assert f"claim {claim['id']} already stands for '三个' there" in twice.stderr
    [verified] = _rows(seeded, "--subject", "Nvidia", "--kind", "percent")
    seeded("claim", "verify", str(verified["id"]))
    out = tmp_path / "exported"
    exported = seeded("curate", "export", "--output", str(out))
    assert exported.exit_code == 0 and "2 files written" in exported.stdout
    written = yaml.safe_load((out / "004_130b86545e55295d.yaml").read_text(encoding="utf-8"))
    assert written["article"] == {"file": "004_130b86545e55295d.txt"}
    assert [(c["quote"], c.get("status")) for c in written["claims"]] == [("17%", "verified")]
    # Importing the export into the same database changes nothing...
    again = seeded("curate", "import", str(out))
    assert "004_130b86545e55295d.yaml: 0 added, 0 changed, 1 left, 0 removed" in again.stdout
    # ...and into a fresh one reproduces the hand changes.
    fresh = str(tmp_path / "fresh.db")
    assert cli("ingest", str(SEEDS), db=fresh).exit_code == 0
    imported = cli("curate", "import", str(out), db=fresh)
    assert imported.stdout.count("1 added") == 2
    rows = json.loads(cli("claims", "--speaker", "侠客岛", "--format", "json", db=fresh).stdout)
    assert [(row["surface"], row["value"], row["notes"]) for row in rows] == [
        ("三个", 3, "three tiers of chip-export control")]
    [nvidia] = json.loads(cli("claims", "--subject", "Nvidia", "--kind", "percent",
                              "--format", "json", db=fresh).stdout)
    assert nvidia["status"] == "verified"


def test_rejected_claims_are_hidden_unless_asked_for(seeded):
    [claim] = [row for row in _rows(seeded) if row["surface"] == "50 公里"]
    assert seeded("claim", "reject", str(claim["id"]), "--note", "a metaphor").exit_code == 0
    assert "50 公里" not in {row["surface"] for row in _rows(seeded)}
    assert [row["surface"] for row in _rows(seeded, "--status", "rejected")] == ["50 公里"]


def test_reextract_replaces_untouched_claims_and_links_to_kept_ones(seeded, db_url):
    [claim] = [row for row in _rows(seeded, "--subject", "Nvidia") if row["surface"] == "17%"]
    seeded("claim", "edit", str(claim["id"]), "--topic", "market_value_change")
    visible = len(_rows(seeded))
    result = seeded("reextract", "--all")
    assert result.exit_code == 0
    assert "article 5: 18 replaced, 18 added, 1 linked to kept claims, 1 kept" in result.stdout
    rows = _rows(seeded)
    assert len(rows) == visible  # no duplicates: the new 17% hides behind the edited one
    [kept] = [row for row in rows if row["surface"] == "17%"]
    assert kept["id"] == claim["id"] and kept["topic"] == "market_value_change"
    with engine_for(db_url).connect() as connection:
        linked = connection.execute(select(ClaimRow.id).where(
            ClaimRow.overridden_by_id == claim["id"])).all()
    assert len(linked) == 1
    assert seeded("reextract").exit_code == 2  # nothing named


# Where the desk knows more than the text says (each has a note in its curated file):
# the gold set scores the extractor on what the text says, the curated file is the record.
DESK_KNOWLEDGE = {("不到600万美元", "subject"): ("DeepSeek", "DeepSeek-V3")}


def test_curated_seed_files_read_the_seeds_as_the_gold_set_does():
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    for article in gold["articles"]:
        path = CURATED / (article["file"].rsplit(".", 1)[0] + ".yaml")
        curated = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert curated["article"] == {"file": article["file"]}
        keys = ("kind", "value", "unit", "subject", "topic", "speaker", "period", "direction")
        for want, have in zip(article["claims"], curated["claims"], strict=True):
            assert have["quote"] == want["surface"]
            for key in keys:
                if (want["surface"], key) in DESK_KNOWLEDGE:
                    assert (want.get(key), have.get(key)) == DESK_KNOWLEDGE[want["surface"], key]
                    assert "the desk" in have["note"]
                    continue
                assert have.get(key) == want.get(key), (path.name, want["surface"], key)
            # Stated even when null, so that the extractor's reading does not fill them in.
            assert {"subject", "topic", "speaker"} <= set(have), (path.name, want["surface"])
