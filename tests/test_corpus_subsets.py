"""A story's gold with one outlet left out (bench/corpus_subsets.py): nothing of that outlet
remains, a fact told by one outlet becomes its statement's `unique`, and the smaller story
still scores 1.0 on its own gold (the gold stays consistent with the files)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from alignment_scoring import score
from corpus_scoring import CORPUS, build_db, expand, gold_groups, load_gold

from bench.corpus_subsets import without_outlet

STORY = CORPUS / "gas_leak_evacuation"  # five outlets


def _mentions(gold: dict, stem: str) -> list[str]:
    text = json.dumps(gold)
    return [stem] if f'"{stem}"' in text else []


def test_no_trace_of_the_left_out_outlet_remains() -> None:
    gold = load_gold(STORY)
    for stem in ("wire", "trade"):
        smaller = without_outlet(gold, stem)
        assert _mentions(smaller, stem) == []
        assert all(len(fact["statements"]) >= 2 for fact in smaller["facts"])
    assert _mentions(gold, "wire") == ["wire"]  # the original is untouched


def test_a_fact_left_with_one_outlet_becomes_unique() -> None:
    gold = {
        "facts": [
            {"fact": "a", "statements": {"x": "one", "y": "two"},
             "readings": {"number": [["x"], ["y"]]}},
            {"fact": "b", "statements": {"x": "three", "y": "four", "z": "five"}},
        ],
        "unique": [["y", "six"]],
        "never": [["y", "seven"]],
        "not_aligned": [{"a": ["x", "one"], "b": ["y", "four"]}],
        "entities": [{"name": "P", "forms": {"y": ["P"]}}, {"name": "Q", "forms": {"x": ["Q"]}}],
        "must_not_link": [["P", "Q"]],
    }  # fmt: skip
    smaller = without_outlet(gold, "y")
    assert [fact["fact"] for fact in smaller["facts"]] == ["b"]
    assert smaller["unique"] == [["x", "one"]]
    assert smaller["never"] == [] and smaller["not_aligned"] == []
    assert [e["name"] for e in smaller["entities"]] == ["Q"] and smaller["must_not_link"] == []


def test_the_smaller_story_scores_perfectly_on_its_own_gold(tmp_path: Path) -> None:
    folder = tmp_path / STORY.name
    folder.mkdir()
    for file in STORY.glob("*.txt"):
        if file.stem != "local":
            shutil.copy(file, folder / file.name)
    smaller = without_outlet(load_gold(STORY), "local")
    (folder / "gold.json").write_text(json.dumps(smaller), encoding="utf-8")
    db = build_db(folder, tmp_path)
    groups, separations = gold_groups(db, smaller)
    result = score(db, expand(smaller), groups, separations)
    assert result.alignment_recall == 1.0, result.misses
    assert result.divergence_recall == 1.0, result.misses
    assert result.unaligned_kept_rate == 1.0, result.misses
    assert result.precision == 1.0, result.wrong_pairs
