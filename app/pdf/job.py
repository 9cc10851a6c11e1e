"""The export pipeline shared by the dialog and the CLI: database → comparison → document → PDF."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlite_utils

from app.core.export.document import ExportOptions
from app.core.export.printable import build_document
from app.core.view.load import load_comparison
from app.pdf.render import Progress, render_pdf


def ensure_gui_application() -> None:
    """Qt's text layout needs a QGuiApplication. Without a display (CLI on a server), the
    offscreen platform does: fonts come from fontconfig either way."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if no_display and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QGuiApplication(["parallax"])


def export_pdf(
    db: sqlite_utils.Database,
    collection: str,
    article_ids: Sequence[int] | None,
    options: ExportOptions,
    out: Path,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    extra_annotations: Sequence[Mapping[str, Any]] = (),
) -> int:
    """Export one collection's comparison to `out`; returns the page count."""
    report = progress or (lambda fraction, message: None)
    report(0.0, "reading the comparison")
    comparison = load_comparison(db, collection, article_ids)
    if extra_annotations:
        comparison = replace(comparison, annotations=(*comparison.annotations, *extra_annotations))
    document = build_document(comparison, options)
    return render_pdf(document, out, progress, should_stop)
