"""`build_document(comparison, options)`: the printable document for a comparison dict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

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
from app.core.export.index import ComparisonIndex
from app.core.export.sections import (
    build_differences,
    build_entities,
    build_fulltexts,
    build_notes,
)
from app.core.export.synopsis import build_synopsis, number_groups, shown_units


def build_document(comparison: Mapping[str, Any], options: ExportOptions) -> Document:
    index = ComparisonIndex(comparison, include_notes=options.include_notes)
    name = str((comparison.get("collection") or {}).get("name") or "Comparison")
    if not index.sources:  # one page that says so, whatever sections were asked for
        return Document(name, options.page_size, _cover(index, name, {}), ())
    units = shown_units(index, options.only_divergent)
    numbers = number_groups(units)
    builders: dict[Section, Callable[[], Body]] = {
        Section.SYNOPSIS: lambda: build_synopsis(index, units, options.only_divergent),
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


def _cover(index: ComparisonIndex, name: str, numbers: Mapping[str, int]) -> Cover:
    differences = [d for g in index.groups for d in g.differences]
    used = {str(d.get("type")) for d in differences}
    # The legend lists every type when there is nothing yet, so a reader learns the colours.
    legend_types = [t for t in DIFFERENCE_TYPES if t in used] or list(DIFFERENCE_TYPES)
    legend_types += sorted(used - set(DIFFERENCE_TYPES))
    legend = tuple(
        LegendEntry(t, DIFFERENCE_LABELS.get(t, t.title()), DIFFERENCE_MEANINGS.get(t, ""))
        for t in legend_types
    )
    figures = (
        ("Sources", str(len(index.sources))),
        ("Statements", str(len(index.statements))),
        ("Aligned groups", str(len(index.groups))),
        ("Divergent groups", str(sum(g.divergent for g in index.groups))),
        ("Differences", str(len(differences))),
        ("Annotations", str(len(index.annotations))),
    )
    exported = _human_date(index.comparison.get("generated"))
    return Cover(name, exported, index.sources, figures, legend, _conflicts(index, numbers))


def _conflicts(index: ComparisonIndex, numbers: Mapping[str, int]) -> tuple[str, ...]:
    """The conflicts, worst first: most sources taking sides, then synopsis order."""
    found = []
    for group in index.groups:
        for d in group.differences:
            if d.get("severity") != "conflict":
                continue
            sides = [
                sorted({index.source[index.statements[s["statement"]].article].letter
                        for s in r.get("spans") or () if s.get("statement") in index.statements})
                for r in d.get("readings") or ()
            ]  # fmt: skip
            told = "  vs  ".join(
                f"{r.get('text')} ({', '.join(letters)})"
                for r, letters in zip(d.get("readings") or (), sides, strict=False)
            )
            where = f"group {numbers[group.id]}: " if group.id in numbers else ""
            label = DIFFERENCE_LABELS.get(str(d.get("type")), str(d.get("type")))
            found.append((-sum(map(len, sides)), numbers.get(group.id, 1 << 30),
                          f"{label}, {where}{told}"))  # fmt: skip
    return tuple(line for *_, line in sorted(found))


def _human_date(stamp: Any) -> str:
    try:
        when = dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        when = dt.datetime.now(dt.UTC)
    return f"{when.day} {when:%B %Y}"
