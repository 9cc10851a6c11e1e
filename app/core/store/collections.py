"""Collections: a named set of articles about one story."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from app.core.errors import NotFound


@dataclass(frozen=True, slots=True)
class Collection:
    id: int
    name: str
    created: str


def get_or_create(db: sqlite_utils.Database, name: str) -> Collection:
    row = db.execute("SELECT id, name, created FROM collections WHERE name = ?", [name]).fetchone()
    if row:
        return Collection(*row)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with db.atomic():  # another import may create it meanwhile: then that one is used
        db.execute(
            "INSERT INTO collections (name, created) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            [name, created],
        )
    return find(db, name)


def find(db: sqlite_utils.Database, name: str) -> Collection:
    row = db.execute("SELECT id, name, created FROM collections WHERE name = ?", [name]).fetchone()
    if row is None:
        known = ", ".join(repr(c.name) for c in list_all(db)) or "none yet"
        raise NotFound(f"no collection named {name!r} (collections: {known})")
    return Collection(*row)


def list_all(db: sqlite_utils.Database) -> list[Collection]:
    rows = db.execute("SELECT id, name, created FROM collections ORDER BY name").fetchall()
    return [Collection(*row) for row in rows]


def article_counts(db: sqlite_utils.Database) -> dict[int, int]:
    """Collection id → number of articles (collections with none are absent)."""
    rows = db.execute("SELECT collection_id, count(*) FROM articles GROUP BY collection_id")
    return {int(cid): int(n) for cid, n in rows.fetchall()}
