"""One reader per file format. Each returns plain text (paragraphs separated by blank lines)
and whatever metadata the format itself carries; clean-up happens later, in one place."""

from __future__ import annotations

import io
import logging
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import UnreadableFile
from app.core.ingest.decode import decode_text
from app.core.ingest.html_tree import visible_tree
from app.core.model import Metadata

if TYPE_CHECKING:
    from pypdf import PdfReader

log = logging.getLogger("parallax.import")

MAX_FILE_BYTES = 20 * 1024 * 1024
# A .docx is a zip; refuse archives that would inflate far beyond any real article.
MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024
# A PDF's content streams, summed over its pages (a stream shared by many pages counts once per
# page: each page parses it again), and the time its text extraction may take.
MAX_PDF_CONTENT_BYTES = 64 * 1024 * 1024
MAX_PDF_SECONDS = 30
MIN_HTML_WORDS = 15
MIN_HTML_SENTENCE_WORDS = 8


@dataclass(frozen=True, slots=True)
class RawDocument:
    text: str
    metadata: Metadata  # hints from the format (HTML meta, DOCX properties); may be empty
    format: str


def _read_plain(data: bytes) -> RawDocument:
    return RawDocument(decode_text(data), Metadata(), "text")


def _read_html(data: bytes) -> RawDocument:
    return read_html(decode_text(data))


