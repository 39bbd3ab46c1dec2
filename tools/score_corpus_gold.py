"""Score the extractor on real articles annotated by hand (tests/gold/corpus/*.yaml).

    .venv/bin/python tools/score_corpus_gold.py [--verbose] [--json] [BATCH.yaml ...]

The gold refers to articles of the development corpus (../shared/corpus, third
party text that is not committed) by path; the texts are read from an unpacked
copy ($CLAIMTRACK_CORPUS, else /tmp/corpus) or straight from the tarball
(../shared/corpus/wechat-articles.tar.xz). tests/gold/corpus/README.md gives
the format and the conventions of the annotation.

Figures match as in tools/score_gold.py (overlapping span, same kind, same
value). Over the matched figures it reports:

* subject: right when both name the same thing: the same name once scripts and
  case are folded, the same entity of data/entities.yaml, or one name written
  inside the other, as written or as the entity data names them (英伟达 and
  英伟达公司, 印尼 and 印尼人, France and 法国官方); null only matches null;
* speaker where the text names a source (gold speaker_named), compared the same way;
* misattribution: the share of matched claims given a speaker the text does not
  name (gold speaker null) or a different one than it names;
* measure: a predicted measure or topic that names the gold measure or topic.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
import score_gold as sg  # noqa: E402

GOLD_DIR = REPO / "tests" / "gold" / "corpus"
TARBALL = REPO.parent / "shared" / "corpus" / "wechat-articles.tar.xz"


def corpus_texts(paths: Sequence[str]) -> dict[str, str] | None:
    """The texts of the articles at ``paths``, or None when the corpus is absent.

    A path under tests/ is an article kept in the repository (a news gold set:
    public passages with front matter, see tests/gold/news/README.md); any other
    path is one of the development corpus.
    """
    kept = {p: (REPO / p).read_text(encoding="utf-8") for p in paths if in_repository(p)}
    paths = [p for p in paths if p not in kept]
    if not paths:
        return kept
    unpacked = Path(os.environ.get("CLAIMTRACK_CORPUS", "/tmp/corpus"))
    if all((unpacked / p).is_file() for p in paths):
        return kept | {p: (unpacked / p).read_text(encoding="utf-8") for p in paths}
    if not TARBALL.is_file():
        return None
    wanted, found = set(paths), {}
    with tarfile.open(TARBALL, "r:xz") as archive:
        for member in archive:
            name = member.name.removeprefix("./")
            if name in wanted:
                handle = archive.extractfile(member)
                found[name] = io.TextIOWrapper(handle, encoding="utf-8").read()
                if len(found) == len(wanted):
                    break
    return kept | found if len(found) == len(wanted) else None


def in_repository(path: str) -> bool:
    """Whether a gold path names an article kept in the repository, not a corpus file."""
    return path.startswith("tests/")


def article_paths(batch: Path) -> list[str]:
    """The article paths a gold file names, in its order."""
    return [path for path, _ in load([batch])]


def read_language(path: str) -> str:
    """The language ingest gives an article kept in the repository (its front matter's,
    else the detected one)."""
    from claimtrack.articles import read_article

    return read_article(REPO / path).language


def body_start(path: str, text: str) -> int:
    """Where a kept article's body starts (after its front matter); 0 for corpus files."""
    if not in_repository(path):
        return 0
    from claimtrack.articles import read_article

    return read_article(REPO / path).body_start


def extracted(path: str, text: str) -> list:
    """The claims ingest would store: a kept article with its front matter's language,
    date, author and currency; a corpus file (no metadata) as simplified Chinese."""
    from claimtrack.extract import extract_claims

    if not in_repository(path):
        return extract_claims(text, lang="zh-Hans")
    from claimtrack.api import _extract_article
    from claimtrack.articles import read_article

    return _extract_article(read_article(REPO / path))


@dataclass(frozen=True)
class Gold:
    """One gold claim placed in its article: span and the annotated fields."""

    start: int
    end: int
    fields: dict[str, Any]
    sentence: str


def load(batches: Sequence[Path]) -> list[tuple[str, list[Gold]]]:
    articles = []
    for batch in batches:
        data = yaml.safe_load(batch.read_text(encoding="utf-8"))
        for item in data["articles"]:
            articles.append((item["path"], item.get("claims") or []))
    return articles


def place(text: str, claims: list[dict], body: int = 0) -> list[Gold]:
    """Each gold claim at its surface's occurrence in the text from ``body`` on."""
    placed = []
    for claim in claims:
        start = body - 1
        for _ in range(claim.get("occurrence", 1)):
            start = text.find(claim["surface"], start + 1)
        if start < 0:
            raise ValueError(f"surface {claim['surface']!r} not found")
        end = start + len(claim["surface"])
        placed.append(Gold(start, end, claim, sg.sentence_at(text, start, end)))
    return placed


class _Span:
    """What score_gold.claims_agree needs of a gold claim."""

    def __init__(self, gold: Gold) -> None:
        self.start, self.end = gold.start, gold.end
        f = gold.fields
        self.gold = argparse.Namespace(
            kind=f["kind"], iso=f.get("iso"), value=f.get("value"),
            qualifier=f.get("qualifier", "exact"), low=f.get("low"), high=f.get("high"))


