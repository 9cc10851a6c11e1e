"""Date expressions of a statement, resolved against the article's publication date.

"Tuesday 14 March", "Tuesday, March 14", "14 March 2023" and "March 14" are days; "in December"
a month (the latest December on or before publication); "in 2019" a year; "yesterday", "on
Monday", "last Tuesday" and "last month" are resolved against the article's own publication
date, and left unresolved when it has none ("weekday:tuesday" still contradicts a Wednesday).
Each mention carries the verb it dates ("inspected in December" → "inspect"), so that two
reports' dates of the same event are compared, not the date of the collapse with the date of
the last inspection.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

import dateparser

from app.core.compare.date_values import DateMention
from app.core.compare.features import StatementInfo, remembered, verb_stem
from app.core.compare.params import DEFAULT, DivergenceParams, alternation, lexicon
from app.core.compare.quotes import SAYING_VERBS
from app.core.nlp.dates import (
    month_numbers,
    parse_iso,
    weekday_after,
    weekday_on_or_before,
    weekdays,
)

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class _Patterns:
    weekday_date: re.Pattern[str]
    month_day: re.Pattern[str]
    weekday: re.Pattern[str]
    relative: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    relative_period: re.Pattern[str]
    future: re.Pattern[str]
    dateline: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lex = lexicon()
    months = alternation(list(month_numbers()))
    weekday_names = alternation(list(weekdays()))
    year = r"(?:1[89]|20)\d\d"
    month_day = (
        rf"(?:(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b)(?:,?\s+{year})?"
    )
    flags = re.IGNORECASE
    return _Patterns(
        weekday_date=re.compile(
            rf"\b(?P<day>{weekday_names}),?\s+(?:the\s+)?\(?(?P<date>{month_day})\)?", flags
        ),
        month_day=re.compile(rf"\b(?P<date>{month_day})", flags),
        weekday=re.compile(
            rf"\b(?:(?P<rel>last|next|this|on)\s+)?(?P<day>{weekday_names})\b", flags
        ),
        relative=re.compile(rf"\b(?P<word>{alternation(list(lex['relative_days']))})\b", flags),
        # A month on its own, after a word that makes it a time ("May" is also a verb).
        month=re.compile(
            rf"\b(?P<lead>in|last|next|this|early|late|mid|since|until|till|by|during|from|between"
            rf"|before|after|(?:year|months|quarter|weeks)\s+to)[\s-]+"
            rf"(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?"
            rf"(?:early\s+|late\s+|mid-?)?(?P<month>{months})\b(?:,?\s+(?P<year>{year}))?"
            r"(?!\s*\d)",
            flags,
        ),
        year=re.compile(
            rf"\b(?:in|since|until|by|during|of)\s+(?P<year>{year})\b(?![\s-]\d)", flags
        ),
        relative_period=re.compile(r"\b(?P<rel>last|this|next)\s+(?P<unit>month|year)\b", flags),
        future=re.compile(rf"\b(?:{alternation(lex['future_cues'])})\b", flags),
        dateline=re.compile(rf"^\s*[A-Z][A-Z .'-]+,\s*(?P<date>(?i:{month_day}))\s*(?:\(|-|–|—)"),
    )


def date_mentions(
    statement: StatementInfo, published: str | None, params: DivergenceParams = DEFAULT
) -> list[DateMention]:
    """The statement's dates in text order, read once per statement and publication date
    (`remembered`): alignment and the date differences both ask."""
    key: Hashable = "dates" if published is None else "dates " + published
    if params is not DEFAULT:
        key = (key, params)
    found = remembered(statement, key, lambda: tuple(_date_mentions(statement, published, params)))
    return list(found)


def _date_mentions(
    statement: StatementInfo, published: str | None, params: DivergenceParams
) -> list[DateMention]:
    p = _patterns()
    base = parse_iso(published)
    text = statement.text
    future = bool(p.future.search(text))
    names = weekdays()
    starts = _token_starts(statement)
    # The spans taken, in order: they never overlap, so the one starting last before a
    # match's end is the only one that can reach into it (a bisection, not a pass over all
    # of them: a statement of thousands of dates was quadratic).
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []

    def add(m: re.Match[str], value: str | None, explicit: bool, weekday: int | None = None,
            ) -> None:  # fmt: skip
        if value is None:
            return
        before = bisect.bisect_left(taken, (m.end(),))  # the spans starting before its end
        if before and taken[before - 1][1] > m.start():
            return
        taken.insert(before, (m.start(), m.end()))
        start = statement.start + m.start()
        found.append(DateMention(start, statement.start + m.end(), m.group(0), value, explicit,
                                 weekday, _event(statement, start, starts)))  # fmt: skip

    # Days, years and datelines are written with digits: without one, those patterns are
    # not run (most statements give no date).
    digits = _DIGIT.search(text) is not None
    dateline = p.dateline.match(text) if digits else None
    if dateline:  # "LONDON, Oct 10 (Agency) -": when it was filed, not when it happened
        taken.append((dateline.start("date"), dateline.end("date")))
    for m in p.weekday_date.finditer(text) if digits else ():
        day = names.index(m.group("day").lower())
        add(m, _explicit(m.group("date"), base, future, day), True, day)
    for m in p.month_day.finditer(text) if digits else ():
        add(m, _explicit(m.group("date"), base, future), True)
    for m in p.weekday.finditer(text):
        day = names.index(m.group("day").lower())
        if base is None:
            add(m, f"weekday:{names[day]}", False, day)
        else:
            rel = (m.group("rel") or "").lower()
            try:
                at = statement.start + m.start()
                ahead = (
                    (future and not _past(statement, at, starts))
                    or rel == "next"
                    or _planned(statement, at, starts)
                )
                when = _weekday(base, day, ahead, rel == "last")
            except OverflowError:  # a publication date at the calendar's edge (year 1, 9999)
                continue
            add(m, when.isoformat(), False, day)
    for m in p.relative.finditer(text):
        # "today" in quoted words is the day they were said, which the reports date
        # differently: only the reporter's own "yesterday" dates the event
        if base is not None and not _quoted(statement, statement.start + m.start(), starts):
            shift = lexicon()["relative_days"][re.sub(r"\s+", " ", m.group("word").lower())]
            try:
                add(m, (base + dt.timedelta(days=shift)).isoformat(), False)
            except OverflowError:
                continue
    for m in p.month.finditer(text):
        past = future and _past(statement, statement.start + m.start(), starts)
        add(m, _month(m, base, future and not past, params), False)
    for m in p.relative_period.finditer(text):
        if base is not None:
            add(m, _relative_period(m, base), False)
    for m in p.year.finditer(text) if digits else ():
        add(m, m.group("year"), False)
    return sorted(found, key=lambda d: d.start)


def _token_starts(statement: StatementInfo) -> list[int] | None:
    """The tokens' starts when each token ends before the next begins (a parse's tokens
    always do), for `_verb` to find a date's token by bisection; None otherwise."""
    tokens = statement.tokens
    if all(a.start <= a.end <= b.start for a, b in pairwise(tokens)):
        return [t.start for t in tokens]
    return None


