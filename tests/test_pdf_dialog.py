"""File → Export → PDF…: the dialog exports in a child process (a task of the TaskRunner), shows
progress and a preview; cancel kills the child and leaves no partial file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
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
    assert dialog.task is not None and not dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.pdf.statusChanged, timeout=30_000,
                          check_params_cb=lambda s: s == QPdfDocument.Status.Ready):  # fmt: skip
        pass
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert out.exists() and dialog.pdf.pageCount() > 2
    assert dialog.export_button.isEnabled()
    assert "pages written" in dialog.status.text()
    assert dialog.progress.value() == 100
    whole = " ".join(page_texts(out))
    assert "Entities" not in whole.split("Contents", 1)[1][:200]
    dialog.close()


def test_cancel_stops_the_export(qtbot: QtBot, seeded_db_file: Path, tmp_path: Path,
                                 qobject_audit: object) -> None:  # fmt: skip
    dialog = make_dialog(qtbot, seeded_db_file, tmp_path)
    dialog.section_boxes[Section.FULLTEXTS].setChecked(True)
    out = tmp_path / "cancelled.pdf"
    dialog.out_path.setText(str(out))
    progress: list[int] = []
    dialog.progress.valueChanged.connect(progress.append)
    dialog.export_button.click()
    assert dialog.cancel_button.text() == "Cancel"
    # Cancel once the child has reported real progress: the kill lands mid-rendering.
    qtbot.waitUntil(lambda: any(0 < p < 100 for p in progress), timeout=30_000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    # The export may finish before the click lands on a fast machine; either way no half file.
    if dialog.status.text() == "Export cancelled.":
        assert not out.exists()
    else:
        assert dialog.status.text().startswith("The export had finished before the cancel")
        assert out.exists()
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*exporting*"))
    assert dialog.cancel_button.text() == "Close"


def test_a_crash_in_the_renderer_leaves_the_window_and_no_file(
    qtbot: QtBot, seeded_db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child is killed by a signal (as a crash in Qt's layout would): the dialog says so."""
    dialog = make_dialog(qtbot, seeded_db_file, tmp_path)
    out = tmp_path / "crashed.pdf"
    dialog.out_path.setText(str(out))
    from app.gui.pdf_export import child

    real = child.export_command

    def crashing(*args: object) -> list[str]:
        command = real(*args)  # type: ignore[arg-type]
        return [command[0], "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"]

    monkeypatch.setattr(child, "export_command", crashing)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert "crashed (SIGSEGV)" in dialog.status.text()
    assert not out.exists() and not list(tmp_path.glob(".*exporting*"))


def test_export_command_line_reports_progress_as_json(seeded_db_file: Path,
                                                      tmp_path: Path) -> None:  # fmt: skip
    import json
    import subprocess

    from app.core.export.document import ExportOptions
    from app.gui.pdf_export.child import child_environment, export_command

    out = tmp_path / "cli.pdf"
    command = export_command(seeded_db_file, DEMO_COLLECTION, [], ExportOptions(), out)
    done = subprocess.run(command, capture_output=True, text=True, env=child_environment(),
                          timeout=120, check=True)  # fmt: skip
    records = [json.loads(line) for line in done.stdout.splitlines()]
    fractions = [r["fraction"] for r in records if r["event"] == "progress"]
    assert len(fractions) > 5 and fractions == sorted(fractions)
    assert records[-1]["event"] == "done" and records[-1]["pages"] > 2 and out.exists()
