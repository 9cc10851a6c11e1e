"""The comparison as a synopsis: one row per group, one cell per source, with the differing
words marked, then what only one source says. Qt-free; the CLI prints it, the GUI can show it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from app.core.compare.differences import severity_among
from app.core.compare.store import StoredDifference, load_groups
from app.core.store import articles as article_store
from app.core.store import collections


@dataclass(frozen=True, slots=True)
class Source:
    article_id: int
    label: str


@dataclass(slots=True)
class Cell:
    statement_id: int
    text: str
    marks: list[tuple[int, int]] = field(default_factory=list)  # offsets into `text`


@dataclass(frozen=True, slots=True)
class DifferenceLine:
    id: int
    type: str
    severity: str
    detail: str
    relevant: bool


@dataclass(slots=True)
class Row:
    group_id: int
    status: str
    score: float
    cells: dict[int, list[Cell]]  # article id → its statements in the group
    differences: list[DifferenceLine]


@dataclass(slots=True)
class Synopsis:
    collection: str
    sources: list[Source]
    rows: list[Row]
    unique: dict[int, list[Cell]]  # article id → statements no other chosen source reports

    def as_json(self) -> dict[str, Any]:
        return {
            "collection": self.collection,
            "sources": [{"article": f"a{s.article_id}", "label": s.label} for s in self.sources],
            "rows": [
                {
                    "group": f"g{r.group_id}", "status": r.status, "score": r.score,
                    "cells": {f"a{aid}": [_cell_json(c) for c in cells]
                              for aid, cells in r.cells.items()},
                    "differences": [
                        {"id": f"d{d.id}", "type": d.type, "severity": d.severity,
                         "detail": d.detail, "relevant": d.relevant}
                        for d in r.differences
                    ],
                }
                for r in self.rows
            ],
            "unique": {f"a{aid}": [_cell_json(c) for c in cells]
                       for aid, cells in self.unique.items()},
        }  # fmt: skip


def _cell_json(cell: Cell) -> dict[str, Any]:
    return {"statement": f"s{cell.statement_id}", "text": cell.text, "marks": cell.marks}


def build_synopsis(
    db: sqlite_utils.Database, collection_name: str, article_ids: Sequence[int] | None = None
) -> Synopsis:
    collection = collections.find(db, collection_name)
    rows = article_store.in_collection(db, collection.id)
    if article_ids:
        wanted = set(article_ids)
        rows = [r for r in rows if r.id in wanted]
    texts = {r.id: r.text for r in rows}
    sources = [Source(r.id, _short_label(r)) for r in rows]
    position: dict[int, tuple[int, int, int]] = {}  # statement → (article, start, end)
    for r in rows:
        for st in article_store.statements(db, r.id):
            position[st.id] = (r.id, st.start, st.end)
    synopsis = Synopsis(collection.name, sources, [], {})
    grouped: set[int] = set()
    for group in load_groups(db, collection.id):
        members = [m for m in group.members if m in position]
        if len({position[m][0] for m in members}) < 2:
            continue
        grouped.update(members)
        cells: dict[int, list[Cell]] = {}
        for m in members:
            aid, start, end = position[m]
            cells.setdefault(aid, []).append(Cell(m, texts[aid][start:end]))
        lines = []
        for d in group.differences:
            # Only the readings of the chosen sources: a difference with one of them is none.
            readings = [
                (_shown_text(r, position, texts), [s for s in r["spans"]
                                                   if _statement_id(s) in position])
                for r in _readings(d)
            ]  # fmt: skip
            readings = [(text, spans) for text, spans in readings if spans]
            if len(readings) < 2:
                continue
            severity = d.severity
            if len(readings) < len(d.readings):
                chosen = [r.get("value") for r in _readings(d)
                          if any(_statement_id(s) in position for s in r["spans"])]  # fmt: skip
                found = severity_among(d.type, chosen, d.severity)
                if found is None:
                    continue  # the chosen sources agree on it
                severity = found
            whole = len(readings) == len(d.readings) and all(
                text == r["text"] for (text, _), r in zip(readings, d.readings, strict=True)
            )
            detail = d.detail if whole else " vs ".join(
                text or "(omitted)" for text, _ in readings)  # fmt: skip
            lines.append(DifferenceLine(d.id, d.type, severity, detail, d.relevant))
            if not d.relevant:
                continue
            for _, spans in readings:
                for span in spans:
                    sid = int(str(span["statement"])[1:])
                    aid, start, _ = position[sid]
                    for cell in cells.get(aid, []):
                        if cell.statement_id == sid and span["end"] > span["start"]:
                            cell.marks.append((span["start"] - start, span["end"] - start))
        for cell_list in cells.values():
            for cell in cell_list:
                cell.marks = _merged(cell.marks)
        status = "divergent" if any(line.relevant for line in lines) else "shared"
        synopsis.rows.append(Row(group.id, status, group.score, cells, lines))
    synopsis.rows.sort(key=lambda row: min(
        (position[c.statement_id][0], position[c.statement_id][1])
        for cs in row.cells.values() for c in cs
    ))  # fmt: skip
    for r in rows:
        only = [
            Cell(st.id, r.text[st.start : st.end])
            for st in article_store.statements(db, r.id)
            if st.role.value == "body" and st.id not in grouped
        ]
        if only:
            synopsis.unique[r.id] = only
    return synopsis


def _shown_text(
    reading: dict[str, Any], position: dict[int, tuple[int, int, int]], texts: dict[int, str]
) -> str:
    """A reading's words as a chosen source writes them: the reading is named after its first
    statement, which may be in a source left out ("£2.5 million" where the shown one says
    "£2.5m")."""
    spans = reading.get("spans") or []
    kept = [s for s in spans if _statement_id(s) in position]
    if not kept or not spans or kept[0] is spans[0] or kept[0]["end"] <= kept[0]["start"]:
        return str(reading["text"])
    aid = position[_statement_id(kept[0])][0]
    return texts[aid][kept[0]["start"] : kept[0]["end"]]


def _readings(difference: StoredDifference) -> list[dict[str, Any]]:
    """A stored difference's readings as the JSON they were written from."""
    return [dict(r) for r in difference.readings]


def _statement_id(span: Any) -> int:
    return int(str(span["statement"])[1:])


def _merged(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for start, end in sorted(marks):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _short_label(row: article_store.ArticleRow) -> str:
    label = row.source or row.title or row.path.rsplit("/", 1)[-1]
    return label if len(label) <= 28 else label[:27] + "…"
