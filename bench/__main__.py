"""`make bench`: every benchmark module of this package, one after the other."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench as package

ORDER = ["imports", "web", "entities", "alignment", "corpus_eval", "gui", "wizard", "export"]


def main() -> int:
    names = {m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")}
    for name in [n for n in ORDER if n in names] + sorted(names - set(ORDER)):
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "main"):
            continue  # a helper module (synthetic corpora), not a benchmark
        print(f"\n=== bench/{name}.py")
        sys.stdout.flush()
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
