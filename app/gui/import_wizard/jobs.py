"""Run a task off the GUI thread: one QThread per job, results back by signal.

A task is a plain function `work(emit, should_stop) -> result` (see tasks.py); it never touches
widgets. Each job carries a revision number in its signals so a page can ignore the answers of a
job it has replaced (e.g. a file count for paths the user has since changed)."""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from app.core.errors import ParallaxError

log = logging.getLogger("parallax.ui")

Work = Callable[[Callable[[object], None], Callable[[], bool]], object]
_revisions = itertools.count(1)
# Jobs whose thread may still run: a QThread must outlive its run, even once a page has
# replaced the job, so the reference is dropped here (in the GUI thread) only after it ended.
_live: list[Job] = []


class Job(QObject):
    progressed = Signal(int, object)  # revision, value emitted by the task
    succeeded = Signal(int, object)  # revision, the task's result
    failed = Signal(int, str)  # revision, message for the user

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.revision = next(_revisions)
        self._work = work
        self._stop = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName(f"job-{self.revision}")
        self.moveToThread(self._thread)
        self._thread.started.connect(self._run)
        self.running = False

    def start(self) -> None:
        _live[:] = [job for job in _live if job._thread.isRunning()]
        _live.append(self)
        self.running = True
        self._thread.start()

    def stop(self) -> None:
        """Ask the task to stop at its next check; it ends cleanly (whole articles only)."""
        self._stop.set()

    def wait(self, ms: int = 60_000) -> bool:
        return self._thread.wait(ms) if self._thread.isRunning() else True

    @Slot()
    def _run(self) -> None:
        try:
            result = self._work(lambda value: self.progressed.emit(self.revision, value),
                                self._stop.is_set)  # fmt: skip
        except ParallaxError as exc:
            self.failed.emit(self.revision, str(exc))
        except Exception as exc:  # a bug: keep the traceback for the log and the message
            log.exception("background job failed")
            self.failed.emit(self.revision, f"{exc.__class__.__name__}: {exc}\n\n"
                             + traceback.format_exc(limit=6))  # fmt: skip
        else:
            self.succeeded.emit(self.revision, result)
        finally:
            self.running = False
            # Back to the GUI thread so the object can be deleted there after the thread ends.
            self.moveToThread(QCoreApplication.instance().thread())
            self._thread.quit()


def stop_all(ms: int = 60_000) -> None:
    """Stop every running job and wait for it (before the wizard closes)."""
    for job in _live:
        job.stop()
    for job in _live:
        job.wait(ms)
    _live.clear()
