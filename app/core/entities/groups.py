"""Name groups: all mentions that share one canonical name key, and a union-find over them.

A group is the unit the linking rules work on, so no rule ever compares mentions pairwise:
"Mr Navalny", "Navalny’s", "Navalnyi" (ORG) and "Navalny" (GPE) are one group before any rule
runs, whatever label spaCy gave each. Canonical tokens flatten transliteration (names.skeleton)
and join long surnames one or two letters apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from app.core.entities.cues import Cue, cue_of, pronoun_after
from app.core.entities.lexicon import PARAMS
from app.core.entities.names import (
    HONORIFICS,
    fold,
    name_tokens,
    skeleton,
    split_person,
    strip_possessive,
    words,
)
from app.core.entities.records import LABEL_PRIORITY, LinkMention


@dataclass(slots=True)
class NameGroup:
    key: str  # canonical tokens joined by spaces
    tokens: list[str]
    mentions: list[int] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    articles: set[int] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)
    honorific: bool = False
    # A bare name said with a cue ("Mr. Trump", "President Trump") is its own group, so it can
    # go to the one full name its cue fits; full names collect gender votes and titles.
    cue: Cue = field(default_factory=Cue)
    genders: Counter[str] = field(default_factory=Counter)
    pronouns: int = 0  # mentions followed by "he" or "she" (a bare name's person cue)
    titles: set[str] = field(default_factory=set)
    # said with a title before one written word ("Ms Lowe-Barrett"): all of it is the surname,
    # though the hyphen makes two tokens
    surname_only: bool = False

    def person_parts(self) -> tuple[list[str], list[str]]:
        """(given names, surname), as names.split_person reads the tokens, but all surname
        for a titled double-barrelled name."""
        return ([], list(self.tokens)) if self.surname_only else split_person(self.tokens)

    @property
    def label(self) -> str:
        return majority_label(self.labels)


def majority_label(labels: Counter[str]) -> str:
    rank = {label: i for i, label in enumerate(LABEL_PRIORITY)}
    return min(labels, key=lambda lab: (-labels[lab], rank.get(lab, len(rank))))


class UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def display_form(text: str) -> str:
    """A mention as a name, without honorific or possessive: "Mr Borrell’s" → "Borrell"."""
    words = strip_possessive(text.strip()).split()
    while len(words) > 1 and fold(words[0]).rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def flattened(token: str) -> str:
    """A folded token's spelling in group keys before fuzzy surnames: long words flattened
    (names.skeleton), short ones and those with digits as they are."""
    return skeleton(token) if len(token) >= PARAMS.min_root and token.isalpha() else token


def canonical_tokens(mentions: list[LinkMention]) -> dict[str, str]:
    """folded token → canonical token for every token of the mentions."""
    person_votes: Counter[str] = Counter()
    tokens: set[str] = set()
    for m in mentions:
        toks = name_tokens(m.text)
        tokens.update(toks)
        if toks and m.label == "PERSON":
            person_votes[skeleton(toks[-1])] += 1
    canon = {t: flattened(t) for t in tokens}
    roots = {s for s in person_votes if len(s) >= PARAMS.min_root and s.isalpha()}
    _fuzzy_surnames(canon, roots)
    return canon


def _fuzzy_surnames(canon: dict[str, str], roots: set[str]) -> None:
    """Join long person tokens that differ by one or two letters (blocked by first letters)."""
    blocks: dict[str, list[str]] = {}
    for root in sorted(r for r in roots if len(r) >= PARAMS.fuzzy_surname_min_length):
        blocks.setdefault(root[:2], []).append(root)
    replace: dict[str, str] = {}
    for members in blocks.values():
        if len(members) < 2:
            continue
        for i, a in enumerate(members):
            for b, score, _ in process.extract(a, members[i + 1 :], scorer=fuzz.ratio, limit=None):
                gendered = a.rstrip("a") == b.rstrip("a") and a != b
                if score >= PARAMS.fuzzy_surname and not gendered and b not in replace:
                    replace[b] = replace.get(a, a)
    for token, skel in canon.items():
        canon[token] = replace.get(skel, skel)


_HONORIFIC_START = re.compile(r"^(?:" + "|".join(HONORIFICS) + r")\.?\s", re.IGNORECASE)


def build_groups(
    mentions: list[LinkMention], indices: list[int], texts: dict[int, str] | None = None
) -> list[NameGroup]:
    """One group per canonical key over mentions[indices]; with the article `texts`, a bare
    person name with a gender or title cue gets a key of its own ("trump|m|president")."""
    chosen = [mentions[i] for i in indices]
    canon = canonical_tokens(chosen)
    by_key: dict[str, NameGroup] = {}
    for index, m in zip(indices, chosen, strict=True):
        tokens = [canon[t] for t in name_tokens(m.text)]
        if not tokens:
            continue
        key = " ".join(tokens)
        text = texts.get(m.article_id) if texts is not None else None
        cue = cue_of(text, m.start, m.end) if text is not None else Cue()
        personal = m.label == "PERSON" or bool(_HONORIFIC_START.match(m.text))
        if len(tokens) == 1 and personal and (cue.gender or cue.title):
            key = f"{key}|{cue.gender}|{cue.title}"
        else:
            cue = Cue()
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = NameGroup(key, tokens, cue=cue)
        group.mentions.append(index)
        group.labels[m.label] += 1
        group.articles.add(m.article_id)
        group.forms[display_form(m.text)] += 1
        titled = _HONORIFIC_START.match(m.text)
        group.honorific = group.honorific or bool(titled)
        if titled and len(tokens) > 1 and len(words(m.text[titled.end() :])) == 1:
            group.surname_only = True
        if len(tokens) == 1 and text is not None and pronoun_after(text, m.end):
            group.pronouns += 1
        if len(tokens) >= 2 and text is not None and m.label == "PERSON":
            full_cue = cue_of(text, m.start, m.end)
            group.genders[full_cue.gender] += 2
            group.genders[pronoun_after(text, m.end)] += 1
            if full_cue.title:
                group.titles.add(full_cue.title)
    return list(by_key.values())
