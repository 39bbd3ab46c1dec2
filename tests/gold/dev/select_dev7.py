#!/usr/bin/env python3
"""Select the articles of dev_7 (development gold whose errors are read). Seed 20261205.

Kept as the record of how dev_7 was drawn (session 29, run once before dev_7.yaml
existed; run again it would exclude dev_7 too). The held-out batches' named speakers
are the weakest score, so this draw is speech-rich like dev_4 and dev_5:
select_dev4.print_draw (imported, not copied) with its own seed.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import select_dev4  # noqa: E402

SEED = 20261205

if __name__ == "__main__":
    select_dev4.print_draw(SEED)
