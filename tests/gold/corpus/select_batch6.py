#!/usr/bin/env python3
"""Select the articles of batch_6 (fresh held-out gold) and dev_3 (development). Seed 20261130.

Kept as the record of how they were drawn (session 22, run once before either file
existed; run again it would exclude them too). Paths are those of the machine it ran on.
The draw is batch_5's (select_batch5.py) with 16 + 8 titles and at most two per account;
it found 23. In drawn order, the 1st, 3rd, 5th... go to batch_6 (held out: scored only,
its errors are not read) and the 2nd, 4th... to tests/gold/dev/dev_3.yaml.

The rule and the code are select_batch5.py's (imported, not copied).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_batch5 import candidates, draw, used_paths  # noqa: E402

SEED = 20261130

if __name__ == "__main__":
    used = used_paths()
    cands = candidates(used)
    print(f"used paths excluded: {len(used)}; candidates: {len(cands)}")
    taken = draw(cands, SEED, {"topical": 16, "other": 8}, per_account=2)
    for index, (rel, cat) in enumerate(taken):
        print("batch_6" if index % 2 == 0 else "dev_3", cat, rel)
