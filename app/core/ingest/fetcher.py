"""Fetch many addresses a few at a time, ahead of an import loop that takes them in order."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from urllib.parse import urljoin

from app.core.ingest.fetch import (
    REDIRECTS,
    ROBOTS_AGENT,
    Fetched,
    FetchFailed,
    FetchParams,
    fetch,
    make_client,
    request,
)
from app.core.ingest.robots import MAX_ROBOTS_BYTES, Robots

STOP_POLL_SECONDS = 0.1  # how often a wait for a page looks at the stop flag
AHEAD = 2  # pages fetched ahead of the one asked for, per worker


class Fetcher:
    """Fetches addresses a few at a time (`params.workers`), ahead of whoever takes them in
    order with `get`, but never more than `AHEAD` pages per worker ahead of it: a long list
    of pages up to 20 MB each must not all sit in memory at once. `close` drops what has not
    started. Plain threads that call no Qt."""

    def __init__(
        self,
        urls: Iterable[str],
        params: FetchParams,
        should_stop: Callable[[], bool] = lambda: False,
        html_only: bool = True,
    ) -> None:
        self.client = make_client(params)
        robots = Robots(self._robots_txt, ROBOTS_AGENT) if params.robots else None
        self._params = params
        self._pool = ThreadPoolExecutor(params.workers, thread_name_prefix="parallax-fetch")
        self._should_stop = should_stop
        self._futures: dict[str, Future[Fetched]] = {}
        self._order = list(dict.fromkeys(urls))
        self._ahead = max(1, params.workers * AHEAD)

        def submit(url: str) -> Future[Fetched]:
            return self._pool.submit(fetch, self.client, url, params, robots, should_stop,
                                     html_only)  # fmt: skip

        self._submit = submit
        self._fill(self._ahead)

    def _fill(self, count: int) -> None:
        """Start fetching the first `count` addresses (those not started yet)."""
        for url in self._order[len(self._futures) : count]:
            self._futures[url] = self._submit(url)

    def _robots_txt(self, url: str) -> tuple[int, bytes] | None:
        """A site's robots.txt, redirects followed (RFC 9309: at least five)."""
        for _hop in range(self._params.max_redirects + 1):
            try:
                status, headers, body = request(
                    self.client, url, self._params, max_bytes=MAX_ROBOTS_BYTES
                )
            except FetchFailed:
                return None
            if status in REDIRECTS and headers.get("location"):
                url = urljoin(url, headers["location"])
                continue
            return status, body
        return None

    def get(self, url: str) -> Fetched:
        """The address's page, waiting for it; at once "stopped" when a stop is asked for
        meanwhile (a slow server may hold a fetch for the whole timeout)."""
        self._fill(self._order.index(url) + 1 + self._ahead)
        future = self._futures[url]
        while True:
            try:
                return future.result(timeout=STOP_POLL_SECONDS)
            except TimeoutError:  # concurrent.futures' is the builtin since Python 3.11
                if self._should_stop():
                    return Fetched(url, problem="not fetched: stopped")

    def close(self) -> None:
        """Drop what has not started. After a stop, fetches still running are not waited
        for: they end within their timeout on their own, then the client is closed."""
        if not self._should_stop():
            self._pool.shutdown(wait=True, cancel_futures=True)
            self.client.close()
            return
        self._pool.shutdown(wait=False, cancel_futures=True)
        pool, client = self._pool, self.client

        def close() -> None:
            pool.shutdown(wait=True)
            client.close()

        threading.Thread(
            target=close,
            name="parallax-fetch-close", daemon=True,
        ).start()  # fmt: skip

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
