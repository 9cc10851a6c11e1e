"""Cross-article entity links of an invented story against tests/corpus/<story>/gold.json.

A gold item is (gold entity, article file, surface form as written). Where a form occurs in the
article, the item takes the entity ids of the stored mentions that overlap that occurrence.
Occurrences are found by exact text, longest forms first, and a shorter form never claims
characters a longer one already holds ("Whitlock" inside "Cllr Whitlock" belongs to the
councillor). Unlike the seed scorer (tests/test_entities_gold.py), which keys mentions by their
text, this tells apart two people who share a surname in one article.

Two items of one entity in different files are a gold link; the system makes it when their id
sets meet. Recall = gold links made / gold links; precision = system links between gold items
that are gold links / system links between gold items. `must_not_link` names pairs of gold
entities that must never share an id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import sqlite_utils

Item = tuple[int, str, str]  # (gold entity index, file stem, form)
Found = dict[Item, set[object]]  # item → ids of the entities its mentions belong to


@dataclass
class EntityScores:
    gold_links: int = 0
    made: int = 0
    system_links: int = 0
    correct: int = 0
    forbidden: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.made / max(self.gold_links, 1)

    @property
    def precision(self) -> float:
        return self.correct / max(self.system_links, 1)

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0

    def add(self, other: EntityScores) -> None:
        for name in ("gold_links", "made", "system_links", "correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.forbidden += other.forbidden
        self.missed += other.missed
        self.wrong += other.wrong

    def summary(self) -> str:
        return (
            f"entity links: recall {self.recall:.3f} ({self.made}/{self.gold_links}), "
            f"precision {self.precision:.3f} ({self.correct}/{self.system_links}), "
            f"F1 {self.f1:.3f}, must-not-link broken {len(self.forbidden)}"
        )


MentionRow = tuple[int, int, object]  # (start, end, entity id)
IdOf = Callable[[str, str, object], object]  # (mention text, label, entity id) → the id to score


def stored_mentions(
    db: sqlite_utils.Database, id_of: IdOf | None = None
) -> dict[str, tuple[str, list[MentionRow]]]:
    """File stem → (article text, linked mentions). `id_of` replaces the stored entity id by
    another grouping of the same mentions (a baseline's)."""
    texts = {
        aid: (Path(path).stem, text)
        for aid, path, text in db.execute("SELECT id, path, text FROM articles")
    }
    result: dict[str, tuple[str, list[MentionRow]]] = {
        stem: (text, []) for stem, text in texts.values()
    }
    for aid, start, end, text, label, entity_id in db.execute(
        'SELECT article_id, start, "end", text, label, entity_id FROM mentions'
        " WHERE entity_id IS NOT NULL"
    ):
        stem = texts[aid][0]
        ident = id_of(text, label, entity_id) if id_of else entity_id
        result[stem][1].append((start, end, ident))
    return result


def occurrences(text: str, forms: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Form → its spans in `text`, longest forms claiming their characters first."""
    taken = [False] * len(text)
    spans: dict[str, list[tuple[int, int]]] = {}
    for form in sorted(set(forms), key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if any(taken[match.start() : match.end()]):
                continue
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
            spans.setdefault(form, []).append(match.span())
    return spans


def found_items(gold: Mapping, mentions: Mapping[str, tuple[str, list[MentionRow]]]) -> Found:
    forms_in: dict[str, list[tuple[int, str]]] = {}
    for index, entity in enumerate(gold["entities"]):
        for stem, forms in entity["forms"].items():
            forms_in.setdefault(stem, []).extend((index, form) for form in forms)
    found: Found = {}
    for stem, indexed in forms_in.items():
        if stem not in mentions:
            raise LookupError(f"gold names file {stem!r}, which is not in the story")
        text, rows = mentions[stem]
        spans = occurrences(text, [form for _, form in indexed])
        for index, form in indexed:
            if form not in spans:
                raise LookupError(f"gold form {form!r} does not occur in {stem}")
            found[index, stem, form] = {
                ident
                for start, end in spans[form]
                for m_start, m_end, ident in rows
                if m_start < end and start < m_end
            }
    return found


def score_entities(gold: Mapping, found: Found) -> EntityScores:
    result = EntityScores()
    names = [entity["name"] for entity in gold["entities"]]
    for a, b in combinations(sorted(found), 2):
        if a[1] == b[1]:
            continue
        linked = bool(found[a] & found[b])
        if a[0] == b[0]:
            result.gold_links += 1
            result.made += linked
            if not linked:
                result.missed.append(f"missed link: {a[1]}:{a[2]!r} ~ {b[1]}:{b[2]!r}")
        if linked:
            result.system_links += 1
            result.correct += a[0] == b[0]
            if a[0] != b[0]:
                result.wrong.append(f"wrong link: {a[1]}:{a[2]!r} ~ {b[1]}:{b[2]!r}")
    for first, second in gold.get("must_not_link", []):
        ids = [
            set().union(*(v for k, v in found.items() if names[k[0]] == name))
            for name in (first, second)
        ]
        if ids[0] & ids[1]:
            result.forbidden.append(f"must not link: {first} ~ {second}")
    return result
