"""Undoable annotation changes (QUndoStack): each command writes through the core store and
tells the window to refresh; undo of a delete puts the same row (same id) back."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils
from PySide6.QtGui import QUndoCommand

from app.core.annotations import store
from app.core.annotations.model import Annotation


class CreateAnnotation(QUndoCommand):
    def __init__(
        self, db: sqlite_utils.Database, annotation: Annotation, changed: Callable[[], None]
    ) -> None:
        super().__init__("add annotation")
        self._db, self._annotation, self._changed = db, annotation, changed
        self.created: Annotation | None = None

    def redo(self) -> None:
        self.created = store.create(self._db, self._annotation.with_changes(
            id=self.created.id if self.created else None))  # fmt: skip
        self._changed()

    def undo(self) -> None:
        if self.created is not None and self.created.id is not None:
            store.delete(self._db, self.created.id)
        self._changed()


class EditAnnotation(QUndoCommand):
    def __init__(
        self, db: sqlite_utils.Database, before: Annotation, after: Annotation,
        changed: Callable[[], None],
    ) -> None:  # fmt: skip
        super().__init__("edit annotation")
        self._db, self._before, self._after, self._changed = db, before, after, changed

    def redo(self) -> None:
        store.update(self._db, self._after)
        self._changed()

    def undo(self) -> None:
        store.update(self._db, self._before)
        self._changed()


class DeleteAnnotation(QUndoCommand):
    def __init__(
        self, db: sqlite_utils.Database, annotation: Annotation, changed: Callable[[], None]
    ) -> None:
        super().__init__("delete annotation")
        self._db, self._annotation, self._changed = db, annotation, changed

    def redo(self) -> None:
        if self._annotation.id is not None:
            store.delete(self._db, self._annotation.id)
        self._changed()

    def undo(self) -> None:
        store.create(self._db, self._annotation)
        self._changed()
