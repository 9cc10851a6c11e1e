"""Word-level diff of two statements with diff-match-patch (words mapped to single characters,
the library's line-mode trick applied to words), capped for very long text."""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

MAX_CHARS = 4000  # beyond this the statement is shown without an inline diff
# Below this share of common words two statements are a paraphrase: "reworded", no diff.
REWORDED_BELOW = 0.4
_WORD = re.compile(r"\S+\s*|\s+")

EQUAL, INSERT, DELETE = 0, 1, -1


def word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """(op, text) pieces: 0 equal, -1 only in `old`, 1 only in `new`."""
    if len(old) > MAX_CHARS or len(new) > MAX_CHARS:
        return [(DELETE, old), (INSERT, new)]
    vocabulary: dict[str, str] = {}

    def encode(text: str) -> str:
        return "".join(
            vocabulary.setdefault(w, chr(0xE000 + len(vocabulary))) for w in _WORD.findall(text)
        )

    a, b = encode(old), encode(new)
    words = {c: w for w, c in vocabulary.items()}
    dmp = diff_match_patch()
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, "".join(words[c] for c in chunk)) for op, chunk in diffs]


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
