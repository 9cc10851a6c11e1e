"""`robots.txt` rules per site (RFC 9309, read by the standard library's robotparser), loaded
once per site and shared by the fetching threads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

# (status, body) of GET <site>/robots.txt; None when the site could not be reached at all.
Load = Callable[[str], tuple[int, bytes] | None]
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


class Robots:
    def __init__(self, load: Load, agent: str) -> None:
        self._load = load
        self._agent = agent
        self._rules: dict[str, RobotFileParser | None] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._guard:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:  # one load per site, even when several of its pages are fetched at once
            if site not in self._rules:
                self._rules[site] = self._parse(self._load(f"{site}/robots.txt"))
        rules = self._rules[site]
        return rules is None or rules.can_fetch(self._agent, url)

    @staticmethod
    def _parse(answer: tuple[int, bytes] | None) -> RobotFileParser | None:
        """None: no rules. RFC 9309: a 4xx (no robots.txt) allows everything, a 5xx forbids
        everything for now; an unreachable site is left to the page fetch, which says why."""
        if answer is None:
            return None
        status, body = answer
        parser = RobotFileParser()
        if 400 <= status < 500:
            return None
        if status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
        else:
            parser.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace").splitlines())
        return parser
