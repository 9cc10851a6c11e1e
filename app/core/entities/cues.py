"""What the words around a person's name say about who is meant: gender and title.

"Mr. Trump" is a man and "President Trump" a president; "first lady Melania Trump … she" is a
woman. A bare surname only joins a full name whose cues do not contradict its own: a man is
never linked to a woman who shares his surname. Cues come from the word or two right before a
mention (or an honorific inside it) and, for full names, from the first personal pronoun after
it. All lists are in resources/lexicon/entities.json.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.core.entities import lexicon
from app.core.entities.lexicon import PARAMS

MALE = lexicon.words("male_cues")
FEMALE = lexicon.words("female_cues")
TITLES = lexicon.words("person_titles")
MALE_PRONOUNS = lexicon.words("male_pronouns")
FEMALE_PRONOUNS = lexicon.words("female_pronouns")
_BEFORE = re.compile(r"((?:[A-Za-z]+\.?\s+){0,2}[A-Za-z]+)\.?\s*$")
_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z\"“]|\n")


@dataclass(frozen=True, slots=True)
class Cue:
    gender: str = ""  # "m", "f" or "" (unknown)
    title: str = ""  # a title word before the name ("president"), or ""


def _gender_of(phrase: str) -> str:
    if phrase in MALE:
        return "m"
    if phrase in FEMALE:
        return "f"
    return ""


def cue_of(text: str, start: int, end: int) -> Cue:
    """The cue of the mention text[start:end]: an honorific it starts with, else the title or
    gendered word just before it ("Mrs.", "first lady", "his wife", "Sen.")."""
    inside = _WORD.match(text, start, end)
    words: list[str] = []
    if inside is not None and inside.end() < end and inside.group().lower() in MALE | FEMALE:
        words = [inside.group().lower()]
    else:
        before = _BEFORE.search(text, max(0, start - 40), start)
        if before is not None:
            words = [w.lower() for w in _WORD.findall(before.group(1))]
    gender = title = ""
    # The longest phrase right before the name decides: "first lady" before "lady".
    for size in (2, 1):
        if len(words) < size:
            continue
        phrase = " ".join(words[-size:])
        gender = gender or _gender_of(phrase)
        if not title and phrase in TITLES:
            title = phrase
    return Cue(gender, title)


def pronoun_after(text: str, end: int) -> str:
    """ "m"/"f" for the first personal pronoun after a name within its sentence or the next
    one (a weak cue: only a majority over many mentions counts)."""
    window = text[end : end + PARAMS.pronoun_window]
    stops = list(_SENTENCE_END.finditer(window))
    if len(stops) >= 2:
        window = window[: stops[1].start()]
    for word in _WORD.findall(window):
        lower = word.lower()
        if lower in MALE_PRONOUNS:
            return "m"
        if lower in FEMALE_PRONOUNS:
            return "f"
    return ""


def settled(votes: Counter[str]) -> str:
    """The gender a clear majority of cues gives ("" when unsure)."""
    m, f = votes["m"], votes["f"]
    if m and m >= PARAMS.gender_majority * f:
        return "m"
    if f and f >= PARAMS.gender_majority * m:
        return "f"
    return ""


def compatible(cue_gender: str, gender: str) -> bool:
    return not cue_gender or not gender or cue_gender == gender
