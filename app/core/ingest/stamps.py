"""Timestamp lines ("Updated 14:32 GMT", "PUBLISHED: May 2, 2013, 1:32 PM") and the dates they
carry. A page prints them around the article; they are metadata, never statements."""

from __future__ import annotations

import datetime as dt
import re

from app.core.ingest.lexicon import date_words, words
from app.core.ingest.params import DEFAULT_PARAMS, IngestParams
from app.core.nlp.dates import month_numbers

_TOKEN = re.compile(r"[^\s|,;()\[\]]+")
_DAY_OR_YEAR = re.compile(r"\d{1,4}(st|nd|rd|th)?")
# 14:32, 05/02/2013, 2013-09-26, 2013.08.08, 5:03p, 8:05am, 05.51AM
_CLOCK_OR_DATE = re.compile(r"\d{1,4}([:/.\-]\d{1,4}){1,2}(am|pm|a\.m|p\.m|a|p)?")
_HOUR = re.compile(r"\d{1,4}(am|pm)")
_ZONE_OFFSET = re.compile(r"(gmt|utc)?[+\-−]\d{1,2}(:\d{0,2})?")
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATES = [
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),  # 12 March 2013
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),  # May 2, 2013 / Dec 23 2012
    re.compile(r"\b(?P<year>\d{4})[-./](?P<mon>\d{1,2})[-./](?P<day>\d{1,2})\b"),  # 2013-09-26
    re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b"),  # 05/02/2013
]
_PUBLISHED_WORDS = re.compile(r"\b(published|posted|created|first)\b", re.IGNORECASE)


def _stamp_token(token: str) -> bool | None:
    """True: a date or time word; False: filler a stamp may hold; None: any other word."""
    t = token.lower().strip(".:-–—/'\"")
    filler = words("stamp_words") | words("time_zones")
    if not t or t in filler or f"{t}." in filler:  # "p.m" as well as "p.m."
        return False
    if t in date_words():
        return True
    if _CLOCK_OR_DATE.fullmatch(t) or _HOUR.fullmatch(t):
        return True
    if _DAY_OR_YEAR.fullmatch(t) or _ZONE_OFFSET.fullmatch(t):
        return False
    return None


def is_timestamp(text: str, params: IngestParams = DEFAULT_PARAMS) -> bool:
    """A short line made only of date, time and stamp words, with at least one digit."""
    if not 1 <= len(text.split()) <= params.stamp_max_words or not re.search(r"\d", text):
        return False
    dated = False
    for token in _TOKEN.findall(text):
        kind = _stamp_token(token)
        if kind is None:
            return False
        dated = dated or kind
    return dated


def date_in(text: str) -> str | None:
    """The first full date (with its year) in a text, as ISO; an ambiguous 05/02/2013 is None."""
    for pattern in _DATES:
        for match in pattern.finditer(text):
            found = _to_date(match.groupdict())
            if found:
                return found
    return None


def _to_date(parts: dict[str, str | None]) -> str | None:
    year, day = int(parts["year"] or 0), parts.get("day")
    if parts.get("month"):
        month = month_numbers().get(str(parts["month"]).lower())
    elif parts.get("mon"):
        month = int(str(parts["mon"]))
    else:  # a/b/year: only when one side cannot be a month is the order certain
        a, b = int(str(parts["a"])), int(str(parts["b"]))
        if a > 12 >= b:
            month, day = b, str(a)
        elif b > 12 >= a:
            month, day = a, str(b)
        else:
            return None
    if not month or not day:
        return None
    try:
        return dt.date(year, month, int(day)).isoformat()
    except ValueError:
        return None


def published_from_stamps(stamps: list[str]) -> str | None:
    """The publication date among an article's timestamp lines: a "published" stamp first,
    else the earliest date any stamp gives ("updated" is later than published)."""
    for text in stamps:
        if _PUBLISHED_WORDS.search(text):
            found = date_in(_PUBLISHED_WORDS.split(text, maxsplit=1)[-1]) or date_in(text)
            if found:
                return found
    dates = sorted(d for d in (date_in(t) for t in stamps) if d)
    return dates[0] if dates else None


_NAME_WORD = r"[^\W\d_][\w&.'’\-]*"
_SIGNED = re.compile(rf"^(?P<name>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}}),\s+(?P<rest>.+)$")


def signed_date(text: str, params: IngestParams = DEFAULT_PARAMS) -> str | None:
    """The full date of a "Name, 14 April 2023" line under a headline (an outlet's or a place's
    name and the date), or None. The name is not taken as the source: a place looks the same."""
    match = _SIGNED.match(text)
    if not match or not match.group("name")[0].isupper():
        return None
    rest = match.group("rest")
    return date_in(rest) if is_timestamp(rest, params) else None
