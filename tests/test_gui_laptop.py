"""The reader on laptop screens (issue 14, part 2): real window (offscreen), real seeded
database. It must fit 1366×768 with the synopsis open, never break a word inside at 1280 px,
open the library wide enough for titles, and remember its layout across a restart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gui_support import choose
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.gui.compare.article_pane import READABLE_CHARS
from app.gui.compare.link_map import WIDTH
from app.gui.window.main_window import MainWindow

BREAKABLE = " -\u00ad\u2010\u2013\u2014/\n\t"  # where a line may end without cutting a word


@pytest.fixture
def db_path(seeded_db_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "seeds.db"
    shutil.copy(seeded_db_file, copy)
    return copy


def open_at(qtbot: QtBot, db_path: Path, settings: Path, width: int, height: int) -> MainWindow:
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window, before_close_func=lambda w: w.close())
    window.resize(width, height)
    with qtbot.waitSignal(window.viewReady, timeout=15_000):
        window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the deferred dock sizing runs on the next event loop turn
    return window


def test_minimum_size_fits_1366x768_with_the_synopsis_open(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    window = open_at(qtbot, db_path, tmp_path / "reader.json", 1366, 768)
    window.tabs.setCurrentWidget(window.synopsis)
    qtbot.wait(50)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768, hint
    assert window.minimumSize().width() <= 1366
    # Opening the synopsis must not widen a window that fits the screen.
    assert window.width() == 1366


def _broken_words(pane) -> list[str]:
    """Lines of the pane's laid-out text that end inside a word: 'controversia|l'."""
    document = pane.text.document()
    text = document.toPlainText() + "\n"
    broken = []
    block = document.begin()
    while block.isValid():
        layout: QTextLayout = block.layout()
        for i in range(layout.lineCount() - 1):
            line = layout.lineAt(i)
            end = block.position() + line.textStart() + line.textLength()
            if text[end - 1] not in BREAKABLE and text[end] not in BREAKABLE:
                broken.append(text[max(0, end - 15) : end] + "|" + text[end : end + 5])
        block = block.next()
    return broken


@pytest.mark.parametrize("panes", [2, 5])
def test_no_word_is_broken_inside_at_1280(
    qtbot: QtBot, db_path: Path, tmp_path: Path, panes: int
) -> None:
    window = open_at(qtbot, db_path, tmp_path / "reader.json", 1280, 800)
    choose(qtbot, window, window.library.chosen_ids()[:panes])
    qtbot.wait(50)
    compare = window.compare
    assert len(compare.panes) == panes
    assert compare.shown_panes() >= 2  # readable columns side by side at 1280 px
    lines = 0
    for pane in compare.panes:
        assert pane.width() >= pane.readable_width()
        metrics = pane.text.fontMetrics()
        assert pane.text.viewport().width() >= metrics.averageCharWidth() * READABLE_CHARS * 0.8
        assert not _broken_words(pane), pane.key
        lines += sum(b.layout().lineCount() for b in _blocks(pane.text.document()))
    assert lines > 50 * panes  # the texts were really laid out and wrapped
    if panes > compare.shown_panes():  # the others are reached by scrolling sideways
        assert compare.scroller.horizontalScrollBar().maximum() > 0


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_1366_shows_three_panes_side_by_side(qtbot: QtBot, db_path: Path, tmp_path: Path) -> None:
    window = open_at(qtbot, db_path, tmp_path / "reader.json", 1366, 768)
    assert window.docks_collapsed()  # one tabbed dock column leaves the panes the width
    assert window.compare.shown_panes() == 3
    visible = window.compare.scroller.viewport().width()
    assert sum(p.width() for p in window.compare.panes[:3]) <= visible


def test_1920_shows_four_panes_beside_both_docks(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    window = open_at(qtbot, db_path, tmp_path / "reader.json", 1920, 1080)
    assert not window.docks_collapsed()
    assert window.compare.shown_panes() == 4


def test_library_opens_wide_enough_for_titles(qtbot: QtBot, db_path: Path, tmp_path: Path) -> None:
    window = open_at(qtbot, db_path, tmp_path / "reader.json", 1920, 1080)
    library = window.docks["library"]
    assert not window.docks_collapsed()
    tree = window.library.tree
    assert library.width() >= 250
    # The title column is fully in view and holds some twenty characters of a title.
    assert tree.columnWidth(0) <= tree.viewport().width()
    assert tree.columnWidth(0) >= tree.fontMetrics().averageCharWidth() * 20


def test_layout_is_remembered_across_a_restart(qtbot: QtBot, db_path: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    settings = tmp_path / "reader.json"
    window = open_at(qtbot, db_path, settings, 1920, 1080)
    window.resizeDocks([window.docks["library"]], [360], Qt.Orientation.Horizontal)
    window.resizeDocks([window.docks["entities"]], [330], Qt.Orientation.Horizontal)
    window.compare.set_visible_panes(3)
    qtbot.wait(50)
    sizes = window.compare.splitter.sizes()
    window.compare.splitter.setSizes([sizes[0] + 200, sizes[1] - 200, *sizes[2:]])
    qtbot.wait(50)
    before = window.compare.splitter.sizes()
    library_width = window.docks["library"].width()
    entities_width = window.docks["entities"].width()
    window.close()

    again = open_at(qtbot, db_path, settings, 1920, 1080)
    assert abs(again.docks["library"].width() - library_width) <= 4
    assert abs(again.docks["entities"].width() - entities_width) <= 4
    assert again.compare.visible_panes == 3
    assert again.compare.shown_panes() == 3
    after = again.compare.splitter.sizes()
    assert len(after) == len(before)
    assert all(abs(a - b) <= 4 for a, b in zip(after, before, strict=True)), (before, after)


def test_narrowing_the_window_tabs_the_docks_together(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    window = open_at(qtbot, db_path, tmp_path / "reader.json", 1920, 1080)
    assert not window.docks_collapsed()
    window.resize(1300, 800)
    qtbot.wait(50)
    assert window.docks_collapsed()
    window.resize(1800, 1000)
    qtbot.wait(50)
    assert not window.docks_collapsed()
    assert window.docks["library"].width() >= 250


def test_view_menu_sets_the_panes_shown_and_tabs_the_docks(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    window = open_at(qtbot, db_path, tmp_path / "reader.json", 1920, 1080)
    view = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&View")
    panes = next(a.menu() for a in view.actions() if a.text() == "Panes &side by side")
    panes.actions()[2].trigger()  # "2"
    qtbot.wait(50)
    assert window.compare.shown_panes() == 2
    bar = window.compare.scroller.horizontalScrollBar()
    assert bar.maximum() > 0 and "2 of 5" in bar.toolTip()
    widths = [p.width() for p in window.compare.panes]
    assert max(widths) - min(widths) <= 2  # the two in view share the width evenly
    assert abs(sum(widths[:2]) + WIDTH - window.compare.scroller.viewport().width()) <= 4
    tabbed = next(a for a in view.actions() if a.text() == "Docks in one &tabbed column")
    tabbed.trigger()
    assert window.docks_collapsed()
    tabbed.trigger()
    assert not window.docks_collapsed()
