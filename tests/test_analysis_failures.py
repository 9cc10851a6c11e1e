"""One article that fails one analysis stage is named, left out of that stage, and the rest of
the collection is analysed; a collection whose analysis did not finish is marked in the store,
and `reanalyse`, a re-import and the reader's banner finish it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from gui_support import open_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.analysis import analyse_collection
from app.core.compare import pipeline
from app.core.demo import DEMO_COLLECTION
from app.core.ingest.importer import Outcome, import_paths
from app.core.store import analysis_state, collections
from app.core.store.db import open_db
from tests.conftest import ROOT, SEED_FILES


def _damage_parse(db: sqlite_utils.Database, article_id: int) -> None:
    """A stored parse that no longer reads (a damaged file, a foreign writer)."""
    db.execute("UPDATE article_docs SET doc_bytes = X'00112233' WHERE article_id = ?", [article_id])
    db.conn.commit()


def _path(db: sqlite_utils.Database, article_id: int) -> str:
    return str(db.execute("SELECT path FROM articles WHERE id = ?", [article_id]).fetchone()[0])


def _aligned_articles(db: sqlite_utils.Database, collection_id: int) -> set[int]:
    rows = db.execute(
        "SELECT DISTINCT st.article_id FROM alignment_statements s"
        " JOIN statements st ON st.id = s.statement_id JOIN alignments a ON a.id = s.alignment_id"
        " WHERE a.collection_id = ?",
        [collection_id],
    ).fetchall()
    return {int(r[0]) for r in rows}


def test_an_article_with_a_damaged_parse_is_named_and_the_rest_aligned(
    seed_db: sqlite_utils.Database,
) -> None:
    cid = collections.find(seed_db, DEMO_COLLECTION).id
    _damage_parse(seed_db, 2)
    report = analyse_collection(seed_db, cid)
    assert report.completed and not report.finished
    parse = [f for f in report.failures if f.stage == "parse"]
    assert [f.article_id for f in parse] == [2]
    assert _path(seed_db, 2) in parse[0].article and "ValueError" in parse[0].error
    assert _aligned_articles(seed_db, cid) == {1, 3, 4, 5}  # the other four, still compared
    assert seed_db.execute("SELECT 1 FROM aligned_articles WHERE article_id = 2").fetchone() is None
    mark = analysis_state.get(seed_db, cid)
    assert mark is not None and "failed" in mark.reason
    assert 2 in {f.article_id for f in mark.failures}


def test_quotes_that_raise_for_one_article_leave_it_without_quotations(
    seed_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: a bug in quotation finding that only one article's text meets."""
    cid = collections.find(seed_db, DEMO_COLLECTION).id
    real = pipeline.find_quotes

    def failing_for_article_3(article: pipeline.ArticleInfo) -> list[pipeline.Quote]:
        if article.id == 3:
            raise IndexError("quotation past the end")
        return real(article)

    monkeypatch.setattr(pipeline, "find_quotes", failing_for_article_3)
    report = pipeline.align_collection(seed_db, cid, full=True)
    assert [(f.stage, f.article_id) for f in report.failures] == [("quotes", 3)]
    assert "IndexError: quotation past the end" in report.failures[0].line()
    quoted = {r[0] for r in seed_db.execute("SELECT DISTINCT article_id FROM quotes")}
    assert 3 not in quoted and {1, 2, 4} <= quoted
    assert 3 in _aligned_articles(seed_db, cid)  # aligned all the same, without quotations


