"""The `parallax/comparison-1` JSON document (docs/comparison-schema.md is the contract)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from app.core.export.destination import write_atomically
from app.core.store import articles as article_store
from app.core.store import collections

SCHEMA_ID = "parallax/comparison-1"


def build_comparison(
    db: sqlite_utils.Database, collection_name: str, article_ids: Sequence[int] | None = None
) -> dict[str, Any]:
    collection = collections.find(db, collection_name)
    rows = article_store.in_collection(db, collection.id)
    if article_ids:
        wanted = set(article_ids)
        rows = [r for r in rows if r.id in wanted]
    key = {row.id: f"a{row.id}" for row in rows}
    statement_key: dict[int, str] = {}
    statements: list[dict[str, Any]] = []
    for row in rows:
        for st in article_store.statements(db, row.id):
            statement_key[st.id] = f"s{st.id}"
            statements.append(
                {
                    "id": f"s{st.id}",
                    "article": key[row.id],
                    "start": st.start,
                    "end": st.end,
                    "text": row.text[st.start : st.end],
                    "role": st.role.value,
                }
            )
    return {
        "schema": SCHEMA_ID,
        "collection": {"id": f"c{collection.id}", "name": collection.name},
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "articles": [_article(row, key[row.id]) for row in rows],
        "entities": _entities(db, collection.id, key),
        "statements": statements,
        "alignments": _alignments(db, collection.id, statement_key),
        "annotations": _annotations(db, collection.id, key),
    }


def _article(row: article_store.ArticleRow, key: str) -> dict[str, Any]:
    return {
        "id": key,
        "path": row.path,
        "title": row.title,
        "source": row.source,
        "published": row.published,
        "url": row.url,
        "author": row.author,
        "language": row.language,
        "word_count": row.word_count,
        "text": row.text,
    }


def _entities(
    db: sqlite_utils.Database, collection_id: int, key: dict[int, str]
) -> list[dict[str, Any]]:
    entities: dict[int, dict[str, Any]] = {}
    rows = db.execute(
        'SELECT e.id, e.name, e.label, e.value, m.article_id, m.start, m."end", m.text'
        " FROM entities e JOIN mentions m ON m.entity_id = e.id"
        " WHERE e.collection_id = ? AND e.hidden = 0 ORDER BY e.id, m.article_id, m.start",
        [collection_id],
    ).fetchall()
    for eid, name, label, value, article_id, start, end, text in rows:
        if article_id not in key:
            continue
        entity = entities.setdefault(
            eid,
            {"id": f"e{eid}", "name": name, "label": label, "value": value, "aliases": [],
             "mentions": [], "descriptors": []},
        )  # fmt: skip
        entity["mentions"].append(
            {"article": key[article_id], "start": start, "end": end, "text": text}
        )
        if text != name and text not in entity["aliases"]:
            entity["aliases"].append(text)
    for eid, article_id, start, end, text in db.execute(
        'SELECT d.entity_id, d.article_id, d.start, d."end", d.text FROM entity_descriptors d'
        " JOIN entities e ON e.id = d.entity_id WHERE e.collection_id = ?"
        " ORDER BY d.entity_id, d.article_id, d.start",
        [collection_id],
    ).fetchall():
        if eid in entities and article_id in key:
            entities[eid]["descriptors"].append(
                {"article": key[article_id], "start": start, "end": end, "text": text}
            )
    return list(entities.values())


def _alignments(
    db: sqlite_utils.Database, collection_id: int, statement_key: dict[int, str]
) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for gid, _status, score in db.execute(
        "SELECT id, status, score FROM alignments WHERE collection_id = ? ORDER BY id",
        [collection_id],
    ).fetchall():
        members = [
            statement_key[sid]
            for (sid,) in db.execute(
                "SELECT statement_id FROM alignment_statements WHERE alignment_id = ?"
                " ORDER BY statement_id",
                [gid],
            ).fetchall()
            if sid in statement_key
        ]
        if len(members) < 2:
            continue
        # Differences a user marked not relevant are left out (see alignment corrections).
        differences = [
            {"id": f"d{did}", "type": t, "severity": sev, "detail": detail,
             "readings": json.loads(readings)}
            for did, t, sev, detail, readings in db.execute(
                "SELECT id, type, severity, detail, readings FROM differences"
                " WHERE alignment_id = ? AND relevant = 1 ORDER BY id",
                [gid],
            ).fetchall()
        ]  # fmt: skip
        differences = _within(differences, set(members))
        groups.append(
            {"id": f"g{gid}", "statements": members, "score": score,
             "status": "divergent" if differences else "shared",
             "differences": differences}
        )  # fmt: skip
    return groups


def _annotations(
    db: sqlite_utils.Database, collection_id: int, key: dict[int, str]
) -> list[dict[str, Any]]:
    from app.core.annotations import jsonld
    from app.core.annotations import store as annotation_store

    shown = annotation_store.for_articles(db, collection_id, key)
    return [jsonld.annotation_object(a, key.get(a.article_id or -1, a.article_path)) for a in shown]


def _within(differences: list[dict[str, Any]], members: set[str]) -> list[dict[str, Any]]:
    """Only the readings of exported statements (an export of some of the articles)."""
    kept = []
    for difference in differences:
        readings = []
        for reading in difference["readings"]:
            spans = [s for s in reading["spans"] if s["statement"] in members]
            if spans:
                readings.append({**reading, "spans": spans})
        if len(readings) >= 2:
            kept.append({**difference, "readings": readings})
    return kept


def write_json(document: dict[str, Any], out: Path) -> None:
    """Write whole or not at all, never over a device, pipe, link or folder (destination.py)."""
    text = json.dumps(document, ensure_ascii=False, indent=1)

    def write(part: Path) -> None:
        part.write_text(text, encoding="utf-8")

    write_atomically(out, write)
