"""Re-analysis of the shown collection on the worker thread, with progress per stage and a
Stop button that really stops: the core checks `should_stop` between its stages (link →
align → re-anchor), each of which writes in one transaction, so a stopped run leaves every
stage whole (done, or not begun) and the window reloads what is there."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import sqlite_utils
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from app.core.analysis import STAGES, analyse_collection

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow

STAGE_LABELS = {
    "link": "Linking names across the collection…",
    "align": "Aligning statements and finding differences…",
    "reanchor": "Re-anchoring notes…",
}

STAGE_DONE = {"link": "linking names", "align": "aligning statements", "reanchor": "re-anchoring"}


class Reanalysis(QObject):
    """One run: its stop flag, its progress dialog, what it reached."""

    stageStarted = Signal(int, str)  # emitted on the worker thread, shown on the GUI thread

    def __init__(self, window: MainWindow, collection_id: int) -> None:
        super().__init__(window)
        self.collection_id = collection_id
        self.stop = threading.Event()
        self.stage: str | None = None  # the last stage begun
        self.progress = QProgressDialog("Re-analysing the collection…", "Stop", 0, len(STAGES),
                                        window)  # fmt: skip
        self.progress.setWindowTitle("Parallax")
        self.progress.setMinimumDuration(400)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.canceled.connect(self.request_stop)
        self.stageStarted.connect(self._show_stage)  # queued: this object lives on the GUI

    def job(self, db: sqlite_utils.Database) -> bool:
        """Runs on the worker thread, with the worker's connection."""
        return analyse_collection(
            db, self.collection_id, should_stop=self.stop.is_set, on_stage=self._started
        ).completed

    def _started(self, stage: str) -> None:
        self.stageStarted.emit(STAGES.index(stage), stage)

    @Slot(int, str)
    def _show_stage(self, index: int, stage: str) -> None:
        self.stage = stage
        if not self.stop.is_set():
            self.progress.setValue(index)
            self.progress.setLabelText(STAGE_LABELS[stage])

    @Slot()
    def request_stop(self) -> None:
        """Stop at the end of the stage that is running; the window reloads then."""
        self.stop.set()
        window = self.parent()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage("Stopping the re-analysis after the current stage…")

    def close(self) -> None:
        self.progress.reset()
        self.progress.deleteLater()


def start(window: MainWindow) -> Reanalysis | None:
    if window.comparison is None or "reanalyse" in window.runner.pending:
        return None
    run = Reanalysis(window, window.comparison.collection_id)
    window.runner.submit("reanalyse", run.job)
    return run


def finished(run: Reanalysis | None, completed: object) -> str:
    """Close the run's dialog; what to tell the user (empty when it ran to its end)."""
    if run is not None:
        run.close()
    if completed is not False:
        return ""
    stage = run.stage if run is not None else None
    where = f"after {STAGE_DONE[stage]}" if stage else "before it began"
    return f"Re-analysis stopped {where}; what was done is kept. Run it again to finish."
