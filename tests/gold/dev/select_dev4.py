#!/usr/bin/env python3
"""Select the articles of dev_4 (development gold whose errors are read). Seed 20261202.

Kept as the record of how dev_4 was drawn (session 24, run once before dev_4.yaml
existed). The held-out sets' named speakers are mostly missed where the source is
introduced paragraphs before the figure (a talk, an interview, a report quoted at
length), so this draw favours such articles: batch_5's candidates (select_batch5.py,
imported, not copied) with at least 8 reported-speech cues (SPEECH) in the body,
shuffled with SEED, at most two per account, 8 topical and 4 other titles.
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import select_batch5 as sb  # noqa: E402

SEED = 20261202
SPEECH = re.compile(r"表示|指出|认为|透露|坦言|称|报道|数据显示|报告|采访|演讲|说：|说，|问：|答：")


def speech_rich(rel: str) -> bool:
    return len(SPEECH.findall(sb.body(f"{sb.ROOT}/{rel}"))) >= 8


def print_draw(seed: int) -> None:
    """Print the speech-rich draw with ``seed`` (8 topical, 4 other, at most two per
    account) among the articles no gold file names yet."""
    used = sb.used_paths()
    cands = [rel for rel in sb.candidates(used) if speech_rich(rel)]
    print(f"used paths excluded: {len(used)}; candidates: {len(cands)}")
    for rel, cat in sb.draw(cands, seed, {"topical": 8, "other": 4}, per_account=2):
        print(cat, rel)


if __name__ == "__main__":
    print_draw(SEED)
