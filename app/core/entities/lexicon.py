"""The entity linker's general word lists (resources/lexicon/entities.json) and its thresholds.

Word lists are data, so a new language or a missing title is an edit of the JSON, not of code;
thresholds live in one frozen dataclass that benchmarks can sweep (`LinkParams`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from app.core.resources import load_json


@cache
def _lexicon() -> dict[str, list[str]]:
    data = load_json("lexicon/entities.json")
    return {k: v for k, v in data.items() if isinstance(v, list)}


def words(name: str) -> frozenset[str]:
    """One list of the lexicon as a set (empty when the list is missing)."""
    return frozenset(_lexicon().get(name, []))


def ordered(name: str) -> tuple[str, ...]:
    return tuple(_lexicon().get(name, []))


@dataclass(frozen=True, slots=True)
class LinkParams:
    """Thresholds of the linker (defaults tuned on ECB+ train topics 1-22 only)."""

    given_name_match: int = 80  # rapidfuzz ratio for given names of one surname (Alexei/Alexey)
    fuzzy_surname: int = 92  # rapidfuzz ratio on skeletons of long person tokens
    fuzzy_surname_min_length: int = 7  # shorter surnames differ too easily (Lavrov/Lavrova)
    min_root: int = 4  # shortest token that is flattened and stripped of inflections
    headline_share: float = 0.7  # share of capitalised long words that makes a line a headline
    pronoun_window: int = 120  # characters after a name searched for its pronoun
    gender_majority: float = 2.0  # votes for one gender over the other that settle it
    max_name_words: int = 5  # longest run the name finder looks up
    person_pronoun_share: float = 0.3  # bare-name mentions followed by he/she that make a person
    # Name entities two undated articles must share for their "Friday" to be one day (one
    # shared place or person is common to two similar events; 2 tuned on TRAIN: 1 and 3 worse).
    undated_day_ties: int = 2


PARAMS = LinkParams()
