"""Annotations as a table model (colour, article, quote, note, tags, status) and a filter
over tag / colour / article text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.core.annotations.model import Annotation

COLUMNS = ("", "Article", "Quote", "Note", "Tags", "Status")
ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class AnnotationsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Annotation] = []
        self._labels: dict[int, str] = {}

    def set_annotations(self, rows: Sequence[Annotation], labels: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._labels = dict(labels)
        self.endResetModel()

    def annotation(self, row: int) -> Annotation:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def label(self, ann: Annotation) -> str:
        if ann.article_id in self._labels:
            return self._labels[ann.article_id]
        return ann.article_path.rsplit("/", 1)[-1]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        ann = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return ann.id
        if role == Qt.ItemDataRole.BackgroundRole and column == 0:
            return QColor(ann.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"“{ann.exact}”\n{ann.note}" if ann.note else f"“{ann.exact}”"
        if role == Qt.ItemDataRole.ForegroundRole and ann.is_orphan:
            return QColor("#a04040")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            "",
            self.label(ann),
            ann.exact if len(ann.exact) <= 60 else ann.exact[:57] + "…",
            ann.note.splitlines()[0] if ann.note else "",
            ", ".join(ann.tags),
            _group_text(ann) + ann.status,
        )
        return values[column]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None


class AnnotationFilter(QSortFilterProxyModel):
    """Keeps rows whose tags, note, quote, article or colour contain the text, and (when set)
    whose colour is the chosen one."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.colour = ""

    def set_filter(self, text: str, colour: str = "") -> None:
        self.beginFilterChange()
        self.text, self.colour = text.strip().lower(), colour
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, AnnotationsModel):
            return True
        ann = model.annotation(source_row)
        if self.colour and ann.colour != self.colour:
            return False
        if not self.text:
            return True
        haystack = " ".join(
            (*ann.tags, ann.note, ann.exact, model.label(ann), ann.colour, ann.status)
        )
        return self.text in haystack.lower()


def _group_text(ann: Annotation) -> str:
    if not ann.is_group_note:
        return ""
    return "group note · " if ann.group_key else "group note (group gone) · "
