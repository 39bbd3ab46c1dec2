"""Extraction speed benchmark: how fast claimtrack.extract.extract_claims reads news text.

Run it with the project's virtual environment (paths are found from this file, so any
working directory will do):

    .venv/bin/python benchmarks/extract_speed.py                  # zh and en, 5 MB each, 3 runs
    .venv/bin/python benchmarks/extract_speed.py --lang zh --size-mb 20 --runs 5
    .venv/bin/python benchmarks/extract_speed.py --json > extract_speed.json
    benchmarks/.venv-peers/bin/python benchmarks/extract_speed.py   # with the peers

The peers (jionlp and quantulum3, below) are measured where they can be
imported, which is in benchmarks/.venv-peers only: they are never claimtrack
dependencies. Make that environment once, from the repository root:

    python3 -m venv benchmarks/.venv-peers
    benchmarks/.venv-peers/bin/pip install -q -e . -r benchmarks/requirements-peers.txt

Without it the table says "not installed" for each peer, prints that command,
and carries on; --no-peers leaves them out.

It builds two corpora in memory, deterministically, each of at least --size-mb
megabytes of UTF-8 (1 MB = 1,000,000 bytes):

- zh: the article bodies of the demo corpus in seeds/ (Chinese, simplified and
  traditional), read with claimtrack.articles.read_article; the body is the text
  after any front matter (``text[body_start:]``).
- en: the article bodies of benchmarks/english/ (original English news articles).

Each corpus is the source articles, in file-name order, repeated whole until the
size is reached, so a corpus is a little over the target. Everything runs in this
one process, on one core. Until the engine exists (extract_claims raises
NotImplementedError) the script stops with a one-line message and exit code 1.

For each corpus, extract_claims is called once per article, as ingest does (never
on one 5 MB string), with the article's language, publication date and first
author from its metadata. Every figure is measured in the same run on the same
chunks of text:

articles            how many article-sized chunks the corpus holds, and how many
                    distinct source articles they repeat.
size (MB)           the corpus in UTF-8 bytes / 1,000,000.
characters          the corpus in Python characters (code points).
first call (s)      the first extract_claims call on this corpus, timed alone: for
                    the first corpus it includes whatever the engine loads once
                    (taxonomy, patterns); it is not part of the timed passes.
claims found        claims returned over one whole pass (the same in every run).
claimtrack (s)      median wall time (time.perf_counter) of --runs passes of
                    extract_claims over every chunk; min and max beside it.
claimtrack MB/s     size (MB) / median seconds.
claimtrack chars/s  characters / median seconds.
ceiling             a bare scan over the same chunks with one compiled regular
                    expression for digit runs, re.compile(r"\\d+").finditer; an
                    extractor must at least find the digits, so this is the upper
                    bound on its speed (figures in words, like "threefold", aside).
                    Reported the same way: digit runs found, median seconds, MB/s,
                    chars/s. Each run times the ceiling pass right before the
                    claimtrack pass.
claimtrack/ceiling  claimtrack throughput / ceiling throughput (= ceiling seconds /
                    claimtrack seconds): the fraction of the ceiling's speed the
                    extractor reaches; "Nx slower" is its inverse.
... of CPU time     the same figures from the CPU time the process used in each pass
                    (time.process_time, median of the runs): on a machine shared with
                    other work, wall time counts the time the process waited for a
                    core; CPU time does not (the peers' rows have it too).
tracemalloc peak    the peak of Python memory allocated (tracemalloc) during one
                    extra, untimed extraction pass over the corpus, above what was
                    allocated when the pass began: the extractor's working memory
                    (each article's claims are released once counted, as ingest
                    would hand them to the database).
tracemalloc kept    what that pass left allocated when it ended (caches, leaks).
ru_maxrss (MB)      resource.getrusage(RUSAGE_SELF).ru_maxrss after the timed runs
                    of this corpus: the process's peak resident memory so far
                    (interpreter, libraries, every corpus built, every pass run).
                    The header gives it before any extraction, as a baseline.

Peers: other libraries' extractors, timed in the same run, on the same chunks,
one call per chunk, after claimtrack's figures for the corpus are taken:

- zh: jionlp.ner.extract_money (jionlp), on the whole corpus. It finds money
  only; claimtrack finds every kind of figure, so it does more work per byte.
- en: quantulum3.parser.parse (quantulum3, with its scikit-learn unit classifier),
  which finds every quantity with a unit. It reads about 0.01 MB/s, so it is timed
  on the first whole articles of the corpus that reach --peer-sample-kb (default
  100 KB) only; the output says so.

peer                the function called; "peer status" is measured, not installed,
                    or failed (the reason is printed below the table).
peer text           the text the peer was timed on: MB and articles.
import + first call the peer's import and one call on its sample sentence, timed
                    alone (jionlp loads dictionaries, quantulum3 its classifier).
peer items found    what the peer returned over one pass (money amounts, quantities).
peer (s), MB/s      median of --runs passes over that text, as for claimtrack.
claimtrack on that  a claimtrack pass over the same text, run right before each
text MB/s           peer pass, so both meet the same load on a shared machine.
claimtrack/peer     peer seconds / claimtrack seconds on that text: above 1,
                    claimtrack is faster.

Below the table, each peer's reading of one sentence with a bound word, beside
claimtrack's: jionlp on "训练成本不到600万美元" and quantulum3 on "DeepSeek said
training cost less than $6 million.", and whether the peer keeps the bound
(不到, less than) in what it returns. With the peers loaded, ru_maxrss for the en
corpus may include jionlp's memory; --no-peers gives clean memory figures.

The header names the Python version, the machine's core count (os.cpu_count())
and the platform. --json prints the same figures as one JSON object instead of the
table; progress goes to stderr, so stdout stays clean either way.

The corpora repeat a few articles many times: an engine that memoised results by
text would look faster here than on real news.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import importlib
import itertools
import json
import os
import platform
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from claimtrack.articles import iter_article_paths, read_article
from claimtrack.extract import extract_claims

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCES = {
    "zh": ROOT / "seeds",
    "en": HERE / "english",
}
MB = 1_000_000
DIGITS = re.compile(r"\d+")
MAKE_PEERS = (
    "python3 -m venv benchmarks/.venv-peers && benchmarks/.venv-peers/bin/pip install -q -e . "
    "-r benchmarks/requirements-peers.txt, then run this script with "
    "benchmarks/.venv-peers/bin/python"
)


@dataclass(frozen=True)
class Peer:
    """Another library's extractor, timed on one corpus against claimtrack."""

    name: str
    corpus: str
    module: str  # imported on first use
    function: str  # attribute path inside the module
    sampled: bool  # timed on the first --peer-sample-kb of the corpus only (too slow for all)
    sentence: str  # shown with what the peer and claimtrack return for it
    qualifier: str  # the bound word in that sentence: does the peer keep it?

    @property
    def call(self) -> str:
        return f"{self.module}.{self.function}"


