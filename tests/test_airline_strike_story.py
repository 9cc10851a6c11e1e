"""Divergence typing on a second invented story written for tuning (tests/fixtures/
airline_strike: a cabin-crew strike at a made-up airline, four outlets, gold in the format of
tests/corpus): the difference finders run on the gold's own fact groups type every planted
divergence (actor, wording, quotation, attribution, number, date) and flag no paraphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from alignment_scoring import Scores
from corpus_scoring import build_db, load_gold, score_typing

STORY = Path(__file__).parent / "fixtures" / "airline_strike"


@pytest.fixture(scope="module")
def typing(tmp_path_factory: pytest.TempPathFactory) -> Scores:
    db: sqlite_utils.Database = build_db(STORY, tmp_path_factory.mktemp("airline"))
    result = score_typing(db, load_gold(STORY))
    print("\n" + "\n".join(result.misses))
    return result


def test_every_planted_kind_is_typed_on_the_gold_groups(typing: Scores) -> None:
    assert set(typing.planted_by_kind) == {"number", "date", "entity", "quote", "attribution",
                                           "wording"}  # fmt: skip
    assert typing.divergence_recall >= 0.9, typing.misses
    for kind in ("entity", "wording", "quote", "attribution"):
        assert typing.found_by_kind[kind] == typing.planted_by_kind[kind], (kind, typing.misses)


def test_same_fact_pairs_are_not_flagged_on_the_gold_groups(typing: Scores) -> None:
    assert typing.false_divergence <= 0.1, typing.misses
