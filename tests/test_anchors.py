"""Anchored scanning (claimtrack.extract.anchors) finds exactly what finditer finds.

The extractor scans its big patterns only where a match can start or where a
character every match holds occurs. These tests hold every narrowed pattern of
the real grammar to ``pattern.finditer`` on the seeds, the English benchmark
articles, every spec input and generated text, and pin the analysis itself on
small patterns whose start sets are known.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.articles import read_article
from claimtrack.extract.anchors import (
    AnchoredPattern,
    anchored,
    required_literal,
    required_text,
    start_patterns,
)
from claimtrack.extract.grammar import grammar
from claimtrack.extract.lexicon import ascii_lower, fold
from tests.test_extract_properties import PIECES

ROOT = Path(__file__).resolve().parent.parent


def _narrowed() -> list[tuple[str, AnchoredPattern]]:
    g = grammar()
    named = [("core", g.core), ("entity", g.entity), ("topic", g.topic),
             ("sentence_end", g.sentence_end), ("clause_end", g.clause_end),
             ("trigger", g.trigger)]
    named += [(f"date {i} ({lang})", p) for i, (p, lang) in enumerate(g.dates)]
    named += [(f"excluded {i}", p) for i, p in enumerate(g.excluded)]
    named += [(f"attribution {i}", p) for i, (p, _script) in enumerate(g.attribution)]
    return [(name, p) for name, p in named if isinstance(p, AnchoredPattern)]


NARROWED = _narrowed()


def _texts() -> list[str]:
    texts = []
    for folder in (ROOT / "seeds", ROOT / "benchmarks" / "english"):
        texts += [read_article(path).text for path in sorted(folder.glob("*.txt"))]
    for spec in sorted((ROOT / "tests" / "specs").glob("*/*.yaml")):
        cases = (yaml.safe_load(spec.read_text(encoding="utf-8")) or {}).get("cases") or []
        texts += [case["input"] for case in cases if isinstance(case.get("input"), str)]
    return texts


TEXTS = _texts()


def _found(pattern, text: str, pos: int = 0, endpos: int | None = None) -> list:
    endpos = len(text) if endpos is None else endpos
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text, pos, endpos)]


def _variants(text: str) -> list[str]:
    folded = fold(text)
    return [text, folded, ascii_lower(folded)]


def test_the_grammar_narrows_its_costly_patterns():
    names = {name for name, _ in NARROWED}
    assert {"core", "entity", "topic", "trigger", "sentence_end", "clause_end"} <= names
    assert sum(name.startswith("date") for name in names) >= 8
    assert len(TEXTS) > 300


@pytest.mark.parametrize(("name", "pattern"), NARROWED, ids=[n for n, _ in NARROWED])
def test_narrowed_pattern_matches_as_finditer_does_on_real_text(name, pattern):
    found = 0
    for text in TEXTS:
        for variant in _variants(text):
            expected = _found(pattern.wrapped, variant)
            assert _found(pattern, variant) == expected, (name, variant[:80])
            found += len(expected)
            # a window in the middle: lookbehinds see before it, nothing past its end
            middle = len(variant) // 3, 2 * len(variant) // 3
            assert _found(pattern, variant, *middle) == _found(pattern.wrapped, variant, *middle)
            for start in range(0, len(variant), max(1, len(variant) // 7)):
                ours = pattern.search(variant, start)
                theirs = pattern.wrapped.search(variant, start)
                assert (ours and ours.span()) == (theirs and theirs.span()), (name, start)
    assert found or name.startswith(("date", "excluded", "attribution"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_narrowed_patterns_match_as_finditer_does_on_generated_text(text):
    for name, pattern in NARROWED:
        for variant in _variants(text):
            assert _found(pattern, variant) == _found(pattern.wrapped, variant), name


@pytest.mark.parametrize(("source", "candidates"), [
    # digits and Chinese numerals start a figure, 一二三 only before 十; a letter only
    # at a word start (not after a letter) and only before the two letters that may
    # follow
    (r"\d+万|[一二三]十|(?<![a-z])(?:two|ten)",
     {r"[\d一三二](?:(?<=[\d])|(?<=[一三二])(?=[十]))", r"[t](?<![a-z][\s\S])(?=[e][n]|[w][o])"}),
    # \b before a letter guards it; a pattern that is no alternation keeps its start
    # patterns only where few letters start a match (re tries a \b-led pattern at every
    # position), not where many common words do
    (r"\b(?:one|two)\b",
     {r"[ot](?<![\w][\s\S])(?:(?<=[o])(?=[n][e])|(?<=[t])(?=[w][o]))"}),
    (r"\b(?:in|of|by|at|to|up|as|we|he|me|no)\b", None),
    (r"\b(?:one|two)\b|\d+",
     {r"[\d]", r"[ot](?<![\w][\s\S])(?:(?<=[o])(?=[n][e])|(?<=[t])(?=[w][o]))"}),
    # letters without a guard, each starting a word told apart by its first three letters
    # (re finds no first character in a case-folded literal, and tries it everywhere);
    # the \w after them is never reached
    (r"(?i:said|told) [A-Z]\w+", {r"[STst](?:(?<=[Ss])(?=[Aa][Ii])|(?<=[Tt])(?=[Oo][Ll]))"}),
    (r"(?:said|told) [A-Z]\w+", None),  # plain literals: re skips to them itself
    (r"(?i:a|an) \w+", None),  # a one-letter word
    # a guarded digit starts a match only at the first digit of a run (image URLs
    # and ids hold long runs)
    (r"\b(?P<decade>\d{4})s\b", {r"[\d](?<![\w][\s\S])"}),
    (r"(?<![\d.])\d{2}\s?年", {r"[\d](?<![\.\d][\s\S])"}),
    # a letter anywhere can start a match: no start pattern would help
    (r"[a-z]+\d|\d+", None),
    # can match the empty string: every position is a start
    (r"\d*", None),
    # a back-reference or a negated class is not followed
    (r"(\d)\1|[^a]b", None),
    # case folding doubles the letters of a guarded start
    (r"(?<![a-z])(?i:q)\d|\d", {r"[\d]", r"[Qq](?<![a-z][\s\S])(?=[\d])"}),
    (r"(?<![a-z])(?i:qx)\d|\d", {r"[\d]", r"[Qq](?<![a-z][\s\S])(?=[Xx][\d])"}),
    # a letter that may end the match, or start a repeated group, is left on its own
    (r"(?<![a-z])(?:a|b(?:cd)+)|\d",
     {r"[\d]", r"[ab](?<![a-z][\s\S])(?:(?<=[a])|(?<=[b])(?=[c][d]))"}),
    (r"(?<![a-z])(?:x(?:[0-9]z)*)|\d", {r"[\d]", r"[x](?<![a-z][\s\S])"}),
    # an optional repeat lets what follows it come second
    (r"(?<![a-z])(?:x[0-9]*y)|\d", {r"[\d]", r"[x](?<![a-z][\s\S])(?=[0-9y])"}),
])
def test_start_patterns_of_small_patterns(source, candidates):
    found = start_patterns(re.compile(source))
    assert (None if found is None else {p.pattern for p in found}) == candidates


@pytest.mark.parametrize(("source", "required"), [
    (r"[\w.]+@[\w-]+\.\w+", "@"),
    (r"(?P<y>\d{4})\s?年?\s?(?:到|至)\s?(?P<y2>\d{4})\s?年", "年"),  # the optional 年 is not it
    (r"(?:from|to) \d+", None),   # letters and spaces are everywhere
    (r"(?:x:)?\d+", None),        # inside an optional group
    (r"(?:\d+:){2}\d+", ":"),     # a group repeated at least once
    # one of the words of an alternation, by its first two characters
    (r"(?P<who>[^，。]{1,16}?)(?:表示|称|指出(?!了))", "指出|称|表示"),
    (r"(?P<who>[^，。]{1,16}?)(?:表示|称|说)?", None),  # an optional alternation
    # a run of four or more letters is rare enough; capitals are never everywhere
    (r"\b(?:first|second)[\s-]quarter\b", "quarter"),
    (r"\b(?:last|next)\s+(?:January|March)\b", "Ja|Ma"),
    (r"\b(?i:last year)\b", None),  # folded case: not a plain run
    # failing all else, plain words of three letters or more, by their first three
    (r"(?P<who>(?:[A-Z][\w.'-]*\s?){1,4}) (?:said|says|told)", "sai|say|tol"),
    (r"[A-Z]\w* (?:said|in)", None),  # a two-letter word is everywhere
    (r"[A-Z]\w* (?i:data|figures)\b", "D[Aa][Tt]|F[Ii][Gg]|d[Aa][Tt]|f[Ii][Gg]"),
    # an item the analysis cannot follow (a negated class in an alternation) is passed over
    (r"(?P<who>《[^》]{1,40}》|[^，。]{2,12}?)(?:公布|发布)的", "公布|发布"),
])
def test_required_text(source, required):
    found = required_text(re.compile(source))
    assert (found and found.pattern) == required


def test_a_span_without_the_required_character_is_skipped_whole():
    pattern = anchored(re.compile(r"[\w.]+@[\w-]+\.\w+"))
    assert isinstance(pattern, AnchoredPattern)
    assert list(pattern.finditer("no address here, only dev.example.org")) == []
    assert [m.group() for m in pattern.finditer("write to dev@example.org today")] == [
        "dev@example.org"]


@pytest.mark.parametrize(("source", "literal"), [
    # consecutive literal characters at the top level: every match holds them as written
    (r"(?P<who>(?:[A-Z][\w&.'-]*\s?){1,4}), [^,;:.]{0,40}?, (?:said|says)\b", ", sa"),
    (r"(?:上世纪)?(?P<decade>\d{2,4})\s?年代", "年代"),
    (r"!?\[[^\]\n]*\]\([^)\n]*\)", "]("),
    (r"a|bc", None),  # an alternation: no match need hold bc
    (r"x(?:ab)?y", None),  # one character on each side of an optional group
    (r"(?i)said, ", None),  # case folded: not as written
    (r"(?i:ab)cd", "cd"),
])
def test_required_literal(source, literal):
    assert required_literal(re.compile(source)) == literal


def test_a_span_without_the_required_literal_is_skipped_whole():
    # Chinese text is all word characters: without the gate this pattern tried every
    # way to cut a long run of capitals and letters into four words at each capital.
    pattern = anchored(re.compile(r"(?P<who>(?:[A-Z][\w&.'-]*\s?){1,4}), (?:an|the) \w+"))
    assert isinstance(pattern, AnchoredPattern) and pattern.literal == ", "
    run = "mscgUN7TcTLFHlNFa0YJLGOYcs1MGcKJuZO24QKOLdwvkwkAACkG,一切"
    assert list(pattern.finditer(run)) == [] == list(pattern.wrapped.finditer(run))
    text = "Jane Doe, an analyst, said"
    assert [m.group("who") for m in pattern.finditer(text)] == ["Jane Doe"]


_DESCRIBE_GRAMMAR = """
import dataclasses, json, re, sys
from claimtrack.extract.anchors import AnchoredPattern
from claimtrack.extract.grammar import build_grammar, grammar
from claimtrack.extract.lexicon import lexicon
from claimtrack.taxonomy import load_taxonomy

