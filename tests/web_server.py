"""A real HTTP server on 127.0.0.1 for the web-import tests (stdlib http.server, a thread):
article pages, a feed, redirects, errors, a slow page, a huge body, a non-HTML body, a consent
page and robots.txt. Nothing here reaches beyond the loopback interface."""

from __future__ import annotations

import html
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SLOW_SECONDS = 3.0  # the slow page answers after this; tests use a 1 s timeout
HUGE_BYTES = 21 * 1024 * 1024
ROBOTS = "User-agent: *\nDisallow: /private/\n"
CONSENT = (
    "<!doctype html><html><head><title>Before you continue</title></head><body>"
    "<div class='consent'><h1>We value your privacy</h1><p>Cookies help us.</p>"
    "<button>Accept all</button> <button>Reject all</button> <a href='/more'>More options</a>"
    "</div></body></html>"
)


def article_html(title: str, paragraphs: list[str], site: str = "The Daily Test") -> str:
    """A news page: navigation, the article (title, paragraphs), a footer."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)} | "
        f"{site}</title><meta property='og:site_name' content='{site}'>"
        "<meta property='article:published_time' content='2021-02-10T09:00:00Z'></head>"
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        f"<footer>Copyright 2021 {site}. All rights reserved.</footer></body></html>"
    )


def rss(base: str, items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (path, title, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{base}{p}</link><pubDate>{d}</pubDate></item>"
        for p, t, d in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Test feed</title><link>{base}/</link><description>x</description>{entries}"
        "</channel></rss>"
    )


@dataclass
class Site:
    """What the server answers: `pages` maps a path to (content type, body)."""

    base: str = ""
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    tls_base: str = ""  # the same pages over HTTPS with a certificate nobody trusts
    hits: list[str] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)  # User-Agent headers seen

    def add(self, path: str, text: str, content_type: str = "text/html; charset=utf-8") -> str:
        self.pages[path] = (content_type, text.encode("utf-8"))
        return self.base + path

    def url(self, path: str) -> str:
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms stall

    def log_message(self, format: str, *args: object) -> None:  # quiet tests
        pass

    def do_GET(self) -> None:
        site = self.server.site
        path = self.path
        site.hits.append(path)
        site.agents.add(self.headers.get("User-Agent", ""))
        if path == "/robots.txt":
            self._send(200, "text/plain", ROBOTS.encode())
        elif path.startswith("/redirect/"):  # /redirect/3 → /redirect/2 → … → /article/a
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/redirect/{left - 1}" if left > 1 else "/article/a")
        elif path == "/loop/a":
            self._redirect("/loop/b")
        elif path == "/loop/b":
            self._redirect("/loop/a")
        elif path == "/error":
            self._send(500, "text/html", b"<h1>Internal Server Error</h1>")
        elif path.split("?")[0] == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, "text/html", b"<html><body><p>late</p></body></html>")
        elif path == "/huge":  # declared size over the cap: refused before reading
            self._send(200, "text/html", b"<html><body>" + b"x" * HUGE_BYTES)
        elif path == "/huge-undeclared":  # no Content-Length: counted while read
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"word " * 13000 + b"</p>\n"
            sent = 0
            try:
                while sent < HUGE_BYTES:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its cap
            self.close_connection = True
        elif path == "/consent":
            self._send(200, "text/html; charset=utf-8", CONSENT.encode())
        elif path in site.pages:
            content_type, body = site.pages[path]
            self._send(200, content_type, body)
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    site: Site

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (timeout, size cap) breaks the connection: expected here."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(port: int = 0) -> Iterator[Site]:
    server = _Server(("127.0.0.1", port), _Handler)
    server.site = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, name="test-http", daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_tls(folder: Path) -> Iterator[Site]:
    """The same server over HTTPS with a self-signed certificate (made here, for 127.0.0.1),
    which no client trusts: a TLS error."""
    import ssl

    cert, key = _self_signed(folder)
    server = _Server(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.site = Site(base=f"https://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, name="test-https", daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()


def _self_signed(folder: Path) -> tuple[Path, Path]:
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens: the connection is refused."""
    return f"http://127.0.0.1:{free_port()}/article"


