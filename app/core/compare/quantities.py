"""Numbers and durations as ranges, so that differently worded amounts can be compared.

"three" is [3, 3], "several" [3, 9], "over 10,000" [10000, 20000], "thousands" [2000, 99999],
"nearly three years" [2.55, 3] years, "two years and eight months" 2.67 years. Two amounts of
the same thing are the same reading when their ranges are equal, a `variation` when the ranges
overlap, a `conflict` when they cannot both be true.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from app.core.compare.features import StatementInfo, canonical

WORD_NUMBERS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000,
}  # fmt: skip
VAGUE = {
    "several": (3, 9), "few": (2, 5), "dozen": (12, 12), "dozens": (24, 99),
    "hundreds": (200, 999), "thousands": (2000, 99_999), "millions": (2e6, 1e9),
}  # fmt: skip
# modifier → how it turns n into a range
MODIFIERS = {
    "nearly": (0.85, 1.0), "almost": (0.85, 1.0), "about": (0.8, 1.2), "around": (0.8, 1.2),
    "some": (0.8, 1.2), "roughly": (0.8, 1.2), "approximately": (0.8, 1.2),
    "over": (1.0, 2.0), "more than": (1.0, 2.0), "at least": (1.0, 3.0),
    "less than": (0.0, 1.0), "under": (0.0, 1.0), "up to": (0.0, 1.0),
}  # fmt: skip
MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    "|july|august|september|october|november|december"
)
PEOPLE = frozenset(
    {"people", "person", "supporter", "protester", "demonstrator", "detainee", "citizen"}
)
DURATION_UNITS = {"year": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(WORD_NUMBERS) + ")"
_AMOUNT = re.compile(
    r"\b(?:(?P<mod>" + "|".join(sorted(MODIFIERS, key=len, reverse=True)) + r")\s+)?"
    r"(?:(?P<tens>tens|hundreds)\s+of\s+)?"
    r"(?:(?P<vague>"
    + "|".join(sorted(VAGUE, key=len, reverse=True))
    + r")|(?P<num>"
    + _NUMBER
    + r")(?:\s+(?P<mult>thousand|million|billion)\b)?)\b"
    r"(?:[\s-](?P<unit>years?|months?|weeks?|days?)\b)?"
    r"(?:\s+and\s+(?P<num2>" + _NUMBER + r")\s+(?P<unit2>years?|months?|weeks?|days?)\b)?",
    re.IGNORECASE,
)
_DATE_CONTEXT = re.compile(r"(?:" + MONTHS + r")\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # article offsets
    end: int
    text: str
    low: float
    high: float
    unit: str  # "year" for durations, else the counted thing's lemma ("diplomat", "people")

    @property
    def exact(self) -> float | None:
        return self.low if self.low == self.high else None

    def compatible(self, other: Quantity) -> bool:
        return self.low <= other.high * 1.0001 and other.low <= self.high * 1.0001

    def same(self, other: Quantity) -> bool:
        return (self.low, self.high) == (other.low, other.high)


def parse_number(text: str) -> float | None:
    lowered = text.lower().replace(",", "")
    if lowered in WORD_NUMBERS:
        return float(WORD_NUMBERS[lowered])
    try:
        return float(lowered)
    except ValueError:
        return None


def quantities(statement: StatementInfo) -> list[Quantity]:
    """Amounts in a statement with what they count; dates, years and ordinals are left out."""
    found: list[Quantity] = []
    text = statement.text
    for m in _AMOUNT.finditer(text):
        if _is_date_or_label(text, m):
            continue
        low, high = _range(m)
        # A number too big for a float ("1" and 400 zeros) is no amount anyone compares.
        if low is None or high is None or not math.isfinite(low) or not math.isfinite(high):
            continue
        unit = _unit(statement, m)
        if unit is None:
            continue
        start = statement.start + m.start()
        found.append(Quantity(start, statement.start + m.end(), m.group(0), low, high, unit))
    return found


def _range(m: re.Match[str]) -> tuple[float | None, float | None]:
    if m.group("vague"):
        low, high = VAGUE[m.group("vague").lower()]
    else:
        value = parse_number(m.group("num"))
        if value is None:
            return None, None
        if m.group("num").lower() in ("a", "an") and not m.group("unit"):
            return None, None  # the article "a", not a count
        low = high = value * {"thousand": 1e3, "million": 1e6, "billion": 1e9}.get(
            (m.group("mult") or "").lower(), 1
        )
    if m.group("tens"):
        factor = 10 if m.group("tens").lower() == "tens" else 100
        low, high = low * factor * 2, high * factor * 9.99
    unit = m.group("unit")
    if unit:
        scale = DURATION_UNITS[unit.lower().rstrip("s")]
        low, high = low * scale, high * scale
        if m.group("num2") and m.group("unit2"):
            extra = (parse_number(m.group("num2")) or 0) * DURATION_UNITS[
                m.group("unit2").lower().rstrip("s")
            ]
            low, high = low + extra, high + extra
        low, high = round(low, 3), round(high, 3)
    if m.group("mod"):
        lo, hi = MODIFIERS[m.group("mod").lower()]
        low, high = round(low * lo, 3), round(high * hi, 3)
    return low, high


def _is_date_or_label(text: str, m: re.Match[str]) -> bool:
    num = m.group("num")
    if num is None:
        return False
    before, after = text[: m.start("num")], text[m.end("num") :]
    if _DATE_CONTEXT.search(before) or re.match(r"\s*(?:st|nd|rd|th)?\s*(?:" + MONTHS + r")\b",
                                                after, re.IGNORECASE):  # fmt: skip
        return True
    if re.fullmatch(r"(19|20)\d\d", num) or re.match(r"(st|nd|rd|th)\b", after):
        return True
    # glued to letters or other digits: "Covid-19", "a72847", "15 52 21"
    return bool(re.search(r"[\w-]$", before) or re.match(r"[A-Za-z]|\s\d", after))


def _unit(statement: StatementInfo, m: re.Match[str]) -> str | None:
    if m.group("unit"):
        return "year"
    start, end = statement.start + m.start(), statement.start + m.end()
    inside = [i for i, t in enumerate(statement.tokens) if start <= t.start < end]
    if inside:
        last = statement.tokens[inside[-1]]
        head = statement.tokens[last.head]
        if last.dep in ("nummod", "quantmod") and head.pos in ("NOUN", "PROPN"):
            lemma = canonical(head.lemma)
            return "people" if lemma in PEOPLE or lemma == "protester" else lemma
    following = [t for t in statement.tokens if t.start >= end][:6]
    for i, tok in enumerate(following):
        possessor = i + 1 < len(following) and following[i + 1].text in ("'s", "’s")
        if possessor or tok.text in ("of", "'s", "’s") or tok.pos in ("ADJ", "DET", "NUM"):
            continue
        if tok.ent_type in ("NORP", "GPE", "ORG") and tok.text.upper() != "MEP":
            continue
        if tok.pos in ("NOUN", "PROPN"):
            lemma = canonical(tok.lemma)
            return "people" if lemma in PEOPLE or lemma == "protester" else lemma
        if m.group("num") and m.group("num").lower() in ("a", "an", "one"):
            return None
        break
    return None
