"""Statement sentence vectors are computed once, at import, kept in the store, and follow the
statements they belong to (real spaCy model, real encoder, real SQLite file)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sqlite_utils
from spacy.language import Language

from app.core.analysis import analyse_collection
from app.core.compare.features import load_articles
from app.core.compare.meanings import stored_meanings
from app.core.ingest.importer import import_paths
from app.core.nlp.minilm import sentence_encoder
from app.core.store import collections
from app.core.store.library import remove_article

FIRST = """Bridge closed after crash

A lorry hit the old river bridge in Dunmore on Tuesday morning. The council closed the bridge to
all traffic. Engineers will inspect the damage on Thursday.
"""
SECOND = """Dunmore bridge shut

The old bridge over the river in Dunmore was closed on Tuesday after a lorry struck it. Council
engineers are due to examine the structure on Thursday.
"""


def _import(db: sqlite_utils.Database, folder: Path, nlp: Language) -> int:
    folder.mkdir(exist_ok=True)
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    import_paths(db, sorted(folder.glob("*.txt")), "bridge", nlp=nlp, n_process=1)
    return collections.find(db, "bridge").id


def _body_ids(db: sqlite_utils.Database) -> set[int]:
    return {r[0] for r in db.execute("SELECT id FROM statements WHERE role = 'body'")}


def _stored_ids(db: sqlite_utils.Database) -> set[int]:
    return {r[0] for r in db.execute("SELECT statement_id FROM statement_meanings")}


def test_import_stores_one_vector_per_body_statement(
    empty_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    _import(empty_db, tmp_path / "story", nlp)
    assert _body_ids(empty_db)
    assert _stored_ids(empty_db) == _body_ids(empty_db)
    blob = empty_db.execute("SELECT vector FROM statement_meanings LIMIT 1").fetchone()[0]
    assert len(blob) == 384 * 2  # float16


def test_stored_vectors_are_the_encoders_and_a_lost_one_is_made_again(
    empty_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    collection_id = _import(empty_db, tmp_path / "story", nlp)
    ids = [r[0] for r in empty_db.execute("SELECT id FROM articles ORDER BY id")]
    statements = [st for a in load_articles(empty_db, ids) for st in a.statements]
    lost = statements[0].id
    empty_db.execute("DELETE FROM statement_meanings WHERE statement_id = ?", [lost])
    analyse_collection(empty_db, collection_id)
    assert lost in _stored_ids(empty_db)  # the alignment encoded what was missing
    stored = stored_meanings(empty_db, statements)
    encoder = sentence_encoder()
    assert stored is not None and encoder is not None
    fresh = encoder.encode([st.text for st in statements])
    assert np.all(np.sum(stored * fresh, axis=1) > 0.9999)  # float16 storage loses nothing


def test_a_changed_text_drops_the_old_statements_vectors(
    empty_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    """Statement ids are reused by SQLite once the old rows are gone: a stale vector would
    then sit under a new statement."""
    folder = tmp_path / "story"
    _import(empty_db, folder, nlp)
    changed = SECOND.replace("examine the structure", "close the road")
    (folder / "second.txt").write_text(changed, encoding="utf-8")
    import_paths(empty_db, sorted(folder.glob("*.txt")), "bridge", nlp=nlp, n_process=1)
    assert _stored_ids(empty_db) == _body_ids(empty_db)
    ids = [r[0] for r in empty_db.execute("SELECT id FROM articles ORDER BY id")]
    statements = [st for a in load_articles(empty_db, ids) for st in a.statements]
    assert any("close the road" in st.text for st in statements)
    encoder = sentence_encoder()
    stored = stored_meanings(empty_db, statements)
    assert stored is not None and encoder is not None
    fresh = encoder.encode([st.text for st in statements])
    assert np.all(np.sum(stored * fresh, axis=1) > 0.9999)


def test_removing_an_article_removes_its_vectors(
    empty_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    _import(empty_db, tmp_path / "story", nlp)
    first = empty_db.execute("SELECT min(id) FROM articles").fetchone()[0]
    remove_article(empty_db, first)
    assert _stored_ids(empty_db) == _body_ids(empty_db) != set()
