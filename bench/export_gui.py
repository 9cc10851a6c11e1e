"""PDF export from the dialog: how long the GUI thread stalls while an export runs (issue 13:
the window must stay responsive; a frame is 16 ms, 50 ms is the budget for one stall).

A 2 ms timer on the GUI thread records when it fires; the longest gap between two firings,
less the interval, is the longest time the event loop could not run. Measured over whole
exports of the seeds with every section (the longest document), then the same export
cancelled after 0.5 s. Only the dialog's public widgets are used, so the same script measures
an older dialog for comparison (PYTHONPATH=<other checkout> python -m bench.export_gui)."""

from __future__ import annotations

import itertools
import os
import statistics
import tempfile
import time
from pathlib import Path

RUNS = 5
TICK_MS = 2


def main() -> None:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.demo import DEMO_COLLECTION, ensure_demo
    from app.core.export.document import Section
    from app.core.store.db import open_db
    from app.gui.pdf_export import ExportPdfDialog

    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="parallax-bench-export-gui-"))
    db = open_db(work / "seeds.db")
    ensure_demo(db)
    db.conn.close()

    def export(cancel_after: float | None) -> tuple[float, float, str]:
        dialog = ExportPdfDialog(work / "seeds.db", DEMO_COLLECTION, [])
        dialog.show()
        for section, box in dialog.section_boxes.items():
            box.setChecked(section is not Section.NOTES or box.isChecked())
        out = work / "out.pdf"
        out.unlink(missing_ok=True)
        dialog.out_path.setText(str(out))
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        app.processEvents()
        timer.start()
        started = time.perf_counter()
        dialog.export_button.click()
        cancelled = False
        while not dialog.export_button.isEnabled() and time.perf_counter() - started < 120:
            app.processEvents()
            time.sleep(0.0005)  # an idle event loop, as in the app: let the worker run
            elapsed = time.perf_counter() - started
            if cancel_after is not None and not cancelled and elapsed > cancel_after:
                dialog.cancel_button.click()
                cancelled = True
        seconds = time.perf_counter() - started
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks)] or [0.0]
        status = dialog.status.text()
        dialog.close()
        leftovers = [p.name for p in work.iterdir() if "out.pdf" in p.name and p != out]
        if leftovers:
            status += f" (LEFT BEHIND: {leftovers})"
        return max(gaps) * 1000 - TICK_MS, seconds, status

    def idle(seconds: float) -> float:
        """The same measure with nothing running: what the machine itself costs (a loaded
        machine deschedules the GUI thread now and then, export or not)."""
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            app.processEvents()
            time.sleep(0.0005)
        timer.stop()
        return max(b - a for a, b in itertools.pairwise(ticks)) * 1000 - TICK_MS

    export(None)  # warm: fonts, imports
    stalls, durations = [], []
    for _ in range(RUNS):
        stall, seconds, status = export(None)
        stalls.append(stall)
        durations.append(seconds)
    verdict = "ok" if max(stalls) < 50 else "OVER"
    print(
        f"GUI-thread stall during a PDF export (seeds, all sections): longest {max(stalls):.0f}"
        f" ms, median of runs {statistics.median(stalls):.0f} ms; export"
        f" {statistics.median(durations):.2f} s median over {RUNS} runs (budget 50 ms: {verdict})"
    )
    print(
        f"the same measure with no export running, {3 * RUNS} s: longest {idle(3.0 * RUNS):.0f} ms"
    )
    units = _longest_unit(work / "seeds.db", DEMO_COLLECTION)
    print(
        f"the other design, rendering on the GUI thread in slices: the longest unit of work"
        f" between two progress ticks is {max(units):.0f} ms (median of runs"
        f" {statistics.median(units):.0f} ms), so a slice could not stay under 50 ms"
    )
    stall, seconds, status = export(0.5)
    print(f"cancelled after 0.5 s: longest stall {stall:.0f} ms, ended after {seconds:.2f} s:")
    print(f"  {status}")


def _longest_unit(db_path: Path, collection: str) -> list[float]:
    """Render in this process (the GUI thread) and time the gaps between progress ticks: the
    finest slicing the renderer allows without being rewritten."""
    from app.core.export.document import ExportOptions, Section
    from app.core.store.db import open_db
    from app.gui.pdf_export import export_pdf

    db = open_db(db_path)
    longest = []
    for _ in range(RUNS):
        ticks = [time.perf_counter()]

        def tick(_fraction: float, _message: str, ticks: list[float] = ticks) -> None:
            ticks.append(time.perf_counter())

        options = ExportOptions(sections=tuple(Section))
        export_pdf(db, collection, None, options, db_path.with_name("unit.pdf"), progress=tick)
        ticks.append(time.perf_counter())
        longest.append(max(b - a for a, b in itertools.pairwise(ticks)) * 1000)
    db.conn.close()
    return longest


if __name__ == "__main__":
    main()
