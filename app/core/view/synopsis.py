"""The synopsis, built once for the reader's table, the PDF and the CLI: one row per aligned
group with each source's statements in it, and one row per statement that no group holds, all
in one reading order."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.view.model import UNIQUE, Comparison, GroupView, StatementView

# Titles are printed as column heads; boilerplate and photo captions are not reporting.
SHOWN_ROLES = frozenset({"body", "heading"})


@dataclass(frozen=True, slots=True)
class SynopsisRow:
    """An aligned group (`group` set, `cells` its statements per source) or one statement no
    group holds (`statement` set, in the cell of its source)."""

    group: GroupView | None
    statement: StatementView | None
    cells: tuple[tuple[StatementView, ...], ...]  # per source, in the order asked for

    @property
    def key(self) -> str:
        return self.group.key if self.group else self.statement.key  # type: ignore[union-attr]

    @property
    def state(self) -> str:
        if self.group is not None:
            return self.group.status
        assert self.statement is not None
        return self.statement.state

    @property
    def unique(self) -> bool:
        """A statement only one source makes (not a heading or an unaligned collection's)."""
        return self.statement is not None and self.statement.state == UNIQUE


def synopsis_rows(
    comparison: Comparison, keys: Sequence[str] | None = None, only_divergent: bool = False
) -> list[SynopsisRow]:
    """The rows over the sources `keys` (all, by default): groups told by two of them or more,
    and their body and heading statements no group holds."""
    keys = list(keys) if keys is not None else [a.key for a in comparison.articles]
    rows = _reading_order(comparison, keys)
    if only_divergent:
        rows = [r for r in rows if r.group is not None and r.group.divergent]
    return rows


def _reading_order(comparison: Comparison, keys: list[str]) -> list[SynopsisRow]:
    """One reading order for all sources: every article's own order is kept (a statement comes
    after the one before it in its article), and among the statements free to come next the one
    earliest in its article, relatively, goes first, so the columns advance together. A group
    sits where its statements sit on average. Groups that cross (X before Y in one source, Y
    before X in another) make a cycle; it is broken by placing the earliest waiting group: its
    statements then come before some earlier statements of the sources where it crosses."""
    column = {k: i for i, k in enumerate(keys)}
    told = {
        g.key: g for g in comparison.groups.values()
        if len({comparison.statements[s].article for s in g.statements} & column.keys()) >= 2
    }  # fmt: skip
    rows: dict[str, SynopsisRow] = {}
    place: dict[str, list[float]] = {}
    after: dict[str, set[str]] = {}  # row → rows that must come after it
    before_count: dict[str, int] = {}
    for key in keys:
        shown = [
            st for st in comparison.by_article.get(key, ())
            if _group_of(st, told) or st.role in SHOWN_ROLES
        ]  # fmt: skip
        previous: str | None = None
        for i, st in enumerate(shown):
            group = _group_of(st, told)
            row_key = group.key if group else st.key
            if row_key not in rows:
                rows[row_key] = _row(comparison, group, st, column)
            place.setdefault(row_key, []).append((i + 0.5) / len(shown))
            after.setdefault(row_key, set())
            before_count.setdefault(row_key, 0)
            if previous is not None and previous != row_key and row_key not in after[previous]:
                after[previous].add(row_key)
                before_count[row_key] += 1
            previous = row_key
    rank = {k: (sum(v) / len(v), k) for k, v in place.items()}
    ready = [rank[k] for k, n in before_count.items() if n == 0]
    heapq.heapify(ready)
    done: set[str] = set()
    ordered: list[SynopsisRow] = []
    while len(done) < len(rows):
        if not ready:  # crossing groups wait for each other: place the earliest one
            waiting = min(rank[k] for k, r in rows.items() if k not in done and r.group)
            before_count[waiting[1]] = 0
            ready.append(waiting)
        _, row_key = heapq.heappop(ready)
        if row_key in done:
            continue
        done.add(row_key)
        ordered.append(rows[row_key])
        for follower in after[row_key]:
            before_count[follower] -= 1
            if before_count[follower] == 0 and follower not in done:
                heapq.heappush(ready, rank[follower])
    return ordered


def _group_of(statement: StatementView, told: dict[str, GroupView]) -> GroupView | None:
    """The statement's row among its groups told by two chosen sources: the last (a statement
    in two groups joined the second for its other fact), so every statement shows once."""
    return next((told[g] for g in reversed(statement.groups) if g in told), None)


def _row(
    comparison: Comparison, group: GroupView | None, statement: StatementView,
    column: dict[str, int],
) -> SynopsisRow:  # fmt: skip
    cells: list[list[StatementView]] = [[] for _ in column]
    if group is None:
        cells[column[statement.article]].append(statement)
        return SynopsisRow(None, statement, tuple(map(tuple, cells)))
    members = (comparison.statements[s] for s in group.statements)
    for st in sorted(members, key=lambda s: s.start):
        if st.article in column:
            cells[column[st.article]].append(st)
    return SynopsisRow(group, None, tuple(map(tuple, cells)))
