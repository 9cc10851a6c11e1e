"""The synopsis: one row per aligned group, one column per source, unique statements in their
own column between the groups they come between."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.export.document import (
    DIFFERENCE_TYPES,
    MAX_COLUMNS_PER_SET,
    ColumnSet,
    Mark,
    Paragraph,
    Source,
    Style,
    SynopsisRow,
    SynopsisSection,
)
from app.core.export.index import ComparisonIndex, Group, Statement
from app.core.export.inline import paragraph

# Titles are printed as column heads; boilerplate and photo captions are not reporting.
SHOWN_ROLES = {"body": Style.BODY, "heading": Style.HEADING}
SEVERITY_ORDER = {"conflict": 0, "variation": 1}


@dataclass(frozen=True)
class Unit:
    """A synopsis row before layout: an aligned group, or one statement no group holds."""

    group: Group | None
    statement: Statement | None

    @property
    def key(self) -> str:
        return self.group.id if self.group else self.statement.id  # type: ignore[union-attr]


def ordered_units(index: ComparisonIndex) -> list[Unit]:
    """One reading order for all sources: every article's own order is kept (a statement comes
    after the one before it in its article), and among the statements free to come next the one
    earliest in its article, relatively, goes first, so the columns advance together. A group
    sits where its statements sit on average. Groups that cross (X before Y in one source, Y
    before X in another) make a cycle; it is broken by placing the earliest waiting group: its
    statements then come before some earlier statements of the sources where it crosses."""
    groups = {g.id: g for g in index.groups}
    units: dict[str, Unit] = {}
    place: dict[str, list[float]] = {}
    after: dict[str, set[str]] = {}  # unit → units that must come after it
    before_count: dict[str, int] = {}
    for source in index.sources:
        shown = [
            st
            for st in index.by_article.get(source.key, ())
            if st.id in index.group_of or st.role in SHOWN_ROLES
        ]
        previous: str | None = None
        for i, st in enumerate(shown):
            gid = index.group_of.get(st.id)
            unit = Unit(groups[gid], None) if gid else Unit(None, st)
            units.setdefault(unit.key, unit)
            place.setdefault(unit.key, []).append((i + 0.5) / len(shown))
            after.setdefault(unit.key, set())
            before_count.setdefault(unit.key, 0)
            if previous is not None and previous != unit.key and unit.key not in after[previous]:
                after[previous].add(unit.key)
                before_count[unit.key] += 1
            previous = unit.key
    key = {k: (sum(v) / len(v), k) for k, v in place.items()}
    ready = [key[k] for k, n in before_count.items() if n == 0]
    heapq.heapify(ready)
    done: set[str] = set()
    ordered: list[Unit] = []
    while len(done) < len(units):
        if not ready:  # crossing groups wait for each other: place the earliest one
            waiting = min(key[k] for k, u in units.items() if k not in done and u.group)
            before_count[waiting[1]] = 0
            ready.append(waiting)
        _, unit_key = heapq.heappop(ready)
        if unit_key in done:
            continue
        done.add(unit_key)
        ordered.append(units[unit_key])
        for follower in after[unit_key]:
            before_count[follower] -= 1
            if before_count[follower] == 0 and follower not in done:
                heapq.heappush(ready, key[follower])
    return ordered


def shown_units(index: ComparisonIndex, only_divergent: bool) -> list[Unit]:
    units = ordered_units(index)
    if only_divergent:
        units = [u for u in units if u.group and u.group.divergent]
    return units


def number_groups(units: Sequence[Unit]) -> dict[str, int]:
    """Groups are numbered in the order the synopsis shows them; other sections refer to them."""
    groups = [u.group.id for u in units if u.group]
    return {gid: n for n, gid in enumerate(groups, 1)}


def build_synopsis(
    index: ComparisonIndex, units: list[Unit], only_divergent: bool
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
    index: ComparisonIndex, units: list[Unit], sources: list[Source], numbers: dict[str, int]
) -> list[SynopsisRow]:
    column = {s.key: i for i, s in enumerate(sources)}
    rows: list[SynopsisRow] = []
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
        members = [index.statements[s] for s in group.statements]
        members = [st for st in members if st.article in column]
        if not members:
            continue
        flush()
        cells: list[list[Paragraph]] = [[] for _ in sources]
        for st in sorted(members, key=lambda s: s.start):
            cells[column[st.article]].append(_cell_paragraph(index, st))
        tags = sorted(
            {(d["type"], d.get("severity", "variation")) for d in group.differences},
            key=lambda t: (SEVERITY_ORDER.get(t[1], 2), _type_rank(t[0])),
        )
        status = "divergent" if group.divergent else "shared"
        rows.append(
            _row(index, numbers.get(group.id), status, tuple(tags), tuple(map(tuple, cells)))
        )
    flush()
    return rows


def _row(
    index: ComparisonIndex,
    number: int | None,
    status: str,
    tags: tuple[tuple[str, str], ...],
    cells: tuple[tuple[Paragraph, ...], ...],
) -> SynopsisRow:
    marks = [i.number for cell in cells for p in cell for i in p.inlines if isinstance(i, Mark)]
    notes = tuple(index.notes[n] for n in sorted(set(marks)))
    return SynopsisRow(number, status, tags, cells, notes)


def _cell_paragraph(index: ComparisonIndex, st: Statement) -> Paragraph:
    return paragraph(
        index.text[st.article],
        st.start,
        st.end,
        index.highlights.get(st.article, ()),
        index.annotations_by_article.get(st.article, ()),
        SHOWN_ROLES.get(st.role, Style.BODY),
    )


def _type_rank(kind: str) -> int:
    return DIFFERENCE_TYPES.index(kind) if kind in DIFFERENCE_TYPES else len(DIFFERENCE_TYPES)
