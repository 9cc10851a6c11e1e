"""Ordinals as amounts of a rank: "the ninth outbreak this season" and "the 11th outbreak",
"in the 94th minute" and "in the 93rd minute" give one thing two ranks, a number divergence.

An ordinal counts only with the noun it qualifies (unit "rank:outbreak"), so ranks of two
different things are never compared. "First" and "last" are left out: they are more often a
manner of speaking ("for the first time", "the last of the men") than a rank a report could
get wrong; dates ("the 9th of March", "March 9th") are dates, and a rank of time ("in the 94th
minute") is a time: a statement telling two goals gives two, where another tells one.
"""

from __future__ import annotations

import re

from app.core.compare.features import StatementInfo, canonical
from app.core.compare.params import lexicon, word_set
from app.core.compare.quantities import Quantity
from app.core.nlp.dates import month_numbers

RANK = "rank"
_DIGITS = re.compile(r"(\d{1,3})(?:st|nd|rd|th)", re.IGNORECASE)


def ordinals(statement: StatementInfo) -> list[Quantity]:
    """Every rank the statement gives to a noun, outside quotations."""
    tokens = statement.tokens
    words: dict[str, int] = lexicon()["ordinal_words"]
    months = month_numbers()
    times = word_set("duration_units")
    found = []
    for i, tok in enumerate(tokens):
        if tok.in_quote:
            continue
        digits = _DIGITS.fullmatch(tok.text)
        value = int(digits.group(1)) if digits else words.get(tok.text.lower())
        if value is None or value < 2:
            continue
        neighbours = [tokens[j].text.lower() for j in (i - 1, i + 1, i + 2) if 0 <= j < len(tokens)]
        if any(word.rstrip(".") in months for word in neighbours):
            continue  # "March 9th", "the 9th of March"
        head = tokens[tok.head]
        if tok.head == i or head.pos != "NOUN" or tok.dep not in ("amod", "nummod"):
            continue
        if canonical(head.lemma) in times:
            continue  # "the 34th minute", "its 110th year": a time, often of another event
        found.append(Quantity(tok.start, tok.end, tok.text, float(value), float(value),
                              f"{RANK}:{canonical(head.lemma)}", nominal=float(value)))  # fmt: skip
    return found
