"""A statement left alone after grouping joins the group whose members, taken together, say it
tells their fact.

Grouping links each statement to its best match in each other article and merges groups whose
links are strong on average. A statement whose best link went to a neighbouring fact, or whose
one link fell short of a group's cohesion, is left alone, although most of the group's other
members are fairly likely to tell the same fact ("Around 60 houses burned down" beside three
reports of some 40 homes destroyed). Here the pair model's probability with every member
counts: each as its log-odds against a base probability, so that a likely pair speaks for the
join and an unlikely one against it, and a pair the candidates never offered counts as
unlikely. A lone statement joins the group (or pairs with the other lone statement) whose best
log-odds per pair of articles average above zero, when at least one member links to it at the
model's threshold (`anchor`), and only where the same-article rule allows (Tellings). Best
joins first; groups grow, they never merge with each other.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection
from dataclasses import dataclass

from app.core.compare.linkage import Linkage, mean_best, weigher

Pairs = dict[tuple[int, int], float]


@dataclass(frozen=True, slots=True)
class Support:
    """How the pair model's probabilities count (AlignParams.support_*)."""

    base: float  # a pair this likely neither speaks for a join nor against it
    missing: float  # the probability a pair the candidates never offered counts as
    anchor: float  # the least probability of at least one pair of a join


def join_supported(
    probabilities: Pairs,
    article_of: dict[int, int],
    cluster_of: dict[int, int],
    clusters: dict[int, list[int]],
    one_report: Callable[[list[int], list[int]], bool],
    forbids: Callable[[int, int], bool],
    support: Support,
    fixed: Collection[int] = (),
    only: set[int] | None = None,
) -> None:
    """Lone statements (groups of one not in `fixed`, and in `only` when given: an article
    added to an aligned collection) join the group their probabilities support, in place."""
    # chances kept 1e-6 from 0 and 1 (the grouping's floor is wider)
    weigh = weigher(probabilities, Linkage(support.base, support.missing), floor=1e-6)
    anchored: dict[int, list[int]] = {}
    for (a, b), p in probabilities.items():
        if p >= support.anchor:
            anchored.setdefault(a, []).append(b)
            anchored.setdefault(b, []).append(a)

    def lone(cid: int) -> bool:
        members = clusters.get(cid, ())
        return len(members) == 1 and cid not in fixed and (only is None or members[0] in only)

    def linkage(joiner: int, host: int) -> float | None:
        """The mean over article pairs of the best log-odds between the two, or None when the
        join is not allowed."""
        return mean_best(clusters[joiner], clusters[host], weigh, article_of, one_report,
                         forbids)  # fmt: skip

    # A lone statement never grows (it joins, or stays alone), so only a host's version can
    # outdate a heap entry.
    version = dict.fromkeys(clusters, 0)
    heap: list[tuple[float, int, int, int]] = []

    def push(joiner: int, host: int) -> None:
        value = linkage(joiner, host)
        if value is not None and value > 0:
            heapq.heappush(heap, (-value, joiner, host, version[host]))

    for cid in list(clusters):
        if lone(cid):
            sid = clusters[cid][0]
            for host in {cluster_of[m] for m in anchored.get(sid, ())} - {cid}:
                push(cid, host)
    while heap:
        _, joiner, host, v_host = heapq.heappop(heap)
        if not lone(joiner) or host not in clusters or v_host != version[host]:
            continue
        sid = clusters.pop(joiner)[0]
        cluster_of[sid] = host
        clusters[host].append(sid)
        version[host] += 1
        # The grown group's other lone neighbours are weighed against it again.
        neighbours = {cluster_of[n] for m in clusters[host] for n in anchored.get(m, ())}
        for other in neighbours:
            if other != host and lone(other):
                push(other, host)