DNS_FAILURE_URL = "http://no-such-host.invalid/article"  # RFC 6761: never resolves


def seed_page(text: str) -> str:
    """A seed article (.txt) as a news page: each of its paragraphs a <p>; a `date YYYY-MM-DD
    Title` first line becomes the page's date (metadata) and headline (<title>, <h1>). A text
    without that line has no headline markup, so the title is found as in the text file."""
    from app.core.ingest.cleanup import normalise_characters, paragraphs
    from app.core.ingest.metadata import parse_date_line, split_title

    paras = paragraphs(normalise_characters(text))
    head = parse_date_line(paras[0])
    top = ""
    if head is not None:  # the headline may carry a standfirst: a paragraph of its own
        published, line = head
        title, standfirst = split_title(line)
        head = (published, title)
        paras = ([standfirst] if standfirst else []) + paras[1:]
        top = (
            f"<title>{html.escape(title)}</title>"
            f"<meta property='article:published_time' content='{published}'>"
        )
    headline = f"<h1>{html.escape(head[1])}</h1>" if head is not None else ""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{top}</head><body><article>"
        + headline
        + "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        + "</article></body></html>"
    )


TITLE = "EU ministers meet in Brussels over Russia"
OTHER = [
    "The prime minister announced on Tuesday a new plan for the railways, to be paid for by"
    " a tax on fuel that starts in January.",
    "Unions said the plan came too late for the workers who lost their jobs last year in the"
    " closure of the northern depots.",
]


def news_site(site: Site) -> Site:
    """Two articles, a syndicated copy of the first, a page robots.txt forbids, a PDF and a
    feed of the two articles (the second published before 2021-02-05)."""
    from tests.filemakers import ARTICLE_PARAGRAPHS

    site.add("/article/a", article_html(TITLE, ARTICLE_PARAGRAPHS))
    site.add("/article/b", article_html("Rail plan announced", OTHER, "The Evening Test"))
    # Syndication: the same article under another outlet's page furniture.
    site.add("/wire/a", article_html(TITLE, ARTICLE_PARAGRAPHS, "The Wire Copy"))
    site.add("/private/a", article_html("Members only", OTHER))
    site.add("/report.pdf", "%PDF-1.4 not html", "application/pdf")
    feed = rss(site.base, [
        ("/article/a", TITLE, "Wed, 10 Feb 2021 09:00:00 GMT"),
        ("/article/b", "Rail plan announced", "Mon, 01 Feb 2021 09:00:00 GMT"),
    ])  # fmt: skip
    site.add("/feed.xml", feed, "application/rss+xml")
    return site


def failing(site: Site) -> dict[str, str]:
    """Address → words its one-line reason holds (with a 1 s timeout)."""
    return {
        site.url("/loop/a"): "redirect loop",
        site.url("/redirect/7"): "more than 5 redirects",
        site.url("/missing"): "HTTP 404 Not Found",
        site.url("/error"): "HTTP 500 Internal Server Error",
        site.url("/slow"): "timed out after 1 s",
        site.url("/huge"): "page too large (21.0 MB; limit 20 MB)",
        site.url("/huge-undeclared"): "page too large (more than the 20 MB limit)",
        site.url("/report.pdf"): "not an HTML page (application/pdf)",
        site.url("/consent"): "no article text found",
        site.url("/private/a"): "robots.txt of 127.0.0.1",
        closed_port_url(): "connection refused by 127.0.0.1",
        DNS_FAILURE_URL: "DNS failure: cannot find the host no-such-host.invalid",
        **({f"{site.tls_base}/article/a": "TLS error with 127.0.0.1 (self-signed certificate)"}
           if site.tls_base else {}),
    }  # fmt: skip
