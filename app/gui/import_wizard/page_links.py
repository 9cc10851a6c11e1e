"""The Links page: paste text holding web addresses (or drop links from a browser), fetch the
pages a few at a time with progress and Stop, see each failure in one line. Offline, it says
so and keeps the list to try again. Nothing is fetched until the user presses Fetch."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from app.core.counting import count as count_of
from app.core.ingest.addresses import addresses_in_text
from app.core.ingest.fetch import DEFAULT_FETCH, Fetched, FetchParams
from app.gui.import_wizard.page_ids import PREVIEW
from app.gui.import_wizard.session import ImportSession
from app.gui.import_wizard.tasks import FeedRead, fetch_task
from app.gui.runner import Outcome, Status, TaskHandle, TaskRunner

OFFLINE = (
    "<b>You seem to be offline</b>: none of the addresses could be reached. The list is "
    "kept — press <i>Fetch again</i> when you are connected."
)


class LinksPage(QWizardPage):
    def __init__(self, session: ImportSession, runner: TaskRunner) -> None:
        super().__init__()
        self.session = session
        self.runner = runner
        self.params: FetchParams = DEFAULT_FETCH  # tests shorten the timeout
        self.setTitle("Add articles from the web")
        self.setSubTitle(
            "Paste links (any text holding them: a message, a list of tabs) or drop them here "
            "from a browser. Pages are fetched only when you press Fetch."
        )
        self.setAcceptDrops(True)
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText("https://…\nhttps://…")
        self.edit.setAcceptDrops(False)  # drops go to the page, which takes their links
        self.found = QLabel()
        # A feed among the links: only its items published since a day (as `--since`).
        self.since_box = QCheckBox("Feed items only since")
        self.since_date = QDateEdit(QDate.currentDate().addDays(-7))
        self.since_date.setCalendarPopup(True)
        self.since_date.setDisplayFormat("yyyy-MM-dd")
        self.since_date.setEnabled(False)
        self.fetch_button = QPushButton("Fetch")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.results = QListWidget()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)

        bar = QHBoxLayout()
        bar.addWidget(self.found, 1)
        bar.addWidget(self.since_box)
        bar.addWidget(self.since_date)
        bar.addWidget(self.fetch_button)
        bar.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit, 2)
        layout.addLayout(bar)
        layout.addWidget(self.progress)
        layout.addWidget(self.results, 3)
        layout.addWidget(self.status)

        self.edit.textChanged.connect(self._text_changed)
        self.since_box.toggled.connect(self._since_changed)
        self.since_date.dateChanged.connect(self._since_changed)
        self.fetch_button.clicked.connect(self.fetch)
        self.stop_button.clicked.connect(self.stop)
        self._job: TaskHandle | None = None
        self._left_out: dict[str, int] = {}  # feed → items left out by the day
        self._text_changed()

    # --- the list ----------------------------------------------------------------------------
    def add_urls(self, urls: list[str]) -> None:
        new = [u for u in urls if u not in self.urls()]
        if new:
            text = self.edit.toPlainText().rstrip("\n")
            self.edit.setPlainText("\n".join(([text] if text else []) + new))

    def urls(self) -> list[str]:
        return addresses_in_text(self.edit.toPlainText())

    @Slot()
    def _text_changed(self) -> None:
        urls = self.urls()
        self.session.urls = urls
        self.found.setText(f"{count_of(len(urls), 'link')} found" if urls else "No links yet.")
        self._update_buttons()
        self.completeChanged.emit()

    def since(self) -> dt.date | None:
        if not self.since_box.isChecked():
            return None
        return dt.date.fromisoformat(self.since_date.date().toString("yyyy-MM-dd"))

    @Slot()
    def _since_changed(self) -> None:
        """Feeds already read are read again with the new day (their items may differ)."""
        self.since_date.setEnabled(self.since_box.isChecked())
        self.session.feeds.clear()
        self._show_results()
        self._update_buttons()
        self.completeChanged.emit()

    def _to_fetch(self) -> list[str]:
        """Addresses with no page yet: new ones, and those that failed (to try again)."""
        fetched = self.session.fetched
        return [u for u in self.session.addresses() if u not in fetched or fetched[u].page is None]

    def _update_buttons(self) -> None:
        running = self.running
        self.fetch_button.setEnabled(not running and bool(self._to_fetch()))
        tried = any(u in self.session.fetched for u in self.session.addresses())
        self.fetch_button.setText("Fetch again" if tried else "Fetch")
        self.stop_button.setEnabled(running)

    # --- fetching, on the task runner ----------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._job is not None

    @Slot()
    def fetch(self) -> None:
        urls = self._to_fetch()
        if not urls or self.running:
            return
        self.progress.setRange(0, len(urls))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(f"Fetching {count_of(len(urls), 'page')}…")
        params, since = self.params, self.since()
        self._job = self.runner.submit(
            "fetch", lambda ctx: fetch_task(urls, params, ctx, since),
            on_progress=self._fetched_one, on_done=self._done,
        )  # fmt: skip
        self._update_buttons()
        self.completeChanged.emit()

    @Slot()
    def stop(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.stop_button.setEnabled(False)
            self.status.setText("Stopping…")

    def stop_jobs(self) -> None:
        if self._job is not None:
            self._job.discard()
            self._job = None

    def _fetched_one(self, value: object) -> None:
        if isinstance(value, FeedRead):  # its items come next, in its place
            self.session.feeds[value.url] = value.links
            self._left_out[value.url] = value.left_out
            new = [u for u in value.links if u not in self.session.fetched]
            self.progress.setMaximum(self.progress.maximum() + len(new))
        elif isinstance(value, Fetched):
            self.session.fetched[value.url] = value
        else:
            return
        self.progress.setValue(self.progress.value() + 1)
        self._show_results()

    def _done(self, outcome: Outcome) -> None:
        self._job = None
        if outcome.status is Status.FAILED:
            self.status.setText(f"<font color='#a00000'>{html.escape(outcome.error)}</font>")
        else:
            self.status.setText(self._summary(outcome.status is Status.CANCELLED))
        self.progress.setVisible(False)
        self._update_buttons()
        self.completeChanged.emit()

    def _summary(self, stopped: bool) -> str:
        pages = self.session.pages()
        good = sum(1 for f in pages if f.page is not None)
        failed = [f for f in pages if f.page is None]
        if failed and not good and all(f.unreachable for f in failed):
            return OFFLINE
        text = f"{count_of(good, 'page')} fetched, {len(failed)} failed"
        return text + (" — stopped; fetch again to go on" if stopped else "")

    def _show_results(self) -> None:
        self.results.clear()
        for url in self.session.urls:
            items = self.session.feeds.get(url)
            if items is not None:
                older = self._left_out.get(url, 0)
                since = f" ({older} older left out)" if older else ""
                self.results.addItem(f"≡ {url} — feed: {count_of(len(items), 'item')}{since}")
            for address in items if items is not None else [url]:
                fetched = self.session.fetched.get(address)
                if fetched is None:
                    continue
                mark = "✓" if fetched.page is not None else "✗"
                reason = f" — {fetched.problem}" if fetched.problem else ""
                self.results.addItem(
                    f"{'    ' if items is not None else ''}{mark} {address}{reason}"
                )

    def offline(self) -> bool:
        return self.status.text() == OFFLINE

    # --- drops from a browser ------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_urls(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_urls(self._dropped_urls(event))
        event.acceptProposedAction()

    @staticmethod
    def _dropped_urls(event: QDragEnterEvent | QDropEvent) -> list[str]:
        data = event.mimeData()
        links = [u.toString() for u in data.urls()]
        return addresses_in_text("\n".join(links) + "\n" + (data.text() if data.hasText() else ""))

    # --- the wizard ----------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.session.links = True
        self.add_urls(list(self.session.urls))  # links dropped on the first page
        self._show_results()

    def cleanupPage(self) -> None:
        """Back to the first page: no pages in the import unless the user comes back here;
        the links and what was fetched are kept for then."""
        self.stop_jobs()
        self.session.links = False
        self._update_buttons()

    def nextId(self) -> int:
        return PREVIEW

    def isComplete(self) -> bool:
        if self.running:
            return False
        pages = self.session.pages()
        fetched_all = len(pages) == len(self.session.addresses())
        return fetched_all and (any(f.page is not None for f in pages) or bool(self.session.paths))
