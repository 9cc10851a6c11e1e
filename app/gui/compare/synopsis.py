"""The synopsis tab: the aligned table with its filters."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.view.model import Comparison
from app.gui.compare.colours import legend_html
from app.gui.compare.html_delegate import HtmlDelegate
from app.gui.compare.synopsis_model import (
    ALL,
    DIVERGENT_ONLY,
    MISSING_FROM,
    ONLY_IN,
    STATEMENT_ROLE,
    SynopsisFilter,
    SynopsisModel,
)


class SynopsisTab(QWidget):
    statementActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SynopsisModel()
        self.proxy = SynopsisFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(HtmlDelegate(self.table))
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Row heights follow the column widths (the delegate wraps to them); measured only
        # while the tab is visible, and once per burst of column resizes.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(30)
        self._fit_timer.timeout.connect(self._fit_rows)
        self.table.horizontalHeader().sectionResized.connect(self._fit_timer.start)
        # A scroll bar appearing narrows the stretched columns without always telling the
        # header: refit whenever the viewport itself changes size.
        self.table.viewport().installEventFilter(self)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.filter = QComboBox()
        self.filter.setMinimumContentsLength(16)
        # Sized to its longest item ("Missing from <a long source>") it widened the window.
        self.filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)
        # The legend wraps on its own line: on one line beside the filter it made the
        # window's minimum width 1,564 px.
        legend = QLabel(legend_html())
        legend.setObjectName("synopsisLegend")
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(legend)
        layout.addWidget(self.table)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.table.doubleClicked.connect(self._activated)
        self.table.clicked.connect(self._activated)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_timer.start()
        return super().eventFilter(watched, event)

    def _fit_rows(self) -> None:
        if self.isVisible():
            self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_timer.start()

    def show_comparison(self, comparison: Comparison | None, keys: Sequence[str]) -> None:
        self.model.set_comparison(comparison, keys)
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("Every row", (ALL, 0))
        self.filter.addItem("Divergent only", (DIVERGENT_ONLY, 0))
        if comparison is not None:
            for i, key in enumerate(keys):
                label = comparison.article(key).label
                self.filter.addItem(f"Only in {label}", (ONLY_IN, i))
                self.filter.addItem(f"Missing from {label}", (MISSING_FROM, i))
        self.filter.blockSignals(False)
        self.proxy.set_filter(ALL)
        self._update_count(comparison)
        self._fit_timer.start()

    def set_filter(self, mode: str, column: int = 0) -> None:
        for i in range(self.filter.count()):
            if self.filter.itemData(i) == (mode, column):
                self.filter.setCurrentIndex(i)
                return

    def _filter_changed(self) -> None:
        mode, column = self.filter.currentData() or (ALL, 0)
        self.proxy.set_filter(mode, column)
        self._update_count(self.model._comparison)
        self._fit_timer.start()

    def _update_count(self, comparison: Comparison | None) -> None:
        if comparison is not None and not comparison.has_alignment:
            self.count.setText("No alignment in this collection yet: the synopsis is empty.")
        else:
            self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} rows")

    def _activated(self, index: QModelIndex) -> None:
        key = index.data(STATEMENT_ROLE)
        if key:
            self.statementActivated.emit(str(key))
