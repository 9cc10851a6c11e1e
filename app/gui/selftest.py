"""`parallax-app --self-test [FILE...]`: what the packaging smoke test checks inside the bundle, in
one process — the user data directory is created and the demo imported on first run (found again
on the next), the main window shows the demo comparison, About names the spaCy model, and files
given on the command line open the import wizard (as `parallax-app FILE...` does)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

WAIT_MS = 120_000  # first run: import + analysis + first paint of five articles


def run_self_test(paths: Sequence[Path] = ()) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWizard

    from app.core.demo import DEMO_COLLECTION, ensure_demo
    from app.core.ingest.importer import Outcome
    from app.core.store.db import default_db_path, open_db
    from app.gui.window.dialogs import about_text
    from app.gui.window.main_window import MainWindow

    db_path = default_db_path()
    report = ensure_demo(open_db(db_path))
    state = "first run: demo imported" if report else "demo already present"
    print(f"self-test: database {db_path} ({state})")
    if report is not None and report.count(Outcome.IMPORTED) == 0:
        print(f"self-test: FAILED, demo import: {report.summary()}", file=sys.stderr)
        return 1

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(db_path, collection=DEMO_COLLECTION)
    loop = QEventLoop()
    shown: list[bool] = []
    window.viewReady.connect(lambda: (shown.append(True), loop.quit()))
    QTimer.singleShot(WAIT_MS, loop.quit)
    window.show()
    if not shown:
        loop.exec()
    panes = len(window.compare.panes)
    about = about_text()
    wizard_paths: list[Path] = []
    if paths:
        window.open_import([p.resolve() for p in paths])
        wizard = window.findChild(QWizard)
        wizard_paths = list(wizard.session.paths) if wizard is not None else []
        print(f"self-test: import wizard opened with {len(wizard_paths)} of {len(paths)} paths")
    window.close()
    app.processEvents()
    print(f"self-test: window showed {panes} panes; About: {about}")
    if not shown or panes < 2:
        print("self-test: FAILED, the demo comparison was not shown", file=sys.stderr)
        return 1
    if len(wizard_paths) != len(paths):
        print("self-test: FAILED, the import wizard did not get the files", file=sys.stderr)
        return 1
    if "no spaCy model" in about:
        print("self-test: FAILED, About finds no spaCy model", file=sys.stderr)
        return 1
    return 0
