"""Sentence vectors by meaning: static token vectors distilled from all-MiniLM-L6-v2.

resources/vectors/minilm-static holds one vector per word piece of the teacher's vocabulary
(packaging/distill_vectors.py, `make vectors`), in model2vec's folder layout. A sentence's
vector is the mean of its word pieces' vectors, L2-normalised: what model2vec's
`StaticModel.encode` computes, done here with tokenizers + safetensors + numpy only, so
nothing can reach for the network and loading costs a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from app.core.resources import resources_dir

FOLDER = "vectors/minilm-static"
CHUNK = 512  # texts per gather: bounds the memory of the gathered piece vectors
MAX_PIECES = 512  # a run-on "sentence" of a badly split page says what its start says


class SentenceVectors:
    def __init__(self, embeddings: np.ndarray, tokenizer: Tokenizer) -> None:
        self.embeddings = embeddings.astype(np.float32)
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    @property
    def dims(self) -> int:
        return int(self.embeddings.shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (len(texts), dims); a text without known pieces gets a zero vector."""
        result = np.zeros((len(texts), self.dims), dtype=np.float32)
        if not texts:
            return result
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        pieces = [e.ids[:MAX_PIECES] for e in encodings]
        for begin in range(0, len(pieces), CHUNK):  # one gather and sum per chunk, not per text
            chunk = pieces[begin : begin + CHUNK]
            rows = [row for row, ids in enumerate(chunk, begin) if ids]
            if not rows:
                continue
            lengths = np.array([len(pieces[row]) for row in rows])
            flat = np.fromiter((i for row in rows for i in pieces[row]), dtype=np.int64)
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            sums = np.add.reduceat(self.embeddings[flat], starts, axis=0)
            result[rows] = sums / lengths[:, None]
        norms = np.linalg.norm(result, axis=1, keepdims=True)
        return result / np.where(norms > 0, norms, 1.0)


@cache
def sentence_vectors() -> SentenceVectors | None:
    """The shipped vectors, or None when the folder is missing (alignment then runs on its
    lexical features alone)."""
    folder = resources_dir() / FOLDER
    if not (folder / "model.safetensors").is_file():
        return None
    embeddings = load_file(str(folder / "model.safetensors"))["embeddings"]
    return SentenceVectors(embeddings, Tokenizer.from_file(str(folder / "tokenizer.json")))
