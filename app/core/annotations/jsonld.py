"""Annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.core.annotations.groups import anchors_json
from app.core.annotations.model import Annotation, body_json, target_json

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation_object(ann: Annotation, source: str) -> dict[str, Any]:
    """One annotation; `source` names the annotated article (export id or path)."""
    # The colour is styling, not content: W3C's stylesheet + styleClass, so that readers of
    # the body (the PDF notes, other tools) see only the note and the tags.
    style = "hl-" + ann.colour.lstrip("#").lower()
    target = target_json(ann, source)
    target["styleClass"] = style
    obj: dict[str, Any] = {
        "id": f"urn:parallax:annotation:{ann.id}",
        "type": "Annotation",
        "motivation": "commenting" if ann.note else "highlighting",
        "created": ann.created,
        "modified": ann.modified,
        "body": body_json(ann),
        "target": target,
        "stylesheet": {
            "type": "CssStylesheet",
            "value": f".{style} {{ background-color: {ann.colour} }}",
        },
        "parallax:status": ann.status,
    }
    if ann.group_key:
        obj["parallax:group"] = ann.group_key
    if ann.group_anchors:  # the group's statements, by text: they outlive the group's id
        obj["parallax:groupStatements"] = anchors_json(ann.group_anchors)
    return obj


def annotation_collection(
    annotations: Sequence[Annotation], sources: dict[int, str], label: str
) -> dict[str, Any]:
    """An AnnotationCollection with every annotation on its first page; `sources` maps article
    ids to how the target names them (orphans keep their article path)."""
    items = [
        annotation_object(a, sources.get(a.article_id or -1, a.article_path)) for a in annotations
    ]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
