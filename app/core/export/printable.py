"""`build_document(comparison, options)`: the printable document for a comparison."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from app.core.export.context import PrintContext
from app.core.export.document import (
    DIFFERENCE_LABELS,
    DIFFERENCE_MEANINGS,
    DIFFERENCE_TYPES,
    Body,
    Cover,
    Document,
    ExportOptions,
    LegendEntry,
    Section,
)
from app.core.export.sections import (
    build_differences,
    build_entities,
    build_fulltexts,
    build_notes,
)
from app.core.export.synopsis import number_groups, synopsis_section
from app.core.view.model import Comparison
from app.core.view.synopsis import synopsis_rows


def build_document(comparison: Comparison, options: ExportOptions) -> Document:
    index = PrintContext(comparison, include_notes=options.include_notes)
    name = comparison.collection_name or "Comparison"
    if not index.sources:  # one page that says so, whatever sections were asked for
        return Document(name, options.page_size, _cover(index, name, {}), ())
    units = synopsis_rows(comparison, only_divergent=options.only_divergent)
    numbers = number_groups(units)
    builders: dict[Section, Callable[[], Body]] = {
        Section.SYNOPSIS: lambda: synopsis_section(index, units, options.only_divergent),
        Section.DIFFERENCES: lambda: build_differences(index, numbers),
        Section.ENTITIES: lambda: build_entities(index),
        Section.FULLTEXTS: lambda: build_fulltexts(index),
        Section.NOTES: lambda: build_notes(index),
    }
    sections: list[Body] = []
    for section in Section:  # the document's order, whatever order the options list them in
        if section in builders and section in options.sections:
            if section is Section.NOTES and not index.notes:
                continue
            sections.append(builders[section]())
    cover = _cover(index, name, numbers) if Section.COVER in options.sections else None
    return Document(name, options.page_size, cover, tuple(sections))


def _cover(index: PrintContext, name: str, numbers: Mapping[str, int]) -> Cover:
    groups = index.comparison.groups.values()
    differences = [d for g in groups for d in g.differences]
    used = {d.type for d in differences}
    # The legend lists every type when there is nothing yet, so a reader learns the colours.
    legend_types = [t for t in DIFFERENCE_TYPES if t in used] or list(DIFFERENCE_TYPES)
    legend_types += sorted(used - set(DIFFERENCE_TYPES))
    legend = tuple(
        LegendEntry(t, DIFFERENCE_LABELS.get(t, t.title()), DIFFERENCE_MEANINGS.get(t, ""))
        for t in legend_types
    )
    figures = (
        ("Sources", str(len(index.sources))),
        ("Statements", str(len(index.comparison.statements))),
        ("Aligned groups", str(len(groups))),
        ("Divergent groups", str(sum(g.divergent for g in groups))),
        ("Differences", str(len(differences))),
        ("Annotations", str(len(index.annotations))),
    )
    exported = _human_date(index.comparison.generated)
    return Cover(name, exported, index.sources, figures, legend, _conflicts(index, numbers))


def _conflicts(index: PrintContext, numbers: Mapping[str, int]) -> tuple[str, ...]:
    """The conflicts, worst first: most sources taking sides, then synopsis order."""
    found = []
    for group in index.comparison.groups.values():
        for d in group.differences:
            if d.severity != "conflict":
                continue
            sides = [sorted({index.source[s.article].letter for s in r.spans}) for r in d.readings]
            told = "  vs  ".join(
                f"{r.text} ({', '.join(letters)})"
                for r, letters in zip(d.readings, sides, strict=False)
            )
            where = f"group {numbers[group.key]}: " if group.key in numbers else ""
            label = DIFFERENCE_LABELS.get(d.type, d.type)
            found.append((-sum(map(len, sides)), numbers.get(group.key, 1 << 30),
                          f"{label}, {where}{told}"))  # fmt: skip
    return tuple(line for *_, line in sorted(found))


def _human_date(stamp: str) -> str:
    try:
        when = dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        when = dt.datetime.now(dt.UTC)
    return f"{when.day} {when:%B %Y}"
