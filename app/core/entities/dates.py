"""ISO values for DATE mentions, resolved against the article's publication date.

`resolve("Feb. 22", "2021-02-08")` → DateValue("2021-02-22", "published:2021-02-08").

Values: "YYYY-MM-DD" (a day), "YYYY-MM" (a month), "YYYY" (a year), "YYYY-Www" (an ISO week).
- Absolute dates with a year resolve everywhere (anchor None).
- Weekdays, "today", "last Tuesday", "last week", "last month" resolve only against the article's
  own publication date (anchor "published:<date>"): a bare weekday is the most recent such day
  on or before publication (news reports the past: "on Monday" in a Monday paper is that day),
  "last <weekday>" the most recent strictly before it, "next <weekday>" the first after it.
- Year-less dates ("February 22", "August") take the year that puts them nearest the anchor,
  preferring the past unless the future date is within 120 days ("EU ministers will meet on
  February 22" in early February). An article without a publication date borrows the
  collection's date (anchor "collection:<date>", the upper median of its articles' dates): the
  articles of one story appear within days of each other, so the year is right even though the
  day of a weekday would not be; weekdays and relative dates are therefore never borrowed.
- Durations ("two years", "three-day") and vague spans ("recent weeks") get no value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from dateparser.date import DateDataParser

from app.core.nlp.dates import (
    month_numbers,
    parse_iso,
    weekday_after,
    weekday_on_or_before,
    weekdays,
)

WEEKDAYS = weekdays()
# The three-letter stems, January first: "_MONTH" reads any longer spelling after them.
MONTHS = tuple(sorted({name[:3] for name in month_numbers()}, key=lambda m: month_numbers()[m]))
FUTURE_WINDOW = dt.timedelta(days=120)

_DURATION = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|"
    r"many|some|nearly|about|almost|over|additional)[\s-]+(?:\w+[\s-]+)?"
    r"(?:years?|months?|weeks?|days?|decades?|hours?)\b|\b(?:years|months|weeks|days|decades)\b",
    re.IGNORECASE,
)
_RELATIVE_DAY = re.compile(r"^(today|yesterday|tomorrow|tonight)$", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"^(?:(last|this|next|on|past)\s+)?(" + "|".join(WEEKDAYS) + r")(?:'s|’s)?$", re.IGNORECASE
)
_RELATIVE_PERIOD = re.compile(r"^(last|this|next|past)\s+(week|month|year)(?:'s|’s)?$", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")[a-z]*\.?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateValue:
    value: str
    anchor: str | None  # "published:<iso>" or "collection:<iso>"; None for absolute dates


@cache
def _parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _clean(text: str) -> str:
    text = re.sub(r"^(?:the|on|in|of|by|since|until)\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"(?:'s|’s)$", "", text).strip(" .,")


def _weekday(match: re.Match[str], base: dt.date) -> dt.date:
    which, day = (match.group(1) or "").lower(), WEEKDAYS.index(match.group(2).lower())
    if which == "next":
        return weekday_after(base, day)
    return weekday_on_or_before(base, day, strictly=which in ("last", "past"))


def _relative(text: str, base: dt.date) -> str | None:
    day = _RELATIVE_DAY.match(text)
    if day:
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[day.group(1).lower()]
        return (base + dt.timedelta(days=shift)).isoformat()
    weekday = _WEEKDAY.match(text)
    if weekday:
        return _weekday(weekday, base).isoformat()
    period = _RELATIVE_PERIOD.match(text)
    if period:
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[period.group(1).lower()]
        unit = period.group(2).lower()
        if unit == "week":
            return _iso_week(base + dt.timedelta(weeks=step))
        if unit == "month":
            month = base.month - 1 + step
            return f"{base.year + month // 12}-{month % 12 + 1:02d}"
        return str(base.year + step)
    return None


def _nearest_year(month: int, day: int, base: dt.date) -> int:
    """The year that puts month/day nearest `base`, preferring the past (see module doc)."""
    for year in (base.year, base.year + 1):
        try:
            future = dt.date(year, month, day)
        except ValueError:
            future = dt.date(year, month, 28)
        if future > base:
            return year if future - base <= FUTURE_WINDOW else year - 1
    return base.year


@lru_cache(maxsize=8192)
def _parse(text: str) -> tuple[dt.date, str] | None:
    """dateparser's reading (date, period) of a text; cached: it is the slow part of linking
    and one story repeats its dates in every article."""
    data = _parser().get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _absolute(text: str, base: dt.date | None) -> tuple[str, bool] | None:
    """(value, used_base) for a calendar date; needs `base` when no year is written."""
    has_year = bool(_YEAR.search(text))
    if not has_year and not _MONTH.search(text):
        return None
    found = _parse(text)
    if found is None:
        return None
    parsed, period = found
    if has_year:
        if period == "year" or (not _MONTH.search(text) and not re.search(r"\d+\D+\d+", text)):
            return str(parsed.year), False
        if period == "month":
            return f"{parsed.year}-{parsed.month:02d}", False
        return parsed.isoformat(), False
    if base is None:
        return None
    if period == "month" or not re.search(r"\d", text):
        year = _nearest_year(parsed.month, 15, base)
        return f"{year}-{parsed.month:02d}", True
    year = _nearest_year(parsed.month, parsed.day, base)
    return f"{year}-{parsed.month:02d}-{parsed.day:02d}", True


def resolve(
    text: str, published: str | None, collection_date: str | None = None
) -> DateValue | None:
    """The ISO value of a DATE mention, or None when it cannot be pinned down."""
    try:
        return _resolve(text, published, collection_date)
    except (ValueError, OverflowError):  # a base date at the calendar's edge (year 1, 9999)
        return None


def _resolve(text: str, published: str | None, collection_date: str | None) -> DateValue | None:
    cleaned = _clean(text)
    if not cleaned or _DURATION.search(cleaned):
        return None
    own = parse_iso(published)
    if own is not None:
        relative = _relative(cleaned, own)
        if relative is not None:
            return DateValue(relative, f"published:{own.isoformat()}")
    elif _WEEKDAY.match(cleaned) or _RELATIVE_DAY.match(cleaned) or _RELATIVE_PERIOD.match(cleaned):
        return None
    borrowed = parse_iso(collection_date) if own is None else None
    base = own or borrowed
    result = _absolute(cleaned, base)
    if result is None:
        return None
    value, used_base = result
    if not used_base or base is None:
        return DateValue(value, None)
    kind = "published" if own is not None else "collection"
    return DateValue(value, f"{kind}:{base.isoformat()}")


def collection_date(published: list[str | None]) -> str | None:
    """The upper median of the articles' publication dates (None when none is known)."""
    days = sorted(d.isoformat() for p in published if (d := parse_iso(p)) is not None)
    return days[len(days) // 2] if days else None


def looks_calendar(text: str) -> bool:
    """A weekday, month or year name: worth keeping as an entity even without a value."""
    cleaned = _clean(text)
    return bool(_WEEKDAY.match(cleaned) or _MONTH.search(cleaned) or _YEAR.search(cleaned))


_DAY_PART = re.compile(
    r"^(?:(?:early|late)\s+)?(" + "|".join(WEEKDAYS) + r")\s+(?:morning|afternoon|evening|night)$",
    re.IGNORECASE,
)


def day_of_time(text: str) -> str | None:
    """ "Friday" for the TIME "Friday night" or "early Saturday morning"; None when the time
    names no day."""
    found = _DAY_PART.match(_clean(text))
    return found.group(1) if found else None


def month_day_key(text: str) -> str | None:
    """ "--02-22" for a day of a month written without a year ("Feb. 22", "22 February",
    "Sunday, February 22nd"): what undated articles can still match (None otherwise)."""
    cleaned = _clean(text)
    if _YEAR.search(cleaned) or not _MONTH.search(cleaned) or not re.search(r"\d", cleaned):
        return None
    try:
        found = _parse(cleaned)
    except (ValueError, OverflowError):
        return None
    if found is None or found[1] != "day":
        return None
    return f"--{found[0].month:02d}-{found[0].day:02d}"


def relative_key(text: str) -> str | None:
    """ "friday", "last week", "today": the wording of a date that needs a publication date to
    resolve (None for any other wording)."""
    cleaned = _clean(text)
    if _WEEKDAY.match(cleaned) or _RELATIVE_DAY.match(cleaned) or _RELATIVE_PERIOD.match(cleaned):
        return " ".join(cleaned.lower().split())
    return None
