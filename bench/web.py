"""Import from the web (issue 16): fetch and extract time per article over a local server.

Twenty pages (the five seeds four times over, each copy with a line of its own) are served by
http.server on 127.0.0.1 — no internet. Measured: fetching alone (4 at a time, as the importer
does, and one at a time), extraction alone (trafilatura + clean-up, what `prepare_fetched`
does), and the whole `parallax import URL…` path (fetch, extract, NLP, store) against the same
pages imported as .html files from disk.
"""

from __future__ import annotations

import html
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from app.core.ingest.fetch import FetchParams
from app.core.ingest.importer import import_paths
from app.core.ingest.web import fetch_all, import_addresses, prepare_fetched
from app.core.nlp.model import shared_model
from app.core.resources import seeds_dir
from app.core.store.db import open_db

COPIES = 4


def _pages() -> dict[str, bytes]:
    pages = {}
    for copy in range(COPIES):
        for seed in sorted(seeds_dir().glob("*.txt")):
            paragraphs = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n\n")]
            paragraphs.append(f"Copy {copy + 1} of this report.")
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
            pages[f"/{copy}/{seed.stem}"] = (
                "<!doctype html><html><head><meta charset='utf-8'><title>Bench</title></head>"
                f"<body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
            ).encode()
    return pages


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm and the client's
    # delayed ACK add ~40 ms to every keep-alive response, which no real server does.
    disable_nagle_algorithm = True
    pages: ClassVar[dict[str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        status = 200 if body is not None else 404
        body = body if body is not None else b"User-agent: *\nAllow: /\n"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client closing its keep-alive connection at the end: expected


def main() -> None:
    _Handler.pages = _pages()
    server = _Server(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [base + path for path in _Handler.pages]
    n = len(urls)
    try:
        for workers in (4, 1):
            started = time.perf_counter()
            fetched = list(fetch_all(urls, FetchParams(workers=workers)))
            seconds = time.perf_counter() - started
            assert all(f.page is not None for f in fetched), [f.problem for f in fetched]
            print(f"fetch, {workers} at a time: {n} pages in {seconds:.3f} s = "
                  f"{1000 * seconds / n:.1f} ms per article")  # fmt: skip
        prepare_fetched(fetched[0])  # the first call imports trafilatura: not per article
        took = []
        for item in fetched:
            started = time.perf_counter()
            prepared = prepare_fetched(item)
            took.append(time.perf_counter() - started)
            assert prepared.problem is None, prepared.problem
        print(f"extract (trafilatura + clean-up): median {1000 * statistics.median(took):.1f} ms"
              f" per article, max {1000 * max(took):.1f} ms")  # fmt: skip

        nlp = shared_model()
        with tempfile.TemporaryDirectory(prefix="parallax-bench-web-") as tmp:
            root = Path(tmp)
            files = []
            for path, body in _Handler.pages.items():
                file = root / (path.strip("/").replace("/", "_") + ".html")
                file.write_bytes(body)
                files.append(file)
            disk, web = [], []
            for run in range(2):  # alternated, best of two: the first run warms up spaCy
                db = open_db(root / f"files{run}.db")
                started = time.perf_counter()
                report = import_paths(db, files, "Files", nlp=nlp, n_process=1)
                disk.append(time.perf_counter() - started)
                db = open_db(root / f"web{run}.db")
                started = time.perf_counter()
                by_url = import_addresses(db, urls, "Web", nlp=nlp)
                web.append(time.perf_counter() - started)
            from_disk, from_web = min(disk), min(web)
        print(f"import (NLP and store included, no collection analysis, best of 2): "
              f"{report.summary()}")  # fmt: skip
        print(f"  as .html files from disk: {from_disk:.2f} s = {1000 * from_disk / n:.0f} ms "
              f"per article; by URL: {from_web:.2f} s = {1000 * from_web / n:.0f} ms per "
              f"article ({by_url.summary()})")  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
