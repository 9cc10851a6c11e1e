"""A two-fact statement in two groups must not leave its counterpart looking unique: once it has
joined its second group, its own group's report of the second fact moves there, and the
statement that report kept out takes its article's place (real parses, real sparse vectors)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.core.compare.aligner import DEFAULT_PARAMS, Constraints, Group
from app.core.compare.features import statement_from_doc
from app.core.compare.regroup import settle_two_fact_statements
from app.core.compare.vectors import VectorSpace

TEXTS = {  # statement id: (article id, text)
    1: (1, "Keep away from the riverbank, stay indoors and contact the council, which will offer"
           " emergency housing or a hotel room."),
    2: (2, "The council said in a Facebook post that residents should keep away from the"
           " riverbank and contact the council for housing."),
    3: (2, "Families are being offered emergency housing at the Corn Exchange."),
    4: (4, "The council said on its website that residents should keep away from the riverbank"
           " immediately and stay indoors."),
    5: (4, "Families will receive emergency housing at the Corn Exchange or a hotel room, the"
           " council said."),
    6: (3, "Families who left their homes will get emergency housing at the Corn Exchange."),
    7: (3, "The water rose quickly and flooded the cellars."),
    8: (1, "The closure covers 12 streets near the bridge."),
}  # fmt: skip


@pytest.fixture(scope="module")
def space(nlp: Language) -> VectorSpace:
    statements = [statement_from_doc(nlp(text), statement_id=sid, article_id=aid)
                  for sid, (aid, text) in TEXTS.items()]  # fmt: skip
    return VectorSpace(statements, dict.fromkeys(range(1, 5)))


def _settle(space: VectorSpace, groups: dict[int, Group]) -> dict[int, Group]:
    article_of = {sid: aid for sid, (aid, _) in TEXTS.items()}
    cluster_of = {m: cid for cid, g in groups.items() for m in g.members if m not in g.secondary}
    settle_two_fact_statements(space, article_of, Constraints(), cluster_of, groups,  # type: ignore[arg-type]
                               DEFAULT_PARAMS.best_match, DEFAULT_PARAMS.secondary,
                               DEFAULT_PARAMS.min_evidence)  # fmt: skip
    return groups


def test_the_second_fact_report_moves_and_the_kept_out_counterpart_joins(
    space: VectorSpace,
) -> None:
    # What the aligner left: statement 1 (keep away + housing) drew article 2's housing report
    # into the keep-away group, so article 2's keep-away report (2) stayed alone.
    groups = {
        0: Group([1, 3, 4]),
        1: Group([5, 6, 1], secondary={1}),
        2: Group([2]), 3: Group([7]), 4: Group([8]),
    }  # fmt: skip
    _settle(space, groups)
    assert sorted(groups[0].members) == [1, 2, 4]  # every row tells one fact
    assert sorted(groups[1].members) == [1, 3, 5, 6]
    assert groups[2].members == []  # no longer looks unique
    assert groups[3].members == [7] and groups[4].members == [8]


def test_a_pair_and_a_user_link_stay_as_they_are(space: VectorSpace) -> None:
    pair = {0: Group([1, 3]), 1: Group([5, 6, 1], secondary={1}), 2: Group([2])}
    _settle(space, pair)
    assert pair[0].members == [1, 3] and pair[2].members == [2]
    pinned = {0: Group([1, 3, 4], pinned=True), 1: Group([5, 6, 1], secondary={1}),
              2: Group([2])}  # fmt: skip
    _settle(space, pinned)
    assert pinned[0].members == [1, 3, 4] and pinned[2].members == [2]
