"""User corrections to entity linking that survive re-analysis.

Record and replay only (the SQL is in correction_store.py). What must run again after a
correction is decided in one place, `app.core.analysis.apply_entity_correction` (the CLI and
the GUI call that): the entities are re-linked, then the statements re-aligned (the aligner
reads mentions.entity_id), then the notes re-anchored. Here:
    merge(db, collection_id, entity_ids)             -> a span of the merged entity
    split(db, collection_id, mention_ids, name=None) -> a span of the new entity
    rename(db, collection_id, entity_id, name)       -> a span of the renamed entity
    hide(db, collection_id, entity_id, hidden=True)  -> a span of the (un)hidden entity
    entity_at(db, span)                              -> the entity holding it after re-linking
    list_corrections(db, collection_id) / remove(db, collection_id, correction_id)

Corrections are stored in `entity_corrections` by the exact spans (article id, start, end) of
the mentions involved, never by entity or mention ids, because re-analysis rebuilds both.
`apply(result, corrections)` replays them in order on a fresh LinkResult: a merge unites every
entity holding one of its spans, a split moves its spans to a new entity, rename and hide act
on the entity holding most of the recorded spans.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app.core.entities import correction_store as store
from app.core.entities.correction_store import Span
from app.core.entities.groups import display_form, majority_label
from app.core.entities.records import LinkedEntity, LinkResult
from app.core.errors import NotFound, ParallaxError

ACTIONS = ("merge", "split", "rename", "hide")


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    action: str
    payload: dict[str, Any]


def _entity_spans(db: sqlite_utils.Database, collection_id: int, entity_id: int) -> list[Span]:
    spans = store.entity_spans(db, collection_id, entity_id)
    if spans is None:
        raise NotFound(f"no entity e{entity_id} in this collection")
    return spans


def _record(
    db: sqlite_utils.Database, collection_id: int, action: str, payload: dict[str, Any]
) -> Span:
    """Store a correction (replayed by every re-link); returns a span of the corrected entity,
    by which the caller finds it once the collection is analysed again."""
    store.record(db, collection_id, action, payload)
    anchor = payload["spans"][0] if "spans" in payload else payload["groups"][0][0]
    return (int(anchor[0]), int(anchor[1]), int(anchor[2]))


def entity_at(db: sqlite_utils.Database, span: Sequence[int]) -> int:
    """The entity that now holds the mention at `span` (article id, start, end)."""
    found = store.entity_at(db, (int(span[0]), int(span[1]), int(span[2])))
    if found is None:
        raise ParallaxError("the corrected mentions no longer exist")
    return found


def merge(db: sqlite_utils.Database, collection_id: int, entity_ids: Sequence[int]) -> Span:
    if len(set(entity_ids)) < 2:
        raise ParallaxError("merge needs at least two different entities")
    groups = [_entity_spans(db, collection_id, e) for e in entity_ids]
    return _record(db, collection_id, "merge", {"groups": groups})


def split(
    db: sqlite_utils.Database,
    collection_id: int,
    mention_ids: Sequence[int],
    name: str | None = None,
) -> Span:
    spans: list[Span] = []
    for mention_id in mention_ids:
        span = store.linked_mention_span(db, collection_id, mention_id)
        if span is None:
            raise NotFound(f"no linked mention m{mention_id} in this collection")
        spans.append(span)
    if not spans:
        raise ParallaxError("split needs at least one mention")
    return _record(db, collection_id, "split", {"spans": spans, "name": name})


def rename(db: sqlite_utils.Database, collection_id: int, entity_id: int, name: str) -> Span:
    if not name.strip():
        raise ParallaxError("an entity name cannot be empty")
    spans = _entity_spans(db, collection_id, entity_id)
    return _record(db, collection_id, "rename", {"spans": spans, "name": name.strip()})


def hide(
    db: sqlite_utils.Database, collection_id: int, entity_id: int, hidden: bool = True
) -> Span:
    spans = _entity_spans(db, collection_id, entity_id)
    return _record(db, collection_id, "hide", {"spans": spans, "hidden": hidden})


def list_corrections(db: sqlite_utils.Database, collection_id: int) -> list[Correction]:
    return [
        Correction(i, action, payload) for i, action, payload in store.recorded(db, collection_id)
    ]


def remove(db: sqlite_utils.Database, collection_id: int, correction_id: int) -> None:
    """Forget one correction (the caller analyses the collection again without it)."""
    if not store.forget(db, collection_id, correction_id):
        raise NotFound(f"no correction {correction_id} in this collection")


def apply(result: LinkResult, corrections: Sequence[Correction]) -> set[int]:
    """Replay corrections on `result` (in place); returns the indices of hidden entities."""
    hidden: set[int] = set()
    for correction in corrections:
        owner = _owners(result)
        payload = correction.payload
        if correction.action == "merge":
            spans = [tuple(s) for group in payload["groups"] for s in group]
            targets = sorted({owner[s] for s in spans if s in owner})
            _merge(result, targets, hidden)
        elif correction.action == "split":
            _split(result, owner, {tuple(s) for s in payload["spans"]}, payload.get("name"))
        else:
            target = _majority_owner(owner, payload["spans"])
            if target is None:
                continue
            if correction.action == "rename":
                result.entities[target].name = payload["name"]
            elif payload.get("hidden", True):
                hidden.add(target)
            else:
                hidden.discard(target)
    return hidden


def _owners(result: LinkResult) -> dict[tuple[int, ...], int]:
    owner: dict[tuple[int, ...], int] = {}
    for index, entity in enumerate(result.entities):
        for i in entity.mentions:
            m = result.mentions[i]
            owner[(m.article_id, m.start, m.end)] = index
    return owner


def _majority_owner(owner: dict[tuple[int, ...], int], spans: list[list[int]]) -> int | None:
    votes = Counter(owner[tuple(s)] for s in spans if tuple(s) in owner)
    return votes.most_common(1)[0][0] if votes else None


def _merge(result: LinkResult, targets: list[int], hidden: set[int]) -> None:
    if len(targets) < 2:
        return
    keep = result.entities[targets[0]]
    for index in targets[1:]:
        other = result.entities[index]
        keep.mentions.extend(other.mentions)
        keep.descriptors.extend(other.descriptors)
        other.mentions, other.descriptors = [], []
        hidden.discard(index)
    keep.mentions.sort(key=lambda i: (result.mentions[i].article_id, result.mentions[i].start))


def _split(
    result: LinkResult,
    owner: dict[tuple[int, ...], int],
    spans: set[tuple[int, ...]],
    name: str | None,
) -> None:
    moved: list[int] = []
    for entity_index in {owner[s] for s in spans if s in owner}:
        entity = result.entities[entity_index]
        keep: list[int] = []
        for i in entity.mentions:
            m = result.mentions[i]
            (moved if (m.article_id, m.start, m.end) in spans else keep).append(i)
        entity.mentions = keep
    if not moved:
        return
    labels = Counter(result.mentions[i].label for i in moved)
    forms = Counter(display_form(result.mentions[i].text) for i in moved)
    values = {result.mentions[i].value for i in moved}
    result.entities.append(
        LinkedEntity(
            name or forms.most_common(1)[0][0],
            majority_label(labels),
            values.pop() if len(values) == 1 else None,
            sorted(moved),
        )
    )


def drop_empty(result: LinkResult, hidden: set[int]) -> set[int]:
    """Remove entities left without mentions; returns `hidden` re-indexed."""
    kept = [i for i, e in enumerate(result.entities) if e.mentions]
    new_index = {old: new for new, old in enumerate(kept)}
    result.entities = [result.entities[i] for i in kept]
    return {new_index[i] for i in hidden if i in new_index}
