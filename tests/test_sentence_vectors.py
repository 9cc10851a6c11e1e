"""The shipped static sentence vectors (resources/vectors/minilm-static)."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.nlp.sentence_vectors import FOLDER, sentence_vectors
from app.core.resources import resources_dir


def test_vectors_are_shipped_small_and_float16() -> None:
    folder = resources_dir() / FOLDER
    size = sum(f.stat().st_size for f in folder.iterdir())
    assert size <= 16 * 2**20, size
    model = sentence_vectors()
    assert model is not None
    assert model.dims >= 128


def test_paraphrases_are_nearer_than_other_events() -> None:
    model = sentence_vectors()
    assert model is not None
    vectors = model.encode([
        "Police arrested the suspect on Tuesday.",
        "The suspect was taken into custody by officers on Tuesday.",
        "An earthquake struck the north of the country.",
        "A strong tremor shook the northern region.",
    ])  # fmt: skip
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2] + 0.1
    assert sims[2, 3] > sims[1, 3] + 0.1
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_any_text_encodes() -> None:
    model = sentence_vectors()
    assert model is not None
    vectors = model.encode(["", "...", "x" * 5000, "Ölçüm 東京 ☃", "«Non-English text» ici."])
    assert vectors.shape == (5, model.dims)
    assert not vectors[0].any()
    assert np.isfinite(vectors).all()


def test_model2vec_reads_the_same_folder_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder is in model2vec's layout: its StaticModel gives the same vectors."""
    model2vec = pytest.importorskip("model2vec")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    static = model2vec.StaticModel.from_pretrained(str(resources_dir() / FOLDER))
    texts = ["The court sentenced him to five years.", "A fire destroyed the warehouse."]
    ours = sentence_vectors()
    assert ours is not None
    theirs = static.encode(texts, normalize=True)
    assert np.allclose(ours.encode(texts), theirs, atol=2e-3)
