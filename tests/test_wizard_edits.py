"""Corrections made in the import wizard's preview are never lost or changed silently: Escape,
Cancel or closing asks before discarding them, and a date that cannot be read is refused with
the reason next to the field while the typed text stays. Real widgets, offscreen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from app.core.store.db import open_db
from app.gui.import_wizard import ImportWizard
from app.gui.import_wizard.wizard import PREVIEW

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
TITLE, SOURCE, DATE = 1, 2, 3

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


@pytest.fixture
def wizard(qtbot: QtBot, tmp_path: Path) -> ImportWizard:
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, folder / seed.name)
    db_path = tmp_path / "parallax.db"
    open_db(db_path).conn.close()
    wizard = ImportWizard(db_path, [folder])
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(wizard.choose_page.isComplete, timeout=10_000)
    wizard.next()
    assert wizard.currentId() == PREVIEW
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=60_000)
    return wizard


def edit(wizard: ImportWizard, row: int, column: int, value: str) -> bool:
    model = wizard.preview_page.model
    return model.setData(model.index(row, column), value, Qt.ItemDataRole.EditRole)


def question(qtbot: QtBot, wizard: ImportWizard) -> QMessageBox:
    qtbot.waitUntil(lambda: wizard.discard_question is not None
                    and wizard.discard_question.isVisible(), timeout=5_000)  # fmt: skip
    box = wizard.discard_question
    assert box is not None
    return box


def answer(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


def test_escape_on_the_preview_asks_before_discarding_edits(
    qtbot: QtBot, wizard: ImportWizard
) -> None:
    assert edit(wizard, 0, TITLE, "A corrected title")
    assert edit(wizard, 1, SOURCE, "The Corrected Source")
    assert edit(wizard, 0, DATE, "2021-02-05")

    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    box = question(qtbot, wizard)
    assert "3 corrections" in box.text()
    assert box.defaultButton().text() == "Keep editing"  # Enter must not throw work away
    answer(box, "Keep editing")
    qtbot.waitUntil(lambda: wizard.discard_question is None)
    assert wizard.isVisible() and wizard.currentId() == PREVIEW
    assert wizard.session.rows[0].edits["title"] == "A corrected title"
    assert wizard.session.rows[1].edits["source"] == "The Corrected Source"

    # Escape inside the question keeps editing too
    wizard.button(QWizard.WizardButton.CancelButton).click()
    box = question(qtbot, wizard)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: wizard.discard_question is None)
    assert wizard.isVisible()

    wizard.close()  # the window's close button asks as well
    box = question(qtbot, wizard)
    assert wizard.isVisible()
    with qtbot.waitSignal(wizard.rejected):
        answer(box, "Discard")
    assert not wizard.isVisible()


def test_escape_without_edits_closes_at_once(qtbot: QtBot, wizard: ImportWizard) -> None:
    with qtbot.waitSignal(wizard.rejected, timeout=5_000):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.discard_question is None


def test_an_unreadable_date_is_refused_next_to_the_field_and_kept(
    qtbot: QtBot, wizard: ImportWizard
) -> None:
    page = wizard.preview_page
    table, model = page.table, page.model
    index = model.index(0, DATE)
    detected = model.data(index)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index) or QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "last Tuesday")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    # refused on Enter: the editor stays open with the typed text, the reason under it
    assert table.state() == table.State.EditingState
    assert editor.isVisible() and editor.text() == "last Tuesday"
    reason = table.viewport().findChild(QLabel, "refusedReason")
    assert reason is not None and reason.isVisible()
    assert "not a date" in reason.text() and "last Tuesday" in reason.text()
    below = reason.geometry().top() - editor.geometry().bottom()
    assert 0 <= below <= 6 and abs(reason.geometry().left() - editor.geometry().left()) <= 1
    assert model.data(index) == detected  # nothing stored yet

    # leaving the field anyway (focus elsewhere commits): the cell keeps the typed text in red
    table.setFocus()
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=5_000)
    assert model.data(index, Qt.ItemDataRole.EditRole) == "last Tuesday"  # reopens with it
    assert model.data(index) == "\u26a0 last Tuesday"  # marked, even on a selected row
    assert "not a date" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "not a date" in page.status.text()
    assert not page.isComplete()  # not carried into the import as if it was taken
    assert "published" not in wizard.session.rows[0].edits

    # corrected: taken, the red and the block go away
    assert edit(wizard, 0, DATE, "5 February 2021")
    assert model.data(index) == "2021-02-05"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None or (
        model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() != "#a00000"
    )
    assert page.isComplete()
