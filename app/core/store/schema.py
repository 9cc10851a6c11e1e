"""Every schema change is a migration; released ones are never edited, only followed."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("parallax")


@MIGRATIONS(name="0001_initial")
def initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE collections (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            format TEXT NOT NULL,
            file_hash TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            title TEXT, published TEXT, source TEXT, url TEXT, author TEXT, language TEXT,
            edited_fields TEXT NOT NULL DEFAULT '[]',
            text TEXT NOT NULL,
            word_count INTEGER NOT NULL,
            imported_at TEXT NOT NULL,
            UNIQUE (collection_id, text_hash)
        );
        CREATE INDEX articles_file_hash ON articles(file_hash);
        CREATE TABLE blocks (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, role TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX blocks_article ON blocks(article_id, seq);
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, role TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX statements_article ON statements(article_id, seq);
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            name TEXT NOT NULL, label TEXT NOT NULL, value TEXT,
            hidden INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX entities_collection ON entities(collection_id);
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT NOT NULL,
            entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL
        );
        CREATE INDEX mentions_article ON mentions(article_id, start);
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE article_docs (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            segment_starts TEXT NOT NULL,
            doc_bytes BLOB NOT NULL
        );
        CREATE TABLE alignments (
            id INTEGER PRIMARY KEY,
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            status TEXT NOT NULL, score REAL NOT NULL
        );
        CREATE TABLE alignment_statements (
            alignment_id INTEGER NOT NULL REFERENCES alignments(id) ON DELETE CASCADE,
            statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
            PRIMARY KEY (alignment_id, statement_id)
        );
        CREATE TABLE differences (
            id INTEGER PRIMARY KEY,
            alignment_id INTEGER NOT NULL REFERENCES alignments(id) ON DELETE CASCADE,
            type TEXT NOT NULL, severity TEXT NOT NULL, detail TEXT NOT NULL,
            readings TEXT NOT NULL
        );
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            created TEXT NOT NULL, modified TEXT NOT NULL,
            target TEXT NOT NULL, body TEXT NOT NULL
        );
        """
    )
    db.table("articles").enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True)


@MIGRATIONS(name="0002_entities")
def entities(db: sqlite_utils.Database) -> None:
    """Entity linking: where a mention came from (the NER or the linker's repairs), which NER
    spans a repaired span replaced, DATE values, descriptors and user corrections."""
    db.executescript(
        """
        ALTER TABLE mentions ADD COLUMN origin TEXT NOT NULL DEFAULT 'ner';
        ALTER TABLE mentions ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE mentions ADD COLUMN value TEXT;
        ALTER TABLE mentions ADD COLUMN anchor TEXT;
        CREATE TABLE entity_descriptors (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX entity_descriptors_entity ON entity_descriptors(entity_id);
        CREATE TABLE entity_corrections (
            id INTEGER PRIMARY KEY,
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            payload TEXT NOT NULL,
            created TEXT NOT NULL
        );
        CREATE INDEX entity_corrections_collection ON entity_corrections(collection_id, id);
        """
    )


@MIGRATIONS(name="0003_alignment")
def alignment(db: sqlite_utils.Database) -> None:
    """Statement alignment: which articles a stored alignment covers (for incremental runs),
    secondary members, difference identity and relevance, user corrections, quotations."""
    db.executescript(
        """
        ALTER TABLE alignment_statements ADD COLUMN secondary INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE differences ADD COLUMN key TEXT NOT NULL DEFAULT '';
        ALTER TABLE differences ADD COLUMN relevant INTEGER NOT NULL DEFAULT 1;
        CREATE INDEX alignments_collection ON alignments(collection_id);
        CREATE INDEX alignment_statements_statement ON alignment_statements(statement_id);
        CREATE INDEX differences_alignment ON differences(alignment_id);
        CREATE TABLE aligned_articles (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            aligned_at TEXT NOT NULL
        );
        CREATE TABLE alignment_corrections (
            id INTEGER PRIMARY KEY,
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,  -- link | unlink | ignore
            anchors TEXT NOT NULL DEFAULT '[]',  -- statements as {article, start, end, text}
            difference_key TEXT,
            created TEXT NOT NULL
        );
        CREATE INDEX alignment_corrections_collection ON alignment_corrections(collection_id);
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            speaker TEXT, channel TEXT
        );
        CREATE INDEX quotes_article ON quotes(article_id, start);
        """
    )


