"""Fetch web pages for import (issue 16), only when the user asks: bounded in time, size and
redirects, `robots.txt` respected, an honest user agent, and every failure one line of text.

Used from the CLI and from the reader's task runner; the worker threads here call no Qt."""

from __future__ import annotations

import datetime as dt
import errno
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from app import __version__
from app.core.ingest.readers import MAX_FILE_BYTES
from app.core.ingest.robots import Robots
from app.core.store.pages import WebPage

if TYPE_CHECKING:
    import httpx

USER_AGENT = (
    f"Parallax/{__version__} (desktop news-comparison app; fetches only the pages its user "
    "asks for)"
)
ROBOTS_AGENT = "Parallax"  # the token robots.txt rules name
REDIRECTS = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = ("text/html", "application/xhtml+xml")
STOP_POLL_SECONDS = 0.1  # how often a wait for a page looks at the stop flag


@dataclass(frozen=True, slots=True)
class FetchParams:
    timeout: float = 20.0  # seconds: to connect, between two reads, and for a whole page
    max_redirects: int = 5
    max_bytes: int = MAX_FILE_BYTES  # as for files
    workers: int = 4  # pages fetched at once
    user_agent: str = USER_AGENT
    robots: bool = True


DEFAULT_FETCH = FetchParams()


@dataclass(frozen=True, slots=True)
class Fetched:
    """An address and what came of it: the page, or the one-line reason there is none.
    `unreachable` marks failures to reach the host at all (DNS, refused, no network)."""

    url: str
    page: WebPage | None = None
    problem: str | None = None
    unreachable: bool = False


class FetchFailed(Exception):
    def __init__(self, reason: str, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unreachable = unreachable


def make_client(params: FetchParams) -> httpx.Client:
    import httpx

    return httpx.Client(
        headers={"User-Agent": params.user_agent, "Accept": "text/html,*/*;q=0.5"},
        timeout=httpx.Timeout(params.timeout),
        follow_redirects=False,  # followed here, to count them, spot loops and ask robots.txt
        limits=httpx.Limits(max_connections=params.workers * 2),
    )


def fetch(
    client: httpx.Client,
    url: str,
    params: FetchParams,
    robots: Robots | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    html_only: bool = True,
) -> Fetched:
    """One address, redirects followed; never raises for what the network or server does."""
    if should_stop():
        return Fetched(url, problem="not fetched: stopped")
    try:
        page = _follow(client, url, params, robots, should_stop)
        problem = html_problem(page) if html_only else None
        if problem:
            raise FetchFailed(problem)
    except FetchFailed as exc:
        return Fetched(url, problem=exc.reason, unreachable=exc.unreachable)
    return Fetched(url, page)


def _follow(
    client: httpx.Client,
    url: str,
    params: FetchParams,
    robots: Robots | None,
    should_stop: Callable[[], bool],
) -> WebPage:
    visited = [url]
    current = url
    for _hop in range(params.max_redirects + 1):
        if robots is not None and not robots.allowed(current):
            raise FetchFailed(f"robots.txt of {urlsplit(current).netloc} does not allow it")
        status, headers, body = request(client, current, params, should_stop)
        location = headers.get("location")
        if status in REDIRECTS and location:
            target = urljoin(current, location)
            if target in visited:
                loop = [*visited[visited.index(target) :], target]
                raise FetchFailed("redirect loop: " + " → ".join(loop))
            visited.append(target)
            current = target
            continue
        if status >= 400:
            raise FetchFailed(f"HTTP {status} {_reason(status)}".rstrip())
        fetched_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        return WebPage(url, current, status, fetched_at, headers.get("content-type", ""), body)
    raise FetchFailed(f"more than {params.max_redirects} redirects")


def request(
    client: httpx.Client,
    url: str,
    params: FetchParams,
    should_stop: Callable[[], bool] = lambda: False,
    max_bytes: int | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """GET one address without following redirects: (status, headers, body). The body is read
    only for a success, in chunks, within the size cap and the whole-page deadline."""
    import httpx

    limit = params.max_bytes if max_bytes is None else max_bytes
    deadline = time.monotonic() + params.timeout
    try:
        with client.stream("GET", url) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code >= 300:
                return response.status_code, headers, b""
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchFailed(_too_large(int(declared), limit))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes(1 << 16):
                size += len(chunk)
                if size > limit:
                    raise FetchFailed(_too_large(None, limit))
                if time.monotonic() > deadline:
                    raise FetchFailed(f"timed out after {params.timeout:g} s (page too slow)")
                if should_stop():
                    raise FetchFailed("not fetched: stopped")
                chunks.append(chunk)
            return response.status_code, headers, b"".join(chunks)
    except httpx.TimeoutException as exc:
        raise FetchFailed(f"timed out after {params.timeout:g} s") from exc
    except httpx.ConnectError as exc:
        raise _connect_failure(exc, url) from exc
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise FetchFailed(f"not a web address ({exc})") from exc
    except httpx.TooManyRedirects as exc:  # not raised with follow_redirects off; kept honest
        raise FetchFailed(str(exc)) from exc
    except httpx.HTTPError as exc:  # broken connection, bad chunking, decoding …
        raise FetchFailed(f"connection failed ({exc.__class__.__name__}: {exc})") from exc


def _connect_failure(exc: BaseException, url: str) -> FetchFailed:
    """Name why a connection failed from the OS error underneath httpx's ConnectError."""
    host = urlsplit(url).hostname or url
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):  # before OSError: SSLError is one
            reason = getattr(cause, "verify_message", None) or getattr(cause, "reason", None)
            return FetchFailed(f"TLS error with {host} ({reason or cause})")
        if isinstance(cause, socket.gaierror):
            return FetchFailed(f"DNS failure: cannot find the host {host}", unreachable=True)
        if isinstance(cause, ConnectionRefusedError):
            return FetchFailed(f"connection refused by {host}", unreachable=True)
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return FetchFailed(f"network unreachable ({host})", unreachable=True)
        cause = cause.__cause__ or cause.__context__
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return FetchFailed(f"DNS failure: cannot find the host {host}", unreachable=True)
    return FetchFailed(f"cannot connect to {host} ({text or exc.__class__.__name__})", True)


def html_problem(page: WebPage) -> str | None:
    """Why a fetched page is no HTML page, or None."""
    kind = page.content_type.split(";")[0].strip().lower()
    if kind in HTML_TYPES:
        return None
    if not kind:  # no type said: look at the bytes, as a browser would
        head = page.body[:2048].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
            return None
    return f"not an HTML page ({kind or 'unknown type'})"


def is_feed(page: WebPage) -> bool:
    """An RSS or Atom feed, by its declared type or, for plain XML, its root element."""
    kind = page.content_type.split(";")[0].strip().lower()
    if "rss" in kind or "atom" in kind:
        return True
    if kind in ("application/xml", "text/xml", ""):
        head = page.body[:4096].lower()
        return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
    return False


def _too_large(size: int | None, limit: int) -> str:
    if size is None:
        return f"page too large (more than the {limit // 2**20} MB limit)"
    return f"page too large ({size / 2**20:.1f} MB; limit {limit // 2**20} MB)"


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
