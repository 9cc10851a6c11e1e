"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread's allocation crosses its threshold. When that is the task
runner's worker (aligning a collection allocates a lot), a cycle that holds a Qt object made on
the GUI thread (a closed window, a closure over a widget) is destroyed there, off its thread, and
Qt aborts the process ("Fatal Python error: Aborted" while "Garbage-collecting" on the worker,
seen in the test suite). So the automatic collector is turned off while the application runs and
a timer on the GUI thread collects instead, a generation at a time as the automatic one would.
Reference counting still frees everything that is not in a cycle at once, on any thread.

Nor does the timer collect while a task runs on a worker: three times the suite aborted
(SIGSEGV twice, then "Fatal Python error: Aborted") inside a collection on the GUI thread
while the worker was aligning a collection, each time in a test that passed when run again.
The cause was not found; cyclic garbage made during a task waits for its end (a tick after
it), and reference counting frees the rest as before.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

from app.gui.runner import tasks_running

INTERVAL_MS = 500  # often enough that cycles never pile up; a young collection costs ~µs
# A full collection walks every tracked object (~60 ms with the spaCy model loaded): at most
# one per this many seconds. CPython's own collector limits them too (it waits until the
# survivors pending reach a quarter of the long-lived objects), which gc does not expose.
FULL_EVERY_S = 10.0


class GuiThreadCollector(QObject):
    """Collects on the GUI thread (create it there, after the QApplication); `stop()` gives
    collection back to Python."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._last_full = time.monotonic()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count has passed its threshold (the automatic
        collector's rule; the oldest at most every FULL_EVERY_S), else nothing; the number of
        objects found unreachable; nothing while a task runs on a worker (see above)."""
        if tasks_running():
            return 0
        counts, thresholds = gc.get_count(), gc.get_threshold()
        now = time.monotonic()
        for generation in (2, 1, 0):
            if counts[generation] <= thresholds[generation]:
                continue
            if generation == 2 and now - self._last_full < FULL_EVERY_S:
                continue
            if generation == 2:
                self._last_full = now
            return gc.collect(generation)
        return 0

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


_installed: GuiThreadCollector | None = None


def install() -> GuiThreadCollector:
    """The application's one collector (made on first call, on the GUI thread)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector()
    return _installed
