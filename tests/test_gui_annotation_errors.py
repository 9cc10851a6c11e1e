"""A note that cannot be saved (read-only or full database) is told, not crashed on, and does not
stay on the undo stack as if it had been saved."""

from __future__ import annotations

import shutil
from pathlib import Path

from gui_support import open_window
from pytestqt.qtbot import QtBot

WORDS = "learned of the expulsions on social media"


def test_failed_save_is_reported_and_not_undoable(
    qtbot: QtBot, seeded_db_file: Path, tmp_path: Path
) -> None:
    db_path = tmp_path / "seeds.db"
    shutil.copy(seeded_db_file, db_path)
    window = open_window(qtbot, db_path, tmp_path / "settings.json")
    window.annotator.ask = False
    pane = window.compare.panes[0]
    start = pane.article.text.index(WORDS)
    cursor = pane.text.cursor_at(start)
    cursor.setPosition(start + len(WORDS), cursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(cursor)

    window.db.conn.execute("PRAGMA query_only = ON")  # as a read-only file would behave
    assert window.annotator.highlight(note="will not fit") is None
    assert window.undo_stack.count() == 0
    assert "Not saved: the database is read-only" in window.statusBar().currentMessage()
    count = window.db.execute("SELECT count(*) FROM annotations").fetchone()[0]
    assert count == 0

    window.db.conn.execute("PRAGMA query_only = OFF")
    created = window.annotator.highlight(note="now it fits")
    assert created is not None and window.undo_stack.count() == 1
