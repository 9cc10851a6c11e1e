"""Day-precise date expressions of a statement, resolved against the article's publication date.

"on Monday" in an article published on Monday 2021-02-08 is 2021-02-08; "Tuesday" in one
published on Tuesday 2021-02-09 is 2021-02-09: the two reports disagree about the day.
Vague expressions ("last week", "in March") are left out: they rarely contradict anything.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

from app.core.compare.features import StatementInfo
from app.core.compare.quantities import MONTHS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"\b(?:(?P<rel>last|next|this|on)\s+)?(?P<day>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE
)
_RELATIVE = re.compile(r"\b(?P<word>today|yesterday|tomorrow)\b", re.IGNORECASE)
_MONTH_DAY = re.compile(
    r"\b(?:(?:"
    + MONTHS
    + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:"
    + MONTHS
    + r"))\b(?:,?\s+(?:19|20)\d\d)?",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(will|shall|going to|due to|next|to be held)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # article offsets
    end: int
    text: str
    value: str  # ISO date, or "weekday:monday" when the publication date is unknown
    explicit: bool  # a calendar date ("February 22"), not a weekday or "today"


def date_mentions(statement: StatementInfo, published: str | None) -> list[DateMention]:
    base = _parse_iso(published)
    future = bool(_FUTURE.search(statement.text))
    found: list[DateMention] = []
    for m in _MONTH_DAY.finditer(statement.text):
        try:
            value = _explicit(m.group(0), base)
        except (ValueError, OverflowError):  # dateparser past the calendar's edge (year 9999)
            continue
        if value:
            found.append(_mention(statement, m, value, explicit=True))
    for m in _WEEKDAY.finditer(statement.text):
        day = WEEKDAYS.index(m.group("day").lower())
        if base is None:
            value = f"weekday:{WEEKDAYS[day]}"
        else:
            rel = (m.group("rel") or "").lower()
            try:
                value = _weekday(base, day, future or rel == "next", rel == "last").isoformat()
            except OverflowError:  # a publication date at the calendar's edge (year 1, 9999)
                continue
        found.append(_mention(statement, m, value))
    for m in _RELATIVE.finditer(statement.text):
        if base is not None:
            shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m.group("word").lower()]
            try:
                day_value = (base + dt.timedelta(days=shift)).isoformat()
            except OverflowError:
                continue
            found.append(_mention(statement, m, day_value))
    return found


def _mention(
    statement: StatementInfo, m: re.Match[str], value: str, explicit: bool = False
) -> DateMention:
    start = statement.start + m.start()
    return DateMention(start, statement.start + m.end(), m.group(0), value, explicit)


def _parse_iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _weekday(base: dt.date, day: int, future: bool, strictly_past: bool) -> dt.date:
    """The named weekday nearest the publication date, looking back (or ahead for plans)."""
    if future:
        return base + dt.timedelta(days=(day - base.weekday()) % 7 or 7)
    back = (base.weekday() - day) % 7
    if strictly_past and back == 0:
        back = 7
    return base - dt.timedelta(days=back)


@lru_cache(maxsize=1024)
def _explicit(text: str, base: dt.date | None) -> str | None:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "current_period",
                                   "REQUIRE_PARTS": ["day", "month"]}  # fmt: skip
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, settings=settings, languages=["en"])  # type: ignore[arg-type]
    if parsed is None:
        return None
    if base is None and not re.search(r"(19|20)\d\d", text):
        return f"--{parsed.month:02d}-{parsed.day:02d}"  # year unknown
    return parsed.date().isoformat()
