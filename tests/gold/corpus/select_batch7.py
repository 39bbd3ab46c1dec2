#!/usr/bin/env python3
"""Select the articles of batch_7 (fresh held-out gold). Seed 20261201.

Kept as the record of how batch_7 was drawn (session 23, run once before batch_7.yaml
existed; run again it would exclude it too). Paths are those of the machine it ran on.
The draw is batch_5's (select_batch5.py, imported, not copied): 8 topical and 4 other
titles, at most one per account. batch_7 is held out: annotated without running the
extractor on its articles, scored only, its errors not read.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_batch5 import print_draw  # noqa: E402

SEED = 20261201

if __name__ == "__main__":
    print_draw(SEED, {"topical": 8, "other": 4}, per_account=1)
