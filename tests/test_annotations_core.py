"""Annotations core: store, W3C selectors, re-anchoring after an edited re-import, orphans,
JSON-LD export (CLI) and the comparison document."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils
from comparison_support import build_comparison
from spacy.language import Language

from app.cli import main as cli
from app.core.analysis import analyse_collection
from app.core.annotations import store
from app.core.annotations.anchor import locate, reanchor_collection
from app.core.annotations.model import new_annotation
from app.core.demo import DEMO_COLLECTION
from app.core.ingest.importer import import_paths
from app.core.store import articles, collections

QUOTE = "learned of the expulsions on social media"


def _annotate(db: sqlite_utils.Database, quote: str = QUOTE, **values: object):
    collection = collections.find(db, DEMO_COLLECTION)
    row = next(r for r in articles.in_collection(db, collection.id) if quote in r.text)
    start = row.text.index(quote)
    ann = new_annotation(collection.id, row.id, row.path, row.text, start, start + len(quote),
                         **values)  # fmt: skip
    return store.create(db, ann), row


def test_store_round_trip_keeps_selectors_note_and_tags(seed_db: sqlite_utils.Database) -> None:
    created, row = _annotate(seed_db, note="check this", tags=("media", "timing"), colour="#a3e4a0")
    again = store.get(seed_db, created.id)
    assert (again.exact, again.note, again.tags, again.colour) == (
        QUOTE, "check this", ("media", "timing"), "#a3e4a0",
    )  # fmt: skip
    assert row.text[again.start : again.end] == QUOTE
    assert again.prefix and row.text[again.start - len(again.prefix) : again.start] == again.prefix
    target = json.loads(
        seed_db.execute("SELECT target FROM annotations WHERE id = ?", [created.id]).fetchone()[0]
    )
    assert {s["type"] for s in target["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}
    store.delete(seed_db, created.id)
    assert store.in_collection(seed_db, created.collection_id) == []


def test_locate_finds_a_slightly_edited_quote() -> None:
    text = "Intro. " + QUOTE + " and then more."
    ann = new_annotation(1, 1, "p", text, 7, 7 + len(QUOTE))
    edited = (
        "A new first sentence was added here. Intro. Mr Borrell learnt of the expulsions"
        " on social media and then more."
    )
    start, end = locate(edited, ann)
    assert "expulsions on social media" in edited[start:end]
    assert locate("Nothing of the sort is said in this text at all.", ann) is None


def test_edited_reimport_reanchors_and_lost_text_becomes_orphan(
    seed_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    kept, row = _annotate(seed_db)
    lost, _ = _annotate(seed_db, "Mr Borrell’s spokesman said in Brussels on Monday")
    # The same file, edited: a sentence added before the quote, the other quote removed.
    source = Path(row.path)
    edited = tmp_path / source.name
    text = source.read_text(encoding="utf-8")
    text = text.replace("Meanwhile,", "Meanwhile, and this is new,").replace(
        "“Of course he has no regrets. He is a diplomat and diplomacy is about engaging,”"
        " Mr Borrell’s spokesman said in Brussels on Monday.",
        "",
    )
    text = text.replace("Brussels on Monday defended", "On Monday Brussels defended")
    edited.write_text(text, encoding="utf-8")
    collection = collections.find(seed_db, DEMO_COLLECTION)
    # Re-import under the original path name so the article is recognised as the same one.
    seed_db.execute("UPDATE articles SET path = ? WHERE id = ?", [str(edited), row.id])
    seed_db.execute("UPDATE annotations SET article_path = ? WHERE article_path = ?",
                    [str(edited), row.path])  # fmt: skip
    report = import_paths(seed_db, [edited], DEMO_COLLECTION, nlp=nlp, n_process=1)
    assert [r.outcome.value for r in report.results] == ["updated"]
    analyse_collection(seed_db, collection.id)
    # Replaced in place: the same row, the new text.
    assert [r.id for r in articles.in_collection(seed_db, collection.id)
            if r.path == str(edited)] == [row.id]  # fmt: skip
    moved = store.get(seed_db, kept.id)
    new_text = articles.get(seed_db, row.id).text
    assert "Meanwhile, and this is new," in new_text
    assert moved.article_id == row.id and new_text[moved.start : moved.end] == QUOTE
    assert moved.start != kept.start  # the added words moved it
    orphan = store.get(seed_db, lost.id)
    assert orphan.is_orphan and orphan.exact.startswith("Mr Borrell’s spokesman")
    assert reanchor_collection(seed_db, collection.id).moved == 0  # nothing left to move


def test_deleted_article_leaves_an_orphan_not_a_gap(seed_db: sqlite_utils.Database) -> None:
    from app.core.store.library import remove_article

    ann, row = _annotate(seed_db)
    remove_article(seed_db, row.id)
    analyse_collection(seed_db, row.collection_id)
    assert store.get(seed_db, ann.id).is_orphan


def test_comparison_document_and_cli_export_carry_annotations(
    seed_db: sqlite_utils.Database, tmp_path: Path
) -> None:
    _, row = _annotate(seed_db, note="a note", tags=("t1",))
    document = build_comparison(seed_db, DEMO_COLLECTION)
    (item,) = document["annotations"]
    assert item["target"]["source"] == f"a{row.id}"
    db_file = seed_db.conn.execute("PRAGMA database_list").fetchone()[2]
    out = tmp_path / "notes.jsonld"
    code = cli(["export", "--db", db_file, "--collection", DEMO_COLLECTION, "--format",
                "annotations", "--out", str(out)])  # fmt: skip
    assert code == 0
    exported = json.loads(out.read_text())
    assert exported["@context"] == "http://www.w3.org/ns/anno.jsonld"
    (item,) = exported["first"]["items"]
    assert item["type"] == "Annotation"
    assert {b["purpose"] for b in item["body"]} == {"commenting", "tagging"}
    assert item["target"]["styleClass"] in item["stylesheet"]["value"]
    assert item["target"]["selector"][0]["exact"] == QUOTE


def test_annotations_core_never_loads_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, app.core.annotations.model, app.core.annotations.store,"
        " app.core.annotations.anchor, app.core.annotations.jsonld, app.core.store.library,"
        " app.commands.annotations, app.commands.gui;"
        " assert 'PySide6' not in sys.modules, 'Qt loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_move_article_takes_its_annotations_along(seed_db: sqlite_utils.Database) -> None:
    from app.core.store.library import move_article

    ann, row = _annotate(seed_db)
    old, new = move_article(seed_db, row.id, "Elsewhere")
    assert old != new
    assert store.get(seed_db, ann.id).collection_id == new
    assert articles.get(seed_db, row.id).collection_id == new


def test_pdf_export_reads_our_annotations_as_written(seed_db: sqlite_utils.Database) -> None:
    """The PDF's notes come from the comparison document: note and tags, not the colour."""
    from app.core.export.annotations import anchor_annotations

    _annotate(seed_db, note="a note", tags=("t1",), colour="#a3e4a0")
    document = build_comparison(seed_db, DEMO_COLLECTION)
    (anchored,) = anchor_annotations(document["annotations"], document["articles"])
    assert (anchored.quote, anchored.note, anchored.tags) == (QUOTE, "a note", ("t1",))
