"""Kill an import process mid-way: the database opens, is intact, and holds only whole articles."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app.core.store.db import open_db
from tests.conftest import ROOT
from tests.reliability_support import assert_sound, distinct_articles


def _articles_in(db_path: Path) -> int:
    try:
        with sqlite3.connect(db_path, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_kill_during_import_leaves_only_whole_articles(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    distinct_articles(folder, 120)
    db_path = tmp_path / "crash.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "import", str(folder), "--db", str(db_path),
         "--collection", "Crash", "--processes", "1"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while _articles_in(db_path) < 5 and time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    db = open_db(db_path)  # opens (recovers the WAL) and migrates without error
    assert_sound(db)  # integrity, foreign keys, each article whole (blocks, statements, FTS)
    imported = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 5 <= imported < 120

    # The interrupted import can simply be run again: what is there is recognised.
    result = subprocess.run(
        [sys.executable, "-m", "app", "import", str(folder), "--db", str(db_path),
         "--collection", "Crash", "--processes", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"{120 - imported} imported, {imported} duplicate, 0 skipped" in result.stdout
