"""Library housekeeping the reader offers: remove an article, move it to another collection.
Annotations are kept (they become unattached / follow the move) and the affected collections'
analysis is rebuilt by the caller."""

from __future__ import annotations

import sqlite_utils

from app.core.errors import ParallaxError
from app.core.store import articles, collections


def remove_article(db: sqlite_utils.Database, article_id: int) -> int:
    """Delete an article; returns its collection id (to re-analyse)."""
    row = articles.get(db, article_id)
    with db.atomic():
        db.execute("DELETE FROM articles WHERE id = ?", [article_id])
    return row.collection_id


def move_article(
    db: sqlite_utils.Database, article_id: int, collection_name: str
) -> tuple[int, int]:
    """Move an article (with its annotations) to another collection, created if new.
    Returns (old collection id, new collection id)."""
    row = articles.get(db, article_id)
    target = collections.get_or_create(db, collection_name)
    if target.id == row.collection_id:
        return row.collection_id, target.id
    clash = db.execute(
        "SELECT id FROM articles WHERE collection_id = ? AND text_hash ="
        " (SELECT text_hash FROM articles WHERE id = ?)",
        [target.id, article_id],
    ).fetchone()
    if clash:
        raise ParallaxError(f"{collection_name!r} already holds this text (article {clash[0]})")
    with db.atomic():
        db.execute("UPDATE mentions SET entity_id = NULL WHERE article_id = ?", [article_id])
        db.execute(
            "DELETE FROM alignment_statements WHERE statement_id IN"
            " (SELECT id FROM statements WHERE article_id = ?)",
            [article_id],
        )
        db.execute("UPDATE articles SET collection_id = ? WHERE id = ?", [target.id, article_id])
        db.execute(
            "UPDATE annotations SET collection_id = ? WHERE article_id = ?",
            [target.id, article_id],
        )
    return row.collection_id, target.id
