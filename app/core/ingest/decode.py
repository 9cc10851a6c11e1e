"""Bytes to text: detect the encoding instead of assuming it, and refuse binary data."""

from __future__ import annotations

import codecs

import charset_normalizer

from app.core.errors import UnreadableFile

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of characters that may be control characters or replacement marks before a
# "text" is judged to be binary or wrongly decoded.
_MAX_JUNK_RATIO = 0.01
_PREFERRED = "cp1252"


def decode_text(data: bytes) -> str:
    """Decode a text file's bytes; raise UnreadableFile with the reason when it is not text."""
    if not data.strip():
        raise UnreadableFile("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableFile(f"undecodable text: broken {encoding} ({exc.reason})") from exc
    if b"\x00" in data[:65536]:
        wide = _utf16_without_bom(data)
        if wide is not None:
            return wide
        raise UnreadableFile("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return _checked(mixed, "UTF-8 with Windows-1252 bytes")
    encoding = _detect(data)
    try:
        return _checked(data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UnreadableFile(f"undecodable text: detected {encoding} does not fit") from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark (some Windows tools do): the NUL bytes are the
    high bytes of Latin characters, all on odd offsets (little-endian) or all on even ones
    (big-endian). Binary data has NULs on both; it stays refused."""
    sample = data[:65536]
    if len(data) % 2:
        return None
    odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    even = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0)
    pairs = len(sample) // 2
    for nuls, stray, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls > 0.3 * pairs and stray < 0.01 * pairs:
            try:
                return _checked(data.decode(encoding), f"{encoding}, no byte-order mark")
            except (UnicodeDecodeError, UnreadableFile):
                return None
    return None


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    return bad.decode(_PREFERRED, errors="replace"), exc.end


codecs.register_error("parallax-cp1252", _cp1252_bytes)


def _mostly_utf8(data: bytes) -> str | None:
    """A UTF-8 file with a few Windows-1252 bytes pasted in (a quote from an old page, a
    "smart quote" from a word processor): decode each part by its own encoding rather than
    turn every correct "é" of the UTF-8 majority into "Ã©". None unless the valid multi-byte
    UTF-8 sequences outnumber the invalid bytes."""
    valid = sum(1 for ch in data.decode("utf-8", errors="ignore") if ord(ch) > 0x7F)
    invalid = len(data) - len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    if valid == 0 or valid < invalid:
        return None
    return data.decode("utf-8", errors="parallax-cp1252")


def _detect(data: bytes) -> str:
    matches = list(charset_normalizer.from_bytes(data[:1_000_000]))
    if not matches or matches[0].encoding is None:
        raise UnreadableFile("undecodable text: no character encoding fits its bytes")
    best = matches[0]
    # Short Western texts fit several code pages equally well; Windows-1252 is by far the most
    # common of them (and what browsers assume for Latin-1), so it wins a tie.
    for match in matches:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and _PREFERRED in match.could_be_from_charset:
            return _PREFERRED
    return str(best.encoding)


def _checked(text: str, encoding: str) -> str:
    if not text.strip():
        raise UnreadableFile("empty file (only white space)")
    sample = text[:200_000]
    junk = sum(1 for ch in sample if (ch < " " and ch not in "\n\r\t\f") or ch == "\ufffd")
    if junk > _MAX_JUNK_RATIO * len(sample):
        raise UnreadableFile(f"binary or garbled data (read as {encoding}), not text")
    return text
