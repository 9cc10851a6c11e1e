"""Paints a cell's rich text (HTML_ROLE) wrapped to the column width."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from app.gui.compare.synopsis_model import HTML_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex


class HtmlDelegate(QStyledItemDelegate):
    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._doc = QTextDocument()
        self._doc.setDocumentMargin(4)

    def _layout(
        self, option: QStyleOptionViewItem, index: AnyIndex, width: int | None = None
    ) -> QTextDocument:
        self._doc.setDefaultFont(option.font)
        self._doc.setHtml(str(index.data(HTML_ROLE) or ""))
        self._doc.setTextWidth(max(40, width if width is not None else option.rect.width()))
        return self._doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._layout(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        # Size hints come without a cell rectangle: wrap to the column's current width, less
        # the grid line the view paints inside it (one pixel more would save a line too few).
        grid = 1 if self._view.showGrid() else 0
        doc = self._layout(option, index, self._view.columnWidth(index.column()) - grid)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))
