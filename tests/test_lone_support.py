"""A lone statement joins the group the pair model's probabilities support (lone_support.py).

The probabilities are given by hand: what is tested is how they are weighed (log-odds against
a base, an unoffered pair as unlikely, one anchor link), the same-article rule and the user's
cannot-link, not the model. The effect on real text is measured by the corpus guards
(tests/test_corpus_gold.py) and the seed gold (tests/test_alignment_gold.py).
"""

from __future__ import annotations

from app.core.compare.aligner import DEFAULT_PARAMS
from app.core.compare.lone_support import Support, join_supported

SUPPORT = Support(DEFAULT_PARAMS.support_base, DEFAULT_PARAMS.support_missing,
                  DEFAULT_PARAMS.support_anchor)  # fmt: skip
# statements 1-3 of articles 1-3 form a group; 4 (article 4) is alone; 5 is alone in article 1
ARTICLE_OF = {1: 1, 2: 2, 3: 3, 4: 4, 5: 1}


def _clusters() -> tuple[dict[int, int], dict[int, list[int]]]:
    clusters = {0: [1, 2, 3], 4: [4], 5: [5]}
    return {sid: cid for cid, ms in clusters.items() for sid in ms}, clusters


def _never(x: int, y: int) -> bool:
    return False


def _one_report(left: list[int], right: list[int]) -> bool:
    return False  # no two statements of one article tell one fact here


def test_a_lone_statement_supported_by_most_members_joins() -> None:
    # one link at the threshold, two members fairly likely: together they say "same fact"
    cluster_of, clusters = _clusters()
    probabilities = {(1, 4): 0.45, (2, 4): 0.3, (3, 4): 0.3}
    join_supported(probabilities, ARTICLE_OF, cluster_of, clusters, _one_report, _never, SUPPORT)
    assert sorted(clusters[0]) == [1, 2, 3, 4]
    assert 4 not in clusters


def test_one_link_against_the_rest_of_the_group_does_not_join() -> None:
    # the anchor alone, the other members unlikely or never offered as candidates
    cluster_of, clusters = _clusters()
    probabilities = {(1, 4): 0.45, (2, 4): 0.05}
    join_supported(probabilities, ARTICLE_OF, cluster_of, clusters, _one_report, _never, SUPPORT)
    assert clusters[0] == [1, 2, 3]
    assert clusters[4] == [4]


def test_support_without_an_anchor_link_does_not_join() -> None:
    cluster_of, clusters = _clusters()
    probabilities = {(1, 4): 0.35, (2, 4): 0.35, (3, 4): 0.35}
    join_supported(probabilities, ARTICLE_OF, cluster_of, clusters, _one_report, _never, SUPPORT)
    assert clusters[4] == [4]


def test_a_second_statement_of_a_member_article_joins_only_when_it_tells_the_same_report() -> None:
    cluster_of, clusters = _clusters()
    probabilities = {(2, 5): 0.9, (3, 5): 0.9}
    join_supported(probabilities, ARTICLE_OF, cluster_of, clusters, _one_report, _never, SUPPORT)
    assert clusters[5] == [5]  # article 1 is already there with statement 1

    def runs_on(left: list[int], right: list[int]) -> bool:
        return True

    join_supported(probabilities, ARTICLE_OF, cluster_of, clusters, runs_on, _never, SUPPORT)
    assert sorted(clusters[0]) == [1, 2, 3, 5]


def test_the_users_cannot_link_and_fixed_groups_win() -> None:
    cluster_of, clusters = _clusters()
    probabilities = {(1, 4): 0.9, (2, 4): 0.9, (3, 4): 0.9}

    def forbids(x: int, y: int) -> bool:
        return {x, y} == {2, 4}

    join_supported(probabilities, ARTICLE_OF, cluster_of, clusters, _one_report, forbids, SUPPORT)
    assert clusters[4] == [4]
    join_supported(probabilities, ARTICLE_OF, cluster_of, clusters, _one_report, _never, SUPPORT,
                   fixed={4})  # fmt: skip
    assert clusters[4] == [4]


def test_only_the_added_articles_statements_join() -> None:
    cluster_of, clusters = _clusters()
    probabilities = {(1, 4): 0.9, (2, 4): 0.9, (3, 4): 0.9}
    join_supported(probabilities, ARTICLE_OF, cluster_of, clusters, _one_report, _never, SUPPORT,
                   only={5})  # fmt: skip
    assert clusters[4] == [4]


def test_two_lone_statements_pair_up_and_the_best_join_goes_first() -> None:
    # 4 fits the group better than it fits 6; once it has joined, 6 is weighed against the
    # grown group, where the rest of the members speak against it
    article_of = {**ARTICLE_OF, 6: 5}
    clusters = {0: [1, 2, 3], 4: [4], 6: [6]}
    cluster_of = {sid: cid for cid, ms in clusters.items() for sid in ms}
    probabilities = {(1, 4): 0.9, (2, 4): 0.9, (3, 4): 0.9, (4, 6): 0.6}
    join_supported(probabilities, article_of, cluster_of, clusters, _one_report, _never, SUPPORT)
    assert sorted(clusters[0]) == [1, 2, 3, 4]
    assert clusters[6] == [6]
    clusters = {4: [4], 6: [6]}
    cluster_of = {4: 4, 6: 6}
    join_supported({(4, 6): 0.6}, article_of, cluster_of, clusters, _one_report, _never, SUPPORT)
    assert [sorted(members) for members in clusters.values()] == [[4, 6]]
