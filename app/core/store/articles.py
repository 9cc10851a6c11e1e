"""Articles with their blocks, statements, mentions and stored parse."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, fields

import sqlite_utils

from app.core.errors import NotFound, ParallaxError
from app.core.model import ArticleAnalysis, Block, CleanArticle, Role, Statement
from app.core.store import originals, pages
from app.core.store.pages import WebPage

EDITABLE = ("title", "published", "source", "url", "author", "language")


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    collection_id: int
    path: str
    format: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    author: str | None
    language: str | None
    word_count: int
    text: str

    @property
    def label(self) -> str:
        """How the article is named to users: source, else title, else file name."""
        return self.source or self.title or self.path.rsplit("/", 1)[-1]


_COLUMNS = ", ".join(f.name for f in fields(ArticleRow))


@dataclass(frozen=True, slots=True)
class StoredStatement:
    id: int
    article_id: int
    seq: int
    role: Role
    start: int
    end: int


def insert_article(
    db: sqlite_utils.Database,
    collection_id: int,
    path: str,
    fmt: str,
    file_hash: str,
    text_hash: str,
    article: CleanArticle,
    analysis: ArticleAnalysis,
    edited_fields: Sequence[str] = (),
    page: WebPage | None = None,
    original: bytes | None = None,
) -> int:
    """Write one article and everything derived from it in a single transaction.

    `edited_fields` names metadata the user set by hand (the import wizard's edits), remembered
    as `update_metadata` does so that re-analysis never overwrites them. `page` is the web page
    the article was fetched from, `original` the bytes of the file it was read from: both kept
    beside it, in the same transaction."""
    meta = article.metadata
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO articles (collection_id, path, format, file_hash, text_hash, title,"
            " published, source, url, author, language, text, word_count, imported_at,"
            " edited_fields) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                collection_id, path, fmt, file_hash, text_hash, meta.title, meta.published,
                meta.source, meta.url, meta.author, meta.language, article.text,
                len(article.text.split()), now, json.dumps(sorted(set(edited_fields))),
            ],
        )  # fmt: skip
        article_id = int(cursor.lastrowid or 0)
        _insert_derived(db, article_id, article, analysis)
        if page is not None:
            pages.save(db, article_id, page)
        if original is not None:
            originals.save(db, article_id, original)
    return article_id


def _insert_derived(
    db: sqlite_utils.Database, article_id: int, article: CleanArticle, analysis: ArticleAnalysis
) -> None:
    """Blocks, statements, NER mentions and the stored parse of one article (inside the
    caller's transaction)."""
    db.conn.executemany(
        'INSERT INTO blocks (article_id, seq, role, start, "end") VALUES (?,?,?,?,?)',
        [(article_id, i, b.role.value, b.start, b.end) for i, b in enumerate(article.blocks)],
    )
    db.conn.executemany(
        'INSERT INTO statements (article_id, seq, role, start, "end") VALUES (?,?,?,?,?)',
        [(article_id, i, s.role.value, s.start, s.end) for i, s in enumerate(analysis.statements)],
    )
    db.conn.executemany(
        'INSERT INTO mentions (article_id, start, "end", text, label) VALUES (?,?,?,?,?)',
        [(article_id, m.start, m.end, m.text, m.label) for m in analysis.mentions],
    )
    db.execute(
        "INSERT INTO article_docs (article_id, segment_starts, doc_bytes) VALUES (?,?,?)",
        [article_id, json.dumps(analysis.segment_starts), analysis.doc_bytes],
    )


# Rows derived from an article's text: all offsets into the old text, so a replaced text drops
# them. Children of statements first: the aligner does not rely on foreign keys either.
_DERIVED = (
    "DELETE FROM alignment_statements WHERE statement_id IN"
    " (SELECT id FROM statements WHERE article_id = ?)",
    "DELETE FROM statement_meanings WHERE statement_id IN"
    " (SELECT id FROM statements WHERE article_id = ?)",
    "DELETE FROM entity_descriptors WHERE article_id = ?",
    "DELETE FROM quotes WHERE article_id = ?",
    "DELETE FROM mentions WHERE article_id = ?",
    "DELETE FROM statements WHERE article_id = ?",
    "DELETE FROM blocks WHERE article_id = ?",
    "DELETE FROM article_docs WHERE article_id = ?",
)


def replace_article(
    db: sqlite_utils.Database,
    article_id: int,
    fmt: str,
    file_hash: str,
    text_hash: str,
    article: CleanArticle,
    analysis: ArticleAnalysis,
    edited_fields: Sequence[str] = (),
    original: bytes | None = None,
) -> None:
    """Put a re-imported (edited) file's new text in place of article `article_id`, in one
    transaction: same id, new text and hashes, new derived rows. Metadata the user edited by
    hand (stored `edited_fields`, plus the new `edited_fields`) keeps its value unless newly
    edited. The collection is marked for a full re-alignment: groups and differences that held
    the old statements are stale, and the aligner's incremental run would keep them."""
    stored = get(db, article_id)
    meta = article.metadata
    with db.atomic():
        kept = _edited_fields(db, article_id)
        values = {name: getattr(meta, name) for name in EDITABLE}
        for name in kept - set(edited_fields):
            values[name] = getattr(stored, name)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        db.execute(
            "UPDATE articles SET format = ?, file_hash = ?, text_hash = ?, text = ?,"
            " word_count = ?, imported_at = ?, edited_fields = ?, "
            + ", ".join(f"{name} = ?" for name in values)
            + " WHERE id = ?",
            [
                fmt, file_hash, text_hash, article.text, len(article.text.split()), now,
                json.dumps(sorted(kept | set(edited_fields))), *values.values(), article_id,
            ],
        )  # fmt: skip
        for statement in _DERIVED:
            db.execute(statement, [article_id])
        _insert_derived(db, article_id, article, analysis)
        if original is not None:
            originals.save(db, article_id, original)
        else:  # bytes that no longer match the text must not be offered as its original
            db.execute("DELETE FROM source_files WHERE article_id = ?", [article_id])
        db.execute(
            "DELETE FROM aligned_articles WHERE article_id IN"
            " (SELECT id FROM articles WHERE collection_id = ?)",
            [stored.collection_id],
        )


def find_by_path(db: sqlite_utils.Database, collection_id: int, path: str) -> ArticleRow | None:
    """The collection's article imported from `path` (the newest, should there be several)."""
    row = db.execute(
        f"SELECT {_COLUMNS} FROM articles WHERE collection_id = ? AND path = ?"
        " ORDER BY id DESC LIMIT 1",
        [collection_id, path],
    ).fetchone()
    return ArticleRow(*row) if row else None


def find_duplicate(
    db: sqlite_utils.Database, collection_id: int | None, file_hash: str, text_hash: str
) -> ArticleRow | None:
    """A stored article with the same bytes or the same cleaned text, in the collection
    (or, with `collection_id` None, anywhere)."""
    in_collection = "collection_id = ? AND" if collection_id is not None else ""
    row = db.execute(
        f"SELECT {_COLUMNS} FROM articles WHERE {in_collection}"
        " (file_hash = ? OR text_hash = ?) ORDER BY id LIMIT 1",
        [*([collection_id] if collection_id is not None else []), file_hash, text_hash],
    ).fetchone()
    return ArticleRow(*row) if row else None


def get(db: sqlite_utils.Database, article_id: int) -> ArticleRow:
    row = db.execute(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    return ArticleRow(*row)


def in_collection(db: sqlite_utils.Database, collection_id: int) -> list[ArticleRow]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM articles WHERE collection_id = ? ORDER BY id",
        [collection_id],
    ).fetchall()
    return [ArticleRow(*row) for row in rows]


def count(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])


def blocks(db: sqlite_utils.Database, article_id: int) -> list[Block]:
    rows = db.execute(
        'SELECT role, start, "end" FROM blocks WHERE article_id = ? ORDER BY seq', [article_id]
    ).fetchall()
    return [Block(Role(role), start, end) for role, start, end in rows]


def statements(db: sqlite_utils.Database, article_id: int) -> list[StoredStatement]:
    rows = db.execute(
        'SELECT id, article_id, seq, role, start, "end" FROM statements'
        " WHERE article_id = ? ORDER BY seq",
        [article_id],
    ).fetchall()
    return [StoredStatement(r[0], r[1], r[2], Role(r[3]), r[4], r[5]) for r in rows]


def as_statement(row: StoredStatement) -> Statement:
    return Statement(row.start, row.end, row.role)


def update_metadata(db: sqlite_utils.Database, article_id: int, **values: str | None) -> None:
    """Edit metadata; edited fields are remembered so that re-analysis never overwrites them."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ParallaxError(f"not editable: {', '.join(sorted(unknown))}")
    get(db, article_id)
    with db.atomic():
        edited = _edited_fields(db, article_id)
        for column, value in values.items():
            db.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", [value, article_id])
            edited.add(column)
        db.execute(
            "UPDATE articles SET edited_fields = ? WHERE id = ?",
            [json.dumps(sorted(edited)), article_id],
        )


def _edited_fields(db: sqlite_utils.Database, article_id: int) -> set[str]:
    """The metadata fields of an article that a user set by hand."""
    row = db.execute("SELECT edited_fields FROM articles WHERE id = ?", [article_id]).fetchone()
    return set(json.loads(row[0]))


def search(db: sqlite_utils.Database, query: str, limit: int = 50) -> list[tuple[int, str, str]]:
    """Full-text search: (article id, title, snippet with [matches] marked)."""
    try:
        rows = db.execute(
            "SELECT articles.id, coalesce(articles.title, articles.path),"
            " snippet(articles_fts, 1, '[', ']', '…', 12)"
            " FROM articles_fts JOIN articles ON articles.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            [query, limit],
        ).fetchall()
    except Exception as exc:  # sqlite3.OperationalError on FTS syntax errors
        raise ParallaxError(f"bad search query {query!r}: {exc}") from exc
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]
