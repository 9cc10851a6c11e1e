"""Import wizard: time to preview and import the seeds through the wizard (as a user would), and
how long the GUI thread was ever kept from its event loop meanwhile (responsiveness).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -c "import bench.wizard as b; b.main()"
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.core.resources import seeds_dir
from app.core.store.db import open_db

TICK_MS = 10


class Stalls:
    """The longest gap between ticks of a 10 ms timer: how long the GUI would freeze."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = 0
        self.worst = 0
        self.timer = QTimer(interval=TICK_MS)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.worst, self.last = 0, self.clock.elapsed()
        self.timer.start()


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 300) -> float:
    """Run the real event loop (idle waits release the GIL, as in the app) until `done`."""
    start = time.perf_counter()
    loop = QEventLoop()
    check = QTimer(interval=20)
    check.timeout.connect(lambda: loop.quit() if done() else None)
    check.start()
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    if not done():
        loop.exec()
    check.stop()
    if not done():
        raise TimeoutError
    return time.perf_counter() - start


def run(copies: int) -> None:
    from app.gui.import_wizard import ImportWizard
    from app.gui.import_wizard.wizard import REPORT

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for n in range(copies):  # distinct texts, so none is a duplicate
            for seed in sorted(seeds_dir().glob("*.txt")):
                text = seed.read_text(encoding="utf-8") + f"\n\nCopy {n}.\n"
                (folder / f"{n}_{seed.name}").write_text(text, encoding="utf-8")
        db_path = Path(tmp) / "bench.db"
        open_db(db_path).conn.close()
        wizard = ImportWizard(db_path, [folder])
        wizard.show()
        stalls = Stalls()
        _wait(app, wizard.choose_page.isComplete)
        wizard.next()
        stalls.start()
        preview = _wait(app, wizard.preview_page.isComplete)
        preview_stall = stalls.worst
        wizard.next()
        wizard.next()
        stalls.start()
        total = _wait(app, lambda: wizard.currentId() == REPORT)
        import_stall = stalls.worst
        report = wizard.session.report
        assert report is not None
        words = report.words
        print(
            f"{copies * 5:3} articles, {words:6,} words: preview {preview:5.2f} s "
            f"(worst GUI stall {preview_stall} ms); import+analysis {total:5.2f} s "
            f"({words / total:,.0f} words/s; worst GUI stall {import_stall} ms)"
        )
        wizard.close()
        app.processEvents()


def main() -> None:
    from app.core.nlp.model import shared_model

    shared_model()  # loaded once, as in the running app; its load time is not the wizard's
    for copies in (1, 10):
        run(copies)


if __name__ == "__main__":
    main()
