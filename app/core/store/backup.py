"""Backups of the database: a consistent copy while others write, a checked restore, and the
rolling copies kept before a migration changes an existing database.

All copies go through SQLite's online backup API, never a file copy: a file copy of a WAL
database taken while another process writes can miss the WAL's pages or catch half a commit.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import ParallaxError

KEEP_MIGRATION_BACKUPS = 3
# Tables every Parallax database has had since the first release.
_REQUIRED_TABLES = ("_sqlite_migrations", "collections", "articles")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    articles: int
    annotations: int
    migrations: tuple[str, ...]


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent snapshot of `source` to `target` (replaced atomically when done)."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        dest = sqlite3.connect(partial)
        try:
            # pages=-1: one step under one read transaction, so the copy is a single snapshot
            # even while another connection commits (WAL lets that writer go on meanwhile).
            source.backup(dest, pages=-1)
            dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            dest.close()
        os.replace(partial, target)
    except sqlite3.Error as exc:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise ParallaxError(f"backup to {target} failed: {describe(exc)}") from exc
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise ParallaxError(f"backup to {target} failed: {exc.strerror or exc}") from exc


def backup(db_path: Path, target: Path) -> BackupInfo:
    """Back up the database file at `db_path` to `target` and check the copy."""
    db_path, target = Path(db_path), Path(target)
    if not db_path.exists():
        raise ParallaxError(f"no database at {db_path}")
    if target.resolve() == db_path.resolve():
        raise ParallaxError("the backup file cannot be the database itself")
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10.0)
    try:
        copy_database(source, target)
    finally:
        source.close()
    return inspect(target)


def inspect(path: Path) -> BackupInfo:
    """Check that `path` is a sound Parallax database; raise ParallaxError saying why not."""
    path = Path(path)
    if not path.is_file():
        raise ParallaxError(f"{path} is not a file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise ParallaxError(f"{path} is damaged: {check}")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            missing = [t for t in _REQUIRED_TABLES if t not in tables]
            if missing:
                raise ParallaxError(
                    f"{path} is not a Parallax database (no {', '.join(missing)} table)"
                )
            migrations = tuple(
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = 'parallax'"
                    " ORDER BY rowid"
                )
            )
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            annotations = (
                conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
                if "annotations" in tables
                else 0
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ParallaxError(f"{path} is not a usable database: {describe(exc)}") from exc
    return BackupInfo(path, int(articles), int(annotations), migrations)


def restore(backup_file: Path, db_path: Path) -> tuple[BackupInfo, Path | None]:
    """Replace the database at `db_path` with `backup_file` after checking it.

    The current database (if any) is first kept as `<name>.bak`. The restore writes through
    the backup API into the live file, so other connections see either the old or the new
    database, never a mixture. Returns the restored file's info and the .bak path."""
    backup_file, db_path = Path(backup_file), Path(db_path)
    info = inspect(backup_file)
    kept: Path | None = None
    if db_path.exists() and db_path.stat().st_size > 0:
        kept = db_path.with_name(db_path.name + ".bak")
        live = sqlite3.connect(db_path, timeout=10.0)
        try:
            copy_database(live, kept)
        finally:
            live.close()
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(db_path, timeout=10.0)
        try:
            target.execute("PRAGMA journal_mode=WAL")
            source.backup(target, pages=-1)
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise ParallaxError(f"restore into {db_path} failed: {describe(exc)}") from exc
    finally:
        source.close()
    return info, kept


def migration_backup(conn: sqlite3.Connection, db_path: Path, migration: str) -> Path:
    """Copy the database to `<name>.pre-<migration>.bak` before `migration` runs; keep the
    newest KEEP_MIGRATION_BACKUPS such copies and delete older ones."""
    target = db_path.with_name(f"{db_path.name}.pre-{migration}.bak")
    copy_database(conn, target)
    previous = sorted(
        db_path.parent.glob(f"{db_path.name}.pre-*.bak"),
        key=lambda p: (p.stat().st_mtime_ns, p.name),
    )
    for old in previous[:-KEEP_MIGRATION_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def describe(exc: sqlite3.Error) -> str:
    """A user-facing sentence for the SQLite errors people actually meet."""
    text = str(exc)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only (file or folder not writable); nothing was changed"
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return "the disk (or the database's size limit) is full; the last change was not saved"
    if "locked" in lowered or "busy" in lowered:
        return "the database is busy in another program; try again in a moment"
    if "not a database" in lowered or "malformed" in lowered:
        return f"the file is not a usable database ({text})"
    if "unable to open" in lowered:
        return "the database file cannot be opened (missing folder or no permission)"
    return text