@MIGRATIONS(name="0004_annotations")
def annotations_anchoring(db: sqlite_utils.Database) -> None:
    """Annotations outlive their article row: deleting or replacing an article leaves them
    unattached (article_id NULL, path and quote kept) so re-import can re-anchor them."""
    db.executescript(
        """
        CREATE TABLE annotations_v2 (
            id INTEGER PRIMARY KEY,
            collection_id INTEGER REFERENCES collections(id) ON DELETE CASCADE,
            article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            article_path TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL, modified TEXT NOT NULL,
            target TEXT NOT NULL, body TEXT NOT NULL,
            colour TEXT NOT NULL DEFAULT '#ffe066',
            group_key TEXT,
            status TEXT NOT NULL DEFAULT 'anchored'
        );
        INSERT INTO annotations_v2
            (id, collection_id, article_id, article_path, created, modified, target, body)
            SELECT n.id, a.collection_id, n.article_id, a.path, n.created, n.modified,
                   n.target, n.body
            FROM annotations n JOIN articles a ON a.id = n.article_id;
        DROP TABLE annotations;
        ALTER TABLE annotations_v2 RENAME TO annotations;
        CREATE INDEX annotations_collection ON annotations(collection_id);
        CREATE INDEX annotations_article ON annotations(article_id);
        """
    )


@MIGRATIONS(name="0005_reader2_group_anchors")
def group_note_anchors(db: sqlite_utils.Database) -> None:
    """A note on a statement group is anchored to the group's statements (text selectors per
    statement), not to the group's row id, which a re-alignment replaces."""
    db.execute("ALTER TABLE annotations ADD COLUMN group_anchors TEXT NOT NULL DEFAULT '[]'")


@MIGRATIONS(name="0006_unfinished_analysis")
def unfinished_analysis(db: sqlite_utils.Database) -> None:
    """A collection whose analysis did not finish (a crash, a kill, Stop, an article that
    failed a stage): since when, why, and which articles failed. The row goes when a run
    finishes; `reanalyse`, a re-import and the reader's banner offer to finish it."""
    db.executescript(
        """
        CREATE TABLE unfinished_analyses (
            collection_id INTEGER PRIMARY KEY REFERENCES collections(id) ON DELETE CASCADE,
            since TEXT NOT NULL,
            reason TEXT NOT NULL,
            failures TEXT NOT NULL DEFAULT '[]'
        );
        """
    )


@MIGRATIONS(name="0007_web_pages")
def web_pages(db: sqlite_utils.Database) -> None:
    """An article fetched from the web keeps the page as fetched (issue 16): a re-analysis
    needs no network, and a note can always be checked against what the server sent. The
    article's `path` is the address asked for; `final_url` is where the redirects ended."""
    db.executescript(
        """
        CREATE TABLE web_pages (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            final_url TEXT NOT NULL,
            status INTEGER NOT NULL,
            fetched_at TEXT NOT NULL,
            content_type TEXT NOT NULL DEFAULT '',
            body BLOB NOT NULL
        );
        CREATE INDEX web_pages_url ON web_pages(url);
        CREATE INDEX web_pages_final_url ON web_pages(final_url);
        CREATE INDEX articles_path ON articles(path);
        CREATE INDEX articles_url ON articles(url);
        """
    )


@MIGRATIONS(name="0008_alignment_status_derived")
def alignment_status_derived(db: sqlite_utils.Database) -> None:
    """Whether a group diverges depends on which articles are compared (a difference with a
    left-out source is none), so it is decided when the comparison is read
    (app/core/view/model.py, GroupView.divergent), not stored once for all articles."""
    db.execute("ALTER TABLE alignments DROP COLUMN status")


@MIGRATIONS(name="0009_source_files")
def source_files(db: sqlite_utils.Database) -> None:
    """An article imported from a file keeps the file's bytes as read (issue 17): clean-up
    removes bidi controls and zero-width characters from names, and what the file said must
    stay checkable. Compressed with zlib when that makes it smaller (`compression` says which);
    `size` is the original length. Web pages keep theirs in `web_pages` (0007). Articles
    imported before this migration have no row: their bytes were never kept."""
    db.executescript(
        """
        CREATE TABLE source_files (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            size INTEGER NOT NULL,
            compression TEXT NOT NULL,
            data BLOB NOT NULL
        );
        """
    )


@MIGRATIONS(name="0010_statement_meanings")
def statement_meanings(db: sqlite_utils.Database) -> None:
    """Each body statement's sentence vector (app/core/compare/meanings.py), float16, computed
    once when its article is imported: the encoder costs milliseconds a sentence, and a
    re-alignment must not pay them again. `model` says which encoder made it; a statement
    whose text changes is a new statement (store/articles.py drops the old one's rows)."""
    db.executescript(
        """
        CREATE TABLE statement_meanings (
            statement_id INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            vector BLOB NOT NULL
        );
        """
    )
