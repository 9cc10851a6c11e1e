"""One article in the comparison: header (source, date, title), text, overview ruler."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.core.annotations.model import Annotation
from app.core.view.model import DIVERGENT, ArticleView, Comparison
from app.gui.compare.article_text import ArticleText
from app.gui.compare.highlighter import LayeredHighlighter, Span
from app.gui.compare.overview import OverviewRuler

RULER_COLOURS = {DIVERGENT: QColor("#f08c00")}
HEADER_SIDES = 16  # the header's left and right padding (6 + 6) and a little air
# A pane is never narrower than a line of this many characters of running text (a newspaper
# column holds 30-40): narrower columns read badly and their headers say nothing. 33 lets four
# panes sit beside both docks at 1920 px and three at 1366 px. The width is measured on
# prose, not on the widest glyph, so it follows the font and the zoom.
READABLE_CHARS = 33
_PROSE = "the statement was made on Friday, and officials said that it would be reviewed"


class ArticlePane(QFrame):
    statementClicked = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.article: ArticleView | None = None
        # Every pane's header has the same height (source line + two title lines, elided), so
        # the texts start level and the link map's lines between them stay straight.
        self.header = QLabel()
        self.header.setWordWrap(False)
        # Its lines are elided to the pane's width: it must never dictate that width.
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.header.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.header.setObjectName("paneHeader")
        self.header.setStyleSheet(
            "#paneHeader { background: #eef1f5; padding: 4px 6px; border-bottom: 1px solid #ccd; }"
        )
        self.text = ArticleText()
        self.ruler = OverviewRuler()
        self.highlighter = LayeredHighlighter(self.text.document())
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.text)
        body.addWidget(self.ruler)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(body)
        self.text.clicked.connect(self._clicked)
        self.text.verticalScrollBar().valueChanged.connect(self._update_visible)
        self.ruler.jump.connect(self._jump)
        self._marks: list[tuple[int, int, QColor]] = []
        self.fit_min_width()

    def readable_width(self) -> int:
        """The pane width that holds READABLE_CHARS characters of the text's current font."""
        metrics = QFontMetrics(self.text.font())
        line = metrics.horizontalAdvance(_PROSE) * READABLE_CHARS / len(_PROSE)
        style = self.text.style()
        margins = self.text.viewportMargins()
        chrome = (
            margins.left() + margins.right()
            + 2 * self.text.document().documentMargin()
            + 2 * self.text.frameWidth()
            + style.pixelMetric(style.PixelMetric.PM_ScrollBarExtent)
            + self.ruler.minimumWidth()
        )  # fmt: skip
        return int(line + chrome + 0.5)

    def fit_min_width(self) -> None:
        """After a font change (zoom): the pane may not shrink below a readable line."""
        self.setMinimumWidth(self.readable_width())

    @property
    def key(self) -> str:
        return self.article.key if self.article else ""

    def show_article(self, article: ArticleView) -> None:
        self.article = article
        self.text.setPlainText(article.text)
        self._fill_header()

    def _fill_header(self) -> None:
        article = self.article
        if article is None:
            return
        date = article.published or "date unknown"
        title = article.title or article.path.rsplit("/", 1)[-1]
        source = article.source or "source unknown"
        metrics = self.header.fontMetrics()
        width = max(40, self.width() - HEADER_SIDES)
        bold = QFont(self.header.font())
        bold.setBold(True)
        room = width - metrics.horizontalAdvance(f" · {date}")
        source = QFontMetrics(bold).elidedText(source, Qt.TextElideMode.ElideRight, room)
        lines = [_escape(x) for x in two_lines(title, metrics, width)]
        lines += ["&nbsp;"] * (2 - len(lines))  # always three lines: every header as high
        self.header.setText(f"<b>{_escape(source)}</b> · {date}<br>" + "<br>".join(lines))
        self.header.setFixedHeight(self.header.sizeHint().height())
        self.header.setToolTip(
            f"<b>{_escape(article.source or '')}</b> {date}<br>{_escape(title)}<br>"
            f"<small>{_escape(article.path)}</small>"
        )

    def paint(self, layers: Sequence[tuple[str, list[Span]]]) -> None:
        self.highlighter.set_layers(layers)

    def mark_overview(self, comparison: Comparison, annotations: Sequence[Annotation] = ()) -> None:
        marks = [
            (st.start, st.end, RULER_COLOURS[st.state])
            for st in comparison.by_article.get(self.key, ())
            if st.state in RULER_COLOURS
        ]
        if self.article is not None:
            marks += [
                (a.start, a.end, QColor(a.colour))
                for a in annotations
                if a.article_id == self.article.db_id and not a.is_orphan
            ]
        self._marks = marks
        self.refresh_overview()

    def refresh_overview(self) -> None:
        """Recompute ruler positions (after layout changes: resize, zoom)."""
        height = max(1.0, float(self.text.document().size().height()))
        self.ruler.set_marks(
            [
                (self.text.content_y(s) / height, self.text.content_y(e) / height, colour)
                for s, e, colour in self._marks
            ]
        )
        self._update_visible()

    def _update_visible(self) -> None:
        bar = self.text.verticalScrollBar()
        total = max(1, bar.maximum() + bar.pageStep())
        self.ruler.set_visible(bar.value() / total, (bar.value() + bar.pageStep()) / total)

    def _jump(self, fraction: float) -> None:
        bar = self.text.verticalScrollBar()
        total = bar.maximum() + bar.pageStep()
        bar.setValue(int(fraction * total - bar.pageStep() / 2))

    def _clicked(self, offset: int) -> None:
        self.statementClicked.emit(self.key, offset)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fill_header()
        if self._marks:
            self.refresh_overview()


def two_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` wrapped at words into at most two lines of `width` pixels, the second elided."""
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance(f"{first} {words[0]}".strip()) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first and words:  # one word longer than the line
        return [metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)]
    rest = " ".join(words)
    if not rest:
        return [first]
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