PEERS = (
    Peer("jionlp", "zh", "jionlp", "ner.extract_money", sampled=False,
         sentence="训练成本不到600万美元", qualifier="不到"),
    Peer("quantulum3", "en", "quantulum3.parser", "parse", sampled=True,
         sentence="DeepSeek said training cost less than $6 million.", qualifier="less than"),
)


@dataclass(frozen=True)
class Chunk:
    """One article's body with the metadata ingest would pass to the extractor."""

    text: str
    lang: str
    published: date | None
    author: str | None
    size: int  # UTF-8 bytes


@dataclass
class Corpus:
    name: str
    source: Path
    distinct: int
    chunks: list[Chunk]

    @property
    def size(self) -> int:
        return sum(chunk.size for chunk in self.chunks)

    @property
    def characters(self) -> int:
        return sum(len(chunk.text) for chunk in self.chunks)


@dataclass
class PeerResult:
    peer: Peer
    status: str = "measured"  # or why it was not: "not installed", "failed: ..."
    chunks: list[Chunk] = field(default_factory=list)
    load_seconds: float = 0.0  # import and first call
    found: int = 0
    peer_seconds: list[float] = field(default_factory=list)
    claimtrack_seconds: list[float] = field(default_factory=list)
    peer_cpu_seconds: list[float] = field(default_factory=list)
    claimtrack_cpu_seconds: list[float] = field(default_factory=list)
    sentence_found: list[str] = field(default_factory=list)  # the peer on peer.sentence
    sentence_claims: list[str] = field(default_factory=list)  # claimtrack on peer.sentence


