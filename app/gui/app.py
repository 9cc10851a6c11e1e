"""Start the reader: one QApplication, the main window, and a clear message instead of a Qt
abort when there is no display."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

log = logging.getLogger("parallax.ui")

NO_DISPLAY = (
    "parallax: no display found (DISPLAY/WAYLAND_DISPLAY unset) — the reader needs one; "
    "use the command line instead, e.g. `parallax compare --collection NAME`."
)


def display_available() -> bool:
    """False when Qt would abort: Linux without an X or Wayland display and no platform set."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _crash_dialog(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """Unexpected errors: logged with the traceback and shown, the window stays open."""
    text = "".join(traceback.format_exception(kind, value, tb))
    log.error("unexpected error\n%s", text)
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is not None:
        box = QMessageBox(QMessageBox.Icon.Critical, "Parallax: unexpected error",
                          f"{kind.__name__}: {value}")  # fmt: skip
        box.setDetailedText(text)
        box.exec()


def run_app(
    db: str | Path | None, collection: str | None = None, paths: Sequence[Path] = ()
) -> int:
    """Open the main window; `paths` (files given on the command line) open the import wizard."""
    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from PySide6.QtGui import QFont, QIcon
    from PySide6.QtWidgets import QApplication

    from app.core.resources import resources_dir
    from app.core.store.db import default_db_path
    from app.gui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Parallax")
    app.setOrganizationName("parallax")
    # Desktop integration: the .desktop file's id (Wayland app id, taskbar grouping) and the icon.
    app.setDesktopFileName("org.parallax.Parallax")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "hicolor" / "256x256" / "apps"
                                / "org.parallax.Parallax.png")))  # fmt: skip
    app.setFont(QFont("DejaVu Sans", 10))
    from app.gui.gc_guard import install as collect_on_gui_thread

    collect_on_gui_thread()  # never on the task runner's worker (gc_guard.py says why)
    sys.excepthook = _crash_dialog
    window = MainWindow(Path(db) if db else default_db_path(), collection=collection)
    window.show()
    if paths:
        window.open_import([p.resolve() for p in paths])
    return int(app.exec())
