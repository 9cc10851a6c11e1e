"""The `parallax/comparison-1` document of a collection, as `parallax export --format json`
writes it: the tests that check the contract read this dict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlite_utils

from app.core.view.document import to_document
from app.core.view.load import load_comparison


def build_comparison(
    db: sqlite_utils.Database, collection: str, article_ids: Sequence[int] | None = None
) -> dict[str, Any]:
    return to_document(load_comparison(db, collection, article_ids))