@dataclass
class Result:
    corpus: Corpus
    first_call_seconds: float = 0.0
    claims: int = 0
    digit_runs: int = 0
    claimtrack_seconds: list[float] = field(default_factory=list)
    ceiling_seconds: list[float] = field(default_factory=list)
    claimtrack_cpu_seconds: list[float] = field(default_factory=list)
    ceiling_cpu_seconds: list[float] = field(default_factory=list)
    tracemalloc_peak: int = 0
    tracemalloc_kept: int = 0
    maxrss: int = 0
    peers: list[PeerResult] = field(default_factory=list)


def load_articles(folder: Path) -> list[Chunk]:
    """The body of every article under ``folder``, in file-name order."""
    chunks = []
    for path in iter_article_paths([folder]):
        article = read_article(path)
        body = article.text[article.body_start:]
        authors = article.meta.authors or []
        chunks.append(
            Chunk(
                text=body,
                lang=article.language,
                published=article.meta.published,
                author=authors[0] if authors else None,
                size=len(body.encode("utf-8")),
            )
        )
    if not chunks:
        raise SystemExit(f"extract_speed: no articles under {folder}")
    return chunks


def build_corpus(name: str, folder: Path, target_bytes: int) -> Corpus:
    """The articles of ``folder`` repeated, in order, until they reach ``target_bytes``."""
    articles = load_articles(folder)
    chunks: list[Chunk] = []
    total = 0
    for chunk in itertools.cycle(articles):
        if total >= target_bytes:
            break
        chunks.append(chunk)
        total += chunk.size
    return Corpus(name=name, source=folder, distinct=len(articles), chunks=chunks)


def extraction_pass(chunks: Sequence[Chunk]) -> int:
    """Call extract_claims once per chunk; the number of claims found."""
    extract = extract_claims
    found = 0
    for chunk in chunks:
        found += len(
            extract(chunk.text, lang=chunk.lang, published=chunk.published, author=chunk.author)
        )
    return found


def ceiling_pass(chunks: Sequence[Chunk]) -> int:
    """Scan every chunk for digit runs with one compiled expression; the runs found."""
    finditer = DIGITS.finditer
    found = 0
    for chunk in chunks:
        for _ in finditer(chunk.text):
            found += 1
    return found


def timed(function: Callable[[Sequence[Chunk]], int],
          chunks: Sequence[Chunk]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, what the function returned)."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    found = function(chunks)
    return time.perf_counter() - start, time.process_time() - cpu, found


def maxrss_bytes() -> int:
    """The process's peak resident set size: ru_maxrss is KiB on Linux, bytes on macOS."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def progress(message: str) -> None:
    print(f"extract_speed: {message}", file=sys.stderr, flush=True)


def measure(corpus: Corpus, runs: int) -> Result:
    result = Result(corpus)
    first = corpus.chunks[0]
    start = time.perf_counter()
    try:
        extract_claims(first.text, lang=first.lang, published=first.published, author=first.author)
    except NotImplementedError as error:
        raise SystemExit(f"extract_speed: extract_claims is not available yet ({error})") from None
    result.first_call_seconds = time.perf_counter() - start

    for run in range(1, runs + 1):
        seconds, cpu, digit_runs = timed(ceiling_pass, corpus.chunks)
        result.ceiling_seconds.append(seconds)
        result.ceiling_cpu_seconds.append(cpu)
        result.digit_runs = digit_runs
        seconds, cpu, claims = timed(extraction_pass, corpus.chunks)
        result.claimtrack_seconds.append(seconds)
        result.claimtrack_cpu_seconds.append(cpu)
        if run > 1 and claims != result.claims:
            progress(f"{corpus.name}: run {run} found {claims} claims, run 1 found {result.claims}")
        elif run == 1:
            result.claims = claims
        progress(f"{corpus.name}: run {run}/{runs}: {seconds:.2f} s, {claims:,} claims")
    result.maxrss = maxrss_bytes()

    progress(f"{corpus.name}: memory pass (tracemalloc)")
    gc.collect()
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        extraction_pass(corpus.chunks)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    result.tracemalloc_peak = peak - baseline
    result.tracemalloc_kept = current - baseline
    return result


def load_peer(peer: Peer) -> Callable[[str], list] | str:
    """The peer's extraction function, or why there is none ("not installed", "failed: ...")."""
    try:
        # jionlp prints a banner on import: keep stdout for the figures.
        with contextlib.redirect_stdout(sys.stderr):
            function: Any = importlib.import_module(peer.module)
        for name in peer.function.split("."):
            function = getattr(function, name)
    except ModuleNotFoundError as error:
        if error.name == peer.module.split(".")[0]:
            return "not installed"
        return f"failed: {error}"  # installed, but something it needs is not
    except Exception as error:  # a peer's own failure must not stop the benchmark
        return f"failed: {type(error).__name__}: {' '.join(str(error).split())[:120]}"
    return function


