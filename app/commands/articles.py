"""Sub-commands over articles and collections: import, list, show, edit, search, export, run."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import sqlite_utils

from app.commands.common import Add, open_database
from app.core.counting import count as count_of
from app.core.errors import ParallaxError
from app.core.nlp.workers import interrupt_on_signals


def cmd_import(args: argparse.Namespace) -> int:
    from app.core.analysis import analyse_collection
    from app.core.ingest.addresses import is_web_address
    from app.core.ingest.importer import FileResult, ImportReport, Outcome, import_paths
    from app.core.store import collections

    db = open_database(args)
    tty = sys.stderr.isatty()
    urls = [p for p in args.paths if is_web_address(p)]
    files = [Path(p) for p in args.paths if not is_web_address(p)]
    if (args.feed or args.since) and not urls:
        raise ParallaxError("--feed and --since need the address of a feed (http:// or https://)")

    def progress(done: int, total: int, result: FileResult) -> None:
        if tty:
            sys.stderr.write("\r\x1b[K")
        reason = f": {result.reason}" if result.reason else ""
        print(f"{result.outcome.value:9} {result.path}{reason}", flush=True)
        if tty:
            width = 30
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"[{bar}] {done}/{total}")
            sys.stderr.flush()

    shown_at = [0.0]

    def part(name: str, done: int, total: int) -> None:
        """Inside a long article, on a terminal: how far its analysis is (4 times a second)."""
        now = time.monotonic()
        if not tty or (now - shown_at[0] < 0.25 and done < total):
            return
        shown_at[0] = now
        sys.stderr.write(f"\r\x1b[K{Path(name).name}: {done:,} of {total:,} paragraphs analysed")
        sys.stderr.flush()

    report = ImportReport(args.collection)
    try:
        with interrupt_on_signals():
            if files:
                report = import_paths(
                    db, files, args.collection, recursive=not args.no_recursive,
                    n_process=args.processes, progress=progress, on_part=part,
                )  # fmt: skip
            if urls:
                from app.commands.web import import_from_web

                report.results.extend(import_from_web(db, args, urls, progress))
                report.unfinished = analysis_mark(db, args.collection)
    except KeyboardInterrupt:
        if tty:
            sys.stderr.write("\r\x1b[K")
        _tell_unfinished(db, args.collection)
        raise
    if tty:
        sys.stderr.write("\r\x1b[K")
    failed = 0
    if report.needs_analysis:
        if not report.stored:
            print(f"finishing the unfinished analysis of {args.collection!r}", flush=True)
        try:
            with interrupt_on_signals():
                analysis = analyse_collection(db, collections.find(db, args.collection).id)
        except KeyboardInterrupt:
            _tell_unfinished(db, args.collection)
            raise
        failed = print_failures(analysis.failure_lines())
    print(report.summary())
    if report.count(Outcome.SKIPPED):
        return 3
    return 4 if failed else 0


def _tell_unfinished(db: sqlite_utils.Database, collection: str) -> None:
    """After an interruption: what was kept, and the one command that finishes the job."""
    from app.core.errors import NotFound
    from app.core.store import analysis_state, articles, collections

    try:
        found = collections.find(db, collection)
    except NotFound:
        return
    stored = len(articles.in_collection(db, found.id))
    if analysis_state.get(db, found.id) is None:
        return
    print(
        f"interrupted: {count_of(stored, 'article')} of {collection!r} stored whole, but the"
        f" collection is not analysed; run `parallax reanalyse --collection {collection!r}`",
        file=sys.stderr, flush=True,
    )  # fmt: skip


def analysis_mark(db: sqlite_utils.Database, collection: str) -> str | None:
    """Why the collection's last analysis did not finish, if it did not."""
    from app.core.store import analysis_state, collections

    mark = analysis_state.get(db, collections.get_or_create(db, collection).id)
    return mark.reason if mark is not None else None


def print_failures(lines: list[str]) -> int:
    """One line per article (or stage) the analysis had to leave out; how many."""
    for line in lines:
        print(f"failed    {line}", flush=True)
    return len(lines)


