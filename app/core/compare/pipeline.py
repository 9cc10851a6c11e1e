"""Align a collection's body statements, find differences, store both.

Runs after entity linking (app/core/analysis.py). When articles were only added since the
last run, existing groups are kept and grown with the new articles' statements, and only the
groups that changed get their differences recomputed; user corrections are applied either way.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import sqlite_utils

from app.core.compare import store
from app.core.compare.aligner import Constraints, Group, group_statements
from app.core.compare.corrections import load_constraints
from app.core.compare.differences import find_differences
from app.core.compare.features import ArticleInfo, load_articles
from app.core.compare.quotes import Quote, find_quotes, mark_quoted_tokens, statement_attributions
from app.core.compare.records import GroupContext
from app.core.compare.vectors import VectorSpace

log = logging.getLogger("parallax.compare")


@dataclass(frozen=True, slots=True)
class AlignReport:
    groups: int
    differences: int
    incremental: bool
    seconds: float


def align_collection(
    db: sqlite_utils.Database, collection_id: int, full: bool = False
) -> AlignReport:
    started = time.perf_counter()
    ids = [r[0] for r in db.execute(
        "SELECT id FROM articles WHERE collection_id = ? ORDER BY id", [collection_id]
    ).fetchall()]  # fmt: skip
    done = store.aligned_articles(db, collection_id)
    new_ids = [a for a in ids if a not in done]
    incremental = not full and bool(done) and bool(new_ids)
    articles = load_articles(db, ids)
    quotes = prepare_quotes(db, articles, new_ids if incremental else ids)
    statements = {st.id: st for a in articles for st in a.statements}
    article_of = {sid: st.article_id for sid, st in statements.items()}
    seq_of = {sid: st.seq for sid, st in statements.items()}
    space = VectorSpace(statements.values(), {a.id: a.published for a in articles})
    constraints, ignored = load_constraints(db, collection_id)
    old = store.load_groups(db, collection_id) if incremental else []
    if incremental:
        new_statements = {sid for sid, aid in article_of.items() if aid in set(new_ids)}
        groups = group_statements(
            space, article_of, constraints,
            start_groups=[[m for m in g.members if m not in g.secondary] for g in old],
            only=new_statements, seq_of=seq_of,
        )  # fmt: skip
        _keep_secondary(groups, old, article_of, constraints)
    else:
        groups = group_statements(space, article_of, constraints, seq_of=seq_of)
    results = _with_differences(groups, old, articles, quotes, article_of)
    written = store.write_groups(db, collection_id, results, ignored, ids)
    report = AlignReport(
        written, sum(len(r.differences) + len(r.kept) for r in results), incremental,
        time.perf_counter() - started,
    )  # fmt: skip
    log.info("aligned collection %s: %s", collection_id, report)
    return report


def prepare_quotes(
    db: sqlite_utils.Database, articles: list[ArticleInfo], to_store: list[int]
) -> dict[int, list[Quote]]:
    """Find every article's quotations (marking quoted tokens) and store those of `to_store`
    with their speaker and channel."""
    result: dict[int, list[Quote]] = {}
    wanted = set(to_store)
    for article in articles:
        quotes = find_quotes(article)
        mark_quoted_tokens(article, quotes)
        result[article.id] = quotes
        if article.id in wanted:
            store.write_quotes(db, article.id, [(q.start, q.end, *_said_by(article, q))
                                                for q in quotes])  # fmt: skip
    return result


def _said_by(article: ArticleInfo, quote: Quote) -> tuple[str | None, str | None]:
    """Speaker and channel of a quotation: from the statement that closes it, else the one
    that opens it."""
    inside = [st for st in article.statements if quote.overlaps(st.start, st.end)]
    for statement in reversed(inside):
        for attribution in statement_attributions(statement):
            return attribution.speaker, attribution.channel
    return None, None


def _with_differences(
    groups: list[Group],
    old: list[store.StoredGroup],
    articles: list[ArticleInfo],
    quotes: dict[int, list[Quote]],
    article_of: dict[int, int],
) -> list[store.GroupResult]:
    by_id = {a.id: a for a in articles}
    statements = {st.id: st for a in articles for st in a.statements}
    unchanged = {frozenset(g.members): g for g in old}
    results = []
    for group in groups:
        kept = unchanged.get(frozenset(group.members))
        result = store.GroupResult(group.members, group.secondary, group.score)
        if kept is not None:
            result.kept = kept.differences
        else:
            context = GroupContext([statements[m] for m in group.members], by_id, quotes)
            result.differences = [(d, d.key(article_of)) for d in find_differences(context)]
        results.append(result)
    return results


def _keep_secondary(
    groups: list[Group], old: list[store.StoredGroup], article_of: dict[int, int],
    constraints: Constraints,
) -> None:  # fmt: skip
    """Second-group memberships of an earlier run survive an incremental one."""
    group_of = {m: g for g in groups for m in g.members if m not in g.secondary}
    for previous in old:
        primary = [m for m in previous.members if m not in previous.secondary]
        target = group_of.get(primary[0]) if primary else None
        if target is None:
            continue
        for sid in previous.secondary:
            articles = {article_of[m] for m in target.members}
            if (
                sid in article_of
                and sid not in target.members
                and article_of[sid] not in articles
                and not any(constraints.forbids(sid, m) for m in target.members)
            ):
                target.members.append(sid)
                target.secondary.add(sid)


def realign(db: sqlite_utils.Database, collection_id: int) -> AlignReport:
    """A full re-analysis (after a correction): every group rebuilt, decisions re-applied."""
    return align_collection(db, collection_id, full=True)


__all__ = ["AlignReport", "Constraints", "align_collection", "realign"]
