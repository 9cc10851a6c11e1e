"""Shared fixtures: the real spaCy model, real SQLite files, the seed articles."""

from __future__ import annotations

import faulthandler
import gc
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlite_utils
from spacy.language import Language

from app.core.demo import DEMO_COLLECTION
from app.core.nlp.model import shared_model
from app.core.store.db import open_db

if TYPE_CHECKING:
    from qobject_audit import Audit

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


# The last line of defence of a suite that cannot hang (issue 13). pytest-timeout's thread
# method needs the GIL for its watchdog; in the deadlock of issue 13 a worker holds the GIL
# for ever, so that watchdog cannot run either. Two things that need no GIL remain:
# faulthandler (a C thread: `faulthandler_timeout` dumps every stack, then this SIGTERM dump),
# and the kernel: SIGALRM with its default action ends the process.
HARD_KILL_MARGIN = 30  # seconds after the test's own timeout


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(signal, "SIGTERM"):  # CI's outer `timeout` sends SIGTERM: print stacks first
        faulthandler.register(signal.SIGTERM, all_threads=True, chain=True)


@pytest.fixture(autouse=True)
def _hard_deadline(request: pytest.FixtureRequest) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return
    marker = request.node.get_closest_marker("timeout")
    limit = (
        float(marker.args[0])
        if marker and marker.args
        else float(request.config.getini("timeout") or 0)
    )
    if limit <= 0:
        yield
        return
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_REAL, limit + HARD_KILL_MARGIN)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return shared_model()


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """A database with the five seeds imported and analysed, built once per test session.
    Tests that change it must use `seed_db` (a private copy) instead."""
    from app.core.analysis import analyse_collection
    from app.core.ingest.importer import import_paths
    from app.core.store import collections

    path = tmp_path_factory.mktemp("seeded") / "seeds.db"
    db = open_db(path)
    import_paths(db, SEED_FILES, DEMO_COLLECTION, nlp=nlp, n_process=1)
    analyse_collection(db, collections.find(db, DEMO_COLLECTION).id)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


@pytest.fixture
def seed_db(seeded_db_file: Path, tmp_path: Path) -> sqlite_utils.Database:
    """A private, writable copy of the seeded database."""
    copy = tmp_path / "seeds.db"
    shutil.copy(seeded_db_file, copy)
    return open_db(copy)


@pytest.fixture
def empty_db(tmp_path: Path) -> sqlite_utils.Database:
    return open_db(tmp_path / "empty.db")


@pytest.fixture
def qobject_audit() -> Iterator[Audit]:
    """Fails the test if Python code made a QObject off the GUI thread while it ran."""
    from qobject_audit import QObjectAudit

    hook = QObjectAudit()
    hook.install()
    try:
        yield hook.audit
    finally:
        hook.remove()
    offenders = hook.audit.offenders
    assert not offenders, (
        f"{len(offenders)} QObject(s) created off the GUI thread, first on "
        f"{offenders[0][0]}:\n{offenders[0][1]}"
    )


@pytest.fixture(autouse=True)
def _audit_qt_threads(request: pytest.FixtureRequest) -> None:
    """Every test with Qt widgets runs under the QObject audit (issue 13: no test and no code
    path may create QObjects off the GUI thread), not only the tests that ask for it."""
    if "qtbot" in request.fixturenames:
        request.getfixturevalue("qobject_audit")


@pytest.fixture(autouse=True)
def _collect_qt_garbage(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test with Qt widgets runs as the application does: the cyclic garbage collector runs
    only on the GUI thread (app/gui/gc_guard.py), never on the task runner's worker, where it
    once destroyed a cycle holding a Qt object and Qt aborted the suite; twice before, the suite
    crashed (SIGSEGV) in the collector on the GUI thread while a later test's worker was
    aligning. After the test its cyclic garbage is collected at once, with no task running."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("qapp")
    from app.gui.gc_guard import GuiThreadCollector

    collector = GuiThreadCollector()
    try:
        yield
    finally:
        collector.stop()
        gc.collect()
