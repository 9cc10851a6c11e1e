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
from tests.conftest import ROOT, SEED_FILES


def _make_articles(folder: Path, count: int) -> None:
    folder.mkdir()
    texts = [path.read_text(encoding="utf-8") for path in SEED_FILES]
    for i in range(count):
        # Distinct texts, so none is a duplicate of another.
        (folder / f"article_{i:04}.txt").write_text(
            texts[i % len(texts)] + f"\n\nCorrection number {i} was appended by the editors.\n",
            encoding="utf-8",
        )


def _articles_in(db_path: Path) -> int:
    try:
        with sqlite3.connect(db_path, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_kill_during_import_leaves_only_whole_articles(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    _make_articles(folder, 120)
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
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    imported = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 5 <= imported < 120
    for table in ("blocks", "statements", "article_docs"):
        missing = db.execute(
            f"SELECT count(*) FROM articles a WHERE NOT EXISTS"
            f" (SELECT 1 FROM {table} t WHERE t.article_id = a.id)"
        ).fetchone()[0]
        assert missing == 0, f"{missing} article(s) without {table}"
    fts = db.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert fts == imported

    # The interrupted import can simply be run again: what is there is recognised.
    result = subprocess.run(
        [sys.executable, "-m", "app", "import", str(folder), "--db", str(db_path),
         "--collection", "Crash", "--processes", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"{120 - imported} imported, {imported} duplicate, 0 skipped" in result.stdout
