"""Paints a cell's rich text (HTML_ROLE) wrapped to the column width."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.gui.synopsis_model import HTML_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex


class HtmlDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = QTextDocument()
        self._doc.setDocumentMargin(4)

    def _layout(self, option: QStyleOptionViewItem, index: AnyIndex) -> QTextDocument:
        self._doc.setDefaultFont(option.font)
        self._doc.setHtml(str(index.data(HTML_ROLE) or ""))
        self._doc.setTextWidth(max(40, option.rect.width()))
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
        doc = self._layout(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


ALIGN_TOP = Qt.AlignmentFlag.AlignTop
