"""A deterministic corpus of many small articles with figures, for crash and concurrency tests.

Built from sentences like the seeds' (both scripts and English), each article a
few sentences with varied figures, outlets and dates, and a line that makes its
text unique.
"""

from __future__ import annotations

import random
from pathlib import Path

SENTENCES = [
    "一些研究披露DeepSeek-V3模型的训练费用仅为{a}万美元。",
    "英伟达股价暴跌{p}%，市值蒸发近{b}亿美元。",
    "據AI開發者平台HuggingFace數據顯示,該模型當月下載量達{c}萬次。",
    "微软计划今年在人工智能基础设施上投入约{d}亿美元。",
    "DeepSeek said the training run cost ${e} million, Reuters reported.",
    "Nvidia shares fell {p}% on Monday, wiping nearly ${f} billion off its market value.",
    "特朗普宣布的{g}亿美元“星际之门”计划引发关注。",
]
OUTLETS = ["Example Daily", "侠客岛", "彭博社", "Meridian Wire", "qq.com"]


def write_corpus(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    """Write ``count`` articles (and sidecars) into a folder; the same seed, the same files."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        figures = {"a": rng.choice([558, 557, 560, 600]), "p": rng.choice([17, 16.97, 18]),
                   "b": rng.choice([5890, 6000, 5930]), "c": rng.choice([2430, 2400]),
                   "d": rng.choice([800, 750]), "e": rng.choice([5.58, 5.6, 6]),
                   "f": rng.choice([589, 593, 600]), "g": rng.choice([5000, 1000])}
        lines = [f"第{index}篇 · article {index}"]
        lines += [rng.choice(SENTENCES).format(**figures) for _ in range(rng.randint(3, 6))]
        path = folder / f"article_{index:04d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        day = 1 + index % 28
        (folder / f"article_{index:04d}.meta.yaml").write_text(
            f"title: Article {index}\noutlet: {rng.choice(OUTLETS)}\n"
            f"date: 2025-02-{day:02d}\nauthors: [Writer {index % 9}]\n", encoding="utf-8")
        paths.append(path)
    return paths
