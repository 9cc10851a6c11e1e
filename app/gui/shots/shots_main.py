"""Screenshots of the reader's main views on the seeds: 2 and 4 panes at 1920×1080, the
synopsis tab, and the entities, differences and annotations docks.

Everything shown is the real analysis of the seeds (entity linking and the aligner run at
import), in a temporary database: the user's database is never touched."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

SIZE = (1920, 1080)


def demo_setup() -> tuple[QApplication, Path]:
    """The application with the screenshots' font, and a temporary folder holding a database
    with the demo collection imported and analysed (the user's database is never touched)."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from app.core.demo import ensure_demo
    from app.core.store.db import open_db

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setFont(QFont("DejaVu Sans", 10))
    work = Path(tempfile.mkdtemp(prefix="parallax-shots-"))
    db = open_db(work / "seeds.db")
    ensure_demo(db)
    db.conn.close()
    return app, work


def _settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _wait(app, done: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def take(out_dir: Path) -> list[Path]:
    from app.core.demo import DEMO_COLLECTION
    from app.gui.window.main_window import MainWindow

    app, work = demo_setup()
    written: list[Path] = []

    window = MainWindow(work / "seeds.db", work / "reader.json", DEMO_COLLECTION)
    ready: list[bool] = []
    window.viewReady.connect(lambda: ready.append(True))
    window.resize(*SIZE)
    window.show()
    _wait(app, lambda: bool(ready))

    def shot(name: str) -> None:
        _settle(app)
        path = out_dir / name
        window.grab().save(str(path))
        written.append(path)

    def choose(ids: list[int]) -> None:
        ready.clear()
        window.library.set_chosen(DEMO_COLLECTION, ids)
        _wait(app, lambda: bool(ready))

    all_ids = window.library.chosen_ids()
    # Two panes: the MEPs article against The Moscow Times, on the expulsions statement.
    choose(all_ids[1:3])
    _focus(window, "expelled three EU diplomats")
    shot("main_2_panes.png")
    # Four panes at 1920×1080.
    choose(all_ids[:4])
    _focus(window, "learned of the expulsions on social media")
    shot("main_4_panes.png")
    choose(all_ids)
    window.tabs.setCurrentWidget(window.synopsis)
    shot("synopsis.png")
    window.synopsis.set_filter("divergent")
    shot("synopsis_divergent.png")
    window.tabs.setCurrentWidget(window.compare)
    navalny = next(e for e in window.comparison.entities if e.name.endswith("Navalny"))
    window.docks["entities"].raise_()
    window.entities.select(navalny.key)
    shot("entities_dock.png")
    for _ in range(3):  # the walk has crossed into another pane
        window.step_mention(1)
    shot("entity_follow.png")
    window.follow(None)
    window.docks["differences"].raise_()
    window.step_difference(1)
    shot("differences_dock.png")
    _annotate(window, "learned of the expulsions on social media")
    window.docks["annotations"].raise_()
    shot("annotations_dock.png")
    from app.gui.window.help_pages import show_help

    for which in ("reading", "shortcuts"):
        dialog = show_help(window, which)
        _settle(app)
        path = out_dir / f"help_{which}.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.close()
    window.close()
    return written


def _focus(window, words: str) -> None:
    for pane in window.compare.panes:
        at = pane.article.text.find(words)
        if at >= 0:
            statement = window.comparison.statement_at(pane.key, at)
            window.compare.focus_statement(statement.key, scroll_source=True)
            return


def _annotate(window, words: str) -> None:
    pane = window.compare.panes[0]
    at = pane.article.text.find(words)
    cursor = pane.text.cursor_at(at)
    cursor.setPosition(at + len(words), cursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(cursor)
    pane.text.setFocus()
    window.annotator.ask = False
    created = window.annotator.highlight(
        note="Learned from social media: which outlets say so?", tags=("sources", "timeline")
    )
    pane.text.moveCursor(pane.text.textCursor().MoveOperation.Start)  # the selection off
    if created is not None and created.id is not None:
        pane.text.scroll_to(created.start, 0.4)
