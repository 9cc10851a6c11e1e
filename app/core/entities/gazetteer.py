"""Names of places and organisations the NER found in some articles but missed in others.

Once "Indianapolis Colts" or "Colts" is an entity of the collection, every other capitalised
occurrence of exactly that name is a mention of it. Single words count only when the NER tagged
them at least twice, the collection never writes them in lower case ("Colts" yes, "Police"
no) and they are not part of a longer name ("Explorer" in "Internet Explorer"). One pass over
each article's capitalised word runs, with dictionary lookups of sub-runs up to five words.
Keys are compared in the linker's canonical spelling, so a transliterated form is found too
(the Spanish caption's "Rusia" is Russia).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from app.core.entities.groups import NameGroup
from app.core.entities.lexicon import PARAMS
from app.core.entities.names import name_key
from app.core.entities.records import ArticleInput, LinkMention

DETERMINERS = frozenset({"The", "A", "An"})
# A capitalised run may end in a number: "Kestrel 1" is the "Kestrel-1" found elsewhere.
_RUN = re.compile(r"[A-Z][\w.&-]*(?:[ ]+(?:of|the|and|for|[A-Z][\w.&-]*))*(?:[ ]+\d+\b)?")
_WORD = re.compile(r"\S+")


class NameIndex:
    """exact name key → cluster root, for names of one cluster only."""

    def __init__(
        self,
        groups: list[NameGroup],
        root_of: list[int],
        label_of: dict[int, str],
        is_common: Callable[[str], bool],
    ) -> None:
        owners: dict[str, set[int]] = {}
        for i, g in enumerate(groups):
            root = root_of[i]
            if label_of[root] == "PERSON":
                continue  # people are found by finder.find_missed, inflections included
            single = len(g.tokens) == 1
            if single and (len(g.mentions) < 2 or len(g.key) < 3 or is_common(g.key)):
                continue
            owners.setdefault(g.key, set()).add(root)
        self.roots = {key: next(iter(r)) for key, r in owners.items() if len(r) == 1}
        self.label_of = label_of
        self.single_ok = False
        self.is_common = is_common

    def scan(
        self, article: ArticleInput, mentions: list[LinkMention]
    ) -> list[tuple[LinkMention, int]]:
        taken = sorted((m.start, m.end) for m in mentions)
        starts = [s for s, _ in taken]
        found: list[tuple[LinkMention, int]] = []
        for run in _RUN.finditer(article.text):
            words = [
                (run.start() + w.start(), run.start() + w.end())
                for w in _WORD.finditer(run.group())
            ]
            while len(words) > 1 and run.group()[: words[0][1] - run.start()] in DETERMINERS:
                words = words[1:]
            # A single known word inside a longer capitalised run is part of another name
            # ("Explorer" in "Internet Explorer") unless the rest of the run is common words
            # of a title-case headline ("Colts Beat Chiefs") or names known on their own.
            self.single_ok = all(
                self.is_common(k) or k in self.roots or k.isdigit()
                for k in (
                    name_key(run.group()[a - run.start() : b - run.start()]) for a, b in words
                )
            )
            i = 0
            while i < len(words):
                hit = self._longest(article.text, words, i)
                if hit is None:
                    i += 1
                    continue
                j, root = hit
                start, end = words[i][0], words[j - 1][1]
                if not _overlaps(taken, starts, start, end):
                    mention = LinkMention(article.id, start, end, article.text[start:end],
                                          self.label_of[root], (), "linker")  # fmt: skip
                    found.append((mention, root))
                i = j
        return found

    def _longest(self, text: str, words: list[tuple[int, int]], i: int) -> tuple[int, int] | None:
        for j in range(min(len(words), i + PARAMS.max_name_words), i, -1):
            key = name_key(text[words[i][0] : words[j - 1][1]])
            if " " not in key and not self.single_ok:
                continue
            root = self.roots.get(key)
            if root is not None and text[words[i][0]].isupper():
                return j, root
        return None


def _overlaps(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    at = bisect.bisect_right(starts, start)
    return any(s < end and start < e for s, e in taken[max(0, at - 1) : at + 1])
