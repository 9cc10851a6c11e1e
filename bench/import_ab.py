"""Interleaved A/B of import throughput: this tree against git revisions, round after round.

Each run is `bench.imports import` in a fresh process on the same 1,000 articles, with the
revision's `app` on its path (the phase itself is this tree's, so every variant is timed the
same way). A round runs every variant once, in an order that rotates from round to round;
a variant's figure is its throughput divided by the first variant's in the same round, so a
slow minute of the machine slows both sides of a ratio. Printed: median and min–max of those
ratios, and each variant's median words/s and database size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHASE = ROOT / "bench" / "imports.py"
CURRENT = "current"


def _checkout(ref: str, into: Path) -> Path:
    """The tree of `ref` (git archive: no worktree, nothing in the repository changes)."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True,
                          capture_output=True).stdout  # fmt: skip
    tree = into / ref.replace("/", "_")
    with tarfile.open(fileobj=BytesIO(data)) as archive:
        archive.extractall(tree, filter="data")
    return tree


def _import_run(tree: Path, folder: Path) -> dict[str, float]:
    """One import of `folder` with `tree`'s app, timed by this tree's phase code."""
    script = (
        "import runpy, sys; sys.argv = ['imports', 'import', sys.argv[1]];"
        f" runpy.run_path({str(PHASE)!r}, run_name='__main__')"
    )
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", script, str(folder)], check=True, env=env,
                         capture_output=True, text=True, cwd=tree)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} (min {min(values):.3f}, max {max(values):.3f})"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.imports ab")
    parser.add_argument("refs", nargs="+", help="git revisions to compare with this tree")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args(argv)

    from bench.corpus import varied_seed_articles

    with tempfile.TemporaryDirectory(prefix="parallax-ab-") as tmp:
        root = Path(tmp)
        folder = root / "articles"
        varied_seed_articles(folder, args.articles)
        trees = {ref: _checkout(ref, root) for ref in args.refs}
        trees[CURRENT] = ROOT
        names = list(trees)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
        for round_ in range(args.rounds):
            order = names[round_ % len(names) :] + names[: round_ % len(names)]
            for name in order:
                result = _import_run(trees[name], folder)
                runs[name].append(result)
                rate = result["words"] / result["seconds"]
                per_cpu = result["words"] / result["cpu_s"] if "cpu_s" in result else 0.0
                print(f"round {round_ + 1}: {name:12} {rate:7.0f} words/s"
                      f"  {per_cpu:7.0f} words/CPU-s", flush=True)  # fmt: skip

    first = names[0]
    print(f"\n{args.articles} articles, {args.rounds} interleaved rounds; ratios to {first}:")
    for name in names:
        wall = _ratios(runs[name], runs[first], "seconds")
        cpu = _ratios(runs[name], runs[first], "cpu_s")
        rate = statistics.median(r["words"] / r["seconds"] for r in runs[name])
        db = statistics.median(r.get("db_mb", float("nan")) for r in runs[name])
        print(f"{name:12} {rate:7.0f} words/s  wall ratio {wall}  CPU ratio {cpu}"
              f"  database {db:.1f} MB")  # fmt: skip


def _ratios(runs: list[dict[str, float]], base: list[dict[str, float]], cost: str) -> str:
    """Throughput relative to `base`, round by round (words per `cost`)."""
    if any(cost not in r for r in runs + base):
        return "n/a"
    ratios = [
        (r["words"] / r[cost]) / (b["words"] / b[cost]) for r, b in zip(runs, base, strict=True)
    ]
    return _spread(ratios)
