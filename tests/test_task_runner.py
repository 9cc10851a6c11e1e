"""The reader's one path for background work (app/gui/runner.py): tasks run off the GUI thread
with a connection of their own, report through one channel on the GUI thread, stop at their
next check when cancelled, say when a cancel came too late, and say what they changed."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.errors import NotFound
from app.gui.runner import Changes, Outcome, Status, TaskContext, TaskRunner

ROOT = Path(__file__).resolve().parents[1]


def _wait(qtbot: QtBot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.pending, timeout=10_000)


def test_tasks_run_off_the_gui_thread_each_with_its_own_connection(
    qtbot: QtBot, tmp_path: Path, qobject_audit: object
) -> None:
    runner = TaskRunner(tmp_path / "w.db")
    gui_thread = threading.get_ident()
    seen: list[tuple[int, int, int]] = []
    progress: list[tuple[int, object]] = []

    def work(ctx: TaskContext) -> str:
        ctx.report("half")
        count = ctx.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        seen.append((threading.get_ident(), id(ctx.db), count))
        return "answer"

    outcomes: list[Outcome] = []
    for _ in range(2):
        runner.submit("count", work, lambda v: progress.append((threading.get_ident(), v)),
                      outcomes.append, replace=False)  # fmt: skip
    _wait(qtbot, runner)
    assert [o.status for o in outcomes] == [Status.DONE, Status.DONE]
    assert [o.value for o in outcomes] == ["answer", "answer"]
    assert all(thread != gui_thread for thread, _, _ in seen)
    assert progress == [(gui_thread, "half"), (gui_thread, "half")]  # delivered on the GUI
    runner.shutdown()


def test_a_newer_task_of_a_kind_replaces_the_older(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner(tmp_path / "w.db")
    got: list[object] = []
    release = threading.Event()

    def slow(ctx: TaskContext) -> str:
        release.wait(5)
        return "old"

    old = runner.submit("compare", slow, on_done=lambda o: got.append(o.value))
    runner.submit("compare", lambda ctx: "new", on_done=lambda o: got.append(o.value))
    assert old.cancel_requested and old.silenced
    release.set()
    _wait(qtbot, runner)
    assert got == ["new"]
    runner.shutdown()


def test_cancel_between_units_and_a_cancel_that_came_too_late(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner(tmp_path / "w.db")
    outcomes: list[Outcome] = []
    started = threading.Event()
    units: list[int] = []

    def counting(ctx: TaskContext) -> int:
        for unit in range(1000):
            ctx.check()
            units.append(unit)
            ctx.changed(Changes(analysis=frozenset({unit % 2})))
            if unit == 3:
                started.set()
            time.sleep(0.005)
        return len(units)

    handle = runner.submit("count", counting, on_done=outcomes.append)
    assert started.wait(5)
    handle.cancel()
    _wait(qtbot, runner)
    (outcome,) = outcomes
    assert outcome.status is Status.CANCELLED and len(units) < 1000
    assert outcome.changes.analysis == {0, 1}  # what it did before stopping is reported

    ended = threading.Event()

    def quick(ctx: TaskContext) -> str:
        ended.set()
        time.sleep(0.05)  # finished its work: it checks no flag any more
        return "done"

    handle = runner.submit("quick", quick, on_done=outcomes.append)
    assert ended.wait(5)
    handle.cancel()
    _wait(qtbot, runner)
    assert outcomes[-1].status is Status.DONE and outcomes[-1].cancel_too_late
    runner.shutdown()


def test_a_task_queued_behind_a_busy_one_is_cancelled_before_it_starts(
    qtbot: QtBot, tmp_path: Path
) -> None:
    runner = TaskRunner(tmp_path / "w.db")
    hold = threading.Event()
    ran: list[str] = []
    outcomes: list[Outcome] = []
    runner.submit("hold", lambda ctx: hold.wait(5))
    queued = runner.submit("queued", lambda ctx: ran.append("queued"), on_done=outcomes.append)
    queued.cancel()
    hold.set()
    _wait(qtbot, runner)
    assert ran == [] and outcomes[0].status is Status.CANCELLED
    runner.shutdown()


def test_failures_come_back_as_messages(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner(tmp_path / "w.db")
    outcomes: list[Outcome] = []

    def missing(ctx: TaskContext) -> None:
        raise NotFound("no collection named 'x'")

    def bug(ctx: TaskContext) -> None:
        raise KeyError("oops")

    runner.submit("a", missing, on_done=outcomes.append)
    runner.submit("b", bug, on_done=outcomes.append)
    _wait(qtbot, runner)
    assert outcomes[0].status is Status.FAILED and outcomes[0].error == "no collection named 'x'"
    assert outcomes[1].status is Status.FAILED and "KeyError" in outcomes[1].error
    runner.shutdown()


def test_the_window_refreshes_only_what_changed(qtbot: QtBot, seeded_db_file: Path,
                                               tmp_path: Path) -> None:  # fmt: skip
    from gui_support import database_copy, open_window

    window = open_window(qtbot, database_copy(seeded_db_file, tmp_path), tmp_path / "r.json")
    shown = window.comparison.collection_id
    reloads: list[bool] = []
    window.viewReady.connect(lambda: reloads.append(True))
    window.apply_changes(Changes(analysis=frozenset({shown + 1000})))  # another collection
    window.apply_changes(Changes(files=(tmp_path / "x.pdf",)))
    qtbot.wait(300)
    assert reloads == []
    with qtbot.waitSignal(window.viewReady, timeout=15_000):
        window.apply_changes(Changes(analysis=frozenset({shown})))


def test_the_audit_catches_a_qobject_made_off_the_gui_thread() -> None:
    """The audit the other tests rely on does fail when the rule is broken."""
    from PySide6.QtCore import QObject
    from qobject_audit import QObjectAudit

    hook = QObjectAudit()
    hook.install()
    try:
        thread = threading.Thread(target=lambda: QObject(), name="offender")
        thread.start()
        thread.join()
    finally:
        hook.remove()
    assert {name for name, _ in hook.audit.offenders} == {"offender"}  # + its QAdoptedThread


def test_one_place_starts_threads() -> None:
    """Every thread of the reader is the runner's (issue 13). The Qt-free core may use plain
    threads of its own inside a task (the web fetcher's pool): no Qt there, which
    tests/test_core_is_qt_free.py enforces."""
    found = subprocess.run(
        ["grep", "-rnE",
         r"QThread\(|threading\.Thread\(|QThreadPool|QtConcurrent|ThreadPoolExecutor\(", "app/"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    ).stdout.splitlines()  # fmt: skip
    files = {line.split(":")[0] for line in found}
    assert {f for f in files if not f.startswith("app/core/")} == {"app/gui/runner.py"}
    assert not any("QThread" in line for line in found if not line.startswith("app/gui/runner"))


def test_shutdown_is_bounded_for_a_task_that_ignores_its_flag(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner(tmp_path / "w.db")
    stuck = threading.Event()
    runner.submit("stuck", lambda ctx: stuck.wait(30))
    started = time.monotonic()
    runner.shutdown(0.2)
    assert time.monotonic() - started < 2
    stuck.set()


def test_a_task_submitted_after_shutdown_is_dropped(qtbot: QtBot, tmp_path: Path) -> None:
    """A closing dialog's timer may still fire: its task never runs and nothing is raised."""
    runner = TaskRunner(tmp_path / "w.db")
    runner.shutdown()
    ran: list[bool] = []
    handle = runner.submit("late", lambda ctx: ran.append(True))
    qtbot.wait(100)
    assert handle.silenced and ran == [] and not runner.pending
