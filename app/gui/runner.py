"""The one path for background work in the reader: `TaskRunner`.

Why it looks like this (issue 13): Python code that creates a QObject or connects a signal on a
worker thread holds the GIL while it waits for Qt's signal-slot mutex; the GUI thread, in a
connect or disconnect, holds that mutex while it waits for the GIL. Qt shares those mutexes
between unrelated objects, so any such call off the GUI thread can deadlock the whole process.
So here the worker is a plain Python thread that never calls Qt at all:

- A task is a function `work(ctx) -> value` that runs on the worker thread. It touches no
  widget, creates no QObject and makes no connection; it talks to the GUI only through `ctx`.
- `ctx.report(value)` (progress), the value returned (result) and any exception (error) go into
  one thread-safe queue. The GUI thread drains that queue on a timer (every 10 ms, only while
  a task is outstanding) and calls the task's callbacks there, so every callback runs on the
  GUI thread. Not a signal emitted by the worker: a queued emit takes the receiver's
  signal-slot mutex too, with the GIL held.
- Cancel is a flag. The task checks it between units of work (`ctx.cancelled()` / `ctx.check()`);
  a task that ends normally although a cancel was asked for is reported as "cancel too late".
- One database connection per task, opened on the worker thread on first use (a sqlite3
  connection belongs to the thread that made it) and closed when the task ends.
- A result says what it changed (`Changes`, after Anki's OpChanges), so the window refreshes
  only that.
- Work that needs Qt (PDF rendering: QTextDocument) runs in a child process that a task starts
  and watches (pdf_export/child.py); cancel kills it.

Tasks run one after the other, in the order submitted (one worker thread per runner): writers
never race each other, and a task queued behind a busy one can be cancelled before it starts.
"""

from __future__ import annotations

import logging
import queue
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.errors import ParallaxError
from app.gui.task import (
    Changes,
    Done,
    Event,
    Outcome,
    Progress,
    Status,
    TaskCancelled,
    TaskContext,
    TaskHandle,
    Work,
)

__all__ = [
    "Changes", "Outcome", "Status", "TaskCancelled", "TaskContext", "TaskHandle", "TaskRunner",
]  # fmt: skip

log = logging.getLogger("parallax.ui")

THREAD_NAME = "parallax-runner"
POLL_MS = 10  # how often the GUI thread looks for news while a task is outstanding

# Tasks running now on any runner's worker (gc_guard waits for none before it collects).
_running = 0
_running_lock = threading.Lock()


def tasks_running() -> bool:
    """Is a task running on a worker thread (any runner's) at this moment?"""
    return _running > 0


def _count_running(step: int) -> None:
    global _running
    with _running_lock:
        _running += step


class TaskRunner(QObject):
    """Runs tasks off the GUI thread, one after the other, and reports on the GUI thread.

    `submit(kind, work)` replaces (cancels and silences) an unfinished task of the same kind
    unless `replace=False`: a newer request makes the older answer worthless."""

    outcome = Signal(object)  # every delivered Outcome, after the task's own callback

    def __init__(self, db_path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path) if db_path is not None else None
        self._tasks: queue.SimpleQueue[TaskHandle | None] = queue.SimpleQueue()
        self._events: queue.SimpleQueue[Event] = queue.SimpleQueue()
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
        if self._closed:  # e.g. a timer of a closing dialog: the task is never run nor answered
            log.debug("task %s submitted after shutdown: dropped", kind)
            handle = TaskHandle(kind, work, on_progress, on_done)
            handle.discard()
            return handle
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
            self._events.put(Event(handle, "outcome", self._run(handle)))
            handle._ended.set()

    def _run(self, handle: TaskHandle) -> Outcome:
        handle.started = True
        ctx = TaskContext(handle, self.db_path, self._events.put)
        _count_running(+1)
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
            _count_running(-1)
        return Outcome(handle.kind, Status.DONE, value, changes=ctx.changes,
                       cancel_too_late=handle.cancel_requested)  # fmt: skip
