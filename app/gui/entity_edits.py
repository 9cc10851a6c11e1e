"""The entity corrections the core offers (merge, split, rename, hide: issue 3), found at run
time. The reader never edits entities behind the core's back: corrections must survive
re-analysis, which only the core knows how to do. Missing functions disable their buttons."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

CANDIDATE_MODULES = (
    "app.core.entities.corrections",
    "app.core.entities.edits",
    "app.core.entities.user",
    "app.core.entities.store",
    "app.core.entities",
)
OPERATIONS = ("merge", "split", "rename", "hide")


def _module() -> ModuleType | None:
    for name in CANDIDATE_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if any(_find(module, op) for op in OPERATIONS):
            return module
    return None


def _find(module: ModuleType, operation: str) -> Callable[..., Any] | None:
    for name in (
        operation,
        f"{operation}_entities",
        f"{operation}_entity",
        f"{operation}_mentions",
    ):
        found = getattr(module, name, None)
        if callable(found):
            return found
    return None


def available() -> dict[str, Callable[..., Any] | None]:
    """operation → core function (None when the core does not offer it yet)."""
    module = _module()
    return {op: (_find(module, op) if module else None) for op in OPERATIONS}
