"""What a background task sees and what it reports: `TaskContext`, `TaskHandle`, `Outcome`,
`Changes`. Qt-free on purpose: task code (app/gui/import_wizard/tasks.py, pdf_export/child.py)
imports only this, so it cannot reach Qt by accident (issue 13). The runner is runner.py."""

from __future__ import annotations

import enum
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import ParallaxError

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger("parallax.ui")


class TaskCancelled(Exception):
    """Raised by a task (or `ctx.check()`) when it stops because it was asked to; `partial` is
    what it did before stopping (e.g. the report of the articles already imported)."""

    def __init__(self, partial: Any = None) -> None:
        super().__init__("cancelled")
        self.partial = partial


@dataclass(frozen=True, slots=True)
class Changes:
    """What a task changed, so the window refreshes only that (Anki's OpChanges)."""

    library: bool = False  # collections or articles added, removed or renamed
    analysis: frozenset[int] = frozenset()  # collections whose entities / alignments changed
    annotations: bool = False
    files: tuple[Path, ...] = ()  # files written outside the database

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.library or other.library,
            self.analysis | other.analysis,
            self.annotations or other.annotations,
            self.files + tuple(f for f in other.files if f not in self.files),
        )

    @property
    def empty(self) -> bool:
        return self == Changes()


class Status(enum.Enum):
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str
    status: Status
    value: Any = None
    error: str = ""  # for the user; a bug's traceback is in the log as well
    changes: Changes = field(default_factory=Changes)
    cancel_too_late: bool = False  # asked to stop, but the task had already finished its work


Work = Callable[["TaskContext"], Any]
Progress = Callable[[Any], None]
Done = Callable[[Outcome], None]


class TaskContext:
    """What a running task may use. Every method is safe on the worker thread: none calls Qt."""

    def __init__(self, handle: TaskHandle, db_path: Path | None, post: Callable[[Event], None]):
        self._handle = handle
        self._db_path = db_path
        self._post = post
        self._db: sqlite_utils.Database | None = None
        self.changes = Changes()

    @property
    def db(self) -> sqlite_utils.Database:
        """This task's own connection, opened here on first use and closed when it ends."""
        if self._db is None:
            if self._db_path is None:
                raise ParallaxError("this task has no database")
            from app.core.store.db import open_db

            self._db = open_db(self._db_path)
        return self._db

    def report(self, value: Any) -> None:
        """Progress: delivered to the task's `on_progress` on the GUI thread."""
        self._post(Event(self._handle, "progress", value))

    def cancelled(self) -> bool:
        return self._handle.cancel_requested

    def check(self) -> None:
        """Between two units of work: stop here if asked to."""
        if self._handle.cancel_requested:
            raise TaskCancelled

    def changed(self, changes: Changes) -> None:
        """Record a change as soon as it is committed: a task stopped later still reports it."""
        self.changes = self.changes | changes

    def on_cancel(self, callback: Callable[[], None]) -> None:
        """Run `callback` (on the thread that cancels) when a cancel is asked for; at once if
        it already was. For work that a flag cannot interrupt, e.g. killing a child process."""
        self._handle._add_cancel_callback(callback)

    def _close(self) -> None:
        if self._db is not None:
            try:
                self._db.conn.close()
            finally:
                self._db = None


class TaskHandle:
    """One submitted task, as the GUI sees it."""

    _ids = itertools.count(1)

    def __init__(self, kind: str, work: Work, on_progress: Progress | None, on_done: Done | None):
        self.id = next(self._ids)
        self.kind = kind
        self.work = work
        self.on_progress = on_progress
        self.on_done = on_done
        self.outcome: Outcome | None = None  # set on the GUI thread when delivered
        self.started = False
        self.silenced = False  # replaced or discarded: nothing more is delivered
        self._cancel = threading.Event()
        self._ended = threading.Event()  # set on the worker thread when the work returns
        self._lock = threading.Lock()
        self._cancel_callbacks: list[Callable[[], None]] = []

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @property
    def finished(self) -> bool:
        """The outcome has been delivered (or would have been, for a silenced task)."""
        return self.outcome is not None

    def cancel(self) -> None:
        with self._lock:
            self._cancel.set()
            callbacks, self._cancel_callbacks = self._cancel_callbacks, []
        for callback in callbacks:
            _call_safely(callback)

    def discard(self) -> None:
        """Cancel and deliver nothing more (its owner is going away or has replaced it)."""
        self.silenced = True
        self.cancel()

    def wait(self, seconds: float) -> bool:
        """Block until the work has returned (used when an owner closes)."""
        return self._ended.wait(seconds)

    def _add_cancel_callback(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if not self._cancel.is_set():
                self._cancel_callbacks.append(callback)
                return
        _call_safely(callback)

    def __repr__(self) -> str:
        return f"<TaskHandle {self.id} {self.kind}>"


@dataclass(frozen=True, slots=True)
class Event:
    handle: TaskHandle
    what: str  # "progress" | "outcome"
    value: Any


def _call_safely(callback: Callable[[], None]) -> None:
    try:
        callback()
    except Exception:
        log.exception("cancel callback failed")
