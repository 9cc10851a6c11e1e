"""The calendar every date reader shares: month and weekday words (resources/lexicon/
calendar.json), ISO dates read safely, and where a named weekday falls from a given day.

Three readers use it: the importer (datelines, time stamps), entity linking (a DATE mention's
ISO value, entities/dates.py) and divergence typing (the dates a statement gives,
compare/dates.py). They differ in what they resolve, not in what a month or a weekday is.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from app.core.resources import load_json


@cache
def _calendar() -> dict[str, object]:
    data = load_json("lexicon/calendar.json")
    assert isinstance(data, dict)
    return data


@cache
def month_numbers() -> dict[str, int]:
    """Month name or abbreviation → month number ("sept" → 9)."""
    months = _calendar()["months"]
    assert isinstance(months, dict)
    return {str(name): int(number) for name, number in months.items()}


@cache
def weekdays() -> tuple[str, ...]:
    """The weekday names, Monday first (their index is `date.weekday()`)."""
    names = _calendar()["weekdays"]
    assert isinstance(names, list)
    return tuple(str(n) for n in names)


@cache
def weekday_numbers() -> dict[str, int]:
    """Weekday name or abbreviation → its index ("thurs" → 3)."""
    short = _calendar()["weekday_abbreviations"]
    assert isinstance(short, dict)
    return {**{name: i for i, name in enumerate(weekdays())},
            **{str(k): int(v) for k, v in short.items()}}  # fmt: skip


def parse_iso(value: str | None) -> dt.date | None:
    """The day of an ISO date or timestamp ("2021-02-08", "2021-02-08T10:00"); None otherwise."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def weekday_on_or_before(base: dt.date, day: int, strictly: bool = False) -> dt.date:
    """The latest `day` (0 = Monday) on or before `base` (before it when `strictly`): news
    reports the past, so "on Monday" in a Monday paper is that day, "last Monday" the one
    before. Raises OverflowError at the calendar's edge."""
    back = (base.weekday() - day) % 7
    if strictly and back == 0:
        back = 7
    return base - dt.timedelta(days=back)


def weekday_after(base: dt.date, day: int) -> dt.date:
    """The first `day` strictly after `base` ("next Monday", "will meet on Monday")."""
    return base + dt.timedelta(days=(day - base.weekday()) % 7 or 7)
