"""Re-importing an edited file from the same path replaces its article in place: same id, new
text, new derived rows, hand-edited metadata kept, re-aligned, annotations re-anchored."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils
from spacy.language import Language

from app.core.analysis import analyse_collection
from app.core.annotations import store as notes
from app.core.annotations.model import new_annotation
from app.core.demo import DEMO_COLLECTION
from app.core.ingest.importer import Outcome, import_paths
from app.core.store import articles, collections
from app.core.store.db import open_db
from tests.conftest import ROOT, SEED_FILES

QUOTE = "learned of the expulsions on social media"


def _edit(source: Path, target: Path) -> Path:
    text = source.read_text(encoding="utf-8")
    edited = text.replace("During the visit,", "During the visit, as the editors now add,")
    assert edited != text
    target.write_text(edited, encoding="utf-8")
    return target


def _seed_with(db: sqlite_utils.Database, quote: str) -> articles.ArticleRow:
    collection = collections.find(db, DEMO_COLLECTION)
    return next(r for r in articles.in_collection(db, collection.id) if quote in r.text)


def _counts(db: sqlite_utils.Database, article_id: int) -> dict[str, int]:
    return {
        table: db.execute(
            f"SELECT count(*) FROM {table} WHERE article_id = ?", [article_id]
        ).fetchone()[0]
        for table in ("blocks", "statements", "mentions", "article_docs")
    }


def test_edited_file_replaces_its_article_in_place(
    seed_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    db = seed_db
    collection = collections.find(db, DEMO_COLLECTION)
    row = _seed_with(db, QUOTE)
    before = articles.count(db)
    articles.update_metadata(db, row.id, source="Hand-set Source")
    start = row.text.index(QUOTE)
    note = notes.create(db, new_annotation(collection.id, row.id, row.path, row.text, start,
                                           start + len(QUOTE), note="how?"))  # fmt: skip
    old_statements = {s.id for s in articles.statements(db, row.id)}

    edited = _edit(Path(row.path), tmp_path / Path(row.path).name)
    db.execute("UPDATE articles SET path = ? WHERE id = ?", [str(edited), row.id])
    db.execute("UPDATE annotations SET article_path = ? WHERE id = ?", [str(edited), note.id])
    report = import_paths(db, [edited], DEMO_COLLECTION, nlp=nlp, n_process=1)
    assert [(r.outcome, r.article_id) for r in report.results] == [(Outcome.UPDATED, row.id)]
    assert "1 updated" in report.summary()

    now = articles.get(db, row.id)
    assert articles.count(db) == before
    assert "as the editors now add," in now.text and now.source == "Hand-set Source"
    assert all(_counts(db, row.id).values())
    statements = articles.statements(db, row.id)
    assert not old_statements & {s.id for s in statements}
    assert all(0 <= s.start < s.end <= len(now.text) for s in statements)
    # No alignment row still points at a statement that no longer exists.
    assert db.execute("SELECT count(*) FROM alignment_statements WHERE statement_id NOT IN"
                      " (SELECT id FROM statements)").fetchone()[0] == 0  # fmt: skip
    assert db.execute("SELECT count(*) FROM aligned_articles").fetchone()[0] == 0

    analyse_collection(db, collection.id)
    aligned = {r[0] for r in db.execute("SELECT article_id FROM aligned_articles").fetchall()}
    assert row.id in aligned
    in_groups = db.execute(
        "SELECT count(*) FROM alignment_statements x JOIN statements s ON s.id = x.statement_id"
        " WHERE s.article_id = ?", [row.id]).fetchone()[0]  # fmt: skip
    assert in_groups > 0  # its new statements were aligned again
    moved = notes.get(db, note.id)
    assert moved.article_id == row.id and not moved.is_orphan
    assert now.text[moved.start : moved.end] == QUOTE and moved.start > start


def test_unchanged_file_is_still_a_duplicate(seed_db: sqlite_utils.Database, nlp: Language) -> None:
    row = _seed_with(seed_db, QUOTE)
    report = import_paths(seed_db, [Path(row.path)], DEMO_COLLECTION, nlp=nlp, n_process=1)
    assert [r.outcome for r in report.results] == [Outcome.DUPLICATE]


def test_cli_reports_updated(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEED_FILES[0].parent, folder)
    db = tmp_path / "cli.db"

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", "import", str(folder), "--db", str(db),
             "--collection", "Seeds"],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    assert run().returncode == 0
    target = next(p for p in sorted(folder.glob("*.txt")) if "During the visit," in p.read_text())
    _edit(target, target)
    result = run()
    assert result.returncode == 0, result.stderr
    assert f"updated   {target}" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1].startswith("0 imported, 1 updated, 4 duplicate,")
    listing = subprocess.run([sys.executable, "-m", "app", "list", "--db", str(db)], cwd=ROOT,
                             capture_output=True, text=True, timeout=120).stdout  # fmt: skip
    assert "Seeds (5 articles)" in listing


def test_kill_during_reimport_leaves_each_article_old_or_new(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    texts = [path.read_text(encoding="utf-8") for path in SEED_FILES]
    count = 40
    for i in range(count):
        (folder / f"a{i:03}.txt").write_text(texts[i % 5] + f"\n\nNote {i} from the desk.\n",
                                              encoding="utf-8")  # fmt: skip
    db_path = tmp_path / "crash.db"
    command = [sys.executable, "-m", "app", "import", str(folder), "--db", str(db_path),
               "--collection", "Crash", "--processes", "1"]  # fmt: skip
    assert subprocess.run(command, cwd=ROOT, capture_output=True, timeout=600).returncode == 0
    for path in folder.glob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") + "An update was appended.\n",
                        encoding="utf-8")  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)  # fmt: skip
    assert process.stdout is not None
    updated = 0
    deadline = time.monotonic() + 300
    while updated < 5 and time.monotonic() < deadline:  # kill after a few updates
        updated += process.stdout.readline().startswith("updated")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    db = open_db(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert articles.count(db) == count
    new = 0
    for row in articles.in_collection(db, collections.find(db, "Crash").id):
        assert all(_counts(db, row.id).values()), row.path
        assert all(s.end <= len(row.text) for s in articles.statements(db, row.id))
        assert row.text == row.text.strip() and Path(row.path).exists()
        new += "An update was appended." in row.text
    assert 5 <= new < count
