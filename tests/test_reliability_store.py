"""The database under faults: an old schema migrates forward (with a copy kept first), backups
are consistent and restores checked, a full disk and a read-only database give clear errors and
leave the file intact."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlite_utils
from spacy.language import Language

from app.cli import main
from app.core.annotations import store as annotation_store
from app.core.annotations.model import new_annotation
from app.core.errors import ParallaxError
from app.core.ingest.importer import import_paths
from app.core.store.backup import KEEP_MIGRATION_BACKUPS, backup, inspect, restore
from app.core.store.db import open_db, schema_version
from app.core.store.schema import MIGRATIONS
from tests.conftest import ROOT
from tests.reliability_support import (
    assert_sound,
    distinct_articles,
    mounted_tmpfs,
    readonly_view,
)

RELEASE1 = Path(__file__).parent / "fixtures" / "release1.db"
ALL_MIGRATIONS = [m.name for m in MIGRATIONS.pending(sqlite_utils.Database(memory=True))]


def _checkpointed(db: sqlite_utils.Database) -> Path:
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(db.conn.execute("PRAGMA database_list").fetchone()[2])
    db.conn.close()
    return path


def test_release1_database_migrates_forward_and_keeps_its_data(
    tmp_path: Path, nlp: Language
) -> None:
    path = tmp_path / "old.db"
    shutil.copy(RELEASE1, path)
    with sqlite3.connect(path) as old:
        assert [r[0] for r in old.execute("SELECT name FROM _sqlite_migrations")] == [
            "0001_initial"
        ]
        texts = old.execute("SELECT id, path, text FROM articles ORDER BY id").fetchall()
        notes = old.execute("SELECT id, article_id, target, body FROM annotations").fetchall()
        mentions = old.execute("SELECT count(*) FROM mentions").fetchone()[0]

    db = open_db(path)
    assert schema_version(db) == ALL_MIGRATIONS
    assert db.execute("SELECT id, path, text FROM articles ORDER BY id").fetchall() == texts
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == mentions
    moved = db.execute(
        "SELECT id, article_id, target, body, collection_id, article_path, status"
        " FROM annotations ORDER BY id"
    ).fetchall()
    paths = dict(db.execute("SELECT id, path FROM articles").fetchall())
    assert [m[:4] for m in moved] == sorted(notes)
    assert all(m[4] == 1 and m[5] == paths[m[1]] and m[6] == "anchored" for m in moved)
    assert_sound(db)

    # The copy kept before migrating is the release-1 database itself.
    kept = tmp_path / "old.db.pre-0002_entities.bak"
    assert inspect(kept).migrations == ("0001_initial",)
    assert inspect(kept).articles == len(texts)

    # The app works on it: analysis (linking, alignment, re-anchoring) and export.
    from comparison_support import build_comparison

    from app.core.analysis import analyse_collection

    analyse_collection(db, 1)
    assert db.execute("SELECT count(*) FROM alignments").fetchone()[0] > 0
    assert db.execute("SELECT count(*) FROM mentions WHERE entity_id IS NULL").fetchone()[0] < (
        mentions
    )
    comparison = build_comparison(db, "Borrell in Moscow", None)
    assert len(comparison["articles"]) == 5
    assert [a.status for a in annotation_store.in_collection(db, 1)] == ["anchored"] * 3


def test_no_backup_for_new_or_current_databases(tmp_path: Path) -> None:
    open_db(tmp_path / "new.db").conn.close()
    open_db(tmp_path / "new.db").conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == []


def test_rolling_migration_backups_keep_the_last_three(tmp_path: Path) -> None:
    from app.core.store.backup import migration_backup

    path = tmp_path / "p.db"
    db = open_db(path)
    for i in range(6):
        migration_backup(db.conn, path, f"000{i}_step")
        time.sleep(0.01)
    kept = sorted(p.name for p in tmp_path.glob("p.db.pre-*.bak"))
    assert kept == [f"p.db.pre-000{i}_step.bak" for i in (3, 4, 5)]
    assert len(kept) == KEEP_MIGRATION_BACKUPS


def test_backup_is_consistent_while_another_connection_writes(
    seed_db: sqlite_utils.Database, tmp_path: Path
) -> None:
    db_path = _checkpointed(seed_db)
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        db = open_db(db_path)
        text, article_id, path = db.execute("SELECT text, id, path FROM articles").fetchone()
        while not stop.is_set():
            ann = new_annotation(1, article_id, path, text, 10, 30, note=f"n{len(written)}")
            written.append(annotation_store.create(db, ann).id or 0)
        db.conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    counts = []
    try:
        while len(written) < 20:
            time.sleep(0.01)
        for i in range(5):
            info = backup(db_path, tmp_path / f"copy{i}.db")  # inspect() checks integrity
            counts.append(info.annotations)
    finally:
        stop.set()
        thread.join()
    assert counts == sorted(counts) and counts[-1] > 0
    assert counts[-1] <= len(written)
    copy = open_db(tmp_path / "copy4.db")
    assert_sound(copy)
    ids = [r[0] for r in copy.execute("SELECT id FROM annotations ORDER BY id")]
    assert ids == written[: len(ids)]  # a prefix of what was written: no gaps, no half rows


def test_backup_and_restore_commands(
    seed_db: sqlite_utils.Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = _checkpointed(seed_db)
    saved = tmp_path / "saved.parallax"
    assert main(["backup", str(saved), "--db", str(db_path)]) == 0
    assert "backed up to" in capsys.readouterr().out

    db = open_db(db_path)
    text, article_id, path = db.execute("SELECT text, id, path FROM articles").fetchone()
    late = annotation_store.create(db, new_annotation(1, article_id, path, text, 0, 10))
    db.conn.close()

    assert main(["restore", str(saved), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert f"previous database kept as {db_path}.bak" in out
    restored = open_db(db_path)
    assert restored.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0
    assert_sound(restored)
    kept = open_db(Path(f"{db_path}.bak"))
    assert kept.execute("SELECT id FROM annotations").fetchall() == [(late.id,)]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"just some text, not a database at all", "not a usable database"),
        (b"", "not a Parallax database|not a usable"),
        ("truncated", "not a usable database|damaged"),
        ("foreign", "not a Parallax database"),
    ],
)
def test_restore_refuses_bad_files_and_changes_nothing(
    seed_db: sqlite_utils.Database, tmp_path: Path, content: bytes | str, reason: str
) -> None:
    db_path = _checkpointed(seed_db)
    before = db_path.read_bytes()
    bad = tmp_path / "bad.db"
    if content == "truncated":
        bad.write_bytes(before[: len(before) // 3])
    elif content == "foreign":
        with sqlite3.connect(bad) as other:
            other.execute("CREATE TABLE things (id INTEGER)")
    else:
        bad.write_bytes(content)  # type: ignore[arg-type]
    with pytest.raises(ParallaxError, match=reason):
        restore(bad, db_path)
    assert db_path.read_bytes() == before
    assert not Path(f"{db_path}.bak").exists()


def test_disk_full_limit_gives_clear_error_and_no_damage(
    seed_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    """SQLite's own size limit (max_page_count) fails writes exactly as a full disk does."""
    articles = seed_db.execute("SELECT count(*) FROM articles").fetchone()[0]
    pages = seed_db.execute("PRAGMA page_count").fetchone()[0]
    seed_db.execute(f"PRAGMA max_page_count = {pages + 5}")
    files = distinct_articles(tmp_path / "more", 3)
    with pytest.raises(sqlite3.OperationalError, match="full"):
        import_paths(seed_db, files, "Borrell in Moscow", nlp=nlp, n_process=1)
    seed_db.execute(f"PRAGMA max_page_count = {2**31}")
    stored = seed_db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert articles <= stored < articles + len(files)  # those that fitted, each one whole
    assert_sound(seed_db)


