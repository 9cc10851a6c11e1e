"""Entity corrections (merge, split, rename, hide) from the reader: each goes through the
core's one rule for what re-runs after a correction (`app.core.analysis.
apply_entity_correction`: re-link, re-align, re-anchor), so they survive re-analysis and the
comparison never goes stale. The reader never edits entity rows itself.

`EntityEdit` is what the user asked for; `apply` runs it on a task's connection (worker thread:
no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from app.core.analysis import apply_entity_correction
from app.core.entities.corrections import entity_at
from app.core.entities.queries import entity_mentions, mentions_written_as
from app.core.errors import ParallaxError

OPERATIONS = ("merge", "split", "rename", "hide")
ASKS_TEXT = ("rename", "split")  # the button opens a prompt first: its label ends in "…"


@dataclass(frozen=True, slots=True)
class EntityEdit:
    operation: str  # one of OPERATIONS
    collection_id: int
    entity_ids: tuple[int, ...]  # merge: all of them; split and rename: the first; hide: each
    text: str = ""  # rename: the new name; split: the written form whose mentions move


def entity_id(key: str) -> int:
    """The database id behind an entity key of the comparison ("e12" → 12)."""
    return int(key.lstrip("e"))


def apply(db: sqlite_utils.Database, edit: EntityEdit) -> None:
    """Record the correction and analyse the collection again (the core's rule)."""
    cid, ids = edit.collection_id, edit.entity_ids
    if edit.operation not in OPERATIONS:
        raise ValueError(f"unknown entity correction {edit.operation!r}")
    if not ids:
        raise ParallaxError(f"entity {edit.operation}: no entity chosen")
    if edit.operation == "merge":
        apply_entity_correction(db, cid, "merge", list(ids))
    elif edit.operation == "rename":
        apply_entity_correction(db, cid, "rename", ids[0], edit.text)
    elif edit.operation == "split":
        apply_entity_correction(db, cid, "split", mentions_written_as(db, ids[0], edit.text))
    else:
        # Each hide re-links the collection, which numbers its entities anew: the others are
        # found again by one of their mentions, which stays where it is.
        spans = [_first_mention(db, i) for i in ids]
        for span in spans:
            apply_entity_correction(db, cid, "hide", entity_at(db, span))


def _first_mention(db: sqlite_utils.Database, entity: int) -> tuple[int, int, int]:
    mentions = entity_mentions(db, entity)
    if not mentions:
        raise ParallaxError(f"entity e{entity} has no mention to hide")
    return mentions[0].article_id, mentions[0].start, mentions[0].end
