"""PDF export of a comparison: rendering (render.py and the modules it uses) and the dialog."""

from app.gui.pdf_export.job import ensure_gui_application, export_pdf
from app.gui.pdf_export.render import ExportCancelled, render_pdf

__all__ = ["ExportCancelled", "ensure_gui_application", "export_pdf", "render_pdf"]
