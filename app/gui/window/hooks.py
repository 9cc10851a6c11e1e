"""What the window hands to other parts: the import wizard and PDF export (other modules,
imported lazily: a missing one disables its action), re-analysis in the background with
progress and cancel, entity corrections, annotation export, find, zoom, About."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.core.counting import count as count_of
from app.gui.runner import Changes, Outcome, Status, TaskContext, TaskHandle

if TYPE_CHECKING:
    from app.gui.compare.article_pane import ArticlePane
    from app.gui.window.main_window import MainWindow

log = logging.getLogger("parallax.ui")

IMPORT_WIZARD = "app.gui.import_wizard"
PDF_EXPORT = "app.gui.pdf_export"


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


def update_availability(window: MainWindow) -> None:
    for action_id, module, what in (
        ("import", IMPORT_WIZARD, "the import wizard"),
        ("export_pdf", PDF_EXPORT, "PDF export"),
    ):
        action = window.actions[action_id]
        if not _has(module):
            action.setEnabled(False)
            action.setToolTip(f"{action.toolTip()} — not available: {what} is not installed")


def _load(window: MainWindow, module: str, name: str, what: str) -> Any:
    """A class from another part of the reader, or None (told to the user) if it fails."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        log.exception("%s cannot start", what)
        QMessageBox.warning(window, "Parallax", f"{what} cannot start: {exc}")
        return None


def open_import(window: MainWindow, paths: Sequence[Path], urls: Sequence[str] = ()) -> None:
    """The import wizard, with dropped files (and web links: it opens on its Links page)."""
    if not window.actions["import"].isEnabled():
        return
    wizard_class = _load(window, IMPORT_WIZARD, "ImportWizard", "The import wizard")
    if wizard_class is None:
        return
    wizard = wizard_class(window.db_path, list(paths), window, runner=window.runner,
                          urls=list(urls))  # fmt: skip
    wizard.imported.connect(lambda name: imported(window, str(name)))
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()


def dropped_paths(data: QMimeData) -> list[Path]:
    """Local files and folders worth importing in a drop (the wizard's own rules), else none."""
    if not data.hasUrls():
        return []
    try:
        from app.gui.import_wizard import paths_from_urls, worth_importing
    except ImportError:
        return []
    paths = paths_from_urls(u.toString() for u in data.urls())
    return paths if worth_importing(paths) else []


def dropped_links(data: QMimeData) -> list[str]:
    """Web links in a drop (from a browser's address bar or a link), for the Links page."""
    if not data.hasUrls():
        return []
    from app.gui.import_wizard.dropped import links_from_urls

    return links_from_urls(u.toString() for u in data.urls())


def imported(window: MainWindow, collection: str) -> None:
    from app.core.store import articles, collections

    window.library.refresh(collection=collection, chosen=[])
    try:
        ids = [
            r.id
            for r in articles.in_collection(window.db, collections.find(window.db, collection).id)
        ]
    except Exception:  # a collection the wizard did not create after all
        log.exception("imported collection %r not found", collection)
        return
    window.library.set_chosen(collection, window.settings.chosen.get(collection) or ids)


