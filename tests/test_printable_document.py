"""The Qt-free printable document built from comparisons (read from comparison documents)."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from comparison_support import build_comparison

from app.core.demo import DEMO_COLLECTION
from app.core.export import printable
from app.core.export.annotations import anchor_annotations
from app.core.export.context import letter
from app.core.export.document import Document, ExportOptions, Mark, Run, Section
from app.core.export.inline import Highlight, paragraph
from app.core.export.synopsis import column_sets
from app.core.view.document import from_document
from app.gui.shots.demo_notes import annotation
from tests.pdf_helpers import add_diplomats_group, diplomats_annotations

TEXT = "Russia expelled three diplomats. Moscow expelled several diplomats. Borrell left."


def build_document(document: dict[str, Any], options: ExportOptions) -> Document:
    """The printable document of a comparison document (as another tool would write it)."""
    return printable.build_document(from_document(document), options)


def synthetic(n_articles: int) -> dict[str, Any]:
    """n articles with the same three sentences; the first sentences form one group with a
    number difference."""
    articles, statements = [], []
    for i in range(n_articles):
        aid = f"a{i + 1}"
        articles.append({"id": aid, "title": f"Title {i + 1}", "source": f"Outlet {i + 1}",
                         "published": None, "path": f"{aid}.txt", "text": TEXT})  # fmt: skip
        for j, (start, end) in enumerate([(0, 32), (33, 67), (68, 82)]):
            statements.append({"id": f"s{i}_{j}", "article": aid, "start": start, "end": end,
                               "text": TEXT[start:end], "role": "body"})  # fmt: skip
    readings = [
        {"text": "three", "spans": [{"statement": "s0_0", "start": 16, "end": 21}]},
        {"text": "several", "spans": [{"statement": "s1_1", "start": 48, "end": 55}]},
    ]
    group = {"id": "g1", "statements": ["s0_0", "s1_1"], "status": "divergent", "score": 0.9,
             "differences": [{"type": "number", "severity": "conflict",
                              "detail": "three vs several", "readings": readings}]}  # fmt: skip
    return {"schema": "parallax/comparison-1", "collection": {"id": "c1", "name": "Synthetic"},
            "generated": "2026-11-26T10:00:00Z", "articles": articles, "entities": [],
            "statements": statements, "alignments": [group], "annotations": []}  # fmt: skip


def test_letters_continue_past_z() -> None:
    assert [letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_column_sets_are_balanced() -> None:
    sizes = [[len(s) for s in column_sets(list(range(n)))] for n in (2, 5, 6, 8, 11, 20)]  # type: ignore[arg-type]
    assert sizes == [[2], [5], [3, 3], [4, 4], [4, 4, 3], [5, 5, 5, 5]]


def test_paragraph_cuts_highlights_and_places_marks() -> None:
    notes = anchor_annotations(
        [annotation("n1", "a1", TEXT, 7, 21, "why expelled?", ["q"])],
        [{"id": "a1", "text": TEXT}],
    )
    para = paragraph(TEXT, 0, 32, [Highlight(16, 21, "number", True)], notes)
    assert para.plain == TEXT[:32]
    runs = [i for i in para.inlines if isinstance(i, Run)]
    three = next(r for r in runs if r.text == "three")
    assert three.difference == "number" and three.conflict and three.annotated
    assert next(r for r in runs if r.text == "expelled ").annotated
    marks = [i for i in para.inlines if isinstance(i, Mark)]
    assert marks == [Mark(1)]
    assert para.inlines[para.inlines.index(marks[0]) - 1] == three  # right after its words


def test_annotations_anchor_by_quote_when_offsets_are_stale() -> None:
    articles = [{"id": "a1", "text": TEXT}, {"id": "a2", "text": "Other text, expelled too."}]
    stale = annotation("n1", "a1", TEXT, 40, 48, "note", [])
    stale["target"]["selector"][1] = {"type": "TextPositionSelector", "start": 0, "end": 8}
    quote_only = {
        "body": {"value": "bare quote", "purpose": "commenting"},
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "too"}},
    }
    by_uri = annotation("n3", "parallax:article/2", articles[1]["text"], 0, 5, "uri", ["t"])
    unknown = annotation("n4", "a9", TEXT, 0, 5, "elsewhere", [])
    anchored = anchor_annotations([stale, quote_only, by_uri, unknown], articles)
    assert [(a.article, a.quote, a.note) for a in anchored] == [
        ("a1", "expelled", "note"),
        ("a2", "Other", "uri"),
        ("a2", "too", "bare quote"),
    ]
    assert anchored[1].tags == ("t",)
    assert [a.number for a in anchored] == [1, 2, 3]


def test_synopsis_rows_and_column_sets() -> None:
    doc = build_document(synthetic(7), ExportOptions())
    synopsis = doc.sections[0]
    assert [len(s.sources) for s in synopsis.column_sets] == [4, 3]
    assert all(s.landscape for s in synopsis.column_sets)
    first = synopsis.column_sets[0]
    grouped = [r for r in first.rows if r.group is not None]
    assert len(grouped) == 1 and grouped[0].status == "divergent"
    assert grouped[0].tags == (("number", "conflict"),)
    assert [bool(c) for c in grouped[0].cells] == [True, True, False, False]
    # unique statements between groups share rows, one per column, in each article's order
    for column in range(4):
        texts = [r.cells[column][0].plain for r in first.rows if r.cells[column]]
        assert texts == sorted(texts, key=TEXT.index)
    # the second set holds none of the group's articles: unique rows only
    assert all(r.group is None for r in synopsis.column_sets[1].rows)
    two = build_document(synthetic(2), ExportOptions()).sections[0]
    assert not two.column_sets[0].landscape


def test_only_divergent_and_sections() -> None:
    doc = build_document(synthetic(3), ExportOptions(
        sections=(Section.DIFFERENCES, Section.SYNOPSIS), only_divergent=True))  # fmt: skip
    synopsis, differences = doc.sections  # document order, whatever the option's order
    assert doc.cover is None
    assert [r.group for r in synopsis.column_sets[0].rows] == [1]
    entry = differences.entries[0]
    assert (entry.type, entry.severity, entry.group) == ("number", "conflict", 1)
    assert [r.text for r in entry.readings] == ["three", "several"]
    assert [r.sources for r in entry.readings] == [("A",), ("B",)]


def test_entities_with_and_without_descriptors() -> None:
    comparison = synthetic(2)
    comparison["entities"] = [
        {"id": "e1", "name": "Josep Borrell", "label": "PERSON", "aliases": [],
         "mentions": [{"article": "a1", "start": 68, "end": 75, "text": "Borrell"},
                      {"article": "a2", "start": 68, "end": 75, "text": "Borrell"}]},
        {"id": "e2", "name": "three", "label": "CARDINAL", "aliases": [],
         "mentions": [{"article": "a1", "start": 16, "end": 21, "text": "three"}]},
    ]  # fmt: skip
    section = build_document(comparison, ExportOptions(sections=(Section.ENTITIES,))).sections[0]
    assert [r.name for r in section.rows] == ["Josep Borrell"]  # numbers are not entities
    assert section.rows[0].counts == (1, 1)
    assert not section.has_descriptors
    comparison["entities"][0]["descriptors"] = [
        {"article": "a2", "text": "the EU's top diplomat", "start": 0, "end": 5}
    ]
    section = build_document(comparison, ExportOptions(sections=(Section.ENTITIES,))).sections[0]
    assert section.has_descriptors
    assert section.people[0].descriptors == ((), ("the EU's top diplomat",))


def test_seed_document_holds_the_real_group(seed_db: sqlite_utils.Database) -> None:
    group = add_diplomats_group(seed_db)
    comparison = build_comparison(seed_db, DEMO_COLLECTION)
    comparison["annotations"] = diplomats_annotations(group)
    doc = build_document(comparison, ExportOptions(sections=tuple(Section)))
    assert doc.cover is not None and len(doc.cover.sources) == 5
    assert any("several" in conflict for conflict in doc.cover.conflicts)
    rows = doc.sections[0].column_sets[0].rows
    row = next(r for r in rows if r.group == 1)
    words = {i.text: i for cell in row.cells for p in cell for i in p.inlines if isinstance(i, Run)}
    assert words["three"].difference == "number" and words["several"].difference == "number"
    assert [n.number for n in row.notes] == [1, 2]
    fulltexts = next(s for s in doc.sections if hasattr(s, "texts"))
    assert sum(len(t.notes) for t in fulltexts.texts) == 2


def test_left_out_articles_take_their_readings_along() -> None:
    comparison = synthetic(3)
    comparison["articles"] = comparison["articles"][:2]  # as if c had not been exported
    comparison["statements"] = [s for s in comparison["statements"] if s["article"] != "a3"]
    difference = comparison["alignments"][0]["differences"][0]
    difference["readings"].append(
        {"text": "a few", "spans": [{"statement": "s2_1", "start": 48, "end": 55}]}
    )
    doc = build_document(comparison, ExportOptions(sections=(Section.DIFFERENCES,)))
    assert [r.text for r in doc.sections[0].entries[0].readings] == ["three", "several"]

    comparison["articles"] = comparison["articles"][:1]  # only a1: the group is gone
    comparison["statements"] = [s for s in comparison["statements"] if s["article"] == "a1"]
    comparison["alignments"][0]["statements"] = ["s0_0"]
    options = ExportOptions(sections=(Section.SYNOPSIS, Section.DIFFERENCES))
    synopsis, differences = build_document(comparison, options).sections
    assert not differences.entries
    assert all(r.group is None for r in synopsis.column_sets[0].rows)
    assert len(synopsis.column_sets[0].rows) == 3  # s0_0 is now a unique statement


def test_spans_may_name_statements_by_bare_ids() -> None:
    comparison = synthetic(2)
    for statement in comparison["statements"]:
        statement["id"] = statement["id"].replace("s0_", "s1").replace("s1_", "s2")
    comparison["alignments"][0]["statements"] = ["s10", "s21"]
    readings = comparison["alignments"][0]["differences"][0]["readings"]
    readings[0]["spans"][0]["statement"] = 10
    readings[1]["spans"][0]["statement"] = 21
    section = build_document(comparison, ExportOptions(sections=(Section.DIFFERENCES,)))
    assert [r.sources for r in section.sections[0].entries[0].readings] == [("A",), ("B",)]
