"""The printable document: what a PDF export shows, built from a `parallax/comparison-1` dict.

Qt-free on purpose: this module decides the content and its order; app/pdf only
decides how it looks. Everything here is plain frozen data so a renderer can walk it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

DIFFERENCE_TYPES = ("number", "date", "entity", "quote", "attribution", "wording")
DIFFERENCE_LABELS = {
    "number": "Number",
    "date": "Date",
    "entity": "Entity",
    "quote": "Quotation",
    "attribution": "Attribution",
    "wording": "Wording",
}
DIFFERENCE_MEANINGS = {
    "number": "figures or quantities differ (three vs several)",
    "date": "dates or times differ",
    "entity": "a different person, place or organisation",
    "quote": "a quotation is worded differently",
    "attribution": "a claim is attributed to someone else",
    "wording": "the same fact told in different words",
}
MAX_COLUMNS_PER_SET = 5


class Section(StrEnum):
    COVER = "cover"
    SYNOPSIS = "synopsis"
    DIFFERENCES = "differences"
    ENTITIES = "entities"
    FULLTEXTS = "fulltexts"
    NOTES = "notes"


DEFAULT_SECTIONS = (
    Section.COVER,
    Section.SYNOPSIS,
    Section.DIFFERENCES,
    Section.ENTITIES,
    Section.NOTES,
)


class PageSize(StrEnum):
    A4 = "A4"
    LETTER = "Letter"


@dataclass(frozen=True)
class ExportOptions:
    sections: tuple[Section, ...] = DEFAULT_SECTIONS
    only_divergent: bool = False
    include_notes: bool = True
    page_size: PageSize = PageSize.A4


# --- inline content ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look: plain, highlighted as a difference, or annotated."""

    text: str
    difference: str | None = None  # a DIFFERENCE_TYPES value
    conflict: bool = False  # the difference cannot be reconciled: shown stronger
    annotated: bool = False  # inside the target of one of the user's annotations
    note_colour: str | None = None  # that annotation's highlight colour (the innermost one)


@dataclass(frozen=True)
class Mark:
    """The number of an annotation, placed where its target ends."""

    number: int


Inline = Run | Mark


class Style(StrEnum):
    BODY = "body"
    HEADING = "heading"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    style: Style = Style.BODY

    @property
    def plain(self) -> str:
        return "".join(i.text for i in self.inlines if isinstance(i, Run))


@dataclass(frozen=True)
class Note:
    """One of the user's annotations, as printed in a footnote or the notes list."""

    number: int
    source: str  # the article's letter, e.g. "B"
    quote: str  # the annotated words
    text: str  # the note itself
    tags: tuple[str, ...] = ()
    placed: bool = True  # False when its target was not found in the article text


# --- sources and cover ------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    key: str  # the comparison's article id, e.g. "a3"
    letter: str  # "A", "B", … (AA, AB, … past Z): how the document refers to it
    outlet: str | None  # outlet or site name, None when unknown
    title: str  # the title, or the file name when the article has none
    published: str | None
    words: int
    untitled: bool = False

    @property
    def label(self) -> str:
        """How column heads name the source: its letter and outlet, else its title."""
        name = self.outlet or _shorten(self.title, 40)
        return f"{self.letter} · {name}"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class LegendEntry:
    type: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Cover:
    collection: str
    exported: str  # human date, e.g. "26 November 2026"
    sources: tuple[Source, ...]
    figures: tuple[tuple[str, str], ...]  # ("Aligned groups", "12"), …
    legend: tuple[LegendEntry, ...]
    conflicts: tuple[str, ...] = ()  # one line per conflicting difference, most telling first

    @property
    def empty(self) -> bool:
        """No article in the collection (every file of its import was skipped)."""
        return not self.sources


# --- sections ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SynopsisRow:
    group: int | None  # aligned groups are numbered in synopsis order; None for unique rows
    status: str  # shared | divergent | unique
    tags: tuple[tuple[str, str], ...]  # (difference type, severity) of the group's differences
    cells: tuple[tuple[Paragraph, ...], ...]  # one entry per column of its column set
    notes: tuple[Note, ...] = ()  # annotations whose mark is inside this row


@dataclass(frozen=True)
class ColumnSet:
    sources: tuple[Source, ...]
    rows: tuple[SynopsisRow, ...]
    landscape: bool
    caption: str  # e.g. "Sources A–E of 8"; empty when there is a single set


@dataclass(frozen=True)
class SynopsisSection:
    column_sets: tuple[ColumnSet, ...]
    only_divergent: bool
    explanation: str


@dataclass(frozen=True)
class Reading:
    text: str
    sources: tuple[str, ...]  # letters
    contexts: tuple[tuple[str, Paragraph], ...]  # (letter, the statement with the span shown)


@dataclass(frozen=True)
class DifferenceEntry:
    number: int
    type: str
    severity: str
    detail: str
    group: int | None  # the group's number in the synopsis, when the synopsis shows it
    readings: tuple[Reading, ...]
    silent: tuple[str, ...]  # letters of group members that take no side on this point


@dataclass(frozen=True)
class DifferencesSection:
    entries: tuple[DifferenceEntry, ...]
    counts: tuple[tuple[str, int, int], ...]  # (type, conflicts, variations)


@dataclass(frozen=True)
class EntityRow:
    name: str
    label: str
    counts: tuple[int, ...]  # mentions per source, in source order


@dataclass(frozen=True)
class PersonNaming:
    name: str
    names: tuple[tuple[str, ...], ...]  # per source: the name forms it uses, most used first
    descriptors: tuple[tuple[str, ...], ...]  # per source: how it describes the person


@dataclass(frozen=True)
class EntitiesSection:
    sources: tuple[Source, ...]
    rows: tuple[EntityRow, ...]
    omitted: int  # entities left out of the matrix to keep it readable
    people: tuple[PersonNaming, ...]
    has_descriptors: bool  # False while entity linking provides no descriptors


@dataclass(frozen=True)
class FullText:
    source: Source
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class FullTextsSection:
    texts: tuple[FullText, ...]


@dataclass(frozen=True)
class NotesSection:
    notes: tuple[Note, ...]


Body = SynopsisSection | DifferencesSection | EntitiesSection | FullTextsSection | NotesSection


@dataclass(frozen=True)
class Document:
    title: str
    page_size: PageSize
    cover: Cover | None
    sections: tuple[Body, ...] = field(default_factory=tuple)
