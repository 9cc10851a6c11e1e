"""User corrections survive re-analysis; adding one article aligns incrementally."""

from __future__ import annotations

import sqlite_utils
from conftest import SEED_FILES
from spacy.language import Language

from app.core.analysis import analyse_collection
from app.core.compare import corrections
from app.core.compare.pipeline import align_collection
from app.core.demo import DEMO_COLLECTION
from app.core.ingest.importer import import_paths
from app.core.store import collections


def _statement(db: sqlite_utils.Database, snippet: str) -> int:
    rows = [
        sid
        for sid, text, start, end in db.execute(
            'SELECT s.id, a.text, s.start, s."end" FROM statements s'
            " JOIN articles a ON a.id = s.article_id"
        )
        if snippet in text[start:end]
    ]
    assert len(rows) == 1, snippet
    return int(rows[0])


def _groups(db: sqlite_utils.Database) -> list[set[int]]:
    found: dict[int, set[int]] = {}
    for gid, sid in db.execute("SELECT alignment_id, statement_id FROM alignment_statements"):
        found.setdefault(gid, set()).add(sid)
    return list(found.values())


def _together(db: sqlite_utils.Database, a: int, b: int) -> bool:
    return any(a in g and b in g for g in _groups(db))


def test_link_unlink_and_ignore_persist_across_reanalysis(seed_db: sqlite_utils.Database) -> None:
    db = seed_db
    cid = collections.find(db, DEMO_COLLECTION).id
    # 1. link two statements the aligner leaves apart (same fact, few shared words)
    said = _statement(db, "Josep Borrell said the EU should turn to Russia")
    lauded = _statement(db, "Borrell lauded Russia’s coronavirus vaccine")
    corrections.link(db, said, lauded)
    align_collection(db, cid, full=True)
    assert _together(db, said, lauded)
    # 2. unlink a statement from its group
    # (the same quotation in two outlets; "learned of … on social media" / "found out about
    # them through social media" was aligned only through a demo-specific synonym rule)
    learned = _statement(db, "messages sent by Russian authorities during my")
    found_out = _statement(db, "messages sent by Russian authorities during this visit")
    assert _together(db, learned, found_out)
    corrections.unlink(db, found_out)
    align_collection(db, cid, full=True)
    assert not _together(db, learned, found_out)
    # 3. mark a difference not relevant
    take = db.execute(
        "SELECT id, alignment_id FROM differences WHERE type = 'quote' AND detail LIKE '%seize%'"
    ).fetchone()
    assert take is not None
    corrections.ignore_difference(db, take[0])
    assert db.execute("SELECT relevant FROM differences WHERE id = ?", [take[0]]).fetchone()[0] == 0
    # re-analysis from scratch (what import does) keeps all three decisions
    analyse_collection(db, cid)
    align_collection(db, cid, full=True)
    assert _together(db, said, lauded)
    assert not _together(db, learned, found_out)
    relevance = db.execute(
        "SELECT relevant FROM differences WHERE type = 'quote' AND detail LIKE '%seize%'"
    ).fetchall()
    assert relevance == [(0,)]
    # and marking it relevant again brings it back
    again = db.execute(
        "SELECT id FROM differences WHERE type = 'quote' AND detail LIKE '%seize%'"
    ).fetchone()[0]
    corrections.ignore_difference(db, again, relevant=True)
    align_collection(db, cid, full=True)
    assert db.execute(
        "SELECT relevant FROM differences WHERE type = 'quote' AND detail LIKE '%seize%'"
    ).fetchall() == [(1,)]


def test_adding_one_article_aligns_incrementally(
    empty_db: sqlite_utils.Database, nlp: Language
) -> None:
    db = empty_db
    import_paths(db, SEED_FILES[:4], DEMO_COLLECTION, nlp=nlp, n_process=1)
    cid = collections.find(db, DEMO_COLLECTION).id
    first = align_collection(db, cid)
    assert not first.incremental and first.groups > 5
    before = {frozenset(g) for g in _groups(db)}
    # a user decision made before the new article arrives
    said = _statement(db, "Josep Borrell said the EU should turn to Russia")
    lauded = _statement(db, "Borrell lauded Russia’s coronavirus vaccine")
    corrections.link(db, said, lauded)
    align_collection(db, cid, full=True)
    before = {frozenset(g) for g in _groups(db)}
    import_paths(db, SEED_FILES[4:], DEMO_COLLECTION, nlp=nlp, n_process=1)
    report = align_collection(db, cid)
    assert report.incremental
    after = [frozenset(g) for g in _groups(db)]
    new_article = db.execute("SELECT max(id) FROM articles").fetchone()[0]
    rows = db.execute("SELECT id FROM statements WHERE article_id = ?", [new_article])
    new_statements = {sid for (sid,) in rows}
    # every earlier group is still there, grown at most by statements that were in no group
    # (the new article's, or one it now shows to be shared)
    grouped_before = set().union(*before)
    for group in before:
        assert any(group <= g and not (g - group) & grouped_before for g in after), sorted(group)
    # the new article found its partners ("take" vs "seize" is EU Today against Atalayar)
    assert any(g & new_statements for g in after)
    assert _together(db, said, lauded)
    seize = _statement(db, "does not want to seize the opportunity")
    take = _statement(db, "does not want to take the opportunity")
    assert _together(db, seize, take)


def test_an_alignment_correction_reruns_what_depends_on_it(seed_db: sqlite_utils.Database) -> None:
    """analysis.apply_alignment_correction: a link rebuilds the groups at once (no separate
    align call) and leaves the collection fully analysed; marking a difference not relevant
    re-runs nothing, yet the comparison view stops counting it."""
    from app.core.analysis import apply_alignment_correction
    from app.core.store import analysis_state
    from app.core.view.load import load_comparison

    db = seed_db
    said = _statement(db, "Josep Borrell said the EU should turn to Russia")
    lauded = _statement(db, "Borrell lauded Russia’s coronavirus vaccine")
    assert not _together(db, said, lauded)
    cid, report = apply_alignment_correction(db, "link", said, lauded)
    assert report is not None and report.finished
    assert _together(db, said, lauded)
    assert analysis_state.get(db, cid) is None

    before = load_comparison(db, DEMO_COLLECTION)
    group = next(g for g in before.groups.values() if len(g.differences) == 1)
    groups_before = _groups(db)
    (difference,) = group.differences
    assert difference.db_id is not None
    _, report = apply_alignment_correction(db, "ignore_difference", difference.db_id)
    assert report is None and _groups(db) == groups_before
    after = load_comparison(db, DEMO_COLLECTION).groups[group.key]
    assert not after.divergent and [d.db_id for d in after.ignored] == [difference.db_id]
