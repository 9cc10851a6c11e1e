"""Import throughput (words/second) next to raw spaCy `nlp.pipe` on the same texts.

Each phase runs in a fresh process so that peak memory is its own. Both phases use the same
model, the same components and the same number of processes.

`python -m bench.imports ab REF [REF…] [--rounds N]` compares the import of this tree with
the same import at git revisions (e.g. before the issue-17 budgets): one single run is too
noisy on a shared 2-core machine (import/raw between 0.62 and 0.80 from run to run), so the
variants run interleaved, round after round, and each is judged by its ratio to the first
variant *within* a round (median and spread over rounds); see bench/import_ab.py.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLES = int(os.environ.get("PARALLAX_BENCH_ARTICLES", "1000"))
PROCESSES = 2


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def _cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the NLP workers): unlike the wall
    clock, hardly changed by other jobs sharing the machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def phase_raw(folder: Path) -> dict[str, float]:
    from app.core.nlp.model import load_model

    nlp = load_model()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=PROCESSES, batch_size=16):
        pass
    seconds = time.perf_counter() - start
    return {"words": words, "seconds": seconds, "peak_mb": _peak_mb()}


def phase_import(folder: Path) -> dict[str, float]:
    from app.core.ingest.importer import Outcome, import_paths
    from app.core.nlp.model import load_model
    from app.core.store.db import open_db

    nlp = load_model()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        start, cpu = time.perf_counter(), _cpu_seconds()
        report = import_paths(db, [folder], "Bench", nlp=nlp, n_process=PROCESSES)
        seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
        assert report.count(Outcome.IMPORTED) == len(list(folder.glob("*.txt")))
        raw_words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db_mb = (Path(tmp) / "bench.db").stat().st_size / 2**20
    return {
        "words": raw_words,
        "seconds": seconds,
        "cpu_s": cpu,
        "peak_mb": _peak_mb(),
        "db_mb": db_mb,
    }


def _run_phase(name: str, folder: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.imports", name, str(folder)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    from bench.corpus import varied_seed_articles

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        varied_seed_articles(folder, ARTICLES)
        raw = _run_phase("raw", folder)
        imp = _run_phase("import", folder)
    raw_rate = raw["words"] / raw["seconds"]
    imp_rate = imp["words"] / imp["seconds"]
    print(f"articles: {ARTICLES} (seeds varied), words: {int(raw['words'])}, "
          f"processes: {PROCESSES}, cores: {os.cpu_count()}")  # fmt: skip
    print(f"raw nlp.pipe:  {raw_rate:8.0f} words/s  {raw['seconds']:6.1f} s  "
          f"peak {raw['peak_mb']:.0f} MB")  # fmt: skip
    print(f"parallax import: {imp_rate:6.0f} words/s  {imp['seconds']:6.1f} s  "
          f"peak {imp['peak_mb']:.0f} MB (read, clean, NLP, store)")  # fmt: skip
    print(f"import / raw throughput: {imp_rate / raw_rate:.2f} (target >= 0.80)")
    print(f"database: {imp['db_mb']:.1f} MB")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "ab":
        from bench.import_ab import main as ab

        ab(sys.argv[2:])
    elif len(sys.argv) == 3:
        phase = {"raw": phase_raw, "import": phase_import}[sys.argv[1]]
        print(json.dumps(phase(Path(sys.argv[2]))))
    else:
        main()
