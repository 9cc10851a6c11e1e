"""What went wrong for one article in one analysis stage: logged, reported, and the rest of
the collection analysed all the same (a text that trips one stage must not cost the others)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

log = logging.getLogger("parallax.analysis")

WHOLE_COLLECTION = "the whole collection"


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    stage: str  # "quotes", "features", "differences", or a collection stage ("link", …)
    article_id: int | None  # None: the stage failed for the collection as a whole
    article: str  # how the user knows the article: its title and file
    error: str  # exception type and message

    def line(self) -> str:
        """One line for the CLI and the GUI: stage, article, what happened."""
        return f"{self.stage} failed for {self.article}: {self.error}"

    def as_json(self) -> dict[str, object]:
        return {"stage": self.stage, "article_id": self.article_id, "article": self.article,
                "error": self.error}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, object]) -> ArticleFailure:
        article_id = data.get("article_id")
        return cls(
            str(data.get("stage", "")), int(article_id) if isinstance(article_id, int) else None,
            str(data.get("article", "")), str(data.get("error", "")),
        )  # fmt: skip


MAX_ERROR_CHARS = 160  # one readable line; the log keeps the whole traceback


def describe_error(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if len(message) > MAX_ERROR_CHARS:
        message = message[: MAX_ERROR_CHARS - 1].rstrip() + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def article_names(db: sqlite_utils.Database, article_ids: Iterable[int]) -> dict[int, str]:
    """Article id → "Title (path)", or the path alone for an untitled article."""
    names: dict[int, str] = {}
    for article_id in article_ids:
        row = db.execute("SELECT title, path FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            names[article_id] = f"article {article_id}"
        else:
            title, path = row
            names[article_id] = f"{title} ({path})" if title else str(path)
    return names


def failure(
    stage: str, article_id: int | None, names: dict[int, str], exc: BaseException
) -> ArticleFailure:
    """Log the failure with its traceback and make its report."""
    if article_id is None:
        name = WHOLE_COLLECTION
    else:
        name = names.get(article_id, f"article {article_id}")
    log.error("%s failed for %s", stage, name, exc_info=exc)
    return ArticleFailure(stage, article_id, name, describe_error(exc))
