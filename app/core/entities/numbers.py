"""Number entities: CARDINAL mentions of one collection grouped by the value they write.

"Three" and "3", "5.6" and "5.6": within one story the same count or measure written in two
articles is most often the same quantity (the dead of one attack, the magnitude of one quake).
Only bare numbers are grouped, after an approximator ("about 50" is 50): a number with a unit
or other words around it ("3 km") is left alone, and so are 0 and 1, which say little.
"""

from __future__ import annotations

import re
from collections import defaultdict

from app.core.entities import lexicon
from app.core.entities.records import LinkedEntity, LinkMention

NUMBER_WORDS = {w: n for n, w in enumerate(lexicon.ordered("number_words"))}
# Longest first, so "more than" goes before "more".
APPROXIMATORS = sorted(lexicon.words("number_approximators"), key=len, reverse=True)
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def number_value(text: str) -> str | None:
    """ "3" for "three", "Three" or "3"; "5.6" for "5.6"; None for anything else."""
    cleaned = " ".join(text.lower().split())
    for word in APPROXIMATORS:  # "about 50" is the count the other article writes "50"
        if cleaned.startswith(word + " "):
            cleaned = cleaned[len(word) + 1 :]
            break
    if cleaned in NUMBER_WORDS:
        value = str(NUMBER_WORDS[cleaned])
    elif _NUMBER.match(cleaned):
        value = cleaned.replace(",", "")
    else:
        return None
    return None if value in ("0", "1") else value


def number_entities(mentions: list[LinkMention], labels: frozenset[str]) -> list[LinkedEntity]:
    by_value: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.label in labels and (value := number_value(m.text)) is not None:
            by_value[value].append(i)
    return [
        LinkedEntity(mentions[indices[0]].text, mentions[indices[0]].label, value, indices)
        for value, indices in sorted(by_value.items())
    ]
