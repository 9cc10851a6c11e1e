"""One comparison model (app/core/view): the reader, the PDF, the JSON export and the CLI read
the same records, so they agree on which groups diverge and what each difference says."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from app.core.demo import DEMO_COLLECTION
from app.core.export.document import ExportOptions, Section
from app.core.export.printable import build_document
from app.core.view.document import from_document, to_document
from app.core.view.load import load_comparison
from app.core.view.synopsis import synopsis_rows
from tests.conftest import ROOT


def test_the_json_document_reads_back_to_the_same_comparison(
    seed_db: sqlite_utils.Database,
) -> None:
    """The contract's writer and reader agree: a document read back writes the same bytes."""
    for articles in (None, [1, 3], [2, 4, 5]):
        document = to_document(load_comparison(seed_db, DEMO_COLLECTION, articles))
        again = to_document(from_document(document))
        assert json.dumps(again, ensure_ascii=False) == json.dumps(document, ensure_ascii=False)


def test_every_consumer_sees_the_same_divergent_groups(seed_db: sqlite_utils.Database) -> None:
    """For every choice of articles: the JSON's status, the synopsis rows (reader and CLI) and
    the PDF's rows name the same divergent groups, and every difference shown keeps two
    readings of the chosen articles."""
    for articles in (None, [3, 4, 5], [1, 2]):
        comparison = load_comparison(seed_db, DEMO_COLLECTION, articles)
        chosen = {a.key for a in comparison.articles}
        divergent = {g.key for g in comparison.groups.values() if g.divergent}
        document = to_document(comparison)
        assert divergent == {g["id"] for g in document["alignments"] if g["status"] == "divergent"}
        rows = synopsis_rows(comparison)
        assert divergent == {r.group.key for r in rows if r.group and r.state == "divergent"}
        assert divergent == {r.key for r in synopsis_rows(comparison, only_divergent=True)}
        printed = build_document(comparison, ExportOptions(sections=(Section.SYNOPSIS,)))
        statuses = [r.status for s in printed.sections for c in s.column_sets for r in c.rows]
        assert statuses.count("divergent") == len(divergent)
        for group in comparison.groups.values():
            assert len({comparison.statements[s].article for s in group.statements}) >= 2
            for difference in group.differences:
                assert len(difference.readings) >= 2
                assert {s.article for s in difference.spans()} <= chosen


def test_a_difference_with_a_left_out_source_is_none(seed_db: sqlite_utils.Database) -> None:
    """Leaving out the only source of one reading removes a two-reading difference from its
    group, which still compares the other sources."""
    full = load_comparison(seed_db, DEMO_COLLECTION)
    everyone = {a.key for a in full.articles}
    checked = 0
    for group in full.groups.values():
        told_by = {full.statements[s].article for s in group.statements}
        for difference in group.differences:
            sides = [{s.article for s in r.spans} for r in difference.readings]
            if len(sides) != 2 or sides[0] & sides[1] or len(told_by - sides[1]) < 2:
                continue
            kept = sorted(everyone - sides[1])
            cut = load_comparison(seed_db, DEMO_COLLECTION, [int(k[1:]) for k in kept])
            assert group.key in cut.groups
            assert difference.db_id not in {d.db_id for d in cut.groups[group.key].differences}
            checked += 1
    assert checked, "no two-sided difference in a group told by three sources"


def test_no_second_synopsis_or_divergence_rule_in_the_code() -> None:
    """The synopsis is built in app/core/view/synopsis.py and divergence is decided in
    app/core/view/model.py only: no other module computes a "divergent" status."""
    offenders = []
    for path in (ROOT / "app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(ROOT).as_posix()
        if relative == "app/core/view/model.py":
            continue
        if '"divergent" if' in text or "'divergent' ELSE" in text or "def build_synopsis" in text:
            offenders.append(relative)
    assert not offenders, offenders
    assert not (ROOT / "app/core/export/index.py").exists()
    assert not (ROOT / "app/gui/compare/comparison_data.py").exists()
    assert Path(ROOT / "app/core/view/synopsis.py").is_file()


def test_reading_a_comparison_loads_no_language_model() -> None:
    """The view and the PDF renderer read stored results: importing them must not load spaCy
    or dateparser (60 MB more in every PDF export, which streams its pages to stay small)."""
    from tests.fresh_interpreter import modules_loaded_by

    loaded = modules_loaded_by(["app.pdf", "app.core.view.load", "app.core.view.document"])
    assert not {"spacy", "dateparser"} & loaded
