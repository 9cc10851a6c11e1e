"""Date values as the divergence finders compare them, with no parser behind them: a date a
statement gives (`DateMention`) and whether two can name the same time. Light on purpose: the
comparison view (app/core/view) re-judges stored readings with it when articles are left out,
and must not load spaCy or dateparser to do so (compare/dates.py finds the mentions)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from app.core.nlp.dates import weekdays


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # article offsets
    end: int
    text: str
    # "2023-03-14" (day), "--03-14" (day, year unknown), "2023-03" / "--03" (month), "2023"
    # (year), or "weekday:tuesday" (a weekday, publication date unknown)
    value: str
    # a calendar day ("February 22"), not a weekday, "today", a month or a year: specific
    # enough to tie two reports together (vectors.py)
    explicit: bool
    weekday: int | None = None  # the weekday named with it (0 = Monday)
    event: str = ""  # stem of the verb it dates

    @property
    def precision(self) -> str:
        return _precision(self.value)


@lru_cache(maxsize=4096)
def _precision(value: str) -> str:
    """DateMention.precision, remembered: the date differences ask it for every comparison."""
    if value.startswith("weekday:"):
        return "weekday"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"(?:\d{4}|-)-\d\d", value):
        return "month"
    return "day"


def weekday_of(value: str) -> int | None:
    """The weekday of a full date value, None when the year or the day is unknown."""
    try:
        return dt.date.fromisoformat(value).weekday()
    except ValueError:
        return None


def agree(a: DateMention, b: DateMention) -> bool:
    """Can two mentions name the same time? Compared at the coarser precision; an unresolved
    weekday agrees with a date that falls on it (or whose weekday is unknown)."""
    if a.precision == "weekday" or b.precision == "weekday":
        days = []
        for m in (a, b):
            day = m.weekday if m.precision == "weekday" else weekday_of(m.value)
            if day is None and m.weekday is not None:
                day = m.weekday
            days.append(day)
        return None in days or days[0] == days[1]
    x, y = _fields(a.value), _fields(b.value)
    return all(p is None or q is None or p == q for p, q in zip(x, y, strict=True))


def values_agree(a: str, b: str) -> bool:
    """`agree` for two stored reading values ("2023-03-14", "2022-12", "weekday:tuesday")."""

    def mention(value: str) -> DateMention:
        names = weekdays()
        name = value.removeprefix("weekday:")
        day = names.index(name) if value.startswith("weekday:") and name in names else None
        return DateMention(0, 0, value, value, day is None, day)

    try:
        return agree(mention(a), mention(b))
    except ValueError:
        return True  # a value this version cannot read takes no side


@lru_cache(maxsize=4096)
def _fields(value: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a value; None where it does not say (remembered: see
    _precision)."""
    if value.startswith("--"):
        rest = value[2:].split("-")
        return None, int(rest[0]), int(rest[1]) if len(rest) > 1 else None
    if len(value) == 4 and value.isdigit():
        return int(value), None, None
    parts = value.split("-")
    return int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else None
