#!/usr/bin/env python3
"""Select the articles of batch_6 (fresh held-out gold) and dev_3 (development). Seed 20261130.

Kept as the record of how they were drawn (session 22, run once before either file
existed; run again it would exclude them too). Paths are those of the machine it ran on.
The draw is batch_5's (select_batch5.py) with 16 + 8 titles and at most two per account;
it found 23. In drawn order, the 1st, 3rd, 5th... go to batch_6 (held out: scored only,
its errors are not read) and the 2nd, 4th... to tests/gold/dev/dev_3.yaml.

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

SEED = 20261130
ROOT = "/tmp/corpus"
used = set()
GOLD = "/work/main/tests/gold"
for f in glob.glob(f"{GOLD}/corpus/*.yaml") + glob.glob(f"{GOLD}/dev/*.yaml"):
    for line in open(f, encoding="utf-8"):
        m = re.match(r"\s*-?\s*path:\s*(\S.*?)\s*(#.*)?$", line)
        if m:
            used.add(m.group(1).strip().strip('"').strip("'"))

LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\([^)]*\)|https?://\S+", re.S)
NUM = re.compile(r"\d+(?:[.,]\d+)*|[零〇一二三四五六七八九十百千万亿两]{2,}")
TOPICAL = re.compile(r"经济|商业|生意|公司|企业|钱|价|市场|消费|产业|行业|科技|技术|AI|"
                     r"人工智能|芯片|"
                     r"互联网|平台|房|股|金融|银行|财政|税|贸易|关税|就业|工作|工资|收入|裁员|"
                     r"人口|教育|医疗|社会|城市|县城|年轻人|养老|汽车|电动|能源|品牌|赚|亏|"
                     r"美国|中国|日本|外卖|电商|创业|投资|GDP|债|老板|员工|职场|涨|跌|降")

def body(path):
    t = open(path, encoding="utf-8").read()
    return LINK.sub("", t)

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

rng = random.Random(SEED)
rng.shuffle(cands)
taken, accounts, quota = [], [], {"topical": 16, "other": 8}
for rel in cands:
    acc = rel.split("/")[1]
    title = os.path.basename(rel)[:-3]
    cat = "topical" if TOPICAL.search(title) else "other"
    if sum(a == acc for a in accounts) >= 2 or quota[cat] == 0:
        continue
    taken.append((rel, cat))
    accounts.append(acc)
    quota[cat] -= 1
    if not any(quota.values()):
        break
print(f"used paths excluded: {len(used)}; candidates: {len(cands)}")
for index, (rel, cat) in enumerate(taken):
    print("batch_6" if index % 2 == 0 else "dev_3", cat, rel)
