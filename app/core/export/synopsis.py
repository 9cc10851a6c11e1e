"""The synopsis section: the view's synopsis rows (app/core/view/synopsis.py) laid out in
column sets, unique statements in their own column between the groups they come between."""

from __future__ import annotations

from collections.abc import Sequence

from app.core.export.context import PrintContext
from app.core.export.document import (
    DIFFERENCE_TYPES,
    MAX_COLUMNS_PER_SET,
    ColumnSet,
    Mark,
    Paragraph,
    Source,
    Style,
    SynopsisSection,
)
from app.core.export.document import SynopsisRow as PrintedRow
from app.core.export.inline import paragraph
from app.core.view.model import StatementView
from app.core.view.synopsis import SynopsisRow

STYLE_OF_ROLE = {"body": Style.BODY, "heading": Style.HEADING}
SEVERITY_ORDER = {"conflict": 0, "variation": 1}


def number_groups(units: Sequence[SynopsisRow]) -> dict[str, int]:
    """Groups are numbered in the order the synopsis shows them; other sections refer to them."""
    groups = [u.group.key for u in units if u.group]
    return {gid: n for n, gid in enumerate(groups, 1)}


def synopsis_section(
    index: PrintContext, units: list[SynopsisRow], only_divergent: bool
) -> SynopsisSection:
    numbers = number_groups(units)
    sets = column_sets(index.sources)
    column_sets_built = []
    for n, sources in enumerate(sets):
        caption = ""
        if len(sets) > 1:
            caption = (
                f"Column set {n + 1} of {len(sets)}: sources "
                f"{sources[0].letter}–{sources[-1].letter} of {len(index.sources)}"
            )
        rows = _rows(index, units, sources, numbers)
        column_sets_built.append(ColumnSet(tuple(sources), tuple(rows), len(sources) > 2, caption))
    explanation = (
        "Each numbered row is a group of statements that report the same thing; "
        "highlighted words differ between the sources (colours as in the legend). "
        + (
            "Only groups whose sources diverge are shown."
            if only_divergent
            else "Unnumbered rows hold statements found in one source only."
        )
    )
    return SynopsisSection(tuple(column_sets_built), only_divergent, explanation)


def column_sets(sources: Sequence[Source]) -> list[list[Source]]:
    """At most MAX_COLUMNS_PER_SET sources side by side; beyond, balanced sets (8 → 4 + 4)."""
    count = len(sources)
    if count <= MAX_COLUMNS_PER_SET:
        return [list(sources)]
    n_sets = -(-count // MAX_COLUMNS_PER_SET)
    size, extra = divmod(count, n_sets)
    sets, at = [], 0
    for i in range(n_sets):
        width = size + (1 if i < extra else 0)
        sets.append(list(sources[at : at + width]))
        at += width
    return sets


def _rows(
    index: PrintContext, units: list[SynopsisRow], sources: list[Source], numbers: dict[str, int]
) -> list[PrintedRow]:
    column = {s.key: i for i, s in enumerate(sources)}
    rows: list[PrintedRow] = []
    pending: list[list[Paragraph]] = [[] for _ in sources]  # unique statements waiting

    def flush() -> None:
        # Unique statements between two groups share rows: the i-th of each column side by side.
        for i in range(max((len(p) for p in pending), default=0)):
            cells = tuple((p[i],) if i < len(p) else () for p in pending)
            rows.append(_row(index, None, "unique", (), cells))
        for p in pending:
            p.clear()

    for unit in units:
        if unit.statement is not None:
            st = unit.statement
            if st.article in column:
                pending[column[st.article]].append(_cell_paragraph(index, st))
            continue
        group = unit.group
        assert group is not None
        statements = index.comparison.statements
        members = [statements[s] for s in group.statements if statements[s].article in column]
        if not members:
            continue
        flush()
        cells: list[list[Paragraph]] = [[] for _ in sources]
        for st in sorted(members, key=lambda s: s.start):
            cells[column[st.article]].append(_cell_paragraph(index, st))
        tags = sorted(
            {(d.type, d.severity) for d in group.differences},
            key=lambda t: (SEVERITY_ORDER.get(t[1], 2), _type_rank(t[0])),
        )
        rows.append(
            _row(index, numbers.get(group.key), group.status, tuple(tags), tuple(map(tuple, cells)))
        )
    flush()
    return rows


def _row(
    index: PrintContext,
    number: int | None,
    status: str,
    tags: tuple[tuple[str, str], ...],
    cells: tuple[tuple[Paragraph, ...], ...],
) -> PrintedRow:
    marks = [i.number for cell in cells for p in cell for i in p.inlines if isinstance(i, Mark)]
    notes = tuple(index.notes[n] for n in sorted(set(marks)))
    return PrintedRow(number, status, tags, cells, notes)


def _cell_paragraph(index: PrintContext, st: StatementView) -> Paragraph:
    return paragraph(
        index.text[st.article],
        st.start,
        st.end,
        index.highlights.get(st.article, ()),
        index.annotations_by_article.get(st.article, ()),
        STYLE_OF_ROLE.get(st.role, Style.BODY),
    )


def _type_rank(kind: str) -> int:
    return DIFFERENCE_TYPES.index(kind) if kind in DIFFERENCE_TYPES else len(DIFFERENCE_TYPES)
