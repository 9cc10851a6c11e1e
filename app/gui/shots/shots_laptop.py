"""Screenshots of the main view on laptop screens: 1366×768 (three panes side by side, the
others a sideways scroll away) and 1280×800 (two). Each starts as a first start would, with
fresh settings, so what is shown is the default layout for that width."""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.gui.shots.shots_main import _focus, _settle, _wait

SIZES = {"main_1366x768.png": (1366, 768), "main_1280x800.png": (1280, 800)}


def take(out_dir: Path) -> list[Path]:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from app.core.demo import DEMO_COLLECTION, ensure_demo
    from app.core.store.db import open_db
    from app.gui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    app.setFont(QFont("DejaVu Sans", 10))
    work = Path(tempfile.mkdtemp(prefix="parallax-shots-"))
    db = open_db(work / "seeds.db")
    ensure_demo(db)
    db.conn.close()
    written: list[Path] = []
    for name, size in SIZES.items():
        window = MainWindow(work / "seeds.db", work / f"{name}.json", DEMO_COLLECTION)
        ready: list[bool] = []
        window.viewReady.connect(lambda ready=ready: ready.append(True))
        window.resize(*size)
        window.show()
        _wait(app, lambda ready=ready: bool(ready))
        _settle(app)
        _focus(window, "expelled three EU diplomats")
        _settle(app)
        path = out_dir / name
        window.grab().save(str(path))
        written.append(path)
        if size == SIZES["main_1366x768.png"]:  # following a name on the smaller screen
            window.follow(max(window.comparison.entities, key=lambda e: len(e.mentions)))
            window.step_mention(1)
            _settle(app)
            path = out_dir / "entity_follow_1366x768.png"
            window.grab().save(str(path))
            written.append(path)
        window.close()
    return written
