"""Entity corrections (merge, split, rename, hide) from the reader: each goes through the
core's one rule for what re-runs after a correction (`app.core.analysis.
apply_entity_correction`: re-link, re-align, re-anchor), so they survive re-analysis and the
comparison never goes stale. The reader never edits entity rows itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlite_utils

from app.core.analysis import apply_entity_correction

OPERATIONS = ("merge", "split", "rename", "hide")


def _operation(action: str) -> Callable[..., int]:
    def run(db: sqlite_utils.Database, collection_id: int, *args: Any) -> int:
        entity_id, _report = apply_entity_correction(db, collection_id, action, *args)
        return entity_id

    return run


def available() -> dict[str, Callable[..., Any] | None]:
    """operation → the function that records it and analyses the collection again."""
    return {op: _operation(op) for op in OPERATIONS}
