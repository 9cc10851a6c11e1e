"""Read and clean one candidate file without storing it, and recognise duplicates.

Shared by the importer (which then analyses and stores) and the import preview (which only
shows), so that both decide a file's fate the same way.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from app.core.errors import UnreadableFile
from app.core.ingest.article import clean_article
from app.core.ingest.discover import Candidate
from app.core.ingest.readers import RawDocument, read_bytes, read_document
from app.core.model import CleanArticle, Role
from app.core.store import articles as article_store
from app.core.store.pages import WebPage

log = logging.getLogger("parallax.import")

# Budgets (issue 17): what no news article reaches, so that one file can never cost minutes
# and gigabytes. The longest long-form pieces run to 20,000-30,000 words in a few hundred
# paragraphs; a file far beyond that is a book, a dump or an attack, refused with the reason.
MAX_ARTICLE_WORDS = 100_000
MAX_ARTICLE_LINES = 50_000  # counted before clean-up, which is the costly part for many lines
MAX_ARTICLE_PARAGRAPHS = 5_000


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file read and cleaned; `problem` says why it cannot be imported, else `article` is set.

    A page from the web also has `origin` (the address asked for: its name in reports and in
    the store) and `page` (what was fetched, stored beside the article); `duplicate` says
    which stored article it repeats when that was known before fetching."""

    path: Path
    problem: str | None = None
    format: str = ""
    file_hash: str = ""
    text_hash: str = ""
    article: CleanArticle | None = None
    origin: str = ""
    page: WebPage | None = None
    duplicate: str | None = None
    # A file's bytes as read, stored beside its article (a page's are in `page`); not in the
    # repr, which would print up to MAX_FILE_BYTES.
    original: bytes | None = field(default=None, repr=False)

    @property
    def words(self) -> int:
        return len(self.article.text.split()) if self.article is not None else 0

    @property
    def key(self) -> str:
        """How the article is named and stored: its web address, else its file's path."""
        return self.origin or str(self.path)


def prepare(candidate: Candidate, keep_original: bool = True) -> Prepared:
    """Read, decode and clean a file; every expected failure becomes `problem`, never an error.
    `keep_original=False` (a preview, which holds every file it shows) leaves the bytes out."""
    path = candidate.path
    if candidate.problem:
        return Prepared(path, candidate.problem)
    try:
        data = read_bytes(path)
    except UnreadableFile as exc:
        return Prepared(path, str(exc))
    prepared = prepare_bytes(path, data, lambda raw: read_document(path, raw))
    if prepared.article is None or not keep_original:
        return prepared
    return replace(prepared, original=data)


def prepare_bytes(
    path: Path,
    data: bytes,
    read: Callable[[bytes], RawDocument],
    origin: str = "",
    page: WebPage | None = None,
) -> Prepared:
    """Read bytes with `read`, then clean them: the part shared by files and fetched pages."""
    file_hash = hashlib.sha256(data).hexdigest()
    try:
        raw = read(data)
        check_budget(raw.text)
        article = clean_article(raw)
        if len(article.blocks) > MAX_ARTICLE_PARAGRAPHS:
            raise UnreadableFile(
                f"{len(article.blocks):,} paragraphs: more than one article holds (limit"
                f" {MAX_ARTICLE_PARAGRAPHS:,}); split the file into articles"
            )
    except UnreadableFile as exc:
        return Prepared(path, str(exc), file_hash=file_hash, origin=origin, page=page)
    except Exception as exc:  # a reader library failing on a malformed file
        log.exception("unexpected error reading %s", origin or path)
        return Prepared(
            path,
            f"cannot read ({exc.__class__.__name__})",
            file_hash=file_hash,
            origin=origin,
            page=page,
        )
    if not any(b.role is Role.BODY for b in article.blocks):
        return Prepared(
            path,
            "no article text (only boilerplate)",
            raw.format,
            file_hash,
            origin=origin,
            page=page,
        )
    text_hash = hashlib.sha256(article.text.encode()).hexdigest()
    return Prepared(path, None, raw.format, file_hash, text_hash, article, origin=origin, page=page)


def check_budget(text: str) -> None:
    """Refuse, before clean-up and NLP, a text no article is as long as."""
    lines = text.count("\n") + 1
    if lines > MAX_ARTICLE_LINES:
        raise UnreadableFile(
            f"{lines:,} lines: more than one article holds (limit {MAX_ARTICLE_LINES:,});"
            " split the file into articles"
        )
    words = len(text.split())
    if words > MAX_ARTICLE_WORDS:
        raise UnreadableFile(
            f"{words:,} words: more than one article holds (limit {MAX_ARTICLE_WORDS:,});"
            " split the file into articles"
        )


@dataclass(slots=True)
class DuplicateCheck:
    """Finds earlier copies of a file: in this run, or stored in the database.

    With `collection_id` None the whole database is searched (the import preview, before a
    collection is chosen) and the answer names the collection.
    """

    db: sqlite_utils.Database
    collection_id: int | None
    _seen: dict[str, str] = field(default_factory=dict)  # file or text hash → first path

    def earlier_file(self, file_hash: str, noun: str = "file") -> str | None:
        """Why a file (or a fetched page) whose bytes were already seen in this run is a
        duplicate."""
        first = self._seen.get(file_hash) if file_hash else None
        return f"same {noun} as {first}" if first is not None else None

    def check(self, prepared: Prepared) -> str | None:
        """The reason `prepared` (a readable article) is a duplicate, or None; remembers it."""
        path = prepared.key
        same_file = self.earlier_file(prepared.file_hash, "page" if prepared.origin else "file")
        if same_file:
            return same_file
        stored = article_store.find_duplicate(
            self.db, self.collection_id, prepared.file_hash, prepared.text_hash
        )
        earlier = self._seen.get(prepared.text_hash)
        self._seen[prepared.file_hash] = self._seen[prepared.text_hash] = path
        if stored is not None:
            same = "same file" if stored.path == path else f"same text as {stored.path}"
            where = f"article {stored.id}"
            if self.collection_id is None:
                where += f" in {_collection_name(self.db, stored.collection_id)!r}"
            return f"{same} ({where})"
        if earlier is not None:
            return f"same text as {earlier}"
        return None


def _collection_name(db: sqlite_utils.Database, collection_id: int) -> str:
    row = db.execute("SELECT name FROM collections WHERE id = ?", [collection_id]).fetchone()
    return str(row[0]) if row else "?"
