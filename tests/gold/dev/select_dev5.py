#!/usr/bin/env python3
"""Select the articles of dev_5 (development gold whose errors are read). Seed 20261203.

Kept as the record of how dev_5 was drawn (session 28, run once before dev_5.yaml
existed; run again it would exclude dev_5 too). Same criterion as select_dev4.py:
articles whose source is often introduced paragraphs before the figure (a talk, an
interview, a report quoted at length), i.e. batch_5's candidates (select_batch5.py,
imported, not copied; its used_paths() already excludes every path named in
tests/gold/corpus/*.yaml and tests/gold/dev/*.yaml, dev_1..dev_4 included) with at
least 8 reported-speech cues (SPEECH) in the body, shuffled with SEED, at most two per
account, 8 topical and 4 other titles.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import select_dev4  # noqa: E402

SEED = 20261203

if __name__ == "__main__":
    select_dev4.print_draw(SEED)