def test_full_disk_import_via_cli_is_a_clear_error(
    seed_db: sqlite_utils.Database, tmp_path: Path
) -> None:
    """A real full file system (a small tmpfs; needs root and mount rights, else skipped)."""
    source = _checkpointed(seed_db)
    mount = tmp_path / "small"
    size = source.stat().st_size + 300 * 1024
    with mounted_tmpfs(mount, str(size)) as ok:
        if not ok:
            pytest.skip("cannot mount a tmpfs here")
        db_path = mount / "full.db"
        shutil.copy(source, db_path)
        files = distinct_articles(tmp_path / "more", 40)
        result = subprocess.run(
            [sys.executable, "-m", "app", "import", *map(str, files), "--db", str(db_path),
             "--collection", "Borrell in Moscow", "--processes", "1"],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "parallax: database error: the disk" in result.stderr
        db = sqlite3.connect(db_path)
        assert_sound(db)
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        db.close()
        assert result.stdout.count("imported ") == stored - 5


def test_read_only_database_is_refused_clearly(
    seed_db: sqlite_utils.Database, tmp_path: Path
) -> None:
    source = _checkpointed(seed_db)
    before = source.read_bytes()
    view = tmp_path / "ro"
    with readonly_view(source.parent, view) as ok:
        if not ok:
            pytest.skip("cannot bind-mount read-only here")
        with pytest.raises(ParallaxError, match="is read-only"):
            open_db(view / source.name)
        result = subprocess.run(
            [sys.executable, "-m", "app", "list", "--db", str(view / source.name)],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 2 and "is read-only" in result.stderr
        assert "Traceback" not in result.stderr
    assert source.read_bytes() == before


def test_database_turning_read_only_mid_session_fails_cleanly(
    seed_db: sqlite_utils.Database,
) -> None:
    text, article_id, path = seed_db.execute("SELECT text, id, path FROM articles").fetchone()
    count = seed_db.execute("SELECT count(*) FROM annotations").fetchone()[0]
    seed_db.execute("PRAGMA query_only = ON")
    with pytest.raises(sqlite3.OperationalError, match="readonly") as caught:
        annotation_store.create(seed_db, new_annotation(1, article_id, path, text, 0, 5))
    from app.core.store.backup import describe

    assert "read-only" in describe(caught.value)
    seed_db.execute("PRAGMA query_only = OFF")
    assert seed_db.execute("SELECT count(*) FROM annotations").fetchone()[0] == count
    assert_sound(seed_db)
