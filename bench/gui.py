"""Reader timings on the seeds (offscreen): window open, choosing 5 articles to a fully
highlighted view (target < 300 ms), scroll-sync latency."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

RUNS = 15


def _wait(app, flag: list) -> None:
    end = time.monotonic() + 30
    while not flag and time.monotonic() < end:
        app.processEvents()


def main() -> None:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.core.demo import DEMO_COLLECTION, ensure_demo
    from app.core.store.db import open_db
    from app.gui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="parallax-bench-gui-"))
    db = open_db(work / "seeds.db")
    ensure_demo(db)
    groups = db.execute("SELECT count(*) FROM alignments").fetchone()[0]  # the real aligner's
    db.conn.close()

    ready: list[bool] = []
    started = time.perf_counter()
    window = MainWindow(work / "seeds.db", work / "reader.json", DEMO_COLLECTION)
    window.viewReady.connect(lambda: ready.append(True))
    window.resize(1920, 1080)
    window.show()
    _wait(app, ready)
    app.processEvents()
    opened = time.perf_counter() - started
    print(f"window open to first highlighted view: {opened * 1000:.0f} ms")

    all_ids = window.library.chosen_ids()
    times = []
    for _ in range(RUNS):
        ready.clear()
        window.library.set_chosen(DEMO_COLLECTION, all_ids[:2])
        _wait(app, ready)
        ready.clear()
        t0 = time.perf_counter()
        window.library.set_chosen(DEMO_COLLECTION, all_ids)
        _wait(app, ready)
        app.processEvents()  # the paint that follows
        times.append(time.perf_counter() - t0)
    median = statistics.median(times) * 1000
    verdict = "OK" if median < 300 else "OVER TARGET"
    print(
        f"choose 5 articles → fully highlighted view: median {median:.0f} ms,"
        f" max {max(times) * 1000:.0f} ms over {RUNS} runs (target < 300 ms: {verdict})"
    )

    latencies = []
    bar = window.compare.panes[0].text.verticalScrollBar()
    for step in range(0, bar.maximum(), max(1, bar.maximum() // 60)):
        bar.setValue(step)
        latencies.append(window.compare.sync.last_latency)
        app.processEvents()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"scroll sync (5 panes, {groups} groups): median"
        f" {statistics.median(latencies) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms,"
        f" over {len(latencies)} scroll steps"
    )
    window.close()
    print(
        f"cold start (new process: imports, QApplication, window, first view): "
        f"{_cold_start(work / 'seeds.db') * 1000:.0f} ms"
    )


COLD = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.gui.window.main_window import MainWindow
w = MainWindow(Path(sys.argv[1]), Path(sys.argv[2]))
done = []
w.viewReady.connect(lambda: done.append(1))
w.show()
while not done:
    app.processEvents()
w.close()
"""


def _cold_start(db_path: Path) -> float:
    import subprocess
    import sys

    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", COLD, str(db_path), str(db_path.with_suffix(".json"))],
        check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
