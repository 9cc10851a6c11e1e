"""What a fresh interpreter has loaded after importing some modules: the tests that keep a
layer light (no Qt in the core, no widgets in the PDF renderer, no language model in the view)
ask it, not their own process, which has loaded everything."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

from tests.conftest import ROOT


def modules_loaded_by(modules: Sequence[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT)  # fmt: skip
    return set(result.stdout.split())
