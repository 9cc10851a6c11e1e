"""Text clean-up that keeps meaning: character references decoded, hard-wrapped lines joined
into paragraphs, white space normalised, paragraph breaks kept."""

from __future__ import annotations

import html
import re
import statistics
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Bidirectional embedding, override and isolate controls: "John \u202eretraC\u202c" displays as
# "John Carter" and would be a second, spoofed name; an unclosed override reverses the rest of
# its paragraph wherever it is shown. They are removed (the letters stay in stored order).
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +([,;:!?])(?=\s|$)|(?<=\w) +(\.)(?=\s|$)")
# Typographic ligatures (PDF text layers are full of them) break words for search and NLP.
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)  # fmt: skip
_BLANK_LINES = re.compile(r"\n\s*\n")
_URL_LINE = re.compile(r"^\s*(https?://|www\.)\S+\s*$")
_LIST_ITEM = re.compile(r"^\s*([-*•–]|\d+[.)])\s+")
# A character reference may itself be escaped once ("&amp;#xa0;"); two rounds undo that.
_REFERENCE = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")


def normalise_characters(text: str) -> str:
    """Decode character references, normalise Unicode and white space inside lines."""
    for _ in range(2):
        if not _REFERENCE.search(text):
            break
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = BIDI_CONTROLS.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    lines = [_SPACE_BEFORE_PUNCT.sub(lambda m: m.group(1) or m.group(2), line) for line in lines]
    return "\n".join(lines)


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped file breaks at, or None when lines are not hard-wrapped.

    A wrapped file has most of its lines ending near one width (~60-110 columns); a file
    written one paragraph per line has long, ragged lines instead.
    """
    lengths = [len(line) for line in lines if len(line) > 20]
    if len(lengths) < 5:
        return None
    width = sorted(lengths)[int(len(lengths) * 0.9) - 1]
    if not 40 <= width <= 120:
        return None
    near = sum(1 for n in lengths if 0.7 * width <= n <= width + 5)
    if near < 0.5 * len(lengths) or statistics.median(lengths) < 0.6 * width:
        return None
    return width


def _joins_next(line: str, nxt: str, width: int | None) -> bool:
    if width is None or not line or not nxt:
        return False
    if _URL_LINE.match(line) or _URL_LINE.match(nxt) or _LIST_ITEM.match(nxt):
        return False
    # A wrapped line is filled to near the width; a short line ends its paragraph.
    return len(line) >= 0.6 * width


def paragraphs(text: str) -> list[str]:
    """Split normalised text into paragraphs, joining hard-wrapped lines."""
    lines = text.split("\n")
    width = wrap_width(lines)
    result: list[str] = []
    for chunk in _BLANK_LINES.split(text):
        current = ""
        chunk_lines = [line for line in chunk.split("\n") if line.strip()]
        for i, line in enumerate(chunk_lines):
            current = f"{current} {line}" if current else line
            nxt = chunk_lines[i + 1] if i + 1 < len(chunk_lines) else ""
            if not _joins_next(line, nxt, width):
                result.append(current.strip())
                current = ""
        if current.strip():
            result.append(current.strip())
    return [p for p in result if p]