def cmd_list(args: argparse.Namespace) -> int:
    from app.core.store import analysis_state, articles, collections

    db = open_database(args)
    chosen = (
        [collections.find(db, args.collection)] if args.collection else collections.list_all(db)
    )
    unfinished = analysis_state.all_unfinished(db)
    for collection in chosen:
        rows = articles.in_collection(db, collection.id)
        print(f"{collection.name} ({count_of(len(rows), 'article')})")
        mark = unfinished.get(collection.id)
        if mark is not None:
            print(f"  ! {mark.summary()} (run `parallax reanalyse --collection ...` to finish)")
            for failure in mark.failures:
                print(f"    {failure.line()}")
        for row in rows:
            date = row.published or "????-??-??"
            print(f"  {row.id:5}  {date}  {(row.source or '-')[:18]:18}  {row.word_count:6}w  "
                  f"{(row.title or row.path)[:60]}")  # fmt: skip
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from app.core.store import articles, originals, pages

    db = open_database(args)
    row = articles.get(db, args.article)
    if args.original:
        return _write_original(db, row.id, args.out)
    for name in ("title", "published", "source", "url", "author", "language", "path", "format"):
        print(f"{name:10} {getattr(row, name)}")
    print(f"{'words':10} {row.word_count}")
    page = pages.get(db, row.id)
    if page is not None:  # fetched from the web: what came back, and when
        print(
            f"{'fetched':10} {page.fetched_at} (HTTP {page.status}, {len(page.body):,} bytes"
            f" kept{'' if page.final_url == page.url else ', from ' + page.final_url})"
        )
    kept = originals.get(db, row.id)
    if kept is not None and page is None:
        print(f"{'original':10} {len(kept.data):,} bytes kept ({kept.kept_as}; --original)")
    print()
    for block in articles.blocks(db, row.id):
        text = row.text[block.start : block.end].replace("\n", " ")
        print(f"[{block.role.value:11}] {text if args.full else text[:100]}")
    return 0


