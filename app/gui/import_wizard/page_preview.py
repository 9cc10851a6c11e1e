"""Page 2: one row per file with what was detected; uncheck to skip, double-click to correct,
and see the cleaned text with each block's role."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.core.counting import count as count_of
from app.core.ingest.preview import PreviewItem, Status
from app.gui.import_wizard.article_html import LEGEND, article_html, problem_html
from app.gui.import_wizard.metadata_delegate import CheckedDelegate
from app.gui.import_wizard.preview_model import EDITABLE_COLUMNS, PreviewModel
from app.gui.import_wizard.session import ImportSession
from app.gui.import_wizard.tasks import Stage, preview_task
from app.gui.runner import Outcome, TaskHandle, TaskRunner
from app.gui.runner import Status as TaskStatus

# File, Title (stretches), Source, Date, URL, Language, Words, Status
COLUMN_WIDTHS = (160, 200, 120, 86, 110, 72, 56, 270)
TITLE_COLUMN = 1


class PreviewPage(QWizardPage):
    def __init__(self, session: ImportSession, runner: TaskRunner) -> None:
        super().__init__()
        self.session = session
        self.runner = runner
        self.setTitle("Check what was found")
        self.setSubTitle(
            "Uncheck a file to leave it out. Double-click a title, source, date or URL to "
            "correct it."
        )
        self.model = PreviewModel(session.rows, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().hide()
        self.delegate = CheckedDelegate(self.table)
        for column in EDITABLE_COLUMNS:
            self.table.setItemDelegateForColumn(column, self.delegate)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        # The title takes what is left, so the status (with its reason) is never cut short.
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.text_view = QTextBrowser()
        self.text_view.setOpenLinks(False)
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.check_all_button = QPushButton("Check all")
        self.check_none_button = QPushButton("Check none")

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(legend)
        lower_layout.addWidget(self.text_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([260, 300])
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.check_all_button)
        bar.addWidget(self.check_none_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.table.selectionModel().selectionChanged.connect(self._row_selected)
        self.model.checkedChanged.connect(self._checked_changed)
        self.model.editRejected.connect(self._edit_rejected)
        self.model.dataChanged.connect(self._refresh_text)
        self.model.dataChanged.connect(self._edited)
        self.check_all_button.clicked.connect(lambda: self._check_all(True))
        self.check_none_button.clicked.connect(lambda: self._check_all(False))
        self._job: TaskHandle | None = None
        self._finished = False
        self._shown_row = -1

    # --- the preview job -------------------------------------------------------------------
    def initializePage(self) -> None:
        if not self.session.wants_preview():
            return  # back and forth: keep the rows and the user's edits
        self.stop_jobs()
        self.model.reset()
        self.text_view.clear()
        self._shown_row = -1
        self._finished = False
        self.session.previewed = None
        paths, recursive = list(self.session.paths), self.session.recursive
        pages = self.session.pages()
        self._job = self.runner.submit(
            "preview", lambda ctx: preview_task(paths, recursive, ctx, pages),
            on_progress=self._progressed, on_done=self._done,
        )  # fmt: skip
        self.status.setText("Reading files…")
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        """Back to page 1: a preview still running is of no use any more."""
        if not self._finished:
            self.stop_jobs()
            self.session.previewed = None

    def stop_jobs(self) -> None:
        if self._job is not None:
            self._job.discard()  # its answers are dropped: no rows from an old preview
            self._job = None

    def _progressed(self, value: object) -> None:
        if isinstance(value, PreviewItem):
            self.model.add(value)
            self.status.setText(f"Reading files… {self.model.rowCount()} so far")
            if self.model.rowCount() == 1:
                self.table.selectRow(0)
        elif isinstance(value, Stage):
            self.status.setText(value.text)

    def _done(self, outcome: Outcome) -> None:
        if outcome.status is TaskStatus.FAILED:
            self.status.setText(
                f"<font color='#a00000'>Preview failed: {html.escape(outcome.error)}"
            )
            return
        if outcome.status is not TaskStatus.DONE:
            return
        names = outcome.value
        assert isinstance(names, dict)
        for row in self.session.rows:
            row.names = names.get(row.key, [])
        self.session.previewed = self.session.preview_of()
        self._finished = True
        self._show_counts()
        self.completeChanged.emit()

    # --- user actions ----------------------------------------------------------------------
    def _show_counts(self) -> None:
        rows = self.session.rows
        counts = {s: sum(1 for r in rows if r.item.status is s) for s in Status}
        chosen = len(self.session.chosen())
        self.status.setText(
            f"{count_of(len(rows), 'file')}: {counts[Status.NEW]} new,"
            f" {counts[Status.DUPLICATE]} duplicate, "
            f"{counts[Status.PROBLEM]} with problems — <b>{chosen} will be imported</b>"
        )

    @Slot()
    def _edited(self) -> None:
        if self._finished and not self.session.refused():
            self._show_counts()
        self.completeChanged.emit()

    @Slot()
    def _checked_changed(self) -> None:
        if self._finished:
            self._show_counts()
        self.completeChanged.emit()

    @Slot(str)
    def _edit_rejected(self, message: str) -> None:
        self.status.setText(
            f"<font color='#a00000'>{html.escape(message)} — the typed value is kept in red; "
            "correct it or clear it to go on</font>"
        )
        self.completeChanged.emit()

    def _check_all(self, on: bool) -> None:
        for row in range(self.model.rowCount()):
            state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            self.model.setData(self.model.index(row, 0), state, Qt.ItemDataRole.CheckStateRole)

    @Slot(QItemSelection, QItemSelection)
    def _row_selected(self, *_: object) -> None:
        self._refresh_text()

    @Slot()
    def _refresh_text(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = self.model.row_at(rows[0].row())
        article = row.item.prepared.article
        title = html.escape(row.value("title") or row.label)
        status = html.escape(row.item.status_text)
        head = f"<p><b>{title}</b><br><small>{html.escape(row.key)} — {status}</small></p>"
        body = article_html(article) if article is not None else problem_html(row.item.reason or "")
        same_row = self._shown_row == rows[0].row()
        scroll = self.text_view.verticalScrollBar().value()
        self.text_view.setHtml(head + body)
        if same_row:  # an edit re-rendered it: stay where the reader was
            self.text_view.verticalScrollBar().setValue(scroll)
        self._shown_row = rows[0].row()

    def isComplete(self) -> bool:
        # a refused value is not silently dropped: it must be corrected (or cleared) first
        return self._finished and bool(self.session.chosen()) and not self.session.refused()
