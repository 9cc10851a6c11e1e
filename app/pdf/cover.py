"""The cover page: what was compared, the legend of colours, and the contents."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from app.core.export.document import Cover, Mark, Paragraph, Run
from app.pdf.blocks import Kit, display_title, heading
from app.pdf.layout import Cell, Flowable, Row, Spacer, TextFlow, draw_slice
from app.pdf.style import (
    ACCENT,
    INK,
    MUTED,
    NOTE_INK,
    RULE,
    SHADE,
    char_format,
    mark_difference,
)


class Contents(Flowable):
    """The list of sections with their page numbers, known only once every page is laid out:
    it is measured with the titles alone and drawn last."""

    def __init__(self, kit: Kit, entries: Sequence[tuple[str, str]], pages: Callable[[], dict]):
        self.kit = kit
        self.entries = list(entries)
        self.pages = pages
        self.line = 15 * kit.pt

    @property
    def height(self) -> float:
        return self.line * len(self.entries)

    def draw(self, painter: QPainter, x: float, y: float, top: float, bottom: float) -> None:
        pages = self.pages()
        for i, (key, title) in enumerate(self.entries):
            rich = self.kit.rich(size=10).block()
            rich.text(title, colour=INK)
            number = self.kit.rich(size=10).block(align=Qt.AlignmentFlag.AlignRight)
            number.text(str(pages.get(key, "")), bold=True, colour=ACCENT)
            line_y = y + i * self.line
            painter.save()
            painter.translate(x, line_y)
            draw_slice(painter, rich, 0, 0, 0, rich.height)
            draw_slice(painter, number, 0, 0, 0, number.height)
            painter.setPen(QPen(RULE, self.kit.pt * 0.6, Qt.PenStyle.DotLine))
            base = rich.height * 0.8
            painter.drawLine(QPointF(rich.doc.idealWidth() + 6 * self.kit.pt, base),
                             QPointF(self.kit.width - 22 * self.kit.pt, base))  # fmt: skip
            painter.restore()


def cover(
    kit: Kit, page: Cover, contents: Sequence[tuple[str, str]], pages: Callable[[], dict]
) -> Iterator[Flowable]:
    pt = kit.pt
    yield Spacer(28 * pt)
    kicker = kit.rich(size=8).block(space_after=6)
    kicker.text("PARALLAX  ·  COMPARISON OF SOURCES", bold=True, colour=MUTED)
    yield TextFlow(kicker)
    title = kit.rich(size=26).block(line_height=105, space_after=6)
    title.text(page.collection, bold=True, colour=ACCENT)
    yield TextFlow(title)
    if page.empty:
        note = kit.rich(size=11).block(space_after=14)
        note.text("This collection has no articles, so there is nothing to compare. Import "
                  "articles into it, then export again.", colour=MUTED)  # fmt: skip
        yield TextFlow(note)
        return
    sub = kit.rich(size=11).block(space_after=14)
    sub.text(f"How {len(page.sources)} sources reported the story  ·  exported {page.exported}",
             colour=MUTED)  # fmt: skip
    yield TextFlow(sub)

    yield heading(kit, "Sources", 12, 4)
    pad = 3 * pt
    widths = [0.07, 0.22, 0.13, 0.48, 0.10]
    xs = [sum(widths[:i]) * kit.width for i in range(len(widths))]
    labels = ["", "Outlet", "Published", "Title", "Words"]
    head = [Cell(xs[i], widths[i] * kit.width,
                 kit.rich(widths[i] * kit.width - 2 * pad, 7.5).text(t, bold=True, colour=MUTED))
            for i, t in enumerate(labels)]  # fmt: skip
    yield Row(head, kit.width, pad, rule=ACCENT)
    for source in page.sources:
        known = bool(source.outlet)
        values: list[tuple[str, bool, bool, QColor]] = [  # text, bold, italic, colour
            (source.letter, True, False, ACCENT),
            (source.outlet or "unknown", known, False, INK if known else MUTED),
            (source.published or "unknown", False, False, MUTED),
            (display_title(source), False, source.untitled, INK),
            (str(source.words), False, False, MUTED),
        ]
        cells = []
        for i, (text, bold, italic, colour) in enumerate(values):
            rich = kit.rich(widths[i] * kit.width - 2 * pad, 8.6)
            rich.text(text, bold=bold, italic=italic, colour=colour)
            cells.append(Cell(xs[i], widths[i] * kit.width, rich))
        yield Row(cells, kit.width, pad, rule=RULE)

    yield Spacer(10 * pt)
    width = kit.width / len(page.figures)
    cells = []
    for i, (label, value) in enumerate(page.figures):
        rich = kit.rich(width - 2 * pad, 16).block(align=Qt.AlignmentFlag.AlignCenter)
        rich.text(value, bold=True, colour=ACCENT)
        rich.block(align=Qt.AlignmentFlag.AlignCenter).text(label, size=7.5, colour=MUTED)
        cells.append(Cell(i * width, width, rich))
    yield Row(cells, kit.width, pad * 2, background=SHADE)

    if page.conflicts:
        yield heading(kit, "Where the sources contradict each other", 12, 12)
        for line in page.conflicts[:8]:
            rich = kit.rich(size=9).block(space_before=2, line_height=120)
            rich.text("▸  ", colour=NOTE_INK).text(line)
            yield TextFlow(rich)
        if len(page.conflicts) > 8:
            yield TextFlow(kit.rich(size=8.5).block(space_before=2).text(
                f"… and {len(page.conflicts) - 8} more in the Differences section.",
                colour=MUTED))  # fmt: skip

    yield heading(kit, "How to read the highlights", 12, 12)
    swatch_w, label_w = kit.width * 0.16, kit.width * 0.2
    for entry in page.legend:
        fmt = char_format(8.6, bold=False)
        mark_difference(fmt, entry.type)
        sample = kit.rich(swatch_w - 2 * pad, 8.6).text(f" {entry.label.lower()} ", fmt)
        yield Row(
            [Cell(0, swatch_w, sample),
             Cell(swatch_w, label_w, kit.rich(label_w - 2 * pad, 8.6).text(entry.label, bold=True)),
             Cell(swatch_w + label_w, kit.width - swatch_w - label_w,
                  kit.rich(kit.width - swatch_w - label_w - 2 * pad, 8.6).text(entry.meaning,
                                                                               colour=MUTED))],
            kit.width, pad * 0.6,
        )  # fmt: skip
    # drawn by the same code as the document's own text, so the legend cannot disagree with it
    examples = [
        (Run("three", "number", conflict=True), None,
         "  bold on its colour: a conflict, the sources cannot all be right"),
        (Run("European", "wording"), None,
         "  plain on its colour: a variation, compatible but told differently"),
        (Run("disastrous visit", annotated=True), Mark(1),
         "  a reader's note, printed at the foot of the page and in the notes list"),
    ]  # fmt: skip
    for i, (run, mark, meaning) in enumerate(examples):
        rich = kit.rich(size=8.6).block(space_before=6 if i == 0 else 2, line_height=125)
        rich.paragraph(Paragraph((run,) if mark is None else (run, mark)))
        rich.text(meaning, colour=MUTED)
        yield TextFlow(rich)

    if contents:
        yield heading(kit, "Contents", 12, 14)
        yield Contents(kit, contents, pages)
