"""The synopsis as a table model: one row per statement group, one column per shown source,
then one row per unique statement. Cells carry rich text with the differing words coloured
by difference type; a proxy filters rows (divergent only, only in / missing from a source)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.gui.compare.colours import STATE_TINTS, difference_colour
from app.gui.compare.comparison_data import DIVERGENT, UNIQUE, Comparison, StatementView

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
STATEMENT_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class SynopsisRow:
    key: str  # group key, or the unique statement's key
    state: str
    cells: tuple[StatementView | None, ...]


def synopsis_rows(comparison: Comparison, keys: Sequence[str]) -> list[SynopsisRow]:
    column = {k: i for i, k in enumerate(keys)}
    order = {k: i for i, k in enumerate(keys)}
    rows: list[tuple[tuple[int, int], SynopsisRow]] = []
    for group in comparison.groups.values():
        cells: list[StatementView | None] = [None] * len(keys)
        for key in group.statements:
            st = comparison.statements[key]
            if st.article in column and cells[column[st.article]] is None:
                cells[column[st.article]] = st
        present = [c for c in cells if c is not None]
        if len(present) < 2:
            continue
        first = min(present, key=lambda s: (order[s.article], s.start))
        rows.append(((order[first.article], first.start), SynopsisRow(group.key, group.status,
                                                                      tuple(cells))))  # fmt: skip
    grouped = [r for _, r in sorted(rows, key=lambda x: x[0])]
    unique = []
    for key in keys:
        for st in comparison.by_article.get(key, ()):
            if st.state == UNIQUE:
                cells = [None] * len(keys)
                cells[column[key]] = st
                unique.append(SynopsisRow(st.key, UNIQUE, tuple(cells)))
    return grouped + unique


def cell_html(comparison: Comparison, statement: StatementView, group: str | None = None) -> str:
    """The statement with the differing words of `group` marked (its row's group: a statement
    in two groups shows in each row the differences of that row), else of its own group."""
    marks: list[tuple[int, int, str]] = []
    group = group if group in comparison.groups else statement.group
    if group:
        for d in comparison.groups[group].differences:
            if len(d.readings) < 2:
                continue
            marks += [(s.start, s.end, d.type) for s in d.spans() if s.statement == statement.key]
    marks.sort()
    out, at = [], statement.start
    text = comparison.article(statement.article).text
    for start, end, kind in marks:
        if start < at or end > statement.end:
            continue
        out.append(_esc(text[at:start]))
        colour = difference_colour(kind)
        out.append(f'<span style="color:{colour}; font-weight:bold; text-decoration:underline"'
                   f' title="{kind}">{_esc(text[start:end])}</span>')  # fmt: skip
        at = end
    out.append(_esc(text[at : statement.end]))
    return "".join(out)


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
        self._rows = synopsis_rows(comparison, self._keys) if comparison else []
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
        cell = row.cells[index.column()]
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
        present = [c is not None for c in row.cells]
        if self.column >= len(present):
            return True
        if self.mode == ONLY_IN:
            return present[self.column] and sum(present) == 1
        if self.mode == MISSING_FROM:
            return not present[self.column] and any(present)
        return True