def describe(value):
    if isinstance(value, AnchoredPattern):
        return ["anchored", value.pattern, value.wrapped.flags,
                value.starts and [(s.pattern, s.flags) for s in value.starts],
                value.required and (value.required.pattern, value.required.flags),
                value.literal]
    if isinstance(value, re.Pattern):
        return ["pattern", value.pattern, value.flags]
    if isinstance(value, (list, tuple)):
        return [describe(item) for item in value]
    return None

def summary(g):
    return {f.name: describe(getattr(g, f.name)) for f in dataclasses.fields(g)}

# "fresh": built outside marshal_cache.remembering, so everything is computed here.
g = build_grammar(lexicon(), load_taxonomy()) if sys.argv[1] == "fresh" else grammar()
print(json.dumps(summary(g), ensure_ascii=False, sort_keys=True))
"""


def test_the_grammar_built_from_the_kept_analysis_is_the_grammar_built_afresh(tmp_path):
    # The analysis of the patterns is kept in the temporary folder for the next
    # process (claimtrack.marshal_cache.remembering): the first process writes it,
    # the second reads it; both must give the grammar computed from scratch.
    import os
    import subprocess
    import sys

    env = {**os.environ, "TMPDIR": str(tmp_path)}

    def describe(how: str) -> str:
        return subprocess.run([sys.executable, "-c", _DESCRIBE_GRAMMAR, how], env=env,
                              check=True, capture_output=True, text=True).stdout

    writes = describe("kept")
    kept = list(tmp_path.glob("claimtrack-grammar-*.marshal"))
    assert len(kept) == 1
    written = kept[0].stat().st_mtime_ns
    reads = describe("kept")
    assert kept[0].stat().st_mtime_ns == written  # read, not computed and written again
    fresh = describe("fresh")
    assert '"anchored"' in fresh
    assert writes == fresh
    assert reads == fresh
