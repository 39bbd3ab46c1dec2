"""Check a corpus gold file (tests/gold/corpus, tests/gold/dev) before it is scored.

    .venv/bin/python tools/check_corpus_gold.py FILE.yaml [...]

Prints one line per problem (file, article, claim) and ``problems: N``; exits 1
when there is any. It checks what tools/score_corpus_gold.py relies on and what
the annotation guide (tests/gold/corpus/README.md) asks: every article is in the
corpus, every surface is in its article (at its occurrence), kinds, units,
qualifiers and bounds are well formed, topics are keys of data/topics.yaml, and
periods and dates are ISO at their precision (a date may be a span
START/END, or --MM-DD when the text gives no year).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
import score_corpus_gold as scg  # noqa: E402
import score_gold as sg  # noqa: E402

KINDS = {"money", "percent", "count", "ratio", "duration", "date", "quantity"}
QUALIFIERS = {"exact", "approx", "upper_bound", "lower_bound", "range"}
FIELDS = {"surface", "occurrence", "kind", "value", "unit", "qualifier", "low", "high", "iso",
          "direction", "subject", "measure", "topic", "period", "speaker", "speaker_named",
          "speaker_role", "said_on", "list", "base", "from_value", "note"}


def problems(path: Path) -> list[str]:
    listed = yaml.safe_load((REPO / "data" / "topics.yaml").read_text(encoding="utf-8"))
    topics = {item["key"] for item in listed["topics"]}
    found: list[str] = []
    try:
        articles = scg.load([path])
    except (yaml.YAMLError, KeyError, TypeError) as error:
        return [f"{path}: not a gold file: {error}".splitlines()[0]]
    texts = scg.corpus_texts([p for p, _ in articles])
    if texts is None:
        return [f"{path}: an article is not in the corpus (or the corpus is absent)"]
    for article, claims in articles:
        text = texts[article]
        for number, claim in enumerate(claims, 1):
            where = f"{path}: {article} claim {number} ({claim.get('surface')!r})"
            extra = set(claim) - FIELDS
            if extra:
                found.append(f"{where}: unknown fields {sorted(extra)}")
            try:
                scg.place(text, [claim], scg.body_start(article, text))
            except (ValueError, KeyError, TypeError) as error:
                found.append(f"{where}: {error}")
            kind = claim.get("kind")
            if kind not in KINDS:
                found.append(f"{where}: kind {kind!r}")
                continue
            if kind == "date":
                # A span (START/END) or a day the text gives no year for (--05-10).
                iso = str(claim.get("iso"))
                if claim.get("value") is not None or not (
                        sg._PERIOD.match(iso) or re.fullmatch(r"--\d{2}(?:-\d{2})?", iso)):
                    found.append(f"{where}: a date has value null and an ISO iso")
            else:
                if not isinstance(claim.get("value"), (int, float)):
                    found.append(f"{where}: value {claim.get('value')!r} is no number")
                unit = claim.get("unit")
                allowed = sg._UNITS_BY_KIND.get(kind)
                if not unit or allowed is not None and unit not in allowed:
                    found.append(f"{where}: unit {unit!r} for a {kind}")
                if kind == "money" and not re.fullmatch(r"[A-Z]{3}", str(unit)):
                    found.append(f"{where}: money needs an ISO 4217 unit")
            qualifier = claim.get("qualifier", "exact")
            if qualifier not in QUALIFIERS:
                found.append(f"{where}: qualifier {qualifier!r}")
            needs = {"upper_bound": ("high",), "lower_bound": ("low",), "range": ("low", "high")}
            for bound in needs.get(qualifier, ()):
                if not isinstance(claim.get(bound), (int, float)):
                    found.append(f"{where}: a {qualifier} needs {bound}")
            if claim.get("topic") is not None and claim["topic"] not in topics:
                found.append(f"{where}: topic {claim['topic']!r} is no key of data/topics.yaml")
            period = claim.get("period")
            if period is not None and not sg._PERIOD.match(str(period)):
                found.append(f"{where}: period {period!r} is not ISO")
            if not isinstance(claim.get("speaker_named", False), bool):
                found.append(f"{where}: speaker_named is true or false")
            if claim.get("speaker_named") and not claim.get("speaker"):
                found.append(f"{where}: speaker_named without a speaker")
    return found


def main(argv: list[str]) -> int:
    found = [line for name in argv for line in problems(Path(name))]
    print("\n".join(found + [f"problems: {len(found)}"]))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
