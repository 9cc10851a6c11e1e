"""A note on a statement group survives re-alignment and re-import: it is anchored to the
group's statements by text, and its group is found again after the group ids changed."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from spacy.language import Language

from app.core.analysis import analyse_collection
from app.core.annotations import store
from app.core.annotations.groups import anchor_statement, current_group
from app.core.annotations.jsonld import annotation_object
from app.core.annotations.model import new_annotation
from app.core.compare.pipeline import align_collection
from app.core.demo import DEMO_COLLECTION
from app.core.ingest.importer import Outcome, import_paths
from app.core.store import articles, collections


def _members(db: sqlite_utils.Database, alignment_id: int) -> list[tuple[int, int, int, int]]:
    """(statement id, article id, start, end) of a group."""
    return db.execute(
        'SELECT s.id, s.article_id, s.start, s."end" FROM alignment_statements x'
        " JOIN statements s ON s.id = x.statement_id WHERE x.alignment_id = ? ORDER BY s.id",
        [alignment_id],
    ).fetchall()


def _texts(db: sqlite_utils.Database, alignment_id: int) -> set[str]:
    return {articles.get(db, a).text[s:e] for _, a, s, e in _members(db, alignment_id)}


def _note_on_a_group(db: sqlite_utils.Database, word: str):
    """A group note, as the reader makes it, on a divergent group with a statement in the
    article that contains `word`."""
    collection = collections.find(db, DEMO_COLLECTION)
    # The smallest such group: a big one (eight tellings of the expulsion) may be regrouped by
    # the edit itself, which is the aligner's business, not the note's.
    for (gid,) in db.execute(
        "SELECT a.id FROM alignments a JOIN alignment_statements s ON s.alignment_id = a.id"
        " WHERE a.collection_id = ? AND EXISTS (SELECT 1 FROM differences d"
        " WHERE d.alignment_id = a.id AND d.relevant = 1) GROUP BY a.id"
        " ORDER BY count(*), a.id",
        [collection.id],
    ).fetchall():
        members = _members(db, gid)
        mine = [m for m in members if word in articles.get(db, m[1]).text]
        if mine and len({m[1] for m in members}) >= 2:
            break
    else:
        raise AssertionError("no divergent group")
    anchors = []
    for _, article_id, start, end in members:
        row = articles.get(db, article_id)
        anchors.append(anchor_statement(row.id, row.path, row.text, start, end))
    _, article_id, start, end = mine[0]
    row = articles.get(db, article_id)
    ann = new_annotation(collection.id, row.id, row.path, row.text, start, end,
                         note="which count is right?", group_key=f"g{gid}",
                         group_anchors=tuple(anchors))  # fmt: skip
    return store.create(db, ann), gid, row


def _push_ids(db: sqlite_utils.Database) -> None:
    """Another collection's alignment with a high id: the next groups written get new ids
    (as they do in a database that holds several collections)."""
    other = collections.get_or_create(db, "Other")
    db.execute("INSERT INTO alignments (id, collection_id, score) VALUES (5000, ?, 1.0)",
               [other.id])  # fmt: skip


def test_group_note_follows_its_group_through_realignment(seed_db: sqlite_utils.Database) -> None:
    db = seed_db
    note, old_gid, _ = _note_on_a_group(db, "Navalny")
    before = _texts(db, old_gid)
    assert store.get(db, note.id).group_anchors  # stored with it
    _push_ids(db)
    collection_id = note.collection_id
    align_collection(db, collection_id, full=True)
    assert not db.execute("SELECT 1 FROM alignments WHERE id = ?", [old_gid]).fetchone()
    gid = current_group(db, store.get(db, note.id))
    assert gid is not None and gid != old_gid and _texts(db, gid) == before
    (shown,) = [a for a in store.for_articles(db, collection_id, [note.article_id])
                if a.id == note.id]  # fmt: skip
    assert shown.group_key == f"g{gid}"
    exported = annotation_object(shown, "a1")
    assert exported["parallax:group"] == f"g{gid}"
    assert len(exported["parallax:groupStatements"]) == len(before)


def test_group_note_follows_an_edited_reimport(
    seed_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    db = seed_db
    note, old_gid, row = _note_on_a_group(db, "During the visit,")
    others = {t for t in _texts(db, old_gid) if t not in row.text}
    edited = tmp_path / Path(row.path).name
    edited.write_text(Path(row.path).read_text(encoding="utf-8").replace(
        "During the visit,", "During the visit, we now add,"), encoding="utf-8")  # fmt: skip
    db.execute("UPDATE articles SET path = ? WHERE id = ?", [str(edited), row.id])
    db.execute("UPDATE annotations SET article_path = ?, group_anchors ="
               " replace(group_anchors, ?, ?)", [str(edited), row.path, str(edited)])  # fmt: skip
    _push_ids(db)
    report = import_paths(db, [edited], DEMO_COLLECTION, nlp=nlp, n_process=1)
    assert [r.outcome for r in report.results] == [Outcome.UPDATED]
    analyse_collection(db, note.collection_id)
    after = store.get(db, note.id)  # re-anchoring stored the group as it is now
    assert not after.is_orphan and after.group_key is not None
    gid = int(after.group_key.lstrip("g"))
    assert gid != old_gid
    texts = _texts(db, gid)
    assert others <= texts  # the other sources' statements of the group are still in it
    moved = [a for a in after.group_anchors if a.article_id == row.id]
    text = articles.get(db, row.id).text
    assert moved and all(text[a.start : a.end] == a.exact for a in moved)
