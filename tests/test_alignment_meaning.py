"""Alignment by meaning: paraphrases align, two events that share words do not (real spaCy
model, shipped sentence vectors)."""

from __future__ import annotations

import numpy as np
from spacy.language import Language

from app.core.compare.aligner import group_statements
from app.core.compare.features import StatementInfo, statement_from_doc
from app.core.compare.vectors import (
    DEFAULT_SIMILARITY,
    SimilarityParams,
    VectorSpace,
    story_sides,
)

ARTICLES = [
    ["Police arrested John Harlow in Dallas on Monday after a bank robbery.",
     "A fire destroyed a warehouse in the port overnight."],
    ["John Harlow was taken into custody in Dallas on Monday after the bank was robbed.",
     "Fire crews fought the blaze that gutted the warehouse at the port for hours."],
    ["Officers arrested Maria Ostrova in Chicago on Friday over a jewellery theft.",
     "The city council approved a new budget for schools."],
]  # fmt: skip


def _statements(nlp: Language) -> list[StatementInfo]:
    result = []
    next_id = 1
    for article, texts in enumerate(ARTICLES, 1):
        for seq, text in enumerate(texts):
            st = statement_from_doc(nlp(text), next_id, article)
            st.seq = seq
            result.append(st)
            next_id += 1
    return result


def _groups(statements: list[StatementInfo], params: SimilarityParams) -> list[set[str]]:
    space = VectorSpace(statements, params=params)
    groups = group_statements(space, {s.id: s.article_id for s in statements},
                              seq_of={s.id: s.seq for s in statements})  # fmt: skip
    text = {s.id: s.text for s in statements}
    return [{text[m] for m in g.members} for g in groups]


def test_same_event_aligns_and_a_look_alike_event_stays_apart(nlp: Language) -> None:
    groups = _groups(_statements(nlp), SimilarityParams())
    arrest = next(g for g in groups if ARTICLES[0][0] in g)
    assert ARTICLES[1][0] in arrest
    assert ARTICLES[2][0] not in arrest
    assert not any(ARTICLES[2][0] in g for g in groups)


def test_meaning_finds_the_paraphrase_words_miss(nlp: Language) -> None:
    """A fire destroyed a warehouse / the blaze that gutted the warehouse: one shared
    content word; the sentence vectors carry the rest."""
    statements = _statements(nlp)
    fire, blaze = statements[1].id, statements[3].id
    with_meaning = VectorSpace(statements)
    words_only = VectorSpace(statements, params=SimilarityParams(semantic_weight=0.0,
                                                                 semantic_top_k=0))  # fmt: skip
    assert with_meaning.semantic_cosine(fire, blaze) > with_meaning.semantic_cosine(
        fire, statements[5].id
    )
    assert with_meaning.cosine(fire, blaze) > words_only.cosine(fire, blaze)


ONE_STORY = [
    ["Fourteen people were hurt when fire swept through the Harbour Road warehouse.",
     "The owner said the building had passed a safety inspection in the spring."],
    ["Fifteen people were injured when fire swept through the Harbour Road warehouse.",
     "The owner said the building passed a safety inspection this spring."],
    ["Thirty people were hurt when a bus overturned on the motorway near Leeds.",
     "The city council approved a new budget for schools."],
]  # fmt: skip


def test_a_divergent_figure_within_one_story_is_not_a_conflict(nlp: Language) -> None:
    """Two outlets of one story that count the hurt differently report one fact (a divergence
    to flag); the same clash between articles of different stories still weakens the link."""
    statements = []
    for article, texts in enumerate(ONE_STORY, 1):
        for seq, text in enumerate(texts):
            st = statement_from_doc(nlp(text), len(statements) + 1, article)
            st.seq = seq
            statements.append(st)
    fourteen, fifteen, bus = statements[0].id, statements[2].id, statements[4].id
    space = VectorSpace(statements)
    assert space.conflicts(fourteen, fifteen) >= 1
    assert space.link_score(fourteen, fifteen) == space.cosine(fourteen, fifteen)
    always = VectorSpace(statements, params=SimilarityParams(conflict_related=1.01))
    assert always.link_score(fourteen, fifteen) < always.cosine(fourteen, fifteen)
    assert space.conflicts(fourteen, bus) >= 1
    assert space.link_score(fourteen, bus) < space.cosine(fourteen, bus) / 2
    groups = group_statements(space, {s.id: s.article_id for s in statements},
                              seq_of={s.id: s.seq for s in statements})  # fmt: skip
    assert any({fourteen, fifteen} <= set(g.members) for g in groups)
    assert not any(bus in g.members for g in groups)