def peer_pass(function: Callable[[str], list], chunks: Sequence[Chunk]) -> int:
    """Call the peer once per chunk, as extraction_pass calls claimtrack; the items found."""
    found = 0
    for chunk in chunks:
        found += len(function(chunk.text))
    return found


def sample(chunks: Sequence[Chunk], size_kb: float) -> list[Chunk]:
    """The first whole chunks of a corpus that reach ``size_kb`` kilobytes (1 KB = 1,000 bytes)."""
    taken: list[Chunk] = []
    total = 0
    for chunk in chunks:
        if total >= size_kb * 1000:
            break
        taken.append(chunk)
        total += chunk.size
    return taken


def found_text(item: Any) -> str:
    """One item a peer returned, for people: its text as found, value and unit."""
    if isinstance(item, dict):  # jionlp: {"text", "offset", "type", "detail": {...}}
        detail = item.get("detail") or {}
        return (f"{item.get('text')} (num {detail.get('num')}, {detail.get('case')}, "
                f"{detail.get('definition')})")
    unit = getattr(getattr(item, "unit", None), "name", None)  # quantulum3: a Quantity
    return f"{getattr(item, 'surface', item)} ({getattr(item, 'value', None)} {unit})"


def claim_text(claim: Any) -> str:
    bounds = f"low {claim.low}, high {claim.high}" if claim.qualifier != "exact" else ""
    return f"{claim.surface} ({claim.qualifier}{', ' + bounds if bounds else ''}, {claim.unit})"


def measure_peer(peer: Peer, corpus: Corpus, runs: int, sample_kb: float) -> PeerResult:
    """Time the peer and claimtrack, one pass each per run, on the same chunks."""
    result = PeerResult(peer)
    start = time.perf_counter()
    function = load_peer(peer)
    if isinstance(function, str):
        result.status = function
        progress(f"{corpus.name}: {peer.name}: {function}")
        return result
    result.chunks = sample(corpus.chunks, sample_kb) if peer.sampled else list(corpus.chunks)
    result.sentence_claims = [claim_text(claim) for claim in extract_claims(
        peer.sentence, lang=corpus.chunks[0].lang)]
    try:
        result.sentence_found = [found_text(item) for item in function(peer.sentence)]
        result.load_seconds = time.perf_counter() - start
        for run in range(1, runs + 1):
            seconds, cpu, _ = timed(extraction_pass, result.chunks)
            result.claimtrack_seconds.append(seconds)
            result.claimtrack_cpu_seconds.append(cpu)
            seconds, cpu, result.found = timed(functools.partial(peer_pass, function),
                                               result.chunks)
            result.peer_seconds.append(seconds)
            result.peer_cpu_seconds.append(cpu)
            progress(f"{corpus.name}: {peer.name}: run {run}/{runs}: {seconds:.2f} s, "
                     f"{result.found:,} items")
    except Exception as error:  # a peer's own failure must not stop the benchmark
        result.status = f"failed: {type(error).__name__}: {' '.join(str(error).split())[:120]}"
        progress(f"{corpus.name}: {peer.name}: {result.status}")
    return result


def speed(result: Result, seconds: list[float], found: int) -> dict[str, Any]:
    corpus = result.corpus
    return rates(corpus.size, corpus.characters, seconds, found)


def rates(size: int, characters: int, seconds: list[float], found: int) -> dict[str, Any]:
    median = statistics.median(seconds)
    return {
        "found": found,
        "seconds_median": median,
        "seconds_min": min(seconds),
        "seconds_max": max(seconds),
        "seconds_runs": seconds,
        "mb_per_second": size / MB / median if median else None,
        "chars_per_second": characters / median if median else None,
    }


