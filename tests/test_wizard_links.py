"""The import wizard's Links page driven as a user would (real widgets, offscreen), against a
real HTTP server on 127.0.0.1: paste, drop, fetch with progress, every failure in one line,
feeds, duplicates, a saved page beside the links, and offline with the list kept to retry."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from app.core.ingest.fetch import FetchParams
from app.core.ingest.importer import Outcome
from app.core.ingest.preview import Status
from app.core.store import pages
from app.core.store.db import open_db
from app.gui.import_wizard import ImportWizard, links_from_urls, paths_from_urls
from app.gui.import_wizard.page_links import OFFLINE, LinksPage
from app.gui.import_wizard.wizard import COLLECTION, IMPORT, LINKS, PREVIEW, REPORT
from tests.filemakers import ARTICLE_PARAGRAPHS, write_mhtml
from tests.web_server import (
    DNS_FAILURE_URL,
    OTHER,
    Site,
    article_html,
    failing,
    free_port,
    news_site,
    serve,
    serve_tls,
)

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support"),
]
FAST = FetchParams(timeout=1.0)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with serve() as served, serve_tls(tmp_path_factory.mktemp("tls")) as secure:
        served.tls_base = secure.base
        yield news_site(served)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "parallax.db"
    open_db(path).conn.close()
    return path


def open_links(qtbot: QtBot, db_path: Path, paths: list[Path] | None = None) -> ImportWizard:
    """The wizard on its Links page, reached with the first page's button."""
    wizard = ImportWizard(db_path, paths or [])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.links_page.params = FAST
    if paths:
        qtbot.waitUntil(wizard.choose_page.isComplete, timeout=10_000)
    qtbot.mouseClick(wizard.choose_page.links_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == LINKS
    return wizard


def fetch(qtbot: QtBot, page: LinksPage) -> None:
    assert page.fetch_button.isEnabled()
    qtbot.mouseClick(page.fetch_button, Qt.MouseButton.LeftButton)
    assert page.running and page.stop_button.isEnabled() and not page.isComplete()
    qtbot.waitUntil(lambda: not page.running, timeout=60_000)


def lines(page: LinksPage) -> list[str]:
    return [page.results.item(i).text() for i in range(page.results.count())]


def to_preview(qtbot: QtBot, wizard: ImportWizard) -> dict[str, int]:
    wizard.next()
    assert wizard.currentId() == PREVIEW
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=60_000)
    return {row.key: i for i, row in enumerate(wizard.session.rows)}


def import_into(qtbot: QtBot, wizard: ImportWizard, name: str) -> None:
    wizard.next()
    assert wizard.currentId() == COLLECTION
    wizard.collection_page.name_edit.setText(name)
    wizard.next()
    assert wizard.currentId() == IMPORT
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT, timeout=120_000)


