"""The link map between two neighbouring panes (after Meld's linkmap): for the visible range,
a band joins each statement on the left to its counterpart on the right. It is the splitter
handle, so it can still be dragged to resize the panes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSplitter, QSplitterHandle

from app.gui.compare.colours import LINK_COLOURS

WIDTH = 34

# (left statement span, right statement span, status, in focus)
Link = tuple[tuple[int, int], tuple[int, int], str, bool]


class LinkMap(QSplitterHandle):
    def __init__(self, orientation: Qt.Orientation, parent: QSplitter) -> None:
        super().__init__(orientation, parent)
        self.links: Callable[[int], list[Link]] = lambda _index: []
        self.drawn = 0  # links painted last time (tests and the bench read it)

    def paintEvent(self, event: QPaintEvent) -> None:
        splitter = self.splitter()
        index = splitter.indexOf(self)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f7f7f7"))
        if index <= 0:
            painter.end()
            return
        left, right = splitter.widget(index - 1), splitter.widget(index)
        left_text, right_text = left.text, right.text
        own_top = self.mapToGlobal(QPoint(0, 0)).y()
        left_top = left_text.viewport().mapToGlobal(QPoint(0, 0)).y() - own_top
        right_top = right_text.viewport().mapToGlobal(QPoint(0, 0)).y() - own_top
        height = self.height()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        drawn = 0
        width = float(self.width())
        for (ls, le), (rs, re_), status, focus in self.links(index):
            l0, l1 = left_text.span_y(ls, le)
            r0, r1 = right_text.span_y(rs, re_)
            l0, l1, r0, r1 = l0 + left_top, l1 + left_top, r0 + right_top, r1 + right_top
            if (l1 < 0 and r1 < 0) or (l0 > height and r0 > height):
                continue  # off screen on both sides
            colour = QColor(LINK_COLOURS.get(status, "#aaaaaa"))
            colour.setAlpha(230 if focus else 110)
            path = QPainterPath(QPointF(0, l0))
            path.cubicTo(QPointF(width / 2, l0), QPointF(width / 2, r0), QPointF(width, r0))
            path.lineTo(QPointF(width, r1))
            path.cubicTo(QPointF(width / 2, r1), QPointF(width / 2, l1), QPointF(0, l1))
            path.closeSubpath()
            painter.fillPath(path, colour)
            painter.setPen(QPen(colour.darker(140), 2 if focus else 1))
            painter.drawPath(path)
            drawn += 1
        self.drawn = drawn
        painter.end()
