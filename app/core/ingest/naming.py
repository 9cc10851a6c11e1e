"""Suggest a name for a new collection from the articles about to be imported.

The names most of the articles mention (people and organisations, then a place) make the name,
e.g. "Borrell and Navalny in Moscow"; failing that, the words the titles share; failing that, a
plain default. Always a suggestion: the user can type another.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from app.core.model import CleanArticle, Role

DEFAULT_NAME = "Imported articles"
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
# Where a story happens, for naming a collection ("Floods in Valencia"): facilities count, and a
# nationality ("Russian") does not, unlike the linker's place labels (entities lexicon).
SETTING_LABELS = frozenset({"GPE", "LOC", "FAC"})
# NER on the first part of each article is enough to find what the story is about.
LEAD_CHARS = 2_000
_HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|sir|president|minister)\.?\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@dataclass(frozen=True, slots=True)
class Name:
    """A mention reduced to what identifies it across articles."""

    key: str  # the surname for people, else the lower-cased text
    text: str  # as written
    label: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    name: str
    basis: str  # why, for the user: "names in most articles: Borrell (5 of 5), …"


def normalise_mention(text: str, label: str) -> Name | None:
    text = _POSSESSIVE.sub("", _HONORIFIC.sub("", " ".join(text.split())))
    text = text.removeprefix("the ").removeprefix("The ")
    if len(text) < 2 or not any(ch.isalpha() for ch in text):
        return None
    key = text.split()[-1].lower() if label == "PERSON" else text.lower()
    return Name(key, text, label)


def article_names(nlp: Language, articles: Sequence[CleanArticle]) -> list[list[Name]]:
    """Named entities near the top of each article (title and body only), NER alone."""
    texts = [_lead(a) for a in articles]
    others = [name for name in nlp.pipe_names if name != "ner"]
    result: list[list[Name]] = []
    for doc in nlp.pipe(texts, disable=others):
        names = (normalise_mention(ent.text, ent.label_) for ent in doc.ents)
        result.append([n for n in names if n and n.label in ACTOR_LABELS | SETTING_LABELS])
    return result


def _lead(article: CleanArticle) -> str:
    parts: list[str] = []
    size = 0
    for block in article.blocks:
        if block.role in (Role.TITLE, Role.BODY, Role.HEADING):
            parts.append(article.block_text(block))
            size += block.end - block.start
            if size >= LEAD_CHARS:
                break
    return "\n\n".join(parts)[:LEAD_CHARS]


def suggest_name(titles: Sequence[str | None], names: Sequence[Sequence[Name]]) -> Suggestion:
    """A collection name from the names most articles share, else their shared title words."""
    count = max(len(names), len([t for t in titles if t]))
    from_names = _from_names(names)
    if from_names:
        return from_names
    words = _shared_title_words(titles)
    if words:
        return Suggestion(" ".join(words), f"words shared by the titles of {count} articles")
    return Suggestion(DEFAULT_NAME, "no name or title word is shared by most articles")


def _from_names(per_article: Sequence[Sequence[Name]]) -> Suggestion | None:
    total = len(per_article)
    if total == 0:
        return None
    needed = 1 if total == 1 else max(2, math.ceil(total / 2))
    articles_with: Counter[tuple[str, bool]] = Counter()
    mentions: Counter[tuple[str, bool]] = Counter()
    spelling: dict[tuple[str, bool], Counter[str]] = {}
    for names in per_article:
        keys = set()
        for name in names:
            key = (name.key, name.label in SETTING_LABELS)
            keys.add(key)
            mentions[key] += 1
            spelling.setdefault(key, Counter())[name.text] += 1
        articles_with.update(keys)
    ranked = sorted(
        (k for k, n in articles_with.items() if n >= needed),
        key=lambda k: (-articles_with[k], -mentions[k], k[0]),
    )
    if not ranked:
        return None
    actors = [k for k in ranked if not k[1]][:2]
    places = [k for k in ranked if k[1]][:1]

    def shown(key: tuple[str, bool]) -> str:
        # The shortest spelling among the common ones: "Borrell" rather than "Josep Borrell".
        common = spelling[key].most_common(3)
        return min((text for text, _ in common), key=len)

    suggested = " and ".join(shown(k) for k in actors)
    if places:
        suggested = f"{suggested} in {shown(places[0])}" if suggested else shown(places[0])
    basis = ", ".join(f"{shown(k)} ({articles_with[k]} of {total})" for k in actors + places)
    return Suggestion(suggested, f"names in most articles: {basis}")


def _shared_title_words(titles: Sequence[str | None]) -> list[str]:
    present = [t for t in titles if t]
    needed = 1 if len(present) == 1 else max(2, math.ceil(len(present) / 2))
    seen: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for title in present:
        # In title order, each word once: ties keep the order of the first title.
        words = [w for w in _WORD.findall(title) if w.lower() not in STOP_WORDS and len(w) > 2]
        for word in words:
            spelling.setdefault(word.lower(), word)
        seen.update(list(dict.fromkeys(w.lower() for w in words)))
    shared = [w for w, n in seen.most_common() if n >= needed][:3]
    return [spelling[w][:1].upper() + spelling[w][1:] for w in shared]
