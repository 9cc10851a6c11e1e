"""PDF export speed: the five seeds (target < 3 s) and a 20-article collection (target < 15 s).

The 20 articles are the seeds four times over, each copy with a line of its own so the importer
does not take it for a duplicate: the size of a real 20-article story, not its variety.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import sqlite_utils

from app.core.analysis import analyse_collection
from app.core.demo import DEMO_COLLECTION, ensure_demo
from app.core.export.document import DEFAULT_SECTIONS, ExportOptions, Section
from app.core.ingest.importer import import_paths
from app.core.resources import seeds_dir
from app.core.store import collections
from app.core.store.db import open_db
from app.gui.shots.demo_notes import sample_annotations
from app.pdf import ensure_gui_application, export_pdf

BIG = "Twenty articles"
TARGETS = {DEMO_COLLECTION: 3.0, BIG: 15.0}


def _twenty(directory: Path) -> list[Path]:
    paths = []
    for copy in range(4):
        for seed in sorted(seeds_dir().glob("*.txt")):
            path = directory / f"{copy}_{seed.name}"
            text = seed.read_text(encoding="utf-8")
            path.write_text(f"{text}\n\nCopy {copy + 1} of this report.\n", encoding="utf-8")
            paths.append(path)
    return paths


def _time(
    db: sqlite_utils.Database,
    collection: str,
    options: ExportOptions,
    out: Path,
    notes: list[dict[str, Any]],
) -> tuple[float, int]:
    started = time.perf_counter()
    pages = export_pdf(db, collection, None, options, out, extra_annotations=notes)
    return time.perf_counter() - started, pages


def main() -> None:
    ensure_gui_application()
    with tempfile.TemporaryDirectory(prefix="parallax-bench-export-") as tmp:
        root = Path(tmp)
        db = open_db(root / "bench.db")
        ensure_demo(db)
        notes = sample_annotations(db, DEMO_COLLECTION)
        articles = root / "twenty"
        articles.mkdir()
        import_paths(db, _twenty(articles), BIG)
        analyse_collection(db, collections.find(db, BIG).id)

        variants = {
            "default sections": ExportOptions(sections=DEFAULT_SECTIONS),
            "all sections incl. full texts": ExportOptions(sections=tuple(Section)),
        }
        for collection in (DEMO_COLLECTION, BIG):
            for label, options in variants.items():
                extra = notes if collection == DEMO_COLLECTION else []
                cold, _ = _time(db, collection, options, root / "cold.pdf", extra)
                seconds, pages = _time(db, collection, options, root / "out.pdf", extra)
                size = (root / "out.pdf").stat().st_size / 1024
                target = TARGETS[collection]
                verdict = "ok" if max(seconds, cold) < target else "SLOW"
                print(
                    f"{collection:18} {label:30} {seconds:6.2f} s (first run {cold:4.2f} s)  "
                    f"{pages:3} pages  {size:6.0f} KiB  (target < {target:.0f} s: {verdict})"
                )


if __name__ == "__main__":
    main()
