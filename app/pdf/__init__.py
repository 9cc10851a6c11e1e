"""The PDF of a comparison, drawn with QtGui alone (no widgets): the CLI renders it headless
and the reader runs that CLI as a child process. `app/gui/pdf_export/` holds only the dialog
and the task that starts the child."""

from app.pdf.job import ensure_gui_application, export_pdf
from app.pdf.render import ExportCancelled, render_pdf

__all__ = ["ExportCancelled", "ensure_gui_application", "export_pdf", "render_pdf"]
