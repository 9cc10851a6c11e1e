"""The library: collections → articles (title, source, date, words) with check boxes to choose
what to compare, a full-text search box, and a context menu to edit, remove or move."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ParallaxError
from app.core.store import articles, collections
from app.gui.panels.tree_items import second_level

ID_ROLE = Qt.ItemDataRole.UserRole


class LibraryPanel(QWidget):
    chosenChanged = Signal(str, list)  # collection name, article ids in order
    changed = Signal(str)  # a collection's content changed (re-analyse it)
    collectionOpened = Signal(str)  # a click on another collection's name: show it

    def __init__(self, db: sqlite_utils.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the full text…")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Article", "Source", "Date", "Words"])
        self.tree.setRootIsDecorated(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self.collection = ""
        self._filling = False
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.itemClicked.connect(self._item_clicked)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.search.textChanged.connect(self._filter)

    def sizeHint(self) -> QSize:
        # The dock opens at this width: room for the title column (170 px) and the source.
        return QSize(280, super().sizeHint().height())

    def refresh(self, collection: str | None = None, chosen: list[int] | None = None) -> None:
        """Reload from the database; check `chosen` in `collection` (default: keep)."""
        if collection is not None:
            self.collection = collection
        keep = chosen if chosen is not None else self.chosen_ids()
        self._filling = True
        self.tree.clear()
        for c in collections.list_all(self.db):
            parent = QTreeWidgetItem(self.tree, [c.name])
            parent.setData(0, ID_ROLE, None)
            parent.setFirstColumnSpanned(False)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for row in articles.in_collection(self.db, c.id):
                title = row.title or row.path.rsplit("/", 1)[-1]
                item = QTreeWidgetItem(
                    parent, [title, row.source or "", row.published or "", str(row.word_count)]
                )
                item.setData(0, ID_ROLE, row.id)
                item.setToolTip(0, f"{title}\n{row.path}")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = c.name == self.collection and row.id in keep
                item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            parent.setExpanded(c.name == self.collection or not self.collection)
        self.tree.resizeColumnToContents(2)
        self.tree.resizeColumnToContents(3)
        self.tree.setColumnWidth(0, 170)
        self.tree.resizeColumnToContents(1)
        self._filling = False

    def chosen_ids(self) -> list[int]:
        ids = []
        for item in self._article_items():
            if (
                item.checkState(0) == Qt.CheckState.Checked
                and item.parent().text(0) == self.collection
            ):
                ids.append(int(item.data(0, ID_ROLE)))
        return ids

    def set_chosen(self, collection: str, ids: list[int]) -> None:
        """Check exactly `ids` of `collection` (unchecking everything else) and announce it."""
        self.collection = collection
        self._filling = True
        for item in self._article_items():
            on = item.parent().text(0) == collection and int(item.data(0, ID_ROLE)) in ids
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._filling = False
        self.chosenChanged.emit(collection, self.chosen_ids())

    def _article_items(self) -> list[QTreeWidgetItem]:
        return second_level(self.tree)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0 or item.parent() is None:
            return
        collection = item.parent().text(0)
        if collection != self.collection and item.checkState(0) == Qt.CheckState.Checked:
            # Choosing from another collection switches to it: comparisons stay in one story.
            self.set_chosen(collection, [int(item.data(0, ID_ROLE))])
            return
        self.chosenChanged.emit(self.collection, self.chosen_ids())

    def _item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.parent() is None and item.text(0) != self.collection:
            self.collectionOpened.emit(item.text(0))

    def _filter(self, query: str) -> None:
        query = query.strip()
        hits: set[int] | None = None
        if query:
            try:
                hits = {hit[0] for hit in articles.search(self.db, query, 500)}
            except ParallaxError:
                hits = None  # half-typed query: keep showing everything
        for item in self._article_items():
            item.setHidden(hits is not None and int(item.data(0, ID_ROLE)) not in hits)

    # -- context menu ----------------------------------------------------------------------
    def _menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is None or item.parent() is None:
            return
        article_id = int(item.data(0, ID_ROLE))
        menu = QMenu(self)
        menu.addAction("Edit metadata…", lambda: self.edit_metadata(article_id))
        menu.addAction("Move to collection…", lambda: self._move(article_id))
        menu.addSeparator()
        menu.addAction("Remove from library", lambda: self._remove(article_id))
        menu.exec(self.tree.viewport().mapToGlobal(point))
        menu.deleteLater()

    def edit_metadata(self, article_id: int) -> None:
        from app.gui.panels.metadata_dialog import MetadataDialog

        dialog = MetadataDialog(articles.get(self.db, article_id), self)
        if dialog.exec():
            self._guarded(lambda: articles.update_metadata(self.db, article_id, **dialog.values()))
            self.refresh()
            self.changed.emit(self.collection)

    def _move(self, article_id: int) -> None:
        names = [c.name for c in collections.list_all(self.db)]
        name, ok = QInputDialog.getItem(self, "Move article", "To collection:", names, 0, True)
        if ok and name.strip():
            from app.core.store.library import move_article

            self._guarded(lambda: move_article(self.db, article_id, name.strip()))
            self.refresh()
            self.changed.emit(name.strip())
            self.changed.emit(self.collection)

    def _remove(self, article_id: int) -> None:
        answer = QMessageBox.question(
            self, "Remove article",
            "Remove this article from the library? Its annotations are kept as orphans.",
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            from app.core.store.library import remove_article

            self._guarded(lambda: remove_article(self.db, article_id))
            self.refresh()
            self.changed.emit(self.collection)

    def _guarded(self, call) -> None:
        try:
            call()
        except ParallaxError as exc:
            QMessageBox.warning(self, "Parallax", str(exc))
