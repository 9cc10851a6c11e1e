"""Web pages kept beside the articles made from them (table `web_pages`, migration 0007)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True, slots=True)
class WebPage:
    """A page as fetched: the address asked for, where redirects ended, the HTTP status, when
    (ISO 8601, UTC), the declared content type and the body's bytes."""

    url: str
    final_url: str
    status: int
    fetched_at: str
    content_type: str
    body: bytes


def save(db: sqlite_utils.Database, article_id: int, page: WebPage) -> None:
    """Inside the caller's transaction (the article's own)."""
    db.execute(
        "INSERT OR REPLACE INTO web_pages (article_id, url, final_url, status, fetched_at,"
        " content_type, body) VALUES (?,?,?,?,?,?,?)",
        [article_id, page.url, page.final_url, page.status, page.fetched_at,
         page.content_type, page.body],
    )  # fmt: skip


def get(db: sqlite_utils.Database, article_id: int) -> WebPage | None:
    row = db.execute(
        "SELECT url, final_url, status, fetched_at, content_type, body FROM web_pages"
        " WHERE article_id = ?",
        [article_id],
    ).fetchone()
    return WebPage(*row) if row else None


def imported_from(
    db: sqlite_utils.Database, collection_id: int | None, url: str
) -> tuple[int, int] | None:
    """(article id, collection id) of an article fetched from `url` (asked for, or reached
    after redirects) or imported with that address; in the collection, or with None anywhere."""
    where = " AND collection_id = ?" if collection_id is not None else ""
    extra = [collection_id] if collection_id is not None else []
    # One indexed look-up per column (an OR across the join would scan every article).
    row = db.execute(
        "SELECT id, collection_id FROM articles WHERE id IN ("
        " SELECT id FROM articles WHERE path = ? UNION SELECT id FROM articles WHERE url = ?"
        " UNION SELECT article_id FROM web_pages WHERE url = ?"
        " UNION SELECT article_id FROM web_pages WHERE final_url = ?)"
        f"{where} ORDER BY id LIMIT 1",
        [url, url, url, url, *extra],
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else None
