"""File → Export → PDF…: the dialog exports off the GUI thread, shows progress and a preview."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from app.core.demo import DEMO_COLLECTION
from app.core.export.document import PageSize, Section
from app.gui.pdf_export import ExportPdfDialog
from tests.pdf_helpers import page_texts


def make_dialog(qtbot: QtBot, seeded_db_file: Path, tmp_path: Path) -> ExportPdfDialog:
    db = tmp_path / "dialog.db"
    shutil.copy(seeded_db_file, db)
    dialog = ExportPdfDialog(db, DEMO_COLLECTION, [])
    qtbot.addWidget(dialog)
    return dialog


def test_export_runs_in_background_and_previews(qtbot: QtBot, seeded_db_file: Path,
                                                tmp_path: Path) -> None:  # fmt: skip
    dialog = make_dialog(qtbot, seeded_db_file, tmp_path)
    assert dialog.articles.count() == 5
    dialog.articles.item(4).setCheckState(Qt.CheckState.Unchecked)
    dialog.section_boxes[Section.ENTITIES].setChecked(False)
    dialog.page_size.setCurrentText("Letter")
    out = tmp_path / "dialog.pdf"
    dialog.out_path.setText(str(out))
    options = dialog.options()
    assert options.page_size is PageSize.LETTER and Section.ENTITIES not in options.sections
    assert len(dialog.chosen_articles()) == 4

    dialog.export_button.click()
    assert dialog.thread_ is not None and not dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.pdf.statusChanged, timeout=30_000,
                          check_params_cb=lambda s: s == QPdfDocument.Status.Ready):  # fmt: skip
        pass
    qtbot.waitUntil(lambda: dialog.thread_ is None, timeout=10_000)
    assert out.exists() and dialog.pdf.pageCount() > 2
    assert dialog.export_button.isEnabled()
    assert "pages written" in dialog.status.text()
    assert dialog.progress.value() == 100
    whole = " ".join(page_texts(out))
    assert "Entities" not in whole.split("Contents", 1)[1][:200]
    dialog.close()


def test_cancel_stops_the_export(qtbot: QtBot, seeded_db_file: Path, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, seeded_db_file, tmp_path)
    dialog.section_boxes[Section.FULLTEXTS].setChecked(True)
    out = tmp_path / "cancelled.pdf"
    dialog.out_path.setText(str(out))
    dialog.export_button.click()
    assert dialog.cancel_button.text() == "Cancel"
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.thread_ is None, timeout=20_000)
    # The export may finish before the click lands on a fast machine; either way no half file.
    assert dialog.status.text() == "Export cancelled." or out.exists()
    assert not list(tmp_path.glob("*.part"))
    assert dialog.cancel_button.text() == "Close"