def open_pdf_export(window: MainWindow) -> None:
    if window.comparison is None:
        return
    dialog_class = _load(window, PDF_EXPORT, "ExportPdfDialog", "PDF export")
    if dialog_class is None:
        return
    ids = [a.db_id for a in window.comparison.articles]
    dialog = dialog_class(
        window.db_path, window.comparison.collection_name, ids, window, runner=window.runner
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def export_annotations(window: MainWindow) -> None:
    if window.comparison is None:
        return
    name, _ = QFileDialog.getSaveFileName(
        window, "Export annotations", f"{window.comparison.collection_name}.jsonld",
        "JSON-LD (*.jsonld *.json)",
    )  # fmt: skip
    if name:
        write_annotations(window, Path(name))


def write_annotations(window: MainWindow, out: Path) -> TaskHandle:
    """The shown articles' annotations as JSON-LD, written by a task of the window's runner."""
    from app.core.annotations import jsonld, store
    from app.core.view.document import write_json

    assert window.comparison is not None
    collection_id, name = window.comparison.collection_id, window.comparison.collection_name
    sources = {a.db_id: a.path for a in window.comparison.articles}

    def work(ctx: TaskContext) -> int:
        shown = store.for_articles(ctx.db, collection_id, sources)
        write_json(jsonld.annotation_collection(shown, sources, name), out)
        ctx.changed(Changes(files=(out,)))
        return len(shown)

    def done(outcome: Outcome) -> None:
        if outcome.status is Status.DONE:
            window.statusBar().showMessage(f"Wrote {outcome.value} annotations to {out}", 6000)
        elif outcome.status is Status.FAILED:
            QMessageBox.warning(window, "Parallax", f"Export failed:\n{outcome.error}")

    return window.runner.submit("export-annotations", work, on_done=done)


def reanalyse(window: MainWindow, collection_id: int | None = None) -> None:
    """Entity linking and alignment again, as a task of the window's runner; the window stays
    live and Stop really stops (reanalysis.py)."""
    from app.gui.window import reanalysis

    run = reanalysis.start(window, collection_id)
    if run is not None:
        window._reanalysis = run  # kept until the task reports


def correct(window: MainWindow, operation: str, keys: list[str]) -> None:
    """Entity corrections go through the core, which re-links the collection: that runs on
    the worker thread, then the comparison is reloaded."""
    from app.gui.panels import entity_edits

    function = entity_edits.available().get(operation)
    if function is None or window.comparison is None or not keys:
        return
    collection_id = window.comparison.collection_id
    ids = [int(k.lstrip("e")) for k in keys]
    entity = next(e for e in window.comparison.entities if e.key == keys[0])
    if operation == "merge":
        if len(ids) < 2:
            window.statusBar().showMessage("Select two or more entities to merge.", 4000)
            return
        job = lambda db: function(db, collection_id, ids)  # noqa: E731
    elif operation == "rename":
        name, ok = QInputDialog.getText(window, "Rename entity", "Name:", text=entity.name)
        if not ok or not name.strip():
            return
        job = lambda db: function(db, collection_id, ids[0], name.strip())  # noqa: E731
    elif operation == "split":
        forms = sorted({window.comparison.article(a).text[s:e]
                        for a, spans in entity.mentions.items() for s, e in spans})  # fmt: skip
        form, ok = QInputDialog.getItem(
            window, "Split entity", "Move the mentions written as:", forms, 0, False
        )
        if not ok:
            return
        from app.core.entities.queries import mentions_written_as

        job = lambda db: function(  # noqa: E731
            db, collection_id, mentions_written_as(db, ids[0], form)
        )
    else:
        job = lambda db: [function(db, collection_id, i) for i in ids]  # noqa: E731
    window.statusBar().showMessage(f"Entity {operation}: re-linking the collection…")

    def work(ctx: TaskContext) -> None:
        ctx.changed(Changes(analysis=frozenset({collection_id})))
        job(ctx.db)

    def done(outcome: Outcome) -> None:
        if outcome.status is Status.FAILED:
            QMessageBox.warning(window, "Parallax", f"Entity {operation} failed:\n{outcome.error}")

    window.runner.submit(f"correct-{operation}", work, on_done=done, replace=False)


def find_next(window: MainWindow) -> None:
    text = window.find_box.text()
    if not text or not window.compare.panes:
        return
    pane = window.annotator.focused_pane() or window.compare.panes[0]
    if not pane.text.find(text):
        pane.text.moveCursor(pane.text.textCursor().MoveOperation.Start)
        pane.text.find(text, QTextDocument.FindFlag(0))
    show_find_count(window, pane)


def match_starts(document: QTextDocument, text: str) -> list[int]:
    """Where `text` occurs in a document, as Find finds it (ignoring case)."""
    starts: list[int] = []
    cursor = document.find(text, 0)
    while not cursor.isNull() and cursor.hasSelection():
        starts.append(cursor.selectionStart())
        cursor = document.find(text, cursor.selectionEnd())
    return starts


def show_find_count(window: MainWindow, pane: ArticlePane | None = None) -> None:
    """Beside the find box "3 of 7 · 12 in all panes"; the status bar also names the article."""
    text = window.find_box.text()
    panes = window.compare.panes
    if not text or not panes:
        window.find_count.setText("")
        return
    pane = pane or window.annotator.focused_pane() or panes[0]
    label = pane.article.label if pane.article else "this article"
    here = match_starts(pane.text.document(), text)
    total = sum(len(match_starts(p.text.document(), text)) for p in panes)
    cursor = pane.text.textCursor()
    if cursor.hasSelection() and cursor.selectionStart() in here:
        short = f"{here.index(cursor.selectionStart()) + 1} of {len(here)}"
    else:
        short = count_of(len(here), "match", "matches")
    message = f"{short} in {label}"
    if total > len(here):
        short += f" · {total} in all panes"
        message += f" · {total} in all panes"
    window.find_count.setText(short)  # short: the toolbar must not widen the window
    window.statusBar().showMessage(f"“{text}”: {message}", 4000)


def zoom(window: MainWindow, step: int) -> None:
    if step == 0:
        window.compare.zoom(-window.settings.zoom)
        window.settings.zoom = 0
    else:
        window.compare.zoom(step)
        window.settings.zoom += step


def about_text() -> str:
    from app import __version__
    from app.core.nlp.model import MODEL_PACKAGES

    model = "no spaCy model installed"
    try:
        import spacy.util

        for name in MODEL_PACKAGES:
            version = spacy.util.get_package_version(name)
            if version:
                model = f"{name} {version}"
                break
    except ImportError:
        pass
    return (f"<h3>Parallax {__version__}</h3><p>Compare how several news sources report the"
            f" same story.</p><p>Language model: {model}</p>")  # fmt: skip


def about(window: MainWindow) -> None:
    QMessageBox.about(window, "About Parallax", about_text())
