"""Divergence typing end to end on an invented four-outlet story (tests/fixtures/footbridge: a
footbridge collapse in a made-up town, nothing like the demo), imported with the real importer
and analysed: every planted divergence is flagged with its kind, same-fact paraphrases are not,
and the synopsis keeps every statement of a row consistent."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from alignment_scoring import find_statement
from divergence_scoring import DivergenceScores, score_story, score_typing, separations
from spacy.language import Language

from app.core.store.db import open_db
from app.core.view.load import load_comparison
from app.core.view.model import GroupView
from app.core.view.synopsis import SynopsisRow, synopsis_rows

STORY = Path(__file__).parent / "fixtures" / "footbridge"
NAME = "Footbridge"


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> sqlite_utils.Database:
    from app.core.analysis import analyse_collection
    from app.core.ingest.importer import import_paths
    from app.core.store import collections

    db = open_db(tmp_path_factory.mktemp("story") / "story.db")
    import_paths(db, sorted(STORY.glob("*.txt")), NAME, nlp=nlp, n_process=1)
    analyse_collection(db, collections.find(db, NAME).id)
    return db


@pytest.fixture(scope="module")
def scores(story_db: sqlite_utils.Database) -> DivergenceScores:
    result = score_story(story_db, STORY / "gold.json")
    print("\n" + "\n".join(result.misses) + "\n" + result.summary())
    return result


def test_planted_divergences_are_flagged_with_their_kind(scores: DivergenceScores) -> None:
    assert scores.divergent >= 20
    assert scores.flagged_rate >= 0.9, scores.summary() + "\n" + "\n".join(scores.misses)


def test_same_fact_paraphrases_are_not_flagged(scores: DivergenceScores) -> None:
    assert scores.same_aligned >= 18, scores.summary()
    assert scores.false_rate <= 0.05, scores.summary() + "\n" + "\n".join(scores.misses)


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        # the cases a new user saw unflagged
        (("b_", "collapsed on Tuesday 14 March"), ("c_", "on Wednesday 15 March"), "date"),
        (("a_", "Fourteen people were injured"), ("b_", "15 people were injured"), "number"),
        (("a_", "structural engineers in December"), ("b_", "in January"), "date"),
        (("a_", "Two of them were seriously"), ("c_", "Three were seriously"), "number"),
        (("b_", "Four people were seriously"), ("c_", "Three were seriously"), "number"),
    ],
)
def test_the_reported_cases(
    story_db: sqlite_utils.Database, a: list[str], b: list[str], kind: str
) -> None:
    found = separations(story_db, f"s{find_statement(story_db, list(a))}",
                        f"s{find_statement(story_db, list(b))}")  # fmt: skip
    assert found is not None, "not aligned"
    assert kind in {k for k, _ in found}, found


def test_a_rounded_figure_beside_an_exact_one_it_covers_is_no_difference(
    story_db: sqlite_utils.Database,
) -> None:
    found = separations(story_db, f"s{find_statement(story_db, ['a_', 'Around 20 firefighters'])}",
                        f"s{find_statement(story_db, ['b_', '21 firefighters'])}")  # fmt: skip
    assert found == []  # one figure told two ways


def _article(db: sqlite_utils.Database, prefix: str) -> int:
    (aid,) = [aid for aid, path in db.execute("SELECT id, path FROM articles")
              if Path(path).name.startswith(prefix)]  # fmt: skip
    return int(aid)


def _synopsis(db: sqlite_utils.Database, articles: list[int] | None = None) -> list[SynopsisRow]:
    return synopsis_rows(load_comparison(db, NAME, articles))


def _row_of(rows: list[SynopsisRow], statement: int) -> GroupView:
    def holds(row: SynopsisRow) -> bool:
        return any(st.db_id == statement for cell in row.cells for st in cell)

    (row,) = [r for r in rows if holds(r)]
    assert row.group is not None
    return row.group


def test_synopsis_rows_of_chosen_sources_are_consistent(story_db: sqlite_utils.Database) -> None:
    """Each row judges only the chosen sources: without the one outlet that dates the collapse
    a day later the row agrees; "between 30 and 40" beside "about 35" and "dozens" agree once
    the "more than 50" of a left-out source is gone (a range, a rounded figure inside it and
    the order of magnitude of both); no statement shown in a row is also listed as unique."""
    a, b, c, d = (_article(story_db, p) for p in ("a_", "b_", "c_", "d_"))
    collapse = find_statement(story_db, ["b_", "collapsed on Tuesday 14 March"])
    crowd = find_statement(story_db, ["a_", "Between 30 and 40 people"])
    full = _synopsis(story_db)
    assert "date" in {line.type for line in _row_of(full, collapse).differences}
    assert {(x.type, x.severity) for x in _row_of(full, crowd).differences} == {
        ("number", "conflict")}  # fmt: skip
    without_c = _synopsis(story_db, [a, b, d])
    row = _row_of(without_c, collapse)
    assert "date" not in {line.type for line in row.differences} and row.status == "shared"
    assert "number" not in {x.type for x in _row_of(without_c, crowd).differences}
    c_and_d = _synopsis(story_db, [c, d])
    for rows in (full, without_c, c_and_d):
        shown = {st.key for r in rows if r.group for cell in r.cells for st in cell}
        unique = {r.statement.key for r in rows if r.unique and r.statement}
        assert not shown & unique


def test_typing_on_the_gold_groups(story_db: sqlite_utils.Database) -> None:
    """The finders alone, on the groups a perfect alignment would store: every planted
    divergence typed, no paraphrase flagged."""
    typing = score_typing(story_db, STORY / "gold.json")
    print("\ntyping on gold groups: " + typing.summary())
    assert typing.flagged_rate >= 0.95, typing.summary() + "\n" + "\n".join(typing.misses)
    assert typing.false_rate <= 0.05, typing.summary() + "\n" + "\n".join(typing.misses)
