"""The background path: jobs run on the worker thread with its own connection; an answer to
an older request never replaces the newest."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import sqlite_utils
from pytestqt.qtbot import QtBot

from app.gui.worker import BackgroundRunner


def test_stale_answers_are_dropped_and_jobs_run_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    runner = BackgroundRunner(tmp_path / "w.db")
    got: list[tuple[str, object]] = []
    runner.finished.connect(lambda kind, result: got.append((kind, result)))
    gui_thread = threading.get_ident()

    def slow(db: sqlite_utils.Database) -> str:
        time.sleep(0.3)
        return "old"

    def fast(db: sqlite_utils.Database) -> tuple[str, bool, int]:
        count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        return "new", threading.get_ident() != gui_thread, count

    runner.submit("compare", slow)
    runner.submit("compare", fast)
    qtbot.waitUntil(lambda: not runner.pending, timeout=5_000)
    qtbot.wait(50)
    assert got == [("compare", ("new", True, 0))]
    runner.shutdown()


def test_failures_come_back_as_messages(qtbot: QtBot, tmp_path: Path) -> None:
    from app.core.errors import NotFound

    runner = BackgroundRunner(tmp_path / "w.db")

    def missing(db: sqlite_utils.Database) -> None:
        raise NotFound("no collection named 'x'")

    with qtbot.waitSignal(runner.failed, timeout=5_000) as blocker:
        runner.submit("compare", missing)
    assert blocker.args == ["compare", "no collection named 'x'"]
    runner.shutdown()
