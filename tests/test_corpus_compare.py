"""Two runs of the invented stories compared story by story (bench/corpus_compare.py): no
change reads as noise, a change in every story reads as one."""

from __future__ import annotations

from alignment_scoring import Scores
from corpus_scoring import StoryScores
from entity_scoring import EntityScores

from bench.corpus_compare import comparison, counts, scores_of


def _story(name: str, aligned: int) -> dict[str, dict[str, object]]:
    alignment = Scores(pairs=20, aligned=aligned, kinds=10, kinds_found=5, judged=30,
                       judged_right=25, unaligned=8, unaligned_kept=6)  # fmt: skip
    alignment.planted_by_kind.update({"number": 6, "date": 4})
    alignment.found_by_kind.update({"number": 3, "date": 2})
    entities = EntityScores(gold_links=12, made=9, system_links=10, correct=9)
    found = counts(StoryScores(name, alignment, entities))
    return {"app": found, "typing": found}


def test_counts_survive_a_round_trip() -> None:
    saved = _story("fire", 14)["app"]
    again = scores_of("fire", saved)
    assert counts(again) == saved
    assert again.alignment.found_by_kind["number"] == 3


def test_no_change_is_noise_and_a_change_in_every_story_is_not() -> None:
    before = {f"story{i}": _story(f"story{i}", 12 + i % 3) for i in range(12)}
    same = comparison(before, before)
    assert all("+0.000" in line and "within noise" in line for line in same[1:])
    after = {f"story{i}": _story(f"story{i}", 15 + i % 3) for i in range(12)}
    aligned = next(line for line in comparison(before, after) if "pairs aligned" in line)
    assert "+0.150" in aligned and aligned.endswith("up")
