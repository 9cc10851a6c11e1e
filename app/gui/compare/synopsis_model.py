"""The synopsis as a table model: the view's synopsis rows (app/core/view/synopsis.py), groups
and the statements only one shown source makes, one column per shown source. Cells carry rich
text with the differing words coloured by difference type; a proxy filters rows (divergent
only, only in / missing from a source)."""

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

from app.core.view.model import DIVERGENT, Comparison, StatementView
from app.core.view.synopsis import SynopsisRow, synopsis_rows
from app.gui.compare.colours import STATE_TINTS, difference_colour

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
STATEMENT_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex


def cell_html(comparison: Comparison, statement: StatementView, group: str | None = None) -> str:
    """The statement with the differing words of `group` marked (see Comparison.marks)."""
    out, at = [], statement.start
    text = comparison.article(statement.article).text
    for start, end, kind in comparison.marks(statement, group):
        if start < at or end > statement.end:
            continue
        out.append(_esc(text[at:start]))
        colour = difference_colour(kind)
        out.append(f'<span style="color:{colour}; font-weight:bold; text-decoration:underline"'
                   f' title="{kind}">{_esc(text[start:end])}</span>')  # fmt: skip
        at = end
    out.append(_esc(text[at : statement.end]))
    return "".join(out)


def _first(cell: tuple[StatementView, ...]) -> StatementView | None:
    """A source's first statement in the row (a cell shows one; the rest are its run-on)."""
    return cell[0] if cell else None


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SynopsisModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._comparison: Comparison | None = None
        self._keys: list[str] = []
        self._rows: list[SynopsisRow] = []
        self._html: dict[tuple[int, int], str] = {}

    def set_comparison(self, comparison: Comparison | None, keys: Sequence[str]) -> None:
        self.beginResetModel()
        self._comparison = comparison
        self._keys = list(keys) if comparison else []
        rows = synopsis_rows(comparison, self._keys) if comparison else []
        self._rows = [r for r in rows if r.group is not None or r.unique]
        self._html = {}
        self.endResetModel()

    @property
    def keys(self) -> list[str]:
        return self._keys

    def row_at(self, row: int) -> SynopsisRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._comparison is None:
            return None
        row = self._rows[index.row()]
        cell = _first(row.cells[index.column()])
        if role == STATE_ROLE:
            return row.state
        if role == Qt.ItemDataRole.BackgroundRole:
            tint = STATE_TINTS.get(row.state)
            return QColor(tint) if tint and cell is not None else None
        if cell is None:
            return "" if role in (Qt.ItemDataRole.DisplayRole, HTML_ROLE) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.state} · {self._comparison.article(cell.article).label}"
        if role == HTML_ROLE:
            key = (index.row(), index.column())
            if key not in self._html:
                self._html[key] = cell_html(self._comparison, cell, row.key)
            return self._html[key]
        if role == STATEMENT_ROLE:
            return cell.key
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or self._comparison is None:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._keys):
            return self._comparison.article(self._keys[section]).label
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None


ALL, DIVERGENT_ONLY, ONLY_IN, MISSING_FROM = "all", "divergent", "only_in", "missing_from"


class SynopsisFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.mode = ALL
        self.column = 0

    def set_filter(self, mode: str, column: int = 0) -> None:
        self.beginFilterChange()
        self.mode, self.column = mode, column
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, SynopsisModel) or self.mode == ALL:
            return True
        row = model.row_at(source_row)
        if self.mode == DIVERGENT_ONLY:
            return row.state == DIVERGENT
        present = [bool(c) for c in row.cells]
        if self.column >= len(present):
            return True
        if self.mode == ONLY_IN:
            return present[self.column] and sum(present) == 1
        if self.mode == MISSING_FROM:
            return not present[self.column] and any(present)
        return True
