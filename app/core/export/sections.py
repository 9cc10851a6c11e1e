"""The document's sections after the synopsis: differences, entities, full texts, notes."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping

from app.core.export.context import PrintContext
from app.core.export.document import (
    DIFFERENCE_TYPES,
    DifferenceEntry,
    DifferencesSection,
    EntitiesSection,
    EntityRow,
    FullText,
    FullTextsSection,
    NotesSection,
    Paragraph,
    PersonNaming,
    Reading,
    Style,
)
from app.core.export.inline import Highlight, paragraph
from app.core.view.model import EntityView
from app.core.view.model import Reading as ReadingView

SEVERITY_RANK = {"conflict": 0, "variation": 1}
# Values rather than things: a matrix of "Monday" or "three" per source says nothing useful.
VALUE_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
MAX_ENTITY_ROWS = 30
MAX_PEOPLE = 6
FULLTEXT_STYLES = {
    "heading": Style.HEADING,
    "caption": Style.CAPTION,
    "boilerplate": Style.BOILERPLATE,
}


def build_differences(index: PrintContext, numbers: Mapping[str, int]) -> DifferencesSection:
    found: list[tuple[tuple[int, int, int], DifferenceEntry]] = []
    statements = index.comparison.statements
    for group in index.comparison.groups.values():
        members = {statements[s].article for s in group.statements}
        for difference in group.differences:
            kind, severity = difference.type, difference.severity
            readings = tuple(
                _reading(index, r, kind, severity == "conflict") for r in difference.readings
            )
            taking_sides = {letter for r in readings for letter in r.sources}
            silent = tuple(
                s.letter for s in index.sources if s.key in members and s.letter not in taking_sides
            )
            number = numbers.get(group.key)
            entry = DifferenceEntry(0, kind, severity, difference.detail, number, readings, silent)
            rank = (_type_rank(kind), SEVERITY_RANK.get(severity, 2), number or 1 << 30)
            found.append((rank, entry))
    found.sort(key=lambda pair: pair[0])
    entries = tuple(
        DifferenceEntry(n, e.type, e.severity, e.detail, e.group, e.readings, e.silent)
        for n, (_, e) in enumerate(found, 1)
    )
    tally: dict[str, Counter[str]] = {}
    for e in entries:
        tally.setdefault(e.type, Counter())[e.severity] += 1
    counts = tuple(
        (kind, tally[kind]["conflict"], tally[kind]["variation"])
        for kind in sorted(tally, key=_type_rank)
    )
    return DifferencesSection(entries, counts)


def _reading(index: PrintContext, reading: ReadingView, kind: str, conflict: bool) -> Reading:
    letters: list[str] = []
    contexts: list[tuple[str, Paragraph]] = []
    for span in reading.spans:
        st = index.comparison.statements[span.statement]
        source = index.source[st.article].letter
        if source not in letters:
            letters.append(source)
        light = Highlight(span.start, span.end, kind, conflict)
        contexts.append((source, paragraph(index.text[st.article], st.start, st.end, [light])))
    return Reading(reading.text, tuple(sorted(letters)), tuple(contexts))


def build_entities(index: PrintContext) -> EntitiesSection:
    column = {s.key: i for i, s in enumerate(index.sources)}
    entities = index.comparison.entities
    rows: list[tuple[tuple[int, int, str], EntityRow]] = []
    people: list[tuple[tuple[int, int, str], EntityView]] = []
    for entity in entities:
        counts = [0] * len(index.sources)
        for mention in entity.written:
            if mention.article in column:
                counts[column[mention.article]] += 1
        if not any(counts):
            continue
        rank = (-sum(1 for c in counts if c), -sum(counts), entity.name)
        label = entity.label
        if label not in VALUE_LABELS:
            rows.append((rank, EntityRow(entity.name, label, tuple(counts))))
        if label == "PERSON":
            people.append((rank, entity))
    rows.sort(key=lambda pair: pair[0])
    people.sort(key=lambda pair: pair[0])
    return EntitiesSection(
        sources=index.sources,
        rows=tuple(r for _, r in rows[:MAX_ENTITY_ROWS]),
        omitted=max(0, len(rows) - MAX_ENTITY_ROWS),
        people=tuple(_naming(index, e) for _, e in people[:MAX_PEOPLE]),
        has_descriptors=any(e.descriptors for e in entities),
    )


def _naming(index: PrintContext, entity: EntityView) -> PersonNaming:
    names: list[Counter[str]] = [Counter() for _ in index.sources]
    descriptors: list[list[str]] = [[] for _ in index.sources]
    column = {s.key: i for i, s in enumerate(index.sources)}
    for mention in entity.written:
        if mention.article in column:
            names[column[mention.article]][mention.text.strip()] += 1
    for descriptor in entity.descriptors:
        at = column.get(descriptor.article)
        text = descriptor.text.strip()
        if at is not None and text and text not in descriptors[at]:
            descriptors[at].append(text)
    return PersonNaming(
        entity.name,
        tuple(tuple(n for n, _ in c.most_common()) for c in names),
        tuple(tuple(d) for d in descriptors),
    )


def build_fulltexts(index: PrintContext) -> FullTextsSection:
    texts = []
    for source in index.sources:
        text = index.text[source.key]
        statements = index.comparison.by_article.get(source.key, ())
        starts = [st.start for st in statements]
        paragraphs = []
        at = 0
        for line in text.split("\n"):
            start, end = at, at + len(line)
            at = end + 1
            if not line.strip():
                continue
            i = bisect.bisect_right(starts, start) - 1
            role = statements[i].role if i >= 0 and statements[i].end > start else "body"
            if role == "title":
                continue  # printed as the article's heading
            paragraphs.append(
                paragraph(
                    text,
                    start,
                    end,
                    index.highlights.get(source.key, ()),
                    index.annotations_by_article.get(source.key, ()),
                    FULLTEXT_STYLES.get(role, Style.BODY),
                )
            )
        notes = tuple(
            index.notes[a.number] for a in index.annotations_by_article.get(source.key, ())
        )
        texts.append(FullText(source, tuple(paragraphs), notes))
    return FullTextsSection(tuple(texts))


def build_notes(index: PrintContext) -> NotesSection:
    return NotesSection(tuple(index.notes[n] for n in sorted(index.notes)))


def _type_rank(kind: str) -> int:
    return DIFFERENCE_TYPES.index(kind) if kind in DIFFERENCE_TYPES else len(DIFFERENCE_TYPES)
