"""Entity × article matrix: one row per entity, the mention count in each shown article."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.core.view.model import Comparison, EntityView

ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1
FIXED_COLUMNS = ("Entity", "Type")

AnyIndex = QModelIndex | QPersistentModelIndex


class EntityMatrixModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._entities: list[EntityView] = []
        self._keys: list[str] = []
        self._labels: list[str] = []
        self._colours: dict[str, str] = {}
        self._highlighted: set[str] = set()

    def set_entities(
        self,
        comparison: Comparison | None,
        keys: Sequence[str],
        entities: Sequence[EntityView],
        colours: dict[str, str],
        highlighted: set[str],
    ) -> None:
        self.beginResetModel()
        self._keys = list(keys)
        self._labels = [comparison.article(k).label for k in keys] if comparison else []
        shown = set(keys)
        self._entities = sorted(
            (e for e in entities if e.articles & shown),
            key=lambda e: (-len(e.articles & shown), e.name.lower()),
        )
        self._colours = colours
        self._highlighted = highlighted
        self.endResetModel()

    def entity(self, row: int) -> EntityView:
        return self._entities[row]

    def row_of(self, key: str) -> int:
        return next((i for i, e in enumerate(self._entities) if e.key == key), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entities)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self._keys)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entity = self._entities[index.row()]
        column = index.column()
        if role == ENTITY_ROLE:
            return entity.key
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return entity.name
            if role == Qt.ItemDataRole.DecorationRole and entity.key in self._highlighted:
                return QColor(self._colours.get(entity.key, "#ffffff"))
            if role == Qt.ItemDataRole.ToolTipRole:
                shown = "highlighted" if entity.key in self._highlighted else "not highlighted"
                return f"{entity.name} ({entity.label}), {shown}"
            return None
        if column == 1:
            return entity.label if role == Qt.ItemDataRole.DisplayRole else None
        count = len(entity.mentions.get(self._keys[column - len(FIXED_COLUMNS)], ()))
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count) if count else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and count:
            return QColor("#e4ecf7")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
        ):  # fmt: skip
            return None
        if section < len(FIXED_COLUMNS):
            return FIXED_COLUMNS[section]
        if section - len(FIXED_COLUMNS) < len(self._labels):
            label = self._labels[section - len(FIXED_COLUMNS)]
            return label if role == Qt.ItemDataRole.ToolTipRole else label[:14]
        return None