def read_html(html: str, url: str | None = None) -> RawDocument:
    """An HTML page's article text and metadata (a file, a saved page or a fetched one; `url`
    is where a fetched page came from)."""
    import trafilatura  # slow to import: only when an HTML file comes

    doc = trafilatura.bare_extraction(
        visible_tree(html),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Only dates the page states about itself: no guessing from the URL or the text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    # A page of navigation links yields a few words; an article has sentences.
    if len(text.split()) < MIN_HTML_WORDS:
        raise UnreadableFile("no article text found in the HTML page")
    # trafilatura puts one paragraph per line; make paragraph breaks explicit.
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    # A page of links (menus, a section front) can add up to many words, in short lines only.
    if not any(len(p.split()) >= MIN_HTML_SENTENCE_WORDS for p in paragraphs):
        raise UnreadableFile("no article text found in the HTML page (only short lines: links?)")
    title = getattr(doc, "title", None)
    if title and paragraphs and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    meta = Metadata(
        title=title or None,
        published=getattr(doc, "date", None) or None,
        source=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
        url=getattr(doc, "url", None) or None,
        author=getattr(doc, "author", None) or None,
    )
    return RawDocument(body, meta, "html")


def _read_pdf(data: bytes) -> RawDocument:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("password-protected PDF")
        pages = _pdf_pages_text(reader)
        info = reader.metadata
    except UnreadableFile:
        raise
    except DependencyError as exc:  # AES encryption; pypdf decrypts it only with `cryptography`
        raise UnreadableFile(
            "encrypted PDF (AES): reading it needs the Python package 'cryptography'"
        ) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFile(f"damaged PDF ({exc.__class__.__name__}: {exc})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise UnreadableFile("PDF has no text layer (scanned image?)")
    title = str(info.title).strip() if info is not None and info.title else None
    author = str(info.author).strip() if info is not None and info.author else None
    return RawDocument(text, Metadata(title=title, author=author), "pdf")


def _pdf_pages_text(reader: PdfReader) -> list[str]:
    """Each page's text, within budgets: pages that share one huge content stream are each
    decoded and parsed again (300 pages on one 70 MB stream of spaces took 25 minutes), so the
    content bytes are counted over all pages, shared streams once per page that uses them, and
    the extraction has a time limit."""
    started = time.monotonic()
    sizes: dict[object, int] = {}  # content stream (indirect object) → decoded bytes
    total = 0
    texts = []
    for number, page in enumerate(reader.pages, 1):
        total += _content_bytes(page, sizes)
        if total > MAX_PDF_CONTENT_BYTES:
            raise UnreadableFile(
                f"PDF content streams over {MAX_PDF_CONTENT_BYTES // 2**20} MB by page {number}"
                " (a text article holds far less); refused"
            )
        texts.append(page.extract_text() or "")
        if time.monotonic() - started > MAX_PDF_SECONDS:
            raise UnreadableFile(
                f"PDF text extraction over {MAX_PDF_SECONDS} s at page {number} of"
                f" {len(reader.pages)}; refused"
            )
    return texts


def _content_bytes(page: Any, sizes: dict[object, int]) -> int:
    contents = page.get("/Contents")
    if contents is None:
        return 0
    items = contents if isinstance(contents, list) else [contents]
    total = 0
    for item in items:
        key = (getattr(item, "idnum", None), getattr(item, "generation", None))
        if key[0] is None or key not in sizes:
            stream = item.get_object()
            size = len(stream.get_data()) if hasattr(stream, "get_data") else 0
            if key[0] is None:
                total += size
                continue
            sizes[key] = size
        total += sizes[key]
    return total


def _check_archive(data: bytes) -> None:
    """Refuse a zip that would inflate beyond any real article. The sizes a zip declares can
    lie (understated, zipfile still inflates a whole compressed block at once: a 20 MB file can
    hold ~20 GB), so every member is also inflated here in bounded chunks; zipfile stops at the
    declared size and its CRC check then exposes the lie."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        unpacked = sum(info.file_size for info in members)
        if unpacked > MAX_DOCX_UNPACKED_BYTES:
            raise UnreadableFile(
                f"DOCX would unpack to {unpacked // 2**20} MB (limit "
                f"{MAX_DOCX_UNPACKED_BYTES // 2**20} MB); refused as a possible zip bomb"
            )
        for info in members:
            with archive.open(info) as member:
                while member.read(1 << 20):
                    pass


def _read_docx(data: bytes) -> RawDocument:
    import docx

    try:
        _check_archive(data)
        _check_no_entities(data)
        document = docx.Document(io.BytesIO(data))
    except UnreadableFile:
        raise
    except zipfile.BadZipFile as exc:  # "Bad CRC-32 for file …": say which part is wrong
        raise UnreadableFile(f"damaged DOCX ({exc})") from exc
    except Exception as exc:  # XML or python-docx errors: all mean a malformed file
        raise UnreadableFile(f"damaged DOCX ({exc.__class__.__name__})") from exc
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise UnreadableFile("DOCX has no text")
    props = document.core_properties
    # core_properties.created is when the file was made (python-docx's own template even carries
    # a fixed 2013 date), not when the article was published: it is not used.
    meta = Metadata(title=props.title or None, author=props.author or None)
    return RawDocument("\n\n".join(paragraphs), meta, "docx")


def _check_no_entities(data: bytes) -> None:
    """Word never declares XML entities; a document that does (an XXE attempt) would lose the
    text after each entity without a word, since entities are not resolved: refused."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            with archive.open("word/document.xml") as part:
                head = part.read(8192)
        except KeyError:
            return  # python-docx says what is missing
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise UnreadableFile(
            "DOCX whose XML declares entities (<!DOCTYPE>): not written by a word processor,"
            " and text after each entity would be lost; refused"
        )


def _read_saved_page(data: bytes) -> RawDocument:
    from app.core.ingest.savedpage import saved_page_html

    html, url = saved_page_html(data)
    raw = read_html(html)
    if url and not raw.metadata.url:  # where the browser saved it from
        raw = RawDocument(raw.text, replace(raw.metadata, url=url), raw.format)
    return RawDocument(raw.text, raw.metadata, "saved page")


READERS: dict[str, Callable[[bytes], RawDocument]] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    ".md": _read_plain,
    ".html": _read_html,
    ".htm": _read_html,
    ".mhtml": _read_saved_page,
    ".mht": _read_saved_page,
    ".webarchive": _read_saved_page,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes with the size limit applied before reading."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(
                f"file too large ({size / 2**20:.1f} MB; limit {MAX_FILE_BYTES // 2**20} MB)"
            )
        if size == 0:
            raise UnreadableFile("empty file")
        return path.read_bytes()
    except PermissionError as exc:
        raise UnreadableFile("permission denied") from exc
    except IsADirectoryError as exc:
        raise UnreadableFile("is a directory") from exc
    except OSError as exc:
        raise UnreadableFile(f"cannot read file ({exc.strerror or exc})") from exc


def read_document(path: Path, data: bytes) -> RawDocument:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(f"unsupported file type {path.suffix or '(none)'}")
    return reader(data)
