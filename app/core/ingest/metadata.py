"""Article metadata from what the file gives. Never invented: what is not found stays None."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlparse

from app.core.resources import load_json

_DATE_LINE = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})\s+(?P<title>.+)$", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s\"'<>)]+")
_FOLLOW = re.compile(
    r"^follow\s+(?P<name>[A-Z][\w&.' -]{1,60}?)\s+on\s+(social media|twitter|facebook|x)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^by\s+(?P<name>[A-Z][\w.'-]+(\s[A-Z][\w.'-]+){1,3})$")
_NAME_LINE = re.compile(r"^[A-Z][a-z'’-]+(\s[A-Z][a-z'’-]+){1,3}$")
_QUOTE_START = re.compile(r"^[\"“‘'«]")
_TITLE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def parse_date_line(first: str) -> tuple[str, str] | None:
    """`date 2021-02-08 Title…` (the export format of a news-monitoring tool) → (date, title)."""
    match = _DATE_LINE.match(first.strip())
    if not match:
        return None
    try:
        published = dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None
    return published, match.group("title").strip()


def split_title(line: str) -> tuple[str, str | None]:
    """A headline line that carries a standfirst after it: first sentence is the title."""
    parts = _TITLE_SPLIT.split(line, maxsplit=1)
    if len(parts) == 2 and len(parts[0].split()) >= 4:
        return parts[0].strip(), parts[1].strip()
    return line, None


def guess_title_index(paragraphs: Sequence[str]) -> int | None:
    """A headline: one of the first three paragraphs, short, not a sentence, not a quotation."""
    for i, text in enumerate(paragraphs[:3]):
        words = len(text.split())
        if (
            2 <= words <= 20
            and not re.search(r"[.!?:…]['\"’”]?$", text)
            and not _QUOTE_START.match(text)
            and not _URL.match(text)
            and not re.match(r"^(photo|image|screenshot)\b", text, re.IGNORECASE)
        ):
            return i
    return None


def normalise_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def source_from_text(paragraphs: Sequence[str]) -> str | None:
    for text in paragraphs:
        match = _FOLLOW.match(text)
        if match:
            return match.group("name").strip()
    return source_from_urls(" ".join(paragraphs))


def source_from_urls(text: str) -> str | None:
    """The site whose own URLs the article lists (related links): most of the URLs, at least 2."""
    domains = Counter()
    for url in _URL.findall(text):
        host = (urlparse(url).hostname or "").lower().removeprefix("www.")
        if host:
            domains[host] += 1
    if not domains:
        return None
    host, count = domains.most_common(1)[0]
    if count < 2 or count < 0.5 * sum(domains.values()):
        return None
    outlets: dict[str, str] = load_json("outlets.json")
    return outlets.get(host, host)


def author_from_text(paragraphs: Sequence[str]) -> str | None:
    """A byline ("By Jane Roe") near the top, or a name line followed by its bio near the end."""
    for text in paragraphs[:4]:
        match = _BYLINE.match(text)
        if match:
            return match.group("name")
    for i, text in enumerate(paragraphs):
        if _NAME_LINE.match(text) and i > len(paragraphs) // 2:
            following = " ".join(paragraphs[i + 1 : i + 3])
            if following.startswith(text) or following.startswith(text.split()[0]):
                return text
    return None
