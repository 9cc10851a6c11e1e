"""Sub-commands over the comparison: `compare` (a synopsis of what the sources share, where
they differ and what only one says) and `align` (correct the aligner)."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from dataclasses import dataclass
from typing import Any

from app.commands.common import Add, open_database
from app.core.counting import count as count_of
from app.core.errors import ParallaxError
from app.core.view.model import Comparison, GroupView, StatementView
from app.core.view.synopsis import SynopsisRow, synopsis_rows

WIDTH = 80
GUTTER = " │ "


def cmd_compare(args: argparse.Namespace) -> int:
    from app.core.view.load import load_comparison

    db = open_database(args)
    ids = [int(x.lstrip("a")) for x in args.articles.split(",")] if args.articles else None
    comparison = load_comparison(db, args.collection, ids)
    if args.format == "json":
        json.dump(as_json(comparison), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(render(comparison, markdown=args.format == "markdown", width=args.width))
    return 0


def _cells(comparison: Comparison, row: SynopsisRow) -> dict[str, list[Cell]]:
    """Each source's statements in the row with the differing words as offsets into them."""
    cells: dict[str, list[Cell]] = {}
    for article, statements in zip((a.key for a in comparison.articles), row.cells, strict=True):
        for st in statements:
            marks = [(a - st.start, b - st.start) for a, b, _ in comparison.marks(st, row.key)
                     if st.start <= a and b <= st.end]  # fmt: skip
            cells.setdefault(article, []).append(Cell(st.key, st.text, _merged(marks)))
    return cells


@dataclass(frozen=True, slots=True)
class Cell:
    statement: str
    text: str
    marks: list[tuple[int, int]]


