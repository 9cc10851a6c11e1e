"""The one path for background work in the reader: `TaskRunner`.

Why it looks like this (issue 13): Python code that creates a QObject or connects a signal on a
worker thread holds the GIL while it waits for Qt's signal-slot mutex; the GUI thread, in a
connect or disconnect, holds that mutex while it waits for the GIL. Qt shares those mutexes
between unrelated objects, so any such call off the GUI thread can deadlock the whole process.
So here the worker is a plain Python thread that never calls Qt at all:

- A task is a function `work(ctx) -> value` that runs on the worker thread. It touches no
  widget, creates no QObject and makes no connection; it talks to the GUI only through `ctx`.
- `ctx.report(value)` (progress), the value returned (result) and any exception (error) go into
  one thread-safe queue. The GUI thread drains that queue on a timer and calls the task's
  callbacks there, so every callback runs on the GUI thread.
- Cancel is a flag. The task checks it between units of work (`ctx.cancelled()` / `ctx.check()`);
  a task that ends normally although a cancel was asked for is reported as "cancel too late".
- One database connection per task, opened on the worker thread on first use (a sqlite3
  connection belongs to the thread that made it) and closed when the task ends.
- A result says what it changed (`Changes`, after Anki's OpChanges), so the window refreshes
  only that.

Tasks run one after the other, in the order submitted (one worker thread per runner): writers
never race each other, and a task queued behind a busy one can be cancelled before it starts.
"""

from __future__ import annotations

import enum
import itertools
import logging
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.errors import ParallaxError

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger("parallax.ui")

THREAD_NAME = "parallax-runner"
POLL_MS = 10  # how often the GUI thread looks for news while a task is outstanding


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

    def __init__(self, handle: TaskHandle, db_path: Path | None, post: Callable[[_Event], None]):
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

    @property
    def db_path(self) -> Path | None:
        return self._db_path

    def report(self, value: Any) -> None:
        """Progress: delivered to the task's `on_progress` on the GUI thread."""
        self._post(_Event(self._handle, "progress", value))

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
class _Event:
    handle: TaskHandle
    what: str  # "progress" | "outcome"
    value: Any


def _call_safely(callback: Callable[[], None]) -> None:
    try:
        callback()
    except Exception:
        log.exception("cancel callback failed")


class TaskRunner(QObject):
    """Runs tasks off the GUI thread, one after the other, and reports on the GUI thread.

    `submit(kind, work)` replaces (cancels and silences) an unfinished task of the same kind
    unless `replace=False`: a newer request makes the older answer worthless."""

    outcome = Signal(object)  # every delivered Outcome, after the task's own callback

    def __init__(self, db_path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path) if db_path is not None else None
        self._tasks: queue.SimpleQueue[TaskHandle | None] = queue.SimpleQueue()
        self._events: queue.SimpleQueue[_Event] = queue.SimpleQueue()
        self._open: list[TaskHandle] = []  # submitted, outcome not yet delivered
        self._thread: threading.Thread | None = None
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.deliver)

    # -- the GUI side ----------------------------------------------------------------------
    def submit(
        self,
        kind: str,
        work: Work,
        on_progress: Progress | None = None,
        on_done: Done | None = None,
        replace: bool = True,
    ) -> TaskHandle:
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        if replace:
            for older in self._open:
                if older.kind == kind:
                    older.discard()
        handle = TaskHandle(kind, work, on_progress, on_done)
        self._open.append(handle)
        self._ensure_thread()
        self._tasks.put(handle)
        self._timer.start()
        return handle

    @property
    def pending(self) -> set[str]:
        """Kinds with a task whose outcome is still to come (silenced ones excluded)."""
        return {h.kind for h in self._open if not h.silenced}

    def tasks(self, kind: str | None = None) -> list[TaskHandle]:
        return [h for h in self._open if not h.silenced and kind in (None, h.kind)]

    def cancel(self, kind: str) -> None:
        """Cancel every unfinished task of this kind and forget their answers."""
        for handle in self._open:
            if handle.kind == kind:
                handle.discard()

    def deliver(self) -> None:
        """Call the callbacks of whatever the worker has posted (GUI thread only)."""
        while True:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                break
            handle = event.handle
            if event.what == "progress":
                if not handle.silenced and handle.on_progress is not None:
                    handle.on_progress(event.value)
                continue
            outcome: Outcome = event.value
            handle.outcome = outcome
            if handle in self._open:
                self._open.remove(handle)
            if handle.silenced:
                log.debug("dropped the outcome of replaced task %r", handle)
                continue
            if handle.on_done is not None:
                handle.on_done(outcome)
            self.outcome.emit(outcome)
        if not self._open:
            self._timer.stop()

    def wait_idle(self, seconds: float = 30.0) -> bool:
        """Block the GUI thread until every submitted task has ended, then deliver."""
        ok = all(h.wait(seconds) for h in list(self._open))
        self.deliver()
        return ok

    def shutdown(self, seconds: float = 10.0) -> None:
        """Cancel everything, wait (bounded) for the running task, stop the thread."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        for handle in self._open:
            handle.discard()
        self._tasks.put(None)
        if self._thread is not None:
            self._thread.join(seconds)
            if self._thread.is_alive():  # a task that ignores its flag: the thread is a daemon
                log.warning("a background task did not stop within %.0f s", seconds)

    # -- the worker side -------------------------------------------------------------------
    def _ensure_thread(self) -> None:
        # The only place the reader starts a thread of its own (issue 13).
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=THREAD_NAME, daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        """The worker thread: no Qt call anywhere below this line."""
        while True:
            handle = self._tasks.get()
            if handle is None:
                return
            self._events.put(_Event(handle, "outcome", self._run(handle)))
            handle._ended.set()

    def _run(self, handle: TaskHandle) -> Outcome:
        handle.started = True
        ctx = TaskContext(handle, self.db_path, self._events.put)
        try:
            if handle.cancel_requested:  # cancelled while it waited in the queue
                raise TaskCancelled
            value = handle.work(ctx)
        except TaskCancelled as stopped:
            return Outcome(handle.kind, Status.CANCELLED, stopped.partial, changes=ctx.changes)
        except ParallaxError as exc:
            return Outcome(handle.kind, Status.FAILED, error=str(exc), changes=ctx.changes)
        except Exception as exc:  # a bug: logged with its traceback and shown, never swallowed
            log.exception("background task %s failed", handle.kind)
            message = f"{exc.__class__.__name__}: {exc}\n\n{traceback.format_exc(limit=6)}"
            return Outcome(handle.kind, Status.FAILED, error=message, changes=ctx.changes)
        finally:
            ctx._close()
        return Outcome(handle.kind, Status.DONE, value, changes=ctx.changes,
                       cancel_too_late=handle.cancel_requested)  # fmt: skip
