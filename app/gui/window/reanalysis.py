"""Re-analysis of a collection as a task of the window's TaskRunner, with progress per stage and a
Stop button that really stops: the core checks the cancel flag between its stages (link → align
→ re-anchor), each of which writes in one transaction, so a stopped run leaves every stage whole
(done, or not begun) and the window reloads what changed.

`ReanalysisController` owns the run state (the task, its collection, its progress dialog, the
last stage begun); the window owns one, starts runs through it and listens to its signals. The
work itself (`reanalyse_task`) runs on the runner's worker thread and never touches Qt."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.core.analysis import STAGES, analyse_collection
from app.gui.runner import (
    Changes,
    Outcome,
    Status,
    TaskCancelled,
    TaskContext,
    TaskHandle,
    TaskRunner,
)

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


@dataclass(frozen=True, slots=True)
class RunEnd:
    """How a run ended, as the window needs it: the outcome, the collection and what to say."""

    collection_id: int
    outcome: Outcome
    message: str  # for the status bar ("" when it ran to its end)


class ReanalysisController(QObject):
    """One re-analysis at a time, run by the window's TaskRunner; `parent` is the widget the
    progress dialog belongs to. Its state is read through properties, never set from outside."""

    started = Signal(int)  # collection id
    stopping = Signal()  # Stop was pressed: the run ends after the current stage
    finished = Signal(object)  # RunEnd, emitted before the runner's own `outcome` signal

    def __init__(self, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._dialog_parent = parent
        self._handle: TaskHandle | None = None
        self._collection_id: int | None = None
        self._progress: QProgressDialog | None = None
        self._stage: str | None = None
        self._last: RunEnd | None = None

    # -- state -----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._handle is not None

    @property
    def collection_id(self) -> int | None:
        """The collection being re-analysed (None: no run)."""
        return self._collection_id

    @property
    def handle(self) -> TaskHandle | None:
        """The running task (None: no run)."""
        return self._handle

    @property
    def progress(self) -> QProgressDialog | None:
        """The running task's progress dialog, with its Stop button (None: no run)."""
        return self._progress

    @property
    def stage(self) -> str | None:
        """The last stage begun by the running run, or by the last one once it ended."""
        return self._stage

    @property
    def last(self) -> RunEnd | None:
        """How the last run ended (None: none has ended yet)."""
        return self._last

    # -- control ---------------------------------------------------------------------------
    def start(self, collection_id: int) -> bool:
        """Re-analyse a collection; False (nothing started) while a run is going."""
        if self.running or KIND in self._runner.pending:
            return False
        self._collection_id = collection_id
        self._stage = None
        progress = QProgressDialog("Re-analysing the collection…", "Stop", 0, len(STAGES),
                                   self._dialog_parent)  # fmt: skip
        progress.setWindowTitle("Parallax")
        progress.setMinimumDuration(400)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.canceled.connect(self.request_stop)
        self._progress = progress
        self._handle = self._runner.submit(
            KIND, lambda ctx: reanalyse_task(ctx, collection_id),
            on_progress=self._show_stage, on_done=self._ended, replace=False,
        )  # fmt: skip
        self.started.emit(collection_id)
        return True

    def request_stop(self) -> None:
        """Stop at the end of the stage that is running; the window reloads then."""
        if self._handle is None or self._handle.finished or self._handle.cancel_requested:
            return
        self._handle.cancel()
        self.stopping.emit()

    def shutdown(self) -> None:
        """The window closes: cancel the run (it ends at its next stage), report nothing more."""
        if self._handle is not None:
            self._handle.discard()
        self._clear()

    # -- from the runner (GUI thread) ------------------------------------------------------
    def _show_stage(self, stage: object) -> None:
        self._stage = str(stage)
        progress, handle = self._progress, self._handle
        if progress is not None and handle is not None and not handle.cancel_requested:
            progress.setValue(STAGES.index(self._stage))
            progress.setLabelText(STAGE_LABELS[self._stage])

    def _ended(self, outcome: Outcome) -> None:
        collection_id = self._collection_id
        self._clear()
        assert collection_id is not None
        self._last = RunEnd(collection_id, outcome, finished_message(self._stage, outcome))
        self.finished.emit(self._last)

    def _clear(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect(self.request_stop)
            self._progress.reset()
            self._progress.deleteLater()
        self._progress = None
        self._handle = None
        self._collection_id = None


def finished_message(stage: str | None, outcome: Outcome) -> str:
    """What to tell the user (empty when it ran to its end); `stage`: the last one begun."""
    if outcome.status is Status.DONE:
        return "Re-analysis finished after you pressed Stop." if outcome.cancel_too_late else ""
    if outcome.status is Status.FAILED:
        return "Re-analysis failed; what was done is kept."
    where = f"after {STAGE_DONE[stage]}" if stage else "before it began"
    return f"Re-analysis stopped {where}; what was done is kept. Run it again to finish."
