"""The one path for background work: a worker object on its own QThread that opens its OWN
SQLite connection (sqlite3 connections belong to the thread that made them), runs core calls
and sends results back by signal. Every request carries a revision; answers to an older
revision than the latest are dropped, so a slow answer never overwrites a newer view."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils
from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger("parallax.ui")

Job = Callable[[sqlite_utils.Database], Any]


class _Worker(QObject):
    done = Signal(int, str, object)  # revision, kind, result
    failed = Signal(int, str, str)  # revision, kind, message

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self._db_path = db_path
        self._db: sqlite_utils.Database | None = None

    @Slot(int, str, object)
    def run(self, revision: int, kind: str, job: Job) -> None:
        from app.core.errors import ParallaxError
        from app.core.store.db import open_db

        try:
            if self._db is None:
                self._db = open_db(self._db_path)  # made here, on the worker thread
            self.done.emit(revision, kind, job(self._db))
        except ParallaxError as exc:
            self.failed.emit(revision, kind, str(exc))
        except Exception:  # a bug: logged with its traceback and shown, never swallowed
            log.exception("background job %s failed", kind)
            self.failed.emit(revision, kind, traceback.format_exc(limit=4))

    @Slot()
    def close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None


class BackgroundRunner(QObject):
    """Submit jobs by kind; only the newest revision of each kind is delivered."""

    finished = Signal(str, object)  # kind, result
    failed = Signal(str, str)  # kind, message
    _submit = Signal(int, str, object)
    _close = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("parallax-worker")
        self._worker = _Worker(db_path)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._close.connect(self._worker.close)
        self._worker.done.connect(self._done)
        self._worker.failed.connect(self._failed)
        self._latest: dict[str, int] = {}
        self._revision = 0
        self.pending: set[str] = set()
        self._thread.start()

    def submit(self, kind: str, job: Job) -> int:
        self._revision += 1
        self._latest[kind] = self._revision
        self.pending.add(kind)
        self._submit.emit(self._revision, kind, job)
        return self._revision

    def cancel(self, kind: str) -> None:
        """Forget the answer to the running job of this kind (the job itself runs to its end)."""
        self._latest[kind] = -1
        self.pending.discard(kind)

    def _done(self, revision: int, kind: str, result: object) -> None:
        if self._latest.get(kind) != revision:
            log.debug("dropped stale %s result (revision %d)", kind, revision)
            return
        self.pending.discard(kind)
        self.finished.emit(kind, result)

    def _failed(self, revision: int, kind: str, message: str) -> None:
        if self._latest.get(kind) == revision:
            self.pending.discard(kind)
            self.failed.emit(kind, message)

    def shutdown(self) -> None:
        self._close.emit()
        self._thread.quit()
        self._thread.wait(10_000)
