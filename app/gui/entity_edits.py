"""Entity corrections (merge, split, rename, hide) live in the core
(`app.core.entities.corrections`, issue 3): they are recorded by span and replayed on every
re-link, so they survive re-analysis. The reader never edits entity rows itself. The module is
imported lazily; while it is missing, the buttons are disabled and say why."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

MODULE = "app.core.entities.corrections"
OPERATIONS = ("merge", "split", "rename", "hide")


def available() -> dict[str, Callable[..., Any] | None]:
    """operation → core function (None when the core does not offer it)."""
    try:
        module = importlib.import_module(MODULE)
    except ImportError:
        return dict.fromkeys(OPERATIONS)
    return {op: getattr(module, op, None) for op in OPERATIONS}
