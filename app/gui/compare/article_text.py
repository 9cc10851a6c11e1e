"""The text of one article: read-only, selectable, with a focus bar painted beside the
statement in focus and extra selections for the entity mention in focus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

FONT_FAMILY = "DejaVu Sans"
BAR_WIDTH = 5


class ArticleText(QTextEdit):
    clicked = Signal(int)  # character offset of a plain click (not a selection)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(QFont(FONT_FAMILY, 11))
        # QTextEdit's default also breaks inside a word when a line is narrow ("controversia l");
        # a pane is never narrower than a readable line, so a break falls between words only.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setViewportMargins(BAR_WIDTH + 4, 0, 0, 0)
        self.document().setDocumentMargin(6)
        self._bars: list[tuple[int, int, QColor]] = []
        self._press: QPoint | None = None
        self._bar_area = _BarArea(self)
        self.context_actions: list = []  # QActions offered in the context menu
        self.tooltip_for: Callable[[int], str] | None = None  # rich text for an offset

    # -- geometry --------------------------------------------------------------------------
    def cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(offset, self.document().characterCount() - 1)))
        return cursor

    def span_y(self, start: int, end: int) -> tuple[int, int]:
        """Top and bottom of a text span in viewport coordinates."""
        top = self.cursorRect(self.cursor_at(start)).top()
        bottom = self.cursorRect(self.cursor_at(max(start, end - 1))).bottom()
        return top, bottom

    def content_y(self, offset: int) -> int:
        """Offset's top in document coordinates (independent of scrolling)."""
        return self.cursorRect(self.cursor_at(offset)).top() + self.verticalScrollBar().value()

    def scroll_to(self, offset: int, fraction: float = 0.3) -> None:
        """Scroll so that `offset` sits at `fraction` of the viewport height."""
        bar = self.verticalScrollBar()
        bar.setValue(int(self.content_y(offset) - fraction * self.viewport().height()))

    def visible_range(self) -> tuple[int, int]:
        viewport = self.viewport().rect()
        first = self.cursorForPosition(viewport.topLeft()).position()
        last = self.cursorForPosition(viewport.bottomRight()).position()
        return first, last

    # -- focus marks -----------------------------------------------------------------------
    def set_bars(self, bars: list[tuple[int, int, QColor]]) -> None:
        self._bars = bars
        self._bar_area.update()

    @property
    def bars(self) -> list[tuple[int, int, QColor]]:
        return self._bars

    def set_mentions(self, spans: list[tuple[int, int]], current: int | None) -> None:
        """Outline the selected entity's mentions; the current one in strong colours."""
        selections = []
        for i, (start, end) in enumerate(spans):
            sel = QTextEdit.ExtraSelection()
            cursor = self.cursor_at(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            if i == current:
                fmt.setBackground(QColor("#2f5fb3"))
                fmt.setForeground(QColor("white"))
            else:  # one look for the followed entity in every pane, whatever its own colour
                # (a weight or size would be ignored: extra selections cannot change metrics)
                fmt.setBackground(QColor("#c5d5f3"))
                fmt.setForeground(QColor("#173a80"))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor("#2f5fb3"))
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        viewport = self.viewport().geometry()
        self._bar_area.setGeometry(QRect(0, viewport.top(), BAR_WIDTH + 4, viewport.height()))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._bar_area.update()

    # -- mouse -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = self._press is not None and (
            (event.position().toPoint() - self._press).manhattanLength() > 3
        )
        plain = event.button() == Qt.MouseButton.LeftButton and not moved
        if plain and not self.textCursor().hasSelection():
            self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.tooltip_for is not None:
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_for(self.cursorForPosition(event.pos()).position())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu: QMenu = self.createStandardContextMenu(event.pos())
        if self.context_actions:
            menu.insertSeparator(menu.actions()[0] if menu.actions() else None)
            for action in reversed(self.context_actions):
                menu.insertAction(menu.actions()[0], action)
        menu.exec(event.globalPos())
        menu.deleteLater()


class _BarArea(QWidget):
    """The margin left of the text where the focus bars are painted."""

    def __init__(self, text: ArticleText) -> None:
        super().__init__(text)
        self._text = text

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        for start, end, colour in self._text.bars:
            top, bottom = self._text.span_y(start, end)
            painter.fillRect(QRect(2, top, BAR_WIDTH, max(4, bottom - top)), colour)
        painter.end()
