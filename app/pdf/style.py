"""How the printed comparison looks: fonts, colours, and rich-text documents for its runs.

Fonts are named explicitly (DejaVu is installed with the app's system dependencies and covers
Latin with accents, Greek and Cyrillic) so the PDF does not change when other fonts appear.
Text is built with QTextCursor formats rather than HTML: Qt's HTML subset ignores <mark>, and
formats cannot be misread as markup when an article contains '<' or '&'.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from app.core.export.document import Mark, Paragraph, Run, Style
from app.core.palette import DEFAULT_ANNOTATION_COLOUR, darker, difference_ink, difference_tint

SANS = "DejaVu Sans"
SERIF = "DejaVu Serif"

INK = QColor("#1d1f24")
MUTED = QColor("#5f6672")
RULE = QColor("#c9ced6")
SHADE = QColor("#f1f3f6")
ACCENT = QColor("#24426b")  # headings, the cover's title
NOTE_INK = QColor("#a2302a")  # annotation marks and their underline


def difference_colour(kind: str | None) -> QColor:
    """The background of a difference: its kind's ink from the shared palette, lightened."""
    return QColor(difference_tint(kind))


def mark_difference(fmt: QTextCharFormat, kind: str | None) -> QTextCharFormat:
    """A difference as the reader shows it (underlined in the kind's ink, the same colour as
    on screen), on the light tint of that ink so it still shows when printed."""
    fmt.setBackground(difference_colour(kind))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(QColor(difference_ink(kind)))
    return fmt


def make_font(family: str, size: float) -> QFont:
    """A font without ligatures: "ﬁ" as one glyph would copy and search as U+FB01, not "fi"."""
    font = QFont(family)
    font.setPointSizeF(size)
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def char_format(
    size: float,
    *,
    family: str = SANS,
    bold: bool = False,
    italic: bool = False,
    colour: QColor = INK,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    font = make_font(family, size)
    font.setBold(bold)
    font.setItalic(italic)
    fmt.setFont(font)
    fmt.setForeground(colour)
    return fmt


class RichText:
    """A QTextDocument laid out for the PDF writer, filled block by block."""

    def __init__(self, device: QPaintDevice, width: float, size: float = 9.0) -> None:
        self.doc = QTextDocument()
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDocumentMargin(0)
        self.doc.setDefaultFont(make_font(SANS, size))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.doc.setTextWidth(width)
        self.cursor = QTextCursor(self.doc)
        self.size = size
        self._first = True
        # A document ignores its first block's top margin and its last block's bottom margin:
        # TextFlow adds these as space around the text instead (device pixels).
        self.lead = 0.0
        self.tail = 0.0
        self._points = device.logicalDpiY() / 72

    def block(
        self,
        *,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        space_before: float = 0.0,
        space_after: float = 0.0,
        line_height: int = 112,
        indent: float = 0.0,
    ) -> RichText:
        """Start a paragraph (spaces in points, line height in percent)."""
        fmt = QTextBlockFormat()
        fmt.setAlignment(align)
        scale = 96 / 72  # block margins are CSS pixels, which Qt scales to the device itself
        fmt.setTopMargin(space_before * scale)
        fmt.setBottomMargin(space_after * scale)
        fmt.setLeftMargin(indent * scale)
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self.tail = space_after * self._points
        if self._first:
            self.cursor.setBlockFormat(fmt)
            self.lead = space_before * self._points
            self._first = False
        else:
            self.cursor.insertBlock(fmt)
        return self

    def text(
        self,
        text: str,
        fmt: QTextCharFormat | None = None,
        *,
        size: float | None = None,
        family: str = SANS,
        bold: bool = False,
        italic: bool = False,
        colour: QColor = INK,
    ) -> RichText:
        if fmt is None:
            fmt = char_format(size or self.size, family=family, bold=bold, italic=italic,
                              colour=colour)  # fmt: skip
        self.cursor.insertText(text, fmt)
        return self

    def paragraph(self, paragraph: Paragraph, family: str = SANS) -> RichText:
        """The runs of a model paragraph: differences on their colour (bold when they conflict),
        annotated words underlined, annotation numbers raised."""
        size = self.size
        italic = paragraph.style in (Style.CAPTION, Style.BOILERPLATE)
        colour = MUTED if paragraph.style is Style.BOILERPLATE else INK
        heading = paragraph.style is Style.HEADING
        for inline in paragraph.inlines:
            if isinstance(inline, Mark):
                mark = char_format(size, bold=True, colour=NOTE_INK)  # Qt shrinks it
                mark.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
                self.cursor.insertText(str(inline.number), mark)
                continue
            self.cursor.insertText(inline.text, _run_format(inline, size, family, heading,
                                                           italic, colour))  # fmt: skip
        return self

    @property
    def height(self) -> float:
        return self.doc.size().height()


def _run_format(
    run: Run, size: float, family: str, heading: bool, italic: bool, colour: QColor
) -> QTextCharFormat:
    fmt = char_format(size, family=family, bold=heading or run.conflict, italic=italic,
                      colour=colour)  # fmt: skip
    if run.difference:
        mark_difference(fmt, run.difference)
    if run.annotated:
        # the user's own highlight colour, as in the reader; a difference keeps its background
        # and the note takes the underline (dotted, like the reader's notes)
        note = run.note_colour or DEFAULT_ANNOTATION_COLOUR
        if not run.difference:
            fmt.setBackground(QColor(note))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor(darker(note)))
    return fmt


def paragraphs_text(
    device: QPaintDevice,
    width: float,
    paragraphs: Iterable[Paragraph],
    size: float,
    family: str = SANS,
    gap: float = 3.0,
) -> RichText:
    rich = RichText(device, width, size)
    for i, paragraph in enumerate(paragraphs):
        rich.block(space_before=gap if i else 0.0)
        rich.paragraph(paragraph, family)
    return rich
