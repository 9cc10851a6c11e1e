"""Annotations in SQLite: the `annotations` table holds W3C target and body JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from app.core.annotations.groups import anchors_json, parse_anchors, with_current_groups
from app.core.annotations.model import (
    Annotation,
    body_json,
    parse_body,
    parse_target,
    target_json,
)
from app.core.errors import NotFound

_COLUMNS = (
    "id, collection_id, article_id, article_path, created, modified, target, body, colour,"
    " group_key, status, group_anchors"
)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _row(row: tuple[Any, ...]) -> Annotation:
    (
        ann_id,
        collection_id,
        article_id,
        path,
        created,
        modified,
        target,
        body,
        colour,
        group,
        st,
        anchors,
    ) = row
    start, end, exact, prefix, suffix = parse_target(json.loads(target))
    note, tags = parse_body(json.loads(body))
    return Annotation(
        collection_id, article_id, path, start, end, exact, prefix, suffix, note, tags, colour,
        group, st, ann_id, created, modified, parse_anchors(json.loads(anchors)),
    )  # fmt: skip


def _values(ann: Annotation) -> list[Any]:
    return [
        ann.collection_id, ann.article_id, ann.article_path,
        json.dumps(target_json(ann, ann.article_path), ensure_ascii=False),
        json.dumps(body_json(ann), ensure_ascii=False), ann.colour, ann.group_key, ann.status,
        json.dumps(anchors_json(ann.group_anchors), ensure_ascii=False),
    ]  # fmt: skip


def create(db: sqlite_utils.Database, ann: Annotation) -> Annotation:
    """Insert; keeps `ann.id` when given (undo of a delete puts the same row back)."""
    now = _now()
    created = ann.created or now
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO annotations (id, collection_id, article_id, article_path, target, body,"
            " colour, group_key, status, group_anchors, created, modified)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [ann.id, *_values(ann), created, now],
        )
    return ann.with_changes(id=int(cursor.lastrowid or 0), created=created, modified=now)


def update(db: sqlite_utils.Database, ann: Annotation) -> Annotation:
    if ann.id is None:
        raise NotFound("annotation has no id")
    now = _now()
    with db.atomic():
        cursor = db.execute(
            "UPDATE annotations SET collection_id = ?, article_id = ?, article_path = ?,"
            " target = ?, body = ?, colour = ?, group_key = ?, status = ?, group_anchors = ?,"
            " modified = ?"
            " WHERE id = ?",
            [*_values(ann), now, ann.id],
        )
    if cursor.rowcount == 0:
        raise NotFound(f"no annotation with id {ann.id}")
    return ann.with_changes(modified=now)


def delete(db: sqlite_utils.Database, annotation_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])


def get(db: sqlite_utils.Database, annotation_id: int) -> Annotation:
    row = db.execute(f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", [annotation_id]).fetchone()
    if row is None:
        raise NotFound(f"no annotation with id {annotation_id}")
    return _row(row)


def in_collection(db: sqlite_utils.Database, collection_id: int) -> list[Annotation]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM annotations WHERE collection_id = ? ORDER BY id",
        [collection_id],
    ).fetchall()
    return [_row(r) for r in rows]


def for_articles(
    db: sqlite_utils.Database, collection_id: int, article_ids: Iterable[int]
) -> list[Annotation]:
    """The collection's annotations on these articles plus its orphans (never hidden); group
    notes carry the id of their group as it is now (a re-alignment renumbers groups)."""
    wanted = set(article_ids)
    shown = [a for a in in_collection(db, collection_id) if a.article_id in wanted or a.is_orphan]
    return with_current_groups(db, shown)
