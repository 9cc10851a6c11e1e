"""Article metadata from what the file gives. Never invented: what is not found stays None."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlparse

from app.core.ingest.byline import parse_byline
from app.core.ingest.params import DEFAULT_PARAMS, IngestParams
from app.core.ingest.stamps import is_timestamp, signed_date
from app.core.resources import load_json

_DATE_LINE = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})\s+(?P<title>.+)$", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s\"'<>)]+")
_FOLLOW = re.compile(
    r"^follow\s+(?P<name>[A-Z][\w&.' -]{1,60}?)\s+on\s+(social media|twitter|facebook|x)\b",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(r"^[A-Z][a-z'’-]+(\s[A-Z][a-z'’-]+){1,3}$")
_QUOTE_START = re.compile(r"^[\"“‘'«]")
_ASKS = re.compile(r"[!?]['\"’”]?$")
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


def guess_title_index(
    paragraphs: Sequence[str], params: IngestParams = DEFAULT_PARAMS
) -> int | None:
    """A headline: one of the first paragraphs, short, not a statement (a question or an
    exclamation may be a headline, a full stop or a colon ends a sentence or a lead-in), not a
    quotation, and not the page's furniture (a byline, a timestamp, a photo label)."""
    for i, text in enumerate(paragraphs[: params.title_search_paragraphs]):
        words = len(text.split())
        if (
            2 <= words <= params.title_max_words
            and not re.search(r"[.:…]['\"’”]?$", text)
            and (not _ASKS.search(text) or _furniture_follows(paragraphs, i, params))
            and not _QUOTE_START.match(text)
            and not _URL.match(text)
            and not re.match(r"^(photo|image|screenshot)\b", text, re.IGNORECASE)
            and not _is_furniture(text, params)
        ):
            return i
    return None


def _is_furniture(text: str, params: IngestParams) -> bool:
    return bool(
        parse_byline(text, params) or is_timestamp(text, params) or signed_date(text, params)
    )


def _furniture_follows(paragraphs: Sequence[str], i: int, params: IngestParams) -> bool:
    """A question or an exclamation is a headline only where a page's furniture (a byline, a
    timestamp, a standfirst) follows it; followed by prose it is the article's first sentence."""
    if i + 1 >= len(paragraphs):
        return False
    nxt = paragraphs[i + 1]
    return _is_furniture(nxt, params) or not re.search(r"[.!?…]['\"’”)]*$", nxt)


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
    domains: Counter[str] = Counter()
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
    return str(outlets.get(host, host))


def author_from_text(
    paragraphs: Sequence[str], params: IngestParams = DEFAULT_PARAMS
) -> str | None:
    """A byline ("By Jane Roe") near the top, or a name line followed by its bio near the end."""
    for text in paragraphs[: params.byline_search_paragraphs]:
        name = parse_byline(text, params)
        if name:
            return name
    for i, text in enumerate(paragraphs):
        if _NAME_LINE.match(text) and i > len(paragraphs) // 2:
            following = " ".join(paragraphs[i + 1 : i + 3])
            if following.startswith(text) or following.startswith(text.split()[0]):
                return text
    return None
