"""Grouping by the pair model's chances (compare/linkage.py), on hand-set chances."""

from __future__ import annotations

from collections.abc import Iterable

from app.core.compare.linkage import Linkage, Pairs, join_second_groups, link_by_chances

LINKAGE = Linkage(threshold=0.3, missing=0.05)


def _groups(
    chances: Pairs,
    article_of: dict[int, int],
    told_together: set[frozenset[int]] | None = None,
    cannot: set[tuple[int, int]] | None = None,
) -> list[list[int]]:
    cluster_of = {sid: sid for sid in article_of}
    clusters = {sid: [sid] for sid in article_of}
    together = told_together or set()

    def one_report(left: Iterable[int], right: Iterable[int]) -> bool:
        return all(frozenset((x, y)) in together for x in left for y in right)

    def forbids(a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in (cannot or set())

    link_by_chances(chances, article_of, one_report, forbids, cluster_of, clusters, LINKAGE)
    return sorted(sorted(members) for members in clusters.values())


def test_statements_likely_to_tell_one_fact_make_one_group() -> None:
    article_of = {1: 10, 2: 20, 3: 30, 4: 10}
    chances = {(1, 2): 0.9, (1, 3): 0.8, (2, 3): 0.7, (2, 4): 0.1}
    assert _groups(chances, article_of) == [[1, 2, 3], [4]]


def test_a_pair_below_the_threshold_stays_apart() -> None:
    assert _groups({(1, 2): 0.25}, {1: 10, 2: 20}) == [[1], [2]]


def test_one_strong_pair_does_not_carry_a_group_the_rest_denies() -> None:
    # 3 is likely with 1 only; against 2 it is unlikely: on average it stays out
    article_of = {1: 10, 2: 20, 3: 30}
    chances = {(1, 2): 0.95, (1, 3): 0.35, (2, 3): 0.02}
    assert _groups(chances, article_of) == [[1, 2], [3]]


def test_two_statements_of_one_article_share_a_group_only_when_they_tell_one_fact() -> None:
    article_of = {1: 10, 2: 10, 3: 20}
    chances = {(1, 3): 0.9, (2, 3): 0.8}
    assert _groups(chances, article_of) == [[1, 3], [2]]
    assert _groups(chances, article_of, {frozenset((1, 2))}) == [[1, 2, 3]]


def test_a_cannot_link_is_never_crossed() -> None:
    article_of = {1: 10, 2: 20, 3: 30}
    chances = {(1, 2): 0.9, (1, 3): 0.9, (2, 3): 0.9}
    assert _groups(chances, article_of, cannot={(1, 3)}) == [[1, 2], [3]]


SECOND = Linkage(threshold=0.5, missing=0.05)


def _second(
    chances: Pairs,
    article_of: dict[int, int],
    groups: list[list[int]],
    cannot: set[tuple[int, int]] | None = None,
) -> list[tuple[list[int], set[int]]]:
    def forbids(a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in (cannot or set())

    found = [(list(members), set[int]()) for members in groups]
    join_second_groups(chances, article_of, forbids, found, SECOND)
    return found


# a lede (1) tells the fact of its own group (1, 2) and that of another (3, 4)
LEDE = {1: 10, 2: 20, 3: 20, 4: 30}


def test_a_statement_likely_with_another_group_joins_it_as_a_second_member() -> None:
    chances = {(1, 2): 0.9, (1, 3): 0.7, (1, 4): 0.6, (3, 4): 0.9}
    assert _second(chances, LEDE, [[1, 2], [3, 4]]) == [([1, 2], set()), ([3, 4, 1], {1})]


def test_likely_with_one_member_only_is_not_enough() -> None:
    # 0.9 with 3, but against 4 a pair the candidates never offered: on average below 0.5
    chances = {(1, 2): 0.9, (1, 3): 0.9, (3, 4): 0.9}
    assert _second(chances, LEDE, [[1, 2], [3, 4]]) == [([1, 2], set()), ([3, 4], set())]


def test_no_second_group_across_a_cannot_link_or_for_a_lone_statement() -> None:
    chances = {(1, 2): 0.9, (1, 3): 0.7, (1, 4): 0.6, (3, 4): 0.9}
    assert _second(chances, LEDE, [[1, 2], [3, 4]], cannot={(1, 4)})[1] == ([3, 4], set())
    assert _second(chances, LEDE, [[1], [2], [3, 4]])[2] == ([3, 4], set())
