"""all-MiniLM-L6-v2 as an ONNX graph built by hand from its weights (no torch).

The forward pass of packaging/distill_bert.py (embeddings + LayerNorm, 6 BERT layers, mean
pooling over the real tokens, L2 normalisation) in standard opset-17 operators, so that
onnxruntime runs it (about 3x the numpy pass on two cores, the same vectors to 5 decimals) and
`quantize_dynamic` can make its MatMul and Gather weights int8. Written by a helper for the
feasibility study in docs/onnx-feasibility.md; packaging/fetch_encoder.py uses it at setup.
"""

from __future__ import annotations

import math

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HEADS = 12
EPS = 1e-12  # BERT's LayerNorm epsilon, as in distill_bert
OPSET = 17  # the first opset with LayerNormalization


class _Graph:
    """Collects nodes and initialisers; every helper returns the name of its output."""

    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(value, name))
        return name

    def op(self, kind: str, inputs: list[str], **attrs: object) -> str:
        self.count += 1
        out = f"{kind.lower()}_{self.count}"
        self.nodes.append(helper.make_node(kind, inputs, [out], name=out, **attrs))
        return out

    def dense(self, x: str, w: dict[str, np.ndarray], name: str) -> str:
        # torch Linear stores (out, in); MatMul wants (in, out), as quantize_dynamic expects.
        weight = self.const(name + ".weight_t", np.ascontiguousarray(w[name + ".weight"].T))
        bias = self.const(name + ".bias", w[name + ".bias"])
        return self.op("Add", [self.op("MatMul", [x, weight]), bias])

    def layer_norm(self, x: str, w: dict[str, np.ndarray], name: str) -> str:
        scale = self.const(name + ".weight", w[name + ".weight"])
        bias = self.const(name + ".bias", w[name + ".bias"])
        return self.op("LayerNormalization", [x, scale, bias], axis=-1, epsilon=EPS)


def build(weights: dict[str, np.ndarray]) -> onnx.ModelProto:
    """The sentence-embedding graph: ids and mask, int64 [batch, seq] -> [batch, 384]."""
    w = {k: v.astype(np.float32) for k, v in weights.items() if k != "embeddings.position_ids"}
    g = _Graph()
    hidden = w["embeddings.word_embeddings.weight"].shape[1]
    size = hidden // HEADS
    layers = 1 + max(int(k.split(".")[2]) for k in w if k.startswith("encoder.layer."))
    i64 = np.int64
    zero = g.const("zero", np.array(0, i64))
    one = g.const("one", np.array(1, i64))
    ax1 = g.const("axes_1", np.array([1], i64))
    ax2 = g.const("axes_2", np.array([2], i64))
    ax12 = g.const("axes_1_2", np.array([1, 2], i64))

    # Embeddings: word + position (0..seq-1) + token type 0, then LayerNorm.
    word_table = g.const("word_emb", w["embeddings.word_embeddings.weight"])
    words = g.op("Gather", [word_table, "input_ids"])
    length = g.op("Gather", [g.op("Shape", ["input_ids"]), one], axis=0)
    positions = g.op("Range", [zero, length, one])
    pos_table = g.const("pos_emb", w["embeddings.position_embeddings.weight"])
    x = g.op("Add", [words, g.op("Gather", [pos_table, positions])])
    x = g.op("Add", [x, g.const("type_emb0", w["embeddings.token_type_embeddings.weight"][0])])
    x = g.layer_norm(x, w, "embeddings.LayerNorm")

    # Padding gets -1e9 before the softmax, as in distill_bert.
    mask = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    f_one = g.const("f_one", np.array(1.0, np.float32))
    blocked = g.op("Mul", [g.op("Sub", [f_one, mask]),
                           g.const("neg_big", np.array(-1e9, np.float32))])  # fmt: skip
    blocked = g.op("Unsqueeze", [blocked, ax12])  # [batch, 1, 1, seq]
    split = g.const("split_heads", np.array([0, 0, HEADS, size], i64))
    merge = g.const("merge_heads", np.array([0, 0, hidden], i64))
    scale = g.const("scale", np.array(1.0 / math.sqrt(size), np.float32))
    half = g.const("half", np.array(0.5, np.float32))
    root2 = g.const("sqrt2", np.array(math.sqrt(2.0), np.float32))

    for i in range(layers):
        p = f"encoder.layer.{i}."

        def heads(h: str, perm: list[int]) -> str:
            return g.op("Transpose", [g.op("Reshape", [h, split])], perm=perm)

        q = heads(g.dense(x, w, p + "attention.self.query"), [0, 2, 1, 3])
        k = heads(g.dense(x, w, p + "attention.self.key"), [0, 2, 3, 1])  # already transposed
        v = heads(g.dense(x, w, p + "attention.self.value"), [0, 2, 1, 3])
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), scale]), blocked])
        probs = g.op("Softmax", [scores], axis=-1)
        context = g.op("Transpose", [g.op("MatMul", [probs, v])], perm=[0, 2, 1, 3])
        context = g.op("Reshape", [context, merge])
        attended = g.dense(context, w, p + "attention.output.dense")
        x = g.layer_norm(g.op("Add", [x, attended]), w, p + "attention.output.LayerNorm")
        inner = g.dense(x, w, p + "intermediate.dense")
        erf = g.op("Erf", [g.op("Div", [inner, root2])])  # exact GELU: the ORT fusers know it
        inner = g.op("Mul", [g.op("Mul", [inner, g.op("Add", [erf, f_one])]), half])
        down = g.dense(inner, w, p + "output.dense")
        x = g.layer_norm(g.op("Add", [x, down]), w, p + "output.LayerNorm")

    # Mean over the real tokens, then L2 normalisation.
    weighted = g.op("Mul", [x, g.op("Unsqueeze", [mask, ax2])])
    summed = g.op("ReduceSum", [weighted, ax1], keepdims=0)
    counts = g.op("ReduceSum", [mask, ax1], keepdims=1)
    tiny = g.const("f_tiny", np.array(1e-9, np.float32))
    mean = g.op("Div", [summed, g.op("Max", [counts, tiny])])
    norm = g.op("Sqrt", [g.op("ReduceSum", [g.op("Mul", [mean, mean]), ax1], keepdims=1)])
    norm = g.op("Max", [norm, g.const("f_eps", np.array(1e-12, np.float32))])
    g.nodes.append(helper.make_node("Div", [mean, norm], ["sentence_embedding"], name="l2_norm"))

    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"])
    mask_in = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])
    out = helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", hidden])
    graph = helper.make_graph(g.nodes, "all-MiniLM-L6-v2", [ids, mask_in], [out], g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="parallax-export_onnx")  # fmt: skip
    model.ir_version = 8  # readable by every onnxruntime from 1.11 on
    onnx.checker.check_model(model)
    return model
