"""Two runs of the invented stories compared, story by story: is a change real or noise?

`python -m bench.corpus_eval --stories --save before.json` on one commit, then
`python -m bench.corpus_eval --stories --against before.json` on another prints, per split,
each figure's change with a 95% interval from a paired bootstrap over the stories (the
stories are resampled with replacement, both runs' counts summed over the same sample). With
about twenty stories, a change inside its interval's reach of zero is no evidence either way:
stop 23 measured changes of ±0.005 that twenty-two held-out stories cannot tell from noise.

Only counts are saved (no statement, no miss), so a saved REPORT run reveals no failure.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from alignment_scoring import Scores
from corpus_scoring import StoryScores, figures, total
from entity_scoring import EntityScores

RESAMPLES = 2000
ALIGNMENT_COUNTS = [
    name for name, spec in Scores.__dataclass_fields__.items() if spec.type in ("int", int)
]
KIND_COUNTS = ("planted_by_kind", "found_by_kind")
ENTITY_COUNTS = ("gold_links", "made", "system_links", "correct")
Run = dict[str, dict[str, dict[str, Any]]]  # story → "app" / "typing" → counts


def counts(scores: StoryScores) -> dict[str, Any]:
    """What the figures are computed from: the story's counts, nothing it names."""
    a, e = scores.alignment, scores.entities
    found: dict[str, Any] = {name: getattr(a, name) for name in ALIGNMENT_COUNTS}
    found.update({name: dict(getattr(a, name)) for name in KIND_COUNTS})
    found.update({f"entity_{name}": getattr(e, name) for name in ENTITY_COUNTS})
    return found


def scores_of(story: str, saved: Mapping[str, Any]) -> StoryScores:
    """The story's scores again, from its saved counts."""
    alignment = Scores(**{name: int(saved[name]) for name in ALIGNMENT_COUNTS})
    for name in KIND_COUNTS:
        setattr(alignment, name, Counter(saved[name]))
    entities = EntityScores(**{n: int(saved[f"entity_{n}"]) for n in ENTITY_COUNTS})
    return StoryScores(story, alignment, entities)


def save(path: Path, runs: Mapping[str, Run]) -> None:
    path.write_text(json.dumps(runs, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def comparison(before: Run, after: Run, which: str = "app") -> list[str]:
    """One line per figure: its change over the stories both runs scored, with the paired
    bootstrap's 95% interval."""
    stories = sorted(before.keys() & after.keys())
    if not stories:
        return ["  no story in both runs"]
    old = [scores_of(s, before[s][which]) for s in stories]
    new = [scores_of(s, after[s][which]) for s in stories]
    change = _change(old, new, range(len(stories)))
    rng = random.Random(0)
    draws = [
        _change(old, new, [rng.randrange(len(stories)) for _ in stories]) for _ in range(RESAMPLES)
    ]
    lines = []
    for figure, value in change.items():
        spread = sorted(d[figure] for d in draws)
        low, high = spread[int(0.025 * RESAMPLES)], spread[int(0.975 * RESAMPLES) - 1]
        verdict = "up" if low > 0 else "down" if high < 0 else "within noise"
        lines.append(f"    {figure:34} {value:+.3f}   95% [{low:+.3f}, {high:+.3f}]   {verdict}")
    return [f"  {which}, {len(stories)} stories in both runs:", *lines]


def _change(
    old: Sequence[StoryScores], new: Sequence[StoryScores], sample: Sequence[int]
) -> dict[str, float]:
    before = figures(total(old[i] for i in sample))
    after = figures(total(new[i] for i in sample))
    return {figure: after[figure] - before[figure] for figure in after}
