"""The dialogs the main window opens: the import wizard (also for drops), PDF export, annotation
export, what an entity correction asks first, and About. Each gets what it needs as arguments and
reports back through a callback or its return value; none reads or sets the window's fields.

The wizard and the PDF dialog (with QtPdf) are imported when first opened, not when the window
starts (~0.13 s of its start measured here)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from app.core.annotations import jsonld, store
from app.core.view.document import write_json
from app.gui.import_wizard import links_from_urls, paths_from_urls, worth_importing
from app.gui.panels.entity_edits import EntityEdit, entity_id
from app.gui.runner import Changes, Outcome, Status, TaskContext, TaskHandle, TaskRunner

if TYPE_CHECKING:
    from app.core.view.model import Comparison
    from app.gui.import_wizard.wizard import ImportWizard
    from app.gui.pdf_export.dialog import ExportPdfDialog


# -- import -------------------------------------------------------------------------------
def open_import(
    parent: QWidget, db_path: Path, runner: TaskRunner, paths: Sequence[Path],
    urls: Sequence[str], on_imported: Callable[[str], None],
) -> ImportWizard:  # fmt: skip
    """The import wizard, with dropped files (and web links: it opens on its Links page);
    `on_imported(collection name)` when the user asks to open the comparison."""
    from app.gui.import_wizard.wizard import ImportWizard

    wizard = ImportWizard(db_path, list(paths), parent, runner=runner, urls=list(urls))
    wizard.imported.connect(lambda name: on_imported(str(name)))
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard


def dropped_paths(data: QMimeData) -> list[Path]:
    """Local files and folders worth importing in a drop (the wizard's own rules), else none."""
    if not data.hasUrls():
        return []
    paths = paths_from_urls(u.toString() for u in data.urls())
    return paths if worth_importing(paths) else []


def dropped_links(data: QMimeData) -> list[str]:
    """Web links in a drop (from a browser's address bar or a link), for the Links page."""
    if not data.hasUrls():
        return []
    return links_from_urls(u.toString() for u in data.urls())


# -- export -------------------------------------------------------------------------------
def open_pdf_export(
    parent: QWidget, db_path: Path, runner: TaskRunner, collection: str, article_ids: list[int]
) -> ExportPdfDialog:
    from app.gui.pdf_export.dialog import ExportPdfDialog

    dialog = ExportPdfDialog(db_path, collection, article_ids, parent, runner=runner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def ask_annotations_file(parent: QWidget, collection: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export annotations", f"{collection}.jsonld", "JSON-LD (*.jsonld *.json)"
    )
    return Path(name) if name else None


def write_annotations(
    parent: QWidget, runner: TaskRunner, collection_id: int, collection: str,
    sources: Mapping[int, str], out: Path, report: Callable[[str], None],
) -> TaskHandle:  # fmt: skip
    """The shown articles' annotations (`sources`: article id → path) as JSON-LD, written by a
    task of the runner; `report` gets the message for the status bar, failures a message box."""
    shown_sources = dict(sources)

    def work(ctx: TaskContext) -> int:
        shown = store.for_articles(ctx.db, collection_id, shown_sources)
        write_json(jsonld.annotation_collection(shown, shown_sources, collection), out)
        ctx.changed(Changes(files=(out,)))
        return len(shown)

    def done(outcome: Outcome) -> None:
        if outcome.status is Status.DONE:
            report(f"Wrote {outcome.value} annotations to {out}")
        elif outcome.status is Status.FAILED:
            QMessageBox.warning(parent, "Parallax", f"Export failed:\n{outcome.error}")

    return runner.submit("export-annotations", work, on_done=done)


# -- entity corrections -------------------------------------------------------------------
def ask_entity_edit(
    parent: QWidget, comparison: Comparison, operation: str, keys: Sequence[str]
) -> EntityEdit | None:
    """The correction of the entities `keys` of the comparison shown, with what rename and
    split ask for first (None: the user cancelled)."""
    ids = tuple(entity_id(k) for k in keys)
    entity = next(e for e in comparison.entities if e.key == keys[0])
    text: str | None = ""
    if operation == "rename":
        text = ask_entity_name(parent, entity.name)
    elif operation == "split":
        forms = sorted({comparison.article(a).text[s:e]
                        for a, spans in entity.mentions.items() for s, e in spans})  # fmt: skip
        text = ask_split_form(parent, forms)
    return None if text is None else EntityEdit(operation, comparison.collection_id, ids, text)


def ask_entity_name(parent: QWidget, name: str) -> str | None:
    """Rename: the new name (None: cancelled or left empty)."""
    text, ok = QInputDialog.getText(parent, "Rename entity", "Name:", text=name)
    return text.strip() if ok and text.strip() else None


def ask_split_form(parent: QWidget, forms: list[str]) -> str | None:
    """Split: which written form's mentions move to an entity of their own (None: cancelled)."""
    form, ok = QInputDialog.getItem(
        parent, "Split entity", "Move the mentions written as:", forms, 0, False
    )
    return form if ok else None


# -- about --------------------------------------------------------------------------------
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


def about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About Parallax", about_text())
