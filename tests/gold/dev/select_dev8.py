#!/usr/bin/env python3
"""Select the articles of dev_8 (development gold whose errors are read). Seed 20261206.

Kept as the record of how dev_8 was drawn (session 30, run once before dev_8.yaml
existed; run again it would exclude dev_8 too). Like dev_6, dev_8 is drawn like the
held-out batches: batch_5's candidates and rule (select_batch5.py, imported, not
copied; its used_paths() excludes every path the gold files name), shuffled with SEED,
at most two per account (one per account runs out of
accounts before the quota), 8 topical and 4 other titles.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import select_batch5  # noqa: E402

SEED = 20261206

if __name__ == "__main__":
    select_batch5.print_draw(SEED, {"topical": 8, "other": 4}, per_account=2)
