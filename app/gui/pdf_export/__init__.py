"""PDF export of a comparison: rendering (render.py and the modules it uses) and the dialog."""

from app.gui.pdf_export.job import ensure_gui_application, export_pdf
from app.gui.pdf_export.render import ExportCancelled, render_pdf

__all__ = [
    "ExportCancelled",
    "ExportPdfDialog",
    "ensure_gui_application",
    "export_pdf",
    "render_pdf",
]


def __getattr__(name: str) -> object:
    # The dialog pulls in QtWidgets and QtPdf; the CLI, which only renders, does not need them.
    if name == "ExportPdfDialog":
        from app.gui.pdf_export.dialog import ExportPdfDialog

        return ExportPdfDialog
    raise AttributeError(name)
