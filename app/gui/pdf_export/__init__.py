"""PDF export from the reader: the dialog (dialog.py) and the task that runs the export as a
child process (child.py). The rendering itself is `app/pdf/`, which the CLI uses headless."""

from app.pdf import ExportCancelled, ensure_gui_application, export_pdf, render_pdf

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