def test_articles_split_into_two_stories_only_when_they_tell_two() -> None:
    """Six articles in two tight trios split; four outlets of one story, one of them unlike
    the rest (a tabloid), do not; one article sharing nothing stands apart."""
    two = np.full((6, 6), 0.02)
    two[:3, :3] = two[3:, 3:] = 0.12
    sides = story_sides(two, DEFAULT_SIMILARITY)
    assert sides is not None and len(set(sides[:3])) == len(set(sides[3:])) == 1
    assert sides[0] != sides[3]
    one = np.array([[1, 0.13, 0.11, 0.03], [0.13, 1, 0.1, 0.02], [0.11, 0.1, 1, 0.05],
                    [0.03, 0.02, 0.05, 1]])  # fmt: skip
    assert story_sides(one, DEFAULT_SIMILARITY) is None
    alone = one.copy()
    alone[3, :3] = alone[:3, 3] = 0.0
    lone = story_sides(alone, DEFAULT_SIMILARITY)
    assert lone is not None and lone[3] != lone[0]


def test_the_encoder_brings_a_paraphrase_with_few_shared_words_together(nlp: Language) -> None:
    """ "A fire destroyed a warehouse" / "the blaze that gutted the warehouse": the contextual
    vectors rank the paraphrase above the other article's statements. "arrested" / "was taken
    into custody", the nearest pair of the collection, gains a link and a shared thing."""
    statements = _statements(nlp)
    arrest, custody = statements[0].id, statements[2].id
    fire, blaze = statements[1].id, statements[3].id
    space = VectorSpace(statements)
    without = VectorSpace(statements, params=SimilarityParams(contextual_weight=0.0))
    assert space.contextual is not None and without.contextual is None
    assert space.contextual_cosine(fire, blaze) > space.contextual_cosine(fire, custody) + 0.2
    assert space.cosine(arrest, custody) > without.cosine(arrest, custody)
    assert space.contextual_cosine(arrest, custody) >= DEFAULT_SIMILARITY.contextual_evidence
    assert space.evidence(arrest, custody) == without.evidence(arrest, custody) + 1


def test_the_contextual_floor_is_what_most_pairs_of_the_collection_reach() -> None:
    """Within one story every sentence is near every other: the part of a contextual cosine
    that counts starts at the collection's `contextual_quantile` of cross-article pairs."""
    from app.core.compare.vectors import _collection_floor

    rng = np.random.default_rng(3)
    topic = rng.normal(size=384)
    near = topic + 0.6 * rng.normal(size=(20, 384))  # one story: all pairs fairly close
    near /= np.linalg.norm(near, axis=1, keepdims=True)
    spread = rng.normal(size=(20, 384))  # unrelated sentences: pairs near 0
    spread /= np.linalg.norm(spread, axis=1, keepdims=True)
    statements = [StatementInfo(i, 1 + i % 4, i, 0, 0, "") for i in range(20)]
    params = DEFAULT_SIMILARITY
    assert _collection_floor(spread, statements, params) == params.contextual_floor
    story = _collection_floor(near, statements, params)
    sims = near @ near.T
    cross = sims[np.array([[a.article_id != b.article_id for b in statements] for a in statements])]
    assert story > params.contextual_floor
    assert abs(story - np.quantile(cross, params.contextual_quantile)) < 0.02
    assert _collection_floor(near[:1], statements[:1], params) == params.contextual_floor
