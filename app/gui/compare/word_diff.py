"""Word-level diff of two statements for the reader (core/textdiff.py does the diffing), capped
for very long text, and the test for a paraphrase: too few words in common to diff."""

from __future__ import annotations

import re

from app.core.textdiff import DELETE, EQUAL, INSERT, token_diff

MAX_CHARS = 4000  # beyond this the statement is shown without an inline diff
# Below this share of common words two statements are a paraphrase: "reworded", no diff.
REWORDED_BELOW = 0.4
_WORD = re.compile(r"\S+\s*|\s+")


def word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """(op, text) pieces: 0 equal, -1 only in `old`, 1 only in `new`."""
    if len(old) > MAX_CHARS or len(new) > MAX_CHARS:
        return [(DELETE, old), (INSERT, new)]
    pieces = token_diff(_WORD.findall(old), _WORD.findall(new), semantic=True)
    return [(op, "".join(words)) for op, words in pieces]


def shared_share(pieces: list[tuple[int, str]]) -> float:
    """The share of words the two texts have in common, over the longer text."""
    counts = {EQUAL: 0, INSERT: 0, DELETE: 0}
    for op, text in pieces:
        counts[op] += len(text.split())
    longer = max(counts[EQUAL] + counts[INSERT], counts[EQUAL] + counts[DELETE], 1)
    return counts[EQUAL] / longer


def is_reworded(pieces: list[tuple[int, str]]) -> bool:
    """Too few words in common for a word diff to say anything: a paraphrase, where striking
    out the whole sentence would only look like a disagreement."""
    return shared_share(pieces) < REWORDED_BELOW


def diff_html(old: str, new: str) -> str:
    return pieces_html(word_diff(old, new))


def pieces_html(pieces: list[tuple[int, str]]) -> str:
    """The diff as Qt rich text: words only in `new` green, only in `old` struck out in red."""
    out = []
    for op, text in pieces:
        safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if op == INSERT:
            out.append(f'<span style="background-color:#c8f0c8">{safe}</span>')
        elif op == DELETE:
            out.append(f'<span style="background-color:#f8d0d0"><s>{safe}</s></span>')
        else:
            out.append(safe)
    return "".join(out)
