"""The import wizard: choose → (links) → preview → collection → import → report.

It imports through the same core function as `parallax import` (app.core.ingest.importer);
everything slow runs as tasks of the reader's TaskRunner (app/gui/runner.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from app.gui.import_wizard.page_choose import ChoosePage
from app.gui.import_wizard.page_collection import CollectionPage
from app.gui.import_wizard.page_ids import CHOOSE, COLLECTION, IMPORT, LINKS, PREVIEW, REPORT
from app.gui.import_wizard.page_import import ImportPage
from app.gui.import_wizard.page_links import LinksPage
from app.gui.import_wizard.page_preview import PreviewPage
from app.gui.import_wizard.page_report import ReportPage
from app.gui.import_wizard.session import ImportSession
from app.gui.runner import TaskRunner

__all__ = ["CHOOSE", "COLLECTION", "IMPORT", "LINKS", "PREVIEW", "REPORT", "ImportWizard"]


class ImportWizard(QWizard):
    """Emits `imported(collection name)` when the user asks to open the comparison."""

    imported = Signal(str)

    def __init__(
        self,
        db_path: Path,
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
        urls: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        # The window's runner when opened from it; alone (tests, bench), a runner of its own.
        self._own_runner = runner is None
        self.runner = runner or TaskRunner(Path(db_path), self)
        self.setWindowTitle("Import articles")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.session = ImportSession(Path(db_path))
        self.choose_page = ChoosePage(self.session, self.runner)
        self.preview_page = PreviewPage(self.session, self.runner)
        self.collection_page = CollectionPage(self.session)
        self.import_page = ImportPage(self.session, self.runner)
        self.report_page = ReportPage(self.session)
        self.links_page = LinksPage(self.session, self.runner)
        for page_id, page in (
            (CHOOSE, self.choose_page), (PREVIEW, self.preview_page),
            (COLLECTION, self.collection_page), (IMPORT, self.import_page),
            (REPORT, self.report_page), (LINKS, self.links_page),
        ):  # fmt: skip
            self.setPage(page_id, page)
        self.report_page.openRequested.connect(self._open_comparison)
        self.discard_question: QMessageBox | None = None
        self.resize(1200, 760)
        if paths:
            self.choose_page.add_paths([Path(p) for p in paths])
        if urls and not paths:  # links dropped from a browser: straight to the Links page
            self.session.links = True
            self.links_page.add_urls(list(urls))
            self.setStartId(LINKS)
        elif urls:
            self.links_page.add_urls(list(urls))

    @Slot()
    def _open_comparison(self) -> None:
        report = self.session.report
        if report is not None:
            self.imported.emit(report.collection)
        self.accept()

    def reject(self) -> None:
        """Cancel, Escape or closing the window: while importing, stop at a whole article
        first; with corrections made in the preview and not imported, ask before dropping them."""
        if self.import_page.running:
            self.import_page.stop()
            return
        edits = self.session.unsaved_edits()
        if edits and self.currentId() in (PREVIEW, COLLECTION):
            self._ask_before_discarding(edits)
            return
        super().reject()

    def _ask_before_discarding(self, edits: int) -> None:
        """Window-modal and non-blocking (open(), not exec()): the wizard's event loop goes on,
        and Escape in the question means Keep editing, never Discard."""
        if self.discard_question is not None and self.discard_question.isVisible():
            return
        box = QMessageBox(self)
        box.setObjectName("discardEdits")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Discard corrections?")
        noun = "correction" if edits == 1 else "corrections"
        box.setText(f"You made {edits} {noun} in the preview. Close the import and lose them?")
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.finished.connect(lambda _: self._discard_answered(box.clickedButton() is discard))
        self.discard_question = box
        box.open()

    def _discard_answered(self, discard: bool) -> None:
        self.discard_question = None
        if discard:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_page.running:
            self.import_page.stop()
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        # Whatever of ours still runs is cancelled and its answers dropped; an import that is
        # still storing finishes its article first (bounded wait: the worker calls no Qt, so
        # waiting here cannot deadlock).
        for page in (self.choose_page, self.links_page, self.preview_page):
            page.stop_jobs()
        running = self.import_page.stop_jobs()
        if self._own_runner:
            self.runner.shutdown(60)
        elif running is not None:
            running.wait(60)
        super().done(result)
