"""The importer's general word lists (resources/lexicon/ingest.json), as sets."""

from __future__ import annotations

from functools import cache

from app.core.nlp.dates import month_numbers, weekday_numbers
from app.core.resources import load_json


@cache
def words(name: str) -> frozenset[str]:
    """One list of resources/lexicon/ingest.json, lower-cased."""
    lists: dict[str, list[str]] = load_json("lexicon/ingest.json")
    return frozenset(w.lower() for w in lists[name])


@cache
def date_words() -> frozenset[str]:
    """Words a dateline or time stamp dates with: month and weekday names and abbreviations
    (the shared calendar, app/core/nlp/dates.py), "today", "yesterday", "tonight"."""
    return frozenset(month_numbers()) | frozenset(weekday_numbers()) | words("day_words")
