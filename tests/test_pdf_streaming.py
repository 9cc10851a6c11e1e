"""PDF export streams its pages (issue 17): a long document is laid out twice, counting pages
first and then painting each page as it is finished, so memory is that of a few pages however
long the document; the two passes print exactly what one pass prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from pypdf import PdfReader
from PySide6.QtGui import QGuiApplication

from app.core.demo import DEMO_COLLECTION
from app.core.export.document import ExportOptions, Section
from app.gui.pdf_export import export_pdf
from app.pdf import render
from tests.pdf_helpers import add_diplomats_group, diplomats_annotations, page_texts

# The long probe (8 × 30,000 words, 440 pages) in a process of its own: Qt, its fonts and the
# document model take about 110 MB. Before streaming every laid-out page was kept until the
# end (about 0.6 MB a page: 335 MB for this probe, and +130 MB from 220 to 440 pages).
PEAK_MB = 200
# Twice the pages may cost a little more: the document model (the texts themselves) grows with
# the length; the laid-out pages must not.
GROWTH_MB = 25


@pytest.fixture(autouse=True)
def gui_app(qapp: QGuiApplication) -> QGuiApplication:
    return qapp


def _outline(path: Path) -> list[tuple[str, int]]:
    reader = PdfReader(path)
    return [(item.title, reader.get_destination_page_number(item))
            for item in reader.outline if not isinstance(item, list)]  # fmt: skip


def test_two_passes_print_what_one_pass_prints(
    seed_db: sqlite_utils.Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo with every section, notes and footnotes: held in memory (one pass), then
    forced through the streaming path (no page held)."""
    notes = diplomats_annotations(add_diplomats_group(seed_db))
    options = ExportOptions(sections=tuple(Section))
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    pages_one = export_pdf(seed_db, DEMO_COLLECTION, None, options, one, extra_annotations=notes)
    monkeypatch.setattr(render, "HELD_PAGES", 0)
    shown: list[float] = []
    pages_two = export_pdf(seed_db, DEMO_COLLECTION, None, options, two,
                           lambda fraction, message: shown.append(fraction),
                           extra_annotations=notes)  # fmt: skip
    assert shown == sorted(shown) and shown[-1] == 1.0  # progress never goes back
    assert pages_one == pages_two == len(PdfReader(two).pages)
    texts = page_texts(two)
    assert page_texts(one) == texts
    assert f"1 / {pages_two}" not in texts[0]  # the cover has no running head…
    assert f"{pages_two} / {pages_two}" in texts[-1]  # …the last page knows the count
    assert "Contents" in texts[0]  # with the page numbers from the first pass
    assert _outline(one) == _outline(two)


def _probe(articles: int, out: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.pdf_memory_probe", str(articles), str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_a_long_export_holds_a_few_pages_not_the_document(tmp_path: Path) -> None:
    short = _probe(4, tmp_path / "short.pdf")
    long = _probe(8, tmp_path / "long.pdf")
    assert short["pages"] > render.HELD_PAGES  # both take the streaming path
    assert long["pages"] > 1.9 * short["pages"]
    assert long["peak_mb"] < PEAK_MB, long
    assert long["peak_mb"] - short["peak_mb"] < GROWTH_MB, (short, long)
