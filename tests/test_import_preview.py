"""Core of the import wizard (Qt-free): preview without storing, chosen files with edited
metadata, collection-name suggestion, folder survey, dropped URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from spacy.language import Language

from app.core.errors import ParallaxError
from app.core.ingest.discover import survey
from app.core.ingest.edits import apply_edits, check_edit
from app.core.ingest.importer import Outcome, import_files, import_paths
from app.core.ingest.naming import DEFAULT_NAME, article_names, normalise_mention, suggest_name
from app.core.ingest.preview import Status, preview_paths
from app.core.store import articles, collections
from app.gui.import_wizard.dropped import paths_from_urls, worth_importing

SEED_FILES = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {name: db[name].count for name in db.table_names() if not name.startswith("_")}


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_preview_reads_and_cleans_without_storing(seed_db: sqlite_utils.Database, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEED_FILES[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    copy = write(folder / "", "zz_copy.txt", SEED_FILES[0].read_bytes())
    write(folder, "empty.txt", b"")
    write(folder, "binary.txt", bytes(range(256)))
    before = table_counts(seed_db)

    items = list(preview_paths(seed_db, [folder]))

    assert table_counts(seed_db) == before
    by_name = {i.path.name: i for i in items}
    assert [i.path.name for i in items] == sorted(by_name)
    first = by_name[SEED_FILES[0].name]
    # Already stored in the demo collection: named with its collection.
    assert first.status is Status.DUPLICATE
    assert "'Borrell in Moscow'" in (first.reason or "")
    assert first.prepared.article is not None and first.prepared.words > 300
    assert first.prepared.article.metadata.title == (
        "Brussels defiant over controversial trip to Moscow"
    )
    assert by_name[copy.name].status is Status.DUPLICATE
    assert by_name["empty.txt"].status is Status.PROBLEM
    assert by_name["empty.txt"].status_text == "problem: empty file"
    assert "binary" in (by_name["binary.txt"].reason or "")


def test_preview_of_new_files_in_empty_db(empty_db: sqlite_utils.Database):
    items = list(preview_paths(empty_db, SEED_FILES))
    assert [i.status for i in items] == [Status.NEW] * len(SEED_FILES)
    assert all(i.reason is None and i.status_text == "new" for i in items)


def test_preview_stops_when_asked(empty_db: sqlite_utils.Database):
    items = list(preview_paths(empty_db, SEED_FILES, should_stop=lambda: True))
    assert items == []


def test_check_edit_normalises_and_refuses():
    assert check_edit("published", " 8 February 2021 ") == "2021-02-08"
    assert check_edit("title", "  ") is None
    assert check_edit("url", " https://example.org/a ") == "https://example.org/a"
    with pytest.raises(ParallaxError, match="not a date"):
        check_edit("published", "last Tuesday-ish")
    with pytest.raises(ParallaxError, match="not editable"):
        check_edit("text", "x")


def test_apply_edits_reports_only_real_changes(empty_db: sqlite_utils.Database):
    article = next(iter(preview_paths(empty_db, SEED_FILES[:1]))).prepared.article
    assert article is not None
    same, changed = apply_edits(article, {"title": article.metadata.title})
    assert same is article and changed == []
    edited, changed = apply_edits(article, {"source": "The Telegraph", "title": "T"})
    assert changed == ["source", "title"]
    assert edited.metadata.source == "The Telegraph" and edited.metadata.title == "T"
    assert edited.text == article.text and edited.blocks == article.blocks


def test_import_files_stores_chosen_files_with_edits(
    empty_db: sqlite_utils.Database, nlp: Language
):
    chosen = SEED_FILES[:3]
    edits = {
        str(chosen[0]): {"title": "Edited title", "published": "9 Feb 2021", "url": None},
        str(chosen[2]): {"source": "The Moscow Times"},  # what was detected: not an edit
    }
    report = import_files(empty_db, chosen, "Chosen", edits, nlp=nlp, n_process=1)

    assert [r.outcome for r in report.results] == [Outcome.IMPORTED] * 3
    rows = {
        r.path: r for r in articles.in_collection(empty_db, collections.find(empty_db, "Chosen").id)
    }
    assert set(rows) == {str(p) for p in chosen}  # nothing else from the folder
    first = rows[str(chosen[0])]
    assert (first.title, first.published, first.url) == ("Edited title", "2021-02-09", None)
    edited = {
        path: json.loads(empty_db.execute(
            "SELECT edited_fields FROM articles WHERE path = ?", [path]).fetchone()[0])
        for path in rows
    }  # fmt: skip
    assert edited[str(chosen[0])] == ["published", "title"]
    assert edited[str(chosen[1])] == [] and edited[str(chosen[2])] == []
    assert rows[str(chosen[2])].source == "The Moscow Times"


def test_import_files_refuses_bad_edits_before_storing(
    empty_db: sqlite_utils.Database, nlp: Language
):
    with pytest.raises(ParallaxError, match="not a date"):
        import_files(empty_db, SEED_FILES[:1], "X", {str(SEED_FILES[0]): {"published": "soon"}},
                     nlp=nlp)  # fmt: skip
    assert articles.count(empty_db) == 0


def test_cli_import_unchanged_duplicates_and_reasons(
    empty_db: sqlite_utils.Database, nlp: Language, tmp_path: Path
):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEED_FILES[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    write(folder, "zz_copy.txt", SEED_FILES[0].read_bytes())
    write(folder, "empty.txt", b"")
    first = import_paths(empty_db, [folder], "C", nlp=nlp, n_process=1)
    outcome = {Path(r.path).name: (r.outcome, r.reason) for r in first.results}
    assert outcome["empty.txt"] == (Outcome.SKIPPED, "empty file")
    assert outcome["zz_copy.txt"] == (
        Outcome.DUPLICATE,
        f"same file as {folder / SEED_FILES[0].name}",
    )
    again = import_paths(empty_db, [folder], "C", nlp=nlp, n_process=1)
    assert again.count(Outcome.IMPORTED) == 0 and again.count(Outcome.DUPLICATE) == 3
    assert again.results[0].reason == "same file (article 1)"


def test_names_suggest_a_collection_name(empty_db: sqlite_utils.Database, nlp: Language):
    items = list(preview_paths(empty_db, SEED_FILES))
    found = article_names(nlp, [i.prepared.article for i in items if i.prepared.article])
    suggestion = suggest_name([i.prepared.article.metadata.title for i in items], found)
    assert "Borrell" in suggestion.name
    assert "(5 of 5)" in suggestion.basis


def test_suggest_name_rules():
    def names(*texts: tuple[str, str]) -> list:
        return [normalise_mention(t, label) for t, label in texts]

    per_article = [
        names(("Josep Borrell", "PERSON"), ("Moscow", "GPE"), ("Lavrov", "PERSON")),
        names(("Mr Borrell", "PERSON"), ("Moscow", "GPE")),
        names(("Borrell", "PERSON"), ("the EU", "ORG"), ("Moscow’s", "GPE")),
    ]
    assert suggest_name([], per_article).name == "Borrell in Moscow"
    # No shared names: the words the titles share.
    titles = ["Vaccine talks stall in Brussels", "Brussels vaccine row deepens", "Sport"]
    assert suggest_name(titles, [[], [], []]).name == "Vaccine Brussels"
    assert suggest_name(["One", "Two"], []).name == DEFAULT_NAME


def test_survey_counts_importable_and_ignored(tmp_path: Path):
    write(tmp_path, "a.txt", b"x")
    write(tmp_path, "b.HTML", b"x")
    write(tmp_path, "c.png", b"x")
    write(tmp_path, ".hidden.txt", b"x")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "d.docx", b"x")
    (tmp_path / ".git").mkdir()
    found = survey([tmp_path, tmp_path / "missing.txt"])
    assert found.importable == {".txt": 1, ".html": 1, ".docx": 1}
    assert found.ignored == {".png file": 1, "hidden file": 1, "hidden folder": 1,
                             "no such file or folder": 1}  # fmt: skip
    flat = survey([tmp_path], recursive=False)
    assert flat.importable == {".txt": 1, ".html": 1}
    assert flat.ignored["sub-folder (not recursive)"] == 1


def test_dropped_urls_become_paths(tmp_path: Path):
    urls = [
        f"file://{tmp_path}/My%20Articles",
        "https://example.org/story.html",
        f"file://{tmp_path}/My%20Articles",
        "file://otherhost/share/a.txt",
        f"{tmp_path}/b.txt",
    ]
    assert paths_from_urls(urls) == [tmp_path / "My Articles", tmp_path / "b.txt"]
    assert worth_importing([tmp_path])
    assert worth_importing([tmp_path / "x.pdf"])
    assert not worth_importing([tmp_path / "x.exe"])


def test_core_and_wizard_helpers_never_load_qt():
    import subprocess
    import sys

    modules = [
        "app.core.ingest.preview", "app.core.ingest.prepare", "app.core.ingest.edits",
        "app.core.ingest.naming", "app.core.ingest.importer", "app.gui.import_wizard.session",
        "app.gui.import_wizard.tasks", "app.gui.import_wizard.dropped",
        "app.gui.import_wizard.article_html", "app.gui.task",
    ]  # fmt: skip
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    code += "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was loaded'\n"
    subprocess.run([sys.executable, "-c", code], check=True)
