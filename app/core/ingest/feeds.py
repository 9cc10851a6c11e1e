"""RSS and Atom feeds (feedparser): the items' links, optionally only those since a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.errors import UnreadableFile


@dataclass(frozen=True, slots=True)
class FeedItem:
    link: str
    title: str
    published: dt.date | None  # the item's publication (else update) date, when it gives one


def parse_feed(data: bytes, url: str) -> list[FeedItem]:
    """The items of a feed, in the feed's order; links made absolute against `url`."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            raise UnreadableFile(f"not an RSS or Atom feed ({parsed.get('bozo_exception')})")
        if not parsed.get("version"):
            raise UnreadableFile("not an RSS or Atom feed")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue  # an item with no page to fetch
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*stamp[:3]) if stamp else None
        items.append(FeedItem(str(link), str(entry.get("title", "")), published))
    return items


def since(items: list[FeedItem], day: dt.date) -> tuple[list[FeedItem], list[FeedItem]]:
    """(items published on or after `day`, the others). An item without a date cannot be
    shown to be recent, so it is left out too (and named by the caller)."""
    kept = [i for i in items if i.published is not None and i.published >= day]
    return kept, [i for i in items if i not in kept]
