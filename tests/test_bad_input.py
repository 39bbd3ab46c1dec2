"""Bad input, tried systematically: one table, every case through the real CLI.

Each case makes a file (or a query), runs a command on a database that already
holds the seeds and their curated claims, and checks the outcome: the exit code,
a one-line error naming the file (and the line where there is one), no
traceback, and that nothing already stored was lost. The README's Guarantees
section counts the rows of CASES.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

CURATED_002 = (REPO / "data" / "curated" / "002_a30d2c9fff7fa017.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    """What to make, what to run, and what must come out."""

    make: Callable[[Path], list[str]]  # writes its input under tmp_path, returns CLI args
    exit_code: int
    message: str = ""  # in the one-line error (empty: the command succeeds)
    stores: int = 0  # new articles the command must store


def _file(name: str, content: bytes | str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path
    return write


def _ingest(name: str, content: bytes | str, sidecar: str | None = None):
    def make(folder: Path) -> list[str]:
        path = _file(name, content)(folder)
        if sidecar is not None:
            (folder / (path.stem + ".meta.yaml")).write_text(sidecar, encoding="utf-8")
        return ["ingest", str(path)]
    return make


def _curated(replace: tuple[str, str]):
    def make(folder: Path) -> list[str]:
        path = folder / "bad.yaml"
        assert replace[0] in CURATED_002, replace
        path.write_text(CURATED_002.replace(*replace, 1), encoding="utf-8")
        return ["curate", "import", str(path)]
    return make


def _query(*args: str):
    return lambda folder: list(args)


def _huge(folder: Path) -> list[str]:
    path = folder / "huge.txt"
    with path.open("w", encoding="utf-8") as stream:
        line = "英伟达市值蒸发近6000亿美元。" * 100 + "\n"
        while stream.tell() < 50 * 2**20:
            stream.write(line)
    return ["ingest", str(path)]


SENTENCE = "英伟达股价暴跌17%，市值蒸发近6000亿美元。"
CASES: dict[str, Case] = {
    # Article files
    "binary file": Case(_ingest("a.txt", b"\x00\x01\x02binary\x00"), 1, "a.txt (byte 0): binary"),
    "truncated UTF-8": Case(_ingest("a.txt", SENTENCE.encode("utf-8")[:-2]), 1,
                            "truncated UTF-8"),
    "undecodable bytes": Case(_ingest("a.txt", bytes(range(0x80, 0x100)) * 8), 1,
                              "a.txt"),
    "GB18030 text": Case(_ingest("a.txt", SENTENCE.encode("gb18030")), 0, stores=1),
    "Big5 text": Case(_ingest("a.txt", "輝達股價暴跌17%，市值蒸發近6000億美元。".encode("big5")),
                      0, stores=1),
    "UTF-16 with BOM": Case(_ingest("a.txt", SENTENCE.encode("utf-16")), 0, stores=1),
    "empty file": Case(_ingest("a.txt", b""), 1, "a.txt: empty file"),
    "only whitespace": Case(_ingest("a.txt", " \n\t\n"), 1, "only whitespace"),
    "a 50 MB text": Case(_huge, 1, "huge.txt: file too large for one article"),
    "very long lines": Case(_ingest("a.txt", (SENTENCE * 2_000).replace("。", "，")), 0,
                            stores=1),
    "front matter not a mapping": Case(_ingest("a.md", "---\n- a list\n---\n" + SENTENCE), 1,
                                       "a.md:2: front matter is not a mapping"),
    "malformed front matter": Case(_ingest("a.md", "---\ntitle: [x\n---\n" + SENTENCE), 1,
                                   "malformed YAML front matter"),
    "malformed sidecar YAML": Case(_ingest("a.txt", SENTENCE, "title: [x\n"), 1,
                                   "a.meta.yaml"),
    "unknown sidecar key": Case(_ingest("a.txt", SENTENCE, "colour: red\n"), 1,
                                "a.meta.yaml:1: colour: unknown key"),
    "impossible date in a sidecar": Case(_ingest("a.txt", SENTENCE, "date: 2025-02-30\n"), 1,
                                         "impossible date '2025-02-30'"),
    "article with HTML and script": Case(
        _ingest("a.txt", "<script>alert(1)</script><b>英伟达</b>股价暴跌17%。"), 0, stores=1),
    "impossible --date option": Case(
        lambda folder: ["ingest", str(_file("a.txt", SENTENCE)(folder)), "--date", "2025-02-30"],
        1, "impossible date"),
    # Curated files
    "curated: malformed YAML": Case(_curated(("claims:", "claims: {")), 1, "malformed YAML"),
    "curated: quote not in the article": Case(_curated(("quote: 53天", "quote: 54天")), 1,
                                              "bad.yaml:53: quote '54天' is not in article"),
    "curated: unknown topic": Case(_curated(("topic: training_cost", "topic: nonsense")), 1,
                                   "unknown topic 'nonsense'"),
    "curated: unknown subject": Case(_curated(("subject: DeepSeek-V3", "subject: Nobody")), 1,
                                     "unknown subject 'Nobody'"),
    "curated: NaN": Case(_curated(("value: 5580000", "value: .nan")), 1, "finite number"),
    "curated: infinity": Case(_curated(("value: 5580000", "value: .inf")), 1, "finite number"),
    "curated: negative count": Case(_curated(("kind: duration\n  value: 53",
                                              "kind: duration\n  value: -53")), 1,
                                    "cannot be negative"),
    "curated: unknown key": Case(_curated(("  kind: money", "  kind: money\n  colour: red")), 1,
                                 "unknown key"),
    "curated: impossible period": Case(_curated(("unit: USD\n  period: null",
                                                 "unit: USD\n  period: 2025-02-30")), 1,
                                       "impossible period '2025-02-30'"),
    # Queries
    "search with SQL": Case(_query("claims", "--search", "'; DROP TABLE claim; --"), 0),
    "search with LIKE wildcards": Case(_query("claims", "--search", "%_%"), 0),
    "search with FTS syntax": Case(_query("claims", "--search", 'NEAR("DeepSeek" "成本") OR *'),
                                   0),
    "unknown topic in a query": Case(_query("claims", "--topic", "nonsense"), 1,
                                     "unknown topic 'nonsense'"),
    "impossible --since": Case(_query("claims", "--since", "2025-13"), 1, "bad date '2025-13'"),
    "unknown claim id": Case(_query("show", "424242"), 1, "no claim with id 424242"),
}


def _counts(cli) -> tuple[int, int]:
    articles = json.loads(cli("articles", "--format", "json").stdout)
    claims = json.loads(cli("claims", "--format", "json").stdout)
    return len(articles), len(claims)


@pytest.fixture
def stocked(cli):
    assert cli("ingest", str(SEEDS)).exit_code == 0
    assert cli("curate", "import", str(REPO / "data" / "curated")).exit_code == 0
    return cli


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(stocked, tmp_path, name):
    case = CASES[name]
    before = _counts(stocked)
    result = stocked(*case.make(tmp_path))
    assert result.exit_code == case.exit_code, result.output
    assert "Traceback" not in result.output
    if case.message:
        errors = [line for line in result.stderr.splitlines() if line.startswith("claimtrack")]
        assert len(errors) == 1, result.stderr
        assert case.message in errors[0], errors[0]
    articles, claims = _counts(stocked)
    assert articles == before[0] + case.stores
    assert claims >= before[1]  # nothing stored was lost
    if not case.stores:
        assert claims == before[1]


def test_the_table_covers_every_kind_of_bad_input():
    assert len(CASES) >= 30
