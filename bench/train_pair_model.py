"""Fit the pair model (app/core/compare/pair_model.py) on the TUNING stories of tests/corpus.

    python -m bench.train_pair_model            # leave-one-story-out figures, then fit and write
    python -m bench.train_pair_model --check    # the figures only
    python -m bench.train_pair_model --check --app   # … and the app's, held out through grouping

Each TUNING story is imported as the app imports it; every candidate pair of its statements
(the pairs the aligner would consider) becomes one row of pair_model.FEATURES, labelled by the
gold: 1 when the two statements tell a fact in common, 0 when both are known to the gold and
tell none (or the gold lists the pair as `not_aligned`); pairs the gold does not judge are
left out. The model is an L2-regularised logistic regression on standardised features (Newton
steps). REPORT stories are never read here.

The pairwise figures judge candidate pairs one by one; the app groups them, and a group joins
two statements that each link to a third. A change that gets such pairs right one by one
shows in the pairwise figures and not in the app's (stop 23: a second stage that read a third
outlet tied to both statements raised leave-one-story-out pairwise recall 0.809 -> 0.824, and
the app's pairs aligned by 0.005 at most). `--app` therefore also aligns each story as the app
does, with a model fitted without that story, and scores the groups.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the gold readers live beside the gold tests

from alignment_scoring import find_statement, gold_facts  # noqa: E402
from corpus_scoring import (  # noqa: E402
    CORPUS,
    build_db,
    expand,
    figures,
    load_gold,
    score_story,
    stories,
    total,
)

from app.core.compare import aligner  # noqa: E402
from app.core.compare.aligner import DEFAULT_PARAMS  # noqa: E402
from app.core.compare.pair_model import (  # noqa: E402
    FEATURES,
    MODEL_FILE,
    PairModel,
    pair_features,
)
from app.core.compare.pipeline import align_collection, collection_space  # noqa: E402
from app.core.resources import resources_dir  # noqa: E402
from app.core.store import collections  # noqa: E402
from app.core.store.db import open_db  # noqa: E402

L2 = 1.0  # on standardised features: a little shrinkage, the rows are many
THRESHOLD = 0.4
NEAR_TIE = 0.8
SURE = 0.8


def story_rows(story: Path, folder: Path) -> tuple[np.ndarray, np.ndarray]:
    """The labelled candidate pairs of one story: (features, labels); its database is left
    in `folder`."""
    db = build_db(story, folder)
    space, article_of, seq_of = collection_space(db, collections.find(db, story.name).id)
    gold = expand(load_gold(story))
    facts = gold_facts(db, gold)
    wrong = {
        frozenset((find_statement(db, n["a"]), find_statement(db, n["b"])))
        for n in gold["not_aligned"]
    }
    db.conn.close()
    candidates = space.candidate_pairs(article_of, 0.0)
    pairs, rows = pair_features(space, article_of, seq_of, candidates)
    keep, labels = [], []
    for i, (a, b) in enumerate(pairs):
        if frozenset((a, b)) in wrong:
            label = 0
        elif f"s{a}" in facts and f"s{b}" in facts:
            label = int(bool(facts[f"s{a}"] & facts[f"s{b}"]))
        else:
            continue
        keep.append(i)
        labels.append(label)
    return rows[keep], np.array(labels, float)


def fit(rows: np.ndarray, labels: np.ndarray) -> PairModel:
    """The logistic regression of the labels on the rows, as the app's model."""
    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 1e-9
    z = np.hstack([(rows - mean) / scale, np.ones((len(rows), 1))])
    w = np.zeros(z.shape[1])
    shrink = L2 * np.eye(len(w))
    shrink[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        gradient = z.T @ (p - labels) + shrink @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + shrink
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return PairModel(mean, scale, w[:-1], float(w[-1]), THRESHOLD, NEAR_TIE, SURE)


def held_out_models(data: Sequence[tuple[np.ndarray, np.ndarray]]) -> list[PairModel]:
    """For each story, the model fitted on the other stories' rows."""
    return [fit(np.vstack([r for j, (r, _) in enumerate(data) if j != i]),
                np.concatenate([y for j, (_, y) in enumerate(data) if j != i]))
            for i in range(len(data))]  # fmt: skip


def app_figures(
    names: Sequence[str], models: Sequence[PairModel], folder: Path
) -> dict[str, float]:
    """The app's figures over the stories, each aligned (in its database in `folder`) by its
    held-out model (`held_out_models`)."""
    shipped = aligner.pair_model
    results = []
    try:
        for name, held_out in zip(names, models, strict=True):
            # the aligner asks this module-level function for its model
            setattr(aligner, "pair_model", lambda model=held_out: model)  # noqa: B010
            db = open_db(folder / f"{name}.db")
            align_collection(db, collections.find(db, name).id, full=True)
            results.append(score_story(db, load_gold(CORPUS / name), story=name))
            db.conn.close()
    finally:
        setattr(aligner, "pair_model", shipped)  # noqa: B010
    return figures(total(results))


def main(argv: Sequence[str] = ()) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.train_pair_model")
    parser.add_argument("--check", action="store_true", help="print the figures, write nothing")
    parser.add_argument("--app", action="store_true",
                        help="also the app's figures, each story aligned by a model fitted "
                             "without it")  # fmt: skip
    args = parser.parse_args(list(argv))
    if not DEFAULT_PARAMS.pair_model:
        print("note: the aligner does not use the pair model (AlignParams.pair_model)")
    names, data = [], []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for story in stories("tuning"):
            rows, labels = story_rows(story, folder)
            names.append(story.name)
            data.append((rows, labels))
            print(
                f"  {story.name:24} {len(labels):5} judged pairs, {int(labels.sum()):4} same fact"
            )
        models = held_out_models(data)  # fitted once, for both figures
        if args.app:
            print("\napp figures, each story aligned by a model fitted without it:")
            for figure, value in app_figures(names, models, folder).items():
                if not figure.startswith("entity"):
                    print(f"  {figure:34} {value:.3f}")
    print(f"\nleave-one-story-out over {len(names)} TUNING stories (pairwise, candidates only):")
    held = [model.probabilities(rows) for model, (rows, _) in zip(models, data, strict=True)]
    p, y = np.concatenate(held), np.concatenate([labels for _, labels in data])
    for threshold in (0.3, 0.4, 0.5):
        chosen = p >= threshold
        right = float((chosen * y).sum())
        print(f"  p >= {threshold:.1f}: precision {right / max(1, chosen.sum()):.3f}, "
              f"recall {right / max(1, y.sum()):.3f}")  # fmt: skip
    everything = np.vstack([rows for rows, _ in data])
    model = fit(everything, np.concatenate([y for _, y in data]))
    print("\nweights (on standardised features):")
    for name, weight in zip(FEATURES, model.weights, strict=True):
        print(f"  {name:26} {weight:+.3f}")
    if args.check:
        return
    out = resources_dir() / MODEL_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "_comment": "Written by python -m bench.train_pair_model from the TUNING stories of "
                    "tests/corpus; do not edit by hand.",
        "trained_on": names,
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in model.mean],
        "scale": [round(float(v), 6) for v in model.scale],
        "weights": [round(float(v), 6) for v in model.weights],
        "bias": round(model.bias, 6),
        "threshold": model.threshold,
        "near_tie": model.near_tie,
        "sure": model.sure,
    }, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