def test_links_are_fetched_each_failure_named_and_imported_with_a_saved_page(
    qtbot: QtBot, site: Site, db_path: Path, tmp_path: Path
) -> None:
    saved = write_mhtml(
        tmp_path / "rail.mhtml", article_html("Rail plan announced", OTHER, "The Evening Test"),
        "https://example.org/rail",
    )  # fmt: skip
    wizard = open_links(qtbot, db_path, [saved])
    page = wizard.links_page
    assert not page.isComplete() or not page.session.urls
    bad = failing(site)
    a, chain, feed = site.url("/article/a"), site.url("/redirect/3"), site.url("/feed.xml")
    page.edit.setPlainText(
        f"Tabs from this morning: {a}, then {chain}\n" + "\n".join(bad) + f"\nand the feed {feed}."
    )
    assert page.found.text() == f"{len(bad) + 3} links found"
    assert page.fetch_button.text() == "Fetch"
    fetch(qtbot, page)
    shown = lines(page)
    for url, words in bad.items():
        line = next((x for x in shown if f" {url} — " in x), f"{url} not shown as failed")
        assert line.startswith("✗") and words in line, line
    assert f"✓ {a}" in shown and f"✓ {chain}" in shown
    # The feed's items are fetched in its place (its first item is in the list already).
    assert f"≡ {feed} — feed: 2 items" in shown and f"    ✓ {site.url('/article/b')}" in shown
    assert page.status.text() == f"3 pages fetched, {len(bad)} failed"
    assert page.isComplete()

    rows = to_preview(qtbot, wizard)
    items = {key: wizard.session.rows[i].item for key, i in rows.items()}
    assert items[a].status is Status.NEW
    # The rail page is the saved page chosen on the first page: the same text.
    rail = items[site.url("/article/b")]
    assert rail.status is Status.DUPLICATE and rail.reason == f"same text as {saved}"
    assert items[chain].status is Status.DUPLICATE and items[chain].reason == f"same page as {a}"
    for url, words in bad.items():
        assert items[url].status is Status.PROBLEM and words in (items[url].reason or "")
    # The saved page chosen on the first page is there too; its row shows the file's name.
    assert items[str(saved)].status is Status.NEW
    model = wizard.preview_page.model
    assert model.data(model.index(rows[a], 0)) == a  # a page is named by its address
    assert model.data(model.index(rows[str(saved)], 0)) == "rail.mhtml"
    assert model.data(model.index(rows[a], 4)) == a  # URL column: the final address

    import_into(qtbot, wizard, "Web links")
    report = wizard.session.report
    assert report is not None
    outcomes = {r.path: (r.outcome, r.reason, r.article_id) for r in report.results}
    assert outcomes[a][:2] == (Outcome.IMPORTED, None)
    assert outcomes[str(saved)][0] is Outcome.IMPORTED
    assert outcomes[site.url("/article/b")][:2] == (
        Outcome.DUPLICATE,
        f"same text as {saved} (article {outcomes[str(saved)][2]})",
    )
    assert outcomes[chain][0] is Outcome.DUPLICATE
    assert all(outcomes[url][0] is Outcome.SKIPPED for url in bad)
    tree = wizard.report_page.tree
    assert a in [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    db = open_db(db_path)
    article = report.results[[r.path for r in report.results].index(a)].article_id
    kept = pages.get(db, article or 0)
    assert kept is not None and kept.status == 200 and kept.body == site.pages["/article/a"][1]
    db.conn.close()
    wizard.close()

    # Again: the address imported before, and the same text syndicated under another address.
    again = open_links(qtbot, db_path)
    again.links_page.edit.setPlainText(f"{a}\n{site.url('/wire/a')}")
    fetch(qtbot, again.links_page)
    rows = to_preview(qtbot, again)
    first = wizard.session.rows[0].item.prepared
    assert first is not None
    repeated = again.session.rows[rows[a]].item
    assert repeated.status is Status.DUPLICATE
    assert repeated.reason == f"address imported before (article {article} in 'Web links')"
    syndicated = again.session.rows[rows[site.url("/wire/a")]].item
    assert syndicated.status is Status.DUPLICATE
    assert syndicated.reason == f"same text as {a} (article {article} in 'Web links')"


def test_a_feed_only_since_a_day(qtbot: QtBot, site: Site, db_path: Path) -> None:
    wizard = open_links(qtbot, db_path)
    page = wizard.links_page
    feed, a, b = site.url("/feed.xml"), site.url("/article/a"), site.url("/article/b")
    page.edit.setPlainText(feed)
    page.since_box.setChecked(True)
    page.since_date.setDate(QDate(2021, 2, 5))
    fetch(qtbot, page)
    assert lines(page) == [f"≡ {feed} — feed: 1 item (1 older left out)", f"    ✓ {a}"]
    assert [f.url for f in wizard.session.pages()] == [a]
    # Another day: the feed is read again.
    page.since_box.setChecked(False)
    assert page.fetch_button.isEnabled() and not page.isComplete()
    fetch(qtbot, page)
    assert lines(page) == [f"≡ {feed} — feed: 2 items", f"    ✓ {a}", f"    ✓ {b}"]
    assert page.isComplete()


def test_offline_the_page_says_so_and_keeps_the_list_to_fetch_again(
    qtbot: QtBot, db_path: Path
) -> None:
    port = free_port()
    local = f"http://127.0.0.1:{port}/article/a"
    wizard = open_links(qtbot, db_path)
    page = wizard.links_page
    text = f"{DNS_FAILURE_URL}\n{local}"
    page.edit.setPlainText(text)
    fetch(qtbot, page)
    assert page.status.text() == OFFLINE and page.offline()
    assert page.edit.toPlainText() == text  # the list is kept
    assert not page.isComplete()
    assert page.fetch_button.isEnabled() and page.fetch_button.text() == "Fetch again"
    assert any("DNS failure" in x for x in lines(page))
    assert any("connection refused" in x for x in lines(page))

    with serve(port) as back:  # the connection is back (for one of the two hosts)
        back.add("/article/a", article_html("Back online", ARTICLE_PARAGRAPHS))
        fetch(qtbot, page)
    assert f"✓ {local}" in lines(page)
    assert page.status.text() == "1 page fetched, 1 failed"
    assert page.isComplete()


def test_stop_ends_the_fetch_at_once_and_keeps_the_list(
    qtbot: QtBot, site: Site, db_path: Path
) -> None:
    wizard = open_links(qtbot, db_path)
    page = wizard.links_page
    page.params = FetchParams(timeout=10.0, workers=2)  # each page takes 3 s to answer
    text = "\n".join(site.url(f"/slow?{i}") for i in range(4))
    page.edit.setPlainText(text)
    qtbot.mouseClick(page.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert page.running and page.progress.isVisible()
    started = time.perf_counter()
    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=5_000)
    assert time.perf_counter() - started < 1.5, "Stop waited for the slow pages"
    assert page.status.text().endswith("stopped; fetch again to go on")
    assert page.edit.toPlainText() == text and not page.isComplete()
    assert page.fetch_button.isEnabled() and page.fetch_button.text() == "Fetch again"


def _drop(target: object, urls: list[str], text: str = "") -> None:
    mime = QMimeData()
    mime.setUrls([QUrl(u) for u in urls])
    if text:
        mime.setText(text)
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    target.dropEvent(event)  # type: ignore[attr-defined]


def test_links_dropped_from_a_browser_are_listed(qtbot: QtBot, db_path: Path) -> None:
    wizard = ImportWizard(db_path)
    qtbot.addWidget(wizard)
    wizard.show()
    # On the first page: the links wait for the Links page, which Next now leads to.
    _drop(wizard.choose_page, ["https://news.example/one"])
    assert wizard.choose_page.isComplete()
    wizard.next()
    assert wizard.currentId() == LINKS
    page = wizard.links_page
    assert page.urls() == ["https://news.example/one"]
    # On the Links page: a link and the text of a selection holding another.
    _drop(page, ["https://news.example/two"], "see https://news.example/three.")
    assert page.urls() == [
        "https://news.example/one", "https://news.example/two", "https://news.example/three",
    ]  # fmt: skip
    assert page.found.text() == "3 links found"
    # Nothing is fetched until asked.
    assert wizard.session.fetched == {} and not page.running
    wizard.back()
    assert wizard.currentId() != LINKS and not wizard.session.links

    # Links dropped on the main window: the wizard opens on its Links page with them.
    dropped = ["https://news.example/one", "/home/user/story.txt", "https://news.example/two"]
    started = ImportWizard(db_path, paths_from_urls(dropped), urls=links_from_urls(dropped))
    qtbot.addWidget(started)
    started.show()
    qtbot.mouseClick(started.choose_page.links_button, Qt.MouseButton.LeftButton)
    assert started.currentId() == LINKS
    assert started.links_page.urls() == ["https://news.example/one", "https://news.example/two"]
    links_only = ImportWizard(db_path, urls=["https://news.example/three"])
    qtbot.addWidget(links_only)
    links_only.show()
    assert links_only.currentId() == LINKS
    assert links_only.links_page.urls() == ["https://news.example/three"]
