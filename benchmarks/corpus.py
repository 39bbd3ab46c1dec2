"""Write a deterministic corpus of N articles for benchmarks (and sidecars with metadata).

Usage:
    python benchmarks/corpus.py OUT_DIR --articles 10000 [--chars 3000] [--seed 1]

Articles are made of real sentences from the seeds (simplified and traditional
Chinese) and from benchmarks/english/ (English), one script per article, about
--chars characters each. Figures are varied (a number is replaced by a nearby
value now and then) so that the database fills with groups of agreeing and
conflicting claims; outlets, authors and dates vary too. The same seed writes
the same files.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUTLETS = {
    "zh-Hans": ["侠客岛", "重要的是经济", "qq.com", "财新", "第一财经"],
    "zh-Hant": ["彭博社", "經濟日報", "聯合報", "明報"],
    "en": ["Example Daily", "Meridian Wire", "The Northfield Ledger", "Harbor Post"],
}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]|[^.!?\n]+[.!?](?=\s|$)")


def _sentences(path: Path) -> list[str]:
    from claimtrack.articles import read_article

    article = read_article(path)
    body = article.text[article.body_start :]
    return [s.strip() for s in _SENTENCE.findall(body) if len(s.strip()) > 8]


def sentence_pools() -> dict[str, list[str]]:
    """Real sentences by script: the seeds (both Chinese scripts) and the English articles."""
    from claimtrack.lang.hanzi import detect_language

    pools: dict[str, list[str]] = {"zh-Hans": [], "zh-Hant": [], "en": []}
    for path in sorted((REPO / "seeds").glob("*.txt")) + sorted((HERE / "english").glob("*.txt")):
        for sentence in _sentences(path):
            pools[detect_language(sentence) or "en"].append(sentence)
    return pools


def _vary(sentence: str, rng: random.Random) -> str:
    """Now and then move a figure a little (or a lot), as sources do."""
    def replace(match: re.Match) -> str:
        if rng.random() > 0.3 or len(match.group(0)) == 4:  # keep years
            return match.group(0)
        value = float(match.group(0)) * rng.choice([0.5, 0.9, 0.99, 1.01, 1.1, 10])
        return f"{value:.2f}".rstrip("0").rstrip(".") if "." in match.group(0) else str(
            round(value))
    return _NUMBER.sub(replace, sentence)


def write_corpus(out: Path, articles: int, *, chars: int = 3000, seed: int = 1) -> int:
    """Write the articles and sidecars; returns the total size in bytes."""
    rng = random.Random(seed)
    pools = sentence_pools()
    scripts = ["zh-Hans", "zh-Hans", "zh-Hant", "en", "en"]
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(articles):
        script = scripts[index % len(scripts)]
        pool = pools[script]
        lines = [f"{index}"]
        size = 0
        while size < chars:
            sentence = _vary(rng.choice(pool), rng)
            lines.append(sentence)
            size += len(sentence)
        text = "\n".join(lines) + "\n"
        name = f"{index:06d}"
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        month, day = 1 + index % 4, 1 + index % 28
        (out / f"{name}.meta.yaml").write_text(
            f"title: Article {index}\noutlet: {rng.choice(OUTLETS[script])}\n"
            f"authors: [Writer {index % 23}]\ndate: 2025-{month:02d}-{day:02d}\nlang: {script}\n",
            encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    size = write_corpus(args.out, args.articles, chars=args.chars, seed=args.seed)
    print(f"{args.out}: {args.articles} articles, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
