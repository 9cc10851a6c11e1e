"""Synthetic collections for benchmarks: the seeds varied into many distinct articles."""

from __future__ import annotations

import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def varied_seed_articles(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` distinct articles: each a seed with paragraphs shuffled and one changed."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(count):
        paragraphs = [p for p in texts[i % len(texts)].split("\n\n") if p.strip()]
        head, body = paragraphs[:1], paragraphs[1:]
        rng.shuffle(body)
        body.append(f"Update {i}: the editors added this paragraph on day {rng.randint(1, 900)}.")
        path = folder / f"article_{i:05}.txt"
        path.write_text("\n\n".join(head + body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
