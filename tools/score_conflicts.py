"""Score the cross-check on facts that several public sources state (tests/gold/multisource).

    .venv/bin/python tools/score_conflicts.py [--verbose] [--json]

The 40 source passages of tests/gold/multisource/articles are ingested into a
new SQLite database (the extractor's claims, no curation); ``claimtrack
conflicts`` is run over it; each flagged pair (conflict, scale_slip,
date_conflict) is mapped back to the gold claims by file and span. Reported:

* pair precision: flagged pairs that facts.yaml lists as true conflicts, over
  all flagged pairs (a pair of claims no fact lists counts as a false alarm);
* pair recall: true conflict pairs flagged, over all of them;
* fact recall: conflict facts with at least one of their true pairs flagged;
* group precision: flagged groups with at least one true pair among their flagged pairs;
* confusions: flagged or compared pairs between claims that a not_same_fact
  entry says are different facts.

Decision: cross-checking compares sources; a true conflict inside one article
(a headline against its own body) is left out of the gold pairs scored here.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold" / "multisource"
FLAGGED = ("conflict", "scale_slip", "date_conflict")


def _body_start(text: str) -> int:
    if not text.startswith("---"):
        return 0
    end = text.find("\n---", 3)
    return text.find("\n", end + 1) + 1 if end >= 0 else 0


def gold_claims(folder: Path = GOLD) -> tuple[dict, list[dict]]:
    """(file → text, the facts with each claim's span in its file's text)."""
    facts = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    texts = {p.name: p.read_text(encoding="utf-8") for p in (folder / "articles").glob("*.md")}
    for fact in facts:
        for claim in fact["claims"]:
            text = texts[claim["file"]]
            start = _body_start(text) - 1
            for _ in range(claim.get("occurrence", 1)):
                start = text.find(claim["surface"], start + 1)
            if start < 0:
                raise ValueError(f"{claim['file']}: {claim['surface']!r} not found")
            claim["span"] = (start, start + len(claim["surface"]))
    return texts, facts


def score(folder: Path = GOLD) -> dict[str, Any]:
    from claimtrack import api

    texts, facts = gold_claims(folder)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "gold.db")
        api.ingest([folder / "articles"], db=db)
        groups = api.conflicts(db=db, include_all=True)
        stored = {c.id: c for c in api.find_claims(db=db, limit=None)}
        files = {a.id: Path(a.source_path).name for a in api.articles(db=db)}
    # The gold claim each stored claim states: same file, overlapping span.
    key_of: dict[int, tuple[str, int, int]] = {}

    spans: dict[str, list[tuple[int, int]]] = {}
    for fact in facts:
        for claim in fact["claims"]:
            spans.setdefault(claim["file"], []).append(claim["span"])
    surfaces = {(c["file"], c["surface"]): (c["file"], *c["span"])
                for fact in facts for c in fact["claims"]}
    for claim_id, claim in stored.items():
        file = files[claim.article.id]
        # A from→to claim ($142.62 to $118.51) spans two gold figures: it states the
        # one it ends on (the level reached), else the one it overlaps most.
        overlapping = [(end == claim.end, min(end, claim.end) - max(start, claim.start),
                        start, end) for start, end in spans.get(file, [])
                       if claim.start < end and start < claim.end]
        if overlapping:
            *_, start, end = max(overlapping)
            key_of[claim_id] = (file, start, end)
        else:
            # facts.yaml lists a figure repeated verbatim in one file once (a headline
            # and its body): another occurrence of that surface is the same claim.
            if (file, claim.surface) in surfaces:
                key_of[claim_id] = surfaces[(file, claim.surface)]

    true_pairs: set[frozenset] = set()
    fact_pairs: dict[str, set[frozenset]] = {}
    different: set[frozenset] = set()
    for fact in facts:
        keys = [(c["file"], *c["span"]) for c in fact["claims"]]
        if fact["kind"] in ("conflict", "date_conflict"):
            pairs = {frozenset((keys[a], keys[b])) for a, b in fact.get("conflicts") or []
                     if keys[a][0] != keys[b][0]}
            fact_pairs[fact["id"]] = pairs
            true_pairs |= pairs
        if fact["kind"] == "not_same_fact":
            different |= {frozenset((a, b)) for a in keys for b in keys if a != b}

    flagged: list[tuple[Any, frozenset | None, Any]] = []
    confusions = []
    for group in groups:
        for pair in group.pairs:
            a, b = key_of.get(pair.a), key_of.get(pair.b)
            key = frozenset((a, b)) if a and b else None
            if pair.verdict in FLAGGED and not group.related:
                flagged.append((group, key, pair))
            if key in different and pair.verdict != "not_compared":
                confusions.append((group, pair))
    hits = [item for item in flagged if item[1] in true_pairs]
    flagged_groups = {id(group): group for group, _, _ in flagged}
    good_groups = {id(group) for group, key, _ in flagged if key in true_pairs}
    found_facts = [fid for fid, pairs in fact_pairs.items() if pairs & {k for _, k, _ in hits}]
    return {
        "articles": len(texts),
        "facts": len(facts),
        "true_pairs": len(true_pairs),
        "flagged_pairs": len(flagged),
        "true_flagged_pairs": len({k for _, k, _ in hits}),
        "pair_precision": len(hits) / len(flagged) if flagged else 0.0,
        "pair_recall": len({k for _, k, _ in hits}) / len(true_pairs) if true_pairs else 0.0,
        "conflict_facts": len(fact_pairs),
        "fact_recall": len(found_facts) / len(fact_pairs) if fact_pairs else 0.0,
        "flagged_groups": len(flagged_groups),
        "group_precision": len(good_groups) / len(flagged_groups) if flagged_groups else 0.0,
        "confusions": len(confusions),
        "false_alarms": [f"{g.subject} / {g.topic}: {p.verdict}: {p.reason}"
                         for g, k, p in flagged if k not in true_pairs],
        "missed_facts": sorted(set(fact_pairs) - set(found_facts)),
        "missed_pairs": sorted(
            f"{fid}: {texts[a[0]][a[1]:a[2]]} ({a[0][:3]}) vs {texts[b[0]][b[1]:b[2]]} ({b[0][:3]})"
            for fid, pairs in fact_pairs.items() for a, b in map(sorted, pairs)
            if frozenset((a, b)) not in {k for _, k, _ in hits}),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = score()
    alarms, missed = result.pop("false_alarms"), result.pop("missed_facts")
    missed_pairs = result.pop("missed_pairs")
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    if args.verbose:
        print("false alarms:\n  " + "\n  ".join(alarms))
        print("missed conflict facts: " + ", ".join(missed))
        print("true conflict pairs not flagged:\n  " + "\n  ".join(missed_pairs))
    for key, value in result.items():
        print(f"  {key:20} {value:.3f}" if isinstance(value, float) else f"  {key:20} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
