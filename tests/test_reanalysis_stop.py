"""Re-analysis can be stopped between its stages, and no stage is ever half written: in the
core (`should_stop`, one transaction per stage) and from the reader's Stop button."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlite_utils
from gui_support import database_copy, open_window
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.core.analysis import STAGES, analyse_collection
from app.core.demo import DEMO_COLLECTION
from app.core.store import collections


def _snapshot(db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("entities", "mentions", "alignments", "alignment_statements", "differences",
                      "quotes", "aligned_articles", "annotations")
    }  # fmt: skip


def test_stop_between_stages(seed_db: sqlite_utils.Database) -> None:
    collection_id = collections.find(seed_db, DEMO_COLLECTION).id
    seed_db.execute("DELETE FROM aligned_articles")  # so that align has real work to do
    seed_db.execute("DELETE FROM alignment_statements")
    seed_db.execute("DELETE FROM differences")
    seed_db.execute("DELETE FROM alignments")
    seed_db.conn.commit()
    begun: list[str] = []
    done = analyse_collection(
        seed_db, collection_id, should_stop=lambda: begun == ["link"], on_stage=begun.append
    )
    assert done.completed is False and begun == ["link"]
    assert seed_db.execute("SELECT count(*) FROM entities").fetchone()[0] > 0  # link: whole
    assert seed_db.execute("SELECT count(*) FROM alignments").fetchone()[0] == 0  # align: not
    begun.clear()
    assert analyse_collection(seed_db, collection_id, on_stage=begun.append).finished is True
    assert begun == list(STAGES)
    assert seed_db.execute("SELECT count(*) FROM alignments").fetchone()[0] > 0


@pytest.mark.parametrize("table", ["differences", "entities"])
def test_a_stage_that_fails_midway_leaves_nothing_half_written(
    seed_db: sqlite_utils.Database, table: str
) -> None:
    collection_id = collections.find(seed_db, DEMO_COLLECTION).id
    before = _snapshot(seed_db)
    # A real SQLite failure after a few rows of the stage are written (disk full, say).
    seed_db.execute(
        f"CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON main.{table}"
        f" WHEN (SELECT count(*) FROM main.{table}) >= 3"
        " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    seed_db.execute("DELETE FROM aligned_articles")  # align everything again
    seed_db.conn.commit()
    before["aligned_articles"] = []
    with pytest.raises(Exception, match="disk full"):
        analyse_collection(seed_db, collection_id)
    assert not seed_db.conn.in_transaction
    assert _snapshot(seed_db) == before


def test_stop_button_stops_the_background_run(
    qtbot: QtBot, seeded_db_file: Path, tmp_path: Path, qobject_audit: object
) -> None:
    window = open_window(qtbot, database_copy(seeded_db_file, tmp_path), tmp_path / "r.json")
    groups = len(window.comparison.groups)
    hold = threading.Event()
    window.runner.submit("hold", lambda ctx: hold.wait(10))  # the worker is busy: queued
    window.actions["reanalyse"].trigger()
    run = window.reanalysis
    assert run.running and "reanalyse" in window.runner.pending
    handle = run.handle
    (stop,) = [b for b in run.progress.findChildren(QPushButton) if b.text() == "Stop"]
    stop.click()  # the user presses Stop
    assert handle.cancel_requested
    hold.set()
    qtbot.waitUntil(lambda: handle.finished, timeout=30_000)
    assert not run.running and run.progress is None
    assert run.stage is None  # stopped before the first stage began
    assert handle.outcome.changes.analysis == frozenset()  # nothing changed: no reload
    assert "Re-analysis stopped before it began" in window.statusBar().currentMessage()
    assert len(window.comparison.groups) == groups and len(window.compare.panes) == 5
    # Not stopped: every stage runs and reports its progress; the view reloads.
    with qtbot.waitSignal(window.viewReady, timeout=30_000):
        window.reanalyse()  # the public entry point (menu action, banners)
        handle = run.handle
    assert run.stage == STAGES[-1]
    assert handle.outcome.changes.analysis == {window.comparison.collection_id}
