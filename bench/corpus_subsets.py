"""Does the number of outlets change the figures? Each story scored whole and as its subsets
with one outlet left out.

    python -m bench.corpus_subsets STORY…

A story of five outlets is scored as the app aligns it, then as each of its five four-outlet
subsets: the left-out outlet's file is not imported and its statements, readings, entity forms
and pairs leave the gold; a fact told by one outlet only is then that statement's `unique`
(when no other fact names it). Only the summed figures are printed, so a REPORT story's
failures stay unread. Stop 24: the five-outlet REPORT stories scored lower as four-outlet
subsets (aligned 0.730 against 0.755), so their lower figures were not the fifth outlet's.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the scorers live beside the gold tests

from corpus_scoring import (  # noqa: E402
    CORPUS,
    StoryScores,
    build_db,
    figures,
    load_gold,
    score_story,
    total,
)


def without_outlet(gold: Mapping[str, Any], stem: str) -> dict[str, Any]:
    """The gold of the story without outlet `stem` (a deep copy; `gold` is not changed)."""
    result: dict[str, Any] = copy.deepcopy(dict(gold))
    facts, alone = [], []
    for fact in result["facts"]:
        fact["statements"].pop(stem, None)
        fact.get("also", {}).pop(stem, None)
        for kind, readings in fact.get("readings", {}).items():
            kept = [[outlet for outlet in reading if outlet != stem] for reading in readings]
            fact["readings"][kind] = [reading for reading in kept if reading]
        if len(fact["statements"]) >= 2:
            facts.append(fact)
        else:
            alone.extend([outlet, snippet] for outlet, snippet in fact["statements"].items())
    named = {(o, s) for fact in facts for o, s in fact["statements"].items()}
    named |= {(o, s) for fact in facts for o, ss in fact.get("also", {}).items() for s in ss}
    result["facts"] = facts
    result["unique"] = [u for u in result.get("unique", []) if u[0] != stem] + [
        u for u in alone if (u[0], u[1]) not in named
    ]
    result["never"] = [n for n in result.get("never", []) if n[0] != stem]
    result["not_aligned"] = [
        p for p in result.get("not_aligned", []) if stem not in (p["a"][0], p["b"][0])
    ]
    entities = []
    for entity in result.get("entities", []):
        entity["forms"].pop(stem, None)
        if entity["forms"]:
            entities.append(entity)
    result["entities"] = entities
    names = {entity["name"] for entity in entities}
    result["must_not_link"] = [
        pair for pair in result.get("must_not_link", []) if all(n in names for n in pair)
    ]
    return result


def subset_scores(story: Path, work: Path) -> tuple[StoryScores, list[StoryScores]]:
    """The story scored whole, and each of its subsets with one outlet left out."""
    gold = load_gold(story)
    whole = score_story(build_db(story, work), gold, story=story.name)
    parts = []
    for left_out in sorted(story.glob("*.txt")):
        folder = work / f"{story.name}_without_{left_out.stem}"
        folder.mkdir()
        for file in story.glob("*.txt"):
            if file != left_out:
                shutil.copy(file, folder / file.name)
        smaller = without_outlet(gold, left_out.stem)
        (folder / "gold.json").write_text(json.dumps(smaller), encoding="utf-8")
        parts.append(score_story(build_db(folder, work), smaller, story=folder.name))
    return whole, parts


def main(argv: Sequence[str] = ()) -> None:
    names = list(argv)
    if not names:
        sys.exit("usage: python -m bench.corpus_subsets STORY… (story folders of tests/corpus)")
    wholes, parts = [], []
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            whole, subsets = subset_scores(CORPUS / name, Path(folder))
            wholes.append(whole)
            parts.extend(subsets)
    for label, results in (("whole stories", wholes), ("one outlet left out", parts)):
        print(f"{label} ({len(results)}):")
        for figure, value in figures(total(results)).items():
            print(f"  {figure:34} {value:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
