"""Wire datelines ("LONDON, May 6 (Wire) —", "MILLBRIDGE, Tuesday —", "BERLIN (AP) —",
"Reuters —"): the place and date a report was filed from, printed before its first sentence.
They are metadata; left in the sentence they lend it a place and a date it does not state."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from app.core.ingest.lexicon import words
from app.core.ingest.params import DEFAULT_PARAMS, IngestParams
from app.core.ingest.stamps import date_in
from app.core.nlp.dates import month_numbers, weekday_numbers


@dataclass(frozen=True, slots=True)
class Dateline:
    length: int  # characters of the paragraph the dateline takes, separator included
    place: str | None
    date_text: str | None
    published: str | None  # ISO, only when the dateline gives a year
    agency: str | None


@cache
def _patterns() -> list[re.Pattern[str]]:
    month = "|".join(sorted(month_numbers(), key=len, reverse=True))
    days = {*weekday_numbers(), *(words("day_words") - {"today", "tonight"})}
    weekday = "|".join(sorted(days, key=len, reverse=True))
    date = (
        rf"(?i:(?:{weekday})\.?(?:,?\s\d{{1,2}}\s(?:{month})\.?)?"
        rf"|(?:{month})\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?"
        rf"|\d{{1,2}}\s(?:{month})\.?(?:\s\d{{4}})?)"
    )
    caps = r"[A-Z][A-Z'’.\-]+(?:\s[A-Z][A-Z'’.\-]+){0,3}"
    title = r"[A-Z][a-z'’.\-]+(?:\s[A-Z][a-z'’.\-]+){0,2}"
    # ", England": a region after the place, never the date itself
    region = rf"(?:,\s(?!(?i:{month}|{weekday})\b)[A-Z][\w'’.\-]+(?:\s[A-Z][\w'’.\-]+){{0,2}})?"
    dated = rf",?\s(?P<date>{date})"
    agency = r"\s?\((?P<agency>[^()]{1,40})\)"
    dash = r"(?:\s+-{1,2}|\s*[—–])(?:\s+|$)"
    return [
        # LONDON —, KINGSMERE, England, May 6 (Wire) -
        re.compile(rf"^(?P<place>{caps}{region})(?:{dated})?(?:{agency})?{dash}"),
        # Mumbai, Nov 11 -, Berlin (AP) —: a place in title case needs a date or an agency
        re.compile(rf"^(?P<place>{title}{region}){dated}(?:{agency})?{dash}"),
        re.compile(rf"^(?P<place>{title}{region}){agency}{dash}"),
        # Reuters — The …: an agency alone, before a sentence that starts with a capital
        re.compile(rf"^(?P<agency>{title}){dash}(?=[A-Z\"“‘])"),
    ]


def parse_dateline(text: str, params: IngestParams = DEFAULT_PARAMS) -> Dateline | None:
    """The dateline opening a paragraph, or None."""
    for pattern in _patterns():
        match = pattern.match(text[: params.dateline_max_chars + 5])
        if not match or match.end() > params.dateline_max_chars:
            continue
        parts = match.groupdict()
        date_text = parts.get("date")
        return Dateline(
            length=match.end(),
            place=parts.get("place"),
            date_text=date_text,
            published=date_in(date_text) if date_text else None,
            agency=parts.get("agency"),
        )
    return None
