"""Blocking for the aligner's candidate pairs: each statement's nearest statements by the dot
product of their sparse vectors over the features few statements share.

Every statement's products are summed with numpy in the order a loop over its features would
add them (np.add.at adds in index order), so the sums, and the order of equal sums, are those
of the plain loop this replaces: statements are ranked by sum, then by the first of the
statement's features that reached them, then by their place in that feature's posting list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import numpy as np

CELLS = 1 << 20  # statements x statements cells worked on at once: bounds the memory


def nearest_by_blocking(
    vectors: Mapping[int, Mapping[str, float]],
    blocking: Iterable[str],
    window: int,
    sources: Iterable[int],
    keep: int,
) -> dict[int, list[int]]:
    """For each statement of `sources`, the `keep` statements (itself included) with the
    largest dot product over the `blocking` features, best first. A feature links a statement
    only to the `window` statements on either side of it in the feature's posting list (the
    statements in `vectors` order): a fact every article repeats still links each report to
    many others, at bounded cost."""
    wanted = set(blocking)
    ids = list(vectors)
    n = len(ids)
    index = {sid: i for i, sid in enumerate(ids)}
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    # Each statement's blocking features in its vector's order: (feature, weight, its place
    # in the feature's posting list).
    entries: dict[int, list[tuple[str, float, int]]] = {}
    for sid, vector in vectors.items():
        mine = entries[sid] = []
        for f, w in vector.items():
            if f in wanted:
                posting = postings[f]
                mine.append((f, w, len(posting)))
                posting.append((index[sid], w))
    offset: dict[str, int] = {}
    rows: list[int] = []
    weights: list[float] = []
    for f, posting in postings.items():
        offset[f] = len(rows)
        rows.extend(r for r, _ in posting)
        weights.extend(w for _, w in posting)
    row_of = np.array(rows, dtype=np.int64)
    weight_of = np.array(weights, dtype=np.float64)
    chosen = list(sources)
    result: dict[int, list[int]] = {}
    step = max(1, CELLS // max(1, n))
    for begin in range(0, len(chosen), step):
        block = chosen[begin : begin + step]
        for a, found in zip(block, _block(block, entries, postings, offset, row_of, weight_of,
                                          window, n, keep), strict=True):  # fmt: skip
            result[a] = [ids[i] for i in found]
    return result


def _block(
    block: list[int],
    entries: dict[int, list[tuple[str, float, int]]],
    postings: dict[str, list[tuple[int, float]]],
    offset: dict[str, int],
    row_of: np.ndarray,
    weight_of: np.ndarray,
    window: int,
    n: int,
    keep: int,
) -> list[list[int]]:
    """nearest_by_blocking for the statements of `block`: their neighbours' indices."""
    owner: list[int] = []  # per (statement, feature): the statement's place in the block
    own_weight: list[float] = []
    low: list[int] = []  # the window, as a range of the concatenated posting lists
    high: list[int] = []
    for local, a in enumerate(block):
        for f, w, at in entries[a]:
            start = offset[f]
            owner.append(local)
            own_weight.append(w)
            low.append(start + max(0, at - window))
            high.append(start + min(len(postings[f]), at + window + 1))
    if not owner:
        return [[] for _ in block]
    lows = np.array(low, dtype=np.int64)
    counts = np.array(high, dtype=np.int64) - lows
    # One item per (statement, feature, posting in the window), in the loop's order.
    pair = np.repeat(np.arange(len(lows)), counts)
    firsts = np.cumsum(counts) - counts
    at = lows[pair] + np.arange(int(counts.sum())) - firsts[pair]
    other = row_of[at]
    cell = np.array(owner, dtype=np.int64)[pair] * n + other
    sums = np.zeros(len(block) * n, dtype=np.float64)
    np.add.at(sums, cell, np.array(own_weight, dtype=np.float64)[pair] * weight_of[at])
    unset = np.iinfo(np.int64).max
    first = np.full(len(block) * n, unset, dtype=np.int64)
    np.minimum.at(first, cell, pair)  # the first feature that reached the statement
    touched = np.flatnonzero(first != unset)
    local_of, column = touched // n, touched % n
    order = np.lexsort((column, first[touched], -sums[touched], local_of))
    ranked_local = local_of[order]
    ranked = column[order].tolist()
    bounds = np.searchsorted(ranked_local, np.arange(len(block) + 1)).tolist()
    return [ranked[bounds[i] : min(bounds[i + 1], bounds[i] + keep)] for i in range(len(block))]
