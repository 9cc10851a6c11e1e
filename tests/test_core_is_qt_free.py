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
