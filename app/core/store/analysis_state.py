"""Which collections' analysis did not finish, since when and why (table unfinished_analyses).

The import marks a collection before it stores an article, the analysis before its first stage,
and the analysis clears the mark after its last stage: a crash or a kill anywhere in between
leaves the mark behind for the next run to see."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app.core.failures import ArticleFailure

INTERRUPTED = "interrupted: the analysis began and did not finish"
PENDING = "articles were imported and their collection not analysed yet"


@dataclass(frozen=True, slots=True)
class Unfinished:
    collection_id: int
    since: str  # ISO time, UTC
    reason: str
    failures: tuple[ArticleFailure, ...] = ()

    @property
    def when(self) -> str:
        """The mark's time for people: "2026-12-06 06:38 UTC"."""
        return f"{self.since[:16].replace('T', ' ')} UTC" if len(self.since) >= 16 else self.since

    def summary(self) -> str:
        return f"analysis unfinished since {self.when}: {self.reason}"


def mark(
    db: sqlite_utils.Database,
    collection_id: int,
    reason: str,
    failures: Sequence[ArticleFailure] = (),
) -> None:
    """Mark (or re-mark) the collection as not fully analysed, in its own transaction."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    payload = json.dumps([f.as_json() for f in failures], ensure_ascii=False)
    with db.atomic():
        db.execute(
            "INSERT INTO unfinished_analyses (collection_id, since, reason, failures)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (collection_id) DO UPDATE SET"
            " since = excluded.since, reason = excluded.reason, failures = excluded.failures",
            [collection_id, now, reason, payload],
        )


def clear(db: sqlite_utils.Database, collection_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM unfinished_analyses WHERE collection_id = ?", [collection_id])


def get(db: sqlite_utils.Database, collection_id: int) -> Unfinished | None:
    row = db.execute(
        "SELECT collection_id, since, reason, failures FROM unfinished_analyses"
        " WHERE collection_id = ?",
        [collection_id],
    ).fetchone()
    return _unfinished(row) if row else None


def all_unfinished(db: sqlite_utils.Database) -> dict[int, Unfinished]:
    rows = db.execute(
        "SELECT collection_id, since, reason, failures FROM unfinished_analyses"
    ).fetchall()
    return {int(row[0]): _unfinished(row) for row in rows}


def _unfinished(row: tuple[Any, ...]) -> Unfinished:
    try:
        failures = tuple(ArticleFailure.from_json(f) for f in json.loads(row[3] or "[]"))
    except (ValueError, TypeError, AttributeError):
        failures = ()
    return Unfinished(int(row[0]), str(row[1]), str(row[2]), failures)
