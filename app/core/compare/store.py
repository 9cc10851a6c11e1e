"""Read and write alignment results: alignments, alignment_statements, differences, quotes.

Readings are stored as the export's JSON: [{text, value, spans: [{statement: "s<id>", start,
end}]}], offsets into the article text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlite_utils

if TYPE_CHECKING:  # only named in hints: reading groups must not load the parser
    from app.core.compare.records import Difference


@dataclass(slots=True)
class StoredDifference:
    id: int
    type: str
    severity: str
    detail: str
    readings: list[dict[str, object]]
    key: str
    relevant: bool


@dataclass(slots=True)
class StoredGroup:
    id: int
    score: float
    members: list[int]
    secondary: set[int] = field(default_factory=set)
    differences: list[StoredDifference] = field(default_factory=list)


@dataclass(slots=True)
class GroupResult:
    """A group ready to be written: new differences, or rows kept from an unchanged group."""

    members: list[int]
    secondary: set[int]
    score: float
    differences: list[tuple[Difference, str]] = field(default_factory=list)  # with key
    kept: list[StoredDifference] = field(default_factory=list)


def load_groups(db: sqlite_utils.Database, collection_id: int) -> list[StoredGroup]:
    groups = {
        gid: StoredGroup(gid, score, [])
        for gid, score in db.execute(
            "SELECT id, score FROM alignments WHERE collection_id = ? ORDER BY id",
            [collection_id],
        ).fetchall()
    }
    for gid, sid, secondary in db.execute(
        "SELECT s.alignment_id, s.statement_id, s.secondary FROM alignment_statements s"
        " JOIN alignments a ON a.id = s.alignment_id WHERE a.collection_id = ?"
        " ORDER BY s.alignment_id, s.statement_id",
        [collection_id],
    ).fetchall():
        groups[gid].members.append(sid)
        if secondary:
            groups[gid].secondary.add(sid)
    for row in db.execute(
        "SELECT d.alignment_id, d.id, d.type, d.severity, d.detail, d.readings, d.key, d.relevant"
        " FROM differences d JOIN alignments a ON a.id = d.alignment_id"
        " WHERE a.collection_id = ? ORDER BY d.id",
        [collection_id],
    ).fetchall():
        groups[row[0]].differences.append(
            StoredDifference(row[1], row[2], row[3], row[4], json.loads(row[5]), row[6],
                             bool(row[7]))
        )  # fmt: skip
    return [g for g in groups.values() if len(g.members) > 1]


def write_groups(
    db: sqlite_utils.Database,
    collection_id: int,
    groups: Iterable[GroupResult],
    ignored_keys: set[str],
    article_ids: Iterable[int],
) -> int:
    """Replace the collection's alignments; returns how many groups were written."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    written = 0
    with db.atomic():
        # Children first: a connection without foreign keys on would leave them behind.
        for table in ("alignment_statements", "differences"):
            db.execute(
                f"DELETE FROM {table} WHERE alignment_id IN"
                " (SELECT id FROM alignments WHERE collection_id = ?)",
                [collection_id],
            )
        db.execute("DELETE FROM alignments WHERE collection_id = ?", [collection_id])
        for group in groups:
            rows = [(d.type, d.severity, d.detail, d.readings_json(), key, key not in ignored_keys)
                    for d, key in group.differences]  # fmt: skip
            rows += [
                (k.type, k.severity, k.detail, json.dumps(k.readings, ensure_ascii=False), k.key,
                 k.key not in ignored_keys)
                for k in group.kept
            ]  # fmt: skip
            cursor = db.execute(
                "INSERT INTO alignments (collection_id, score) VALUES (?,?)",
                [collection_id, group.score],
            )
            gid = int(cursor.lastrowid or 0)
            db.conn.executemany(
                "INSERT INTO alignment_statements (alignment_id, statement_id, secondary)"
                " VALUES (?,?,?)",
                [(gid, sid, int(sid in group.secondary)) for sid in group.members],
            )
            db.conn.executemany(
                "INSERT INTO differences (alignment_id, type, severity, detail, readings, key,"
                " relevant) VALUES (?,?,?,?,?,?,?)",
                [(gid, *row[:5], int(row[5])) for row in rows],
            )
            written += 1
        db.conn.executemany(
            "INSERT OR REPLACE INTO aligned_articles (article_id, aligned_at) VALUES (?,?)",
            [(aid, now) for aid in article_ids],
        )
    return written


def write_quotes(
    db: sqlite_utils.Database, article_id: int, quotes: Iterable[tuple[int, int, str | None,
                                                                       str | None]]
) -> None:  # fmt: skip
    with db.atomic():
        db.execute("DELETE FROM quotes WHERE article_id = ?", [article_id])
        db.conn.executemany(
            'INSERT INTO quotes (article_id, start, "end", speaker, channel) VALUES (?,?,?,?,?)',
            [(article_id, *q) for q in quotes],
        )


def aligned_articles(db: sqlite_utils.Database, collection_id: int) -> set[int]:
    return {
        r[0]
        for r in db.execute(
            "SELECT x.article_id FROM aligned_articles x JOIN articles a ON a.id = x.article_id"
            " WHERE a.collection_id = ?",
            [collection_id],
        ).fetchall()
    }


def set_relevance(db: sqlite_utils.Database, difference_id: int, relevant: bool) -> None:
    """Mark one difference (not) relevant (the comparison view then counts it, or not)."""
    with db.atomic():
        db.execute(
            "UPDATE differences SET relevant = ? WHERE id = ?", [int(relevant), difference_id]
        )


def unique_statements(
    db: sqlite_utils.Database, collection_id: int, article_ids: Iterable[int] | None = None
) -> dict[int, list[tuple[int, int, int]]]:
    """Article id → its body statements in no alignment, as (statement id, start, end): what
    only that source says."""
    wanted = set(article_ids) if article_ids is not None else None
    result: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for sid, aid, start, end in db.execute(
        'SELECT s.id, s.article_id, s.start, s."end" FROM statements s'
        " JOIN articles a ON a.id = s.article_id"
        " WHERE a.collection_id = ? AND s.role = 'body' AND NOT EXISTS ("
        "   SELECT 1 FROM alignment_statements x JOIN alignments g ON g.id = x.alignment_id"
        "   WHERE x.statement_id = s.id AND g.collection_id = ?)"
        " ORDER BY s.article_id, s.seq",
        [collection_id, collection_id],
    ).fetchall():
        if wanted is None or aid in wanted:
            result[aid].append((sid, start, end))
    return dict(result)
