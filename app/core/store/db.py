"""Open the database: default location, pragmas that make it safe, migrations applied."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import platformdirs
import sqlite_utils

from app.core.errors import ParallaxError
from app.core.store.schema import MIGRATIONS

log = logging.getLogger("parallax.db")

APP_NAME = "parallax"


def default_db_path() -> Path:
    override = os.environ.get("PARALLAX_DB")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "parallax.db"


def open_db(path: str | Path | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at `path` (default: user data dir)."""
    target = Path(path) if path else default_db_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(target, timeout=10.0)
        # WAL: readers never block the writer and a crash mid-write leaves the old state intact.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        db = sqlite_utils.Database(conn)
        MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as exc:
        raise ParallaxError(f"cannot open database {target}: {exc}") from exc
    except OSError as exc:
        raise ParallaxError(f"cannot create database {target}: {exc.strerror or exc}") from exc
    return db


def schema_version(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in MIGRATIONS.applied(db)]
