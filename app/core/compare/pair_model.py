"""Which candidate pairs of a one-story collection report the same fact: a logistic model over
what the similarity already measures, fitted on the TUNING stories (bench/train_pair_model.py).

Hand-set gates (a least cosine, so many rare shared words, each statement's best link per
article) each read one signal at a time; a paraphrase that shares no rare word but is its
statement's nearest by meaning in that article, told at the same point of both articles, fails
every one of them. The model weighs the signals together: the word, static and contextual
cosines, the rare things shared, whether each statement is the other's nearest in its article
and by how much, and where the two stand in their articles (news puts its main facts first).
Its weights are data (resources/alignment/pair_model.json), refitted by the training script,
never edited by hand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import numpy as np

from app.core.resources import load_json

MODEL_FILE = "alignment/pair_model.json"
FEATURES = (
    "sparse_cosine",  # the shared words, weighted by rarity
    "static_cosine",  # static sentence vectors
    "contextual_above_floor",  # the encoder's cosine above what most pairs of the collection reach
    "evidence",  # rare things shared, at most 4
    "link_score",  # the blend the hand-set aligner links on
    "contextual_nearest_both",  # each is the other's nearest by meaning in its article
    "contextual_nearest_either",
    "link_nearest_both",  # … by the blended link score, among the candidates
    "link_nearest_either",
    "contextual_margin_worse",  # the cosine minus each side's best in the other article
    "contextual_margin_better",
    "link_margin_worse",
    "link_margin_better",
    "ledes",  # how many of the two open their article's body (0-2)
    "position_gap",  # the two statements' relative positions in their articles, apart
    # the later one's place, as a share of its article: a count of statements (capped at 10,
    # until stop 25) read the invented stories' 15-statement articles, and made every pair of
    # a real article's 40 statements look late
    "position_later_share",
)
EVIDENCE_CAP = 4


class PairSpace(Protocol):
    """What the model reads of the similarity (VectorSpace)."""

    contextual: np.ndarray | None
    contextual_floor: float
    row: dict[int, int]

    def sparse_cosine(self, a: int, b: int) -> float: ...
    def semantic_cosine(self, a: int, b: int) -> float: ...
    def contextual_cosine(self, a: int, b: int) -> float: ...
    def evidence(self, a: int, b: int) -> int: ...


@dataclass(frozen=True, slots=True)
class PairModel:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float  # the least probability of a link
    near_tie: float  # … and this share of the statement's best probability in that article
    sure: float  # a probability that links regardless of competition

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        result: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
        return result


@cache
def pair_model() -> PairModel | None:
    """The shipped model, or None when the file is missing or was fitted on other features
    (the hand-set gates are used then)."""
    try:
        data = load_json(MODEL_FILE)
    except FileNotFoundError:
        return None
    if tuple(data.get("features", ())) != FEATURES:
        return None
    return PairModel(
        np.array(data["mean"], float), np.array(data["scale"], float),
        np.array(data["weights"], float), float(data["bias"]), float(data["threshold"]),
        float(data["near_tie"]), float(data["sure"]),
    )  # fmt: skip


def pair_features(
    space: PairSpace,
    article_of: Mapping[int, int],
    seq_of: Mapping[int, int],
    candidates: Mapping[tuple[int, int], float],
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """One row of FEATURES per candidate pair (a, b) → its link score."""
    pairs = list(candidates)
    if not pairs:
        return pairs, np.zeros((0, len(FEATURES)))
    position, length = _positions(article_of, seq_of)
    nearest_meaning = _nearest_by_meaning(space, article_of)
    best_link: dict[tuple[int, int], float] = {}
    for (a, b), score in candidates.items():
        for x, y in ((a, b), (b, a)):
            key = (x, article_of[y])
            best_link[key] = max(best_link.get(key, -math.inf), score)
    floor = space.contextual_floor
    rows = np.empty((len(pairs), len(FEATURES)))
    for i, (a, b) in enumerate(pairs):
        link = candidates[a, b]
        meaning = space.contextual_cosine(a, b)
        meaning_a = nearest_meaning.get((a, article_of[b]), meaning)
        meaning_b = nearest_meaning.get((b, article_of[a]), meaning)
        link_a, link_b = best_link[a, article_of[b]], best_link[b, article_of[a]]
        near_meaning = (meaning >= meaning_a - 1e-9, meaning >= meaning_b - 1e-9)
        near_link = (link >= link_a - 1e-9, link >= link_b - 1e-9)
        pa, pb = position[a], position[b]
        rows[i] = (
            space.sparse_cosine(a, b),
            space.semantic_cosine(a, b),
            max(0.0, meaning - floor),
            min(space.evidence(a, b), EVIDENCE_CAP),
            link,
            min(near_meaning),
            max(near_meaning),
            min(near_link),
            max(near_link),
            min(meaning - meaning_a, meaning - meaning_b),
            max(meaning - meaning_a, meaning - meaning_b),
            min(link - link_a, link - link_b),
            max(link - link_a, link - link_b),
            (pa == 0) + (pb == 0),
            abs(pa / length[article_of[a]] - pb / length[article_of[b]]),
            max(pa / length[article_of[a]], pb / length[article_of[b]]),
        )
    return pairs, rows


def _positions(
    article_of: Mapping[int, int], seq_of: Mapping[int, int]
) -> tuple[dict[int, int], dict[int, int]]:
    """Each statement's place among its article's body statements (0: the lede), and each
    article's count of them."""
    by_article: dict[int, list[int]] = {}
    for sid, article in article_of.items():
        by_article.setdefault(article, []).append(sid)
    position: dict[int, int] = {}
    for members in by_article.values():
        members.sort(key=lambda sid: (seq_of.get(sid, 0), sid))
        position.update((sid, i) for i, sid in enumerate(members))
    return position, {article: len(members) for article, members in by_article.items()}


def _nearest_by_meaning(
    space: PairSpace, article_of: Mapping[int, int]
) -> dict[tuple[int, int], float]:
    """(statement, other article) → the statement's best contextual cosine there."""
    vectors = space.contextual
    if vectors is None:
        return {}
    ids = [sid for sid in article_of if sid in space.row]
    rows = np.array([space.row[sid] for sid in ids])
    articles = np.array([article_of[sid] for sid in ids])
    found: dict[tuple[int, int], float] = {}
    for article in np.unique(articles):
        inside = rows[articles == article]
        best = (vectors[rows] @ vectors[inside].T).max(axis=1)
        for sid, home, value in zip(ids, articles, best, strict=True):
            if home != article:
                found[sid, int(article)] = float(value)
    return found


def pair_probabilities(
    space: PairSpace,
    article_of: Mapping[int, int],
    seq_of: Mapping[int, int],
    candidates: Mapping[tuple[int, int], float],
    model: PairModel,
) -> dict[tuple[int, int], float]:
    """Every candidate pair's probability of telling one fact."""
    pairs, rows = pair_features(space, article_of, seq_of, candidates)
    chances = model.probabilities(rows).tolist() if pairs else []
    return dict(zip(pairs, chances, strict=True))
