"""Web addresses in what users paste or drop (light: no network, no NLP imports)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ADDRESS = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»”’'\""


def is_web_address(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def addresses_in_text(text: str) -> list[str]:
    """Every http(s) address in pasted or dropped text, in order, each once; punctuation that
    ends a sentence around an address is not part of it."""
    found: list[str] = []
    for match in _ADDRESS.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        if is_web_address(url) and url not in found:
            found.append(url)
    return found
