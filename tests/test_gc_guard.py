"""The cyclic garbage collector runs on the GUI thread only (app/gui/gc_guard.py): a cycle that
holds a Qt object is never destroyed by a worker thread's allocations, only by the GUI thread's
timer."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.gui.gc_guard import INTERVAL_MS, GuiThreadCollector
from app.gui.runner import TaskRunner, tasks_running


class Holder:
    """A cycle (it refers to itself) holding a Qt object."""

    def __init__(self) -> None:
        self.me = self
        self.qobject = QObject()


def test_a_cycle_with_a_qt_object_is_collected_on_the_gui_thread_only(qtbot: QtBot) -> None:
    """A test with Qt widgets runs with the collector installed (tests/conftest.py), as the
    application does."""
    collectors: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collectors.append(threading.current_thread().name)

    assert not gc.isenabled()
    kept: list[list[int]] = []
    gc.callbacks.append(note)
    try:
        holder = Holder()
        gone = weakref.ref(holder)
        del holder

        def allocate() -> None:  # far past every threshold of the automatic collector
            kept.extend([i] for i in range(200_000))

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in collectors
        assert gone() is not None  # nobody collected it off the GUI thread
        qtbot.waitUntil(lambda: gone() is None, timeout=20 * INTERVAL_MS)
        assert collectors and set(collectors) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(note)
        kept.clear()


def test_stopping_gives_collection_back_to_python(qapp: object) -> None:
    assert gc.isenabled()
    collector = GuiThreadCollector()
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()


def test_nothing_is_collected_while_a_task_runs_on_a_worker(qtbot: QtBot, tmp_path: Path) -> None:
    """The three aborts of the suite inside a GUI-thread collection all came while a worker
    was aligning (gc_guard.py): garbage made meanwhile waits until the task has ended."""
    runner = TaskRunner(tmp_path / "gc.db")
    release, started = threading.Event(), threading.Event()

    def work(ctx: object) -> None:
        started.set()
        release.wait(10)

    done: list[object] = []
    runner.submit("wait", work, on_done=done.append)
    try:
        assert started.wait(10)
        assert tasks_running()
        holder = Holder()
        gone = weakref.ref(holder)
        del holder
        young = [[i] for i in range(5 * gc.get_threshold()[0])]  # past the first threshold
        collector = GuiThreadCollector()
        try:
            assert collector.collect_due() == 0
            qtbot.wait(4 * INTERVAL_MS)
            assert gone() is not None
        finally:
            collector.stop()
            young.clear()
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert not tasks_running()
    runner.shutdown()
