#!/usr/bin/env python3
"""Select the articles of batch_8 (fresh held-out gold). Seed 20261204.

Kept as the record of how batch_8 was drawn (session 25, run once before batch_8.yaml
existed; run again it would exclude it too). Paths are those of the machine it ran on.
The draw is batch_5's (select_batch5.py, imported, not copied): 8 topical and 4 other
titles, at most one per account. batch_8 is held out: annotated without running the
extractor on its articles, scored only, its errors not read. It measures this
session's rules (speakers in block quotes, pronouns, clauses with no speaker of their
own) on text nobody tuned them to.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_batch5 import print_draw  # noqa: E402

SEED = 20261204

if __name__ == "__main__":
    print_draw(SEED, {"topical": 8, "other": 4}, per_account=1)
