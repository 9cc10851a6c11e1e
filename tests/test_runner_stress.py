"""Stress (issue 13): export + cancel, import + cancel and re-analysis + cancel, 30 times each,
all at once, while the GUI thread connects and disconnects signals as fast as it can. Before
the TaskRunner, a worker thread that made a QObject (QTextDocument, in PDF export) could
deadlock against such a disconnect for good. Every task must end, with a consistent result,
and no QObject may be made off the GUI thread. A deadlock here is caught by pytest-timeout's
thread method (a stack dump of every thread, then exit), never a hang."""

from __future__ import annotations

import os
import random
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from pytestqt.qtbot import QtBot
from spacy.language import Language
from test_import_wizard import assert_only_whole_articles

from app.core.demo import DEMO_COLLECTION
from app.core.export.document import DEFAULT_SECTIONS, ExportOptions
from app.core.store import collections
from app.core.store.db import open_db
from app.gui.import_wizard.tasks import import_task
from app.gui.pdf_export.child import export_task
from app.gui.runner import Outcome, Status, TaskContext, TaskRunner
from app.gui.window.reanalysis import reanalyse_task
from tests.conftest import SEED_FILES

ROUNDS = int(os.environ.get("PARALLAX_STRESS_ROUNDS", "30"))
# Cancel anywhere from at once to well into the work (seconds), or not at all.
DELAYS = (0.0, 0.02, 0.08, 0.2, 0.4, 0.8, 1.5, None)  # None: not cancelled


class Churn(QObject):
    """A Python QObject subclass: each connect / disconnect on it takes Qt's signal-slot mutex
    and then looks for Python overrides (GIL) — the GUI side of the deadlock in issue 13."""

    ping = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.rounds = 0
        self.timer = QTimer(self)
        # 2 ms: a burst of connects and disconnects hundreds of times a second, while the
        # workers still get the GIL often enough for the run to stay short.
        self.timer.setInterval(2)
        self.timer.timeout.connect(self.spin)

    def spin(self) -> None:
        slots = [lambda: None for _ in range(20)]
        for slot in slots:
            self.ping.connect(slot)
        for slot in slots:
            self.ping.disconnect(slot)
        self.rounds += 1


@dataclass
class Stream:
    """One owner's tasks, one after the other: submit, cancel after a random delay, check the
    outcome, submit the next, until ROUNDS have ended."""

    name: str
    start: Callable[[int], Callable[[TaskContext], object]]  # round -> work
    check: Callable[[int, Outcome], None]
    runner: TaskRunner
    rng: random.Random
    outcomes: Counter[str] = field(default_factory=Counter)
    round: int = 0
    failure: BaseException | None = None
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    @property
    def finished(self) -> bool:
        return self.round >= ROUNDS or self.failure is not None

    def submit(self) -> None:
        round_ = self.round

        def done(outcome: Outcome) -> None:
            label = outcome.status.value + (" too late" if outcome.cancel_too_late else "")
            self.outcomes[label] += 1
            try:
                self.check(round_, outcome)
            except BaseException as exc:  # reported by the test, not lost in a callback
                self.failure = exc
                return
            self.round += 1
            if not self.finished:
                self.submit()
            else:
                self.seconds = time.monotonic() - self.started

        handle = self.runner.submit(self.name, self.start(round_), on_done=done, replace=False)
        delay = self.rng.choice(DELAYS)
        if delay is not None:
            QTimer.singleShot(round(delay * 1000), handle.cancel)


