"""`parallax import URL…` and `parallax import FEED_URL --feed [--since DATE]` (issue 16)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

import sqlite_utils

from app.core.errors import ParallaxError, UnreadableFile
from app.core.ingest.importer import FileResult, Outcome

Progress = Callable[[int, int, FileResult], None]


def add_web_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--feed", action="store_true", help="the URLs are RSS/Atom feeds: import "
                   "each item's page")  # fmt: skip
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD",
                   help="with --feed: only items published on or after this day")  # fmt: skip
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                   help="web: give up on a page after this long (default 20)")  # fmt: skip


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def import_from_web(
    db: sqlite_utils.Database, args: argparse.Namespace, urls: list[str], progress: Progress
) -> list[FileResult]:
    """Fetch and import the pages (or the feeds' items); one result line per address."""
    from app.core.ingest.feeds import since
    from app.core.ingest.fetch import FetchParams
    from app.core.ingest.web import feed_items, import_addresses

    params = FetchParams(timeout=args.timeout)
    results: list[FileResult] = []
    pages = urls
    if args.feed:
        pages = []
        for feed in urls:
            try:
                items = feed_items(feed, params)
            except UnreadableFile as exc:
                result = FileResult(feed, Outcome.SKIPPED, f"feed: {exc}")
                results.append(result)
                progress(len(results), len(urls), result)
                continue
            kept = items if args.since is None else since(items, args.since)[0]
            print(
                f"feed      {feed}: {len(items)} items"
                + (f", {len(kept)} since {args.since}" if args.since else ""),
                flush=True,
            )
            pages.extend(i.link for i in kept if i.link not in pages)
    elif args.since is not None:
        raise ParallaxError("--since works with --feed only")
    if pages:
        report = import_addresses(db, pages, args.collection, params, progress=progress)
        results.extend(report.results)
    return results
