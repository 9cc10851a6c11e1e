"""Word-level differences between two renderings of the same quotation (diff-match-patch).

Words become one character each so diff-match-patch compares words, not letters; case and
punctuation are ignored ("The expulsion" = "the expulsion"). Only aligned quotations are
diffed, never whole articles (~1.5 ms a pair). An edit at the very start or end counts only
when both renderings are whole quotations (open with a capital, close in the statement):
quoting just part of a sentence is no variant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0.2


@dataclass(frozen=True, slots=True)
class QuotePart:
    """The piece of a quotation inside one statement (article offsets)."""

    statement: int
    start: int
    end: int
    opens: bool  # the quotation starts here (not in an earlier statement)
    closes: bool  # the quotation ends here


@dataclass(frozen=True, slots=True)
class WordSpan:
    start: int
    end: int
    key: str
    capital: bool


@dataclass(frozen=True, slots=True)
class Variant:
    """One point of variation: a span in each rendering (zero-width for an omission)."""

    left: tuple[int, int]
    right: tuple[int, int]
    left_words: tuple[int, int]  # word indexes in the left rendering, for merging readings


def words(text: str, offset: int) -> list[WordSpan]:
    return [
        WordSpan(
            offset + m.start(),
            offset + m.end(),
            m.group(0).lower().replace("’", "'"),
            m.group(0)[:1].isupper(),
        )
        for m in _WORD.finditer(text)
    ]


def shared_trigrams(left: list[WordSpan], right: list[WordSpan]) -> int:
    def grams(ws: list[WordSpan]) -> set[tuple[str, ...]]:
        return {tuple(w.key for w in ws[i : i + 3]) for i in range(len(ws) - 2)}

    return len(grams(left) & grams(right))


def variants(text_left: str, left: QuotePart, text_right: str, right: QuotePart) -> list[Variant]:
    """Points where the right rendering differs from the left one."""
    lw = words(text_left[left.start : left.end], left.start)
    rw = words(text_right[right.start : right.end], right.start)
    if not lw or not rw:
        return []
    codes: dict[str, str] = {}
    a = "".join(codes.setdefault(w.key, chr(0x100 + len(codes))) for w in lw)
    b = "".join(codes.setdefault(w.key, chr(0x100 + len(codes))) for w in rw)
    regions: list[tuple[int, int, int, int]] = []
    ia = ib = 0
    open_region: list[int] | None = None
    for op, chunk in _DMP.diff_main(a, b, False):
        if op == 0:
            if open_region:
                regions.append((open_region[0], ia, open_region[1], ib))
                open_region = None
            ia += len(chunk)
            ib += len(chunk)
            continue
        if open_region is None:
            open_region = [ia, ib]
        if op == -1:
            ia += len(chunk)
        else:
            ib += len(chunk)
    if open_region:
        regions.append((open_region[0], ia, open_region[1], ib))
    result = []
    for a0, a1, b0, b1 in regions:
        leading = a0 == 0 and b0 == 0
        trailing = a1 == len(lw) and b1 == len(rw)
        starts_both = left.opens and right.opens and lw[0].capital and rw[0].capital
        if leading and not (starts_both and a1 < len(lw) and b1 < len(rw)):
            continue
        if trailing and not (starts_both and left.closes and right.closes):
            continue
        result.append(Variant(_span(lw, a0, a1), _span(rw, b0, b1), (a0, a1)))
    return result


def _span(ws: list[WordSpan], first: int, stop: int) -> tuple[int, int]:
    if stop > first:
        return ws[first].start, ws[stop - 1].end
    at = ws[first - 1].end if first > 0 else ws[0].start
    return at, at
