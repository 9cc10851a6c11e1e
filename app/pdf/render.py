"""`render_pdf(document, out)`: the one place where a printable document becomes a PDF file.

QPdfWriter + QPainter, with QTextDocument for every piece of text: text stays real (selectable,
searchable) and the fonts are embedded as subsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from app.core.errors import ParallaxError
from app.core.export.destination import verify_pdf, write_atomically
from app.core.export.document import (
    DifferencesSection,
    Document,
    EntitiesSection,
    FullTextsSection,
    Note,
    NotesSection,
    PageSize,
    Source,
    SynopsisSection,
)
from app.pdf import blocks
from app.pdf.blocks import Kit
from app.pdf.cover import cover
from app.pdf.layout import Flowable, Frame, Page, PageSink, Paginator, TextFlow, draw_slice
from app.pdf.style import ACCENT, MUTED, RULE, RichText

DPI = 600
MM = DPI / 25.4
MARGIN_SIDE = 16 * MM
MARGIN_TOP = 19 * MM
MARGIN_BOTTOM = 18 * MM
PAGE_SIZES = {PageSize.A4: QPageSize.PageSizeId.A4, PageSize.LETTER: QPageSize.PageSizeId.Letter}
# Pages held between layout and painting. "Page N of M" and the contents need the page count
# before the first page is painted: a document that fits is laid out once and painted from
# memory; a longer one is laid out twice, first only counting, then painting each page as it is
# finished, so memory stays that of a few pages however long the document (issue 17).
HELD_PAGES = 150  # about 0.6-0.8 MB each, laid out: a 20-article export with full texts fits

Progress = Callable[[float, str], None]
Builder = Callable[[str, str], None]  # lays out one part of the document: (key, title)


class ExportCancelled(ParallaxError):
    """The user stopped the export; no file was written."""


def render_pdf(
    document: Document,
    out: Path,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Write `document` to `out` (atomically) and return its page count."""
    pages = 0

    def write(part: Path) -> None:
        nonlocal pages
        writer = QPdfWriter(str(part))
        try:
            pages = _Renderer(document, writer, progress, should_stop).run()
        finally:
            del writer  # closes the file

    write_atomically(Path(out), write, verify_pdf)
    return pages


