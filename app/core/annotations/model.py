"""The annotation record and its W3C Web Annotation selectors."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from app.core.palette import DEFAULT_ANNOTATION_COLOUR

CONTEXT_CHARS = 32  # prefix/suffix length of the TextQuoteSelector
DEFAULT_COLOUR = DEFAULT_ANNOTATION_COLOUR
ANCHORED = "anchored"
ORPHAN = "orphan"


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight with an optional note and tags on a span of one article's text.

    A note about a statement group (a divergence) has `group_anchors`: one text anchor per
    statement of the group (groups.py); its span is the statement in the article where it was
    made. `group_key` is the group's id as last resolved ("g<alignment id>"): a hint only, since
    re-alignment replaces group ids; `groups.current_group` finds the group again."""

    collection_id: int
    article_id: int | None
    article_path: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    colour: str = DEFAULT_COLOUR
    group_key: str | None = None
    status: str = ANCHORED
    id: int | None = None
    created: str = ""
    modified: str = field(default="", compare=False)
    group_anchors: tuple[Any, ...] = ()  # groups.StatementAnchor

    @property
    def is_orphan(self) -> bool:
        return self.status == ORPHAN

    @property
    def is_group_note(self) -> bool:
        return bool(self.group_anchors) or self.group_key is not None

    def with_changes(self, **values: Any) -> Annotation:
        return replace(self, **values)


def quote_context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(exact, prefix, suffix) for a span: what a TextQuoteSelector records."""
    return (
        text[start:end],
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
    )


def new_annotation(
    collection_id: int, article_id: int, article_path: str, text: str, start: int, end: int,
    **values: Any,
) -> Annotation:  # fmt: skip
    exact, prefix, suffix = quote_context(text, start, end)
    return Annotation(
        collection_id, article_id, article_path, start, end, exact, prefix, suffix, **values
    )


def target_json(ann: Annotation, source: str) -> dict[str, Any]:
    return {
        "source": source,
        "selector": [
            {"type": "TextQuoteSelector", "exact": ann.exact, "prefix": ann.prefix,
             "suffix": ann.suffix},
            {"type": "TextPositionSelector", "start": ann.start, "end": ann.end},
        ],
    }  # fmt: skip


def body_json(ann: Annotation) -> list[dict[str, Any]]:
    body: list[dict[str, Any]] = []
    if ann.note:
        body.append({"type": "TextualBody", "value": ann.note, "purpose": "commenting",
                     "format": "text/plain"})  # fmt: skip
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in ann.tags]
    return body


def parse_target(target: dict[str, Any]) -> tuple[int, int, str, str, str]:
    """(start, end, exact, prefix, suffix) from a stored target."""
    start = end = 0
    exact = prefix = suffix = ""
    for selector in target.get("selector", []):
        if selector.get("type") == "TextQuoteSelector":
            exact = selector.get("exact", "")
            prefix = selector.get("prefix", "")
            suffix = selector.get("suffix", "")
        elif selector.get("type") == "TextPositionSelector":
            start, end = int(selector["start"]), int(selector["end"])
    return start, end, exact, prefix, suffix


def parse_body(body: list[dict[str, Any]]) -> tuple[str, tuple[str, ...]]:
    note = "\n".join(b["value"] for b in body if b.get("purpose") == "commenting")
    tags = tuple(b["value"] for b in body if b.get("purpose") == "tagging")
    return note, tags
