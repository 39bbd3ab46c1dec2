"""The extractor on real articles annotated by hand (tests/gold/corpus, tools/score_corpus_gold.py).

The scores must not fall below the floors measured when each change landed:
a change that makes subjects, speakers or figures worse on real text fails
here. Raise a floor when a change lifts its score. Skipped, saying why, when
the development corpus (../shared/corpus) is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tools import load_tool

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "tests" / "gold" / "corpus"

# Measured with tools/score_corpus_gold.py on 2026-11-30 over batches 1-6 (69 articles;
# see README, "Accuracy on real text"); the targets of issue 12 are subject 0.85,
# speaker 0.85, misattribution 0.02. Session 18 found 26 more figures (units,
# spoken money, two-digit years, event dates) and 3 more right subjects: the share
# of right subjects fell from 0.310 to 0.298 because most of the new figures are
# dates and lengths of time whose subject is an earlier sentence's; the subject
# floor went down with it, the others up. Session 20: subject 0.320 -> 0.325.
# Session 22 added batch_6 (12 fresh articles, 133 figures): over the 69 articles,
# precision 0.519, recall 0.626, subject 0.354, speaker 0.471, measure 0.440 at the
# code of session 21; the floors follow the larger set. End of session 22: subject
# 0.365, speaker 0.479, measure 0.450, misattribution 0.013. Session 23: measure
# 0.477 (measures read past split links and after a figure's 的), subject 0.415 (the
# article's main subject, marked inferred, for figures nothing near names one).
# Session 23 then added batch_7 (11 fresh articles, 78 figures; subject 0.422, measure
# 0.533, but no named speaker of its 9 found): over the 80 articles, precision 0.508,
# recall 0.621, subject 0.415, speaker 0.446, measure 0.482, misattribution 0.011; the
# floors follow the larger set. Session 24: bare sums read as money (收入破50亿) add 7
# matched figures whose subjects are not yet right (218 right subjects before and
# after), so the share of right subjects falls from 0.415 to 0.410; precision 0.515,
# recall 0.630, speaker 0.474.
# Session 25 added batch_8 (11 fresh articles, 93 figures; subject 0.250, named speaker
# 3 of 23): over the 91 articles, precision 0.518, recall 0.642, subject 0.399,
# speaker 0.468, measure 0.490, misattribution 0.015; the floors follow the larger set.
# Session 26: measure 0.492 -> 0.518 (owners, verb + 量, topic clauses, verbs of money).
# Session 29: precision 0.523, recall 0.642, subject 0.425, speaker 0.519, measure 0.525
# (sessions 27-29); the floors rise to just under them.
FLOORS = {"precision": 0.52, "recall": 0.64, "subject_accuracy": 0.42,
          "speaker_accuracy_named": 0.51, "measure_accuracy": 0.52}
CEILINGS = {"misattribution_rate": 0.02}


scg = load_tool("score_corpus_gold")


@pytest.fixture(scope="module")
def result():
    scored = scg.score(sorted(GOLD_DIR.glob("batch_*.yaml")))
    if scored is None:
        pytest.skip("the development corpus (../shared/corpus) is absent")
    return scored


def test_gold_has_forty_articles_with_figures(result):
    assert result["articles"] >= 40
    assert result["gold"] >= 400


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_score_does_not_fall(result, key):
    assert result[key] >= FLOORS[key], f"{key} {result[key]:.3f} < floor {FLOORS[key]}"


@pytest.mark.parametrize("key", sorted(CEILINGS))
def test_error_rate_does_not_rise(result, key):
    assert result[key] <= CEILINGS[key], f"{key} {result[key]:.3f} > ceiling {CEILINGS[key]}"


@pytest.mark.parametrize(("gold", "predicted", "same"), [
    ("英伟达", "Nvidia", True),          # an alias of a known entity
    ("輝達", "英伟达", True),            # scripts fold
    ("美光", "美光科技", True),          # one written inside the other
    ("彭文生", "中金公司", False),
    (None, None, True),
    ("上海", None, False),
])
def test_names_compare_as_the_scorer_says(gold, predicted, same):
    assert scg.same_name(gold, predicted) is same


def test_every_gold_surface_is_in_its_article():
    articles = scg.load(sorted(GOLD_DIR.glob("batch_*.yaml")))
    texts = scg.corpus_texts([path for path, _ in articles])
    if texts is None:
        pytest.skip("the development corpus (../shared/corpus) is absent")
    for path, claims in articles:
        placed = scg.place(texts[path], claims)
        assert all(texts[path][g.start:g.end] == g.fields["surface"] for g in placed)