def same_name(gold: str | None, predicted: str | None) -> bool:
    """Whether two names name one thing (see the module docstring)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    gold, predicted = str(gold), str(predicted)  # YAML reads a subject 1949 as a number
    from claimtrack.extract.grammar import compact_key, grammar

    entity_of = grammar().entity_of

    def alike(a: str, b: str) -> bool:
        return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))

    raw = [compact_key(name) for name in (gold, predicted)]
    # As written (印尼 inside 印尼人), else as the entity data names them (英伟达, Nvidia),
    # else one written inside any name of the other's entity (法国 of France in 法国官方).
    canonical = [compact_key(entity_of[key][0]) if key in entity_of else key for key in raw]
    if alike(*raw) or alike(*canonical):
        return True
    names = _names_of_entities()
    a, b = raw
    return any(alike(a, alias) for alias in names.get(canonical[1], ())) or \
        any(alike(b, alias) for alias in names.get(canonical[0], ()))


@cache
def _names_of_entities() -> dict[str, tuple[str, ...]]:
    """Every name (compacted) of each entity of the entity data, by its canonical name
    (compacted)."""
    from claimtrack.extract.grammar import compact_key, grammar

    names: dict[str, list[str]] = {}
    for alias, (canonical, _) in grammar().entity_of.items():
        names.setdefault(compact_key(canonical), []).append(alias)
    return {key: tuple(value) for key, value in names.items()}


def score(batches: Sequence[Path]) -> dict[str, Any] | None:
    articles = load(batches)
    texts = corpus_texts([path for path, _ in articles])
    if texts is None:
        return None
    totals = {"gold": 0, "predicted": 0, "matched": 0, "subject": 0, "named": 0,
              "speaker_named": 0, "misattributed": 0, "measure_stated": 0, "measure": 0}
    misses: list[str] = []
    for path, claims in articles:
        text = texts[path]
        gold = place(text, claims, body_start(path, text))
        predicted = extracted(path, text)
        pairs = sg.match([_Span(g) for g in gold], predicted)
        totals["gold"] += len(gold)
        totals["predicted"] += len(predicted)
        totals["matched"] += len(pairs)
        for gi, pi in pairs:
            g, p = gold[gi].fields, predicted[pi]
            ok_subject = same_name(g.get("subject"), p.subject)
            totals["subject"] += ok_subject
            if not ok_subject:
                misses.append(f"subject {g.get('subject')!r} got {p.subject!r}: {p.surface} "
                              f"| {gold[gi].sentence[:80]}")
            if g.get("speaker_named"):
                totals["named"] += 1
                ok = same_name(g.get("speaker"), p.speaker)
                totals["speaker_named"] += ok
                if not ok:
                    misses.append(f"speaker {g.get('speaker')!r} got {p.speaker!r}: {p.surface} "
                                  f"| {gold[gi].sentence[:80]}")
            if p.speaker is not None and not (g.get("speaker_named") and same_name(
                    g.get("speaker"), p.speaker)):
                totals["misattributed"] += 1
                if not g.get("speaker_named"):
                    misses.append(f"misattributed to {p.speaker!r}: {p.surface} "
                                  f"| {gold[gi].sentence[:80]}")
            if g.get("measure") or g.get("topic"):
                totals["measure_stated"] += 1
                said = getattr(p, "measure", None)
                ok = bool((g.get("topic") and g.get("topic") == p.topic)
                          or (said and g.get("measure") and same_name(g["measure"], said)))
                totals["measure"] += ok
                if not ok:
                    misses.append(f"measure {g.get('measure')!r}/{g.get('topic')} got {said!r}/"
                                  f"{p.topic}: {p.surface} | {gold[gi].sentence[:70]}")
    matched = totals["matched"]
    return {
        "articles": len(articles),
        **totals,
        "precision": sg._ratio(matched, totals["predicted"]),
        "recall": sg._ratio(matched, totals["gold"]),
        "subject_accuracy": sg._ratio(totals["subject"], matched),
        "speaker_accuracy_named": sg._ratio(totals["speaker_named"], totals["named"]),
        "misattribution_rate": sg._ratio(totals["misattributed"], matched),
        "measure_accuracy": sg._ratio(totals["measure"], totals["measure_stated"]),
        "misses": misses,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", nargs="*", type=Path)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    batches = args.batches or sorted(GOLD_DIR.glob("*.yaml"))
    result = score(batches)
    if result is None:
        print("score_corpus_gold: the development corpus is absent (see ../shared/corpus)",
              file=sys.stderr)
        return 2
    misses = result.pop("misses")
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    if args.verbose:
        print("\n".join(misses))
    print(f"{result['articles']} articles, {result['gold']} gold figures, "
          f"{result['predicted']} predicted, {result['matched']} matched")
    for key in ("precision", "recall", "subject_accuracy", "speaker_accuracy_named",
                "misattribution_rate", "measure_accuracy"):
        print(f"  {key:24} {result[key]:.3f}")
    print(f"  (speaker named in {result['named']} matched claims; measure stated in "
          f"{result['measure_stated']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