def _merged(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for start, end in sorted(marks):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _difference_lines(group: GroupView) -> list[dict[str, Any]]:
    return [
        {"id": f"d{d.db_id}", "type": d.type, "severity": d.severity, "detail": d.detail,
         "relevant": d.relevant}
        for d in (*group.differences, *group.ignored)
    ]  # fmt: skip


def as_json(comparison: Comparison) -> dict[str, Any]:
    """The synopsis for scripts: rows of groups with each source's cells, then what only one
    source says."""
    rows = synopsis_rows(comparison)
    return {
        "collection": comparison.collection_name,
        "sources": [{"article": a.key, "label": a.label} for a in comparison.articles],
        "rows": [
            {"group": r.group.key, "status": r.group.status, "score": r.group.score,
             "cells": {k: [_cell_json(c) for c in cs] for k, cs in _cells(comparison, r).items()},
             "differences": _difference_lines(r.group)}
            for r in rows if r.group is not None
        ],
        "unique": {
            k: [_cell_json(c) for c in cells] for k, cells in _unique(comparison, rows).items()
        },
    }  # fmt: skip


def _cell_json(cell: Cell) -> dict[str, Any]:
    return {"statement": cell.statement, "text": cell.text, "marks": cell.marks}


def _unique(comparison: Comparison, rows: list[SynopsisRow]) -> dict[str, list[Cell]]:
    """Each source's statements no other chosen source reports, in its own order (the synopsis
    may place a crossing group's run earlier)."""
    unique: dict[str, list[StatementView]] = {}
    for row in rows:
        if row.unique and row.statement is not None:
            unique.setdefault(row.statement.article, []).append(row.statement)
    return {
        a.key: [Cell(st.key, st.text, []) for st in sorted(unique[a.key], key=lambda s: s.start)]
        for a in comparison.articles
        if a.key in unique
    }


def render(comparison: Comparison, markdown: bool = False, width: int = WIDTH) -> str:
    """The synopsis as text: sources side by side when three or fewer fit the width, else one
    under the other; differing words in [brackets] (markdown: **bold**)."""
    open_mark, close_mark = ("**", "**") if markdown else ("[", "]")
    label = {a.key: a.label for a in comparison.articles}
    rows = synopsis_rows(comparison)
    grouped = [r for r in rows if r.group is not None]
    unique = _unique(comparison, rows)
    out: list[str] = []

    def marked(cell: Cell) -> str:
        text, pieces, at = cell.text.replace("\n", " "), [], 0
        for start, end in cell.marks:
            pieces += [text[at:start], open_mark, text[start:end], close_mark]
            at = end
        return "".join([*pieces, text[at:]])

    heading = "## " if markdown else ""
    only_one = sum(len(v) for v in unique.values())
    out.append(f"{heading}{comparison.collection_name}: {len(grouped)} shared facts, "
               f"{only_one} statements only one source makes")  # fmt: skip
    side_by_side = not markdown and len(comparison.articles) <= 3
    columns = [a.key for a in comparison.articles]
    col_width = (width - len(GUTTER) * (len(columns) - 1)) // max(1, len(columns))
    if side_by_side:
        out.append(GUTTER.join(label[c][:col_width].ljust(col_width) for c in columns))
        out.append("─" * width)
    else:
        out.append("")
    for row in grouped:
        group = row.group
        assert group is not None
        cells = _cells(comparison, row)
        head = f"{group.key} {group.status} ({group.score:.2f})"
        diffs = [f"d{d['id'][1:]} {d['type']} {d['severity']}: {d['detail']}" + ("" if d["relevant"]
                 else " (not relevant)") for d in _difference_lines(group)]  # fmt: skip
        if side_by_side:
            out.append(head)
            wrapped = [
                [ln for c in cells.get(col, []) for ln in textwrap.wrap(marked(c), col_width)]
                for col in columns
            ]
            for i in range(max(len(w) for w in wrapped)):
                out.append(GUTTER.join((w[i] if i < len(w) else "").ljust(col_width)
                                       for w in wrapped).rstrip())  # fmt: skip
        else:
            out.append(f"{'### ' if markdown else ''}{head}")
            for col in columns:
                for cell in cells.get(col, []):
                    prefix = f"- *{label[col]}*: " if markdown else f"{label[col]}: "
                    out.append(textwrap.fill(marked(cell), width, initial_indent=prefix,
                                             subsequent_indent="  "))  # fmt: skip
        for line in diffs:
            out.append(textwrap.fill(line, width, initial_indent="  • ",
                                     subsequent_indent="    "))  # fmt: skip
        out.append("" if markdown else "─" * width if side_by_side else "")
    for col in columns:
        cells_only = unique.get(col, [])
        if not cells_only:
            continue
        out.append(f"\n{heading}Only {label[col]} says:" if markdown else
                   f"\nOnly {label[col]} says:")  # fmt: skip
        for cell in cells_only:
            out.append(textwrap.fill(f"{cell.statement} {marked(cell)}", width,
                                     initial_indent="- ", subsequent_indent="  "))  # fmt: skip
    return "\n".join(out).rstrip() + "\n"


def _statement(value: str) -> int:
    try:
        return int(value.lstrip("sS"))
    except ValueError as exc:
        raise ParallaxError(f"not a statement id: {value!r} (use s12 or 12)") from exc


def cmd_align(args: argparse.Namespace) -> int:
    from app.core.analysis import apply_alignment_correction
    from app.core.compare.pipeline import align_collection
    from app.core.compare.store import load_groups
    from app.core.store import collections

    db = open_database(args)
    if args.action == "run":
        if not args.collection:
            raise ParallaxError("align run needs --collection")
        report = align_collection(db, collections.find(db, args.collection).id, full=True)
        print(f"{count_of(report.groups, 'group')}, {count_of(report.differences, 'difference')} "
              f"in {report.seconds:.2f} s")  # fmt: skip
        return 0
    if args.action == "link":
        if len(args.ids) != 2:
            raise ParallaxError("align link needs two statement ids")
        cid, _ = apply_alignment_correction(
            db, "link", _statement(args.ids[0]), _statement(args.ids[1])
        )
    elif args.action == "unlink":
        if len(args.ids) != 1:
            raise ParallaxError("align unlink needs one statement id")
        cid, _ = apply_alignment_correction(db, "unlink", _statement(args.ids[0]))
    else:
        if len(args.ids) != 1:
            raise ParallaxError("align ignore-difference needs one difference id")
        try:
            difference = int(args.ids[0].lstrip("dD"))
        except ValueError as exc:
            raise ParallaxError(f"not a difference id: {args.ids[0]!r}") from exc
        apply_alignment_correction(db, "ignore_difference", difference, relevant=args.relevant)
        print(f"d{difference}: marked {'relevant' if args.relevant else 'not relevant'}")
        return 0
    print(f"{args.action}: done; {count_of(len(load_groups(db, cid)), 'group')} now")
    return 0


def register(add: Add) -> None:
    p = add("compare", cmd_compare, "synopsis: shared facts side by side, differences marked, "
            "then what only one source says")  # fmt: skip
    p.add_argument("--collection", required=True)
    p.add_argument("--articles", help="comma-separated article ids (default: all)")
    p.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    p.add_argument("--width", type=int, default=WIDTH, help="text width (default 80)")

    p = add("align", cmd_align, "correct the aligner: link two statements, unlink one, mark a "
            "difference not relevant (decisions survive re-analysis); run: re-align")  # fmt: skip
    p.add_argument("action", choices=["link", "unlink", "ignore-difference", "run"])
    p.add_argument("ids", nargs="*", help="statement ids (s12) or a difference id (d5)")
    p.add_argument("--collection", help="for run")
    p.add_argument("--relevant", action="store_true",
                   help="with ignore-difference: mark it relevant again")  # fmt: skip
