"""Undoable annotation changes (QUndoStack): each command writes through the core store and
tells the window to refresh; undo of a delete puts the same row (same id) back.

A write that fails (full disk, read-only or busy database) must not reach the crash dialog nor
stay on the undo stack as if it had happened: the command records why in `failed` and marks
itself obsolete, which makes QUndoStack drop it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils
from PySide6.QtGui import QUndoCommand

from app.core.annotations import store
from app.core.annotations.model import Annotation
from app.core.store.backup import describe


def kind_of(annotation: Annotation) -> str:
    """What the user calls it, for "Undo Add note" in the Edit menu."""
    if annotation.group_key:
        return "group note"
    return "note" if annotation.note or annotation.tags else "highlight"


class _StoreCommand(QUndoCommand):
    def __init__(self, text: str, db: sqlite_utils.Database, changed: Callable[[], None]) -> None:
        super().__init__(text)
        self._db, self._changed = db, changed
        self.failed: str | None = None

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except sqlite3.Error as exc:  # exceptions cannot cross Qt's C++ call of redo/undo
            self.failed = describe(exc)
            self.setObsolete(True)
        self._changed()

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


class CreateAnnotation(_StoreCommand):
    def __init__(
        self, db: sqlite_utils.Database, annotation: Annotation, changed: Callable[[], None]
    ) -> None:
        super().__init__(f"Add {kind_of(annotation)}", db, changed)
        self._annotation = annotation
        self.created: Annotation | None = None

    def _do(self) -> None:
        self.created = store.create(self._db, self._annotation.with_changes(
            id=self.created.id if self.created else None))  # fmt: skip

    def _undo(self) -> None:
        if self.created is not None and self.created.id is not None:
            store.delete(self._db, self.created.id)


class EditAnnotation(_StoreCommand):
    def __init__(
        self, db: sqlite_utils.Database, before: Annotation, after: Annotation,
        changed: Callable[[], None],
    ) -> None:  # fmt: skip
        super().__init__(f"Edit {kind_of(after)}", db, changed)
        self._before, self._after = before, after

    def _do(self) -> None:
        store.update(self._db, self._after)

    def _undo(self) -> None:
        store.update(self._db, self._before)


class DeleteAnnotation(_StoreCommand):
    def __init__(
        self, db: sqlite_utils.Database, annotation: Annotation, changed: Callable[[], None]
    ) -> None:
        super().__init__(f"Delete {kind_of(annotation)}", db, changed)
        self._annotation = annotation

    def _do(self) -> None:
        if self._annotation.id is not None:
            store.delete(self._db, self._annotation.id)

    def _undo(self) -> None:
        store.create(self._db, self._annotation)
