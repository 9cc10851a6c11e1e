"""Run every screenshot module of this package and list the PNG files it wrote."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import app.gui.shots as package


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("shots_"):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            written += module.take(out)
    for path in written:
        print(path)
    print(f"{len(written)} screenshot(s) in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
