"""Mentions of known people that the NER missed.

Once linking knows that "Navalny" and "Lavrov" are people of this story, every other capitalised
occurrence of their surname (or a transliterated form of it) is a mention too:
"Atalayar_Serguei Lavrov" (a photo caption). The scan is one pass over each article's words
with a dictionary lookup per word; a preceding given name of the same person or an honorific
joins the span.
"""

from __future__ import annotations

import bisect
import re

from rapidfuzz import fuzz

from app.core.entities import lexicon
from app.core.entities.groups import NameGroup
from app.core.entities.lexicon import PARAMS
from app.core.entities.names import HONORIFICS, fold, skeleton
from app.core.entities.records import ArticleInput, LinkMention
from app.core.entities.spans import is_headline

TITLES = lexicon.words("person_titles") | lexicon.words("descriptor_title_words")

_WORD = re.compile(r"[^\W\d_]+")


class PersonIndex:
    """surname skeleton → cluster root, for surnames that belong to one person only."""

    def __init__(self, groups: list[NameGroup], root_of: list[int], people: set[int]) -> None:
        owners: dict[str, set[int]] = {}
        self.given: dict[int, set[str]] = {}
        for i, g in enumerate(groups):
            root = root_of[i]
            if root not in people:
                if len(g.tokens) == 1:  # the word alone also names a place or organisation
                    owners.setdefault(g.tokens[0], set()).add(-1)
                continue
            given, surname = g.person_parts()
            if surname and len(surname[-1]) >= 4 and len(g.tokens) <= 4:
                owners.setdefault(surname[-1], set()).add(root)
            self.given.setdefault(root, set()).update(given)
        self.surnames = {s: next(iter(r)) for s, r in owners.items() if len(r) == 1 and -1 not in r}

    def lookup(self, word: str) -> int | None:
        skel = skeleton(fold(word))
        return self.surnames.get(skel)

    def is_given(self, root: int, word: str) -> bool:
        skel = _spoken(skeleton(fold(word)))
        return any(
            skel == (known := _spoken(g))
            or (len(g) > 2 and fuzz.ratio(skel, known) >= PARAMS.given_name_match)
            for g in self.given.get(root, ())
        )


def _spoken(given: str) -> str:
    """A given name as it sounds, for transliterations: "alexei" / "aleksei", "nicolai" /
    "nikolai" (only here: name keys elsewhere keep their letters)."""
    return re.sub(r"c(?![eih])", "k", given.replace("x", "ks"))


def find_missed(
    article: ArticleInput, mentions: list[LinkMention], index: PersonIndex
) -> list[tuple[LinkMention, int]]:
    """(new mention, cluster root) for each uncovered occurrence of a known person's surname."""
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    text = article.text
    found: list[tuple[LinkMention, int]] = []
    previous: re.Match[str] | None = None
    for word in _WORD.finditer(text):
        before, previous = previous, word
        if not word.group()[0].isupper() or _covered(taken, starts, word.start(), word.end()):
            continue
        root = index.lookup(word.group())
        if root is None or _another_given_name(text, before, word, root, index):
            continue
        start = word.start()
        if (
            before is not None
            and text[before.end() : word.start()] == " "
            and not _covered(taken, starts, before.start(), before.end())
            and (index.is_given(root, before.group()) or fold(before.group()) in HONORIFICS)
        ):
            start = before.start()
        mention = LinkMention(
            article.id, start, word.end(), text[start : word.end()], "PERSON", (), "linker"
        )
        found.append((mention, root))
    return found


def _another_given_name(text: str, before: re.Match[str] | None, word: re.Match[str],
                        root: int, index: PersonIndex) -> bool:  # fmt: skip
    """ "Pensioner June Fairley" where the known Fairley is Dermot: a capitalised word just
    before the surname, inside a sentence, that is neither the person's given name nor a
    title, names someone else of that surname."""
    if before is None or text[before.end() : word.start()] != " ":
        return False
    previous = before.group()
    if not previous[0].isupper() or index.is_given(root, previous):
        return False
    if fold(previous) in HONORIFICS or fold(previous) in TITLES or is_headline(text, word.start()):
        return False  # a title; or a headline, where every word is capitalised
    opening = text[: before.start()].rstrip()
    return bool(opening) and opening[-1] not in '.!?"“”:\n'


def _covered(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    at = bisect.bisect_right(starts, start)
    return any(s < end and start < e for s, e in taken[max(0, at - 2) : at + 1])


_LAST_WORD = re.compile(r"([^\W\d_]+) $")


def extend_given_name(
    article: ArticleInput, mention: LinkMention, root: int, index: PersonIndex, taken: list[int]
) -> LinkMention | None:
    """ "Tuesday Alexei [Navalny]": a surname span grows over the person's given name just
    before it (never over another mention: `taken` are the sorted ends of this article's
    mentions)."""
    before = _LAST_WORD.search(article.text, max(0, mention.start - 40), mention.start)
    if (
        before is None
        or not before.group(1)[0].isupper()
        or not index.is_given(root, before.group(1))
    ):
        return None
    start = before.start(1)
    at = bisect.bisect_right(taken, start)
    if at < len(taken) and taken[at] < mention.start:  # another mention ends in between
        return None
    text = article.text[start : mention.end]
    return LinkMention(
        article.id, start, mention.end, text, mention.label, mention.sources, "linker"
    )
