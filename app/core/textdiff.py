"""A diff of two sequences of words with diff-match-patch, which diffs characters: each distinct
word becomes one character (the library's line-mode trick, applied to words), so the character
diff is a word diff. One place for the trick: the quotation collation (compare/quotediff.py)
and the reader's word diff (gui/word_diff.py) both use it."""

from __future__ import annotations

from collections.abc import Sequence

from diff_match_patch import diff_match_patch

EQUAL, INSERT, DELETE = 0, 1, -1
_FIRST = 0x100  # past ASCII and Latin-1, which the library's own cleanup treats specially
_SURROGATES = range(0xD800, 0xE000)  # not characters: skipped


def _code(n: int) -> str:
    point = _FIRST + n
    return chr(point + len(_SURROGATES) if point >= _SURROGATES.start else point)


def token_diff(
    old: Sequence[str], new: Sequence[str], *, semantic: bool = False, timeout: float = 1.0
) -> list[tuple[int, list[str]]]:
    """(op, tokens) pieces: EQUAL in both, DELETE only in `old`, INSERT only in `new`.
    `semantic` merges trivial equalities into the edits around them (readable for people)."""
    codes: dict[str, str] = {}
    a = "".join(codes.setdefault(t, _code(len(codes))) for t in old)
    b = "".join(codes.setdefault(t, _code(len(codes))) for t in new)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs: list[tuple[int, str]] = dmp.diff_main(a, b, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    tokens = {c: t for t, c in codes.items()}
    return [(op, [tokens[c] for c in chunk]) for op, chunk in diffs]
