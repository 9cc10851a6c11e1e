"""Screenshots of the main view on laptop screens: 1366×768 (three panes side by side, the
others a sideways scroll away) and 1280×800 (two). Each starts as a first start would, with
fresh settings, so what is shown is the default layout for that width."""

from __future__ import annotations

from pathlib import Path

from app.gui.shots.shots_main import _focus, _settle, _wait, demo_setup

SIZES = {"main_1366x768.png": (1366, 768), "main_1280x800.png": (1280, 800)}


def take(out_dir: Path) -> list[Path]:
    from app.core.demo import DEMO_COLLECTION
    from app.gui.window.main_window import MainWindow

    app, work = demo_setup()
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
