"""Every reader on real files, and the reasons given for files that cannot be imported."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from app.core.errors import UnreadableFile
from app.core.ingest.article import clean_article
from app.core.ingest.decode import decode_text
from app.core.ingest.readers import MAX_FILE_BYTES, read_bytes, read_document
from tests.filemakers import ARTICLE_PARAGRAPHS, write_docx, write_html, write_pdf

TEXT = "Café society: Zakharova said «non» — naïve, Сергей Лавров.\n\nSecond paragraph here."


def read(path: Path):  # type: ignore[no-untyped-def]
    return read_document(path, read_bytes(path))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_unicode_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read(path).text == TEXT


def test_legacy_single_byte_encoding_is_detected() -> None:
    text = (
        "Le ministre a déclaré que la réunion à Bruxelles était très difficile. "
        "Les élèves étaient déçus, mais l'été arrive bientôt à Genève."
    )
    assert decode_text(text.encode("cp1252")) == text


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Heading\n\nSome text.", encoding="utf-8")
    assert read(path).text.startswith("# Heading")


def test_html_article_and_metadata(tmp_path: Path) -> None:
    path = write_html(tmp_path / "page.html", "Ministers meet in Brussels", ARTICLE_PARAGRAPHS)
    raw = read(path)
    assert raw.metadata.title == "Ministers meet in Brussels"
    assert raw.metadata.source == "The Daily Test"
    assert raw.metadata.author == "Jane Roe"
    assert raw.metadata.published and raw.metadata.published.startswith("2021-02-10")
    assert "three diplomats" in raw.text
    assert "Home" not in raw.text and "All rights reserved" not in raw.text
    article = clean_article(raw)
    assert article.metadata.published == "2021-02-10"
    assert article.blocks[0].role == "title"


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="no article text"):
        read(path)


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "a.pdf", ARTICLE_PARAGRAPHS, title="PDF title")
    raw = read(path)
    assert "expulsion of three diplomats" in raw.text
    assert raw.metadata.title == "PDF title"


def test_truncated_pdf_is_reported(tmp_path: Path) -> None:
    good = write_pdf(tmp_path / "a.pdf", ARTICLE_PARAGRAPHS)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(good.read_bytes()[:200])
    with pytest.raises(UnreadableFile, match="PDF"):
        read(bad)


def test_docx_paragraphs_and_title(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "a.docx", ARTICLE_PARAGRAPHS, title="Word title")
    raw = read(path)
    assert raw.text.split("\n\n") == ARTICLE_PARAGRAPHS
    assert raw.metadata.title == "Word title"


def test_damaged_docx(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFile, match="DOCX"):
        read(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (bytes(range(256)) * 50, "binary"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(4000), "binary|undecodable|garbled"),
        (codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe broken", "undecodable"),
    ],
)
def test_bad_text_files_give_reasons(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=reason):
        read(path)


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 20 MB actually written
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(UnreadableFile, match="too large"):
        read_bytes(path)


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG")
    with pytest.raises(UnreadableFile, match="unsupported"):
        read_document(path, path.read_bytes())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_permissions(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    with pytest.raises(UnreadableFile, match="permission"):
        read_bytes(path)
