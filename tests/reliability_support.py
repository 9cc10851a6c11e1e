"""Helpers for the reliability tests: real files, real mounts when the sandbox allows them."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from app.core.store.db import open_db
from tests.conftest import SEED_FILES


def distinct_articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    """`count` seed-based articles with distinct texts (none is a duplicate of another)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [path.read_text(encoding="utf-8") for path in SEED_FILES]
    made = []
    for i in range(start, start + count):
        path = folder / f"article_{i:04}.txt"
        path.write_text(
            texts[i % len(texts)] + f"\n\nCorrection number {i} was appended by the editors.\n",
            encoding="utf-8",
        )
        made.append(path)
    return made


def assert_sound(db: sqlite_utils.Database | sqlite3.Connection) -> None:
    """Integrity, foreign keys, and only whole articles (each with blocks, statements, parse,
    and a full-text row)."""
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in ("blocks", "statements", "article_docs"):
        missing = conn.execute(
            f"SELECT count(*) FROM articles a WHERE NOT EXISTS"
            f" (SELECT 1 FROM {table} t WHERE t.article_id = a.id)"
        ).fetchone()[0]
        assert missing == 0, f"{missing} article(s) without {table}"
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == articles


@contextlib.contextmanager
def _mounted(arguments: list[str], where: Path) -> Iterator[bool]:
    """Run `mount arguments… where`; yields False when mounting is not allowed here."""
    where.mkdir(parents=True, exist_ok=True)
    if subprocess.run(["mount", *arguments, str(where)], capture_output=True).returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def mounted_tmpfs(where: Path, size: str) -> contextlib.AbstractContextManager[bool]:
    """A tmpfs of `size` bytes mounted at `where` (False when not allowed)."""
    return _mounted(["-t", "tmpfs", "-o", f"size={size}", "tmpfs"], where)


def readonly_view(folder: Path, where: Path) -> contextlib.AbstractContextManager[bool]:
    """`folder` seen read-only at `where` through a bind mount (False when not allowed)."""
    return _mounted(["--bind", "-o", "ro", str(folder)], where)


def mark_newer_schema(path: Path) -> None:
    """Make the database at `path` look written by a newer Parallax (a migration this one does
    not know), as the read-only tests need."""
    db = open_db(path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('parallax', '9999_from_the_future', '2030-01-01')"
    )
    db.conn.commit()
    db.conn.close()
