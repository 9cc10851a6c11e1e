"""A thin ruler beside a pane: where in the whole article the divergences, unique statements
and annotations are, and which part is on screen. Click to jump."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

WIDTH = 12


class OverviewRuler(QWidget):
    jump = Signal(float)  # fraction of the document height

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(WIDTH)
        self._marks: list[tuple[float, float, QColor]] = []
        self._visible = (0.0, 1.0)
        self.setToolTip(
            "Overview of the whole article: divergent statements, annotations; grey: on screen"
        )

    def set_marks(self, marks: list[tuple[float, float, QColor]]) -> None:
        """Marks as (top, bottom) fractions of the document height with their colour."""
        self._marks = marks
        self.update()

    def set_visible(self, top: float, bottom: float) -> None:
        self._visible = (top, bottom)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        height = self.height()
        painter.fillRect(self.rect(), QColor("#f4f4f4"))
        top, bottom = self._visible
        painter.fillRect(QRectF(0, top * height, WIDTH, (bottom - top) * height), QColor("#dcdcdc"))
        for start, end, colour in self._marks:
            painter.fillRect(
                QRectF(2, start * height, WIDTH - 4, max(2.0, (end - start) * height)), colour
            )
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.height():
            self.jump.emit(event.position().y() / self.height())
