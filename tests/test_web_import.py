"""Import from the web (issue 16) against a real HTTP server on 127.0.0.1 (tests/web_server.py):
the core route and the CLI, every failure named in one line while the rest of the batch goes
on, duplicates by address and by text, feeds, saved pages, and the seeds served as pages."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from spacy.language import Language

from app.core.analysis import analyse_collection
from app.core.ingest.addresses import addresses_in_text
from app.core.ingest.fetch import USER_AGENT, FetchParams
from app.core.ingest.fetcher import AHEAD, Fetcher
from app.core.ingest.importer import ImportReport, Outcome, import_paths
from app.core.ingest.web import import_addresses
from app.core.model import Role
from app.core.store import articles, collections, pages
from app.core.store.db import open_db
from tests.conftest import ROOT, SEED_FILES
from tests.filemakers import ARTICLE_PARAGRAPHS, write_mhtml, write_webarchive
from tests.web_server import (
    OTHER,
    TITLE,
    Site,
    article_html,
    failing,
    news_site,
    seed_page,
    serve,
    serve_tls,
)

FAST = FetchParams(timeout=1.0)  # the slow page answers after 3 s


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with serve() as served, serve_tls(tmp_path_factory.mktemp("tls")) as secure:
        served.tls_base = secure.base
        yield news_site(served)


def by_path(report: ImportReport) -> dict[str, tuple[Outcome, str]]:
    return {r.path: (r.outcome, r.reason or "") for r in report.results}


# --- core -----------------------------------------------------------------------------------


def test_pages_import_with_their_page_kept_and_every_failure_named(
    site: Site, empty_db: sqlite_utils.Database, nlp: Language
) -> None:
    bad = failing(site)
    urls = [site.url("/article/a"), *bad, site.url("/redirect/3"), site.url("/article/b")]
    robots_before = site.hits.count("/robots.txt")
    started = time.perf_counter()
    report = import_addresses(empty_db, urls, "Web", FAST, nlp=nlp)
    seconds = time.perf_counter() - started
    results = by_path(report)
    assert [r.path for r in report.results] == urls  # in the order given
    for url, words in bad.items():
        outcome, reason = results[url]
        assert outcome is Outcome.SKIPPED and words in reason, (url, reason)
        assert "\n" not in reason
    # The rest of the batch went on: both articles stored, the redirect chain ends at a.
    assert results[site.url("/article/a")][0] is Outcome.IMPORTED
    assert results[site.url("/article/b")][0] is Outcome.IMPORTED
    outcome, reason = results[site.url("/redirect/3")]
    assert outcome is Outcome.DUPLICATE and reason == f"same page as {site.url('/article/a')}"
    # An honest user agent; robots.txt asked for once for the site, whatever the redirects.
    assert site.agents == {USER_AGENT} and USER_AGENT.startswith("Parallax/")
    assert site.hits.count("/robots.txt") == robots_before + 1
    # Fetched a few at a time: the slow page (3 s) and its 1 s timeout do not add up per page.
    assert seconds < 8, seconds

    stored = articles.get(empty_db, report.results[0].article_id or 0)
    assert stored.path == site.url("/article/a") and stored.format == "web"
    assert stored.title == TITLE and stored.source == "The Daily Test"
    assert stored.url == site.url("/article/a") and stored.published == "2021-02-10"
    page = pages.get(empty_db, stored.id)
    assert page is not None and page.status == 200 and page.final_url == stored.url
    assert page.body == site.pages["/article/a"][1]  # the page as the server sent it
    assert page.fetched_at.endswith("+00:00") and "text/html" in page.content_type


def test_an_address_imported_before_is_a_duplicate_and_not_fetched_again(
    site: Site, empty_db: sqlite_utils.Database, nlp: Language
) -> None:
    first = import_addresses(empty_db, [site.url("/article/a")], "Web", FAST, nlp=nlp)
    assert first.results[0].outcome is Outcome.IMPORTED
    article_id = first.results[0].article_id
    hits = site.hits.count("/article/a")
    again = import_addresses(
        empty_db, [site.url("/article/a"), site.url("/redirect/2"), site.url("/wire/a")],
        "Web", FAST, nlp=nlp,
    )  # fmt: skip
    results = by_path(again)
    assert results[site.url("/article/a")] == (
        Outcome.DUPLICATE,
        f"address imported before (article {article_id})",
    )
    assert site.hits.count("/article/a") == hits + 1  # only through the redirect chain
    # Redirected to an address imported before: a duplicate by its final address.
    assert results[site.url("/redirect/2")] == (
        Outcome.DUPLICATE,
        f"address imported before (article {article_id})",
    )
    # Syndication: the same text from another address.
    outcome, reason = results[site.url("/wire/a")]
    assert outcome is Outcome.DUPLICATE
    assert reason == f"same text as {site.url('/article/a')} (article {article_id})"
    assert articles.count(empty_db) == 1


def test_pages_are_fetched_a_few_ahead_not_all_at_once(site: Site) -> None:
    """A long list must not hold every page (up to 20 MB each) in memory at once."""
    urls = [site.url(f"/missing?ahead={i}") for i in range(12)]

    def hits() -> int:
        return sum(1 for hit in site.hits if "?ahead=" in hit)

    with Fetcher(urls, FetchParams(workers=2)) as fetcher:
        time.sleep(0.3)
        assert hits() == 2 * AHEAD  # started at once: two workers' worth of look-ahead
        assert fetcher.get(urls[0]).problem == "HTTP 404 Not Found"
        time.sleep(0.3)
        assert hits() == 2 * AHEAD + 1


def test_addresses_are_found_in_pasted_text() -> None:
    text = (
        "Five tabs: https://a.example/one, (https://b.example/two?x=1&y=2) and\n"
        "<https://c.example/three>. Again https://a.example/one — not ftp://d.example/x"
    )
    assert addresses_in_text(text) == [
        "https://a.example/one", "https://b.example/two?x=1&y=2", "https://c.example/three",
    ]  # fmt: skip


def test_saved_pages_import_with_the_same_text_as_the_html(
    site: Site, tmp_path: Path, empty_db: sqlite_utils.Database, nlp: Language
) -> None:
    page_html = article_html(TITLE + " — “quoted” café", ARTICLE_PARAGRAPHS)
    html_file = tmp_path / "page.html"
    html_file.write_text(page_html, encoding="utf-8")
    saved = write_mhtml(tmp_path / "page.mhtml", page_html, "https://example.org/news/eu")
    safari = write_webarchive(tmp_path / "page.webarchive", page_html, "https://example.org/x")
    texts = {}
    for name, path in (("html", html_file), ("mhtml", saved), ("webarchive", safari)):
        report = import_paths(empty_db, [path], name, nlp=nlp, n_process=1)
        assert report.results[0].outcome is Outcome.IMPORTED, report.results[0]
        texts[name] = articles.get(empty_db, report.results[0].article_id or 0)
    assert texts["mhtml"].text == texts["html"].text == texts["webarchive"].text
    assert texts["mhtml"].title == texts["html"].title
    # The address the browser saved it from, which the HTML file alone does not know.
    assert texts["mhtml"].url == "https://example.org/news/eu" and texts["html"].url is None
    broken = tmp_path / "broken.webarchive"
    broken.write_bytes(b"bplist00 not really")
    report = import_paths(empty_db, [broken], "broken", nlp=nlp, n_process=1)
    assert report.results[0].reason == "damaged web archive (InvalidFileException)"


def _comparison(db: sqlite_utils.Database, name: str) -> dict[str, object]:
    """What a comparison is made of, independent of ids and offsets: each article's body
    statements, the entities with their mentions, and the statement groups. (Offsets may
    differ: trafilatura drops a repeated line of links from one seed's page furniture.)"""
    collection = collections.find(db, name).id
    rows = articles.in_collection(db, collection)
    index = {row.id: i for i, row in enumerate(rows)}
    texts = {row.id: row.text for row in rows}

    def spans(sql: str, key: int) -> tuple[tuple[int, str], ...]:
        found = db.execute(sql, [key]).fetchall()
        return tuple(sorted((index[a], texts[a][s:e]) for a, s, e in found))

    bodies = [
        [row.text[s.start : s.end] for s in articles.statements(db, row.id) if s.role == Role.BODY]
        for row in rows
    ]
    entities = sorted(
        (name, label, spans('SELECT article_id, start, "end" FROM mentions WHERE entity_id = ?', i))
        for i, name, label in db.execute(
            "SELECT id, name, label FROM entities WHERE collection_id = ?", [collection]
        ).fetchall()
    )
    members = (
        'SELECT st.article_id, st.start, st."end" FROM alignment_statements x'
        " JOIN statements st ON st.id = x.statement_id WHERE x.alignment_id = ?"
    )
    groups = sorted(
        (relevant, spans(members, i))
        for i, relevant in db.execute(
            "SELECT a.id, (SELECT count(*) FROM differences d WHERE d.alignment_id = a.id"
            " AND d.relevant = 1) FROM alignments a WHERE a.collection_id = ?",
            [collection],
        ).fetchall()
    )
    return {"bodies": bodies, "entities": entities, "groups": groups}


def test_the_seeds_served_as_pages_give_the_same_comparison_as_the_files(
    site: Site, tmp_path: Path, nlp: Language
) -> None:
    files_db = open_db(tmp_path / "files.db")
    import_paths(files_db, SEED_FILES, "Seeds", nlp=nlp, n_process=1)
    analyse_collection(files_db, collections.find(files_db, "Seeds").id)
    web_db = open_db(tmp_path / "web.db")
    urls = [
        site.add(f"/seed/{path.stem}", seed_page(path.read_text(encoding="utf-8")))
        for path in SEED_FILES
    ]
    report = import_addresses(web_db, urls, "Seeds", FAST, nlp=nlp)
    assert report.count(Outcome.IMPORTED) == 5, report.results
    analyse_collection(web_db, collections.find(web_db, "Seeds").id)
    by_file, by_web = _comparison(files_db, "Seeds"), _comparison(web_db, "Seeds")
    assert sum(len(b) for b in by_web["bodies"]) > 100  # type: ignore[arg-type]
    assert len(by_web["groups"]) >= 15  # type: ignore[arg-type]
    assert by_web == by_file


# --- the command line -----------------------------------------------------------------------


def parallax(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args, "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def _lines(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """Result line per address or file: 'skipped   URL: reason' → {URL: 'skipped: reason'}."""
    found = {}
    for line in result.stdout.splitlines():
        outcome, _, rest = line.partition(" ")
        path, _, reason = rest.strip().partition(": ")
        found[path] = f"{outcome}: {reason}" if reason else outcome
    return found


def test_cli_imports_pages_and_saved_pages_and_names_each_failure(
    site: Site, tmp_path: Path
) -> None:
    db = tmp_path / "cli.db"
    saved = write_mhtml(
        tmp_path / "saved.mhtml",
        article_html("Rail plan announced", OTHER, "The Evening Test"),
        "https://example.org/rail",
    )
    bad = failing(site)
    result = parallax(
        "import", site.url("/article/a"), *bad, site.url("/redirect/3"), str(saved),
        "--collection", "Web", "--timeout", "1", db=db,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr  # some were skipped
    assert "Traceback" not in result.stderr
    lines = _lines(result)
    assert lines[site.url("/article/a")] == "imported"
    assert lines[str(saved)] == "imported"
    assert lines[site.url("/redirect/3")] == f"duplicate: same page as {site.url('/article/a')}"
    for url, words in bad.items():
        assert lines[url].startswith("skipped: ") and words in lines[url], (url, lines[url])
    assert result.stdout.splitlines()[-1].startswith(f"2 imported, 1 duplicate, {len(bad)} skipped")
    # Again: the address is a duplicate (not fetched), the syndicated copy "same text as".
    again = parallax("import", site.url("/article/a"), site.url("/wire/a"),
                     "--collection", "Web", db=db)  # fmt: skip
    assert again.returncode == 0, again.stderr
    lines = _lines(again)
    assert lines[site.url("/article/a")] == "duplicate: address imported before (article 2)"
    assert lines[site.url("/wire/a")] == (
        f"duplicate: same text as {site.url('/article/a')} (article 2)"
    )
    shown = parallax("show", "2", db=db).stdout
    assert f"url        {site.url('/article/a')}" in shown and "format     web" in shown
    assert re.search(r"^fetched    \S+\+00:00 \(HTTP 200, [\d,]+ bytes kept\)$", shown, re.M)


def test_cli_imports_a_feed_since_a_date(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    result = parallax(
        "import", site.url("/feed.xml"), "--feed", "--since", "2021-02-05",
        "--collection", "Feed", db=db,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"feed      {site.url('/feed.xml')}: 2 items, 1 since 2021-02-05" in result.stdout
    lines = _lines(result)
    assert lines[site.url("/article/a")] == "imported"
    assert site.url("/article/b") not in lines  # published before --since
    everything = parallax("import", site.url("/feed.xml"), "--feed", "--collection", "Feed",
                          db=db)  # fmt: skip
    lines = _lines(everything)
    assert lines[site.url("/article/a")].startswith("duplicate: address imported before")
    assert lines[site.url("/article/b")] == "imported"
    broken = parallax("import", site.url("/missing"), site.url("/article/a"), "--feed",
                      "--collection", "Feed", db=db)  # fmt: skip
    assert broken.returncode == 3
    assert _lines(broken)[site.url("/missing")] == "skipped: feed: HTTP 404 Not Found"
    assert _lines(broken)[site.url("/article/a")].startswith("skipped: feed: not an RSS")
