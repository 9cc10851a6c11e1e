"""Page 4: the import itself, off the GUI thread, with progress (files and words) and a stop
button that ends after the article being stored: whole articles only."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.core.ingest.importer import ImportReport, Outcome
from app.gui.import_wizard.session import ImportSession, result_label
from app.gui.import_wizard.tasks import FileDone, Stage, import_task
from app.gui.runner import Outcome as TaskOutcome
from app.gui.runner import Status, TaskHandle, TaskRunner

OUTCOME_MARK = {Outcome.IMPORTED: "✓", Outcome.UPDATED: "↻", Outcome.DUPLICATE: "=",
                Outcome.SKIPPED: "✗"}  # fmt: skip


class ImportPage(QWizardPage):
    def __init__(self, session: ImportSession, runner: TaskRunner) -> None:
        super().__init__()
        self.session = session
        self.runner = runner
        self.setTitle("Importing")
        self.setSubTitle("Reading, analysing and storing each article. You can stop at any time.")
        self.files_bar = QProgressBar()
        self.words_bar = QProgressBar()
        self.current = QLabel()
        self.stage = QLabel()
        # A long file name in "Analysing …" must not widen the wizard: the text is cut instead.
        self.stage.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.log_list = QListWidget()
        self.stop_button = QPushButton("Stop import")
        form = QFormLayout()
        form.addRow("Files:", self.files_bar)
        form.addRow("Words:", self.words_bar)
        form.addRow("Now:", self.current)
        bottom = QHBoxLayout()
        bottom.addWidget(self.stage, 1)
        bottom.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.log_list, 1)
        layout.addLayout(bottom)
        self.stop_button.clicked.connect(self.stop)
        self._job: TaskHandle | None = None
        self._finished = False
        self._words_of: dict[str, int] = {}
        self._words_done = 0
        self.started_at = 0.0
        self.seconds = 0.0  # how long the last import took (shown, and read by the bench)

    def initializePage(self) -> None:
        session = self.session
        files = session.chosen_files()
        pages = session.chosen_pages()
        self._words_of = {r.key: r.item.prepared.words for r in session.chosen()}
        names = [str(f) for f in files] + [p.url for p in pages]
        self._words_done = 0
        self._finished = False
        session.report = None
        self.log_list.clear()
        self.files_bar.setRange(0, max(len(names), 1))
        self.files_bar.setValue(0)
        self.files_bar.setFormat(f"%v of {len(names)}")
        self.words_bar.setRange(0, max(session.chosen_words(), 1))
        self._set_words(0)
        self.current.setText(html.escape(result_label(names[0])) if names else "")
        self.stop_button.setEnabled(True)
        self._set_cancel_enabled(False)
        collection, edits = session.collection, session.chosen_edits()
        self._names = names
        self.started_at = time.perf_counter()
        self._job = self.runner.submit(
            "import", lambda ctx: import_task(files, collection, edits, ctx, pages),
            on_progress=self._progressed, on_done=self._done,
        )  # fmt: skip

    def _set_words(self, done: int) -> None:
        total = self.session.chosen_words()
        self.words_bar.setValue(min(done, self.words_bar.maximum()))
        self.words_bar.setFormat(f"{min(done, total):,} of {total:,}")

    def _set_cancel_enabled(self, on: bool) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(on)

    @property
    def running(self) -> bool:
        return self._job is not None and not self._finished

    @Slot()
    def stop(self) -> None:
        if self.running and self._job is not None:
            self._job.cancel()
            self.stop_button.setEnabled(False)
            self.stage.setText("Stopping after the article being stored…")

    def stop_jobs(self) -> TaskHandle | None:
        """Cancel the import (it ends after the article being stored) and drop its answers;
        returns the task so the wizard can wait for it."""
        job, self._job = self._job, None
        if job is not None:
            job.discard()
        return job

    def _progressed(self, value: object) -> None:
        if isinstance(value, Stage):
            if self.stop_button.isEnabled():
                self.stage.setText(value.text)
        elif isinstance(value, FileDone):
            result = value.result
            self.files_bar.setValue(value.done)
            self._words_done += self._words_of.get(result.path, result.words)
            self._set_words(self._words_done)
            reason = f" — {result.reason}" if result.reason else ""
            self.log_list.addItem(
                f"{OUTCOME_MARK[result.outcome]} {result.outcome.value}: "
                f"{result_label(result.path)}{reason}"
            )
            self.log_list.scrollToBottom()
            following = self._names[value.done] if value.done < len(self._names) else None
            self.current.setText(html.escape(result_label(following)) if following else "")

    def _done(self, outcome: TaskOutcome) -> None:
        if outcome.status is Status.FAILED:
            self._end(f"<font color='#a00000'>Import failed: {html.escape(outcome.error)}</font>")
            return
        report = outcome.value  # a cancelled import reports the articles already stored
        if report is None:  # cancelled before it began
            self._end("Import stopped before the first article.")
            return
        assert isinstance(report, ImportReport)
        self.seconds = time.perf_counter() - self.started_at
        self.session.report = self.session.full_report(report)
        self._end(f"Done in {self.seconds:.1f} s: {report.summary()}")
        # On to the report: nothing more to do here.
        QTimer.singleShot(0, self._advance)

    def _end(self, text: str) -> None:
        self._finished = True
        self.stage.setText(text)
        self.current.setText("")
        self.stop_button.setEnabled(False)
        self._set_cancel_enabled(True)
        self.completeChanged.emit()

    @Slot()
    def _advance(self) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self and self.session.report:
            wizard.next()

    def isComplete(self) -> bool:
        return self._finished and self.session.report is not None
