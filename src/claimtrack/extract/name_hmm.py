"""Is a run of one-character words a personal name? jieba's part-of-speech HMM decides.

claimtrack segments Chinese with jieba's dictionary alone (claimtrack.extract.names.tag),
so a name the dictionary lacks comes out a character at a time (黄/仁/勋), and so
do verb and noun fragments (10岁/时/随/大人, 一百/来/块). A surname at the start
of such a run is weak evidence: 时, 高, 来 and 全 are surnames too. jieba's
part-of-speech HMM (the model jieba.posseg runs on exactly these runs when its
HMM is on) weighs every character's use as the start, middle or end of a name
against its other uses, with the transitions between them. A run's candidate
name is kept only when the HMM's best path cuts the run at its edges and tags
what lies between as names (nr, nrt, nrfg).

Measured on 200 corpus articles: the check drops about two thirds of the
candidates, nearly all fragments (钱投到, 时停, 信大群, 来块), at the cost of some
rare given names (文玥); see tests/specs/names for the cases.

The model's tables ship with jieba (jieba/posseg/*.p, pickles). Importing
jieba.posseg would load them as Python modules (half a second); they are read
here once and kept in a marshal file in the temporary folder, as
names._word_tags keeps the dictionary's tags.
"""

from __future__ import annotations

import pickle
from functools import cache, lru_cache
from pathlib import Path

from claimtrack.marshal_cache import cached, file_stamp

_TABLES = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")
_NAME_TAGS = frozenset(("nr", "nrt", "nrfg"))
_UNSEEN = -3.14e100  # jieba's log probability of an emission it never saw


@cache
def _tables() -> tuple[dict, dict, dict, dict]:
    """(states of each character, start, transition and emission log probabilities)."""
    import jieba

    folder = Path(jieba.__file__).parent / "posseg"

    def read() -> list[dict]:
        tables = []
        for name in _TABLES:
            with (folder / f"{name}.p").open("rb") as handle:
                tables.append(pickle.load(handle))  # jieba's own files, shipped in its wheel
        return tables

    return tuple(cached("jieba-posseg", file_stamp(folder / "prob_emit.p"), read))


@cache
def _incoming() -> dict[tuple[str, str], list[tuple[tuple[str, str], float]]]:
    """Each state's possible previous states with the transition's log probability."""
    incoming: dict = {}
    for before, afters in _tables()[2].items():
        for after, probability in afters.items():
            incoming.setdefault(after, []).append((before, probability))
    return incoming


def warm_up() -> None:
    """Load the HMM's tables now (see claimtrack.extract.names.warm_up)."""
    _tables()
    _incoming()


def _best_states(run: str) -> list[tuple[str, str]]:
    """The most likely (position, tag) state of each character of ``run`` (Viterbi)."""
    states_of, start, trans, emit = _tables()
    incoming = _incoming()
    every_state = list(trans)
    scores = {state: start.get(state, _UNSEEN) + emit[state].get(run[0], _UNSEEN)
              for state in states_of.get(run[0], every_state)}
    back: list[dict] = []
    for char in run[1:]:
        reachable = {after for state in scores for after in trans[state]}
        candidates = reachable.intersection(states_of.get(char, every_state)) or reachable \
            or set(every_state)
        step, links = {}, {}
        for state in candidates:
            # Only the states that can lead to this one (the others score -inf).
            score, previous = max(((scores[before] + probability, before)
                                   for before, probability in incoming.get(state, ())
                                   if before in scores),
                                  default=(float("-inf"), next(iter(scores))))
            step[state] = score + emit[state].get(char, _UNSEEN)
            links[state] = previous
        back.append(links)
        scores = step
    state = max(scores, key=lambda s: (scores[s], s))
    path = [state]
    for links in reversed(back):
        state = links[state]
        path.append(state)
    return path[::-1]


@lru_cache(maxsize=16384)
def _words(run: str) -> tuple[tuple[int, int, str, bool], ...]:
    """(start, end, tag, ended) of each word of the HMM's best path through ``run``;
    ended is False for a last word the path leaves unfinished (it runs to the end)."""
    states = _best_states(run)
    words, begin = [], 0
    for index, (position, _) in enumerate(states):
        if position in ("B", "S"):
            begin = index
        if position in ("E", "S"):
            words.append((begin, index + 1, states[begin][1], True))
            begin = index + 1
    if begin < len(run):
        words.append((begin, len(run), states[begin][1], False))
    return tuple(words)


@lru_cache(maxsize=16384)
def name_spans(run: str) -> frozenset[tuple[int, int]]:
    """Every [start, end) of ``run`` that the HMM reads as one name or as names in a row
    (布瓦/nrt 吉吉/nr → 布瓦吉吉)."""
    words = _words(run)
    spans = set()
    for first, (start, _, _, _) in enumerate(words):
        for _, end, tag, _ in words[first:]:
            if tag not in _NAME_TAGS:
                break
            spans.add((start, end))
    return frozenset(spans)


# The HMM's tags of nouns and names (jieba.posseg's tag set).
_NOUN_TAGS = frozenset(("n", "nr", "nrt", "nrfg", "nz", "ns", "nt", "ng"))


def hmm_opening_tag(word: str) -> str:
    """The tag of the first word of the HMM's best path through ``word`` ("" for none)."""
    words = _words(word)
    return words[0][2] if words else ""


def hmm_nouns(run: str) -> frozenset[tuple[int, int]]:
    """Every [start, end) of ``run`` that the HMM's best path reads as one noun or name
    (烤/匠 → 烤匠/n; see claimtrack.extract.names.is_recurring_term)."""
    return frozenset((start, end) for start, end, tag, ended in _words(run)
                     if ended and tag in _NOUN_TAGS)
