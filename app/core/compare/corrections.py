"""User corrections of the aligner: link two statements, unlink one from its group, mark a
difference not relevant. Stored apart from the results, by statement text and position rather
than by id, so they survive re-analysis and re-import; every run re-applies them. Record and
replay only: the SQL is in correction_store.py, and what re-runs after a correction is
analysis.apply_alignment_correction's business."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from app.core.compare import correction_store as store
from app.core.compare.aligner import Constraints
from app.core.compare.store import set_relevance
from app.core.errors import NotFound, ParallaxError

ACTIONS = frozenset({"link", "unlink", "ignore_difference"})  # what a user can correct


def _anchor(db: sqlite_utils.Database, statement_id: int) -> dict[str, Any]:
    row = store.statement_row(db, statement_id)
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
    found = store.body_statements(db, anchor["article"])
    if found is None:
        return None
    text, rows = found
    for sid, start, end in rows:
        if (start, end) == (anchor["start"], anchor["end"]) and text[start:end] == anchor["text"]:
            return sid
    for sid, start, end in rows:
        if text[start:end].strip() == anchor["text"].strip():
            return sid
    return None


def link(db: sqlite_utils.Database, first: int, second: int) -> int:
    """Put two statements of different articles in one group; returns the collection id."""
    a, b = _anchor(db, first), _anchor(db, second)
    if a["article"] == b["article"]:
        raise ParallaxError("both statements are from the same article")
    if a["collection"] != b["collection"]:
        raise ParallaxError("the statements are in different collections")
    with db.atomic():
        store.forget(db, a["collection"], "unlink", [a, b])
        store.record(db, a["collection"], "link", [a, b])
    return int(a["collection"])


def unlink(db: sqlite_utils.Database, statement_id: int) -> int:
    """Take a statement out of its group(s) for good; returns the collection id."""
    a = _anchor(db, statement_id)
    partners = store.group_partners(db, statement_id)
    if not partners:
        raise ParallaxError(f"s{statement_id} is in no group")
    with db.atomic():
        for partner in partners:
            store.record(db, a["collection"], "unlink", [a, _anchor(db, partner)])
    return int(a["collection"])


def ignore_difference(db: sqlite_utils.Database, difference_id: int, relevant: bool = False
                      ) -> int:  # fmt: skip
    """Mark a difference not relevant (or relevant again); returns the collection id."""
    found = store.difference_key(db, difference_id)
    if found is None:
        raise NotFound(f"no difference d{difference_id}")
    key, collection_id = found
    with db.atomic():
        store.forget(db, collection_id, "ignore", key=key)
        if not relevant:
            store.record(db, collection_id, "ignore", [], key)
    set_relevance(db, difference_id, relevant)
    return collection_id


def load_constraints(db: sqlite_utils.Database, collection_id: int
                     ) -> tuple[Constraints, set[str]]:  # fmt: skip
    """The collection's corrections as aligner constraints, and the ignored difference keys."""
    constraints = Constraints()
    ignored: set[str] = set()
    for kind, anchors, key in store.recorded(db, collection_id):
        if kind == "ignore" and key:
            ignored.add(key)
            continue
        ids = [resolve(db, anchor) for anchor in anchors]
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