def test_differences_that_raise_name_the_article_that_makes_them_raise(
    seed_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = collections.find(seed_db, DEMO_COLLECTION).id
    real = pipeline.find_differences

    def failing_with_article_4(context: pipeline.GroupContext) -> list[pipeline.Difference]:
        if any(m.article_id == 4 for m in context.members):
            raise ZeroDivisionError("division by zero")
        return real(context)

    monkeypatch.setattr(pipeline, "find_differences", failing_with_article_4)
    report = pipeline.align_collection(seed_db, cid, full=True)
    assert report.failures and {f.article_id for f in report.failures} == {4}
    assert {f.stage for f in report.failures} == {"differences"}
    assert report.groups > 0 and report.differences > 0  # the others' differences were found


def test_an_encoder_that_raises_is_reported_and_the_alignment_runs_without_it(
    seed_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: the sentence encoder fails (a damaged model file, say); the
    collection is aligned on its other signals and the failure is named."""
    cid = collections.find(seed_db, DEMO_COLLECTION).id
    seed_db.execute("DELETE FROM statement_meanings")  # so that the alignment must encode

    def failing(*_: object) -> None:
        raise RuntimeError("onnxruntime: invalid model")

    monkeypatch.setattr(pipeline, "stored_meanings", failing)
    report = pipeline.align_collection(seed_db, cid, full=True)
    assert [(f.stage, f.article_id) for f in report.failures] == [("meanings", None)]
    assert "invalid model" in report.failures[0].line()
    assert report.groups > 0 and _aligned_articles(seed_db, cid) == {1, 2, 3, 4, 5}


def test_a_stopped_analysis_is_marked_and_the_next_run_clears_the_mark(
    seed_db: sqlite_utils.Database,
) -> None:
    cid = collections.find(seed_db, DEMO_COLLECTION).id
    assert analysis_state.get(seed_db, cid) is None
    report = analyse_collection(seed_db, cid, should_stop=lambda: True)
    assert report.completed is False and report.stopped_before == "link"
    mark = analysis_state.get(seed_db, cid)
    assert mark is not None and mark.reason == "stopped before link"
    assert analyse_collection(seed_db, cid).finished
    assert analysis_state.get(seed_db, cid) is None


def test_a_reimport_of_duplicates_finishes_an_unfinished_analysis(
    seed_db: sqlite_utils.Database,
) -> None:
    """A killed analysis leaves its start mark behind (nothing clears it); importing the same
    files again must see it and not answer only `duplicate`."""
    cid = collections.find(seed_db, DEMO_COLLECTION).id
    analysis_state.mark(seed_db, cid, analysis_state.INTERRUPTED)
    report = import_paths(seed_db, SEED_FILES, DEMO_COLLECTION, n_process=1)
    assert report.count(Outcome.DUPLICATE) == 5 and not report.stored
    assert report.needs_analysis and report.unfinished == analysis_state.INTERRUPTED
    assert "earlier analysis had not finished" in report.summary()
    assert analyse_collection(seed_db, cid).finished
    again = import_paths(seed_db, SEED_FILES, DEMO_COLLECTION, n_process=1)
    assert not again.needs_analysis and again.unfinished is None


def _parallax(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args, "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_cli_lists_the_mark_finishes_on_reimport_and_reports_failures(
    seeded_db_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "cli.db"
    shutil.copy(seeded_db_file, path)
    db = open_db(path)
    cid = collections.find(db, DEMO_COLLECTION).id
    # What a kill during the analysis leaves: the start mark and no alignments.
    analysis_state.mark(db, cid, analysis_state.INTERRUPTED)
    db.execute("DELETE FROM aligned_articles")
    db.execute("DELETE FROM alignments")
    db.conn.commit()
    listing = _parallax("list", db=path).stdout
    assert f"! analysis unfinished since {analysis_state.get(db, cid).when}" in listing
    assert analysis_state.INTERRUPTED in listing

    result = _parallax("import", *map(str, SEED_FILES), "--collection", DEMO_COLLECTION, db=path)
    assert result.returncode == 0, result.stderr
    assert f"finishing the unfinished analysis of {DEMO_COLLECTION!r}" in result.stdout
    assert analysis_state.get(db, cid) is None
    assert db.execute("SELECT count(*) FROM alignments").fetchone()[0] > 0
    assert "!" not in _parallax("list", db=path).stdout

    _damage_parse(db, 5)
    result = _parallax("reanalyse", "--collection", DEMO_COLLECTION, db=path)
    assert result.returncode == 4, result.stderr
    failed = [line for line in result.stdout.splitlines() if line.startswith("failed ")]
    assert any(_path(db, 5) in line and "parse failed" in line for line in failed)
    assert "still marked unfinished" in result.stdout
    listing = _parallax("list", db=path).stdout
    assert "article(s) failed a stage" in listing and _path(db, 5) in listing
    db.conn.close()


def test_the_reader_offers_to_finish_an_unfinished_analysis(
    qtbot: QtBot, seeded_db_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "gui.db"
    shutil.copy(seeded_db_file, path)
    db = open_db(path)
    cid = collections.find(db, DEMO_COLLECTION).id
    analysis_state.mark(db, cid, "stopped before align")
    db.conn.close()
    window = open_window(qtbot, path, tmp_path / "reader.json")
    banner = window.banner
    assert banner.isVisible()
    assert "did not finish" in banner.label.text() and "stopped before align" in banner.label.text()
    with qtbot.waitSignal(window.viewReady, timeout=60_000):
        qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    assert analysis_state.get(window.db, cid) is None


def test_an_import_stopped_before_its_analysis_leaves_the_collection_marked(
    empty_db: sqlite_utils.Database,
) -> None:
    """Articles stored and the analysis never run (Stop, a kill, a crash in between): the mark
    says so, and the next import of the same files, all duplicates, finishes the analysis."""
    stored: list[int] = []
    report = import_paths(
        empty_db, SEED_FILES, "Stopped", n_process=1,
        progress=lambda done, total, result: stored.append(done),
        should_stop=lambda: len(stored) >= 2,
    )  # fmt: skip
    assert report.cancelled and report.stored == 2
    cid = collections.find(empty_db, "Stopped").id
    mark = analysis_state.get(empty_db, cid)
    assert mark is not None and mark.reason == analysis_state.PENDING
    again = import_paths(empty_db, SEED_FILES[:2], "Stopped", n_process=1)
    assert again.count(Outcome.DUPLICATE) == 2 and again.needs_analysis
    assert analyse_collection(empty_db, cid).finished
    assert analysis_state.get(empty_db, cid) is None
