"""Write every claim extraction finds in a fixed set of texts, as JSON lines, to diff two versions.

A check that a change to the extractor (a speed-up, a refactoring) leaves its
output byte-identical: run it before and after, then compare the two files::

    python tools/extract_snapshot.py /tmp/snap/before.jsonl
    ... change the extractor ...
    python tools/extract_snapshot.py /tmp/snap/after.jsonl
    cmp /tmp/snap/before.jsonl /tmp/snap/after.jsonl

The texts, in this order:

- every article under seeds/, benchmarks/english/ and tests/gold/multisource/articles/;
- every article the hand-made gold files under tests/gold/ name (``path:``), read
  from the development corpus (--corpus, default /tmp/corpus);
- a fixed sample of the development corpus's articles: every Nth of them in sorted
  path order, N chosen to give about --sample articles (default 300);
- the input of every case in tests/specs/<lang>/*.yaml, with its published date
  and author.

Articles are read and extracted as ingest does (claimtrack.api's
``_extract_article``: language, date, first author and currency from their
metadata). Each line is one claim: the text's label, the claim's index and every
field of the claim (``Claim.model_dump(mode="json")``). A text that raises gives
one line with the error instead. Missing corpus files are reported on stderr and
skipped; the summary (texts, claims, seconds) goes to stderr too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

from claimtrack.api import _extract_article
from claimtrack.articles import iter_article_paths, read_article
from claimtrack.extract import extract_claims

ROOT = Path(__file__).resolve().parent.parent


def article_paths(corpus: Path, sample: int) -> list[tuple[str, Path]]:
    """(label, path) of every article to read, in a fixed order."""
    paths: list[tuple[str, Path]] = []
    for folder in ("seeds", "benchmarks/english", "tests/gold/multisource/articles"):
        paths += [(str(p.relative_to(ROOT)), p) for p in iter_article_paths([ROOT / folder])]
    for gold in sorted((ROOT / "tests/gold").rglob("*.yaml")):
        for article in (yaml.safe_load(gold.read_text(encoding="utf-8")) or {}).get(
                "articles") or []:
            if isinstance(article, dict) and article.get("path"):
                paths.append((f"corpus:{article['path']}", corpus / article["path"]))
    wechat = corpus / "wechat"
    if wechat.is_dir():
        everything = list(iter_article_paths([wechat]))
        step = max(1, len(everything) // sample)
        paths += [(f"corpus:{p.relative_to(corpus)}", p) for p in everything[::step]]
    else:
        print(f"extract_snapshot: no corpus at {wechat}; its articles are left out",
              file=sys.stderr)
    return paths


def spec_cases() -> list[tuple[str, dict]]:
    """(label, case) of every extraction spec case."""
    cases = []
    for spec in sorted((ROOT / "tests/specs").glob("*/*.yaml")):
        lang = spec.parent.name
        if lang == "crosscheck":
            continue
        for index, case in enumerate(yaml.safe_load(spec.read_text(encoding="utf-8"))["cases"]):
            cases.append((f"spec:{lang}/{spec.stem}#{index + 1}", {**case, "lang": lang}))
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", type=Path, help="the JSON lines file to write")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/corpus"),
                        help="where the development corpus is unpacked (default: /tmp/corpus)")
    parser.add_argument("--sample", type=int, default=300,
                        help="about how many development corpus articles to sample (default 300)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    texts = claims = 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as out:

        def write(label: str, extract) -> None:
            nonlocal texts, claims
            texts += 1
            try:
                found = extract()
            except Exception as error:  # recorded, so a change in failures shows too
                out.write(json.dumps({"text": label, "error": repr(error)},
                                     ensure_ascii=False) + "\n")
                return
            for index, claim in enumerate(found):
                out.write(json.dumps({"text": label, "index": index,
                                      **claim.model_dump(mode="json")},
                                     ensure_ascii=False, sort_keys=True) + "\n")
            claims += len(found)

        for label, path in article_paths(args.corpus, args.sample):
            if not path.exists():
                print(f"extract_snapshot: missing {path}", file=sys.stderr)
                continue
            write(label, lambda path=path: _extract_article(read_article(path)))
        for label, case in spec_cases():
            write(label, lambda case=case: extract_claims(
                case["input"], lang=case["lang"], published=case.get("published"),
                author=case.get("author")))
    print(f"extract_snapshot: {texts} texts, {claims} claims, "
          f"{time.perf_counter() - start:.1f} s -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
