"""The reader's actions on the real window: the dialogs it opens, About, background
re-analysis, the annotations panel, group notes, find."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from gui_support import database_copy, open_window
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from app import __version__
from app.core.annotations import store
from app.core.demo import DEMO_COLLECTION
from app.gui.window import dialogs


@pytest.fixture
def db_path(seeded_db_file: Path, tmp_path: Path) -> Path:
    return database_copy(seeded_db_file, tmp_path)  # the real analysis of the seeds


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, tmp_path: Path):
    return open_window(qtbot, db_path, tmp_path / "reader.json")


def test_import_and_pdf_actions_are_offered(window) -> None:
    """Both parts ship with the reader: no probing for them, the actions are always there."""
    for action_id in ("import", "export_pdf"):
        assert window.actions[action_id].isEnabled()
        assert "not available" not in window.actions[action_id].toolTip()


def _drop(window, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)


def test_dropping_a_folder_opens_the_wizard_prefilled_and_its_result_is_shown(
    qtbot: QtBot, window, tmp_path: Path
) -> None:
    from app.gui.import_wizard import ImportWizard

    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "a.txt").write_text("A short article about Borrell in Moscow.\n", encoding="utf-8")
    _drop(window, [folder])
    (wizard,) = window.findChildren(ImportWizard)
    assert wizard.session.paths == [folder]
    chosen = window.library.chosen_ids()[:2]
    window.settings.chosen[DEMO_COLLECTION] = chosen
    with qtbot.waitSignal(window.viewReady, timeout=15_000):
        wizard.imported.emit(DEMO_COLLECTION)  # as the report page's "Open comparison" does
    assert window.library.chosen_ids() == chosen
    wizard.reject()


def test_about_names_version_and_model() -> None:
    text = dialogs.about_text()
    assert __version__ in text and "en_core_web_sm" in text


def test_reanalysis_runs_in_the_background_and_reloads(qtbot: QtBot, window) -> None:
    with qtbot.waitSignal(window.viewReady, timeout=30_000):
        window.actions["reanalyse"].trigger()
        assert "reanalyse" in window.runner.pending  # queued, the GUI thread is free
    assert len(window.compare.panes) == 5


def test_panel_delete_is_undoable(window) -> None:
    window.annotator.ask = False
    pane = window.compare.panes[1]
    start = pane.article.text.index("Politico")
    cursor = pane.text.cursor_at(start)
    cursor.setPosition(start + len("Politico"), cursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(cursor)
    pane.text.setFocus()
    created = window.annotator.highlight(note="which Politico piece?", tags=("source",))
    panel = window.annotations
    panel.filter.setText("source")
    assert panel.proxy.rowCount() == 1
    panel.filter.setText("nothing like it")
    assert panel.proxy.rowCount() == 0
    panel.filter.setText("")
    panel.deleteRequested.emit(created.id)
    assert panel.model.rowCount() == 0
    window.undo_stack.undo()
    assert panel.model.rowCount() == 1 and store.get(window.db, created.id).note.startswith("which")


def test_note_on_a_statement_group_survives_realignment(qtbot: QtBot, window) -> None:
    window.annotator.ask = False
    statement = next(s for s in window.comparison.statements.values() if s.state == "divergent")
    window.compare.focus_statement(statement.key, scroll_source=True)
    created = window.annotator.note_group(note="three or several?")
    assert created is not None and created.group_key == statement.group
    assert (created.start, created.end) == (statement.start, statement.end)
    members = window.comparison.groups[statement.group].statements
    texts = {window.comparison.statements[k].text for k in members}
    assert {a.exact for a in created.group_anchors} == texts
    assert any(a.group_key == statement.group for a in window.annotator.annotations)
    # Re-analysis rewrites every group with new ids (another collection holds the next ones).
    other = window.db.execute("INSERT INTO collections (name, created) VALUES ('x', 'now')")
    window.db.execute("INSERT INTO alignments (id, collection_id, score) VALUES (9000, ?, 1)",
                      [other.lastrowid])  # fmt: skip
    window.db.conn.commit()
    with qtbot.waitSignal(window.viewReady, timeout=30_000):
        window.actions["reanalyse"].trigger()
    now = next(s for s in window.comparison.statements.values() if s.text == statement.text)
    assert now.group is not None and now.group != statement.group
    (note,) = [a for a in window.annotator.annotations if a.id == created.id]
    assert note.group_key == now.group
    assert {window.comparison.statements[k].text
            for k in window.comparison.groups[now.group].statements} == texts  # fmt: skip
    row = window.annotations.model.annotation(0)
    assert row.id == created.id and row.group_key == now.group


def test_find_selects_the_next_match(window) -> None:
    window.find_bar.box.setText("Sputnik")
    window.compare.panes[0].text.setFocus()
    window.actions["find_next"].trigger()
    cursor = window.compare.panes[0].text.textCursor()
    assert cursor.selectedText() == "Sputnik"


def test_parallax_run_imports_seeds_then_needs_a_display(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    db = tmp_path / "run.db"
    result = subprocess.run([sys.executable, "-m", "app", "run", "--db", str(db)],
                            env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode != 0
    assert "5 imported" in result.stdout
    assert result.stderr.strip().count("\n") == 0 and "parallax compare" in result.stderr


def test_edit_is_undoable(window) -> None:
    from app.core.annotations.model import new_annotation
    from app.gui.annotate.annotation_commands import EditAnnotation

    article = window.comparison.articles[0]
    before = store.create(window.db, new_annotation(
        window.comparison.collection_id, article.db_id, article.path, article.text, 0, 8,
        note="first",
    ))  # fmt: skip
    after = before.with_changes(note="second", tags=("x",), colour="#9ad0f5")
    window.undo_stack.push(EditAnnotation(window.db, before, after, window.refresh_annotations))
    assert store.get(window.db, before.id).note == "second"
    assert window.annotations.model.annotation(0).colour == "#9ad0f5"
    window.undo_stack.undo()
    assert store.get(window.db, before.id).note == "first"


def test_every_entity_correction_has_its_button(window) -> None:
    from app.gui.panels import entity_edits

    assert tuple(window.entities.buttons) == entity_edits.OPERATIONS
    for button in window.entities.buttons.values():
        assert button.isEnabled() and "not offered" not in button.toolTip()


def test_export_pdf_opens_the_dialog_for_the_shown_articles(qtbot: QtBot, window) -> None:
    from app.gui.pdf_export import ExportPdfDialog

    window.actions["export_pdf"].trigger()
    (dialog,) = window.findChildren(ExportPdfDialog)
    assert window.comparison.collection_name in dialog.windowTitle()
    dialog.reject()


def test_dropping_browser_links_opens_the_wizard_on_its_links_page(window) -> None:
    """Links dragged from a browser onto the window (issue 16): the wizard opens with them."""
    from app.gui.import_wizard import ImportWizard

    data = QMimeData()
    links = ["https://news.example.org/a/story", "http://other.example.net/b"]
    data.setUrls([QUrl(u) for u in links])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)  # nothing is fetched until the user asks
    (wizard,) = window.findChildren(ImportWizard)
    assert wizard.links_page.urls() == links
    wizard.reject()
