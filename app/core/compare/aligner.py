"""Group statements of different articles that report the same fact.

1. Candidate pairs come from the sparse vectors' inverted index (no all-pairs matrix).
2. A pair becomes a link when it is strong, or when one statement is the other's best match in
   its article and the pair is not weak ("best match" is what tells "Russia expelled three
   diplomats" from "Poland expelled a Russian diplomat" when both share the same words).
3. Links are merged strongest first into groups holding at most one statement per article,
   as long as the average similarity of the two groups stays above a floor (no chaining).
4. A statement that reports two facts ("Russia expelled diplomats … Navalny, who survived an
   assassination attempt in August") may also join a second group as a secondary member.
User decisions come in as `must_link` and `cannot_link` pairs and always win.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.compare.vectors import VectorSpace

STRONG = 0.30  # a link on its own
BEST_MATCH = 0.08  # a link when it is the best in the other article
GROUP_FLOOR = 0.08  # average similarity two merged groups must keep
SECONDARY = 0.14  # a second group for a two-fact statement


@dataclass(slots=True)
class Group:
    members: list[int]  # statement ids, primary members first
    score: float = 0.0
    secondary: set[int] = field(default_factory=set)
    pinned: bool = False  # contains a user link


@dataclass(slots=True)
class Constraints:
    must_link: set[tuple[int, int]] = field(default_factory=set)
    cannot_link: set[tuple[int, int]] = field(default_factory=set)

    def forbids(self, a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in self.cannot_link


def links(space: VectorSpace, article_of: dict[int, int], only: set[int] | None = None
          ) -> dict[tuple[int, int], float]:  # fmt: skip
    """The pairs worth grouping, with their similarity."""
    pairs = space.candidate_pairs(article_of, BEST_MATCH, only)
    best: dict[tuple[int, int], float] = defaultdict(float)  # (statement, other article)
    for (a, b), score in pairs.items():
        best[a, article_of[b]] = max(best[a, article_of[b]], score)
        best[b, article_of[a]] = max(best[b, article_of[a]], score)
    return {
        (a, b): score
        for (a, b), score in pairs.items()
        if score >= STRONG or score >= best[a, article_of[b]] or score >= best[b, article_of[a]]
    }


def group_statements(
    space: VectorSpace,
    article_of: dict[int, int],
    constraints: Constraints | None = None,
    start_groups: Iterable[Iterable[int]] = (),
    only: set[int] | None = None,
) -> list[Group]:
    """Groups over the statements of `space`; `start_groups` (kept from an earlier run) are
    grown rather than rebuilt, and with `only` just the links of those statements are looked
    for — that is the incremental path when one article is added."""
    constraints = constraints or Constraints()
    edges = links(space, article_of, only)
    for a, b in constraints.cannot_link:
        edges.pop((a, b), None)
    for a, b in constraints.must_link:
        if a in article_of and b in article_of:
            edges[(min(a, b), max(a, b))] = 1.0
    cluster_of: dict[int, int] = {}
    clusters: dict[int, list[int]] = {}
    pinned: set[int] = set()
    for index, members in enumerate(start_groups):
        kept = [m for m in members if m in article_of]
        clusters[index] = kept
        for m in kept:
            cluster_of[m] = index
    next_id = len(clusters)
    for sid in article_of:
        if sid not in cluster_of:
            cluster_of[sid] = next_id
            clusters[next_id] = [sid]
            next_id += 1

    def linkage(left: list[int], right: list[int]) -> float:
        total = sum(space.cosine(a, b) for a in left for b in right)
        return total / (len(left) * len(right))

    def can_merge(left: list[int], right: list[int], forced: bool) -> bool:
        if {article_of[m] for m in left} & {article_of[m] for m in right}:
            return False
        if any(constraints.forbids(a, b) for a in left for b in right):
            return False
        return forced or linkage(left, right) >= GROUP_FLOOR

    for (a, b), score in sorted(edges.items(), key=lambda item: -item[1]):
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb or not can_merge(clusters[ca], clusters[cb], score >= 1.0):
            continue
        if score >= 1.0:
            pinned.add(ca)
            pinned.discard(cb)
        for m in clusters[cb]:
            cluster_of[m] = ca
        clusters[ca].extend(clusters.pop(cb))
        if cb in pinned:
            pinned.add(ca)

    groups = {cid: Group(sorted(ms), pinned=cid in pinned) for cid, ms in clusters.items()}
    _add_secondary(space, article_of, constraints, edges, cluster_of, groups)
    result = [g for g in groups.values() if len(g.members) > 1]
    for g in result:
        g.score = round(min(1.0, max(0.0, _group_score(space, article_of, g))), 3)
    return result


def _add_secondary(
    space: VectorSpace,
    article_of: dict[int, int],
    constraints: Constraints,
    edges: dict[tuple[int, int], float],
    cluster_of: dict[int, int],
    groups: dict[int, Group],
) -> None:
    for (a, b), score in sorted(edges.items(), key=lambda item: -item[1]):
        if score < SECONDARY or cluster_of[a] == cluster_of[b]:
            continue
        for joiner, host in ((a, b), (b, a)):
            group = groups[cluster_of[host]]
            if len(group.members) < 2 or joiner in group.members:
                continue
            if article_of[joiner] in {article_of[m] for m in group.members}:
                continue
            if any(constraints.forbids(joiner, m) for m in group.members):
                continue
            others = [m for m in group.members if m not in group.secondary]
            if sum(space.cosine(joiner, m) for m in others) / len(others) >= SECONDARY:
                group.members.append(joiner)
                group.secondary.add(joiner)
                break


def _group_score(space: VectorSpace, article_of: dict[int, int], group: Group) -> float:
    """How sure the grouping is: the mean similarity of members from different articles,
    scaled so that a typical paraphrase (cosine ~0.3) reads as 0.6; user links count as 1."""
    if group.pinned:
        return 1.0
    pairs = [
        (a, b) for i, a in enumerate(group.members) for b in group.members[i + 1 :]
        if article_of[a] != article_of[b]
    ]  # fmt: skip
    if not pairs:
        return 0.0
    mean = sum(space.cosine(a, b) for a, b in pairs) / len(pairs)
    return 2 * mean