def report(results: list[Result], runs: int, size_mb: float, baseline_rss: int,
           peer_sample_kb: float = 0) -> dict[str, Any]:
    corpora = {}
    for result in results:
        corpus = result.corpus
        claimtrack = speed(result, result.claimtrack_seconds, result.claims)
        ceiling = speed(result, result.ceiling_seconds, result.digit_runs)
        ratio = (
            ceiling["seconds_median"] / claimtrack["seconds_median"]
            if claimtrack["seconds_median"]
            else None
        )
        claimtrack_cpu = speed(result, result.claimtrack_cpu_seconds, result.claims)
        ceiling_cpu = speed(result, result.ceiling_cpu_seconds, result.digit_runs)
        corpora[corpus.name] = {
            "source": _display_path(corpus.source),
            "distinct_articles": corpus.distinct,
            "articles": len(corpus.chunks),
            "bytes": corpus.size,
            "mb": corpus.size / MB,
            "characters": corpus.characters,
            "first_call_seconds": result.first_call_seconds,
            "claimtrack": claimtrack,
            "ceiling": ceiling,
            "claimtrack_over_ceiling": ratio,
            "claimtrack_cpu": claimtrack_cpu,
            "ceiling_cpu": ceiling_cpu,
            "claimtrack_over_ceiling_cpu": _over(ceiling_cpu, claimtrack_cpu),
            "tracemalloc_peak_bytes": result.tracemalloc_peak,
            "tracemalloc_kept_bytes": result.tracemalloc_kept,
            "ru_maxrss_bytes": result.maxrss,
            "peers": [peer_report(peer) for peer in result.peers],
        }
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "processes": 1,
        "runs": runs,
        "size_mb_target": size_mb,
        "baseline_ru_maxrss_bytes": baseline_rss,
        "peer_sample_kb": peer_sample_kb,
        "corpora": corpora,
    }


def peer_report(result: PeerResult) -> dict[str, Any]:
    peer, chunks = result.peer, result.chunks
    figures: dict[str, Any] = {
        "name": peer.name, "call": peer.call, "status": result.status,
        "sampled": peer.sampled, "sentence": peer.sentence, "qualifier": peer.qualifier,
        "sentence_peer": result.sentence_found, "sentence_claimtrack": result.sentence_claims,
        "keeps_qualifier": any(peer.qualifier in text for text in result.sentence_found),
    }
    if not result.peer_seconds:
        return figures
    size, characters = sum(c.size for c in chunks), sum(len(c.text) for c in chunks)
    peer_figures = rates(size, characters, result.peer_seconds, result.found)
    claimtrack = rates(size, characters, result.claimtrack_seconds, 0)
    del claimtrack["found"]
    peer_cpu = rates(size, characters, result.peer_cpu_seconds, result.found)
    claimtrack_cpu = rates(size, characters, result.claimtrack_cpu_seconds, 0)
    del claimtrack_cpu["found"]
    figures.update(
        articles=len(chunks), bytes=size, mb=size / MB, characters=characters,
        load_seconds=result.load_seconds, peer=peer_figures, claimtrack_same_text=claimtrack,
        claimtrack_over_peer=peer_figures["seconds_median"] / claimtrack["seconds_median"]
        if claimtrack["seconds_median"] else None,
        peer_cpu=peer_cpu, claimtrack_same_text_cpu=claimtrack_cpu,
        claimtrack_over_peer_cpu=_over(peer_cpu, claimtrack_cpu),
    )
    return figures


def _over(slower: dict[str, Any], faster: dict[str, Any]) -> float | None:
    """How many times faster ``faster`` ran than ``slower`` (a ratio of median seconds)."""
    return slower["seconds_median"] / faster["seconds_median"] if faster["seconds_median"] \
        else None


def _display_path(path: Path) -> str:
    try:
        return f"{path.relative_to(ROOT)}/"
    except ValueError:
        return str(path)


def _seconds(figures: dict[str, Any]) -> str:
    return (
        f"{figures['seconds_median']:.3f} "
        f"({figures['seconds_min']:.3f}-{figures['seconds_max']:.3f})"
    )