@pytest.mark.timeout(240)
def test_cancel_storm_while_the_gui_thread_churns_signals(
    qtbot: QtBot, seeded_db_file: Path, tmp_path: Path, nlp: Language, qobject_audit: object
) -> None:
    # Three owners, three runners, three worker threads: the worst case for lock interplay.
    export_db = tmp_path / "export.db"
    analysis_db = tmp_path / "analysis.db"
    import_db = tmp_path / "import.db"
    for copy in (export_db, analysis_db):
        shutil.copy(seeded_db_file, copy)
    open_db(import_db).conn.close()
    db = open_db(analysis_db)
    collection_id = collections.find(db, DEMO_COLLECTION).id
    groups_before = db.execute("SELECT count(*) FROM alignments").fetchone()[0]
    db.conn.close()
    out_dir = tmp_path / "pdf"
    out_dir.mkdir()
    sources = tmp_path / "sources"
    sources.mkdir()

    def export_work(round_: int) -> Callable[[TaskContext], object]:
        out = out_dir / f"{round_}.pdf"
        return lambda ctx: export_task(ctx, export_db, DEMO_COLLECTION, [],
                                       ExportOptions(sections=DEFAULT_SECTIONS), out)  # fmt: skip

    def export_check(round_: int, outcome: Outcome) -> None:
        out = out_dir / f"{round_}.pdf"
        leftovers = [p.name for p in out_dir.iterdir() if p.name.startswith(f".{round_}.pdf")]
        assert leftovers == [], leftovers
        if outcome.status is Status.DONE:
            assert out.read_bytes()[:5] == b"%PDF-" and outcome.value > 2
        else:
            assert outcome.status is Status.CANCELLED, outcome.error
            assert not out.exists()

    def import_work(round_: int) -> Callable[[TaskContext], object]:
        files = []
        for seed in (SEED_FILES[0], SEED_FILES[4]):  # the two shortest
            path = sources / f"{round_}_{seed.name}"
            path.write_text(seed.read_text(encoding="utf-8") + f"\n\nRound {round_}.\n",
                            encoding="utf-8")  # fmt: skip
            files.append(path)
        return lambda ctx: import_task(files, f"Stress {round_}", {}, ctx)

    def import_check(round_: int, outcome: Outcome) -> None:
        assert outcome.status in (Status.DONE, Status.CANCELLED), outcome.error
        if outcome.value is not None:
            assert outcome.value.cancelled == (outcome.status is Status.CANCELLED)

    def analysis_work(round_: int) -> Callable[[TaskContext], object]:
        return lambda ctx: reanalyse_task(ctx, collection_id)

    def analysis_check(round_: int, outcome: Outcome) -> None:
        assert outcome.status in (Status.DONE, Status.CANCELLED), outcome.error

    streams = [
        Stream("export", export_work, export_check, TaskRunner(export_db), random.Random(1)),
        Stream("import", import_work, import_check, TaskRunner(import_db), random.Random(2)),
        Stream("reanalyse", analysis_work, analysis_check, TaskRunner(analysis_db),
               random.Random(3)),
    ]  # fmt: skip
    churn = Churn()
    churn.timer.start()
    started = time.monotonic()
    try:
        for stream in streams:
            stream.submit()
        qtbot.waitUntil(lambda: all(s.finished for s in streams), timeout=200_000)
    finally:
        churn.timer.stop()
        for stream in streams:
            stream.runner.shutdown()
    seconds = time.monotonic() - started
    report = {f"{s.name} ({s.seconds:.0f} s)": dict(s.outcomes) for s in streams}
    print(f"\n{ROUNDS} rounds in {seconds:.1f} s, {churn.rounds} churn rounds: {report}")

    assert churn.rounds > ROUNDS  # the GUI thread really kept connecting and disconnecting
    for stream in streams:
        if stream.failure is not None:
            raise stream.failure
        assert sum(stream.outcomes.values()) == ROUNDS
        assert stream.outcomes["cancelled"] >= ROUNDS // 5, report  # the cancels did land
        assert stream.outcomes["done"] + stream.outcomes["done too late"] >= 1, report
    db = open_db(import_db)
    assert_only_whole_articles(db)
    db.conn.close()
    db = open_db(analysis_db)  # every stopped re-analysis left whole stages: finish it
    from app.core.analysis import analyse_collection

    assert analyse_collection(db, collection_id)
    assert db.execute("SELECT count(*) FROM alignments").fetchone()[0] == groups_before
    db.conn.close()
