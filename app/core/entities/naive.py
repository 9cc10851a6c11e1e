"""Baseline entity grouping: one entity per distinct (mention text, label).

Kept as the measured baseline for the linker; also what the store holds until linking runs.
"""

from __future__ import annotations

import sqlite_utils


def rebuild_naive_entities(db: sqlite_utils.Database, collection_id: int) -> int:
    """Replace the collection's entities by exact-text groups; returns how many were made."""
    with db.atomic():
        db.execute(
            "UPDATE mentions SET entity_id = NULL WHERE article_id IN"
            " (SELECT id FROM articles WHERE collection_id = ?)",
            [collection_id],
        )
        db.execute("DELETE FROM entities WHERE collection_id = ?", [collection_id])
        rows = db.execute(
            "SELECT m.id, m.text, m.label FROM mentions m JOIN articles a ON a.id = m.article_id"
            " WHERE a.collection_id = ? ORDER BY m.id",
            [collection_id],
        ).fetchall()
        entity_of: dict[tuple[str, str], int] = {}
        updates: list[tuple[int, int]] = []
        for mention_id, text, label in rows:
            key = (text, label)
            if key not in entity_of:
                cursor = db.execute(
                    "INSERT INTO entities (collection_id, name, label) VALUES (?,?,?)",
                    [collection_id, text, label],
                )
                entity_of[key] = int(cursor.lastrowid or 0)
            updates.append((entity_of[key], mention_id))
        db.conn.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?", updates)
    return len(entity_of)
