"""The user's W3C Web Annotations, anchored back to article offsets for printing.

An annotation names its article in `target.source` and its words with a TextPositionSelector
(offsets into the article text) and/or a TextQuoteSelector (exact words with prefix and suffix).
Offsets are trusted only when the text there still equals the quote; otherwise the quote is
searched for, so an annotation survives small edits of the text around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.palette import DEFAULT_ANNOTATION_COLOUR

# jsonld.py writes the user's colour as the styleClass "hl-<hex>"
_STYLE_CLASS = re.compile(r"^hl-([0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Anchored:
    """An annotation with the article and the offsets it belongs to (start == end == -1 when
    its words could not be found)."""

    number: int
    article: str
    start: int
    end: int
    quote: str
    note: str
    tags: tuple[str, ...]
    colour: str = DEFAULT_ANNOTATION_COLOUR  # the user's highlight colour

    @property
    def placed(self) -> bool:
        return self.start >= 0


def anchor_annotations(
    annotations: Iterable[Mapping[str, Any]], articles: Sequence[Mapping[str, Any]]
) -> list[Anchored]:
    """Anchor every annotation that belongs to one of `articles`, numbered in reading order
    (article order, then position)."""
    texts = {a["id"]: a["text"] for a in articles}
    order = {a["id"]: i for i, a in enumerate(articles)}
    found: list[Anchored] = []
    for annotation in annotations:
        target = _first(annotation.get("target"))
        if not isinstance(target, Mapping):
            continue
        selectors = [s for s in _as_list(target.get("selector")) if isinstance(s, Mapping)]
        quote_selector = _selector(selectors, "TextQuoteSelector")
        position = _selector(selectors, "TextPositionSelector")
        article = _article_of(target.get("source"), texts, quote_selector)
        if article is None:
            continue
        start, end = _locate(texts[article], position, quote_selector)
        quote = texts[article][start:end] if start >= 0 else str(quote_selector.get("exact", ""))
        note, tags = _body(annotation.get("body"))
        colour = _colour(target.get("styleClass"))
        found.append(Anchored(0, article, start, end, quote, note, tags, colour))
    found.sort(key=lambda a: (order[a.article], a.start < 0, a.start, a.end))
    return [
        Anchored(i, a.article, a.start, a.end, a.quote, a.note, a.tags, a.colour)
        for i, a in enumerate(found, 1)
    ]


def _colour(style_class: Any) -> str:
    match = _STYLE_CLASS.match(style_class) if isinstance(style_class, str) else None
    return f"#{match.group(1).lower()}" if match else DEFAULT_ANNOTATION_COLOUR


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _first(value: Any) -> Any:
    items = _as_list(value)
    return items[0] if items else None


def _selector(selectors: list[Mapping[str, Any]], kind: str) -> Mapping[str, Any]:
    return next((s for s in selectors if s.get("type") == kind), {})


def _article_of(source: Any, texts: Mapping[str, str], quote: Mapping[str, Any]) -> str | None:
    """`source` may be the export's article id ("a3"), a URI ending in it or in the database id
    ("parallax:article/3"), or missing: then the first article containing the quote wins."""
    if isinstance(source, Mapping):
        source = source.get("id")
    if isinstance(source, str) and source:
        if source in texts:
            return source
        tail = re.split(r"[/#:]", source)[-1]
        for key in (tail, f"a{tail}"):
            if key in texts:
                return key
        return None
    exact = quote.get("exact")
    if exact:
        return next((key for key, text in texts.items() if exact in text), None)
    return None


def _locate(text: str, position: Mapping[str, Any], quote: Mapping[str, Any]) -> tuple[int, int]:
    exact = str(quote.get("exact") or "")
    start, end = position.get("start"), position.get("end")
    in_range = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    if in_range and (not exact or text[start:end] == exact):
        return int(start or 0), int(end or 0)  # ints by in_range
    if not exact:
        return -1, -1
    prefix, suffix = str(quote.get("prefix") or ""), str(quote.get("suffix") or "")
    candidates = [m.start() for m in re.finditer(re.escape(exact), text)]
    if not candidates:
        return -1, -1

    def context_fit(at: int) -> int:
        before = text[max(0, at - len(prefix)) : at]
        after = text[at + len(exact) : at + len(exact) + len(suffix)]
        near = abs(at - start) if isinstance(start, int) else 0
        return -(int(before == prefix) + int(after == suffix)) * len(text) + near

    best = min(candidates, key=context_fit)
    return best, best + len(exact)


def _body(body: Any) -> tuple[str, tuple[str, ...]]:
    """The note is the text of the commenting bodies (or of untyped ones); tags are the values
    of tagging bodies."""
    notes: list[str] = []
    tags: list[str] = []
    for item in _as_list(body):
        if isinstance(item, str):
            notes.append(item)
            continue
        if not isinstance(item, Mapping):
            continue
        value = str(item.get("value") or item.get("chars") or "").strip()
        if not value:
            continue
        purposes = _as_list(item.get("purpose"))
        (tags if "tagging" in purposes else notes).append(value)
    return "\n".join(notes), tuple(tags)
