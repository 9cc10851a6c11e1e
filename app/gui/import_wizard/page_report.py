"""Page 5: what was imported, what was a duplicate, what was skipped and why."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.core.ingest.importer import Outcome
from app.gui.import_wizard.session import ImportSession, result_label

OUTCOME_COLOURS = {Outcome.IMPORTED: "#1b5e20", Outcome.UPDATED: "#0d47a1",
                   Outcome.DUPLICATE: "#8a4b00",
                   Outcome.SKIPPED: "#a00000"}  # fmt: skip


class ReportPage(QWizardPage):
    openRequested = Signal()

    def __init__(self, session: ImportSession) -> None:
        super().__init__()
        self.session = session
        self.setTitle("Import report")
        self.setFinalPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["File", "Title", "Outcome", "Reason"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        for column, width in enumerate((240, 380, 80)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.open_button = QPushButton("Open comparison")
        self.open_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        self.open_button.clicked.connect(self.openRequested)

    def initializePage(self) -> None:
        report = self.session.report
        self.tree.clear()
        if report is None:
            self.summary.setText("No import was run.")
            self.open_button.setEnabled(False)
            return
        imported = report.count(Outcome.IMPORTED)
        updated = report.count(Outcome.UPDATED)
        self.setSubTitle(f"Into the collection {report.collection!r}.")
        lines = [
            f"<b>{imported} imported</b> ({report.words:,} words), "
            + (f"{updated} updated (new text in place), " if updated else "")
            + f"{report.count(Outcome.DUPLICATE)} duplicate, "
            f"{report.count(Outcome.SKIPPED)} skipped."
        ]
        if report.cancelled:
            lines.append("The import was stopped: the articles stored before are complete; "
                         "the rest were not imported.")  # fmt: skip
        self.summary.setText("<br>".join(lines))
        titles = {row.key: row.value("title") or "" for row in self.session.rows}
        for result in report.results:
            title = titles.get(result.path, "")
            item = QTreeWidgetItem([result_label(result.path), title, result.outcome.value,
                                    result.reason or ""])  # fmt: skip
            item.setToolTip(0, result.path)
            item.setToolTip(1, html.escape(title))
            item.setToolTip(3, html.escape(result.reason or ""))
            item.setForeground(2, QBrush(QColor(OUTCOME_COLOURS[result.outcome])))
            self.tree.addTopLevelItem(item)
        stored = report.stored + report.count(Outcome.DUPLICATE)
        self.open_button.setEnabled(stored > 0)
