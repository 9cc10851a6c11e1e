"""The comparison as the `parallax/comparison-1` JSON document (docs/comparison-schema.md is the
contract other tools read): `to_document` writes it, `from_document` reads one back (another
tool's, or a test's) into the same records."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.core.export.destination import write_atomically
from app.core.view.assemble import RawDifference, RawGroup, RawStatement, assemble
from app.core.view.load import short_label
from app.core.view.model import (
    ArticleView,
    Comparison,
    DifferenceView,
    EntityView,
    Mention,
    Reading,
    entity_view,
)

SCHEMA_ID = "parallax/comparison-1"


def to_document(comparison: Comparison) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "collection": {"id": f"c{comparison.collection_id}", "name": comparison.collection_name},
        "generated": comparison.generated,
        "articles": [_article(a) for a in comparison.articles],
        "entities": [_entity(e) for e in comparison.entities],
        "statements": [
            {
                "id": s.key,
                "article": s.article,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "role": s.role,
            }
            for s in comparison.statements.values()
        ],
        "alignments": [
            {
                "id": g.key,
                "statements": list(g.statements),
                "score": g.score,
                "status": g.status,
                "differences": [_difference(d) for d in g.differences],
            }
            for g in comparison.groups.values()
        ],
        "annotations": [dict(a) for a in comparison.annotations],
    }


def write_json(document: Mapping[str, Any], out: Path) -> None:
    """Write whole or not at all, never over a device, pipe, link or folder (destination.py)."""
    text = json.dumps(document, ensure_ascii=False, indent=1)

    def write(part: Path) -> None:
        part.write_text(text, encoding="utf-8")

    write_atomically(out, write)


def _article(a: ArticleView) -> dict[str, Any]:
    return {
        "id": a.key, "path": a.path, "title": a.title, "source": a.source,
        "published": a.published, "url": a.url, "author": a.author, "language": a.language,
        "word_count": a.word_count, "text": a.text,
    }  # fmt: skip


def _mention(m: Mention) -> dict[str, Any]:
    return {"article": m.article, "start": m.start, "end": m.end, "text": m.text}


def _entity(e: EntityView) -> dict[str, Any]:
    return {
        "id": e.key, "name": e.name, "label": e.label, "value": e.value,
        "aliases": list(e.aliases), "mentions": [_mention(m) for m in e.written],
        "descriptors": [_mention(m) for m in e.descriptors],
    }  # fmt: skip


def _difference(d: DifferenceView) -> dict[str, Any]:
    return {
        "id": f"d{d.db_id}" if d.db_id is not None else d.key, "type": d.type,
        "severity": d.severity, "detail": d.detail,
        "readings": [_reading(r) for r in d.readings],
    }  # fmt: skip


def _reading(r: Reading) -> dict[str, Any]:
    return {
        "text": r.text, "value": r.value,
        "spans": [{"statement": s.statement, "start": s.start, "end": s.end} for s in r.spans],
    }  # fmt: skip


def from_document(document: Mapping[str, Any], include_notes: bool = True) -> Comparison:
    """The records of a comparison document; what a document leaves out reads as empty."""
    collection = document.get("collection") or {}
    articles = tuple(_article_view(a) for a in document.get("articles") or ())
    statements = [
        RawStatement(str(s["id"]), str(s["article"]), int(s["start"]), int(s["end"]),
                     str(s.get("role") or "body"))
        for s in document.get("statements") or ()
    ]  # fmt: skip
    groups = [
        RawGroup(
            str(g["id"]), float(g.get("score") or 0.0), tuple(g.get("statements") or ()),
            tuple(RawDifference(str(d.get("type", "wording")), str(d.get("severity", "variation")),
                                str(d.get("detail", "")), d.get("readings") or (),
                                _db_id(d.get("id")))
                  for d in g.get("differences") or ()),
        )
        for g in document.get("alignments") or ()
    ]  # fmt: skip
    return assemble(
        _db_id(collection.get("id")) or 0,
        str(collection.get("name") or "Comparison"),
        articles,
        tuple(_entity_view(e) for e in document.get("entities") or ()),
        statements,
        groups,
        tuple(document.get("annotations") or ()) if include_notes else (),
        str(document.get("generated") or ""),
    )


def _db_id(value: Any) -> int | None:
    text = str(value or "").lstrip("acdegs")
    return int(text) if text.isdigit() else None


def _article_view(a: Mapping[str, Any]) -> ArticleView:
    path = str(a.get("path") or "")
    text = str(a.get("text") or "")
    return ArticleView(
        str(a["id"]), _db_id(a["id"]) or 0, path,
        short_label(a.get("source"), a.get("title"), path or str(a["id"])),
        a.get("source"), a.get("title"), a.get("published"), text, a.get("url"),
        a.get("author"), a.get("language"), int(a.get("word_count") or len(text.split())),
    )  # fmt: skip


def _entity_view(e: Mapping[str, Any]) -> EntityView:
    def mentions(items: Any) -> tuple[Mention, ...]:
        return tuple(Mention(str(m["article"]), int(m["start"]), int(m["end"]),
                             str(m.get("text", ""))) for m in items or ())  # fmt: skip

    return entity_view(str(e["id"]), str(e.get("name", "")), str(e.get("label", "")),
                       e.get("value"), mentions(e.get("mentions")),
                       mentions(e.get("descriptors")))  # fmt: skip
