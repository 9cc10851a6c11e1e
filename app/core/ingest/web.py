"""Web addresses into the import pipeline (issue 16): a fetched page is read like an HTML
file (trafilatura, clean-up, roles, metadata), checked for duplicates like a file, and stored
in one transaction with the page beside it. An address imported before is not fetched again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils
from spacy.language import Language

from app.core.errors import UnreadableFile
from app.core.ingest.decode import decode_text
from app.core.ingest.edits import Edits
from app.core.ingest.feeds import FeedItem, parse_feed
from app.core.ingest.fetch import DEFAULT_FETCH, Fetched, FetchParams
from app.core.ingest.fetcher import Fetcher
from app.core.ingest.importer import ImportReport, ProgressFn, import_sources
from app.core.ingest.prepare import DuplicateCheck, Prepared, prepare_bytes
from app.core.ingest.preview import PreviewItem, Status
from app.core.ingest.readers import RawDocument, read_html
from app.core.store import collections, pages
from app.core.store.pages import WebPage


def display_path(url: str) -> Path:
    """A path-like name for a page (host and path) where the wizard shows file names."""
    parts = urlsplit(url)
    return Path(parts.netloc + (parts.path.rstrip("/") or "/"))


def imported_before(db: sqlite_utils.Database, collection_id: int | None, url: str) -> str | None:
    """Why an address is a duplicate: an article was fetched from it (or redirected to it)."""
    found = pages.imported_from(db, collection_id, url)
    if found is None:
        return None
    where = f"article {found[0]}"
    if collection_id is None:
        row = db.execute("SELECT name FROM collections WHERE id = ?", [found[1]]).fetchone()
        where += f" in {row[0]!r}" if row else ""
    return f"address imported before ({where})"


def prepare_fetched(fetched: Fetched) -> Prepared:
    """A fetched page read and cleaned like an HTML file; the failure to fetch as its problem."""
    path = display_path(fetched.url)
    page = fetched.page
    if page is None:
        return Prepared(path, fetched.problem or "not fetched", origin=fetched.url)
    prepared = prepare_bytes(path, page.body, lambda data: read_page(data, page), fetched.url, page)
    article = prepared.article
    if article is None or article.metadata.source:
        return prepared
    # No outlet named by the page nor its text: its host says at least where it came from.
    host = _host(page.final_url)
    return replace(
        prepared, article=replace(article, metadata=replace(article.metadata, source=host))
    )


def read_page(data: bytes, page: WebPage) -> RawDocument:
    """The page's article, its address the one the redirects ended at. trafilatura names a
    page's outlet from its metadata, else from its host name: the host only comes last, after
    an outlet the text itself names ("The Moscow Times, 8 February")."""
    raw = read_html(_page_text(data, page.content_type), url=page.final_url)
    source = raw.metadata.source
    if source and source.lower() in (_host(page.final_url), urlsplit(page.final_url).netloc):
        source = None
    return RawDocument(raw.text, replace(raw.metadata, url=page.final_url, source=source), "web")


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _page_text(data: bytes, content_type: str) -> str:
    """Decoded by the charset the server declared when it fits, else detected like a file."""
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    if match:
        try:
            return data.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def _checked(db: sqlite_utils.Database, collection_id: int | None, prepared: Prepared) -> Prepared:
    """After redirects a page may end at an address imported before."""
    page = prepared.page
    if page is None or page.final_url == prepared.origin or prepared.problem:
        return prepared
    duplicate = imported_before(db, collection_id, page.final_url)
    return replace(prepared, duplicate=duplicate) if duplicate else prepared


def import_addresses(
    db: sqlite_utils.Database,
    urls: Sequence[str],
    collection: str,
    params: FetchParams = DEFAULT_FETCH,
    nlp: Language | None = None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """`parallax import URL…`: fetch a few at a time, import each page as it comes, in order."""
    target = collections.get_or_create(db, collection)
    known = {url: imported_before(db, target.id, url) for url in urls}
    wanted = [url for url in urls if known[url] is None]
    with Fetcher(wanted, params, should_stop) as fetcher:

        def prepare_one(url: str) -> Prepared:
            if known[url] is not None:  # not fetched again: its page is stored already
                return Prepared(display_path(url), origin=url, duplicate=known[url])
            return _checked(db, target.id, prepare_fetched(fetcher.get(url)))

        return import_sources(
            db, list(dict.fromkeys(urls)), prepare_one, collection, nlp=nlp,
            progress=progress, should_stop=should_stop,
        )  # fmt: skip


def import_fetched(
    db: sqlite_utils.Database,
    fetched: Sequence[Fetched],
    collection: str,
    edits: Mapping[str, Edits] | None = None,
    nlp: Language | None = None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """Pages fetched earlier (the wizard's Links page): imported without fetching again."""
    target = collections.get_or_create(db, collection)

    def prepare_one(item: Fetched) -> Prepared:
        known = imported_before(db, target.id, item.url)
        if known is not None:
            return Prepared(display_path(item.url), origin=item.url, duplicate=known)
        return _checked(db, target.id, prepare_fetched(item))

    return import_sources(db, fetched, prepare_one, collection, edits, nlp, progress, should_stop)


def fetch_all(
    urls: Sequence[str],
    params: FetchParams = DEFAULT_FETCH,
    should_stop: Callable[[], bool] = lambda: False,
    html_only: bool = True,
) -> Iterator[Fetched]:
    """Each address's page, in order, fetched a few at a time."""
    with Fetcher(urls, params, should_stop, html_only) as fetcher:
        for url in dict.fromkeys(urls):
            yield fetcher.get(url)


def preview_fetched(
    db: sqlite_utils.Database,
    fetched: Sequence[Fetched],
    duplicates: DuplicateCheck | None = None,
) -> Iterator[PreviewItem]:
    """Preview rows for fetched pages, duplicates looked for in every collection (and among
    what `duplicates` has seen: files previewed before them)."""
    duplicates = duplicates or DuplicateCheck(db, None)
    for item in fetched:
        prepared = _checked(db, None, prepare_fetched(item))
        known = imported_before(db, None, item.url) or prepared.duplicate
        if prepared.problem is not None:
            yield PreviewItem(prepared, Status.PROBLEM, prepared.problem)
        elif known is not None:
            yield PreviewItem(prepared, Status.DUPLICATE, known)
        elif reason := duplicates.check(prepared):
            yield PreviewItem(prepared, Status.DUPLICATE, reason)
        else:
            yield PreviewItem(prepared, Status.NEW)


def feed_items(url: str, params: FetchParams = DEFAULT_FETCH) -> list[FeedItem]:
    """A feed's items (fetched like a page, robots.txt and limits included); UnreadableFile
    with the one-line reason when it cannot be had."""
    with Fetcher([url], params, html_only=False) as fetcher:
        fetched = fetcher.get(url)
    if fetched.page is None:
        raise UnreadableFile(fetched.problem or "not fetched")
    return parse_feed(fetched.page.body, fetched.page.final_url)
