"""The importer's general word lists (resources/lexicon/ingest.json), as sets."""

from __future__ import annotations

from functools import cache

from app.core.resources import load_json


@cache
def words(name: str) -> frozenset[str]:
    """One list of resources/lexicon/ingest.json, lower-cased."""
    lists: dict[str, list[str]] = load_json("lexicon/ingest.json")
    return frozenset(w.lower() for w in lists[name])


@cache
def month_numbers() -> dict[str, int]:
    """Month name or abbreviation → month number ("sept" → 9)."""
    full = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]  # fmt: skip
    return {m: full.index(f) + 1 for m in words("months") for f in full if f.startswith(m[:3])}
