"""Screenshots of the import wizard's five pages, on the seeds plus a bad file and a picture."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication

from app.core.resources import seeds_dir
from app.core.store import collections
from app.core.store.db import open_db


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 120.0) -> None:
    start = time.monotonic()
    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        if time.monotonic() - start > timeout:
            raise TimeoutError("the wizard did not get there in time")


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def take(out_dir: Path) -> list[Path]:
    from app.gui.import_wizard import ImportWizard
    from app.gui.import_wizard.wizard import REPORT

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="parallax-shots-") as tmp:
        folder = Path(tmp) / "Borrell articles"
        folder.mkdir()
        for seed in sorted(seeds_dir().glob("*.txt")):
            shutil.copy(seed, folder / seed.name)
        (folder / "scan-0042.txt").write_bytes(bytes(range(256)) * 8)  # the bad file
        (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")  # ignored
        db_path = Path(tmp) / "parallax.db"
        db = open_db(db_path)
        collections.get_or_create(db, "Vaccine talks")  # an existing collection to offer
        db.conn.close()

        wizard = ImportWizard(db_path, [folder])
        wizard.show()

        def shot(name: str) -> None:
            _settle(app)
            path = out_dir / f"wizard_{name}.png"
            wizard.grab().save(str(path))
            written.append(path)

        _wait(app, wizard.choose_page.isComplete)
        shot("1_choose")
        wizard.next()
        _wait(app, wizard.preview_page.isComplete)
        page = wizard.preview_page
        model = page.model
        model.setData(model.index(2, 2), "The Moscow Times", Qt.ItemDataRole.EditRole)
        model.setData(model.index(2, 1), "EU's Borrell humiliated in Moscow",
                      Qt.ItemDataRole.EditRole)  # fmt: skip
        page.table.selectRow(0)
        shot("2_preview")
        wizard.next()
        shot("3_collection")
        wizard.next()
        _wait(
            app, lambda: wizard.import_page.files_bar.value() >= 2 or wizard.currentId() == REPORT
        )
        shot("4_import")
        _wait(app, lambda: wizard.currentId() == REPORT)
        shot("5_report")
        wizard.close()
        _settle(app)
    return written
