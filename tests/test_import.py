"""Import into a real SQLite file with the real model: outcomes, duplicates, bad files, spans."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlite_utils
from spacy.language import Language

from app.core.ingest.importer import Outcome, import_paths
from app.core.store import articles
from tests.conftest import SEED_FILES
from tests.filemakers import ARTICLE_PARAGRAPHS, write_docx, write_html, write_pdf


def test_seeds_import_with_spans_inside_the_text(seed_db: sqlite_utils.Database) -> None:
    rows = articles.in_collection(seed_db, 1)
    assert len(rows) == 5
    for row in rows:
        blocks = articles.blocks(seed_db, row.id)
        statements = articles.statements(seed_db, row.id)
        assert len(statements) >= len(blocks) >= 10
        for st in statements:
            # A statement never crosses a block boundary and keeps its block's role.
            owner = [b for b in blocks if b.start <= st.start and st.end <= b.end]
            assert len(owner) == 1 and owner[0].role is st.role
            assert row.text[st.start : st.end].strip() == row.text[st.start : st.end]
        mentions = seed_db.execute(
            'SELECT start, "end", text FROM mentions WHERE article_id = ?', [row.id]
        ).fetchall()
        assert mentions and all(row.text[s:e] == t for s, e, t in mentions)
    texts = {m for (m,) in seed_db.execute("SELECT text FROM mentions").fetchall()}
    assert {"Josep Borrell", "Navalny", "Moscow"} <= texts


def test_reimport_adds_nothing_and_renamed_copy_is_duplicate(
    seed_db: sqlite_utils.Database, nlp: Language, tmp_path: Path
) -> None:
    before = articles.count(seed_db)
    again = import_paths(seed_db, SEED_FILES, "Borrell in Moscow", nlp=nlp)
    assert again.count(Outcome.DUPLICATE) == 5 and again.count(Outcome.IMPORTED) == 0
    copy = shutil.copy(SEED_FILES[0], tmp_path / "renamed.txt")
    # Same text, other bytes (Windows line ends): still the same article.
    Path(copy).write_bytes(SEED_FILES[0].read_bytes().replace(b"\n", b"\r\n"))
    report = import_paths(seed_db, [Path(copy)], "Borrell in Moscow", nlp=nlp)
    assert report.results[0].outcome is Outcome.DUPLICATE
    assert "same text as" in (report.results[0].reason or "")
    assert articles.count(seed_db) == before


def test_bad_files_are_reported_and_the_rest_imported(
    empty_db: sqlite_utils.Database, nlp: Language, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "latin1.txt").write_bytes(
        ("Le ministre a déclaré à Bruxelles que les élèves étaient déçus. " * 3).encode("cp1252")
    )
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)
    (folder / ".hidden.txt").write_text("hidden files are skipped")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    write_html(folder / "sub" / "page.html", "Ministers meet in Brussels", ARTICLE_PARAGRAPHS)
    write_pdf(folder / "sub" / "doc.pdf", ARTICLE_PARAGRAPHS[::-1])
    write_docx(folder / "sub" / "doc.docx", [*ARTICLE_PARAGRAPHS, "A fourth paragraph."])
    shutil.copy(SEED_FILES[4], folder / "sub" / "seed.txt")
    (folder / "link").symlink_to(folder, target_is_directory=True)  # a loop, never followed

    report = import_paths(empty_db, [folder], "Mixed", nlp=nlp)
    outcome = {Path(r.path).name: (r.outcome, r.reason) for r in report.results}
    assert outcome["empty.txt"] == (Outcome.SKIPPED, "empty file")
    assert outcome["binary.txt"][0] is Outcome.SKIPPED and "binary" in outcome["binary.txt"][1]
    assert outcome["huge.txt"][0] is Outcome.SKIPPED and "too large" in outcome["huge.txt"][1]
    imported = {name for name, (o, _) in outcome.items() if o is Outcome.IMPORTED}
    assert imported == {"latin1.txt", "page.html", "doc.pdf", "doc.docx", "seed.txt"}
    assert ".hidden.txt" not in outcome and "picture.png" not in outcome
    assert articles.count(empty_db) == 5
    latin = next(r for r in articles.in_collection(empty_db, 1) if r.path.endswith("latin1.txt"))
    assert "déclaré à Bruxelles" in latin.text


def test_cancel_keeps_whole_articles(empty_db: sqlite_utils.Database, nlp: Language) -> None:
    seen: list[str] = []
    report = import_paths(
        empty_db, SEED_FILES, "Cancelled", nlp=nlp,
        progress=lambda done, total, result: seen.append(result.path),
        should_stop=lambda: len(seen) >= 2,
    )  # fmt: skip
    assert report.cancelled and report.count(Outcome.IMPORTED) == 2
    assert articles.count(empty_db) == 2
    orphan_docs = empty_db.execute(
        "SELECT count(*) FROM articles a LEFT JOIN article_docs d ON d.article_id = a.id"
        " WHERE d.article_id IS NULL"
    ).fetchone()[0]
    assert orphan_docs == 0


def test_two_processes_give_the_same_analysis(
    empty_db: sqlite_utils.Database, nlp: Language, tmp_path: Path
) -> None:
    one = import_paths(empty_db, SEED_FILES[:3], "One", nlp=nlp, n_process=1)
    two = import_paths(empty_db, SEED_FILES[:3], "Two", nlp=nlp, n_process=2)
    assert one.count(Outcome.IMPORTED) == two.count(Outcome.IMPORTED) == 3

    def spans(collection_id: int) -> list[tuple[int, int, str]]:
        return empty_db.execute(
            'SELECT m.start, m."end", m.label FROM mentions m JOIN articles a'
            " ON a.id = m.article_id WHERE a.collection_id = ? ORDER BY a.path, m.start",
            [collection_id],
        ).fetchall()

    assert spans(1) == spans(2)


def test_metadata_edits_persist_and_are_remembered(seed_db: sqlite_utils.Database) -> None:
    row = articles.in_collection(seed_db, 1)[0]
    articles.update_metadata(seed_db, row.id, source="The Telegraph", published="2021-02-08")
    edited = articles.get(seed_db, row.id)
    assert edited.source == "The Telegraph"
    fields = seed_db.execute("SELECT edited_fields FROM articles WHERE id = ?", [row.id])
    assert fields.fetchone()[0] == '["published", "source"]'


def test_full_text_search(seed_db: sqlite_utils.Database) -> None:
    hits = articles.search(seed_db, "Sputnik")
    assert len(hits) == 2 and all("[Sputnik]" in snippet for _, _, snippet in hits)
    assert articles.search(seed_db, "Novichok")[0][0] == 3


def test_a_long_article_reports_progress_inside_it(tmp_path: Path, nlp: Language) -> None:
    """Issue 17: a long file shows how far its analysis is, not only when it is done."""
    from app.core.ingest.importer import PART_PROGRESS_MIN, import_paths
    from app.core.store.db import open_db

    paragraphs = [f"Paragraph {i}: the council met on Tuesday and voted on the budget."
                  for i in range(PART_PROGRESS_MIN * 3)]  # fmt: skip
    long = tmp_path / "long.txt"
    long.write_text("A long article\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text("A short one\n\nThe council met on Monday and voted on the plan.\n")
    told: list[tuple[str, int, int]] = []
    import_paths(open_db(tmp_path / "r.db"), [long, short], "P", nlp=nlp, n_process=1,
                 on_part=lambda name, done, total: told.append((name, done, total)))  # fmt: skip
    assert {name for name, _, _ in told} == {str(long)}  # a short article says nothing
    done = [d for _, d, _ in told]
    assert done == sorted(done) and told[-1][1] == told[-1][2] >= PART_PROGRESS_MIN
