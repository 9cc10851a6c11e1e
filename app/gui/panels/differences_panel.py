"""The Differences panel: differences grouped by type, severity shown, click to navigate every
pane, mark as not relevant (such differences are greyed and skipped by next/previous)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.core.view.model import Comparison, DifferenceView
from app.gui.compare.colours import difference_colour
from app.gui.panels.tree_items import second_level

KEY_ROLE = Qt.ItemDataRole.UserRole
TYPE_ORDER = ("number", "date", "entity", "quote", "attribution", "wording")


class DifferencesPanel(QWidget):
    differenceActivated = Signal(str)
    relevanceChanged = Signal(str, bool)  # difference key, relevant

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Difference", "Severity"])
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setColumnWidth(0, 260)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda item, _prev: self._clicked(item, 0))
        self.tree.customContextMenuRequested.connect(self._menu)
        self._irrelevant: set[str] = set()

    def show_differences(
        self, comparison: Comparison | None, keys: Sequence[str], irrelevant: set[str]
    ) -> None:
        self._irrelevant = set(irrelevant)
        self.tree.clear()
        if comparison is None:
            return
        shown = set(keys)
        by_type: dict[str, list[DifferenceView]] = defaultdict(list)
        for d in comparison.differences():
            if len({s.article for s in d.spans()} & shown) >= 2:
                by_type[d.type].append(d)
        total = sum(len(v) for v in by_type.values())
        self.empty.setVisible(total == 0)
        self.empty.setText(
            "No differences between the shown articles."
            if comparison.has_alignment
            else "No alignment in this collection yet: differences appear once it has run."
        )
        for kind in sorted(by_type, key=lambda t: TYPE_ORDER.index(t) if t in TYPE_ORDER else 99):
            parent = QTreeWidgetItem(self.tree, [f"{kind} ({len(by_type[kind])})", ""])
            parent.setForeground(0, QBrush(QColor(difference_colour(kind))))
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for d in by_type[kind]:
                readings = " | ".join(
                    f"{r.text} ({comparison.sources_of(r.spans)})" for r in d.readings
                )
                item = QTreeWidgetItem(parent, [d.detail or readings, d.severity])
                item.setData(0, KEY_ROLE, d.key)
                item.setToolTip(0, readings)
                if d.severity == "conflict":
                    item.setForeground(1, QBrush(QColor("#c0392b")))
                self._style(item)
            parent.setExpanded(True)

    def select(self, key: str) -> None:
        for item in self._items():
            if item.data(0, KEY_ROLE) == key:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(item)
                self.tree.blockSignals(False)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        return second_level(self.tree)

    def _style(self, item: QTreeWidgetItem) -> None:
        off = item.data(0, KEY_ROLE) in self._irrelevant
        font = item.font(0)
        font.setItalic(off)
        font.setStrikeOut(off)
        item.setFont(0, font)
        item.setForeground(0, QBrush(QColor("#999999" if off else "#000000")))

    def _clicked(self, item: QTreeWidgetItem | None, _column: int) -> None:
        if item is not None and item.data(0, KEY_ROLE):
            self.differenceActivated.emit(str(item.data(0, KEY_ROLE)))

    def _menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is None or not item.data(0, KEY_ROLE):
            return
        key = str(item.data(0, KEY_ROLE))
        relevant = key not in self._irrelevant
        menu = QMenu(self)
        action = menu.addAction("Mark as not relevant" if relevant else "Mark as relevant")
        if menu.exec(self.tree.viewport().mapToGlobal(point)) is action:
            self.set_relevant(key, not relevant)
        menu.deleteLater()

    def set_relevant(self, key: str, relevant: bool) -> None:
        if relevant:
            self._irrelevant.discard(key)
        else:
            self._irrelevant.add(key)
        for item in self._items():
            if item.data(0, KEY_ROLE) == key:
                self._style(item)
        self.relevanceChanged.emit(key, relevant)
