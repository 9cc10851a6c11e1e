"""Build real files of every supported format for tests (no fixtures checked in as binaries)."""

from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, lines: list[str], title: str | None = None) -> Path:
    """A small, valid one-page PDF with a real text layer (Helvetica, WinAnsi)."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 50 780 Td 14 TL\n"
    stream += "".join(f"({esc(line)}) Tj T*\n" for line in lines) + "ET"
    data = stream.encode("cp1252")
    info = f"<< /Title ({esc(title)}) >>" if title else "<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        info.encode("cp1252"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


def write_docx(path: Path, paragraphs: list[str], title: str | None = None) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def write_html(path: Path, title: str, paragraphs: list[str], site: str = "The Daily Test") -> Path:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(
        f"<!doctype html><html><head><title>{title} | {site}</title>"
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{site}">'
        f'<meta name="author" content="Jane Roe">'
        f'<meta property="article:published_time" content="2021-02-10T09:00:00Z">'
        f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright 2021 {site}. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    return path


ARTICLE_PARAGRAPHS = [
    "The foreign ministers of the European Union met in Brussels on Monday to discuss"
    " relations with Russia after the expulsion of three diplomats.",
    "Josep Borrell told reporters that the bloc would consider new sanctions against"
    " officials responsible for human rights violations.",
    "Several member states asked for a common position before the summit in March.",
]


def write_mhtml(path: Path, page_html: str, url: str) -> Path:
    """A page saved as MHTML the way Chrome saves it: multipart/related, the page as a
    quoted-printable HTML part named by Snapshot-Content-Location, an image beside it."""
    from email.message import EmailMessage
    from email.policy import SMTP

    message = EmailMessage()
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = url
    message["Subject"] = "Saved page"
    message.set_content(page_html, subtype="html", charset="utf-8", cte="quoted-printable")
    message.make_related()
    message.get_payload()[0]["Content-Location"] = url
    message.add_related(
        b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png", cte="base64",
        headers=[f"Content-Location: {url}/photo.png"],
    )  # fmt: skip
    path.write_bytes(message.as_bytes(policy=SMTP))
    return path


def write_webarchive(path: Path, page_html: str, url: str) -> Path:
    """A page saved by Safari: a binary property list holding the page's bytes."""
    import plistlib

    archive = {
        "WebMainResource": {
            "WebResourceData": page_html.encode("utf-8"),
            "WebResourceMIMEType": "text/html",
            "WebResourceTextEncodingName": "UTF-8",
            "WebResourceURL": url,
            "WebResourceFrameName": "",
        }
    }
    path.write_bytes(plistlib.dumps(archive, fmt=plistlib.FMT_BINARY))
    return path
