"""Pages from flowables: our own pagination on top of QTextDocument.

Qt's own table pagination breaks each cell where the page ends, so the columns of a long row
drift apart; here a table row is one flowable that moves to the next page whole, the table's
head row is repeated on every page it continues on, and annotation notes are set as footnotes on
the page where their mark is. Free text (paragraphs) may break between lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPen

from app.core.export.document import Note
from app.pdf.style import RichText


class Flowable:
    """Something placed on a page, top to bottom."""

    keep_with_next = False
    splits = True  # False: moves to the next page whole unless taller than a page
    header: Flowable | None = None  # drawn first on every page a table continues on
    notes: tuple[Note, ...] = ()

    @property
    def height(self) -> float:
        raise NotImplementedError

    def cut(self, top: float, room: float) -> float | None:
        """The lowest place in (top, top + room] where the flowable may break, if any."""
        return None

    @property
    def opening(self) -> float:
        """What must fit under a heading kept with it: all of it, or its first lines."""
        return self.height

    def draw(self, painter: QPainter, x: float, y: float, top: float, bottom: float) -> None:
        raise NotImplementedError


class Spacer(Flowable):
    def __init__(self, height: float) -> None:
        self._height = height

    @property
    def height(self) -> float:
        return self._height

    def draw(self, painter: QPainter, x: float, y: float, top: float, bottom: float) -> None:
        return None


class TextFlow(Flowable):
    """Rich text that breaks between lines."""

    def __init__(self, rich: RichText, indent: float = 0.0, keep_with_next: bool = False) -> None:
        self.rich = rich
        self.indent = indent
        self.keep_with_next = keep_with_next
        self._breaks: list[float] | None = None

    @property
    def height(self) -> float:
        return self.rich.lead + self.rich.height + self.rich.tail

    def cut(self, top: float, room: float) -> float | None:
        if self._breaks is None:
            self._breaks = [self.rich.lead + b for b in line_bottoms(self.rich)]
        fitting = [b for b in self._breaks if top < b <= top + room]
        return fitting[-1] if fitting else None

    @property
    def opening(self) -> float:
        if self._breaks is None:
            self._breaks = [self.rich.lead + b for b in line_bottoms(self.rich)]
        return self._breaks[1] if len(self._breaks) > 2 else self.height  # two lines

    def draw(self, painter: QPainter, x: float, y: float, top: float, bottom: float) -> None:
        lead = self.rich.lead
        text_top, text_bottom = max(0.0, top - lead), min(self.rich.height, bottom - lead)
        if text_bottom > text_top:
            at = y + text_top + lead - top
            draw_slice(painter, self.rich, x + self.indent, at, text_top, text_bottom)


@dataclass
class Cell:
    x: float  # from the row's left edge
    width: float
    rich: RichText | None
    background: QColor | None = None


class Row(Flowable):
    """A table row: its cells stay side by side on one page."""

    splits = False

    def __init__(
        self,
        cells: Sequence[Cell],
        width: float,
        padding: float,
        background: QColor | None = None,
        rule: QColor | None = None,
        notes: tuple[Note, ...] = (),
        min_height: float = 0.0,
    ) -> None:
        self.cells = list(cells)
        self.width = width
        self.padding = padding
        self.background = background
        self.rule = rule
        self.notes = notes
        inner = max((c.rich.height for c in self.cells if c.rich), default=0.0)
        self._height = max(inner + 2 * padding, min_height)

    @property
    def height(self) -> float:
        return self._height

    def cut(self, top: float, room: float) -> float | None:
        # Only reached for a row taller than a whole page: break it where its tallest cell
        # breaks between lines, the lesser evil.
        tallest = max((c.rich for c in self.cells if c.rich), key=lambda r: r.height)
        lines = [b + self.padding for b in line_bottoms(tallest)]
        fitting = [b for b in lines if top < b <= top + room]
        return fitting[-1] if fitting else None

    def draw(self, painter: QPainter, x: float, y: float, top: float, bottom: float) -> None:
        visible = QRectF(x, y, self.width, bottom - top)
        if self.background is not None:
            painter.fillRect(visible, self.background)
        for cell in self.cells:
            if cell.background is not None:
                painter.fillRect(QRectF(x + cell.x, y, cell.width, bottom - top), cell.background)
            if cell.rich is not None:
                # cell text starts `padding` below the row's top
                text_top = max(0.0, top - self.padding)
                text_bottom = bottom - self.padding
                if text_bottom > text_top:
                    at = y + text_top + self.padding - top
                    draw_slice(painter, cell.rich, x + cell.x + self.padding, at, text_top,
                               text_bottom)  # fmt: skip
        if self.rule is not None and bottom >= self.height:
            painter.setPen(QPen(self.rule, max(1.0, self.padding / 6)))
            end_y = y + bottom - top
            painter.drawLine(QPointF(x, end_y), QPointF(x + self.width, end_y))


def line_bottoms(rich: RichText) -> list[float]:
    """Where each line of a rich text ends, from its top: the places it may break."""
    bottoms: list[float] = []
    block = rich.doc.begin()
    while block.isValid():
        layout = block.layout()
        base = layout.position().y()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            bottoms.append(base + line.y() + line.height())
        block = block.next()
    return bottoms


def draw_slice(
    painter: QPainter, rich: RichText, x: float, y: float, top: float, bottom: float
) -> None:
    """Draw the part [top, bottom) of a rich text with its top at (x, y)."""
    painter.save()
    painter.translate(x, y - top)
    clip = QRectF(0, top, rich.doc.textWidth(), bottom - top)
    painter.setClipRect(clip)
    # documentLayout().draw rather than QTextDocument.drawContents: in PySide6 6.12 many
    # drawContents calls corrupt None's reference count and abort the interpreter.
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    rich.doc.documentLayout().draw(painter, context)
    painter.restore()


# --- pagination --------------------------------------------------------------------------------


@dataclass
class Placed:
    flowable: Flowable
    y: float
    top: float
    bottom: float


@dataclass
class Page:
    landscape: bool
    section: str
    items: list[Placed] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Frame:
    """The printable area of a page, in device pixels."""

    left: float
    top: float
    width: float
    bottom: float


MAX_FOOTNOTE_SHARE = 0.4
FootnoteMaker = Callable[[Sequence[Note], float], RichText]


PageSink = Callable[[Page, int], None]  # a finished page and its number


class Paginator:
    """Places flowables on pages and hands each page to `sink` as soon as it is finished, so
    that no more than the page being filled is held (issue 17: memory bounded by a page, not by
    the document). `section_pages` may come filled from an earlier pass over the same document;
    the numbers found agree, so `setdefault` leaves them as they are."""

    def __init__(
        self,
        frame_for: Callable[[bool], Frame],
        footnotes: FootnoteMaker,
        footnote_gap: float,
        sink: PageSink,
        section_pages: dict[str, int] | None = None,
    ) -> None:
        self.frame_for = frame_for
        self.make_footnotes = footnotes
        self.footnote_gap = footnote_gap
        self.sink = sink
        self.page: Page | None = None  # the page being filled
        self.count = 0  # pages started so far: the number of `page`
        self.section_pages: dict[str, int] = section_pages if section_pages is not None else {}
        self.note_pages: dict[int, list[int]] = {}  # annotation number → pages with its mark
        self._pending: list[Flowable] = []
        self._y = self._fresh_y = 0.0
        self._footnote_heights: dict[tuple[int, ...], float] = {}

    @property
    def current(self) -> Page:
        assert self.page is not None, "start_section first"
        return self.page

    @property
    def frame(self) -> Frame:
        return self.frame_for(self.current.landscape)

    def start_section(self, key: str, title: str, landscape: bool) -> None:
        self._flush_pending()
        self._begin(Page(landscape, title))
        self.section_pages.setdefault(key, self.count)

    def add(self, flowable: Flowable) -> None:
        if flowable.keep_with_next:
            self._pending.append(flowable)
            return
        if self._pending:
            needed = sum(p.height for p in self._pending) + flowable.opening
            if self._y + needed > self._room_bottom(flowable.notes) and self._page_used():
                self._new_page()
            for pending in self._pending:
                self._place(pending)
            self._pending.clear()
        self._place(flowable)

    def finish(self) -> int:
        """Hand over the last page; the number of pages."""
        self._flush_pending()
        if self.page is not None:
            self.sink(self.page, self.count)
            self.page = None
        return self.count

    def _begin(self, page: Page) -> None:
        if self.page is not None:
            self.sink(self.page, self.count)
        self.page = page
        self.count += 1
        self._y = self._fresh_y = self.frame.top

    def footnote_height(self, notes: Sequence[Note]) -> float:
        if not notes:
            return 0.0
        key = tuple(n.number for n in notes)
        if key not in self._footnote_heights:
            rich = self.make_footnotes(notes, self.frame.width)
            self._footnote_heights[key] = rich.height + self.footnote_gap
        return self._footnote_heights[key]

    def _flush_pending(self) -> None:
        for pending in self._pending:
            self._place(pending)
        self._pending.clear()

    def _page_used(self) -> bool:
        """Whether anything but a repeated table head is on the page."""
        return self._y > self._fresh_y + 0.5

    def _room_bottom(self, notes: Sequence[Note]) -> float:
        return self.frame.bottom - self.footnote_height(self._footnotes_with(notes))

    def _footnotes_with(self, notes: Sequence[Note]) -> list[Note]:
        """The page's footnotes with those of a flowable added, unless they would take more
        than MAX_FOOTNOTE_SHARE of the page: those notes are left to the notes list."""
        page = self.current
        fresh = [n for n in notes if n not in page.notes]
        if not fresh:
            return page.notes
        frame = self.frame
        wanted = [*page.notes, *fresh]
        if self.footnote_height(wanted) > MAX_FOOTNOTE_SHARE * (frame.bottom - frame.top):
            return page.notes
        return wanted

    def _new_page(self) -> None:
        self._begin(Page(self.current.landscape, self.current.section))

    def _place(self, flowable: Flowable) -> None:
        top = 0.0
        while True:
            remaining = flowable.height - top
            room = self._room_bottom(flowable.notes) - self._y
            if remaining <= room + 0.01:
                self._put(flowable, top, flowable.height)
                return
            cut = flowable.cut(top, room) if room > 0 else None
            if not flowable.splits and self._page_used():
                cut = None
            if cut is None and self._page_used():
                self._new_page()
                self._repeat_header(flowable)
                continue
            if cut is None:  # taller than an empty page and unbreakable: clip it
                cut = top + max(room, 1.0)
            self._put(flowable, top, cut)
            top = cut
            self._new_page()
            self._repeat_header(flowable)

    def _repeat_header(self, flowable: Flowable) -> None:
        if flowable.header is not None:
            self._put(flowable.header, 0.0, flowable.header.height)
            self._fresh_y = self._y

    def _put(self, flowable: Flowable, top: float, bottom: float) -> None:
        page = self.current
        page.items.append(Placed(flowable, self._y, top, bottom))
        page.notes[:] = self._footnotes_with(flowable.notes)
        for note in (n for n in flowable.notes if n in page.notes):
            pages = self.note_pages.setdefault(note.number, [])
            if not pages or pages[-1] != self.count:
                pages.append(self.count)
        self._y += bottom - top
