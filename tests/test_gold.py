"""The gold claims of the seeds (tests/gold/seeds.yaml) and their scorer (tools/score_gold.py).

The scorer is tested with fake extractors built from the gold file itself: one
that returns the gold claims exactly must score 1.0 everywhere, and altered
copies (claims dropped, added, moved, mislabelled) must score what they should.
The last test scores the real engine and fails until it exists.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimtrack.schemas import Claim
from claimtrack.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold" / "seeds.yaml"
SEEDS = REPO / "seeds"


def _load_tool() -> Any:
    spec = importlib.util.spec_from_file_location("score_gold", REPO / "tools" / "score_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_gold"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


sg = _load_tool()


@pytest.fixture(scope="module")
def gold() -> list[Any]:
    return sg.load_gold(GOLD, SEEDS)


def _all_spans(gold: list[Any]) -> list[tuple[Any, Any]]:
    return [(item, span) for item in gold for span in item.claims]


# --- (a) the gold file itself ----------------------------------------------------------


def test_gold_file_validates_and_covers_every_seed(gold: list[Any]) -> None:
    assert sorted(item.file for item in gold) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert all(item.claims for item in gold)


def test_every_surface_is_in_its_article(gold: list[Any]) -> None:
    for item, span in _all_spans(gold):
        text, body_start = item.article.text, item.article.body_start
        assert text[span.start : span.end] == span.gold.surface
        assert span.start >= body_start, f"{item.file}: {span.gold.surface!r} in the front matter"
        occurrences = text.count(span.gold.surface, body_start)
        assert occurrences >= span.gold.occurrence
        if span.gold.occurrence > 1:
            assert occurrences > 1


def test_occurrence_is_stated_only_when_needed() -> None:
    raw = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    for article in raw["articles"]:
        for claim in article["claims"]:
            if "occurrence" in claim:
                assert claim["occurrence"] > 1, f"{article['file']}: {claim['surface']!r}"


def test_subjects_topics_and_speakers_are_canonical(gold: list[Any]) -> None:
    taxonomy = load_taxonomy()
    for item, span in _all_spans(gold):
        claim, where = span.gold, f"{item.file}: {span.gold.surface!r}"
        if claim.subject is not None:
            assert taxonomy.entity(claim.subject).name == claim.subject, where
        if claim.topic is not None:
            assert taxonomy.topic(claim.topic).key == claim.topic, where
        # A speaker the alias data knows must be written by its canonical name.
        if claim.speaker is None:
            continue
        try:
            known = taxonomy.entity(claim.speaker)
        except KeyError:
            continue
        assert known.name == claim.speaker, where


def test_default_speaker_is_the_first_author(gold: list[Any]) -> None:
    taxonomy = load_taxonomy()
    for item, span in _all_spans(gold):
        if span.gold.speaker_named or span.gold.speaker is None:  # named, or a generic source
            continue
        author = item.author
        try:
            author = taxonomy.entity(author).name
        except KeyError:
            pass
        assert span.gold.speaker == author, f"{item.file}: {span.gold.surface!r}"


def _write_gold(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    raw = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "gold.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _first_claim(raw: dict[str, Any], file_prefix: str = "002") -> dict[str, Any]:
    article = next(a for a in raw["articles"] if a["file"].startswith(file_prefix))
    return article["claims"][0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.update(colour="red"), "colour: unknown key"),
        (lambda c: c.update(value=3.0), "a date has value null"),
        (lambda c: c.update(iso="2025-02-30"), "day is out of range"),
        (lambda c: c.update(kind="count", unit="count", period=None), "needs a value"),
        (lambda c: c.update(period="2025"), "a date's period is its iso"),
        (lambda c: c.update(qualifier="range"), "takes no qualifier"),
        (lambda c: c.pop("speaker"), "speaker: Field required"),
    ],
)
def test_invalid_claims_are_named_in_one_line(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    path = _write_gold(tmp_path, lambda raw: change(_first_claim(raw)))
    with pytest.raises(sg.GoldError) as caught:
        sg.load_gold(path, SEEDS)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: articles[2] (002_a30d2c9fff7fa017.txt) claims[0]")
    assert "'1月26日'" in message
    assert expected in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.pop("period"), "period: required"),
        (lambda c: c.update(qualifier="range"), "range: give low <= high"),
        (lambda c: c.update(qualifier="upper_bound", low=1.0, high=2.0), "upper_bound: give high"),
        (lambda c: c.update(unit="美元"), "ISO 4217"),
        (lambda c: c.update(period="March"), "period 'March'"),
        (lambda c: c.update(direction="up"), "direction"),
    ],
)
def test_invalid_figures_are_named(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    def edit(raw: dict[str, Any]) -> None:
        article = next(a for a in raw["articles"] if a["file"].startswith("002"))
        change(next(c for c in article["claims"] if c["surface"] == "558万美元"))

    path = _write_gold(tmp_path, edit)
    with pytest.raises(sg.GoldError, match="'558万美元'") as caught:
        sg.load_gold(path, SEEDS)
    assert expected in str(caught.value)


def test_a_surface_not_in_the_article_is_named(tmp_path: Path) -> None:
    path = _write_gold(tmp_path, lambda raw: _first_claim(raw).update(surface="1月27日"))
    with pytest.raises(sg.GoldError) as caught:
        sg.load_gold(path, SEEDS)
    message = str(caught.value)
    assert "\n" not in message
    assert "002_a30d2c9fff7fa017.txt" in message and "'1月27日'" in message
    assert message.endswith(f"not found in {SEEDS / '002_a30d2c9fff7fa017.txt'}")


def test_an_occurrence_past_the_last_is_named(tmp_path: Path) -> None:
    path = _write_gold(tmp_path, lambda raw: _first_claim(raw).update(occurrence=2))
    with pytest.raises(sg.GoldError, match=r"occurrence 2\): occurs only 1 time"):
        sg.load_gold(path, SEEDS)


def test_overlapping_gold_claims_are_refused(tmp_path: Path) -> None:
    def edit(raw: dict[str, Any]) -> None:
        article = next(a for a in raw["articles"] if a["file"].startswith("002"))
        article["claims"].append(dict(article["claims"][2], surface="仅为558万美元"))

    path = _write_gold(tmp_path, edit)
    with pytest.raises(sg.GoldError, match="overlaps claims"):
        sg.load_gold(path, SEEDS)


def test_an_article_listed_twice_is_refused(tmp_path: Path) -> None:
    path = _write_gold(tmp_path, lambda raw: raw["articles"].append(raw["articles"][0]))
    with pytest.raises(sg.GoldError, match="listed twice"):
        sg.load_gold(path, SEEDS)


def test_cli_reports_a_bad_gold_file_in_one_line(tmp_path: Path, capsys: Any) -> None:
    path = _write_gold(tmp_path, lambda raw: _first_claim(raw).update(surface="不存在"))
    assert sg.main(["--gold", str(path), "--seeds", str(SEEDS)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("score_gold: ") and "'不存在'" in err


# --- The scorer, with fake extractors -----------------------------------------------------


def _fake(change: Callable[[str, list[Claim]], list[Claim]] | None = None) -> Callable[..., Any]:
    """The perfect extractor, its output passed through change(text, claims)."""
    perfect = sg.gold_extractor(GOLD, SEEDS)

    def extract(text: str, **kwargs: Any) -> list[Claim]:
        claims = perfect(text, **kwargs)
        return change(text, claims) if change else claims

    return extract


def _score(change: Callable[[str, list[Claim]], list[Claim]] | None = None) -> dict[str, Any]:
    return sg.score(GOLD, SEEDS, extractor=_fake(change))


def test_the_gold_claims_score_perfectly(gold: list[Any]) -> None:
    result = _score()
    total = sum(len(item.claims) for item in gold)
    assert result["totals"] == {"gold": total, "predicted": total, "tp": total, "fp": 0, "fn": 0}
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)
    for name, stats in result["attributes"].items():
        assert stats["accuracy"] == 1.0, name
    named = sum(span.gold.speaker_named for _, span in _all_spans(gold))
    assert result["attributes"]["speaker_named"]["total"] == named > 0
    assert result["attributes"]["speaker"]["total"] == total
    assert not (result["false_negatives"] or result["false_positives"] or result["mismatches"])


def test_the_extractor_gets_the_article_language_date_and_first_author() -> None:
    calls = []

    def spy(text: str, lang: str | None = None, published: date | None = None,
            author: str | None = None, published_precision: str = "day") -> list[Claim]:
        calls.append((text[:4], lang, published, author, published_precision))
        return []

    sg.score(GOLD, SEEDS, extractor=spy)
    by_author = {author: (lang, published, precision)
                 for _, lang, published, author, precision in calls}
    # A sidecar's 2025-02 is a month: the extractor is told so (27日 is in that month).
    assert by_author["Jordan Schneider"] == ("zh-Hans", date(2025, 2, 1), "month")
    assert by_author["Parmy Olson"] == ("zh-Hant", date(2025, 4, 1), "month")
    assert by_author["胡泳"] == ("zh-Hans", date(2025, 2, 11), "day")
    assert len(calls) == 5


def test_no_predictions_score_zero() -> None:
    result = _score(lambda text, claims: [])
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)
    assert result["totals"]["fn"] == len(result["false_negatives"]) > 0
    assert all(stats["accuracy"] is None for stats in result["attributes"].values())


def test_dropped_claims_lower_recall_only(gold: list[Any]) -> None:
    result = _score(lambda text, claims: claims[::2])
    total = sum(len(item.claims) for item in gold)
    kept = sum((len(item.claims) + 1) // 2 for item in gold)
    assert result["precision"] == 1.0
    assert result["recall"] == pytest.approx(kept / total)
    assert result["totals"]["fn"] == total - kept
    missed = {(fn["file"], fn["start"]) for fn in result["false_negatives"]}
    expected = {(item.file, span.start) for item in gold for span in item.claims[1::2]}
    assert missed == expected


def _extra_claim(text: str, surface: str, **fields: Any) -> Claim:
    start = text.index(surface)
    return Claim(start=start, end=start + len(surface), surface=surface, sentence="",
                 **fields)


def test_a_spurious_claim_lowers_precision_and_is_listed_with_its_sentence() -> None:
    def add(text: str, claims: list[Claim]) -> list[Claim]:
        if "徒步 50 公里" in text:
            return [*claims, _extra_claim(text, "50 公里", kind="quantity", value=50, unit="km")]
        return claims

    result = _score(add)
    assert result["recall"] == 1.0 and result["totals"]["fp"] == 1
    [fp] = result["false_positives"]
    assert fp["surface"] == "50 公里" and "徒步 50 公里" in fp["sentence"]
    assert "50 公里" in sg.render(result, verbose=True)


def _change_one(surface: str, **update: Any) -> Callable[[str, list[Claim]], list[Claim]]:
    def change(text: str, claims: list[Claim]) -> list[Claim]:
        return [c.model_copy(update=update) if c.surface == surface else c for c in claims]

    return change


def test_a_wrong_value_is_a_miss_and_a_false_positive() -> None:
    result = _score(_change_one("558万美元", value=558.0))
    assert result["totals"]["fn"] == 1 and result["totals"]["fp"] == 1
    assert result["false_negatives"][0]["surface"] == "558万美元"
    assert "一些研究披露" in result["false_negatives"][0]["sentence"]


def test_values_agree_within_a_relative_tolerance() -> None:
    assert _score(_change_one("558万美元", value=5580000 * (1 + 1e-8)))["totals"]["fn"] == 0
    assert _score(_change_one("558万美元", value=5580000 * (1 + 1e-4)))["totals"]["fn"] == 1


def test_a_range_matches_by_its_value_or_by_its_bounds() -> None:
    # The gold value of 20多年 is its low end, 20; a midpoint with the same bounds agrees.
    assert _score(_change_one("20多年", value=25.0))["totals"]["fn"] == 0
    assert _score(_change_one("20多年", value=25.0, high=40.0))["totals"]["fn"] == 1
    assert _score(_change_one("20多年", value=25.0, low=None, high=None))["totals"]["fn"] == 1
    # Bounds alone do not make an exact gold figure match.
    assert _score(_change_one("53天", value=50.0, low=53.0, high=53.0))["totals"]["fn"] == 1


def test_a_wrong_kind_does_not_match() -> None:
    result = _score(_change_one("17%", kind="ratio"))
    assert result["totals"]["fn"] == 1 and result["totals"]["fp"] == 1


def test_dates_match_by_iso() -> None:
    assert _score(_change_one("1957年10月4日", iso="1957-10-05"))["totals"]["fn"] == 1
    # The value of a date plays no part.
    assert _score(_change_one("1957年10月4日", value=1957.0))["totals"]["fn"] == 0


def test_an_overlapping_wider_span_matches() -> None:
    def widen(text: str, claims: list[Claim]) -> list[Claim]:
        out = []
        for c in claims:
            if c.surface == "558万美元":
                start = c.start - 2
                c = c.model_copy(update={"start": start, "surface": text[start : c.end]})
                assert c.surface == "仅为558万美元"
            out.append(c)
        return out

    result = _score(widen)
    assert result["totals"]["fn"] == 0 and result["totals"]["fp"] == 0


def test_a_span_that_does_not_overlap_does_not_match() -> None:
    def shift(text: str, claims: list[Claim]) -> list[Claim]:
        return [c.model_copy(update={"start": c.end, "end": c.end + 1}) if c.surface == "53天"
                else c for c in claims]

    result = _score(shift)
    assert result["totals"]["fn"] == 1 and result["totals"]["fp"] == 1


def test_matching_is_one_to_one() -> None:
    def duplicate(text: str, claims: list[Claim]) -> list[Claim]:
        return claims + [c for c in claims if c.surface == "17%"]

    result = _score(duplicate)
    assert result["totals"]["fp"] == 1 and result["totals"]["fn"] == 0


def test_greedy_matching_prefers_the_larger_overlap(monkeypatch: pytest.MonkeyPatch) -> None:
    spans = [sg.GoldSpan(gold=None, index=0, start=10, end=14, sentence=""),
             sg.GoldSpan(gold=None, index=1, start=14, end=18, sentence="")]

    class Span:
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

    monkeypatch.setattr(sg, "claims_agree", lambda g, p: p.start < g.end and g.start < p.end)
    # The wide prediction overlaps both gold spans; the exact one takes span 0.
    assert sg.match(spans, [Span(12, 18), Span(10, 14)]) == [(0, 1), (1, 0)]


def test_attribute_errors_count_against_accuracy_only(gold: list[Any]) -> None:
    total = sum(len(item.claims) for item in gold)
    result = _score(_change_one("558万美元", subject="DeepSeek", unit="CNY", topic=None))
    assert result["totals"]["fn"] == 0
    for name in ("subject", "unit", "topic"):
        assert result["attributes"][name]["correct"] == total - 1
    assert result["attributes"]["qualifier"]["accuracy"] == 1.0
    wrong = {m["attribute"]: (m["gold"], m["predicted"]) for m in result["mismatches"]}
    assert wrong == {"subject": ("DeepSeek-V3", "DeepSeek"), "unit": ("USD", "CNY"),
                     "topic": ("training_cost", None)}


def test_speaker_accuracy_is_kept_for_named_speakers_and_for_all(gold: list[Any]) -> None:
    named = sum(span.gold.speaker_named for _, span in _all_spans(gold))
    total = sum(len(item.claims) for item in gold)
    result = _score(_change_one("2430萬次", speaker="Parmy Olson"))  # HuggingFace is named
    assert result["attributes"]["speaker_named"]["correct"] == named - 1
    assert result["attributes"]["speaker"]["correct"] == total - 1
    result = _score(_change_one("17%", speaker="胡泳"))  # not canonical
    assert result["attributes"]["speaker_named"]["correct"] == named
    assert result["attributes"]["speaker"]["correct"] == total - 1
    result = _score(_change_one("558万美元", speaker="Xu Jin"))  # a generic source: no speaker
    assert result["attributes"]["speaker"]["correct"] == total - 1
    # Names compare without regard to case.
    result = _score(_change_one("17%", speaker="HU YONG"))
    assert result["attributes"]["speaker"]["accuracy"] == 1.0


def test_direction_none_is_the_default() -> None:
    result = _score(_change_one("17%", direction="none"))
    assert result["attributes"]["direction"]["correct"] == result["totals"]["tp"] - 1
    assert result["mismatches"] == [{
        "file": "004_130b86545e55295d.txt", "surface": "17%",
        "start": result["mismatches"][0]["start"], "attribute": "direction",
        "gold": "decrease", "predicted": "none",
    }]


@pytest.mark.parametrize(
    ("update", "correct"),
    [
        ({"period_end": date(2025, 4, 1)}, True),  # exclusive end
        ({"period_end": None, "period_precision": "month"}, True),
        ({"period_end": None, "period_precision": "year"}, False),
        ({"period_start": None, "period_end": None}, False),
        ({"period_start": date(2025, 2, 1)}, False),
    ],
)
def test_periods_compare_as_spans(update: dict[str, Any], correct: bool) -> None:
    result = _score(_change_one("6000萬次", **update))
    assert (result["attributes"]["period"]["accuracy"] == 1.0) is correct


def test_a_period_where_the_gold_has_none_is_wrong() -> None:
    update = {"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31),
              "period_precision": "year"}
    result = _score(_change_one("17%", **update))
    assert result["attributes"]["period"]["correct"] == result["totals"]["tp"] - 1


def test_period_spans_read_gold_notation() -> None:
    assert sg.period_fields("2020/2023") == {
        "period_start": date(2020, 1, 1), "period_end": date(2023, 12, 31),
        "period_precision": "year"}
    assert sg.period_fields("2025-Q1")["period_end"] == date(2025, 3, 31)
    assert sg.period_fields("2024-02")["period_end"] == date(2024, 2, 29)


def test_json_output(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setattr(sg, "_default_extractor", lambda: _fake())
    assert sg.main(["--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["f1"] == 1.0 and len(result["articles"]) == 5


def test_verbose_output(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setattr(sg, "_default_extractor",
                        lambda: _fake(lambda text, claims: claims[1:]))
    assert sg.main(["--verbose"]) == 0
    out = capsys.readouterr().out
    assert "false negatives (missed): 5" in out
    assert "'三个'" in out and "弄出三个圈层" in out
    assert "speaker (named in text)" in out


# --- (b) the real engine ----------------------------------------------------------------


def test_the_extractor_meets_the_targets() -> None:
    result = sg.score(GOLD, SEEDS)
    assert result["recall"] >= 0.95
    assert result["precision"] >= 0.90
    assert result["attributes"]["speaker_named"]["accuracy"] >= 0.85
