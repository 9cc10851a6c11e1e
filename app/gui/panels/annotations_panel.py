"""The Annotations panel: filter by tag / colour / article, click to jump, edit, delete."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.annotations.model import Annotation
from app.gui.annotate.annotation_dialog import COLOUR_NAMES, swatch
from app.gui.annotate.annotation_model import ID_ROLE, AnnotationFilter, AnnotationsModel


class AnnotationsPanel(QWidget):
    jumpRequested = Signal(int)  # annotation id
    editRequested = Signal(int)
    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationsModel()
        self.proxy = AnnotationFilter()
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by tag, note, article…")
        self.filter.setClearButtonEnabled(True)
        self.colour = QComboBox()
        self.colour.addItem("Any colour", "")
        for value, name in COLOUR_NAMES.items():
            self.colour.addItem(swatch(value), name, value)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(14)
        self.table.setWordWrap(False)
        for column, width in enumerate((14, 100, 150, 160, 80, 80)):
            self.table.setColumnWidth(column, width)
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.colour)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.filter.textChanged.connect(self._refilter)
        self.colour.currentIndexChanged.connect(self._refilter)
        self.table.clicked.connect(self._jump)
        self.table.doubleClicked.connect(lambda i: self._emit(self.editRequested, i))
        self.edit_button.clicked.connect(lambda: self._emit(self.editRequested, self._current()))
        self.delete_button.clicked.connect(
            lambda: self._emit(self.deleteRequested, self._current())
        )

    def show_annotations(self, rows: list[Annotation], labels: dict[int, str]) -> None:
        self.model.set_annotations(rows, labels)

    def _refilter(self) -> None:
        self.proxy.set_filter(self.filter.text(), str(self.colour.currentData() or ""))

    def _current(self) -> QModelIndex:
        return self.table.currentIndex()

    def _jump(self, index: QModelIndex) -> None:
        self._emit(self.jumpRequested, index)

    def _emit(self, signal, index: QModelIndex) -> None:
        if index.isValid():
            ann_id = index.siblingAtColumn(0).data(ID_ROLE)
            if ann_id is not None:
                signal.emit(int(ann_id))
