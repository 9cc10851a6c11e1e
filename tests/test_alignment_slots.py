"""A lone report that gives a figure joins the reports of the same figure (real spaCy model):
"a second attempt in October" beside "a second attempt in September" is the divergence to
flag, not two unique statements (app/core/compare/slots.py)."""

from __future__ import annotations

import dataclasses

from spacy.language import Language

from app.core.compare.aligner import DEFAULT_PARAMS, group_statements
from app.core.compare.features import StatementInfo, statement_from_doc
from app.core.compare.slots import value_slots
from app.core.compare.vectors import SimilarityParams, VectorSpace

ARTICLES = [
    ["Corvane Aerospace's rocket exploded two minutes after lift-off from Skerrin Head.",
     "The company hopes to make a second attempt in September.",
     "Seven small satellites were lost with the rocket."],
    ["The Corvane Aerospace rocket blew up shortly after it lifted off from Skerrin Head.",
     "Corvane hopes to make a second attempt in September, a spokesperson confirmed.",
     "The rocket was carrying seven small satellites for Nordic customers."],
    ["The Corvane rocket exploded two minutes after lift-off, watched by thousands of spectators.",
     "Corvane is targeting a second attempt in October.",
     "Local schools watched the launch on a big screen in the harbour."],
    ["Thousands of spectators saw the Corvane rocket blow up soon after it lifted off.",
     "The rocket carried satellites for Nordic customers.",
     "Local schools followed the launch from the harbour."],
]  # fmt: skip


def _statements(nlp: Language) -> dict[int, StatementInfo]:
    result = {}
    for article, texts in enumerate(ARTICLES, 1):
        for seq, text in enumerate(texts):
            st = statement_from_doc(nlp(text), 10 * article + seq, article)
            st.seq = seq
            result[st.id] = st
    return result


# The encoder's vectors alone now bring the October report to its group (the last test): the
# rescue is tested on the words, without them.
WORDS = SimilarityParams(contextual_weight=0.0)


def _grouped(
    statements: dict[int, StatementInfo], rescue_link: float, similarity: SimilarityParams = WORDS
) -> list[set[int]]:
    space = VectorSpace(statements.values(), params=similarity)
    params = dataclasses.replace(DEFAULT_PARAMS, rescue_link=rescue_link)
    article_of = {sid: st.article_id for sid, st in statements.items()}
    return [set(g.members) for g in group_statements(space, article_of, params=params)]


def test_value_slots_name_the_counted_thing_and_the_word_a_date_is_on(nlp: Language) -> None:
    def slots(text: str) -> frozenset[str]:
        return value_slots(statement_from_doc(nlp(text)))

    assert "T:attempt" in slots("Corvane is targeting a second attempt in October.")
    assert "Q:satellite" in slots("Six satellites were on board.")
    # a sum of money is a slot only with the verb it goes with: every story has sums
    assert not any(s.startswith("Q:money") and "@" not in s
                   for s in slots("Cost savings of $180m are expected."))  # fmt: skip
    assert slots("Nobody was hurt.") == frozenset()


def test_a_lone_report_of_a_different_month_joins_the_reports_of_that_plan(
    nlp: Language,
) -> None:
    statements = _statements(nlp)
    october = 31
    assert VectorSpace(statements.values()).one_story  # the rescue is for one story only
    without = _grouped(statements, rescue_link=0.0)
    assert not any(october in g for g in without), without  # the words alone leave it unique
    with_rescue = _grouped(statements, rescue_link=DEFAULT_PARAMS.rescue_link)
    plan = next(g for g in with_rescue if october in g)
    assert {11, 21} <= plan, with_rescue  # beside both September reports
    # nothing else moves: the rescue only places statements the grouping left alone
    assert [g for g in with_rescue if not g & plan] == [g for g in without if not g & plan]


def test_the_encoder_places_the_different_month_with_the_plan_too(nlp: Language) -> None:
    statements = _statements(nlp)
    grouped = _grouped(statements, 0.0, SimilarityParams())
    plan = next(g for g in grouped if 31 in g)
    assert {11, 21} <= plan, grouped