def _token_at(statement: StatementInfo, start: int, starts: list[int] | None) -> int | None:
    """The token holding offset `start`, else the first after it (its index)."""
    tokens = statement.tokens
    if starts is None:
        return next((i for i, t in enumerate(tokens) if t.start <= start < t.end or
                     t.start >= start), None)  # fmt: skip
    # The same token as the pass above, found by bisection (a pass per date was quadratic in
    # a statement of thousands of dates): tokens in order, the token holding `start` can only
    # be the last one starting before it; else the first starting at or after.
    index: int | None = bisect.bisect_left(starts, start)
    if index and tokens[index - 1].end > start:
        index -= 1
    elif index == len(tokens):
        index = None
    return index


def _verb(statement: StatementInfo, start: int, starts: list[int] | None) -> int | None:
    """The verb a date expression at `start` hangs from (its token index)."""
    tokens = statement.tokens
    index = _token_at(statement, start, starts)
    steps = 0
    while index is not None and steps < 8:
        tok = tokens[index]
        if tok.pos == "VERB":
            return index
        if tok.head == index:
            return None
        index, steps = tok.head, steps + 1
    return None


def _quoted(statement: StatementInfo, start: int, starts: list[int] | None) -> bool:
    index = _token_at(statement, start, starts)
    return index is not None and statement.tokens[index].in_quote


def _event(statement: StatementInfo, start: int, starts: list[int] | None) -> str:
    """Stem of the verb a date expression hangs from ("inspected in December" → "inspect")."""
    index = _verb(statement, start, starts)
    if index is None:
        return ""
    return verb_stem(statement.tokens[index].lemma)


