"""Re-anchoring: find an annotation's quote again after the article text changed.

An article re-imported with edited text keeps its row and id (the importer replaces its text in
place); an older database may instead hold a newer row with the same path, or have lost the row
(annotations unattached). Each annotation is checked against the newest article with its path:
when its quote is no longer where it was, it is looked up exactly near the old position, then
fuzzily with diff-match-patch's `match_main` (bitap; patterns up to 32 characters, so the
quote's head and tail are matched separately). What cannot be found becomes an orphan; nothing
is dropped."""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlite_utils
from diff_match_patch import diff_match_patch
from rapidfuzz.fuzz import ratio

from app.core.annotations import store
from app.core.annotations.groups import anchor_statement, current_group, group_key
from app.core.annotations.model import ANCHORED, ORPHAN, Annotation, quote_context

MIN_SIMILARITY = 80.0  # rapidfuzz ratio (0..100) between the old quote and the new span


@dataclass(frozen=True, slots=True)
class ReanchorReport:
    checked: int
    moved: int
    orphaned: int


def locate(text: str, ann: Annotation) -> tuple[int, int] | None:
    """Where `ann`'s quote is in `text` now, or None."""
    exact = ann.exact
    if not exact:
        return None
    if text[ann.start : ann.end] == exact:
        return ann.start, ann.end
    hits = _all_exact(text, exact)
    if hits:
        # Several equal quotes: the one whose context agrees best, then the nearest.
        best = max(
            hits, key=lambda s: (_context_score(text, s, len(exact), ann), -abs(s - ann.start))
        )
        return best, best + len(exact)
    return _fuzzy(text, ann)


def _all_exact(text: str, exact: str) -> list[int]:
    hits, at = [], text.find(exact)
    while at >= 0:
        hits.append(at)
        at = text.find(exact, at + 1)
    return hits


def _context_score(text: str, start: int, length: int, ann: Annotation) -> int:
    prefix = text[max(0, start - len(ann.prefix)) : start]
    suffix = text[start + length : start + length + len(ann.suffix)]
    return int(prefix == ann.prefix) + int(suffix == ann.suffix)


def _fuzzy(text: str, ann: Annotation) -> tuple[int, int] | None:
    dmp = diff_match_patch()
    dmp.Match_Distance = max(1000, len(text))  # the article may have grown or shrunk a lot
    bits = dmp.Match_MaxBits
    head, tail = ann.exact[:bits], ann.exact[-bits:]
    start = dmp.match_main(text, head, min(ann.start, len(text)))
    if start < 0:
        return None
    guess_end = start + len(ann.exact) - len(tail)
    tail_at = dmp.match_main(text, tail, min(max(guess_end, start), len(text)))
    end = tail_at + len(tail) if tail_at >= start else start + len(ann.exact)
    end = min(end, len(text))
    if ratio(text[start:end], ann.exact) < MIN_SIMILARITY:
        return None
    return start, end


def reanchor_collection(db: sqlite_utils.Database, collection_id: int) -> ReanchorReport:
    """Move every annotation of the collection onto the newest article with its path, to where
    its quote now is in that article's (possibly replaced) text; orphan what cannot be found.
    One transaction: stopping or a crash never leaves half the annotations moved."""
    newest: dict[str, tuple[int, str]] = {}
    for article_id, path, text in db.execute(
        "SELECT id, path, text FROM articles WHERE collection_id = ? ORDER BY id",
        [collection_id],
    ).fetchall():
        newest[path] = (article_id, text)
    with db.atomic():
        return _reanchor(db, collection_id, newest)


def _reanchor(
    db: sqlite_utils.Database, collection_id: int, newest: dict[str, tuple[int, str]]
) -> ReanchorReport:
    checked = moved = orphaned = 0
    for ann in store.in_collection(db, collection_id):
        target = newest.get(ann.article_path)
        now = ann
        if not _in_place(target, ann):
            checked += 1
            found = locate(target[1], ann) if target else None
            if found is None:
                now = ann.with_changes(status=ORPHAN)
                orphaned += not ann.is_orphan
            else:
                assert target is not None
                start, end = found
                exact, prefix, suffix = quote_context(target[1], start, end)
                now = ann.with_changes(
                    article_id=target[0], start=start, end=end, exact=exact, prefix=prefix,
                    suffix=suffix, status=ANCHORED,
                )  # fmt: skip
                moved += 1
        if now.group_anchors:
            now = _follow_group(db, now, newest)
        if now != ann:
            store.update(db, now)
    return ReanchorReport(checked, moved, orphaned)


def _in_place(target: tuple[int, str] | None, ann: Annotation) -> bool:
    """The quote is still where it was in the current text of its article."""
    return (
        target is not None
        and target[0] == ann.article_id
        and not ann.is_orphan
        and target[1][ann.start : ann.end] == ann.exact
    )


def _follow_group(
    db: sqlite_utils.Database, ann: Annotation, newest: dict[str, tuple[int, str]]
) -> Annotation:
    """A group note's statement anchors moved to their articles' current text, and its group
    looked up again (the aligner has just rewritten every group id)."""
    anchors = []
    for anchor in ann.group_anchors:
        target = newest.get(anchor.article_path)
        probe = Annotation(
            ann.collection_id,
            anchor.article_id,
            anchor.article_path,
            anchor.start,
            anchor.end,
            anchor.exact,
            anchor.prefix,
            anchor.suffix,
        )
        if _in_place(target, probe):
            anchors.append(anchor)
            continue
        found = locate(target[1], probe) if target else None
        if found is None:  # the statement is gone: kept, but it no longer points anywhere
            anchors.append(replace(anchor, article_id=None))
        else:
            assert target is not None
            anchors.append(anchor_statement(target[0], anchor.article_path, target[1], *found))
    now = ann.with_changes(group_anchors=tuple(anchors))
    return now.with_changes(group_key=group_key(current_group(db, now)))
