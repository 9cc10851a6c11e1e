"""app.core must never import Qt: the CLI, the bench and other tools use it without a GUI."""

import pkgutil

import app.core
from tests.fresh_interpreter import modules_loaded_by


def test_no_core_module_imports_pyside6() -> None:
    modules = [m.name for m in pkgutil.walk_packages(app.core.__path__, "app.core.")]
    assert len(modules) > 10
    bad = sorted(m for m in modules_loaded_by(modules)
                 if m.split(".")[0] in ("PySide6", "shiboken6"))  # fmt: skip
    assert not bad, f"Qt imported by app.core: {bad}"


def test_the_pdf_renderer_needs_no_widgets() -> None:
    """app/pdf draws with QtGui alone (issue 15): the headless CLI export loads no QtWidgets
    and nothing of the reader's GUI package."""
    import app.pdf

    modules = [m.name for m in pkgutil.walk_packages(app.pdf.__path__, "app.pdf.")]
    assert len(modules) >= 5
    widgets = {"PySide6.QtWidgets", "PySide6.QtPdfWidgets"}
    bad = sorted(m for m in modules_loaded_by(modules) if m in widgets or m.startswith("app.gui"))
    assert not bad, f"widgets or app.gui loaded by app.pdf: {bad}"