def _rate(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def _mb(size: int, digits: int = 1) -> str:
    return f"{size / MB:,.{digits}f}"


def table(data: dict[str, Any]) -> str:
    corpora = data["corpora"]
    names = list(corpora)

    def ratio(figures: dict[str, Any]) -> str:
        return _ratio(figures["claimtrack_over_ceiling"])

    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("source", lambda c: f"{c['source']} ({c['distinct_articles']} articles)"),
        ("articles (chunks)", lambda c: f"{c['articles']:,}"),
        ("size (MB, UTF-8)", lambda c: f"{c['mb']:,.2f}"),
        ("characters", lambda c: f"{c['characters']:,}"),
        ("first call (s)", lambda c: f"{c['first_call_seconds']:.4f}"),
        ("claims found", lambda c: f"{c['claimtrack']['found']:,}"),
        ("claimtrack (s, median (min-max))", lambda c: _seconds(c["claimtrack"])),
        ("claimtrack MB/s", lambda c: _rate(c["claimtrack"]["mb_per_second"], 3)),
        ("claimtrack chars/s", lambda c: _rate(c["claimtrack"]["chars_per_second"], 0)),
        ("ceiling: digit runs found", lambda c: f"{c['ceiling']['found']:,}"),
        ("ceiling (s, median (min-max))", lambda c: _seconds(c["ceiling"])),
        ("ceiling MB/s", lambda c: _rate(c["ceiling"]["mb_per_second"], 1)),
        ("ceiling chars/s", lambda c: _rate(c["ceiling"]["chars_per_second"], 0)),
        ("claimtrack/ceiling", ratio),
        ("claimtrack MB/s of CPU time", lambda c: _rate(c["claimtrack_cpu"]["mb_per_second"], 3)),
        ("ceiling MB/s of CPU time", lambda c: _rate(c["ceiling_cpu"]["mb_per_second"], 1)),
        ("claimtrack/ceiling in CPU time", lambda c: _ratio(c["claimtrack_over_ceiling_cpu"])),
        ("tracemalloc peak (MB)", lambda c: _mb(c["tracemalloc_peak_bytes"], 3)),
        ("tracemalloc kept (MB)", lambda c: _mb(c["tracemalloc_kept_bytes"], 3)),
        ("ru_maxrss after runs (MB)", lambda c: _mb(c["ru_maxrss_bytes"])),
    ]
    for index in range(max(len(corpora[name]["peers"]) for name in names)):
        rows += _peer_rows(index)
    cells = [[label, *(render(corpora[name]) for name in names)] for label, render in rows]
    header = ["", *names]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        first, *rest = row
        right = (cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True))
        return "  ".join([first.ljust(widths[0]), *right])

    out = [
        "claimtrack extraction speed "
        f"(Python {data['implementation']} {data['python']}, "
        f"os.cpu_count() = {data['cpu_count']}, single process, {data['platform']})",
        f"median of {data['runs']} runs; corpora of at least {data['size_mb_target']:g} MB; "
        f"ru_maxrss before extraction: {_mb(data['baseline_ru_maxrss_bytes'])} MB",
        "",
        line(header),
        line(["-" * w for w in widths]),
        *(line(row) for row in cells),
        *_peer_notes(data),
    ]
    return "\n".join(out)


def _ratio(value: float | None) -> str:
    if not value:
        return "n/a"
    factor, word = (1 / value, "slower") if value <= 1 else (value, "faster")
    return f"{value:.4f} ({factor:,.{1 if factor < 100 else 0}f}x {word})"


def _peer_rows(index: int) -> list[tuple[str, Callable[[dict[str, Any]], str]]]:
    """Table rows for each corpus's index-th peer ("-" where a corpus has none)."""

    def cell(render: Callable[[dict[str, Any]], str], measured: bool = True):
        def show(corpus: dict[str, Any]) -> str:
            if index >= len(corpus["peers"]):
                return "-"
            peer = corpus["peers"][index]
            return render(peer) if "peer" in peer or not measured else "-"
        return show

    def text(peer: dict[str, Any]) -> str:
        which = "first" if peer["sampled"] else "all"
        return f"{peer['mb']:.3f} ({which} {peer['articles']:,} articles)"

    return [
        ("peer", cell(lambda p: p["call"], measured=False)),
        ("peer status", cell(lambda p: p["status"].split(":")[0], measured=False)),
        ("peer text (MB, articles)", cell(text)),
        ("peer import + first call (s)", cell(lambda p: f"{p['load_seconds']:.2f}")),
        ("peer items found", cell(lambda p: f"{p['peer']['found']:,}")),
        ("peer (s, median (min-max))", cell(lambda p: _seconds(p["peer"]))),
        ("peer MB/s", cell(lambda p: _rate(p["peer"]["mb_per_second"], 4))),
        ("claimtrack on that text MB/s",
         cell(lambda p: _rate(p["claimtrack_same_text"]["mb_per_second"], 3))),
        ("claimtrack/peer", cell(lambda p: _ratio(p["claimtrack_over_peer"]))),
        ("peer MB/s of CPU time", cell(lambda p: _rate(p["peer_cpu"]["mb_per_second"], 4))),
        ("claimtrack on that text, CPU MB/s",
         cell(lambda p: _rate(p["claimtrack_same_text_cpu"]["mb_per_second"], 3))),
        ("claimtrack/peer in CPU time", cell(lambda p: _ratio(p["claimtrack_over_peer_cpu"]))),
    ]


