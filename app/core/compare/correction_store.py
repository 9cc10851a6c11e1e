"""The SQL of alignment corrections (table alignment_corrections, migration 0003) and the
look-ups they need; compare/corrections.py decides what to record and how to replay it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import sqlite_utils

Anchor = dict[str, Any]  # a statement by article, place and words: {article, start, end, text}


def statement_row(
    db: sqlite_utils.Database, statement_id: int
) -> tuple[int, int, int, str, str, int] | None:
    """(article id, start, end, role, article text, collection id) of a statement."""
    row = db.execute(
        'SELECT s.article_id, s.start, s."end", s.role, a.text, a.collection_id'
        " FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.id = ?",
        [statement_id],
    ).fetchone()
    return None if row is None else (int(row[0]), int(row[1]), int(row[2]), str(row[3]),
                                     str(row[4]), int(row[5]))  # fmt: skip


def body_statements(
    db: sqlite_utils.Database, article_id: int
) -> tuple[str, list[tuple[int, int, int]]] | None:
    """The article's text and its body statements (id, start, end); None when it is gone."""
    text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
    if text is None:
        return None
    rows = db.execute(
        "SELECT id, start, \"end\" FROM statements WHERE article_id = ? AND role = 'body'",
        [article_id],
    ).fetchall()
    return str(text[0]), [(int(i), int(s), int(e)) for i, s, e in rows]


def group_partners(db: sqlite_utils.Database, statement_id: int) -> list[int]:
    """The statements that share a group with this one."""
    return [int(r[0]) for r in db.execute(
        "SELECT DISTINCT o.statement_id FROM alignment_statements s"
        " JOIN alignment_statements o ON o.alignment_id = s.alignment_id"
        " WHERE s.statement_id = ? AND o.statement_id != ?",
        [statement_id, statement_id],
    ).fetchall()]  # fmt: skip


def difference_key(db: sqlite_utils.Database, difference_id: int) -> tuple[str, int] | None:
    """(the difference's stable key, its collection id)."""
    row = db.execute(
        "SELECT d.key, a.collection_id FROM differences d JOIN alignments a"
        " ON a.id = d.alignment_id WHERE d.id = ?",
        [difference_id],
    ).fetchone()
    return None if row is None else (str(row[0]), int(row[1]))


def record(db: sqlite_utils.Database, collection_id: int, kind: str,
           anchors: list[Anchor], key: str | None = None) -> None:  # fmt: skip
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db.execute(
        "INSERT INTO alignment_corrections (collection_id, kind, anchors, difference_key, created)"
        " VALUES (?,?,?,?,?)",
        [collection_id, kind, json.dumps(anchors, ensure_ascii=False), key, now],
    )


def forget(db: sqlite_utils.Database, collection_id: int, kind: str,
           anchors: list[Anchor] | None = None, key: str | None = None) -> None:  # fmt: skip
    """Drop the recorded corrections of this kind for these anchors (or this difference)."""
    if key is not None:
        db.execute(
            "DELETE FROM alignment_corrections WHERE collection_id = ? AND kind = ?"
            " AND difference_key = ?",
            [collection_id, kind, key],
        )
    else:
        db.execute(
            "DELETE FROM alignment_corrections WHERE collection_id = ? AND kind = ?"
            " AND anchors = ?",
            [collection_id, kind, json.dumps(anchors or [], ensure_ascii=False)],
        )


def recorded(
    db: sqlite_utils.Database, collection_id: int
) -> Iterator[tuple[str, list[Anchor], str | None]]:
    """(kind, anchors, difference key) of every correction, oldest first."""
    for kind, anchors, key in db.execute(
        "SELECT kind, anchors, difference_key FROM alignment_corrections"
        " WHERE collection_id = ? ORDER BY id",
        [collection_id],
    ).fetchall():
        yield str(kind), json.loads(anchors), key
