"""Re-analysis of a collection as a task of the window's TaskRunner, with progress per stage and a
Stop button that really stops: the core checks the cancel flag between its stages (link → align
→ re-anchor), each of which writes in one transaction, so a stopped run leaves every stage whole
(done, or not begun) and the window reloads what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from app.core.analysis import STAGES, analyse_collection
from app.gui.runner import Changes, Outcome, Status, TaskCancelled, TaskContext, TaskHandle

if TYPE_CHECKING:
    from app.gui.window.main_window import MainWindow

KIND = "reanalyse"

STAGE_LABELS = {
    "link": "Linking names across the collection…",
    "align": "Aligning statements and finding differences…",
    "reanchor": "Re-anchoring notes…",
}

STAGE_DONE = {"link": "linking names", "align": "aligning statements", "reanchor": "re-anchoring"}


def reanalyse_task(ctx: TaskContext, collection_id: int) -> bool:
    """On the worker thread: the stages in order; a stage begun is a change (it commits whole)."""

    def started(stage: str) -> None:
        ctx.changed(Changes(analysis=frozenset({collection_id})))
        ctx.report(stage)

    report = analyse_collection(ctx.db, collection_id, should_stop=ctx.cancelled, on_stage=started)
    if not report.completed:
        raise TaskCancelled
    return True


class Reanalysis:
    """One run as the GUI sees it: its task, its progress dialog, the last stage begun."""

    def __init__(self, window: MainWindow, collection_id: int) -> None:
        self.window = window
        self.collection_id = collection_id
        self.stage: str | None = None
        self.message = ""  # for the status bar once it ended
        self.progress = QProgressDialog("Re-analysing the collection…", "Stop", 0, len(STAGES),
                                        window)  # fmt: skip
        self.progress.setWindowTitle("Parallax")
        self.progress.setMinimumDuration(400)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.canceled.connect(self.request_stop)
        self.handle: TaskHandle = window.runner.submit(
            KIND, lambda ctx: reanalyse_task(ctx, collection_id),
            on_progress=self._show_stage, on_done=self._ended, replace=False,
        )  # fmt: skip

    def _show_stage(self, stage: object) -> None:
        self.stage = str(stage)
        if not self.handle.cancel_requested:
            self.progress.setValue(STAGES.index(self.stage))
            self.progress.setLabelText(STAGE_LABELS[self.stage])

    def request_stop(self) -> None:
        """Stop at the end of the stage that is running; the window reloads then."""
        if self.handle.finished:
            return
        self.handle.cancel()
        self.window.statusBar().showMessage("Stopping the re-analysis after the current stage…")

    def _ended(self, outcome: Outcome) -> None:
        self.close()
        if getattr(self.window, "_reanalysis", None) is self:
            self.window._reanalysis = None
        self.message = finished_message(self, outcome)
        if outcome.status is Status.FAILED:
            QMessageBox.warning(self.window, "Parallax", f"Re-analysis failed:\n{outcome.error}")
        # The reload that follows (the window applies the outcome's changes) shows the message;
        # with nothing changed there is no reload, so it is shown here.
        self.window.notice = self.message
        if not outcome.changes.analysis and self.message:
            self.window.statusBar().showMessage(self.message, 8000)
            self.window.notice = ""

    def close(self) -> None:
        self.progress.canceled.disconnect(self.request_stop)
        self.progress.reset()
        self.progress.deleteLater()


def start(window: MainWindow, collection_id: int | None = None) -> Reanalysis | None:
    """Re-analyse `collection_id` (default: the collection shown); None when one is running."""
    if collection_id is None:
        if window.comparison is None:
            return None
        collection_id = window.comparison.collection_id
    if KIND in window.runner.pending:
        return None
    return Reanalysis(window, collection_id)


def finished_message(run: Reanalysis, outcome: Outcome) -> str:
    """What to tell the user (empty when it ran to its end)."""
    if outcome.status is Status.DONE:
        return "Re-analysis finished after you pressed Stop." if outcome.cancel_too_late else ""
    if outcome.status is Status.FAILED:
        return "Re-analysis failed; what was done is kept."
    where = f"after {STAGE_DONE[run.stage]}" if run.stage else "before it began"
    return f"Re-analysis stopped {where}; what was done is kept. Run it again to finish."