class _Renderer:
    def __init__(
        self,
        document: Document,
        writer: QPdfWriter,
        progress: Progress | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.document = document
        self.writer = writer
        self.progress = progress or (lambda fraction, message: None)
        self.should_stop = should_stop or (lambda: False)
        writer.setResolution(DPI)
        writer.setTitle(f"{document.title} — comparison of sources")
        writer.setCreator("Parallax")
        writer.setPageSize(QPageSize(PAGE_SIZES[document.page_size]))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        size = QPageSize(PAGE_SIZES[document.page_size]).size(QPageSize.Unit.Point)
        self.portrait_size = (size.width() * DPI / 72, size.height() * DPI / 72)
        self.paginator = self._paginator(lambda page, number: None)
        self.work_done = 0
        self.work_total = 1
        self.passes = 1  # how many times the document is laid out: 2 once it outgrows memory
        self.shown = 0.0

    # geometry

    def page_size(self, landscape: bool) -> tuple[float, float]:
        w, h = self.portrait_size
        return (h, w) if landscape else (w, h)

    def frame(self, landscape: bool) -> Frame:
        w, h = self.page_size(landscape)
        return Frame(MARGIN_SIDE, MARGIN_TOP, w - 2 * MARGIN_SIDE, h - MARGIN_BOTTOM)

    def kit(self, landscape: bool) -> Kit:
        return Kit(self.writer, self.frame(landscape).width)

    def _footnotes(self, notes: Sequence[Note], width: float) -> RichText:
        return blocks.footnotes(self.kit(False), notes, width)

    # progress

    def tick(self) -> None:
        if self.should_stop():
            raise ExportCancelled("export cancelled")
        self.work_done += 1
        share = 0.85 if self.passes == 1 else 0.45
        self.report(share * self.work_done / self.work_total, "laying out pages")

    def report(self, fraction: float, message: str) -> None:
        # never backwards: the share of the layout drops when a second pass turns out needed
        self.shown = max(self.shown, fraction)
        self.progress(self.shown, message)

    def _count_work(self) -> int:
        total = 1
        for section in self.document.sections:
            if isinstance(section, SynopsisSection):
                total += sum(len(s.rows) for s in section.column_sets)
            elif isinstance(section, DifferencesSection):
                total += len(section.entries)
            elif isinstance(section, EntitiesSection):
                total += 2
            elif isinstance(section, FullTextsSection):
                total += len(section.texts)
        return total

    # the work

    def run(self) -> int:
        self.work_total = self._count_work()
        self.report(0.0, "laying out pages")
        held: list[Page] = []

        def hold(page: Page, number: int) -> None:
            if number <= HELD_PAGES:
                held.append(page)
            else:  # too long to keep: count only, and lay it out again below
                held.clear()
                self.passes = 2

        total = self._layout(hold)
        with _PageWriter(self, total) as writer:
            if self.passes == 1:
                for number, page in enumerate(held, 1):
                    writer.paint(page, number)
            else:
                self.work_done = 0
                again = self._layout(writer.paint, dict(self.paginator.section_pages))
                if again != total:  # the layout is deterministic; "page N / M" relies on it
                    raise ParallaxError(f"the PDF's layout changed between passes ({total}"
                                        f" then {again} pages)")  # fmt: skip
        return total

    def _paginator(self, sink: PageSink, section_pages: dict[str, int] | None = None) -> Paginator:
        return Paginator(self.frame, self._footnotes, 5 * DPI / 72, sink, section_pages)

    def _layout(self, sink: PageSink, section_pages: dict[str, int] | None = None) -> int:
        """Lay the whole document out, handing each finished page to `sink`; the page count.
        `section_pages` (from a first pass) gives the cover's contents their numbers before
        the pages they name are reached."""
        self.paginator = paginate = self._paginator(sink, section_pages)
        sections = self._sections()
        if self.document.cover is not None:
            contents = [(key, title) for key, title, _ in sections]
            paginate.start_section("cover", "", False)
            self._add_all(cover(self.kit(False), self.document.cover, contents,
                                lambda: paginate.section_pages))  # fmt: skip
        for key, title, make in sections:
            make(key, title)
        return paginate.finish()

    def _add_all(self, flowables: Iterable[Flowable]) -> None:
        for flowable in flowables:
            self.paginator.add(flowable)

    def _sections(self) -> list[tuple[str, str, Builder]]:
        """(key, title, builder) per part of the document, in order; builders run lazily, so
        the notes list is built once the pages of its marks are known."""
        found: list[tuple[str, str, Builder]] = []
        tick, note_pages = self.tick, self.paginator.note_pages
        for section in self.document.sections:
            if isinstance(section, SynopsisSection):
                for n, column_set in enumerate(section.column_sets):
                    which = column_set.caption.split(":")[0].lower()
                    title = f"Synopsis ({which})" if column_set.caption else "Synopsis"
                    found.append((f"synopsis-{n}", title, self._synopsis(section, n)))
            elif isinstance(section, DifferencesSection):
                make = self._simple(lambda kit, s=section: blocks.differences(kit, s, tick))
                found.append(("differences", "Differences", make))
            elif isinstance(section, EntitiesSection):
                wide = len(section.sources) > 5
                make = self._simple(lambda kit, s=section: blocks.entities(kit, s, tick), wide)
                found.append(("entities", "Entities", make))
            elif isinstance(section, FullTextsSection):
                found.append(("fulltexts", "Full texts", self._fulltexts(section)))
            elif isinstance(section, NotesSection):
                make = self._simple(lambda kit, s=section: blocks.notes(kit, s, note_pages))
                found.append(("notes", "Notes", make))
        return found

    def _title(self, kit: Kit, title: str) -> None:
        rich = kit.rich(size=18).block(space_after=6)
        rich.text(title, bold=True, colour=ACCENT)
        self.paginator.add(TextFlow(rich, keep_with_next=True))

    def _simple(
        self, make: Callable[[Kit], Iterable[Flowable]], landscape: bool = False
    ) -> Builder:
        def build(key: str, title: str) -> None:
            self.paginator.start_section(key, title, landscape)
            kit = self.kit(landscape)
            self._title(kit, title)
            self._add_all(make(kit))

        return build

    def _synopsis(self, section: SynopsisSection, n: int) -> Builder:
        column_set = section.column_sets[n]

        def build(key: str, title: str) -> None:
            self.paginator.start_section(key, title, column_set.landscape)
            kit = self.kit(column_set.landscape)
            self._title(kit, title)
            intro = section.explanation
            if column_set.caption:
                intro = f"{column_set.caption}. {intro}"
            self.paginator.add(blocks.prose(kit, intro, size=8))
            if not column_set.rows:
                self.paginator.add(blocks.prose(kit, "No statement to show.", size=9))
            self._add_all(blocks.synopsis_flowables(kit, column_set.sources, column_set.rows,
                                               self.tick))  # fmt: skip

        return build

    def _fulltexts(self, section: FullTextsSection) -> Builder:
        def build(key: str, title: str) -> None:
            kit = self.kit(False)

            def new_article(source: Source) -> None:
                self.paginator.start_section(key, f"Full text {source.letter}", False)

            self._add_all(blocks.fulltexts(kit, section, self.tick, new_article))

        return build

    # painting

    def _paint_page(self, painter: QPainter, page: Page, number: int, total: int) -> None:
        frame = self.frame(page.landscape)
        _, height = self.page_size(page.landscape)
        for placed in page.items:
            placed.flowable.draw(painter, frame.left, placed.y, placed.top, placed.bottom)
        if page.notes:
            kit = self.kit(page.landscape)
            notes = blocks.footnotes(kit, page.notes, frame.width)
            top = frame.bottom - notes.height
            painter.setPen(QPen(RULE, DPI / 72 * 0.5))
            rule_y = top - 3 * DPI / 72
            painter.drawLine(QPointF(frame.left, rule_y),
                             QPointF(frame.left + frame.width * 0.3, rule_y))  # fmt: skip
            draw_slice(painter, notes, frame.left, top, 0, notes.height)
        if number == 1 and self.document.cover is not None:
            return
        kit = self.kit(page.landscape)
        head = kit.rich(size=7.5).block()
        head.text(self.document.title, colour=MUTED)
        head_right = kit.rich(size=7.5).block(align=Qt.AlignmentFlag.AlignRight)
        head_right.text(page.section, bold=True, colour=MUTED)
        foot = kit.rich(size=7.5).block(align=Qt.AlignmentFlag.AlignCenter)
        foot.text(f"{number} / {total}", colour=MUTED)
        y_head = 10 * MM
        for rich in (head, head_right):
            draw_slice(painter, rich, frame.left, y_head, 0, rich.height)
        painter.setPen(QPen(RULE, DPI / 72 * 0.5))
        line_y = y_head + head.height + 1.5 * MM
        painter.drawLine(QPointF(frame.left, line_y), QPointF(frame.left + frame.width, line_y))
        draw_slice(painter, foot, frame.left, height - 11 * MM, 0, foot.height)


class _PageWriter:
    """Paints pages into the PDF one at a time, in order; the painter opens on the first."""

    def __init__(self, renderer: _Renderer, total: int) -> None:
        self.renderer = renderer
        self.total = total
        self.painter = QPainter()

    def __enter__(self) -> _PageWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.painter.isActive():
            self.painter.end()

    def paint(self, page: Page, number: int) -> None:
        renderer, writer = self.renderer, self.renderer.writer
        if renderer.should_stop():
            raise ExportCancelled("export cancelled")
        # a new orientation applies from the next page on
        writer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if page.landscape
            else QPageLayout.Orientation.Portrait
        )
        if number == 1:
            if not self.painter.begin(writer):
                raise ParallaxError("cannot write the PDF file")
        else:
            writer.newPage()
        renderer._paint_page(self.painter, page, number, self.total)
        start = 0.85 if renderer.passes == 1 else 0.45
        renderer.report(start + (1 - start) * number / self.total, "writing pages")