def _peer_notes(data: dict[str, Any]) -> list[str]:
    """What each peer and claimtrack make of one sentence; how to install missing peers."""
    notes: list[str] = []
    peers = [peer for corpus in data["corpora"].values() for peer in corpus["peers"]]
    sampled = [peer["name"] for peer in peers if peer["sampled"] and "peer" in peer]
    if sampled:
        notes.append(f"{', '.join(sampled)}: timed on the first {data['peer_sample_kb']:g} KB "
                     "of its corpus only (--peer-sample-kb), beside claimtrack on the same text")
    for peer in peers:
        if peer["sentence_peer"] or peer["status"] == "measured":
            keeps = "yes" if peer["keeps_qualifier"] else "no"
            notes += [
                f"{peer['call']}({peer['sentence']!r}):",
                f"    {'; '.join(peer['sentence_peer']) or 'nothing'}  (keeps "
                f"{peer['qualifier']!r}: {keeps})",
                f"  claimtrack: {'; '.join(peer['sentence_claimtrack']) or 'nothing'}",
            ]
    notes += [f"{peer['call']}: {peer['status']}" for peer in peers
              if peer["status"].startswith("failed")]
    if any(peer["status"] == "not installed" for peer in peers):
        notes.append(f"peers not installed: make them with {MAKE_PEERS}")
    return ["", *notes] if notes else []


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time claimtrack.extract.extract_claims on a Chinese and an English "
        "corpus against a bare digit-scanning regular expression (single process).",
        epilog="The module docstring explains every figure.",
    )
    parser.add_argument(
        "--size-mb", type=float, default=5.0,
        help="minimum size of each corpus in MB of UTF-8, 1 MB = 10^6 bytes (default: 5)",
    )
    parser.add_argument(
        "--runs", type=int, default=3,
        help="timed passes per corpus; the median is shown (default: 3)",
    )
    parser.add_argument(
        "--lang", choices=("zh", "en", "both"), default="both",
        help="which corpus to measure (default: both)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of the table"
    )
    parser.add_argument(
        "--no-peers", dest="peers", action="store_false",
        help="skip the peers (jionlp, quantulum3) even where they are installed",
    )
    parser.add_argument(
        "--peer-sample-kb", type=float, default=100.0,
        help="time the slow peers (quantulum3) on the first whole articles of their corpus "
        "that reach this many KB, 1 KB = 1,000 bytes (default: 100)",
    )
    args = parser.parse_args(argv)
    if not args.peer_sample_kb > 0:
        parser.error("--peer-sample-kb must be greater than 0")
    if not args.size_mb > 0:
        parser.error("--size-mb must be greater than 0")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    names = ["zh", "en"] if args.lang == "both" else [args.lang]
    target = int(args.size_mb * MB)
    corpora = []
    for name in names:
        corpus = build_corpus(name, SOURCES[name], target)
        progress(
            f"{name}: {len(corpus.chunks):,} articles, {corpus.size / MB:.2f} MB, "
            f"{corpus.characters:,} characters"
        )
        corpora.append(corpus)
    baseline_rss = maxrss_bytes()
    results = [measure(corpus, args.runs) for corpus in corpora]
    if args.peers:  # after claimtrack's own figures, so its memory figures hold no peer
        for result in results:
            result.peers = [measure_peer(peer, result.corpus, args.runs, args.peer_sample_kb)
                            for peer in PEERS if peer.corpus == result.corpus.name]
    data = report(results, args.runs, args.size_mb, baseline_rss, args.peer_sample_kb)
    print(json.dumps(data, indent=2) if args.json else table(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