def _planned(statement: StatementInfo, start: int, starts: list[int] | None) -> bool:
    """The date's own verb is in the future, or in the future of a past report ("said he
    would travel to the site on Tuesday"): "would" looks ahead only on that verb, not on the
    statement, where "said on Tuesday it would close" dates the saying."""
    index = _verb(statement, start, starts)
    # a date before its verb may belong to the saying ("said on Tuesday it would close")
    if index is None or statement.tokens[index].start > start:
        return False
    modals = lexicon()["future_modals"]
    return any(statement.tokens[c].dep == "aux" and statement.tokens[c].text.lower() in modals
               for c in statement.children(index))  # fmt: skip


def _past(statement: StatementInfo, start: int, starts: list[int] | None) -> bool:
    """The date's own verb is in a past form ("went on strike on Friday", "were cancelled on
    Monday") and no modal makes it a plan: the statement's cue of the future ("plans to cut",
    "84 scheduled flights") is another clause's, or no verb's at all."""
    index = _verb(statement, start, starts)
    if index is None:
        return False
    tokens = statement.tokens
    tok = tokens[index]
    auxes = [tokens[c].text.lower() for c in statement.children(index)
             if tokens[c].dep in ("aux", "auxpass")]  # fmt: skip
    if auxes:  # "were cancelled", "has halted"; not "will be held"
        modals = lexicon()["future_modals"]
        # auxiliaries of a verb told as done: "were cancelled", "has halted", "had gone"
        done = lexicon()["past_auxiliaries"]
        return not set(auxes) & set(modals) and bool(set(auxes) & set(done))
    word, lemma = tok.text.lower(), tok.lemma.lower()
    if word == lemma or word.endswith("ing") or word == lemma + "s" or word == lemma + "es":
        return False
    # a finite verb of its own clause or of a report ("said the fire started"), not the
    # participle an expectation governs ("expect it restored by December")
    head = tokens[tok.head]
    return tok.dep in ("ROOT", "conj", "relcl", "advcl") or (
        tok.dep == "ccomp" and head.lemma.lower() in SAYING_VERBS
    )


def _weekday(base: dt.date, day: int, future: bool, strictly_past: bool) -> dt.date:
    """The named weekday nearest the publication date, looking back (or ahead for plans)."""
    if future:
        return weekday_after(base, day)
    return weekday_on_or_before(base, day, strictly=strictly_past)


def _month(m: re.Match[str], base: dt.date | None, future: bool, params: DivergenceParams
           ) -> str | None:  # fmt: skip
    month = month_numbers()[m.group("month").lower().rstrip(".")]
    if m.group("year"):
        return f"{m.group('year')}-{month:02d}"
    if base is None:
        return f"--{month:02d}"
    lead = m.group("lead").lower()
    year = base.year
    if future or lead == "next":
        if month < base.month or (lead == "next" and month == base.month):
            year += 1
    elif month > base.month or (lead == "last" and month == base.month):
        year -= 1  # "in December" in a March article: the December before
    months_back = (base.year - year) * 12 + base.month - month
    if months_back > params.month_lookback or not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return f"{year}-{month:02d}"


def _relative_period(m: re.Match[str], base: dt.date) -> str | None:
    shift = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    by_year = m.group("unit").lower() == "year"
    month = base.month + shift
    year = base.year + shift if by_year else base.year + (month - 1) // 12
    if not dt.MINYEAR <= year <= dt.MAXYEAR:  # a publication date at the calendar's edge
        return None
    if by_year:
        return str(year)
    return f"{year}-{(month - 1) % 12 + 1:02d}"


@lru_cache(maxsize=1024)
def _explicit(
    text: str, base: dt.date | None, future: bool = False, weekday: int | None = None
) -> str | None:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past",
                                   "REQUIRE_PARTS": ["day", "month"]}  # fmt: skip
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    cleaned = re.sub(r"\bof\s+", "", text)
    try:
        parsed = dateparser.parse(cleaned, settings=settings, languages=["en"])
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    has_year = re.search(r"(?:1[89]|20)\d\d", text)
    if base is None and not has_year:
        return f"--{parsed.month:02d}-{parsed.day:02d}"  # year unknown
    if base is not None and not has_year:
        return _nearest_year(parsed.date(), base, weekday).isoformat()
    return str(parsed.date().isoformat())


def _nearest_year(day: dt.date, base: dt.date, weekday: int | None) -> dt.date:
    """A day and month without a year: the occurrence nearest the publication date ("Friday
    12 July" in a paper of Tuesday 9 July is three days ahead, not a year back), one that
    falls on the weekday named beside it first."""
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    if not candidates:
        return day
    return min(candidates, key=lambda d: (weekday is not None and d.weekday() != weekday,
                                          abs((d - base).days)))  # fmt: skip