def _write_original(db: sqlite_utils.Database, article_id: int, out: str | None) -> int:
    """The bytes the article was read from, byte for byte: to `out` (whole or not at all, as
    an export) or to standard output."""
    from app.core.export.destination import write_atomically
    from app.core.store import originals

    kept = originals.get(db, article_id)
    if kept is None:
        raise ParallaxError(
            f"article {article_id} keeps no original bytes (imported before they were kept);"
            " import its file again to keep them"
        )
    if out is None:
        sys.stdout.buffer.write(kept.data)
        sys.stdout.buffer.flush()
        return 0
    write_atomically(Path(out), lambda part: part.write_bytes(kept.data))
    print(f"wrote {out} ({len(kept.data):,} bytes, the article's original)", file=sys.stderr)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from app.core.store import articles

    db = open_database(args)
    values = {k: getattr(args, k) for k in articles.EDITABLE if getattr(args, k) is not None}
    if not values:
        raise ParallaxError("nothing to edit: give --title, --published, --source, … ")
    articles.update_metadata(db, args.article, **{k: (v or None) for k, v in values.items()})
    print(f"article {args.article}: updated {', '.join(sorted(values))}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from app.core.store import articles

    db = open_database(args)
    hits = articles.search(db, args.query, args.limit)
    for article_id, title, snippet in hits:
        print(f"{article_id:5}  {title[:50]}\n       {snippet}")
    print(f"{len(hits)} match(es)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.core.view.document import to_document, write_json
    from app.core.view.load import load_comparison

    if args.format == "annotations":
        from app.commands.annotations import export_annotations

        return export_annotations(args)
    db = open_database(args)
    ids = [int(x) for x in args.articles.split(",")] if args.articles else None
    if args.format == "pdf":
        return _export_pdf(args, db, ids)
    document = to_document(load_comparison(db, args.collection, ids))
    if args.out in (None, "-"):
        json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        write_json(document, Path(args.out))
        counts = {key: len(document[key]) for key in ("articles", "entities", "alignments")}
        print(f"wrote {args.out}: " + ", ".join(f"{n} {key}" for key, n in counts.items()))
    return 0


def _export_pdf(args: argparse.Namespace, db: sqlite_utils.Database, ids: list[int] | None) -> int:
    from app.core.export.document import DEFAULT_SECTIONS, ExportOptions, PageSize, Section

    if args.out in (None, "-"):
        raise ParallaxError("--format pdf needs --out FILE")
    sections = DEFAULT_SECTIONS
    if args.sections:
        names = [n.strip().lower() for n in args.sections.split(",") if n.strip()]
        unknown = sorted(set(names) - {s.value for s in Section})
        if unknown:
            raise ParallaxError(
                f"unknown section(s) {', '.join(unknown)}; choose from "
                + ", ".join(s.value for s in Section)
            )
        sections = tuple(Section(n) for n in names)
    options = ExportOptions(
        sections=sections,
        only_divergent=args.only_divergent,
        include_notes=not args.no_notes,
        page_size=PageSize(args.page_size),
    )
    from app.pdf import ensure_gui_application, export_pdf

    ensure_gui_application()
    progress = _json_progress if args.progress else None
    pages = export_pdf(db, args.collection, ids, options, Path(args.out), progress=progress)
    if args.progress:
        _json_line({"event": "done", "pages": pages, "out": str(args.out)})
    else:
        print(f"wrote {args.out}: {count_of(pages, 'page')}")
    return 0


def _json_line(record: dict[str, object]) -> None:
    """One machine-readable line for the reader that runs this export as a child process."""
    print(json.dumps(record), flush=True)


def _json_progress(fraction: float, message: str) -> None:
    _json_line({"event": "progress", "fraction": round(fraction, 4), "message": message})


def cmd_run(args: argparse.Namespace) -> int:
    from app.core.demo import ensure_demo

    db = open_database(args)
    report = ensure_demo(db)
    if report is not None:
        for result in report.results:
            print(f"{result.outcome.value:9} {result.path}")
        print(report.summary())
    from app.commands.gui import open_window
    from app.core.demo import DEMO_COLLECTION

    return open_window(args.db, DEMO_COLLECTION, [Path(p) for p in args.paths])


def register(add: Add) -> None:
    p = add(
        "import", cmd_import,
        "import article files and folders, web pages (URL…) or feeds (URL --feed)",
    )  # fmt: skip
    p.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--collection", default="Imported", help="collection name (created if new)")
    p.add_argument("--no-recursive", action="store_true", help="do not descend into sub-folders")
    p.add_argument("--processes", type=int, default=None, help="NLP processes (default: auto)")
    from app.commands.web import add_web_options

    add_web_options(p)

    p = add("list", cmd_list, "list collections and their articles")
    p.add_argument("--collection")

    p = add("show", cmd_show, "show an article's metadata and blocks with their roles")
    p.add_argument("article", type=int)
    p.add_argument("--full", action="store_true", help="print whole blocks")
    p.add_argument(
        "--original",
        action="store_true",
        help="write the bytes the article was imported from (its file or web page), unchanged",
    )
    p.add_argument("--out", help="with --original: output file (default: standard output)")

    p = add("edit", cmd_edit, "edit an article's metadata (edits survive re-analysis)")
    p.add_argument("article", type=int)
    from app.core.store.articles import EDITABLE

    for name in EDITABLE:
        p.add_argument(f"--{name}")

    p = add("search", cmd_search, "full-text search over article titles and texts")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)

    p = add("export", cmd_export, "export a collection's comparison")
    p.add_argument("--collection", required=True)
    p.add_argument("--format", choices=["json", "pdf", "annotations"], default="json")
    p.add_argument("--out", help="output file (default: standard output; required for pdf)")
    p.add_argument("--articles", help="comma-separated article ids (default: all)")
    p.add_argument(
        "--sections",
        help="pdf: comma-separated sections among cover, synopsis, differences, entities, "
        "fulltexts, notes (default: all but fulltexts)",
    )
    p.add_argument("--page-size", choices=["A4", "Letter"], default="A4", help="pdf page size")
    p.add_argument("--only-divergent", action="store_true", help="pdf: only divergent groups")
    p.add_argument("--no-notes", action="store_true", help="pdf: leave out annotations")
    p.add_argument(
        "--progress",
        action="store_true",
        help='pdf: print JSON lines on stdout: {"event": "progress", "fraction", "message"} '
        'while rendering, then {"event": "done", "pages", "out"}',
    )

    p = add("run", cmd_run, "import the demo collection on first run and open the app")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files to open in the import wizard")
