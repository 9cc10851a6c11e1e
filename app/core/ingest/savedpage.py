"""Pages saved by a browser as one file: MHTML (`.mhtml`/`.mht`, Chrome, Edge, Opera, older
Internet Explorer) and Safari's `.webarchive`. Both hold the page's HTML beside its images and
styles; only the HTML is taken, then read like any HTML file. Standard library only: MHTML is a
MIME message (`email`), a webarchive a binary property list (`plistlib`)."""

from __future__ import annotations

import email
import email.policy
import plistlib
from email.message import EmailMessage

from app.core.errors import UnreadableFile
from app.core.ingest.decode import decode_text

_PLIST_MAGIC = b"bplist00"


def saved_page_html(data: bytes) -> tuple[str, str | None]:
    """The saved page's HTML and the address it was saved from (None when not said)."""
    if data.startswith(_PLIST_MAGIC) or data.lstrip().startswith(b"<?xml"):
        return _webarchive_html(data)
    return _mhtml_html(data)


def _mhtml_html(data: bytes) -> tuple[str, str | None]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        if message.get_content_type() == "text/html":  # a one-part MHTML: the page alone
            return _part_text(message), message.get("Content-Location")
        raise UnreadableFile("damaged saved page (not an MHTML archive)")
    root = message.get("Snapshot-Content-Location")  # Chrome names the page it saved
    pages = [p for p in message.walk() if p.get_content_type() == "text/html"]
    if not pages:
        raise UnreadableFile("saved page holds no HTML part")
    # The saved page itself, not an embedded frame (an advert, a comment widget).
    chosen = next((p for p in pages if root and p.get("Content-Location") == root), pages[0])
    return _part_text(chosen), root or chosen.get("Content-Location")


def _part_text(part: email.message.Message) -> str:
    """A part's text, decoded from its transfer encoding (quoted-printable, base64) and its
    declared charset; detected like a file when it declares none or a wrong one."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise UnreadableFile("damaged saved page (unreadable HTML part)")
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(payload)


def _webarchive_html(data: bytes) -> tuple[str, str | None]:
    try:
        archive = plistlib.loads(data)
        main = archive["WebMainResource"]
        body = main["WebResourceData"]
    except (plistlib.InvalidFileException, KeyError, TypeError, ValueError) as exc:
        raise UnreadableFile(f"damaged web archive ({exc.__class__.__name__})") from exc
    if not isinstance(body, bytes):
        raise UnreadableFile("damaged web archive (no page data)")
    mime = str(main.get("WebResourceMIMEType", "text/html"))
    if "html" not in mime:
        raise UnreadableFile(f"web archive of a {mime} resource, not a page")
    charset = main.get("WebResourceTextEncodingName")
    text: str | None = None
    if isinstance(charset, str):
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    url = main.get("WebResourceURL")
    return text if text is not None else decode_text(body), url if isinstance(url, str) else None
