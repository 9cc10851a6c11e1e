"""Read the linker's input from the store and write its result back.

Mentions table conventions (migration 0002_entities):
- `origin = 'ner'` rows are spaCy's spans as imported; they are never edited, so re-analysis
  always starts from the same input. `superseded = 1` marks an NER span the linker replaced by
  a repaired one (or dropped); such rows have no entity.
- `origin = 'linker'` rows are repaired spans and mentions the linker found itself; they are
  deleted and rebuilt on every run.
- DATE mentions carry `value` (ISO) and `anchor` (the date a relative date was resolved from).
Consumers that highlight entities should read mentions with `entity_id IS NOT NULL`.
"""

from __future__ import annotations

import sqlite_utils

from app.core.entities.records import ArticleInput, LinkMention, LinkResult


def load_inputs(
    db: sqlite_utils.Database, collection_id: int
) -> tuple[list[ArticleInput], list[LinkMention]]:
    articles = [
        ArticleInput(int(i), text, published)
        for i, text, published in db.execute(
            "SELECT id, text, published FROM articles WHERE collection_id = ? ORDER BY id",
            [collection_id],
        ).fetchall()
    ]
    mentions = [
        LinkMention(article_id, start, end, text, label, (mention_id,))
        for mention_id, article_id, start, end, text, label in db.execute(
            'SELECT m.id, m.article_id, m.start, m."end", m.text, m.label FROM mentions m'
            " JOIN articles a ON a.id = m.article_id"
            " WHERE a.collection_id = ? AND m.origin = 'ner' ORDER BY m.article_id, m.start",
            [collection_id],
        ).fetchall()
    ]
    return articles, mentions


def write_result(
    db: sqlite_utils.Database, collection_id: int, result: LinkResult, hidden: set[int]
) -> list[int]:
    """Replace the collection's entities by `result`; returns the new entity ids in order.
    `hidden` holds indices into result.entities that the user hid."""
    in_collection = "article_id IN (SELECT id FROM articles WHERE collection_id = ?)"
    with db.atomic():
        db.execute(f"DELETE FROM mentions WHERE origin = 'linker' AND {in_collection}",
                   [collection_id])  # fmt: skip
        db.execute(
            "UPDATE mentions SET entity_id = NULL, superseded = 1, value = NULL, anchor = NULL"
            f" WHERE {in_collection}",
            [collection_id],
        )
        db.execute("DELETE FROM entities WHERE collection_id = ?", [collection_id])
        row_of = _mention_rows(db, result.mentions)
        entity_ids: list[int] = []
        updates: list[tuple[int, int]] = []
        descriptors: list[tuple[int, int, int, int, str]] = []
        for index, entity in enumerate(result.entities):
            cursor = db.execute(
                "INSERT INTO entities (collection_id, name, label, value, hidden)"
                " VALUES (?,?,?,?,?)",
                [collection_id, entity.name, entity.label, entity.value, int(index in hidden)],
            )
            entity_id = int(cursor.lastrowid or 0)
            entity_ids.append(entity_id)
            updates.extend((entity_id, row_of[i]) for i in entity.mentions)
            descriptors.extend(
                (entity_id, d.article_id, d.start, d.end, d.text) for d in entity.descriptors
            )
        db.conn.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?", updates)
        db.conn.executemany(
            'INSERT INTO entity_descriptors (entity_id, article_id, start, "end", text)'
            " VALUES (?,?,?,?,?)",
            descriptors,
        )
    return entity_ids


def _mention_rows(db: sqlite_utils.Database, mentions: list[LinkMention]) -> list[int]:
    """Row id of every result mention: the NER row it is, or a new 'linker' row."""
    rows: list[int] = []
    kept: list[tuple[str | None, str | None, int]] = []
    for m in mentions:
        if m.origin == "ner" and len(m.sources) == 1:
            rows.append(m.sources[0])
            kept.append((m.value, m.anchor, m.sources[0]))
            continue
        cursor = db.execute(
            'INSERT INTO mentions (article_id, start, "end", text, label, origin, value, anchor)'
            " VALUES (?,?,?,?,?,'linker',?,?)",
            [m.article_id, m.start, m.end, m.text, m.label, m.value, m.anchor],
        )
        rows.append(int(cursor.lastrowid or 0))
    db.conn.executemany(
        "UPDATE mentions SET superseded = 0, value = ?, anchor = ? WHERE id = ?", kept
    )
    return rows
