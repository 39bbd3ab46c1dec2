#!/usr/bin/env python3
"""Select 12 articles for batch_5 (fresh held-out gold). Seed 20250505.

Kept as the record of how batch_5 was drawn (run once, before batch_5.yaml existed;
run again it would exclude batch_5 too). Paths are those of the machine it ran on.

Rule: articles under /tmp/corpus/wechat/ACCOUNT/*.md not used in any gold file
(tests/gold/corpus/*.yaml, tests/gold/dev/*.yaml), body text (image links and URLs
stripped) 1,500-10,000 characters, >= 5 numbers (digit runs, or runs of >= 2 Chinese
numerals) outside links; shuffled with random.Random(SEED); taken in shuffled order,
at most one per account, until 8 "economy/business/technology/society" titles (keyword
regex on the title) and 4 other titles are taken.
"""
import glob
import os
import random
import re
from collections import Counter

SEED = 20250505
ROOT = "/tmp/corpus"
GOLD = "/work/main/tests/gold"

LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\([^)]*\)|https?://\S+", re.S)
NUM = re.compile(r"\d+(?:[.,]\d+)*|[零〇一二三四五六七八九十百千万亿两]{2,}")
TOPICAL = re.compile(r"经济|商业|生意|公司|企业|钱|价|市场|消费|产业|行业|科技|技术|AI|"
                     r"人工智能|芯片|"
                     r"互联网|平台|房|股|金融|银行|财政|税|贸易|关税|就业|工作|工资|收入|裁员|"
                     r"人口|教育|医疗|社会|城市|县城|年轻人|养老|汽车|电动|能源|品牌|赚|亏|"
                     r"美国|中国|日本|外卖|电商|创业|投资|GDP|债|老板|员工|职场|涨|跌|降")


def used_paths():
    """The corpus paths every gold file already names."""
    used = set()
    for f in glob.glob(f"{GOLD}/corpus/*.yaml") + glob.glob(f"{GOLD}/dev/*.yaml"):
        for line in open(f, encoding="utf-8"):
            m = re.match(r"\s*-?\s*path:\s*(\S.*?)\s*(#.*)?$", line)
            if m:
                used.add(m.group(1).strip().strip('"').strip("'"))
    return used


def body(path):
    t = open(path, encoding="utf-8").read()
    return LINK.sub("", t)


def candidates(used):
    cands = []
    for p in sorted(glob.glob(f"{ROOT}/wechat/*/*.md")):
        rel = os.path.relpath(p, ROOT)
        if rel in used:
            continue
        b = body(p)
        n = len(re.sub(r"\s", "", b))
        if not (1500 <= n <= 10000):
            continue
        if len(NUM.findall(b)) < 5:
            continue
        cands.append(rel)
    return cands


def draw(cands, seed, quota, per_account):
    """Shuffled with ``seed``, taken in order, at most ``per_account`` a account, until
    ``quota`` ({"topical": n, "other": m}) is filled; [(path, category)]."""
    cands = list(cands)
    random.Random(seed).shuffle(cands)
    quota, taken, accounts = dict(quota), [], Counter()
    for rel in cands:
        acc = rel.split("/")[1]
        title = os.path.basename(rel)[:-3]
        cat = "topical" if TOPICAL.search(title) else "other"
        if accounts[acc] >= per_account or quota[cat] == 0:
            continue
        taken.append((rel, cat))
        accounts[acc] += 1
        quota[cat] -= 1
        if not any(quota.values()):
            break
    return taken


def print_draw(seed, quota, per_account):
    """Draw from the corpus articles no gold file names yet and print each pick."""
    used = used_paths()
    cands = candidates(used)
    print(f"used paths excluded: {len(used)}; candidates: {len(cands)}")
    for rel, cat in draw(cands, seed, quota, per_account):
        print(cat, rel)


if __name__ == "__main__":
    print_draw(SEED, {"topical": 8, "other": 4}, per_account=1)
