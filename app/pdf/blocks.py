"""Flowables for each part of the printable document (app.core.export.document)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPaintDevice

from app.core.counting import count as count_of
from app.core.export.document import (
    DIFFERENCE_LABELS,
    DifferencesSection,
    EntitiesSection,
    FullTextsSection,
    Mark,
    Note,
    NotesSection,
    Paragraph,
    Source,
    Style,
    SynopsisRow,
)
from app.pdf.layout import Cell, Flowable, Row, Spacer, TextFlow
from app.pdf.style import (
    ACCENT,
    INK,
    MUTED,
    NOTE_INK,
    RULE,
    SERIF,
    SHADE,
    RichText,
    char_format,
    mark_difference,
    paragraphs_text,
)

POINTS_PER_MM = 72 / 25.4
Tick = Callable[[], None]  # called once per unit of work: progress and cancel checks


@dataclass(frozen=True)
class Kit:
    device: QPaintDevice
    width: float  # of the frame the blocks go into, in device pixels

    @property
    def pt(self) -> float:
        return self.device.logicalDpiY() / 72

    def rich(self, width: float | None = None, size: float = 9.0) -> RichText:
        return RichText(self.device, self.width if width is None else width, size)


def heading(kit: Kit, text: str, size: float = 13.0, space_before: float = 10.0) -> Flowable:
    rich = kit.rich(size=size).block(space_before=space_before, space_after=4)
    rich.text(text, bold=True, colour=ACCENT)
    return TextFlow(rich, keep_with_next=True)


def prose(
    kit: Kit, text: str, size: float = 9.0, colour: QColor = MUTED, italic: bool = False
) -> Flowable:
    rich = kit.rich(size=size).block(space_after=4, line_height=120)
    rich.text(text, colour=colour, italic=italic)
    return TextFlow(rich)


def display_title(source: Source) -> str:
    return f"Untitled ({source.title})" if source.untitled else source.title


def marks_in(paragraphs: Sequence[Paragraph]) -> set[int]:
    return {i.number for p in paragraphs for i in p.inlines if isinstance(i, Mark)}


# --- synopsis ----------------------------------------------------------------------------------


def synopsis_flowables(
    kit: Kit, sources: Sequence[Source], rows: Sequence[SynopsisRow], tick: Tick
) -> Iterator[Flowable]:
    pt = kit.pt
    gutter = 15 * pt * POINTS_PER_MM
    column = (kit.width - gutter) / max(1, len(sources))
    pad = 3.2 * pt
    size = 8.6 if len(sources) <= 2 else 7.8
    head_cells = [Cell(0, gutter, kit.rich(gutter - 2 * pad, 7).text("Group", bold=True,
                                                                   colour=MUTED))]  # fmt: skip
    for i, source in enumerate(sources):
        rich = kit.rich(column - 2 * pad, size).block()
        rich.text(source.label, bold=True, colour=ACCENT)
        if source.outlet:
            rich.block(space_before=1).text(display_title(source), size=size - 0.8, italic=True)
        rich.block(space_before=1).text(source.published or "date unknown", size=size - 1.2,
                                        colour=MUTED)  # fmt: skip
        head_cells.append(Cell(gutter + i * column, column, rich))
    header = Row(head_cells, kit.width, pad, background=SHADE, rule=ACCENT)
    header.keep_with_next = True
    first = True
    for row in rows:
        cells = [Cell(0, gutter, _gutter(kit, row, gutter - 2 * pad), SHADE if row.group else None)]
        for i, paragraphs in enumerate(row.cells):
            rich = paragraphs_text(kit.device, column - 2 * pad, paragraphs, size) if paragraphs \
                else None  # fmt: skip
            cells.append(Cell(gutter + i * column, column, rich))
        flow = Row(cells, kit.width, pad, rule=RULE, notes=row.notes)
        flow.header = header
        if first:
            yield header
            first = False
        yield flow
        tick()


def _gutter(kit: Kit, row: SynopsisRow, width: float) -> RichText:
    rich = kit.rich(width, 7).block()
    if row.group is None:
        return rich.text("")
    rich.text(str(row.group), size=9, bold=True, colour=ACCENT)
    if row.status == "shared":
        rich.block(space_before=1).text("same", size=6.2, colour=MUTED)
    for kind, severity in row.tags:
        fmt = char_format(6.2, bold=severity == "conflict")
        mark_difference(fmt, kind)
        rich.block(space_before=1.5).text(DIFFERENCE_LABELS.get(kind, kind).lower(), fmt)
    return rich


# --- differences -------------------------------------------------------------------------------


def differences(kit: Kit, section: DifferencesSection, tick: Tick) -> Iterator[Flowable]:
    if not section.entries:
        yield prose(kit, "No differences were found between aligned statements. Either the "
                         "sources agree wherever they report the same thing, or no statements "
                         "have been aligned yet.")  # fmt: skip
        return
    summary = "; ".join(
        f"{DIFFERENCE_LABELS.get(kind, kind)}: {c} conflict{'s' * (c != 1)}, "
        f"{v} variation{'s' * (v != 1)}"
        for kind, c, v in section.counts
    )
    total = count_of(len(section.entries), "difference")
    yield prose(kit, f"{total}, by type and then severity. {summary}.")
    pt = kit.pt
    pad = 3 * pt
    for entry in section.entries:
        title = kit.rich(size=9.5).block(space_before=9, space_after=3)
        title.text(f"D{entry.number}  ", bold=True, colour=ACCENT)
        label = char_format(9.5, bold=True)
        mark_difference(label, entry.type)
        title.text(f" {DIFFERENCE_LABELS.get(entry.type, entry.type)} ", label)
        title.text(f"  {entry.severity}", bold=entry.severity == "conflict", colour=INK)
        where = f"  ·  group {entry.group}" if entry.group else ""
        title.text(f"{where}  ·  {entry.detail}", colour=MUTED)
        yield TextFlow(title, keep_with_next=True)
        readings = list(entry.readings) or []
        per_row = min(4, max(1, len(readings)))
        for at in range(0, len(readings), per_row):
            chunk = readings[at : at + per_row]
            width = kit.width / per_row
            cells = []
            for i, reading in enumerate(chunk):
                rich = kit.rich(width - 2 * pad, 8.2).block()
                fmt = char_format(10, bold=True)
                mark_difference(fmt, entry.type)
                rich.text(reading.text or "—", fmt)
                rich.text(f"   {', '.join(reading.sources)}", size=8.2, bold=True, colour=MUTED)
                for letter, context in reading.contexts:
                    rich.block(space_before=3, line_height=115)
                    rich.text(f"{letter}  ", bold=True, colour=MUTED)
                    rich.paragraph(context)
                cells.append(Cell(i * width, width, rich))
            yield Row(cells, kit.width, pad, rule=RULE)
        if entry.silent:
            yield prose(kit, f"Silent on this point: {', '.join(entry.silent)}.", size=7.5,
                        italic=True)  # fmt: skip
        tick()


# --- entities ----------------------------------------------------------------------------------


def entities(kit: Kit, section: EntitiesSection, tick: Tick) -> Iterator[Flowable]:
    pt = kit.pt
    pad = 2.4 * pt
    sources = list(section.sources)
    yield heading(kit, "Who and what each source mentions", 11, 2)
    yield prose(kit, "Mentions of each entity per source (a dot: not mentioned). Entities are "
                     "listed by how many sources mention them.")  # fmt: skip
    for chunk in _chunks(sources, 12):
        name_w = kit.width * 0.32
        type_w = kit.width * 0.1
        count_w = (kit.width - name_w - type_w) / max(1, len(chunk))
        head = [Cell(0, name_w, kit.rich(name_w, 8).text("Entity", bold=True)),
                Cell(name_w, type_w, kit.rich(type_w, 8).text("Type", bold=True))]  # fmt: skip
        for i, source in enumerate(chunk):
            rich = kit.rich(count_w - 2 * pad, 8).block(align=Qt.AlignmentFlag.AlignCenter)
            head.append(Cell(name_w + type_w + i * count_w, count_w,
                             rich.text(source.letter, bold=True, colour=ACCENT)))  # fmt: skip
        header = Row(head, kit.width, pad, background=SHADE, rule=ACCENT)
        header.keep_with_next = True
        yield header
        offset = sources.index(chunk[0])
        for row in section.rows:
            cells = [
                Cell(0, name_w, kit.rich(name_w - 2 * pad, 8).text(row.name)),
                Cell(name_w, type_w, kit.rich(type_w - 2 * pad, 7).text(row.label,
                                                                        colour=MUTED)),
            ]  # fmt: skip
            for i in range(len(chunk)):
                count = row.counts[offset + i]
                rich = kit.rich(count_w - 2 * pad, 8).block(align=Qt.AlignmentFlag.AlignCenter)
                rich.text(str(count) if count else "·", bold=count > 0,
                          colour=INK if count else RULE)  # fmt: skip
                tint = SHADE if count else None
                cells.append(Cell(name_w + type_w + i * count_w, count_w, rich, tint))
            flow = Row(cells, kit.width, pad, rule=RULE)
            flow.header = header
            yield flow
        yield Spacer(6 * pt)
        tick()
    if section.omitted:
        yield prose(kit, f"{section.omitted} less frequent entities are not shown.", size=7.5)
    if not section.people:
        return
    yield heading(kit, "How each source names the main people", 11)
    if not section.has_descriptors:
        yield prose(kit, "The names each source uses. Descriptions (\u201cthe EU's top "
                         "diplomat\u201d) are listed once entity linking provides them.",
                    size=8)  # fmt: skip
    for chunk in _chunks(sources, 4):
        name_w = kit.width * 0.18
        col = (kit.width - name_w) / len(chunk)
        head = [Cell(0, name_w, kit.rich(name_w, 8).text("Person", bold=True))]
        for i, source in enumerate(chunk):
            head.append(Cell(name_w + i * col, col, kit.rich(col - 2 * pad, 8).text(
                source.label, bold=True, colour=ACCENT)))  # fmt: skip
        header = Row(head, kit.width, pad, background=SHADE, rule=ACCENT)
        header.keep_with_next = True
        yield header
        offset = sources.index(chunk[0])
        for person in section.people:
            cells = [Cell(0, name_w, kit.rich(name_w - 2 * pad, 8).text(person.name, bold=True))]
            for i in range(len(chunk)):
                names = person.names[offset + i]
                described = person.descriptors[offset + i]
                rich = kit.rich(col - 2 * pad, 7.8).block()
                rich.text(", ".join(names) if names else "not mentioned",
                          colour=INK if names else RULE)  # fmt: skip
                if described:
                    rich.block(space_before=2).text("; ".join(described), italic=True,
                                                    colour=MUTED)  # fmt: skip
                cells.append(Cell(name_w + i * col, col, rich))
            flow = Row(cells, kit.width, pad, rule=RULE)
            flow.header = header
            yield flow
        yield Spacer(6 * pt)


def _chunks(items: list[Source], size: int) -> list[list[Source]]:
    """`items` in as few near-equal chunks of at most `size` as can be."""
    if not items:
        return []
    count = -(-len(items) // size)
    step = -(-len(items) // count)
    return [items[i : i + step] for i in range(0, len(items), step)]


# --- full texts and notes ----------------------------------------------------------------------


def fulltexts(
    kit: Kit, section: FullTextsSection, tick: Tick, new_article: Callable[[Source], None]
) -> Iterator[Flowable]:
    notes_by_number = {n.number: n for text in section.texts for n in text.notes}
    for text in section.texts:
        new_article(text.source)
        top = kit.rich(size=8).block(space_after=2)
        top.text(text.source.label if text.source.outlet else text.source.letter, bold=True,
                 colour=ACCENT)  # fmt: skip
        top.text(f"   {text.source.published or 'date unknown'}   ·   {text.source.words} words",
                 colour=MUTED)  # fmt: skip
        yield TextFlow(top, keep_with_next=True)
        title = kit.rich(size=15).block(space_after=8, line_height=115)
        title.text(display_title(text.source), family=SERIF, bold=True)
        yield TextFlow(title, keep_with_next=True)
        for paragraph in text.paragraphs:
            is_heading = paragraph.style is Style.HEADING
            rich = kit.rich(size=10.5 if is_heading else 9.8)
            rich.block(space_before=7 if is_heading else 0, space_after=5, line_height=128)
            rich.paragraph(paragraph, SERIF)
            flow = TextFlow(rich, keep_with_next=is_heading)
            flow.notes = tuple(notes_by_number[n] for n in sorted(marks_in([paragraph]))
                               if n in notes_by_number)  # fmt: skip
            yield flow
        tick()


def notes(
    kit: Kit, section: NotesSection, pages: Mapping[int, Sequence[int]]
) -> Iterator[Flowable]:
    """The list of notes; `pages` (filled while the sections before were laid out) tells where
    each note's mark is printed."""
    yield prose(kit, "The annotations made on these articles, in reading order, with the pages "
                     "where their marks are.")  # fmt: skip
    for note in section.notes:
        rich = kit.rich(size=9).block(space_before=6, line_height=120, indent=0)
        note_line(rich, note, full=True)
        where = pages.get(note.number)
        if where:
            label = "page" if len(where) == 1 else "pages"
            rich.text(f"   {label} {', '.join(map(str, where))}", colour=MUTED)
        yield TextFlow(rich)


def note_line(rich: RichText, note: Note, full: bool = False) -> None:
    size = rich.size
    mark = char_format(size, bold=True, colour=NOTE_INK)
    rich.text(f"{note.number}  ", mark)
    rich.text(f"{note.source}  ", bold=True, colour=MUTED)
    quote = note.quote if full or len(note.quote) <= 90 else note.quote[:87].rstrip() + "…"
    if quote:
        rich.text(f"\u201c{quote}\u201d  ", italic=True, colour=MUTED)
    rich.text(note.text or "(no note text)", colour=INK)
    if note.tags:
        rich.text("   " + " ".join(f"#{t}" for t in note.tags), colour=ACCENT)
    if not note.placed:
        rich.text("   (these words are no longer in the text)", italic=True, colour=MUTED)


def footnotes(kit: Kit, notes_: Sequence[Note], width: float) -> RichText:
    rich = RichText(kit.device, width, 7.2)
    for note in notes_:
        rich.block(space_before=1.5, line_height=112)
        note_line(rich, note)
    return rich
