"""Open the database: default location, pragmas that make it safe, migrations applied."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import sqlite_utils

from app.core.errors import ParallaxError
from app.core.store.backup import describe, migration_backup
from app.core.store.schema import MIGRATIONS

log = logging.getLogger("parallax.db")

APP_NAME = "parallax"


def default_db_path() -> Path:
    override = os.environ.get("PARALLAX_DB")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "parallax.db"


class Database(sqlite_utils.Database):
    """sqlite-utils' Database whose write transactions take the write lock when they begin.

    A deferred BEGIN that reads first and writes later cannot wait for another writer: if that
    writer commits in between, SQLite answers SQLITE_BUSY at once, whatever the busy timeout.
    BEGIN IMMEDIATE waits (busy_timeout) instead, so the GUI, the CLI and a background analysis
    can share one database file.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():  # nested: a savepoint
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


def open_db(path: str | Path | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at `path` (default: user data dir)."""
    target = Path(path) if path else default_db_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _check_writable(target)
        newer = _check_ours(target)  # before WAL or a migration table touches a foreign file
        if newer is not None:
            return _open_read_only(target, newer)
        conn = sqlite3.connect(target, timeout=10.0)
        # WAL: readers never block the writer and a crash mid-write leaves the old state intact.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        db = Database(conn)
        _backup_before_migrations(db, target)
        MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as exc:
        raise ParallaxError(f"cannot open database {target}: {describe(exc)}") from exc
    except OSError as exc:
        raise ParallaxError(f"cannot create database {target}: {exc.strerror or exc}") from exc
    return db


def _check_ours(target: Path) -> str | None:
    """Refuse, changing nothing, a SQLite file of another application; return the schema of a
    database made by a newer Parallax (migrations this release does not know), else None."""
    if not target.exists() or target.stat().st_size == 0:
        return None  # a new database
    conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return None  # an empty database: ours to fill
        applied = []
        if "_sqlite_migrations" in tables:
            applied = [row[0] for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATIONS.name]
            )]  # fmt: skip
    finally:
        conn.close()
    if not applied:
        shown = ", ".join(sorted(t for t in tables if not t.startswith("sqlite_"))[:5])
        raise ParallaxError(
            f"{target} is not a Parallax database (it holds other tables: {shown}); nothing was"
            " changed in it — choose another file with --db"
        )
    known = {m.name for m in MIGRATIONS._migrations}
    if any(name not in known for name in applied):
        return str(max(applied))
    return None


class ReadOnlyDatabase(Database):
    """A database made by a newer Parallax, opened without changing it: reading works as far
    as the schema still fits; any write fails as on a read-only file."""

    notice: str = ""


def _open_read_only(target: Path, schema: str) -> ReadOnlyDatabase:
    conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
    conn.execute("PRAGMA busy_timeout=10000")
    db = ReadOnlyDatabase(conn)
    db.notice = (
        f"{target} was made by a newer Parallax (schema {schema}); opened read-only — update"
        " the app to change it"
    )
    log.info("%s", db.notice)  # the CLI and the reader show it themselves
    return db


def _check_writable(target: Path) -> None:
    """SQLite needs to write the file and, in WAL mode, create `-wal`/`-shm` beside it; say so
    plainly instead of SQLite's "unable to open database file". (access() also reports a
    read-only mount for root, whom file permissions do not stop.)"""
    where = target if target.exists() else target.parent
    if not os.access(where, os.W_OK) or not os.access(target.parent, os.W_OK):
        raise ParallaxError(
            f"database {target} is read-only (the file or its folder cannot be written); "
            "Parallax needs to write there: copy it to a writable folder or use --db"
        )


def _backup_before_migrations(db: sqlite_utils.Database, target: Path) -> None:
    """Keep a copy of an existing database before a migration rewrites it: a migration that
    fails half-way, or a newer release people want to step back from, then loses nothing."""
    pending = MIGRATIONS.pending(db)
    if not pending or not db["collections"].exists():
        return  # up to date, or a new database: nothing to keep
    saved = migration_backup(db.conn, target, pending[0].name)
    log.info("kept a copy of %s before migrating: %s", target, saved)


def schema_version(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in MIGRATIONS.applied(db)]
