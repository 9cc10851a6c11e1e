"""Alignment and divergence quality on the real seeded database, against the hand-made gold
file (tests/gold/seed_alignment.json; scoring in tests/alignment_scoring.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from alignment_scoring import Scores, score


@pytest.fixture(scope="module")
def scores(seeded_db_file: Path) -> Scores:
    result = score(sqlite_utils.Database(seeded_db_file))
    print("\n" + "\n".join(result.misses) + "\n" + result.summary())
    return result


def test_gold_has_enough_pairs(scores: Scores) -> None:
    assert scores.pairs >= 25
    assert scores.kinds >= 10


# Honest figures (issue 12): 0.93 alignment recall and 0.81 divergence recall were reached with
# synonym rules written for this story ("novichok"/"assassination" -> "poison", "sputnik" ->
# "vaccine", "find" -> "learn", "video"/"virtual" -> "online" …). Without them, and with the
# aligner tuned on ECB+ train topics for fewer cross-event links, the seeds score 0.724
# alignment recall (21/29), 0.688 divergence recall (11/16), pairwise precision 0.898.
def test_alignment_recall(scores: Scores) -> None:
    assert scores.alignment_recall >= 0.7, scores.summary()


def test_alignment_recall_without_second_tellings(scores: Scores) -> None:
    """Only the named counterpart counts, not the article's other telling of the fact (0.897
    before a lede could share a group with its body's telling and links were averaged per
    article pair)."""
    assert scores.strict_alignment_recall >= 0.7, scores.summary()


def test_pairwise_alignment_precision(scores: Scores) -> None:
    """Statements the aligner puts side by side report the same fact (0.67 before the
    evidence, cohesion and second-group checks). LOWERED from 0.85 to 0.82 in stop 21: the
    hand-set gates were partly chosen on these seeds (0.852); the pair model fitted on the
    TUNING stories, which raised the held-out figures, gives them 0.829 (alignment recall
    0.897 -> 0.828). The seeds are a demo, not a training set: not tuned back."""
    assert scores.precision >= 0.82, scores.summary()
    assert scores.judged >= 40, scores.summary()


def test_divergence_recall(scores: Scores) -> None:
    """A divergence is found only between aligned statements: see the figures above."""
    assert scores.divergence_recall >= 0.65, scores.summary()


def test_false_divergence(scores: Scores) -> None:
    # 1/26 since stop 17 (a second false flag once showed a regression the 0.1 let pass)
    assert scores.false_divergence <= 0.05, scores.summary()


def test_no_boilerplate_aligned(scores: Scores) -> None:
    assert scores.boilerplate_aligned == []


def test_unique_statements_stay_unaligned(scores: Scores) -> None:
    assert scores.unaligned_kept_rate >= 0.7, scores.summary()
