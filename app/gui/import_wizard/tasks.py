"""The work the wizard runs on the reader's TaskRunner. Qt-free: each task gets the runner's
`ctx` (progress through `ctx.report`, the cancel flag, the task's own database connection)."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.analysis import analyse_collection
from app.core.errors import UnreadableFile
from app.core.ingest.discover import Survey, survey
from app.core.ingest.feeds import parse_feed
from app.core.ingest.feeds import since as feed_since
from app.core.ingest.fetch import Fetched, FetchParams, html_problem, is_feed
from app.core.ingest.importer import FileResult, ImportReport, ProgressFn, import_files
from app.core.ingest.naming import Name, article_names
from app.core.ingest.prepare import DuplicateCheck
from app.core.ingest.preview import preview_paths
from app.core.ingest.web import fetch_all, import_fetched, prepare_fetched, preview_fetched
from app.core.nlp.model import shared_model
from app.core.store import collections
from app.gui.task import Changes, TaskCancelled, TaskContext


@dataclass(frozen=True, slots=True)
class FileDone:
    done: int
    total: int
    result: FileResult


@dataclass(frozen=True, slots=True)
class Stage:
    text: str


def survey_task(paths: Sequence[Path], recursive: bool, ctx: TaskContext) -> Survey:
    found = survey(paths, recursive, ctx.cancelled)
    ctx.check()
    return found


def preview_task(
    paths: Sequence[Path], recursive: bool, ctx: TaskContext, pages: Sequence[Fetched] = ()
) -> dict[str, list[Name]]:
    """Reports one PreviewItem per file, then per fetched page; returns the names found in each
    readable article (for the collection name), by the article's key."""
    items = []
    duplicates = DuplicateCheck(ctx.db, None)  # a page may repeat a file, and the reverse
    found_items = itertools.chain(
        preview_paths(ctx.db, paths, recursive, ctx.cancelled, duplicates) if paths else (),
        preview_fetched(ctx.db, pages, duplicates),
    )
    for item in found_items:
        items.append(item)
        ctx.report(item)
        ctx.check()
    readable = [i for i in items if i.prepared.article is not None]
    ctx.report(Stage("Finding the names the articles mention…"))
    found = article_names(shared_model(), [i.prepared.article for i in readable])
    return {item.prepared.key: names for item, names in zip(readable, found, strict=True)}


@dataclass(frozen=True, slots=True)
class FeedRead:
    """An address of the Links page was a feed: its items' pages are fetched in its place."""

    url: str
    links: list[str]
    left_out: int = 0  # items published before the day asked for, or undated


def fetch_task(
    urls: Sequence[str], params: FetchParams, ctx: TaskContext, since: dt.date | None = None
) -> list[Fetched]:
    """The Links page: fetch the addresses a few at a time (plain threads, no Qt), reporting
    each Fetched in order; a feed reports FeedRead (only its items since `since`, if given),
    then its items are fetched. Stopped, it raises TaskCancelled with what was fetched."""
    done: list[Fetched] = []
    items: list[str] = []
    for fetched in fetch_all(urls, params, ctx.cancelled, html_only=False):
        page = fetched.page
        if page is not None and is_feed(page):
            try:
                found = parse_feed(page.body, page.final_url)
            except UnreadableFile as exc:
                fetched = Fetched(fetched.url, problem=f"feed: {exc}")
            else:
                kept = found if since is None else feed_since(found, since)[0]
                links = [item.link for item in kept]
                ctx.report(FeedRead(fetched.url, links, len(found) - len(kept)))
                items += [link for link in links if link not in urls and link not in items]
                continue
        elif page is not None:
            fetched = _readable(fetched, html_problem(page))
        done.append(fetched)
        ctx.report(fetched)
        ctx.check()
    for fetched in fetch_all(items, params, ctx.cancelled) if items else ():
        fetched = _readable(fetched, None)
        done.append(fetched)
        ctx.report(fetched)
        ctx.check()
    return done


def _readable(fetched: Fetched, problem: str | None) -> Fetched:
    """A fetched page that is no HTML, or holds no article (a consent or paywall page), is a
    failure the Links page shows at once, in its line, not only in the preview."""
    if fetched.page is not None and problem is None:
        problem = prepare_fetched(fetched).problem
    return Fetched(fetched.url, problem=problem) if problem else fetched


def import_task(
    files: Sequence[Path],
    collection: str,
    edits: dict[str, dict[str, str | None]],
    ctx: TaskContext,
    pages: Sequence[Fetched] = (),
) -> ImportReport:
    """The same import as `parallax import`, on the chosen files and fetched pages (not fetched
    again), then the collection analysis. Stopped midway, it raises TaskCancelled with the
    report of the articles already stored."""
    db = ctx.db
    ctx.report(Stage("Loading the language model…"))
    nlp = shared_model()
    ctx.report(Stage("Importing…"))
    total = len(files) + len(pages)

    def progress(offset: int) -> ProgressFn:
        return lambda done, _total, result: ctx.report(FileDone(offset + done, total, result))

    told = [0.0]

    def part(name: str, done: int, total: int) -> None:
        """A long article's analysis, told a few times a second (the bar counts files)."""
        now = time.monotonic()
        if now - told[0] >= 0.25 or done == total:
            told[0] = now
            shown = name.rsplit("/", 1)[-1]
            ctx.report(Stage(f"Analysing {shown}: {done:,} of {total:,} paragraphs…"))

    # One process: the reader's worker must not fork (other threads hold locks).
    report = import_files(
        db, files, collection, edits, nlp=nlp, n_process=1, progress=progress(0),
        should_stop=ctx.cancelled, on_part=part,
    )  # fmt: skip
    if pages and not report.cancelled:
        from_web = import_fetched(
            db, pages, collection, edits, nlp, progress(len(report.results)), ctx.cancelled
        )
        report.results.extend(from_web.results)
        report.cancelled, report.unfinished = from_web.cancelled, from_web.unfinished
    if report.needs_analysis:  # new text, or an earlier analysis left unfinished
        collection_id = collections.find(db, collection).id
        ctx.changed(Changes(library=True, analysis=frozenset({collection_id})))
        # Also after a stop: what was stored is analysed as a collection. Not stoppable itself:
        # a cancel that arrives now comes too late (and is reported so).
        ctx.report(Stage("Linking names across the collection…"))
        analyse_collection(db, collection_id)
    if report.cancelled:
        raise TaskCancelled(report)
    return report
