"""Notes on a statement group, anchored to the group's statements rather than to its row id.

A re-alignment (after an import, a correction, a re-import) deletes and rewrites every
alignment row, so a stored group id goes stale. A group note therefore keeps one text anchor
per member statement (article, position and quote, like the note's own W3C selectors); the
anchors follow edited articles like any annotation (anchor.py), and the note's group is looked
up again whenever it is needed: the current group that holds most of the anchored statements,
the note's own statement breaking ties."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app.core.annotations.model import Annotation, quote_context


@dataclass(frozen=True, slots=True)
class StatementAnchor:
    """Where one statement of a noted group is: article, position and quote with context."""

    article_id: int | None
    article_path: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""


def anchor_statement(
    article_id: int, article_path: str, text: str, start: int, end: int
) -> StatementAnchor:
    exact, prefix, suffix = quote_context(text, start, end)
    return StatementAnchor(article_id, article_path, start, end, exact, prefix, suffix)


def anchors_json(anchors: Sequence[StatementAnchor]) -> list[dict[str, Any]]:
    """As W3C targets: source (the article's path), the parallax article id, and selectors."""
    return [
        {"source": a.article_path, "parallax:article": a.article_id, "selector": [
            {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix,
             "suffix": a.suffix},
            {"type": "TextPositionSelector", "start": a.start, "end": a.end},
        ]}
        for a in anchors
    ]  # fmt: skip


def parse_anchors(stored: list[dict[str, Any]]) -> tuple[StatementAnchor, ...]:
    anchors = []
    for target in stored:
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        anchors.append(StatementAnchor(
            target.get("parallax:article"), target["source"], int(position["start"]),
            int(position["end"]), quote["exact"], quote.get("prefix", ""),
            quote.get("suffix", ""),
        ))  # fmt: skip
    return tuple(anchors)


def _statement_at(
    db: sqlite_utils.Database, article_id: int | None, start: int, end: int
) -> int | None:
    """The statement of the article that overlaps [start, end) the most, or None."""
    if article_id is None:
        return None
    row = db.execute(
        'SELECT id FROM statements WHERE article_id = ? AND start < ? AND "end" > ?'
        ' ORDER BY min("end", ?) - max(start, ?) DESC, start LIMIT 1',
        [article_id, max(end, start + 1), start, end, start],
    ).fetchone()
    return int(row[0]) if row else None


def current_group(db: sqlite_utils.Database, ann: Annotation) -> int | None:
    """The alignment id the group note `ann` is about now, or None when none of its
    statements is in a group any more (or it is no group note)."""
    if not ann.group_anchors or ann.is_orphan:
        return None
    own = _statement_at(db, ann.article_id, ann.start, ann.end)
    members = {own} | {_statement_at(db, a.article_id, a.start, a.end) for a in ann.group_anchors}
    members.discard(None)
    if not members:
        return None
    marks = ",".join("?" * len(members))
    rows = db.execute(
        f"SELECT x.alignment_id, x.statement_id FROM alignment_statements x"
        f" JOIN alignments g ON g.id = x.alignment_id"
        f" WHERE g.collection_id = ? AND x.statement_id IN ({marks})",
        [ann.collection_id, *members],
    ).fetchall()
    if not rows:
        return None
    votes = Counter(gid for gid, _ in rows)
    holds_own = {gid for gid, sid in rows if sid == own}
    best: int = max(votes, key=lambda gid: (votes[gid], gid in holds_own, -gid))
    return best


def group_key(alignment_id: int | None) -> str | None:
    """The export's (and the reader's) id of an alignment."""
    return f"g{alignment_id}" if alignment_id is not None else None


def with_current_groups(
    db: sqlite_utils.Database, annotations: Iterable[Annotation]
) -> list[Annotation]:
    """The annotations with each group note's `group_key` set to its group as it is now."""
    return [
        a.with_changes(group_key=group_key(current_group(db, a))) if a.group_anchors else a
        for a in annotations
    ]
