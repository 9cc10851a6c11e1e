"""Thresholds of the difference finders in one place, so that benchmarks can sweep them.

The word lists they work with are data: resources/lexicon/differences.json (see `lexicon`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.core.resources import load_json


@dataclass(frozen=True, slots=True)
class DivergenceParams:
    # Quotations: share of the shorter rendering's word trigrams the longer one must contain,
    # and the least number of shared trigrams, for two renderings to be one quotation.
    same_quotation: float = 0.6
    quote_min_trigrams: int = 2
    # ... or, with at least `same_quotation_floor` of the trigrams, this share of the shorter
    # rendering's words in the same order (a phrase swapped inside one quotation).
    same_quotation_floor: float = 0.3
    same_quotation_words: float = 0.75
    # ... or, in one aligned group, two whole quotations (each opened and closed in its
    # statement) that share a trigram and this share of the shorter one's words in order:
    # one remark reworded ("still searching for three people who are missing" / "still
    # looking for three missing people").
    reworded_quotation_words: float = 0.55
    # ... or two short remarks (whole quotations of at most this many words, the only one in
    # each statement) that the group's statements credit to one speaker: "I'm devastated" /
    # "I am heartbroken" share no word triple, yet tell one remark two ways.
    short_remark_words: int = 4
    # Two amounts agree when their ranges overlap; this slack absorbs rounding ("2.5m" and
    # "2,500,000" written through float arithmetic).
    range_slack: float = 1e-4
    # An amount with no counted noun ("three were hurt") is compared with counted ones only
    # when it is the subject or object of the same verb.
    headless_amounts: bool = True
    # In a group where each article counts one thing, under whatever noun ("23 applicants",
    # "25 kids", "23 students"), those counts are one count when their figures lie within this
    # factor of each other; None compares counts only by their noun.
    one_count_factor: float | None = 2.0
    # An approximation ("about 2,400") rounds the figure to its last written digit, at least
    # this share either way (and never wider than the word's own range in the lexicon).
    approximation_floor: float = 0.05
    # Quotations: at most this many words swapped on either side at an edge both renderings
    # quote up to are one quotation reworded ("… British manufacturing" / "… British industry").
    quote_edge_swap: int = 3
    # Month-only dates ("in December") resolve to the latest such month on or before the
    # article's publication date; a month more than this many months earlier is ambiguous.
    month_lookback: int = 11


DEFAULT = DivergenceParams()


@cache
def lexicon() -> dict[str, Any]:
    """The general word lists of the difference finders."""
    data = load_json("lexicon/differences.json")
    assert isinstance(data, dict)
    return data


@cache
def word_set(name: str) -> frozenset[str]:
    """A word list of the lexicon as a set, built once (asked per token of every member)."""
    return frozenset(lexicon()[name])


def alternation(words: list[str]) -> str:
    """A regex alternative of the words, longest first (so "a dozen" wins over "a"), a space
    in a word matching any white space."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )
