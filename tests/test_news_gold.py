"""The extractor on public news passages annotated by hand (tests/gold/news).

Unlike the corpus gold, these texts are kept in the repository, so the scores
are checked on every run, CI included. The scores must not fall below the floors
measured when each change landed; raise a floor when a change lifts its score.
news_dev.yaml may be read while writing rules; news_heldout.yaml is only scored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tools import load_tool

NEWS_DIR = Path(__file__).resolve().parent / "gold" / "news"

# Measured with tools/score_corpus_gold.py when the sets were made (session 32,
# 4e0fc81): dev P 0.873 R 0.852 subject 0.520 speaker 0.317 misattribution 0.039
# measure 0.749; held out P 0.831 R 0.847 subject 0.214 speaker 0.266
# misattribution 0.077 measure 0.588. news_dev2 (official statistics, central banks,
# prices, trade, cars; made the same way) at 0e8ae5f: P 0.859 R 0.954 subject 0.212
# speaker 0.096 misattribution 0.176 measure 0.600. Issue 12's targets: subject and
# speaker 0.85, misattribution 0.02.
# End of session 32 (the rules written from news_dev and news_dev2: datelines, national
# statistics, data releases and their paragraphs, company reports): dev subject 0.564
# speaker 0.417 misattribution 0.017; dev2 subject 0.461 speaker 0.526 misattribution
# 0.073; held out subject 0.247, speaker and misattribution unchanged.
FLOORS = {
    "news_dev": {"precision": 0.87, "recall": 0.85, "subject_accuracy": 0.56,
                 "speaker_accuracy_named": 0.41, "measure_accuracy": 0.74},
    "news_dev2": {"precision": 0.85, "recall": 0.95, "subject_accuracy": 0.46,
                  "speaker_accuracy_named": 0.52, "measure_accuracy": 0.59},
    "news_heldout": {"precision": 0.83, "recall": 0.84, "subject_accuracy": 0.24,
                     "speaker_accuracy_named": 0.26, "measure_accuracy": 0.58},
}
CEILINGS = {"news_dev": {"misattribution_rate": 0.02},
            "news_dev2": {"misattribution_rate": 0.08},
            "news_heldout": {"misattribution_rate": 0.078}}

scg = load_tool("score_corpus_gold")


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request):
    result = scg.score([NEWS_DIR / f"{request.param}.yaml"])
    assert result is not None, "the news articles are kept in the repository"
    return request.param, result


def test_each_set_holds_twelve_articles_in_three_scripts(scored):
    name, result = scored
    assert result["articles"] == 12
    assert result["gold"] >= 150
    languages = {scg.read_language(path) for path in scg.article_paths(NEWS_DIR / f"{name}.yaml")}
    assert languages == {"zh-Hans", "zh-Hant", "en"}


def test_scores_do_not_fall(scored):
    name, result = scored
    low = {key: round(result[key], 3) for key, floor in FLOORS[name].items()
           if result[key] < floor}
    assert not low, f"{name}: below the floor: {low}"


def test_error_rates_do_not_rise(scored):
    name, result = scored
    high = {key: round(result[key], 3) for key, ceiling in CEILINGS[name].items()
            if result[key] > ceiling}
    assert not high, f"{name}: above the ceiling: {high}"


def test_every_surface_is_in_its_article_body():
    for gold in sorted(NEWS_DIR.glob("news_*.yaml")):
        articles = scg.load([gold])
        texts = scg.corpus_texts([path for path, _ in articles])
        for path, claims in articles:
            body = scg.body_start(path, texts[path])
            for placed in scg.place(texts[path], claims, body):
                assert placed.start >= body
                assert texts[path][placed.start : placed.end] == placed.fields["surface"]
