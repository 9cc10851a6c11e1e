"""The import wizard driven as a user would, on real files, a real database and the real model."""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils
from article_files import make_article_folder
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.ingest.importer import Outcome
from app.core.ingest.preview import Status
from app.core.store import collections
from app.core.store.db import open_db
from app.gui.import_wizard import ImportWizard
from app.gui.import_wizard.preview_model import PreviewModel
from app.gui.import_wizard.session import LEFT_OUT, NOT_REACHED
from app.gui.import_wizard.wizard import COLLECTION, IMPORT, PREVIEW, REPORT

SEED_FILES = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
TITLE, SOURCE, DATE, URL = 1, 2, 3, 4

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen platform cannot size native windows; harmless, and not ours.
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


@pytest.fixture
def db_path(seeded_db_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "parallax.db"
    shutil.copy(seeded_db_file, path)
    return path


def folder_state(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def collection_state(db: sqlite_utils.Database, name: str) -> list[tuple]:
    """Everything stored for one collection, to prove an import elsewhere left it alone."""
    cid = collections.find(db, name).id
    queries = [
        "SELECT * FROM articles WHERE collection_id = ? ORDER BY id",
        "SELECT b.* FROM blocks b JOIN articles a ON a.id = b.article_id"
        " WHERE a.collection_id = ? ORDER BY b.id",
        "SELECT s.* FROM statements s JOIN articles a ON a.id = s.article_id"
        " WHERE a.collection_id = ? ORDER BY s.id",
        "SELECT m.* FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE a.collection_id = ? ORDER BY m.id",
        "SELECT * FROM entities WHERE collection_id = ? ORDER BY id",
    ]
    return [tuple(db.execute(q, [cid]).fetchall()) for q in queries]


def assert_only_whole_articles(db: sqlite_utils.Database) -> None:
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    partial = db.execute(
        "SELECT a.id FROM articles a"
        " WHERE NOT EXISTS (SELECT 1 FROM blocks WHERE article_id = a.id)"
        " OR NOT EXISTS (SELECT 1 FROM statements WHERE article_id = a.id)"
        " OR NOT EXISTS (SELECT 1 FROM article_docs WHERE article_id = a.id)"
    ).fetchall()
    assert partial == []
    # Every block of an article lies inside its text, and the blocks cover it in order.
    for article_id, length in db.execute("SELECT id, length(text) FROM articles"):
        ends = db.execute('SELECT start, "end" FROM blocks WHERE article_id = ? ORDER BY seq',
                          [article_id]).fetchall()  # fmt: skip
        assert ends[-1][1] <= length and all(a[1] <= b[0] for a, b in itertools.pairwise(ends))


def open_wizard(qtbot: QtBot, db_path: Path, paths: list[Path]) -> ImportWizard:
    wizard = ImportWizard(db_path, paths)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(wizard.choose_page.isComplete, timeout=10_000)
    return wizard


def to_preview(qtbot: QtBot, wizard: ImportWizard) -> dict[str, int]:
    """Next to the preview; waits for it and returns file name → row."""
    wizard.next()
    assert wizard.currentId() == PREVIEW
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=60_000)
    return {row.path.name: i for i, row in enumerate(wizard.session.rows)}


def run_import(qtbot: QtBot, wizard: ImportWizard, timeout: int = 120_000) -> None:
    wizard.next()  # the collection page is the commit page: "Import"
    assert wizard.currentId() == IMPORT
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT, timeout=timeout)


def edit(model: PreviewModel, row: int, column: int, value: str) -> bool:
    return model.setData(model.index(row, column), value, Qt.ItemDataRole.EditRole)


