"""The preview table: one row per file, checkable, with editable title/source/date/URL."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.core.errors import ParallaxError
from app.core.ingest.preview import PreviewItem, Status
from app.gui.import_wizard.session import Row

COLUMNS = ("File", "Title", "Source", "Date", "URL", "Language", "Words", "Status")
EDITABLE_COLUMNS = {1: "title", 2: "source", 3: "published", 4: "url"}
LANGUAGE_COLUMN, WORDS_COLUMN, STATUS_COLUMN = 5, 6, 7
REFUSED_COLOUR = "#a00000"
REFUSED_BACKGROUND = "#fde2e2"
REFUSED_MARK = "\u26a0"  # ⚠, in DejaVu Sans
STATUS_COLOURS = {Status.NEW: "#1b5e20", Status.DUPLICATE: "#8a4b00", Status.PROBLEM: "#a00000"}

Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    editRejected = Signal(str)  # why a typed value was refused
    checkedChanged = Signal()

    def __init__(self, rows: list[Row], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = rows  # shared with the session: edits land there directly
        self._italic = QFont()
        self._italic.setItalic(True)

    def reset(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self.endResetModel()

    def add(self, item: PreviewItem) -> None:
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(Row(item, checked=item.status is not Status.PROBLEM))
        self.endInsertRows()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self._rows[index.row()]
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and row.importable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in EDITABLE_COLUMNS and row.importable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole and EDITABLE_COLUMNS.get(column) in row.refused:
            # marked even on a selected row, where the red does not show
            return f"{REFUSED_MARK} {self._text(row, column)}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            checked = row.checked and row.importable
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        name = EDITABLE_COLUMNS.get(column, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and name in row.refused:
            return QBrush(QColor(REFUSED_COLOUR))
        if role == Qt.ItemDataRole.BackgroundRole and name in row.refused:
            return QBrush(QColor(REFUSED_BACKGROUND))
        if role == Qt.ItemDataRole.FontRole and row.is_edited(EDITABLE_COLUMNS.get(column, "")):
            return self._italic
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS_COLUMN:
                return QBrush(QColor(STATUS_COLOURS[row.item.status]))
            if not row.importable or not row.checked:
                return QBrush(QColor("#808080"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == WORDS_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: Row, column: int) -> str | None:
        if column == 0:
            return row.label
        if column in EDITABLE_COLUMNS:
            name = EDITABLE_COLUMNS[column]
            if name in row.refused:  # what the user typed, not the old value: never blanked
                return row.refused[name][0]
            return row.value(name) or ""
        if column == LANGUAGE_COLUMN:
            return row.detected("language") or ""
        if column == WORDS_COLUMN:
            words = row.item.prepared.words
            return f"{words:,}" if words else ""
        if column == STATUS_COLUMN:
            return row.item.status_text
        return None

    def _tooltip(self, row: Row, column: int) -> str | None:
        if column == 0:
            return row.key
        if column == STATUS_COLUMN:
            return row.item.status_text
        name = EDITABLE_COLUMNS.get(column)
        if name and name in row.refused:
            return f"Refused: {row.refused[name][1]}"
        if name and row.is_edited(name):
            return f"Edited; detected: {row.detected(name) or '(nothing)'}"
        if name and row.importable:
            return "Double-click to correct"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and row.importable:
            state = value.value if isinstance(value, Qt.CheckState) else int(value)
            row.checked = state == Qt.CheckState.Checked.value
            last = self.index(index.row(), len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(index.row(), 0), last)
            self.checkedChanged.emit()
            return True
        if role == Qt.ItemDataRole.EditRole and column in EDITABLE_COLUMNS and row.importable:
            try:
                row.set_value(EDITABLE_COLUMNS[column], str(value) if value is not None else None)
            except ParallaxError as exc:
                self.dataChanged.emit(index, index)  # shows the refused text, in red
                self.editRejected.emit(str(exc))
                return False
            self.dataChanged.emit(index, index)
            return True
        return False
