"""The window's own controls beside the action table's: the highlight colour button and the find
box with its count (on the toolbar), and the View menu's "Panes side by side". Each owns its
widgets and tells the window by signals, or acts on the one view it is given."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QActionGroup, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QWidget

from app.core.counting import count as count_of
from app.gui.annotate.annotation_dialog import COLOUR_NAMES, swatch

if TYPE_CHECKING:
    from app.gui.compare.article_pane import ArticlePane
    from app.gui.compare.compare_view import CompareView


class ColourButton(QToolButton):
    """The highlight colour that Highlight selection and new notes use."""

    colourChosen = Signal(str)

    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightColour")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolTip("Colour for new highlights")
        menu = QMenu(self)
        for value, name in COLOUR_NAMES.items():
            menu.addAction(swatch(value), name, lambda v=value: self.choose(v))
        self.setMenu(menu)
        self.colour = colour
        self.setIcon(swatch(colour))

    def choose(self, colour: str) -> None:
        self.colour = colour
        self.setIcon(swatch(colour))
        self.colourChosen.emit(colour)


class PanesMenu(QMenu):
    """How many panes sit side by side; the others are a sideways scroll away."""

    def __init__(self, compare: CompareView, parent: QWidget | None = None) -> None:
        super().__init__("Panes &side by side", parent)
        self._compare = compare
        self._group = QActionGroup(self)
        for count in range(5):
            action = self.addAction("As many as fit" if count == 0 else f"{count}")
            action.setCheckable(True)
            action.setChecked(compare.visible_panes == count)
            action.triggered.connect(lambda _on=False, n=count: compare.set_visible_panes(n))
            self._group.addAction(action)
        self.aboutToShow.connect(self._show_current)

    def _show_current(self) -> None:
        self._group.actions()[min(4, self._compare.visible_panes)].setChecked(True)


def match_starts(document: QTextDocument, text: str) -> list[int]:
    """Where `text` occurs in a document, as Find finds it (ignoring case)."""
    starts: list[int] = []
    cursor = document.find(text, 0)
    while not cursor.isNull() and cursor.hasSelection():
        starts.append(cursor.selectionStart())
        cursor = document.find(text, cursor.selectionEnd())
    return starts


class FindBar(QWidget):
    """The find box and, beside it, "3 of 7 · 12 in all panes". `panes` and `focused` give the
    panes shown and the one in focus (searched first); `counted` carries the longer message,
    which also names the article, for the status bar."""

    counted = Signal(str)

    def __init__(
        self, panes: Callable[[], Sequence[ArticlePane]],
        focused: Callable[[], ArticlePane | None], parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._panes = panes
        self._focused = focused
        self.box = QLineEdit()
        self.box.setPlaceholderText("Find in article (Ctrl+F)")
        self.box.setMaximumWidth(240)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setContentsMargins(6, 0, 6, 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.box)
        layout.addWidget(self.count)
        self.box.returnPressed.connect(self.find_next)
        self.box.textChanged.connect(lambda _t: self.show_count())

    def start(self) -> None:
        """Ctrl+F: into the box, its text selected for typing over."""
        self.box.setFocus()
        self.box.selectAll()

    def find_next(self) -> None:
        """The next match in the pane in focus (else the first), from its top after the last."""
        text = self.box.text()
        panes = self._panes()
        if not text or not panes:
            return
        pane = self._focused() or panes[0]
        if not pane.text.find(text):
            pane.text.moveCursor(pane.text.textCursor().MoveOperation.Start)
            pane.text.find(text, QTextDocument.FindFlag(0))
        self.show_count(pane)

    def show_count(self, pane: ArticlePane | None = None) -> None:
        text = self.box.text()
        panes = self._panes()
        if not text or not panes:
            self.count.setText("")
            return
        pane = pane or self._focused() or panes[0]
        label = pane.article.label if pane.article else "this article"
        here = match_starts(pane.text.document(), text)
        total = sum(len(match_starts(p.text.document(), text)) for p in panes)
        cursor = pane.text.textCursor()
        if cursor.hasSelection() and cursor.selectionStart() in here:
            short = f"{here.index(cursor.selectionStart()) + 1} of {len(here)}"
        else:
            short = count_of(len(here), "match", "matches")
        message = f"{short} in {label}"
        if total > len(here):
            short += f" · {total} in all panes"
            message += f" · {total} in all panes"
        self.count.setText(short)  # short: the toolbar must not widen the window
        self.counted.emit(f"“{text}”: {message}")
