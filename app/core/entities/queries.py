"""Read entities back for display (CLI table, GUI lists).

list_entities(db, collection_id, include_hidden=False) -> list[EntityRow]
entity_mentions(db, entity_id) -> list[MentionRow]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlite_utils

from app.core.errors import NotFound


@dataclass(slots=True)
class EntityRow:
    id: int
    name: str
    label: str
    value: str | None
    hidden: bool
    per_article: Counter[int] = field(default_factory=Counter)  # article id → mention count
    aliases: list[str] = field(default_factory=list)
    descriptors: list[tuple[int, str]] = field(default_factory=list)  # (article id, text)


@dataclass(frozen=True, slots=True)
class MentionRow:
    id: int
    article_id: int
    start: int
    end: int
    text: str
    label: str
    origin: str
    value: str | None
    anchor: str | None


def list_entities(
    db: sqlite_utils.Database, collection_id: int, include_hidden: bool = False
) -> list[EntityRow]:
    """Entities with their mention counts per article, most mentioned first."""
    rows: dict[int, EntityRow] = {}
    for eid, name, label, value, hidden in db.execute(
        "SELECT id, name, label, value, hidden FROM entities WHERE collection_id = ?"
        + ("" if include_hidden else " AND hidden = 0"),
        [collection_id],
    ).fetchall():
        rows[eid] = EntityRow(eid, name, label, value, bool(hidden))
    for eid, article_id, text in db.execute(
        "SELECT m.entity_id, m.article_id, m.text FROM mentions m JOIN entities e"
        " ON e.id = m.entity_id WHERE e.collection_id = ? ORDER BY m.article_id, m.start",
        [collection_id],
    ).fetchall():
        row = rows.get(eid)
        if row is None:
            continue
        row.per_article[article_id] += 1
        if text != row.name and text not in row.aliases:
            row.aliases.append(text)
    for eid, article_id, text in db.execute(
        "SELECT d.entity_id, d.article_id, d.text FROM entity_descriptors d JOIN entities e"
        " ON e.id = d.entity_id WHERE e.collection_id = ? ORDER BY d.article_id, d.start",
        [collection_id],
    ).fetchall():
        if eid in rows:
            rows[eid].descriptors.append((article_id, text))
    return sorted(rows.values(), key=lambda r: (-r.per_article.total(), r.name))


def entity_mentions(db: sqlite_utils.Database, entity_id: int) -> list[MentionRow]:
    if db.execute("SELECT 1 FROM entities WHERE id = ?", [entity_id]).fetchone() is None:
        raise NotFound(f"no entity e{entity_id}")
    return [
        MentionRow(*row)
        for row in db.execute(
            'SELECT id, article_id, start, "end", text, label, origin, value, anchor'
            " FROM mentions WHERE entity_id = ? ORDER BY article_id, start",
            [entity_id],
        ).fetchall()
    ]


def mentions_written_as(db: sqlite_utils.Database, entity_id: int, text: str) -> list[int]:
    """The ids of an entity's mentions written exactly `text` (what a split moves)."""
    rows = db.execute(
        "SELECT id FROM mentions WHERE entity_id = ? AND text = ? ORDER BY id", [entity_id, text]
    ).fetchall()
    return [int(row[0]) for row in rows]


@dataclass(frozen=True, slots=True)
class PlacedEntity:
    """A shown entity with every mention and descriptor as (article id, start, end, text), in
    article then text order: what the comparison view needs."""

    id: int
    name: str
    label: str
    value: str | None
    mentions: tuple[tuple[int, int, int, str], ...]
    descriptors: tuple[tuple[int, int, int, str], ...]


def placed_entities(db: sqlite_utils.Database, collection_id: int) -> list[PlacedEntity]:
    """The collection's shown (not hidden) entities that have a mention, by id."""
    mentions: dict[int, list[tuple[int, int, int, str]]] = {}
    heads: dict[int, tuple[str, str, str | None]] = {}
    for eid, name, label, value, article_id, start, end, text in db.execute(
        'SELECT e.id, e.name, e.label, e.value, m.article_id, m.start, m."end", m.text'
        " FROM entities e JOIN mentions m ON m.entity_id = e.id"
        " WHERE e.collection_id = ? AND e.hidden = 0 ORDER BY e.id, m.article_id, m.start",
        [collection_id],
    ).fetchall():
        heads.setdefault(eid, (name, label, value))
        mentions.setdefault(eid, []).append((article_id, start, end, text))
    descriptors: dict[int, list[tuple[int, int, int, str]]] = {}
    for eid, article_id, start, end, text in db.execute(
        'SELECT d.entity_id, d.article_id, d.start, d."end", d.text FROM entity_descriptors d'
        " JOIN entities e ON e.id = d.entity_id WHERE e.collection_id = ?"
        " ORDER BY d.entity_id, d.article_id, d.start",
        [collection_id],
    ).fetchall():
        if eid in heads:
            descriptors.setdefault(eid, []).append((article_id, start, end, text))
    return [
        PlacedEntity(eid, *heads[eid], tuple(mentions[eid]), tuple(descriptors.get(eid, ())))
        for eid in heads
    ]
