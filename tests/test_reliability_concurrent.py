"""The reader (real window) and the command line on one database at once: a CLI import with its
analysis and a CLI export run while the user keeps highlighting in the GUI. WAL lets readers
go on during writes and the busy timeout makes writers queue; nothing is lost on either side."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gui_support import database_copy, open_window
from pytestqt.qtbot import QtBot

from app.core.annotations import store
from app.core.demo import DEMO_COLLECTION
from app.core.store.db import open_db
from tests.conftest import ROOT
from tests.reliability_support import assert_sound, distinct_articles

IMPORTED = 12


def _select(window, pane_index: int, start: int, end: int) -> None:
    pane = window.compare.panes[pane_index]
    cursor = pane.text.cursor_at(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(cursor)
    pane.text.setFocus()


@pytest.mark.slow
def test_gui_highlights_while_cli_imports_and_exports(
    qtbot: QtBot, seeded_db_file: Path, tmp_path: Path
) -> None:
    db_path = database_copy(seeded_db_file, tmp_path, aligned=True)
    window = open_window(qtbot, db_path, tmp_path / "reader.json")
    window.annotator.ask = False
    files = distinct_articles(tmp_path / "incoming", IMPORTED)
    importer = subprocess.Popen(
        [sys.executable, "-m", "app", "import", *map(str, files), "--db", str(db_path),
         "--collection", DEMO_COLLECTION, "--processes", "1"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    created = []
    exports = []
    slowest = 0.0
    i = 0
    while importer.poll() is None or i < 20:
        pane = i % len(window.compare.panes)
        start = 30 + (i * 11) % 600
        _select(window, pane, start, start + 15)
        began = time.monotonic()
        ann = window.annotator.highlight(note=f"while importing {i}", tags=("concurrent",))
        slowest = max(slowest, time.monotonic() - began)
        assert ann is not None and ann.id is not None
        created.append(ann)
        if i % 10 == 5:  # the CLI reads the database the GUI and the importer write
            out = tmp_path / f"notes{i}.json"
            exports.append((len(created), subprocess.Popen(
                [sys.executable, "-m", "app", "export", "--collection", DEMO_COLLECTION,
                 "--format", "annotations", "--out", str(out), "--db", str(db_path)],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            ), out))  # fmt: skip
        qtbot.wait(40)
        i += 1
        assert i < 2000
    stdout, stderr = importer.communicate(timeout=300)
    assert importer.returncode == 0, stderr
    assert f"{IMPORTED} imported, 0 duplicate, 0 skipped" in stdout
    for made, process, out in exports:
        assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
        exported = out.read_text(encoding="utf-8")
        assert json.loads(exported)["total"] >= made
        for k in range(made):  # each note as a whole JSON string: "… 1" is not "… 10"
            assert json.dumps(f"while importing {k}") in exported
    print(f"\n{len(created)} GUI highlights during the CLI import; slowest save {slowest:.2f} s")

    db = open_db(db_path)
    assert_sound(db)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 5 + IMPORTED
    stored = {a.id: a for a in store.in_collection(db, 1)}
    for ann in created:
        assert stored[ann.id].note == ann.note and stored[ann.id].status == "anchored"
    assert len(stored) == len(created)
    assert slowest < 10  # the busy timeout: a save waits for the importer, never fails
