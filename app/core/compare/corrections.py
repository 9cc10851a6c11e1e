"""User corrections of the aligner: link two statements, unlink one from its group, mark a
difference not relevant. Stored apart from the results, by statement text and position rather
than by id, so they survive re-analysis and re-import; every run re-applies them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlite_utils

from app.core.compare.aligner import Constraints
from app.core.errors import NotFound, ParallaxError

ACTIONS = frozenset({"link", "unlink", "ignore_difference"})  # what a user can correct


def _anchor(db: sqlite_utils.Database, statement_id: int) -> dict[str, Any]:
    row = db.execute(
        'SELECT s.article_id, s.start, s."end", s.role, a.text, a.collection_id'
        " FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.id = ?",
        [statement_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no statement s{statement_id}")
    article_id, start, end, role, text, collection_id = row
    if role != "body":
        raise ParallaxError(f"s{statement_id} is a {role} statement: only body text is compared")
    return {"article": article_id, "start": start, "end": end, "text": text[start:end],
            "collection": collection_id}  # fmt: skip


def resolve(db: sqlite_utils.Database, anchor: dict[str, Any]) -> int | None:
    """The statement an anchor names now: same place and text, else the same text elsewhere
    in the article, else None (the article changed too much)."""
    rows = db.execute(
        "SELECT id, start, \"end\" FROM statements WHERE article_id = ? AND role = 'body'",
        [anchor["article"]],
    ).fetchall()
    text = db.execute("SELECT text FROM articles WHERE id = ?", [anchor["article"]]).fetchone()
    if text is None:
        return None
    for sid, start, end in rows:
        same_place = (start, end) == (anchor["start"], anchor["end"])
        if same_place and text[0][start:end] == anchor["text"]:
            return int(sid)
    for sid, start, end in rows:
        if text[0][start:end].strip() == anchor["text"].strip():
            return int(sid)
    return None


def _record(db: sqlite_utils.Database, collection_id: int, kind: str,
            anchors: list[dict[str, Any]], key: str | None = None) -> None:  # fmt: skip
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db.execute(
        "INSERT INTO alignment_corrections (collection_id, kind, anchors, difference_key, created)"
        " VALUES (?,?,?,?,?)",
        [collection_id, kind, json.dumps(anchors, ensure_ascii=False), key, now],
    )


def link(db: sqlite_utils.Database, first: int, second: int) -> int:
    """Put two statements of different articles in one group; returns the collection id."""
    a, b = _anchor(db, first), _anchor(db, second)
    if a["article"] == b["article"]:
        raise ParallaxError("both statements are from the same article")
    if a["collection"] != b["collection"]:
        raise ParallaxError("the statements are in different collections")
    with db.atomic():
        db.execute(
            "DELETE FROM alignment_corrections WHERE collection_id = ? AND kind = 'unlink'"
            " AND anchors = ?",
            [a["collection"], json.dumps([a, b], ensure_ascii=False)],
        )
        _record(db, a["collection"], "link", [a, b])
    return int(a["collection"])


def unlink(db: sqlite_utils.Database, statement_id: int) -> int:
    """Take a statement out of its group(s) for good; returns the collection id."""
    a = _anchor(db, statement_id)
    partners = [r[0] for r in db.execute(
        "SELECT DISTINCT o.statement_id FROM alignment_statements s"
        " JOIN alignment_statements o ON o.alignment_id = s.alignment_id"
        " WHERE s.statement_id = ? AND o.statement_id != ?",
        [statement_id, statement_id],
    ).fetchall()]  # fmt: skip
    if not partners:
        raise ParallaxError(f"s{statement_id} is in no group")
    with db.atomic():
        for partner in partners:
            _record(db, a["collection"], "unlink", [a, _anchor(db, partner)])
    return int(a["collection"])


def ignore_difference(db: sqlite_utils.Database, difference_id: int, relevant: bool = False
                      ) -> int:  # fmt: skip
    """Mark a difference not relevant (or relevant again); returns the collection id."""
    from app.core.compare.store import set_relevance

    row = db.execute(
        "SELECT d.key, a.collection_id FROM differences d JOIN alignments a"
        " ON a.id = d.alignment_id WHERE d.id = ?",
        [difference_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no difference d{difference_id}")
    key, collection_id = row
    with db.atomic():
        db.execute(
            "DELETE FROM alignment_corrections WHERE collection_id = ? AND kind = 'ignore'"
            " AND difference_key = ?",
            [collection_id, key],
        )
        if not relevant:
            _record(db, collection_id, "ignore", [], key)
    set_relevance(db, difference_id, relevant)
    return int(collection_id)


def load_constraints(db: sqlite_utils.Database, collection_id: int
                     ) -> tuple[Constraints, set[str]]:  # fmt: skip
    """The collection's corrections as aligner constraints, and the ignored difference keys."""
    constraints = Constraints()
    ignored: set[str] = set()
    for kind, anchors, key in db.execute(
        "SELECT kind, anchors, difference_key FROM alignment_corrections"
        " WHERE collection_id = ? ORDER BY id",
        [collection_id],
    ).fetchall():
        if kind == "ignore" and key:
            ignored.add(key)
            continue
        ids = [resolve(db, anchor) for anchor in json.loads(anchors)]
        if len(ids) != 2 or None in ids:
            continue
        found = [i for i in ids if i is not None]
        pair = (min(found), max(found))
        if kind == "link":
            constraints.cannot_link.discard(pair)
            constraints.must_link.add(pair)
        elif kind == "unlink":
            constraints.must_link.discard(pair)
            constraints.cannot_link.add(pair)
    return constraints, ignored
