"""The SQL of entity corrections (table entity_corrections) and the mention look-ups they
need; entities/corrections.py decides what to record and how to replay it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlite_utils

Span = tuple[int, int, int]  # article id, start, end


def entity_spans(
    db: sqlite_utils.Database, collection_id: int, entity_id: int
) -> list[Span] | None:
    """The entity's mentions, in the order they were found; None when the collection has no
    such entity."""
    found = db.execute(
        "SELECT 1 FROM entities WHERE id = ? AND collection_id = ?", [entity_id, collection_id]
    ).fetchone()
    if found is None:
        return None
    return [
        (int(a), int(s), int(e))
        for a, s, e in db.execute(
            'SELECT article_id, start, "end" FROM mentions WHERE entity_id = ? ORDER BY id',
            [entity_id],
        ).fetchall()
    ]


def linked_mention_span(
    db: sqlite_utils.Database, collection_id: int, mention_id: int
) -> Span | None:
    row = db.execute(
        'SELECT m.article_id, m.start, m."end" FROM mentions m JOIN articles a'
        " ON a.id = m.article_id WHERE m.id = ? AND a.collection_id = ?"
        " AND m.entity_id IS NOT NULL",
        [mention_id, collection_id],
    ).fetchone()
    return None if row is None else (int(row[0]), int(row[1]), int(row[2]))


def entity_at(db: sqlite_utils.Database, span: Span) -> int | None:
    """The entity that now holds the mention at `span`."""
    row = db.execute(
        'SELECT entity_id FROM mentions WHERE article_id = ? AND start = ? AND "end" = ?'
        " AND entity_id IS NOT NULL",
        list(span),
    ).fetchone()
    return None if row is None else int(row[0])


def record(
    db: sqlite_utils.Database, collection_id: int, action: str, payload: dict[str, Any]
) -> None:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with db.atomic():
        db.execute(
            "INSERT INTO entity_corrections (collection_id, action, payload, created)"
            " VALUES (?,?,?,?)",
            [collection_id, action, json.dumps(payload), now],
        )


def recorded(db: sqlite_utils.Database, collection_id: int) -> list[tuple[int, str, Any]]:
    """(id, action, payload) of every correction, oldest first."""
    return [
        (int(i), str(action), json.loads(payload))
        for i, action, payload in db.execute(
            "SELECT id, action, payload FROM entity_corrections WHERE collection_id = ?"
            " ORDER BY id",
            [collection_id],
        ).fetchall()
    ]


def forget(db: sqlite_utils.Database, collection_id: int, correction_id: int) -> bool:
    """Delete one correction; False when the collection has none with that id."""
    with db.atomic():
        cursor = db.execute(
            "DELETE FROM entity_corrections WHERE id = ? AND collection_id = ?",
            [correction_id, collection_id],
        )
    return bool(cursor.rowcount)
