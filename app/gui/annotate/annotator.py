"""Annotation actions of the reader: highlight or note the selected text, note a statement
group, edit, delete and jump; every change goes through the undo stack."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.core.annotations import store
from app.core.annotations.groups import anchor_statement
from app.core.annotations.model import Annotation, new_annotation
from app.gui.annotate.annotation_commands import CreateAnnotation, DeleteAnnotation, EditAnnotation
from app.gui.annotate.annotation_dialog import AnnotationDialog
from app.gui.compare.article_pane import ArticlePane
from app.gui.compare.colours import ANNOTATION_COLOURS
from app.gui.compare.compare_view import CompareView


class Annotator:
    def __init__(
        self, db: sqlite_utils.Database, view: CompareView, stack: QUndoStack, parent: QWidget,
        changed,  # called after every change (reload + repaint)
    ) -> None:  # fmt: skip
        self.db, self.view, self.stack, self.parent = db, view, stack, parent
        self.changed = changed
        self.colour = ANNOTATION_COLOURS[0]
        self.annotations: list[Annotation] = []
        self.ask = True  # False: no dialog (tests and scripted use)

    def focused_pane(self) -> ArticlePane | None:
        focused = [p for p in self.view.panes if p.text.hasFocus()]
        selected = [p for p in self.view.panes if p.text.textCursor().hasSelection()]
        return (focused or selected or [None])[0]

    def _selection(self) -> tuple[ArticlePane, int, int] | None:
        pane = self.focused_pane()
        if pane is None or pane.article is None:
            return None
        cursor = pane.text.textCursor()
        if not cursor.hasSelection():
            return None
        return pane, cursor.selectionStart(), cursor.selectionEnd()

    def highlight(
        self, note: str = "", tags: tuple[str, ...] = (), with_dialog: bool = False
    ) -> Annotation | None:
        chosen = self._selection()
        if chosen is None:
            self._tell("Select some text in an article first.")
            return None
        pane, start, end = chosen
        colour = self.colour
        if with_dialog and self.ask:
            dialog = AnnotationDialog(pane.article.text[start:end], note, tags, colour, self.parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            note, tags, colour = dialog.values()
        return self._create(pane, start, end, note=note, tags=tags, colour=colour)

    def note_group(self, note: str = "", tags: tuple[str, ...] = ()) -> Annotation | None:
        """A note about the statement in focus and its group (the divergence)."""
        comparison = self.view.comparison
        focus = next((p for p in self.view.panes if p.text.bars), None)
        if comparison is None or focus is None or focus.article is None:
            self._tell("Click a statement first.")
            return None
        start, _end, _ = focus.text.bars[0]
        statement = comparison.statement_at(focus.key, start)
        if statement is None:
            return None
        if self.ask:
            dialog = AnnotationDialog(statement.text, note, tags, self.colour, self.parent)
            dialog.setWindowTitle("Note on statement group")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            note, tags, colour = dialog.values()
        else:
            colour = self.colour
        group = self.view.focus_group or statement.group
        members = comparison.groups[group].statements if group else (statement.key,)
        anchors = []
        for key in members:  # anchored by text: the group's id changes at every re-alignment
            member = comparison.statements[key]
            article = comparison.article(member.article)
            anchors.append(anchor_statement(article.db_id, article.path, article.text,
                                            member.start, member.end))  # fmt: skip
        return self._create(
            focus, statement.start, statement.end, note=note, tags=tags, colour=colour,
            group_key=group, group_anchors=tuple(anchors),
        )  # fmt: skip

    def _create(self, pane: ArticlePane, start: int, end: int, **values) -> Annotation | None:
        assert pane.article is not None and self.view.comparison is not None
        ann = new_annotation(
            self.view.comparison.collection_id, pane.article.db_id, pane.article.path,
            pane.article.text, start, end, **values,
        )  # fmt: skip
        command = CreateAnnotation(self.db, ann, self.changed)
        self._push(command)
        return None if command.failed else command.created

    def edit(self, annotation_id: int) -> None:
        before = store.get(self.db, annotation_id)
        dialog = AnnotationDialog(
            before.exact, before.note, before.tags, before.colour, self.parent
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            note, tags, colour = dialog.values()
            after = before.with_changes(note=note, tags=tags, colour=colour)
            self._push(EditAnnotation(self.db, before, after, self.changed))

    def delete(self, annotation_id: int) -> None:
        self._push(DeleteAnnotation(self.db, store.get(self.db, annotation_id), self.changed))

    def _push(self, command: CreateAnnotation | EditAnnotation | DeleteAnnotation) -> None:
        """Push (which runs the change); a failed write is dropped from the stack and told."""
        self.stack.push(command)
        if command.failed:
            self._warn(f"Not saved: {command.failed}.")

    def jump(self, annotation_id: int) -> None:
        ann = next((a for a in self.annotations if a.id == annotation_id), None)
        if ann is None or ann.is_orphan:
            return
        for pane in self.view.panes:
            if pane.article is not None and pane.article.db_id == ann.article_id:
                pane.text.scroll_to(ann.start)
                cursor = pane.text.cursor_at(ann.start)
                cursor.setPosition(ann.end, cursor.MoveMode.KeepAnchor)
                pane.text.setTextCursor(cursor)
                return

    def _warn(self, message: str) -> None:
        if self.ask:
            QMessageBox.warning(self.parent, "Parallax", message)
        else:
            self._tell(message)

    def _tell(self, message: str) -> None:
        window = self.parent.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 4000)
        elif self.ask:
            QMessageBox.information(self.parent, "Parallax", message)
