"""`load_comparison(db, collection, articles)`: the comparison read from the database, once, for
every consumer (reader, PDF, JSON export, CLI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlite_utils

from app.core.annotations import jsonld
from app.core.annotations import store as annotation_store
from app.core.compare.store import load_groups
from app.core.entities.queries import PlacedEntity, placed_entities
from app.core.store import articles as article_store
from app.core.store import collections
from app.core.view.assemble import RawDifference, RawGroup, RawStatement, assemble
from app.core.view.model import ArticleView, Comparison, EntityView, Mention, entity_view

LABEL_LIMIT = 30  # characters of a title used as a column head


def load_comparison(
    db: sqlite_utils.Database, collection_name: str, article_ids: Sequence[int] | None = None
) -> Comparison:
    """The collection's comparison over `article_ids` (all its articles when empty)."""
    collection = collections.find(db, collection_name)
    rows = article_store.in_collection(db, collection.id)
    if article_ids:
        wanted = set(article_ids)
        rows = [r for r in rows if r.id in wanted]
    key = {row.id: f"a{row.id}" for row in rows}
    statements = [
        RawStatement(f"s{st.id}", key[row.id], st.start, st.end, st.role.value)
        for row in rows
        for st in article_store.statements(db, row.id)
    ]
    groups = [
        RawGroup(
            f"g{g.id}", g.score, tuple(f"s{m}" for m in g.members),
            tuple(RawDifference(d.type, d.severity, d.detail, d.readings, d.id, d.relevant)
                  for d in g.differences),
        )
        for g in load_groups(db, collection.id)
    ]  # fmt: skip
    shown = annotation_store.for_articles(db, collection.id, key)
    annotations = tuple(
        jsonld.annotation_object(a, key.get(a.article_id or -1, a.article_path)) for a in shown
    )
    return assemble(
        collection.id,
        collection.name,
        tuple(article_view(row, key[row.id]) for row in rows),
        tuple(
            _entity(e, key)
            for e in placed_entities(db, collection.id)
            if any(m[0] in key for m in e.mentions)
        ),
        statements,
        groups,
        annotations,
        dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def article_view(row: article_store.ArticleRow, key: str) -> ArticleView:
    return ArticleView(
        key, row.id, row.path, short_label(row.source, row.title, row.path), row.source,
        row.title, row.published, row.text, row.url, row.author, row.language, row.word_count,
    )  # fmt: skip


def short_label(source: str | None, title: str | None, path: str) -> str:
    """The source, else the title cut at a word with an ellipsis, else the file name."""
    if source:
        return source
    if title:
        if len(title) <= LABEL_LIMIT:
            return title
        return title[:LABEL_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return path.rsplit("/", 1)[-1]


def _entity(entity: PlacedEntity, key: dict[int, str]) -> EntityView:
    def chosen(found: tuple[tuple[int, int, int, str], ...]) -> tuple[Mention, ...]:
        return tuple(Mention(key[a], s, e, t) for a, s, e, t in found if a in key)

    return entity_view(f"e{entity.id}", entity.name, entity.label, entity.value,
                       chosen(entity.mentions), chosen(entity.descriptors))  # fmt: skip
