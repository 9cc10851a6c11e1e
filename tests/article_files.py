"""Article files of every kind a user imports, good and bad, made on the spot for tests and
screenshots: an HTML page, a PDF (written by Qt), a DOCX (python-docx) and broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

HTML_PARAGRAPHS = (
    "Josep Borrell, the EU's foreign policy chief, faced calls to resign on Tuesday after a "
    "visit to Moscow that critics in the European Parliament called a humiliation.",
    "During a joint press conference, Russian Foreign Minister Sergei Lavrov described the "
    "European Union as an unreliable partner, while Borrell stood beside him.",
    "Hours later Russia expelled diplomats from Germany, Poland and Sweden, accusing them of "
    "taking part in protests in support of the jailed opposition leader Alexei Navalny.",
    "Borrell told the Parliament that the trip had shown Russia was not interested in a more "
    "constructive relationship with the European Union.",
)
PDF_PARAGRAPHS = (
    "Brussels, 9 February. The High Representative Josep Borrell defended his trip to Moscow "
    "before members of the European Parliament on Tuesday afternoon.",
    "He said the visit had been necessary to test whether the Russian authorities were willing "
    "to address differences, and that the answer had been clear.",
    "Several political groups nevertheless signed a letter asking the Commission president to "
    "remove him from office because of the damage done to the Union's credibility.",
)
DOCX_PARAGRAPHS = (
    "Moscow has rejected European criticism of the expulsion of three diplomats, saying they "
    "had taken part in unauthorised rallies in support of Alexei Navalny.",
    "The Kremlin spokesman said the decision was final and that Borrell had been informed "
    "during his visit, which both sides had described as frank.",
    "Diplomats in Brussels said the episode would weigh on the debate about new sanctions "
    "against Russian officials at the next meeting of foreign ministers.",
)
BIG_FILE_BYTES = 30 * 1024 * 1024


def write_html(path: Path) -> Path:
    body = "\n".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    path.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>MEPs call for Borrell to resign after Moscow visit</title>"
        "<meta property='og:site_name' content='Europe Daily'>"
        "<meta property='article:published_time' content='2021-02-09T10:00:00Z'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>MEPs call for Borrell to resign after Moscow visit</h1>{body}</article>"
        "<footer>© Europe Daily 2021</footer></body></html>",
        encoding="utf-8",
    )
    return path


def write_pdf(path: Path) -> Path:
    """A one-page text PDF, written by Qt (a QApplication must exist)."""
    from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    writer.setTitle("Borrell defends Moscow trip before Parliament")
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Sans", 11))
    document.documentLayout().setPaintDevice(writer)
    document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF())
    document.setHtml(
        "<h2>Borrell defends Moscow trip before Parliament</h2>"
        + "".join(f"<p>{p}</p>" for p in PDF_PARAGRAPHS)
    )
    document.print_(writer)
    return path


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "Moscow rejects criticism over expelled diplomats"
    document.core_properties.author = "Anna Petrova"
    for paragraph in DOCX_PARAGRAPHS:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def write_bad_files(folder: Path) -> dict[str, Path]:
    """Files that cannot be imported, by what is wrong with them."""
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "undecodable": folder / "undecodable.txt",
        "big": folder / "big.txt",
        "damaged pdf": folder / "damaged.pdf",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 16)
    # A UTF-8 file (it says so with its BOM) with bytes that are not UTF-8.
    files["undecodable"].write_bytes(b"\xef\xbb\xbfMoscow visit \xff\xfe\xfa report")
    with files["big"].open("wb") as out:
        out.truncate(BIG_FILE_BYTES)  # sparse: the size is what matters, checked before reading
    files["damaged pdf"].write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage\n")
    return files


def make_article_folder(folder: Path, seeds: list[Path], bad: bool = True) -> Path:
    """The seeds, an HTML page, a PDF, a DOCX, files to ignore, and (optionally) bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
    write_html(folder / "europe-daily.html")
    write_pdf(folder / "parliament.pdf")
    write_docx(folder / "kremlin.docx")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not an article: ignored
    (folder / ".notes.txt").write_text("hidden: ignored\n")
    if bad:
        write_bad_files(folder)
    return folder
