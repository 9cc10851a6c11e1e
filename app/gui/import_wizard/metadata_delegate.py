"""Editing a title, source, date or URL in the preview table: a value that cannot be stored
("last Tuesday" as a date) is refused on Enter or Tab with the reason shown right under the
field, and the editor stays open with what was typed, so nothing is blanked silently."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.core.errors import ParallaxError
from app.core.ingest.edits import check_edit
from app.gui.import_wizard.preview_model import EDITABLE_COLUMNS, REFUSED_COLOUR

COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
REFUSED_STYLE = f"border: 2px solid {REFUSED_COLOUR};"


def refusal(name: str, text: str) -> str | None:
    """Why `text` cannot be stored as `name` (None: it can)."""
    try:
        check_edit(name, text)
    except ParallaxError as exc:
        return str(exc)
    return None


class CheckedDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editing: dict[QWidget, QPersistentModelIndex] = {}
        self.reason: QLabel | None = None  # the visible reason, under the refused field

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        self._editing[editor] = QPersistentModelIndex(index)
        name = EDITABLE_COLUMNS.get(index.column())
        refused = index.model().data(index, Qt.ItemDataRole.ToolTipRole) or ""
        if name and isinstance(editor, QLineEdit) and str(refused).startswith("Refused: "):
            self._show(editor, str(refused).removeprefix("Refused: "))  # reopened: say why
        return editor

    def destroyEditor(self, editor: QWidget, index: QModelIndex) -> None:
        self._editing.pop(editor, None)
        self._hide()
        super().destroyEditor(editor, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QLineEdit)
            and watched in self._editing
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in COMMIT_KEYS
        ):
            name = EDITABLE_COLUMNS.get(self._editing[watched].column())
            why = refusal(name, watched.text()) if name else None
            if why is not None:
                self._show(watched, why)
                return True  # keep the editor open, with what was typed
            self._hide()
        return super().eventFilter(watched, event)

    def _show(self, editor: QLineEdit, why: str) -> None:
        editor.setStyleSheet(REFUSED_STYLE)
        if self.reason is None:
            self.reason = QLabel(editor.parentWidget())
            self.reason.setObjectName("refusedReason")
            self.reason.setWordWrap(True)
            self.reason.setStyleSheet(
                f"color: {REFUSED_COLOUR}; background: #fff4f4; "
                f"border: 1px solid {REFUSED_COLOUR}; padding: 2px 4px;"
            )
        self.reason.setParent(editor.parentWidget())
        self.reason.setText(why)
        box = editor.geometry()
        width = max(box.width(), 320)
        self.reason.setFixedWidth(width)
        self.reason.adjustSize()
        self.reason.move(box.left(), box.bottom() + 2)
        self.reason.show()
        self.reason.raise_()

    def _hide(self) -> None:
        if self.reason is not None:
            self.reason.hide()
