"""Helpers for the reader's tests: open the real window on a real database and wait for it."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.demo import DEMO_COLLECTION
from app.core.store.db import open_db
from app.gui.window.main_window import MainWindow
from tests.fixtures.sample_alignment import add_sample_alignment


def database_copy(seeded: Path, folder: Path, aligned: bool = False) -> Path:
    """A private copy of the seeded database; `aligned` adds the hand-made statement groups."""
    copy = folder / "seeds.db"
    shutil.copy(seeded, copy)
    if aligned:
        db = open_db(copy)
        add_sample_alignment(db, DEMO_COLLECTION, replace=True)
        db.conn.close()
    return copy


def open_window(qtbot: QtBot, db_path: Path, settings: Path, **kwargs: object) -> MainWindow:
    """The first comparison arrives from the worker thread through the event loop, so waiting
    after construction cannot miss it."""
    window = MainWindow(db_path, settings, **kwargs)
    qtbot.addWidget(window, before_close_func=lambda w: w.close())
    window.resize(1600, 900)
    window.show()
    qtbot.waitSignal(window.viewReady, timeout=15_000).wait()
    qtbot.waitExposed(window)
    return window


def choose(qtbot: QtBot, window: MainWindow, ids: list[int]) -> None:
    with qtbot.waitSignal(window.viewReady, timeout=15_000):
        window.library.set_chosen(window.library.collection, ids)


def select_words(window: MainWindow, article_index: int, words: str) -> tuple[int, int]:
    """Select `words` in a pane as a user's drag would, with the focus there; their span."""
    pane = window.compare.panes[article_index]
    start = pane.article.text.index(words)
    cursor = pane.text.cursor_at(start)
    cursor.setPosition(start + len(words), cursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(cursor)
    pane.text.setFocus()
    return start, start + len(words)
