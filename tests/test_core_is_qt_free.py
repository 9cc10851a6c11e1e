"""app.core must never import Qt: the CLI, the bench and other tools use it without a GUI."""

import pkgutil
import subprocess
import sys

import app.core


def test_no_core_module_imports_pyside6() -> None:
    modules = [m.name for m in pkgutil.walk_packages(app.core.__path__, "app.core.")]
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"Qt imported by app.core: {result.stdout}"


def test_the_pdf_renderer_needs_no_widgets() -> None:
    """app/pdf draws with QtGui alone (issue 15): the headless CLI export loads no QtWidgets
    and nothing of the reader's GUI package."""
    import app.pdf

    modules = [m.name for m in pkgutil.walk_packages(app.pdf.__path__, "app.pdf.")]
    assert len(modules) >= 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m in ('PySide6.QtWidgets', 'PySide6.QtPdfWidgets')"
        " or m.startswith('app.gui'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"widgets or app.gui loaded by app.pdf: {result.stdout}"
