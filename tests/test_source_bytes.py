"""Every imported file keeps its bytes as read (issue 17, text hygiene): clean-up removes bidi
controls from the stored text, and the original stays there to be checked, byte for byte."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from spacy.language import Language

from app.cli import main
from app.core.ingest.importer import Outcome, import_paths
from app.core.store import originals
from app.core.store.db import open_db

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _spoof(path: Path) -> bytes:
    path.write_text(
        "Council vote delayed\n\n"
        "John Carter, the council leader, said the vote would wait. John \u202eretraC\u202c"
        " disagreed.\n\nJohn Carter said the delay was needed. The council meets on Monday.\n",
        encoding="utf-8",
    )
    return path.read_bytes()


def test_a_files_bytes_round_trip_while_its_text_is_cleaned(
    empty_db: sqlite_utils.Database,
    nlp: Language,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    data = _spoof(tmp_path / "spoof.txt")
    report = import_paths(empty_db, [tmp_path / "spoof.txt"], "C", nlp=nlp)
    (result,) = report.results
    assert result.outcome is Outcome.IMPORTED and result.article_id is not None
    assert "2 text-direction control character(s) removed" in (result.reason or "")
    (text,) = empty_db.execute("SELECT text FROM articles").fetchone()
    assert not any(c in text for c in BIDI)

    kept = originals.get(empty_db, result.article_id)
    assert kept is not None and kept.data == data and "\u202e" in kept.data.decode()
    assert kept.kept_as.startswith("file, zlib")  # text is stored compressed

    db_path = str(tmp_path / "empty.db")
    capsysbinary.readouterr()
    assert main(["show", str(result.article_id), "--original", "--db", db_path]) == 0
    assert capsysbinary.readouterr().out == data
    out = tmp_path / "original.txt"
    assert main(["show", str(result.article_id), "--original", "--out", str(out),
                 "--db", db_path]) == 0  # fmt: skip
    assert out.read_bytes() == data
    assert main(["show", str(result.article_id), "--db", db_path]) == 0
    assert b"original" in capsysbinary.readouterr().out


def test_compressed_bytes_are_kept_as_they_are(empty_db: sqlite_utils.Database) -> None:
    """PDF, DOCX or images do not shrink: they are stored uncompressed, not bigger."""
    empty_db.execute("INSERT INTO collections (name, created) VALUES ('C', 'now')")
    empty_db.execute(
        "INSERT INTO articles (collection_id, path, format, file_hash, text_hash, text,"
        " word_count, imported_at) VALUES (1, 'x.pdf', 'pdf', 'h', 't', 'x', 1, 'now')"
    )
    noise = os.urandom(50_000)
    with empty_db.atomic():
        originals.save(empty_db, 1, noise)
    kept = originals.get(empty_db, 1)
    assert kept is not None and kept.data == noise and kept.kept_as == "file, uncompressed"
    (stored,) = empty_db.execute("SELECT length(data) FROM source_files").fetchone()
    assert stored == len(noise)


def test_a_failed_store_leaves_neither_article_nor_bytes(
    empty_db: sqlite_utils.Database,
    nlp: Language,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bytes are written in the article's own transaction: all or nothing."""
    _spoof(tmp_path / "spoof.txt")

    def broken(db: sqlite_utils.Database, article_id: int, data: bytes) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(originals, "save", broken)
    with pytest.raises(sqlite3.OperationalError):
        import_paths(empty_db, [tmp_path / "spoof.txt"], "C", nlp=nlp)
    for table in ("articles", "blocks", "mentions", "source_files"):
        assert empty_db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_an_article_from_before_0009_says_its_bytes_were_not_kept(
    seeded_db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database migrated from before the table has articles without bytes: the CLI says so
    (exit 2, one line), and re-importing the file keeps them."""
    copy = tmp_path / "old.db"
    copy.write_bytes(seeded_db_file.read_bytes())
    db = open_db(copy)
    db.execute("DELETE FROM source_files")  # as after migrating a 0008 database
    db.conn.commit()
    (article,) = db.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()
    db.conn.close()
    assert main(["show", str(article), "--original", "--db", str(copy)]) == 2
    assert "keeps no original bytes" in capsys.readouterr().err


def test_a_preview_holds_no_bytes(empty_db: sqlite_utils.Database, tmp_path: Path) -> None:
    """The wizard's preview keeps every file it shows: the bytes are read again at import."""
    from app.core.ingest.preview import preview_paths

    _spoof(tmp_path / "spoof.txt")
    (item,) = preview_paths(empty_db, [tmp_path / "spoof.txt"])
    assert item.prepared.article is not None and item.prepared.original is None
