"""Bylines ("By Jane Roe", "By Tomáš Novák in Prague", "By Dr Hannah Voss, Health Editor"):
the author's name, in any alphabet's capitals, with what follows it (role, place) left out."""

from __future__ import annotations

import re

from app.core.ingest.lexicon import words
from app.core.ingest.params import DEFAULT_PARAMS, IngestParams

_BY = re.compile(r"^by\s*[:\s]\s*(?P<rest>.+?)\s*$", re.IGNORECASE | re.DOTALL)
# What may follow the name: ", Health Editor", " in London", " | Outlet", " - Outlet", " and …"
_TAIL = re.compile(r"\s*(,|\bin\b|\bfor\b|\|| [-–—] |\bat\b).*$", re.DOTALL)
_JOIN = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.\-]*(?:['’.\-][^\W\d_]*)*\.?")


def _is_name(text: str) -> bool:
    tokens = text.split()
    while tokens and tokens[0].lower().rstrip(".") in words("byline_titles"):
        tokens = tokens[1:]
    if not 2 <= len(tokens) <= 5:
        return False
    for token in tokens:
        if token.lower() in words("name_particles"):
            continue
        if not _NAME_WORD.fullmatch(token) or not token[0].isupper():
            return False
    return tokens[-1].lower() not in words("name_particles")


def parse_byline(text: str, params: IngestParams = DEFAULT_PARAMS) -> str | None:
    """The author a byline names ("A and B" for two), or None when the line is not a byline."""
    if len(text.split()) > params.byline_max_words:
        return None
    match = _BY.match(text)
    if not match:
        return None
    rest = match.group("rest")
    # "By our correspondent Lukas Verhoeven": the outlet's role word, then the name
    roles = "|".join(re.escape(r) for r in sorted(words("byline_roles"), key=len, reverse=True))
    rest = re.sub(rf"^our\s+(?:{roles})\s+", "", rest, flags=re.IGNORECASE)
    names = [_TAIL.sub("", part).strip() for part in _JOIN.split(rest)]
    if not names or not all(_is_name(n) for n in names):
        return None
    return " and ".join(_strip_title(n) for n in names)


def _strip_title(name: str) -> str:
    tokens = name.split()
    while len(tokens) > 2 and tokens[0].lower().rstrip(".") in words("byline_titles"):
        tokens = tokens[1:]
    return " ".join(tokens)
