"""Helpers for the reader's tests: open the real window on a real database and wait for it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow


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
