"""The Entities panel: type toggles, "shared only", the entity × article matrix, and the core's
corrections (merge / split / rename / hide; entity_edits.py runs them)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.gui.compare.layers import ENTITY_TYPES
from app.gui.panels import entity_edits
from app.gui.panels.entity_model import ENTITY_ROLE, EntityMatrixModel


class EntitiesPanel(QWidget):
    entitySelected = Signal(str)  # entity key ("" = none)
    optionsChanged = Signal()
    correctionRequested = Signal(str, list)  # operation, entity keys

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EntityMatrixModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(28)
        header.setMaximumSectionSize(170)  # long names elide; the counts stay in view
        header.setStretchLastSection(False)
        self.table.setWordWrap(False)
        self.shared_only = QCheckBox("Only entities in ≥ 2 shown articles")
        self.shared_only.setChecked(True)
        self.type_boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, name in enumerate(ENTITY_TYPES):
            box = QCheckBox(name)
            box.setToolTip(f"Highlight {name} entities")
            box.toggled.connect(lambda _on: self.optionsChanged.emit())
            self.type_boxes[name] = box
            grid.addWidget(box, i // 3, i % 3)  # three a row: the dock fits a laptop
        self.shared_only.toggled.connect(lambda _on: self.optionsChanged.emit())
        buttons = QGridLayout()  # two a row: four in one row made the dock 343 px at least
        self.buttons: dict[str, QPushButton] = {}
        for i, op in enumerate(entity_edits.OPERATIONS):
            button = QPushButton(op.capitalize() + ("…" if op in entity_edits.ASKS_TEXT else ""))
            button.setToolTip(f"{op.capitalize()} the selected entities (kept across re-analysis)")
            button.clicked.connect(lambda _c=False, op=op: self._request(op))
            self.buttons[op] = button
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(grid)
        layout.addWidget(self.shared_only)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def set_options(self, shared_only: bool, hidden_types: Iterable[str]) -> None:
        hidden = set(hidden_types)
        for widget in (self.shared_only, *self.type_boxes.values()):
            widget.blockSignals(True)
        self.shared_only.setChecked(shared_only)
        for name, box in self.type_boxes.items():
            box.setChecked(name not in hidden)
        for widget in (self.shared_only, *self.type_boxes.values()):
            widget.blockSignals(False)

    def hidden_types(self) -> frozenset[str]:
        return frozenset(n for n, box in self.type_boxes.items() if not box.isChecked())

    def select(self, key: str, quiet: bool = False) -> None:
        """Select an entity's row ("" or a key not listed: no row). `quiet`: the window
        already follows it, so entitySelected is not emitted again."""
        self.blockSignals(quiet)
        try:
            row = self.model.row_of(key) if key else -1
            selection = self.table.selectionModel()
            if row >= 0:
                selection.setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            else:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self.blockSignals(False)

    def selected_keys(self) -> list[str]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.entity(r).key for r in sorted(rows)]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.entitySelected.emit(str(current.data(ENTITY_ROLE)) if current.isValid() else "")

    def _request(self, op: str) -> None:
        keys = self.selected_keys()
        if keys:
            self.correctionRequested.emit(op, keys)
