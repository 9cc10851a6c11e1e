"""PDF export, read back with pypdf: titles, divergences, notes, fonts, scripts, rows intact."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sqlite_utils
from comparison_support import build_comparison
from PySide6.QtGui import QGuiApplication
from spacy.language import Language

from app.core.demo import DEMO_COLLECTION
from app.core.export.document import ExportOptions, PageSize, Section
from app.core.view.synopsis import SHOWN_ROLES
from app.gui.pdf_export import export_pdf
from tests.fixtures.sample_groups import add_sample_alignments
from tests.pdf_helpers import (
    SEVERAL_NOTE,
    THREE_NOTE,
    add_diplomats_group,
    diplomats_annotations,
    embedded_fonts,
    page_texts,
    squash,
)

ALL_SECTIONS = tuple(Section)


@pytest.fixture(autouse=True)
def gui_app(qapp: QGuiApplication) -> QGuiApplication:  # Qt text layout needs an application
    return qapp


def export(
    db: sqlite_utils.Database, out: Path, annotations: list | None = None, **options: object
) -> list[str]:
    pages = export_pdf(db, DEMO_COLLECTION, None, ExportOptions(**options), out,  # type: ignore[arg-type]
                       extra_annotations=annotations or [])  # fmt: skip
    texts = page_texts(out)
    assert len(texts) == pages
    return texts


def test_titles_divergence_and_notes_are_real_text(seed_db: sqlite_utils.Database,
                                                   tmp_path: Path) -> None:  # fmt: skip
    group = add_diplomats_group(seed_db)
    notes = diplomats_annotations(group)
    out = tmp_path / "seeds.pdf"
    texts = export(seed_db, out, notes)
    whole = squash("\n".join(texts))

    comparison = build_comparison(seed_db, DEMO_COLLECTION)
    for article in comparison["articles"]:
        shown = article["title"] or article["path"].rsplit("/", 1)[-1]
        assert squash(shown) in whole, shown

    synopsis = [t for t in texts[1:] if "Synopsis" in t]
    assert synopsis, "no synopsis page"
    # the group's row: both statements side by side on one synopsis page
    row_page = next(
        t for t in synopsis
        if "expellingseveral" in squash(t) and "expulsionofthree" in squash(t)
    )  # fmt: skip
    assert "several" in row_page and "three" in row_page
    for note in (THREE_NOTE, SEVERAL_NOTE):
        assert squash(note) in whole
        # as a footnote on the synopsis page that carries the mark
        assert squash(note) in squash(row_page)
    # the notes list says where the marks are: the synopsis page of the row, among others
    row_number = texts.index(row_page) + 1
    notes_page = next(t for t in reversed(texts) if "Notes" in t and SEVERAL_NOTE[:20] in t)
    assert re.search(rf"pages? (\d+, )*{row_number}\b", notes_page)
    assert 4 <= len(texts) <= 40
    fonts = embedded_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert any("DejaVuSans" in name for name in fonts)


def test_rows_never_split_across_pages(seed_db: sqlite_utils.Database, tmp_path: Path) -> None:
    """Each synopsis cell must start and end on the same page, and every cell of an aligned group
    must be on one page: a row cut by a page break would let its columns drift apart."""
    add_sample_alignments(seed_db, DEMO_COLLECTION)
    comparison = build_comparison(seed_db, DEMO_COLLECTION)
    out = tmp_path / "synopsis.pdf"
    pages = [squash(t) for t in export(seed_db, out, sections=(Section.SYNOPSIS,),
                                       page_size=PageSize.LETTER)]  # fmt: skip
    assert len(pages) >= 5  # long enough for many rows to meet a page end

    def page_of(fragment: str) -> set[int]:
        return {i for i, text in enumerate(pages) if fragment in text}

    grouped = {s for g in comparison["alignments"] for s in g["statements"]}
    checked = 0
    for st in comparison["statements"]:
        if st["role"] not in SHOWN_ROLES and st["id"] not in grouped:
            continue
        text = squash(st["text"])
        if len(text) < 50:
            continue
        head, tail = page_of(text[:24]), page_of(text[-24:])
        assert head and tail and head & tail, st["text"]
        checked += 1
    assert checked > 80
    for group in comparison["alignments"]:
        texts = {s["id"]: squash(s["text"]) for s in comparison["statements"]}
        shared = set.intersection(*(page_of(texts[s][:24]) for s in group["statements"]))
        assert shared, f"group {group['id']} spread over pages"


def test_cyrillic_and_accents_survive(seed_db: sqlite_utils.Database, nlp: Language,
                                      tmp_path: Path) -> None:  # fmt: skip
    from app.core.analysis import analyse_collection
    from app.core.ingest.importer import import_paths
    from app.core.store import collections

    article = tmp_path / "tass.txt"
    article.write_text(
        "Lavrov answers Borrell\n\nМинистр иностранных дел Сергей Лавров встретился с Жозепом "
        "Боррелем в Москве. Envíanos tus noticias: the EU’s envoy met Lavrov in Moscow.\n",
        encoding="utf-8",
    )
    import_paths(seed_db, [article], DEMO_COLLECTION, nlp=nlp, n_process=1)
    analyse_collection(seed_db, collections.find(seed_db, DEMO_COLLECTION).id)
    out = tmp_path / "scripts.pdf"
    whole = "\n".join(export(seed_db, out, sections=ALL_SECTIONS))
    assert "Сергей Лавров" in whole
    assert "Envíanos" in whole
    assert "Боррелем" in whole


def test_options_filter_content(seed_db: sqlite_utils.Database, tmp_path: Path) -> None:
    group = add_diplomats_group(seed_db)
    notes = diplomats_annotations(group)
    unique = "Mr Borrell was criticised by MEPs"  # seed 000, in no group

    full = squash("".join(export(seed_db, tmp_path / "a.pdf", notes)))
    assert squash(unique) in full

    divergent = export(seed_db, tmp_path / "b.pdf", notes, only_divergent=True,
                       include_notes=False, sections=(Section.COVER, Section.SYNOPSIS))  # fmt: skip
    squashed = squash("".join(divergent))
    assert squash(unique) not in squashed
    assert "several" in squashed and "three" in squashed
    assert squash(THREE_NOTE) not in squashed
    assert "Differences" not in "".join(divergent[1:])


def test_letter_page_size(seed_db: sqlite_utils.Database, tmp_path: Path) -> None:
    from pypdf import PdfReader

    export(seed_db, tmp_path / "letter.pdf", page_size=PageSize.LETTER)
    first = PdfReader(tmp_path / "letter.pdf").pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (612, 792)
    export(seed_db, tmp_path / "a4.pdf")
    first = PdfReader(tmp_path / "a4.pdf").pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)


def test_synopsis_of_five_sources_is_landscape(seed_db: sqlite_utils.Database,
                                               tmp_path: Path) -> None:  # fmt: skip
    from pypdf import PdfReader

    export(seed_db, tmp_path / "five.pdf", sections=(Section.COVER, Section.SYNOPSIS))
    pages = PdfReader(tmp_path / "five.pdf").pages
    assert float(pages[0].mediabox.width) < float(pages[0].mediabox.height)  # cover: portrait
    assert float(pages[1].mediabox.width) > float(pages[1].mediabox.height)  # synopsis

    ids = [a.id for a in _rows(seed_db)][:2]
    out = tmp_path / "two.pdf"
    export_pdf(seed_db, DEMO_COLLECTION, ids, ExportOptions(sections=(Section.SYNOPSIS,)), out)
    page = PdfReader(out).pages[0]
    assert float(page.mediabox.width) < float(page.mediabox.height)  # two sources: portrait


def test_cancel_leaves_no_file(seed_db: sqlite_utils.Database, tmp_path: Path) -> None:
    from app.gui.pdf_export import ExportCancelled

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(ExportCancelled):
        export_pdf(seed_db, DEMO_COLLECTION, None, ExportOptions(), out,
                   should_stop=lambda: True)  # fmt: skip
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))


def _rows(db: sqlite_utils.Database) -> list:
    from app.core.store import articles, collections

    return articles.in_collection(db, collections.find(db, DEMO_COLLECTION).id)


def test_cli_pdf_and_json_unchanged(seeded_db_file: Path, tmp_path: Path) -> None:
    import json

    from app.cli import main

    db = tmp_path / "cli.db"
    shutil.copy(seeded_db_file, db)
    out = tmp_path / "cli.pdf"
    code = main(["export", "--db", str(db), "--collection", DEMO_COLLECTION, "--format", "pdf",
                 "--out", str(out), "--sections", "cover,synopsis", "--page-size", "Letter",
                 "--only-divergent", "--no-notes"])  # fmt: skip
    assert code == 0
    texts = page_texts(out)
    assert "Borrell in Moscow" in texts[0]
    assert not any("Entities" in t for t in texts[1:])

    assert main(["export", "--db", str(db), "--collection", DEMO_COLLECTION, "--format", "pdf",
                 "--sections", "cover,bogus", "--out", str(out)]) == 2  # fmt: skip
    json_out = tmp_path / "c.json"
    assert main(["export", "--db", str(db), "--collection", DEMO_COLLECTION,
                 "--out", str(json_out)]) == 0  # fmt: skip
    assert json.loads(json_out.read_text())["schema"] == "parallax/comparison-1"


def test_a_flood_of_notes_goes_to_the_notes_list(seed_db: sqlite_utils.Database,
                                                  tmp_path: Path) -> None:  # fmt: skip
    """More footnotes than a page holds: they are left to the notes list, not crammed in."""
    from app.gui.shots.demo_notes import annotation
    from tests.pdf_helpers import seed_row

    row = seed_row(seed_db, "000")
    start = row.text.index("Brussels on Monday defended")
    words = [(m.start() + start, m.end() + start)
             for m in re.finditer(r"\w+", row.text[start : start + 160])]  # fmt: skip
    notes = [
        annotation(f"urn:flood:{i}", f"a{row.id}", row.text, a, b,
                   f"Flood note {i}: " + "a long remark that takes room " * 4, [])
        for i, (a, b) in enumerate(words)
    ]  # fmt: skip
    texts = export(seed_db, tmp_path / "flood.pdf", notes)
    assert len(texts) < 40
    whole = squash(" ".join(texts))
    assert all(squash(f"Flood note {i}:") in whole for i in range(len(words)))
