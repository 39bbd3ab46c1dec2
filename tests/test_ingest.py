"""Ingest through the real CLI on real seed articles and real SQLite files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from claimtrack import api
from claimtrack.db.models import Article
from claimtrack.db.models import Claim as ClaimRow
from claimtrack.db.session import engine_for, session_scope
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _articles(cli) -> list[dict]:
    result = cli("articles", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _snapshot(db_url: str) -> list[tuple]:
    engine = engine_for(db_url)
    with session_scope(engine) as session:
        rows = session.scalars(select(Article).order_by(Article.id)).all()
        return [
            (a.id, a.title, a.outlet, a.authors, a.published, a.url, a.content_hash,
             a.updated_at, a.ingested_at)
            for a in rows
        ]


def test_ingest_seeds_stores_every_article_with_its_sidecar_metadata(cli):
    result = cli("ingest", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "5 files: 5 added, 0 updated, 0 unchanged, 0 failed" in result.stdout
    by_file = {Path(a["source_path"]).name[:3]: a for a in _articles(cli)}
    assert set(by_file) == {"000", "001", "002", "003", "004"}

    assert by_file["000"]["outlet"] == "侠客岛"
    assert by_file["000"]["authors"] == ["无忌"]
    assert (by_file["000"]["published"], by_file["000"]["published_precision"]) == (
        "2025-02", "month")
    assert by_file["001"]["title"] == "DeepSeek:一场悲剧的预言?"
    assert by_file["001"]["authors"] == ["Jordan Schneider", "Angela Shen"]
    assert by_file["001"]["translators"] == ["苏利文"]
    assert by_file["002"]["authors"] == ["徐瑾"]
    assert by_file["003"]["language"] == "zh-Hant"
    assert by_file["003"]["authors"] == ["Parmy Olson"]
    assert by_file["003"]["published"] == "2025-04"
    assert by_file["004"]["url"] == "https://new.qq.com/rain/a/20250211A088XY00"
    assert (by_file["004"]["published"], by_file["004"]["published_precision"]) == (
        "2025-02-11", "day")
    for code in ("000", "001", "002", "004"):
        assert by_file[code]["language"] == "zh-Hans"


def test_stored_text_is_the_file_exactly_and_the_body_skips_front_matter(cli, db_url):
    assert cli("ingest", str(SEEDS)).exit_code == 0
    engine = engine_for(db_url)
    with session_scope(engine) as session:
        stored = {Path(a.source_path).name: a for a in session.scalars(select(Article))}
        for path in SEED_FILES:
            article = stored[path.name]
            assert article.text == path.read_text(encoding="utf-8")
            assert article.encoding == "utf-8"
        with_front_matter = stored["004_130b86545e55295d.txt"]
        assert with_front_matter.text.startswith("---\ntitle:")
        body = with_front_matter.text[with_front_matter.body_start:]
        assert "---" not in body[:5] and "DeepSeek" in body
        assert "thumbnail:" not in body
        assert stored["000_2a557d286c989814.txt"].body_start == 0


def test_rerunning_ingest_changes_nothing(cli, db_url):
    assert cli("ingest", str(SEEDS)).exit_code == 0
    before = _snapshot(db_url)
    again = cli("ingest", str(SEEDS))
    assert again.exit_code == 0
    assert "5 files: 0 added, 0 updated, 5 unchanged, 0 failed" in again.stdout
    assert _snapshot(db_url) == before


def big5_safe_traditional() -> str:
    """Seed 003 with 税 脱 説 (which no Big5 variant encodes) in their usual forms.

    The result still needs Big5-HKSCS (for 裏 峯 羣 着); claimtrack reports it as big5.
    """
    text = (SEEDS / "003_34b45116da6dbc12.txt").read_text("utf-8")
    return text.translate(str.maketrans("税脱説", "稅脫說"))


def test_same_text_at_another_path_or_encoding_is_one_article(cli, tmp_path, db_url):
    assert cli("ingest", str(SEEDS)).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    simplified = SEEDS / "002_a30d2c9fff7fa017.txt"
    (elsewhere / "copy.txt").write_bytes(simplified.read_bytes())
    (elsewhere / "gb.txt").write_bytes(simplified.read_text("utf-8").encode("gb18030"))
    (elsewhere / "bom.txt").write_bytes(b"\xef\xbb\xbf" + simplified.read_bytes())
    result = cli("ingest", str(elsewhere))
    assert result.exit_code == 0, result.output
    assert "3 files: 0 added, 0 updated, 3 unchanged, 0 failed" in result.stdout
    assert len(_snapshot(db_url)) == 5

    traditional = big5_safe_traditional()
    (elsewhere / "trad-utf8.txt").write_text(traditional, "utf-8")
    (elsewhere / "trad-big5.txt").write_bytes(traditional.encode("big5hkscs"))
    result = cli("ingest", str(elsewhere / "trad-utf8.txt"), str(elsewhere / "trad-big5.txt"))
    assert "2 files: 1 added, 0 updated, 1 unchanged, 0 failed" in result.stdout


def test_a_legacy_encoded_article_is_decoded_and_detected(cli, tmp_path):
    traditional = big5_safe_traditional()
    path = tmp_path / "bloomberg-big5.txt"
    path.write_bytes(traditional.encode("big5hkscs"))
    result = cli("ingest", str(path))
    assert result.exit_code == 0, result.output
    [article] = _articles(cli)
    assert article["encoding"] == "big5"
    assert article["language"] == "zh-Hant"
    assert article["characters"] == len(traditional)


def test_sidecar_beats_front_matter_and_options_beat_both(cli, seeds_copy):
    article = seeds_copy / "004_130b86545e55295d.txt"
    sidecar = seeds_copy / "004_130b86545e55295d.meta.yaml"
    sidecar.unlink()
    assert cli("ingest", str(article)).exit_code == 0
    [stored] = _articles(cli)
    # Front matter alone: its title and its date (with time) at day precision.
    assert stored["title"] == "胡泳：DeepSeek给我们带来怎样的世界？"
    assert stored["published"] == "2025-02-11"
    assert stored["outlet"] is None

    sidecar.write_text("title: 一个改过的标题\noutlet: 腾讯新闻\ndate: 2025-02\n", "utf-8")
    result = cli("ingest", str(article))
    assert "0 added, 1 updated" in result.stdout
    [stored] = _articles(cli)
    assert (stored["title"], stored["outlet"], stored["published"]) == (
        "一个改过的标题", "腾讯新闻", "2025-02")

    result = cli("ingest", str(article), "--title", "From the command line", "--date", "2025-02-12",
                 "--author", "胡泳", "--author", "Someone Else")
    assert "1 updated" in result.stdout
    [stored] = _articles(cli)
    assert stored["title"] == "From the command line"
    assert stored["published"] == "2025-02-12"
    assert stored["authors"] == ["胡泳", "Someone Else"]


def test_reading_without_a_sidecar_never_clears_stored_metadata(cli, tmp_path):
    assert cli("ingest", str(SEEDS)).exit_code == 0
    bare = tmp_path / "bare.txt"
    shutil.copy(SEEDS / "001_5eb663435797013a.txt", bare)
    assert "1 unchanged" in cli("ingest", str(bare)).stdout
    [stored] = [a for a in _articles(cli) if a["title"] == "DeepSeek:一场悲剧的预言?"]
    assert stored["outlet"] == "ChinaTalk"


def test_language_is_detected_when_no_metadata_says_it(cli, tmp_path):
    for code in ("000", "003"):
        source = next(SEEDS.glob(f"{code}_*.txt"))
        shutil.copy(source, tmp_path / source.name)
    english = tmp_path / "english.md"
    english.write_text(
        "# Nvidia loses $589bn\n\nNvidia shares fell 17% on Monday, wiping nearly $600bn "
        "off its market value, after DeepSeek said it trained V3 for $5.58 million.\n", "utf-8")
    assert cli("ingest", str(tmp_path)).exit_code == 0
    languages = {Path(a["source_path"]).name[:3]: a["language"] for a in _articles(cli)}
    assert languages == {"000": "zh-Hans", "003": "zh-Hant", "eng": "en"}
    titles = [a["title"] for a in _articles(cli)]
    assert "Nvidia loses $589bn" in titles


BAD_INPUTS = {
    # name: (file name, bytes, expected words in the one-line error)
    "binary": ("chart.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
               "binary"),
    "undecodable": ("broken.txt",
                    "英伟达股价暴跌17%".encode() + b"\xff\xfe\xfa" + "市值蒸发".encode(),
                    "UTF-8"),
    "truncated": ("cut.txt", "英伟达股价暴跌".encode()[:-1], "truncated UTF-8"),
    "empty": ("empty.txt", b"", "empty"),
    "whitespace": ("blank.md", b"  \n\n\t\n", "empty"),
    "front matter not a mapping": ("list.md", b"---\n- a\n- b\n---\nBody text here.\n",
                                   "not a mapping"),
    "malformed front matter": ("bad.md", b"---\ntitle: [unclosed\n---\nBody.\n", "front matter"),
    "front matter only": ("only.md", b"---\ntitle: Nothing else\n---\n", "no article text"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_one_line_naming_the_file(cli, tmp_path, case):
    name, data, words = BAD_INPUTS[case]
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("ingest", str(path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, result.stderr
    assert str(path) in errors[0] and words.lower() in errors[0].lower()
    assert "Traceback" not in result.output
    assert "1 file: 0 added, 0 updated, 0 unchanged, 1 failed" in result.stdout
    assert _articles(cli) == []


SIDECAR_CASES = {
    "malformed YAML": ("title: ok\noutlet: [unclosed\n", "malformed YAML", ":3"),
    "not a mapping": ("- just\n- a list\n", "expected a mapping", ":1"),
    "unknown key": ("title: ok\nauthr: typo\n", "authr: unknown key", ":2"),
    "impossible date": ("title: ok\ndate: 2025-02-30\n", "impossible date", ":2"),
    "bad language": ("lang: klingon\n", "unknown language", ":1"),
}


@pytest.mark.parametrize("case", sorted(SIDECAR_CASES))
def test_bad_sidecar_names_the_sidecar_and_line_and_stores_nothing(cli, seeds_copy, case):
    content, words, line = SIDECAR_CASES[case]
    sidecar = seeds_copy / "002_a30d2c9fff7fa017.meta.yaml"
    sidecar.write_text(content, "utf-8")
    result = cli("ingest", str(seeds_copy / "002_a30d2c9fff7fa017.txt"))
    assert result.exit_code == 1
    [error] = [line for line in result.stderr.splitlines() if line.strip()]
    assert f"{sidecar}{line}:" in error
    assert words in error
    assert _articles(cli) == []


def test_missing_path_is_reported_and_the_other_files_still_ingested(cli, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = cli("ingest", str(tmp_path / "nope"), str(SEEDS), str(bad))
    assert result.exit_code == 0  # something was ingested
    assert "7 files: 5 added, 0 updated, 0 unchanged, 2 failed" in result.stdout
    assert f"{tmp_path / 'nope'}: no such file or folder" in result.stderr
    assert len(_articles(cli)) == 5


def test_only_missing_paths_exit_non_zero(cli, tmp_path):
    result = cli("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr


def test_bad_option_is_one_line(cli):
    result = cli("ingest", str(SEEDS), "--date", "2025-02-30")
    assert result.exit_code == 1
    assert "impossible date" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_folders_are_walked_for_articles_only(cli, tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    shutil.copy(SEEDS / "000_2a557d286c989814.txt", nested / "x.txt")
    shutil.copy(SEEDS / "000_2a557d286c989814.meta.yaml", nested / "x.meta.yaml")
    (nested / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "y.txt").write_text("hidden text here", "utf-8")
    result = cli("ingest", str(tmp_path))
    assert "1 file: 1 added" in result.stdout
    [article] = _articles(cli)
    assert article["outlet"] == "侠客岛"


def test_a_failed_article_leaves_no_partial_rows(tmp_path, monkeypatch):
    """An article goes in with all its claims or not at all: an error after the
    article rows are written, while its claims are, leaves no trace of it."""
    from claimtrack.db import claims

    db = str(tmp_path / "t.db")
    api.ingest([SEEDS / "000_2a557d286c989814.txt"], db=db)
    original = claims.store_extracted_many

    def store_then_fail(session, claims_by_article, names):
        original(session, claims_by_article, names)
        session.flush()
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(claims, "store_extracted_many", store_then_fail)
    with pytest.raises(RuntimeError):
        api.ingest([SEEDS / "001_5eb663435797013a.txt", SEEDS / "002_a30d2c9fff7fa017.txt"],
                   db=db)
    engine = engine_for(f"sqlite:///{db}")
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 1
        assert session.scalar(select(func.count()).select_from(ClaimRow)) == 0


def test_parallel_ingest_stores_what_a_single_process_stores(tmp_path):
    from tests.support.corpus import write_corpus

    corpus = write_corpus(tmp_path / "corpus", 40)[0].parent
    single, parallel = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    one = api.ingest([corpus], db=single, jobs=1, batch_size=7)
    two = api.ingest([corpus], db=parallel, jobs=2, batch_size=7)
    assert [(o.path, o.status, o.claims) for o in one.outcomes] == [
        (o.path, o.status, o.claims) for o in two.outcomes]

    def stored(path):
        with session_scope(engine_for(f"sqlite:///{path}")) as session:
            return sorted((c.article.content_hash, c.span_start, c.surface, c.value)
                          for c in session.scalars(select(ClaimRow)))

    assert stored(single) == stored(parallel) and len(stored(single)) > 100
    again = api.ingest([corpus], db=parallel, jobs=2)
    assert {outcome.status for outcome in again.outcomes} == {"unchanged"}


def test_articles_csv_and_table(cli):
    cli("ingest", str(SEEDS))
    csv_out = cli("articles", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("id,title,outlet,authors,published,language")
    assert len(csv_out) == 6
    assert any("Jordan Schneider; Angela Shen" in line for line in csv_out)
    table = cli("articles").stdout
    assert "ChinaTalk" in table and "zh-Hant" in table


def test_an_extractor_error_fails_its_file_alone(cli, tmp_path, monkeypatch):
    """A bug of the extractor on one article (session 25 met one on the development
    corpus) fails that file with a one-line error naming it; the others are stored."""
    original = api._extract_article

    def extract_or_fail(article):
        if article.meta.outlet == "侠客岛":  # (000_2a557d286c989814 only)
            raise TypeError("'int' object is not iterable")
        return original(article)

    monkeypatch.setattr(api, "_extract_article", extract_or_fail)
    result = cli("ingest", str(SEEDS))
    assert result.exit_code == 0
    assert "5 files: 4 added, 0 updated, 0 unchanged, 1 failed" in result.stdout
    [error] = [line for line in result.stderr.splitlines() if "internal error" in line]
    assert "000_2a557d286c989814.txt: claims could not be extracted" in error
    assert "TypeError" in error and "Traceback" not in result.output
    assert len(_articles(cli)) == 4
