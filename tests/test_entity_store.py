"""Entities in the store: spans, descriptors, corrections across re-analysis, export, CLI."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import sqlite_utils
from comparison_support import build_comparison

from app.cli import main
from app.core.analysis import (
    analyse_collection,
    apply_entity_correction,
    remove_entity_correction,
)
from app.core.demo import DEMO_COLLECTION
from app.core.entities import corrections
from app.core.entities.queries import entity_mentions, list_entities
from app.core.resources import load_json
from app.core.store import collections


def _cid(db: sqlite_utils.Database) -> int:
    return collections.find(db, DEMO_COLLECTION).id


def _entity(db: sqlite_utils.Database, name: str) -> int:
    row = db.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchone()
    assert row is not None, name
    return int(row[0])


def test_every_linked_mention_is_an_exact_span(seed_db: sqlite_utils.Database) -> None:
    rows = seed_db.execute(
        'SELECT a.text, m.start, m."end", m.text FROM mentions m JOIN articles a'
        " ON a.id = m.article_id WHERE m.entity_id IS NOT NULL"
    ).fetchall()
    assert len(rows) > 300
    for text, start, end, mention in rows:
        assert text[start:end] == mention


def test_repaired_and_found_mentions(seed_db: sqlite_utils.Database) -> None:
    texts = {t for (t,) in seed_db.execute("SELECT text FROM mentions WHERE origin = 'linker'")}
    assert {
        "Ursula von der Leyen",
        "Marija Zaharova",
        "Serguei Lavrov",
    } <= texts
    assert "Sputnik V. Due" not in texts
    superseded = {t for (t,) in seed_db.execute("SELECT text FROM mentions WHERE superseded = 1")}
    assert "the Russian Foreign Ministry Marija Zaharova" in superseded


def test_dates_carry_values_and_anchors(seed_db: sqlite_utils.Database) -> None:
    feb22 = seed_db.execute("SELECT id FROM entities WHERE value = '2021-02-22'").fetchall()
    assert len(feb22) == 1
    articles = {m.article_id for m in entity_mentions(seed_db, feb22[0][0])}
    assert len(articles) == 5
    anchors = dict(
        seed_db.execute("SELECT text, anchor FROM mentions WHERE value = '2021-02-02'").fetchall()
    )
    assert anchors == {"last Tuesday": "published:2021-02-08"}


def test_descriptors_are_exact_and_found(seed_db: sqlite_utils.Database) -> None:
    rows = seed_db.execute(
        'SELECT e.name, d.text, a.text, d.start, d."end" FROM entity_descriptors d'
        " JOIN entities e ON e.id = d.entity_id JOIN articles a ON a.id = d.article_id"
    ).fetchall()
    for _, text, article, start, end in rows:
        assert article[start:end] == text
    by_entity: dict[str, set[str]] = {}
    for name, text, *_ in rows:
        by_entity.setdefault(name, set()).add(text)
    borrell = by_entity["Josep Borrell"]
    assert {"European Council Chief", "EU’s foreign affairs chief"} <= borrell
    assert any("top diplomat" in d for d in borrell)
    assert any(d.startswith("EU High Representative") for d in borrell)
    assert "High Representative of the EU for Foreign Affairs and Security Policy" in borrell
    assert "Russian Foreign Minister" in by_entity["Sergei Lavrov"]
    assert not any("Borrell" in d for d in by_entity["Sergei Lavrov"])
    assert "European Commission president" in by_entity["Ursula von der Leyen"]
    assert "Russian Foreign Minister" in by_entity["Sergei Lavrov"]
    assert "jailed opposition leader" in by_entity["Alexei Navalny"]


def test_corrections_survive_reanalysis(seed_db: sqlite_utils.Database) -> None:
    cid = _cid(seed_db)
    merged, _ = apply_entity_correction(
        seed_db, cid, "merge", [_entity(seed_db, "Moscow"), _entity(seed_db, "Kremlin")]
    )
    renamed, _ = apply_entity_correction(
        seed_db, cid, "rename", _entity(seed_db, "Sergei Lavrov"), "S. V. Lavrov"
    )
    apply_entity_correction(seed_db, cid, "hide", _entity(seed_db, "Envíanos"))
    zaharova = [m.id for m in entity_mentions(seed_db, _entity(seed_db, "Marija Zaharova"))]
    split, _ = apply_entity_correction(seed_db, cid, "split", zaharova[:1], "Zaharova (caption)")
    assert merged and renamed and split

    analyse_collection(seed_db, cid)  # re-analysis rebuilds every entity from scratch

    names = {row.name: row for row in list_entities(seed_db, cid, include_hidden=True)}
    moscow = names["Moscow"]
    kremlin_mentions = seed_db.execute(
        "SELECT count(*) FROM mentions WHERE text = 'Kremlin' AND entity_id = ?", [moscow.id]
    ).fetchone()[0]
    assert kremlin_mentions == 5 and "Kremlin" not in names
    assert "S. V. Lavrov" in names and "Sergei Lavrov" not in names
    assert names["S. V. Lavrov"].per_article.total() >= 15
    assert names["Envíanos"].hidden
    assert "Envíanos" not in {r.name for r in list_entities(seed_db, cid)}
    assert names["Zaharova (caption)"].per_article.total() == 1
    assert names["Marija Zaharova"].per_article.total() == 1

    undo = corrections.list_corrections(seed_db, cid)[0]
    remove_entity_correction(seed_db, cid, undo.id)
    assert "Kremlin" in {r.name for r in list_entities(seed_db, cid)}


def _groups(db: sqlite_utils.Database, cid: int) -> set[frozenset[tuple[int, int]]]:
    rows = db.execute(
        "SELECT a.id, s.article_id, s.start FROM alignments a"
        " JOIN alignment_statements x ON x.alignment_id = a.id"
        " JOIN statements s ON s.id = x.statement_id WHERE a.collection_id = ?",
        [cid],
    ).fetchall()
    members: dict[int, set[tuple[int, int]]] = {}
    for alignment, article, start in rows:
        members.setdefault(alignment, set()).add((article, start))
    return {frozenset(m) for m in members.values()}


def test_an_entity_merge_realigns_the_collection(seed_db: sqlite_utils.Database) -> None:
    """The aligner reads mentions.entity_id: a correction must re-align, or the comparison is
    stale (issue 15). Splitting off one source's mentions of a person parts statements that
    share him (the first person and source, most named first, whose split changes the groups);
    merging him back puts them together again, as a fresh alignment would."""
    from app.core.compare.pipeline import align_collection

    cid = _cid(seed_db)
    original = _groups(seed_db, cid)
    people = [e.name for e in list_entities(seed_db, cid) if e.label == "PERSON"]
    assert BORRELL in people
    found = None
    for name in [BORRELL, *(p for p in people if p != BORRELL)]:
        sources = sorted({m.article_id for m in entity_mentions(seed_db, _entity(seed_db, name))})
        for article in sources if len(sources) > 1 else []:
            mentions = entity_mentions(seed_db, _entity(seed_db, name))
            ids = [m.id for m in mentions if m.article_id == article]
            apart, _ = apply_entity_correction(seed_db, cid, "split", ids, f"{name} (one source)")
            if _groups(seed_db, cid) != original:
                found = (name, apart)  # this source's mentions hold statements together
                break
            undo = corrections.list_corrections(seed_db, cid)[-1]
            remove_entity_correction(seed_db, cid, undo.id)
        if found:
            break
    else:
        pytest.fail("no person's split changes the alignment: the test needs another entity")
    name, apart = found
    apply_entity_correction(seed_db, cid, "merge", [_entity(seed_db, name), apart])
    assert _groups(seed_db, cid) == original  # re-aligned with the merged entity
    with seed_db.atomic():
        align_collection(seed_db, cid)
    assert _groups(seed_db, cid) == original  # nothing stale was left to re-align


BORRELL = "Josep Borrell"


def test_export_has_values_descriptors_and_aliases(seed_db: sqlite_utils.Database) -> None:
    document = build_comparison(seed_db, DEMO_COLLECTION)
    entities = {e["name"]: e for e in document["entities"]}
    navalny = entities["Alexei Navalny"]
    assert {"Navalny", "Alexey Navalny", "Navalnyi"} <= set(navalny["aliases"])
    assert {d["text"] for d in navalny["descriptors"]} >= {"jailed opposition leader"}
    texts = {a["id"]: a["text"] for a in document["articles"]}
    for d in navalny["descriptors"]:
        assert texts[d["article"]][d["start"] : d["end"]] == d["text"]
    assert any(e["value"] == "2021-02-22" for e in document["entities"])
    jsonschema.validate(document, load_json("comparison-1.schema.json"))


def test_cli_lists_and_corrects(seeded_db_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db_path = tmp_path / "cli.db"
    db_path.write_bytes(seeded_db_file.read_bytes())
    base = ["--db", str(db_path), "--collection", DEMO_COLLECTION]
    assert main(["entities", *base, "--label", "PERSON"]) == 0
    table = capsys.readouterr().out
    line = next(x for x in table.splitlines() if "Alexei Navalny" in x)
    assert "PERSON" in line and "Navalnyi" in line and "a1:" in line
    entity_id = line.split()[0]
    assert main(["entity", "rename", entity_id, "Navalny", *base]) == 0
    assert main(["entity", "hide", "e999999", *base]) == 2
    capsys.readouterr()
    assert main(["entities", *base]) == 0
    assert any(x.split()[1:2] == ["Navalny"] for x in capsys.readouterr().out.splitlines())


def test_mentions_written_one_way(seed_db: sqlite_utils.Database) -> None:
    """What the reader's Split… moves: the entity's mentions written exactly one way."""
    from app.core.entities.queries import mentions_written_as

    entity = _entity(seed_db, "Alexei Navalny")
    ids = mentions_written_as(seed_db, entity, "Navalny")
    assert ids
    rows = {m.id: m for m in entity_mentions(seed_db, entity)}
    assert all(rows[i].text == "Navalny" for i in ids)
    assert len(ids) == sum(1 for m in rows.values() if m.text == "Navalny")
