"""Align a collection's body statements, find differences, store both.

Runs after entity linking (app/core/analysis.py). When articles were only added since the
last run, existing groups are kept and grown with the new articles' statements, and only the
groups that changed get their differences recomputed; user corrections are applied either way.

One article's text never costs the others their analysis: an article whose stored parse cannot
be read, or whose quotations or statement features raise, is left out of that step and named
in the report's `failures`; a group whose differences raise is retried without each article in
turn, and the one whose absence lets it through is named.
"""

from __future__ import annotations

import bisect
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import sqlite_utils

from app.core.compare import store
from app.core.compare.aligner import Constraints, Group, group_statements
from app.core.compare.corrections import load_constraints
from app.core.compare.differences import find_differences
from app.core.compare.features import ArticleInfo, StatementInfo, load_articles
from app.core.compare.meanings import stored_meanings
from app.core.compare.quotes import Quote, find_quotes, mark_quoted_tokens, statement_attributions
from app.core.compare.records import Difference, GroupContext
from app.core.compare.vectors import Readings, VectorSpace, statement_readings
from app.core.failures import ArticleFailure, article_names, failure

log = logging.getLogger("parallax.compare")


@dataclass(frozen=True, slots=True)
class AlignReport:
    groups: int
    differences: int
    incremental: bool
    seconds: float
    failures: tuple[ArticleFailure, ...] = field(default=())


def align_collection(
    db: sqlite_utils.Database, collection_id: int, full: bool = False
) -> AlignReport:
    started = time.perf_counter()
    ids = _article_ids(db, collection_id)
    done = store.aligned_articles(db, collection_id)
    new_ids = [a for a in ids if a not in done]
    incremental = not full and bool(done) and bool(new_ids)
    names = article_names(db, ids)
    failures: list[ArticleFailure] = []
    articles, quotes, space = _isolated_space(
        db, ids, new_ids if incremental else ids, names, failures
    )
    left_out = [a for a in ids if a not in {article.id for article in articles}]
    if left_out:  # aligned again by the next run, which may get further
        db.execute(
            f"DELETE FROM aligned_articles WHERE article_id IN ({','.join('?' * len(left_out))})",
            left_out,
        )
        ids = [a for a in ids if a not in set(left_out)]
        new_ids = [a for a in new_ids if a not in set(left_out)]
    statements = [st for a in articles for st in a.statements]
    article_of = {st.id: st.article_id for st in statements}
    seq_of = {st.id: st.seq for st in statements}
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
    results = _with_differences(groups, old, articles, quotes, article_of, names, failures)
    written = store.write_groups(db, collection_id, results, ignored, ids)
    report = AlignReport(
        written, sum(len(r.differences) + len(r.kept) for r in results), incremental,
        time.perf_counter() - started, tuple(failures),
    )  # fmt: skip
    log.info("aligned collection %s: %s", collection_id, report)
    return report


def collection_space(
    db: sqlite_utils.Database, collection_id: int
) -> tuple[VectorSpace, dict[int, int], dict[int, int]]:
    """The similarity a full alignment of the collection works on, with each statement's
    article and place (for benchmarks and tests that look at the links themselves)."""
    ids = _article_ids(db, collection_id)
    failures: list[ArticleFailure] = []
    articles, _, space = _isolated_space(db, ids, [], article_names(db, ids), failures)
    ordered = [st for article in articles for st in article.statements]
    return space, {st.id: st.article_id for st in ordered}, {st.id: st.seq for st in ordered}


def _isolated_space(
    db: sqlite_utils.Database, ids: list[int], to_store: list[int], names: dict[int, str],
    failures: list[ArticleFailure],
) -> tuple[list[ArticleInfo], dict[int, list[Quote]], VectorSpace]:  # fmt: skip
    """The articles that could be read, their quotations (those of `to_store` stored), and
    the similarity over their statements; an article that fails a step is left out of the
    rest and named in `failures`."""
    articles = _load_isolated(db, ids, names, failures)
    quotes = prepare_quotes(db, articles, to_store, names, failures)
    articles, readings = _with_sound_features(articles, names, failures)
    ordered = [st for article in articles for st in article.statements]
    space = VectorSpace(
        ordered, {a.id: a.published for a in articles}, readings=readings,
        contextual=_meanings(db, ordered, failures),
    )  # fmt: skip
    return articles, quotes, space


def _article_ids(db: sqlite_utils.Database, collection_id: int) -> list[int]:
    query = "SELECT id FROM articles WHERE collection_id = ? ORDER BY id"
    return [int(r[0]) for r in db.execute(query, [collection_id]).fetchall()]


def _meanings(
    db: sqlite_utils.Database, statements: list[StatementInfo], failures: list[ArticleFailure]
) -> np.ndarray | None:
    """The statements' stored sentence vectors; if the encoder fails on them, zeros (the
    alignment runs on the other signals) and the failure is reported."""
    try:
        return stored_meanings(db, statements)
    except (sqlite3.Error, MemoryError):
        raise
    except Exception as exc:
        failures.append(failure("meanings", None, {}, exc))
        return np.zeros((len(statements), 1), dtype=np.float32)


