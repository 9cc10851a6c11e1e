"""Metadata a user corrects before import (title, source, date, URL…), checked in one place."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from app.core.errors import ParallaxError
from app.core.ingest.metadata import normalise_date
from app.core.model import CleanArticle
from app.core.store.articles import EDITABLE

# field name → new value (None or "" clears the field)
Edits = Mapping[str, str | None]


def check_edit(name: str, value: str | None) -> str | None:
    """The value as it will be stored; raises ParallaxError when it cannot be stored."""
    if name not in EDITABLE:
        raise ParallaxError(f"not editable: {name}")
    value = (value or "").strip() or None
    if name == "published" and value is not None:
        date = normalise_date(value)
        if date is None:
            raise ParallaxError(f"not a date: {value!r} (use e.g. 2021-02-08)")
        return date
    return value


def check_edits(edits: Edits) -> dict[str, str | None]:
    return {name: check_edit(name, value) for name, value in edits.items()}


def apply_edits(article: CleanArticle, edits: Edits) -> tuple[CleanArticle, list[str]]:
    """The article with its metadata edited, and the fields that really changed."""
    values = check_edits(edits)
    changed = {k: v for k, v in values.items() if getattr(article.metadata, k) != v}
    if not changed:
        return article, []
    metadata = dataclasses.replace(article.metadata, **changed)
    return dataclasses.replace(article, metadata=metadata), sorted(changed)
