"""The pair model that links statements in one-story collections (app/core/compare/pair_model.py):
fitted on the TUNING stories only, and on a real story it links more of the gold's same-fact
pairs than the hand-set gates, no less precisely (real spaCy model, real SQLite file)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from alignment_scoring import gold_facts
from corpus_scoring import CORPUS, build_db, expand, load_gold, stories

from app.core.compare.aligner import AlignParams, group_statements, links
from app.core.compare.pair_model import FEATURES, MODEL_FILE, pair_features, pair_model
from app.core.compare.pipeline import collection_space
from app.core.resources import load_json
from app.core.store import collections

# A TUNING story (free to tune on) whose tabloid and trade outlets tell facts in their own words.
STORY = "tech_layoffs"


def test_the_shipped_model_was_fitted_on_every_tuning_story_and_no_report_story() -> None:
    data = load_json(MODEL_FILE)
    tuning = {story.name for story in stories("tuning")}
    report = {story.name for story in stories("report")}
    assert set(data["trained_on"]) == tuning, "refit: python -m bench.train_pair_model"
    assert not set(data["trained_on"]) & report
    assert pair_model() is not None  # its features are the ones the code computes
    assert len(data["weights"]) == len(FEATURES)


@pytest.fixture(scope="module")
def story_links(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    story = CORPUS / STORY
    db = build_db(story, Path(tmp_path_factory.mktemp("pairs")))
    space, article_of, seq_of = collection_space(db, collections.find(db, STORY).id)
    facts = gold_facts(db, expand(load_gold(story)))
    db.conn.close()
    assert space.one_story
    return {
        "space": space, "article_of": article_of, "seq_of": seq_of, "facts": facts,
        "model": links(space, article_of, params=AlignParams(), seq_of=seq_of),
        "gates": links(space, article_of, params=AlignParams(pair_model=False), seq_of=seq_of),
    }  # fmt: skip


def _judged(edges: dict[tuple[int, int], float], facts: dict[str, set[str]]) -> tuple[int, int]:
    """(links the gold judges, of which right)."""
    judged = [(f"s{a}", f"s{b}") for a, b in edges if f"s{a}" in facts and f"s{b}" in facts]
    return len(judged), sum(bool(facts[a] & facts[b]) for a, b in judged)


def test_the_model_links_more_same_fact_pairs_than_the_gates_as_precisely(
    story_links: dict,
) -> None:
    facts = story_links["facts"]
    model_judged, model_right = _judged(story_links["model"], facts)
    gates_judged, gates_right = _judged(story_links["gates"], facts)
    assert model_right > gates_right
    assert model_right / model_judged >= gates_right / gates_judged - 0.02


def test_each_statement_keeps_one_link_per_article_but_for_near_ties(story_links: dict) -> None:
    """Competitive linking: a statement rarely links two statements of one other article."""
    article_of = story_links["article_of"]
    per_article: dict[tuple[int, int], int] = {}
    for a, b in story_links["model"]:
        for x, y in ((a, b), (b, a)):
            key = (x, article_of[y])
            per_article[key] = per_article.get(key, 0) + 1
    assert max(per_article.values()) <= 3
    assert sum(v > 1 for v in per_article.values()) <= len(per_article) // 5


def test_features_are_finite_and_no_candidate_gives_no_row(story_links: dict) -> None:
    space, article_of, seq_of = (story_links[k] for k in ("space", "article_of", "seq_of"))
    candidates = space.candidate_pairs(article_of, 0.0)
    pairs, rows = pair_features(space, article_of, seq_of, candidates)
    assert rows.shape == (len(pairs), len(FEATURES)) and np.isfinite(rows).all()
    assert pair_features(space, article_of, seq_of, {})[1].shape == (0, len(FEATURES))


def test_a_statement_the_model_links_to_every_member_of_a_second_group_joins_it(
    tmp_path: Path,
) -> None:
    """A two-fact statement joins the group of its second fact when the model gives it at
    least `secondary_chance` with each of that group's members; in this TUNING story the
    statements that join so are the gold's same-fact pairs."""
    name = "train_derailment"
    db = build_db(CORPUS / name, tmp_path)
    space, article_of, seq_of = collection_space(db, collections.find(db, name).id)
    facts = gold_facts(db, expand(load_gold(CORPUS / name)))
    db.conn.close()

    def second_pairs(params: AlignParams) -> set[tuple[str, str]]:
        groups = group_statements(space, article_of, seq_of=seq_of, params=params)
        return {(f"s{s}", f"s{m}") for g in groups for s in g.secondary
                for m in g.members if m not in g.secondary}  # fmt: skip

    # the rule alone: the second groups by mean linkage (stop 26) run first and would take
    # the same statements
    alone = AlignParams(second_linkage=0.0)
    added = second_pairs(alone) - second_pairs(replace(alone, secondary_chance=1.01))
    assert added
    assert all(a in facts and b in facts and facts[a] & facts[b] for a, b in added), added
    # ... and those the mean linkage adds here are the gold's same-fact pairs too
    linked = second_pairs(AlignParams(secondary_chance=1.01)) - second_pairs(
        AlignParams(secondary_chance=1.01, second_linkage=0.0)
    )
    assert linked
    assert all(a in facts and b in facts and facts[a] & facts[b] for a, b in linked), linked