def _load_isolated(
    db: sqlite_utils.Database, ids: list[int], names: dict[int, str],
    failures: list[ArticleFailure],
) -> list[ArticleInfo]:  # fmt: skip
    """Each article's statements and stored parse; one that cannot be read is left out."""
    articles: list[ArticleInfo] = []
    for article_id in ids:
        try:
            articles.extend(load_articles(db, [article_id]))
        except Exception as exc:  # a damaged stored parse, say: this article only
            failures.append(failure("parse", article_id, names, exc))
    return articles


def prepare_quotes(
    db: sqlite_utils.Database,
    articles: list[ArticleInfo],
    to_store: list[int],
    names: dict[int, str] | None = None,
    failures: list[ArticleFailure] | None = None,
) -> dict[int, list[Quote]]:
    """Find every article's quotations (marking quoted tokens) and store those of `to_store`
    with their speaker and channel. An article whose quotations raise is analysed without
    quotations (its failure appended to `failures`)."""
    result: dict[int, list[Quote]] = {}
    wanted = set(to_store)
    for article in articles:
        try:
            quotes = find_quotes(article)
            mark_quoted_tokens(article, quotes)
            said = _said_by_each(article, quotes) if article.id in wanted else []
        except Exception as exc:
            if failures is None:
                raise
            failures.append(failure("quotes", article.id, names or {}, exc))
            quotes, said = [], []
            for statement in article.statements:
                for tok in statement.tokens:
                    tok.in_quote = False
        result[article.id] = quotes
        if article.id in wanted:
            rows = [(q.start, q.end, *who) for q, who in zip(quotes, said, strict=True)]
            store.write_quotes(db, article.id, rows)
    return result


def _said_by_each(article: ArticleInfo, quotes: list[Quote]) -> list[tuple[str | None, str | None]]:
    """Speaker and channel of each quotation: from the statement that closes it, else the one
    that opens it. Statements are found by binary search (text order), and each statement's
    attributions are worked out once, however many quotations it holds."""
    statements = sorted(article.statements, key=lambda st: st.start)
    starts = [st.start for st in statements]
    cache: dict[int, tuple[str | None, str | None] | None] = {}

    def first_attribution(index: int) -> tuple[str | None, str | None] | None:
        if index not in cache:
            found = statement_attributions(statements[index])
            cache[index] = (found[0].speaker, found[0].channel) if found else None
        return cache[index]

    result = []
    for quote in quotes:
        last = bisect.bisect_left(starts, quote.end) - 1  # the last statement starting before
        who: tuple[str | None, str | None] = (None, None)
        for index in range(last, -1, -1):
            statement = statements[index]
            if not quote.overlaps(statement.start, statement.end):
                if statement.end <= quote.start:
                    break
                continue
            found = first_attribution(index)
            if found is not None:
                who = found
                break
        result.append(who)
    return result


def _with_sound_features(
    articles: list[ArticleInfo], names: dict[int, str], failures: list[ArticleFailure]
) -> tuple[list[ArticleInfo], dict[int, Readings]]:
    """The articles whose statements all yield their alignment features, with those features
    (VectorSpace takes them rather than read them again); the others are left out of the
    alignment (named in `failures`) rather than stop it for everyone."""
    sound = []
    readings: dict[int, Readings] = {}
    for article in articles:
        try:
            found = {st.id: statement_readings(st, article.published) for st in article.statements}
        except Exception as exc:
            failures.append(failure("features", article.id, names, exc))
            continue
        sound.append(article)
        readings.update(found)
    return sound, readings


def _with_differences(
    groups: list[Group],
    old: list[store.StoredGroup],
    articles: list[ArticleInfo],
    quotes: dict[int, list[Quote]],
    article_of: dict[int, int],
    names: dict[int, str] | None = None,
    failures: list[ArticleFailure] | None = None,
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
            members = [statements[m] for m in group.members]
            found = _differences_isolated(
                members, lambda ms: find_differences(GroupContext(ms, by_id, quotes)),
                names or {}, failures,
            )  # fmt: skip
            result.differences = [(d, d.key(article_of)) for d in found]
        results.append(result)
    return results


def _differences_isolated(
    members: list[StatementInfo],
    find: Callable[[list[StatementInfo]], list[Difference]],
    names: dict[int, str],
    failures: list[ArticleFailure] | None,
) -> list[Difference]:
    """The group's differences; when they raise, those found without the one article whose
    statements make them raise (named in `failures`), else none for the group (the articles
    whose statements raise on their own named, or all of the group's)."""
    try:
        return find(members)
    except Exception as exc:
        if failures is None:
            raise
        error = exc
    articles = list(dict.fromkeys(m.article_id for m in members))
    for article_id in articles:
        rest = [m for m in members if m.article_id != article_id]
        if len({m.article_id for m in rest}) < 2:
            continue
        try:
            found = find(rest)
        except Exception:
            continue
        failures.append(failure("differences", article_id, names, error))
        return found
    # A pair: the article whose statements raise on their own is the one to name.
    alone = [a for a in articles if _raises(find, [m for m in members if m.article_id == a])]
    for article_id in alone or articles:
        failures.append(failure("differences", article_id, names, error))
    return []


def _raises(
    find: Callable[[list[StatementInfo]], list[Difference]], members: list[StatementInfo]
) -> bool:
    try:
        find(members)
    except Exception:
        return True
    return False


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


__all__ = ["AlignReport", "Constraints", "align_collection"]
