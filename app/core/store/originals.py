"""The bytes an article was made from, as read: a file's (table `source_files`, migration 0009)
or a web page's (`web_pages`, migration 0007). Cleaned text can always be checked against them.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import sqlite_utils

from app.core.store import pages

# zlib level 6 (its default) takes plain text and HTML to about a third; PDF, DOCX and images
# are compressed already, so they are kept as they are rather than paying for a bigger copy.
ZLIB_LEVEL = 6


@dataclass(frozen=True, slots=True)
class Original:
    """An article's original bytes and where they were kept: "file" or "web"."""

    data: bytes
    kept_as: str  # "file, zlib 12,345 bytes", "file, uncompressed", "web page"


def save(db: sqlite_utils.Database, article_id: int, data: bytes) -> None:
    """Keep a file's bytes for `article_id`, inside the caller's transaction (the article's)."""
    packed = zlib.compress(data, ZLIB_LEVEL)
    compression = "zlib" if len(packed) < len(data) else "none"
    db.execute(
        "INSERT OR REPLACE INTO source_files (article_id, size, compression, data)"
        " VALUES (?,?,?,?)",
        [article_id, len(data), compression, packed if compression == "zlib" else data],
    )


def get(db: sqlite_utils.Database, article_id: int) -> Original | None:
    """The bytes article `article_id` was made from; None when they were not kept (imported
    before migration 0009, or not from a file or a page)."""
    row = db.execute(
        "SELECT size, compression, data FROM source_files WHERE article_id = ?", [article_id]
    ).fetchone()
    if row is not None:
        size, compression, data = int(row[0]), str(row[1]), bytes(row[2])
        if compression == "zlib":
            return Original(zlib.decompress(data), f"file, zlib {len(data):,} of {size:,} bytes")
        return Original(data, "file, uncompressed")
    page = pages.get(db, article_id)
    return Original(page.body, "web page") if page is not None else None
