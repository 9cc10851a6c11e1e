"""Screenshots of the PDF export: the seeds (as analysed, with sample notes) exported with every
section, and the pages that show each section rendered to PNG by poppler's `pdftoppm`."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from app.core.demo import DEMO_COLLECTION, ensure_demo
from app.core.export.document import ExportOptions, Section
from app.core.store.db import open_db
from app.gui.shots.demo_notes import sample_annotations
from app.pdf import ensure_gui_application, export_pdf

FIRST_PAGES = 3  # the cover and the start of the synopsis
SECTION_HEADS = ("Differences", "Entities", "Full text A", "Notes")


def sample_db(directory: Path) -> Path:
    path = directory / "shots.db"
    db = open_db(path)
    ensure_demo(db)
    db.conn.close()
    return path


def export_sample(directory: Path) -> Path:
    ensure_gui_application()
    db = open_db(sample_db(directory))
    out = directory / "parallax-export.pdf"
    export_pdf(db, DEMO_COLLECTION, None, ExportOptions(sections=tuple(Section)), out,
               extra_annotations=sample_annotations(db, DEMO_COLLECTION))  # fmt: skip
    db.conn.close()
    return out


def pages_to_show(pdf: Path) -> list[int]:
    """The first pages, then the first page of each later section (found by its running head)."""
    texts = [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]
    chosen = list(range(1, min(FIRST_PAGES, len(texts)) + 1))
    for head in SECTION_HEADS:
        found = next((i for i, t in enumerate(texts, 1) if head in t and i > 1), None)
        if found and found not in chosen:
            chosen.append(found)
    return chosen


def dialog_shot(db_path: Path, out: Path) -> Path:
    """The export dialog after a preview, as a user sees it."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    from app.gui.pdf_export import ExportPdfDialog

    app = QApplication.instance()
    assert app is not None
    dialog = ExportPdfDialog(db_path, DEMO_COLLECTION, [])
    dialog.resize(1280, 800)
    dialog.show()
    dialog.preview()
    deadline = QDeadlineTimer(30_000)
    while (dialog.task is not None or dialog.pdf.pageCount() == 0) and not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    settle = QDeadlineTimer(2_000)  # QPdfView renders pages in a thread of its own
    while not settle.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    dialog.grab().save(str(out))
    dialog.close()
    return out


def take(out_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication(["parallax-shots"])
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="parallax-shots-") as tmp:
        pdf = export_sample(Path(tmp))
        (out_dir / "pdf-export.pdf").write_bytes(pdf.read_bytes())
        written = []
        for number in pages_to_show(pdf):
            stem = out_dir / f"pdf-page-{number:02d}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(number), "-l",
                 str(number), str(pdf), str(stem)],
                check=True,
            )  # fmt: skip
            written.append(stem.with_suffix(".png"))
        written.append(dialog_shot(Path(tmp) / "shots.db", out_dir / "pdf-dialog.png"))
    return written
