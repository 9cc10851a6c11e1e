"""File → Export → PDF…: options, an export in a child process (child.py) run as a task of the
reader's TaskRunner, with progress and cancel, and a preview of the result (QtPdf)."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.export.document import DEFAULT_SECTIONS, ExportOptions, PageSize, Section
from app.core.store import articles as article_store
from app.core.store import collections
from app.core.store.db import open_db
from app.gui.pdf_export.child import export_task
from app.gui.runner import Outcome, Status, TaskHandle, TaskRunner

SECTION_LABELS = {
    Section.COVER: "Cover page (sources, legend, contents)",
    Section.SYNOPSIS: "Synopsis (sources side by side)",
    Section.DIFFERENCES: "Differences by type and severity",
    Section.ENTITIES: "Entities and how sources name people",
    Section.FULLTEXTS: "Full texts with highlights",
    Section.NOTES: "List of notes",
}


class ExportPdfDialog(QDialog):
    def __init__(
        self,
        db_path: Path,
        collection: str,
        article_ids: Sequence[int],
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Export “{collection}” to PDF")
        self.db_path, self.collection = Path(db_path), collection
        # The window's runner when it has one; a dialog opened alone brings its own.
        self._own_runner = runner is None
        self.runner = runner or TaskRunner(self.db_path, self)
        self.task: TaskHandle | None = None
        self._previewing = False
        self._preview_dir: tempfile.TemporaryDirectory[str] | None = None
        self._build(article_ids)
        self.resize(1100, 720)

    # --- widgets

    def _build(self, chosen: Sequence[int]) -> None:
        options = QWidget()
        form = QVBoxLayout(options)
        self.articles = QListWidget()
        db = open_db(self.db_path)
        rows = article_store.in_collection(db, collections.find(db, self.collection).id)
        db.conn.close()
        for row in rows:
            name = row.title or row.path.rsplit("/", 1)[-1]
            extra = ", ".join(x for x in (row.source, row.published) if x)
            item = QListWidgetItem(f"{name} — {extra}" if extra else name)
            item.setToolTip(row.path)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = not chosen or row.id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.articles.addItem(item)
        box = QGroupBox("Articles")
        QVBoxLayout(box).addWidget(self.articles)
        form.addWidget(box)

        box = QGroupBox("Sections")
        layout = QVBoxLayout(box)
        self.section_boxes: dict[Section, QCheckBox] = {}
        for section, label in SECTION_LABELS.items():
            check = QCheckBox(label)
            check.setChecked(section in DEFAULT_SECTIONS)
            self.section_boxes[section] = check
            layout.addWidget(check)
        form.addWidget(box)

        fields = QFormLayout()
        self.only_divergent = QCheckBox("Only groups where sources diverge")
        self.include_notes = QCheckBox("Include my annotations")
        self.include_notes.setChecked(True)
        self.page_size = QComboBox()
        self.page_size.addItems([p.value for p in PageSize])
        fields.addRow(self.only_divergent)
        fields.addRow(self.include_notes)
        fields.addRow("Page size", self.page_size)
        out_row = QHBoxLayout()
        self.out_path = QLineEdit(str(Path.home() / f"{self.collection}.pdf"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        out_row.addWidget(self.out_path, 1)
        out_row.addWidget(browse)
        fields.addRow("Save as", out_row)
        form.addLayout(fields)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        form.addWidget(self.progress)
        form.addWidget(self.status)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton("Preview")
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton("Close")
        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        for button in (self.preview_button, self.export_button, self.cancel_button):
            buttons.addWidget(button)
        form.addLayout(buttons)

        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        options.setMinimumWidth(380)
        splitter = QSplitter()
        splitter.addWidget(options)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

    # --- options

    def options(self) -> ExportOptions:
        sections = tuple(s for s, box in self.section_boxes.items() if box.isChecked())
        return ExportOptions(
            sections=sections,
            only_divergent=self.only_divergent.isChecked(),
            include_notes=self.include_notes.isChecked(),
            page_size=PageSize(self.page_size.currentText()),
        )

    def chosen_articles(self) -> list[int]:
        items = (self.articles.item(i) for i in range(self.articles.count()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    # --- running

    @Slot()
    def preview(self) -> None:
        self._previewing = True
        if self._preview_dir is None:
            self._preview_dir = tempfile.TemporaryDirectory(prefix="parallax-preview-")
        self._start(Path(self._preview_dir.name) / "preview.pdf")

    @Slot()
    def export(self) -> None:
        text = self.out_path.text().strip()
        if not text:
            self._browse()
            text = self.out_path.text().strip()
        if text:
            self._previewing = False
            self._start(Path(text).expanduser())

    def _start(self, out: Path) -> None:
        if self.task is not None:
            return
        ids = self.chosen_articles()
        if not ids:
            self.status.setText("Choose at least one article.")
            return
        options = self.options()
        if not options.sections:
            self.status.setText("Choose at least one section.")
            return
        self.pdf.close()  # the preview may be the file about to be rewritten
        db_path, collection = self.db_path, self.collection
        self.task = self.runner.submit(
            "export-pdf",
            lambda ctx: export_task(ctx, db_path, collection, ids, options, out),
            on_progress=self._progressed,
            on_done=self._finished,
        )
        self._busy(True)
        self.progress.setValue(0)
        self.status.setText("Exporting…")

    def _progressed(self, value: object) -> None:
        fraction, message = value  # type: ignore[misc]
        if self.task is not None and self.task.cancel_requested:
            return  # "Cancelling…" stays until the child is gone
        self.progress.setValue(round(100 * fraction))
        self.status.setText(message[:1].upper() + message[1:] + "…")

    def _finished(self, outcome: Outcome) -> None:
        self.task = None
        self._busy(False)
        if outcome.status is Status.DONE:
            self._succeeded(outcome.changes.files[0], int(outcome.value), outcome.cancel_too_late)
        elif outcome.status is Status.CANCELLED:
            self.progress.setValue(0)
            self.status.setText("Export cancelled.")
        else:
            self.progress.setValue(0)
            self.status.setText(outcome.error[:1].upper() + outcome.error[1:])

    def _succeeded(self, path: Path, pages: int, too_late: bool) -> None:
        self.progress.setValue(100)
        if self._previewing:
            self.status.setText(f"Preview: {pages} pages. Export saves them as a file.")
        else:
            late = "The export had finished before the cancel: " if too_late else ""
            self.status.setText(f"{late}{pages} pages written to {path}")
        self.pdf.load(str(path))

    def _busy(self, busy: bool) -> None:
        self.preview_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy)
        self.cancel_button.setText("Cancel" if busy else "Close")

    @Slot()
    def _cancel_or_close(self) -> None:
        if self.task is not None:
            self.task.cancel()  # kills the child; the task removes its partial file
            self.status.setText("Cancelling…")
        else:
            self.reject()

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to PDF", self.out_path.text(),
                                              "PDF files (*.pdf)")  # fmt: skip
        if path:
            self.out_path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def done(self, result: int) -> None:
        if self.task is not None:  # never leave a child writing behind a closed dialog
            self.task.discard()
            self.task.wait(10)
            self.task = None
        if self._own_runner:
            self.runner.shutdown()
        self.pdf.close()
        if self._preview_dir is not None:
            self._preview_dir.cleanup()
            self._preview_dir = None
        super().done(result)