def test_wizard_imports_good_files_with_edits_and_reports_bad_ones(
    qtbot: QtBot, qapp, db_path: Path, tmp_path: Path
) -> None:
    folder = make_article_folder(tmp_path / "articles", SEED_FILES)
    files_before = folder_state(folder)
    db = open_db(db_path)
    demo_before = collection_state(db, "Borrell in Moscow")
    db.conn.close()

    wizard = open_wizard(qtbot, db_path, [folder])
    summary = wizard.choose_page.summary.text()
    assert "13 files to import" in summary
    assert "1 .docx, 1 .html, 2 .pdf, 9 .txt" in summary
    assert ".png file" in summary and "hidden file" in summary

    rows = to_preview(qtbot, wizard)
    session, model = wizard.session, wizard.preview_page.model
    status = {name: session.rows[i].item for name, i in rows.items()}
    # The seeds are already in the demo collection; the other good files are new.
    assert all(status[s.name].status is Status.DUPLICATE for s in SEED_FILES)
    assert "in 'Borrell in Moscow'" in status[SEED_FILES[0].name].status_text
    for name in ("europe-daily.html", "parliament.pdf", "kremlin.docx"):
        assert status[name].status is Status.NEW, status[name].status_text
    problems = {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "undecodable.txt": "undecodable text",
        "big.txt": "file too large (30.0 MB",
        "damaged.pdf": "damaged PDF",
    }
    for name, reason in problems.items():
        assert status[name].status is Status.PROBLEM
        assert status[name].status_text.startswith(f"problem: {reason}")
        flags = model.flags(model.index(rows[name], 0))
        assert not flags & Qt.ItemFlag.ItemIsUserCheckable  # a problem cannot be chosen
    assert model.data(model.index(rows["europe-daily.html"], SOURCE)) == "Europe Daily"

    # The cleaned text with its roles: the seed's photo credit is a caption, not compared.
    wizard.preview_page.table.selectRow(rows[SEED_FILES[0].name])
    shown = wizard.preview_page.text_view.toPlainText()
    assert "caption" in shown and "body" in shown and "Brussels on Monday defended" in shown

    # Corrections: a bad date is refused, good edits are kept.
    with qtbot.waitSignal(model.editRejected) as refused:
        assert not edit(model, rows["kremlin.docx"], DATE, "sometime in spring")
    assert "not a date" in refused.args[0]
    docx, html_row, seed = rows["kremlin.docx"], rows["europe-daily.html"], rows[SEED_FILES[2].name]
    assert edit(model, docx, DATE, "10 February 2021")  # the DOCX template's date was wrong
    assert edit(model, docx, SOURCE, "Moscow Herald")
    assert edit(model, html_row, URL, "https://europe-daily.example/borrell-resign")
    assert edit(model, seed, TITLE, "Borrell's Moscow visit: a timeline")
    assert model.data(model.index(docx, DATE)) == "2021-02-10"
    assert model.data(model.index(docx, DATE), Qt.ItemDataRole.FontRole).italic()
    # Leave one seed out.
    left_out = rows[SEED_FILES[4].name]
    model.setData(model.index(left_out, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert len(session.chosen()) == 7

    wizard.next()
    assert wizard.currentId() == COLLECTION
    page = wizard.collection_page
    assert "Borrell" in page.name_edit.text()
    page.name_edit.setText("Wizard test")
    run_import(qtbot, wizard)

    report = session.report
    assert report is not None and not report.cancelled
    outcome = {Path(r.path).name: (r.outcome, r.reason) for r in report.results}
    assert report.count(Outcome.IMPORTED) == 7
    assert outcome[SEED_FILES[4].name] == (Outcome.SKIPPED, LEFT_OUT)
    for name, reason in problems.items():
        assert outcome[name][0] is Outcome.SKIPPED and outcome[name][1].startswith(reason)
    assert wizard.report_page.tree.topLevelItemCount() == 13
    assert "7 imported" in wizard.report_page.summary.text()

    with qtbot.waitSignal(wizard.imported) as opened:
        qtbot.mouseClick(wizard.report_page.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["Wizard test"]

    db = open_db(db_path)
    stored = {
        Path(r["path"]).name: r
        for r in db.query(
            "SELECT a.* FROM articles a JOIN collections c ON c.id = a.collection_id"
            " WHERE c.name = 'Wizard test'"
        )
    }
    assert set(stored) == {s.name for s in SEED_FILES[:4]} | {
        "europe-daily.html", "parliament.pdf", "kremlin.docx"}  # fmt: skip
    kremlin = stored["kremlin.docx"]
    assert (kremlin["published"], kremlin["source"]) == ("2021-02-10", "Moscow Herald")
    assert json.loads(kremlin["edited_fields"]) == ["published", "source"]
    assert stored["europe-daily.html"]["url"] == "https://europe-daily.example/borrell-resign"
    assert json.loads(stored["europe-daily.html"]["edited_fields"]) == ["url"]
    assert stored[SEED_FILES[2].name]["title"] == "Borrell's Moscow visit: a timeline"
    assert json.loads(stored[SEED_FILES[0].name]["edited_fields"]) == []
    assert stored["parliament.pdf"]["format"] == "pdf"
    # The collection was analysed after the import (entities linked).
    new_id = collections.find(db, "Wizard test").id
    assert (
        db.execute("SELECT count(*) FROM entities WHERE collection_id = ?", [new_id]).fetchone()[0]
        > 10
    )
    # Nothing else changed: the demo collection and the files on disk.
    assert collection_state(db, "Borrell in Moscow") == demo_before
    assert folder_state(folder) == files_before
    assert_only_whole_articles(db)
    counts = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.conn.close()

    # A second run over the same folder into the same collection: duplicates are recognised.
    wizard = open_wizard(qtbot, db_path, [folder])
    rows = to_preview(qtbot, wizard)
    again = {name: wizard.session.rows[i].item for name, i in rows.items()}
    assert again["kremlin.docx"].status is Status.DUPLICATE
    assert "in 'Wizard test'" in again["kremlin.docx"].status_text
    wizard.next()
    page = wizard.collection_page
    page.existing_button.setChecked(True)
    page.existing_combo.setCurrentIndex(page.existing_combo.findData("Wizard test"))
    assert page.chosen_name() == "Wizard test"
    run_import(qtbot, wizard)
    second = wizard.session.report
    assert second is not None
    assert second.count(Outcome.DUPLICATE) == 7
    assert second.count(Outcome.IMPORTED) == 1  # the seed left out the first time
    dup = {Path(r.path).name: r.reason for r in second.results if r.outcome is Outcome.DUPLICATE}
    assert dup["kremlin.docx"].startswith("same file (article ")
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == counts + 1
    assert_only_whole_articles(db)
    db.conn.close()


def test_stopping_mid_import_keeps_only_whole_articles(
    qtbot: QtBot, tmp_path: Path, qobject_audit: object
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    count = 0
    for round_ in range(5):  # 25 distinct articles: each seed with its own last line
        for seed in SEED_FILES:
            text = seed.read_text(encoding="utf-8") + f"\n\nUpdate {round_}: more to follow.\n"
            (folder / f"{round_}_{seed.name}").write_text(text, encoding="utf-8")
            count += 1
    db_path = tmp_path / "stop.db"
    open_db(db_path).conn.close()

    wizard = open_wizard(qtbot, db_path, [folder])
    to_preview(qtbot, wizard)
    wizard.next()
    wizard.collection_page.name_edit.setText("Stopped")
    wizard.next()
    page = wizard.import_page
    qtbot.waitUntil(lambda: page.files_bar.value() >= 2, timeout=60_000)
    # The wizard's own Cancel (or closing the window) during the import stops it, too.
    wizard.reject()
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT, timeout=60_000)

    report = wizard.session.report
    assert report is not None and report.cancelled
    imported = report.count(Outcome.IMPORTED)
    assert 2 <= imported < count
    assert sum(1 for r in report.results if r.reason == NOT_REACHED) == count - imported
    assert "stopped" in wizard.report_page.summary.text()
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == imported
    assert_only_whole_articles(db)
    # What was stored before the stop was analysed as a collection, too.
    assert db.execute("SELECT count(*) FROM entities").fetchone()[0] > 0
    db.conn.close()


def test_preview_model_is_a_valid_qt_model(qtmodeltester, empty_db, tmp_path: Path) -> None:
    from app.core.ingest.preview import preview_paths

    (tmp_path / "empty.txt").write_bytes(b"")
    model = PreviewModel([])
    for item in preview_paths(empty_db, [*SEED_FILES[:2], tmp_path / "empty.txt"]):
        model.add(item)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3


def test_closing_during_the_preview_stops_it(qtbot: QtBot, db_path: Path) -> None:
    wizard = open_wizard(qtbot, db_path, SEED_FILES * 1)
    wizard.next()
    wizard.reject()  # the preview job is stopped and waited for: no thread outlives the wizard
    assert not wizard.isVisible()
    assert not wizard.preview_page.isComplete()


def test_dropping_files_on_the_first_page_adds_them(qtbot: QtBot, db_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    wizard = ImportWizard(db_path)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.choose_page.isComplete()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in SEED_FILES[:2]]
                 + [QUrl("https://example.org/")])  # fmt: skip
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    wizard.choose_page.dropEvent(event)
    assert wizard.session.paths == SEED_FILES[:2]
    qtbot.waitUntil(wizard.choose_page.isComplete, timeout=10_000)
    assert "2 files to import" in wizard.choose_page.summary.text()


def test_an_edited_file_imported_again_is_updated_in_place(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    for seed in SEED_FILES[:2]:  # not the seeds' text: those are in the demo collection
        text = seed.read_text(encoding="utf-8") + f"\nFiled again as {seed.stem}.\n"
        (folder / seed.name).write_text(text, encoding="utf-8")
    wizard = open_wizard(qtbot, db_path, [folder])
    to_preview(qtbot, wizard)
    wizard.next()
    wizard.collection_page.name_edit.setText("Updates")
    run_import(qtbot, wizard)
    first = {r.path: r.article_id for r in wizard.session.report.results}
    edited = folder / SEED_FILES[0].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA correction was appended.\n",
                      encoding="utf-8")  # fmt: skip

    wizard = open_wizard(qtbot, db_path, [folder])
    rows = to_preview(qtbot, wizard)
    item = wizard.session.rows[rows[edited.name]].item
    assert item.status is Status.NEW and "(updates it there)" in item.status_text
    wizard.next()
    page = wizard.collection_page
    page.existing_button.setChecked(True)
    page.existing_combo.setCurrentIndex(page.existing_combo.findData("Updates"))
    run_import(qtbot, wizard)
    report = wizard.session.report
    outcomes = {Path(r.path).name: (r.outcome, r.article_id) for r in report.results}
    assert outcomes[edited.name] == (Outcome.UPDATED, first[str(edited)])
    assert outcomes[SEED_FILES[1].name][0] is Outcome.DUPLICATE
    assert "1 updated" in wizard.report_page.summary.text()
    shown = [wizard.report_page.tree.topLevelItem(i) for i in range(2)]
    assert {item.text(2) for item in shown} == {"updated", "duplicate"}
    db = open_db(db_path)
    cid = collections.find(db, "Updates").id
    texts = db.execute("SELECT text FROM articles WHERE collection_id = ?", [cid]).fetchall()
    assert len(texts) == 2 and sum("A correction was appended." in t for (t,) in texts) == 1
    assert_only_whole_articles(db)
    db.conn.close()
