"""Word-level differences between two renderings of the same quotation (diff-match-patch).

Words become one character each so diff-match-patch compares words, not letters; case and
punctuation are ignored ("The expulsion" = "the expulsion"). Only aligned quotations are
diffed, never whole articles (~1.5 ms a pair). An edit at the very start or end counts only
when both renderings are whole quotations (open with a capital, close in the statement), or
when a few words are swapped there for others: quoting just part of a sentence is no variant.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from app.core.compare.params import DEFAULT
from app.core.resources import load_json
from app.core.textdiff import token_diff

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


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


def words(text: str, offset: int) -> list[WordSpan]:
    """The words of a quotation, lower case, a written-out contraction read as the contraction
    ("will not" as "won't": one outlet's style, not another rendering)."""
    found = [
        WordSpan(
            offset + m.start(),
            offset + m.end(),
            m.group(0).lower().replace("’", "'"),
            m.group(0)[:1].isupper(),
        )
        for m in _WORD.finditer(text)
    ]
    negations, others = _contraction_passes()
    return _contract(_contract(found, negations), others)


def _contract(found: list[WordSpan], table: dict[str, str]) -> list[WordSpan]:
    result: list[WordSpan] = []
    for word in found:
        if result and (short := table.get(f"{result[-1].key} {word.key}")) is not None:
            first = result.pop()
            word = WordSpan(first.start, word.end, short, first.capital)
        elif word.key in table:  # "cannot"
            word = WordSpan(word.start, word.end, table[word.key], word.capital)
        result.append(word)
    return result


@cache
def contractions() -> dict[str, str]:
    """Written-out forms → their contraction (resources/lexicon/quotes.json)."""
    table = load_json("lexicon/quotes.json")["contractions"]
    return {str(k): str(v) for k, v in table.items()}


@cache
def _contraction_passes() -> tuple[dict[str, str], dict[str, str]]:
    """The contractions in the order they are read, built once: negations first ("we will
    not" is "we won't", not "we'll not"), then the rest."""
    table = contractions()
    negations = {k: v for k, v in table.items() if k.endswith(" not") or " " not in k}
    return negations, {k: v for k, v in table.items() if k not in negations}


def _trigrams(ws: list[WordSpan]) -> frozenset[tuple[str, ...]]:
    return _key_trigrams(tuple(w.key for w in ws))


@lru_cache(maxsize=4096)
def _key_trigrams(keys: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """Remembered: a group's renderings are compared with each other many times over."""
    return frozenset(keys[i : i + 3] for i in range(len(keys) - 2))


def shared_trigrams(left: list[WordSpan], right: list[WordSpan]) -> int:
    return len(_trigrams(left) & _trigrams(right))


def same_quotation(left: list[WordSpan], right: list[WordSpan]) -> float:
    """How much of the shorter rendering the longer one contains (word trigrams, 0..1): two
    statements can share a phrase ("a more constructive dialogue with the EU") and still
    quote different sentences."""
    a, b = _trigrams(left), _trigrams(right)
    return len(a & b) / max(1, min(len(a), len(b)))


def common_words(left: list[WordSpan], right: list[WordSpan]) -> float:
    """Share of the shorter rendering's words the longer one has in the same order (0..1):
    one quotation with a phrase swapped ("pushed to breaking point" / "pushed to the brink")
    keeps most of its words in order though it loses many trigrams."""
    equal = sum(len(text) for op, text in _diff(left, right) if op == 0)
    return equal / max(1, min(len(left), len(right)))


@dataclass(frozen=True, slots=True)
class Rendering:
    part: QuotePart
    words: list[WordSpan]


def whole(r: Rendering) -> bool:
    """The rendering quotes its quotation from start to end."""
    return r.part.opens and r.part.closes


class RenderingIndex:
    """A group's renderings, found by what they share instead of read one by one.

    Renderings of one statement with the same words, whole or not, are one class: every test
    of two renderings gives them one answer, and the earliest unused one stands for them. A
    class is found by its word trigrams, and a whole one also by the words a reworded
    rendering of it must share (at least `reworded_share` of its words, in order): with k of
    its L words needed, any L - k + 1 of them hold one, so it is filed under its L - k + 1
    rarest (a word's second use counted apart from its first)."""

    def __init__(self, renderings: list[Rendering], reworded_share: float) -> None:
        self.renderings = renderings
        self.used = [False] * len(renderings)
        keyed: dict[tuple[int, bool, tuple[str, ...]], int] = {}
        self.members: list[list[int]] = []
        self.same_part: dict[QuotePart, list[int]] = defaultdict(list)
        for i, r in enumerate(renderings):
            key = (r.part.statement, whole(r), tuple(w.key for w in r.words))
            c = keyed.setdefault(key, len(self.members))
            if c == len(self.members):
                self.members.append([])
            self.members[c].append(i)
            self.same_part[r.part].append(i)
        self._heads = [0] * len(self.members)
        self._by_trigram: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for c, m in enumerate(self.members):
            for trigram in _trigrams(renderings[m[0]].words):
                self._by_trigram[trigram].append(c)
        self._share = reworded_share
        self._whole = [c for c, m in enumerate(self.members) if whole(renderings[m[0]])]
        uses = {c: _uses(renderings[self.members[c][0]].words) for c in self._whole}
        often = Counter(u for us in uses.values() for u in us)
        self._by_word: dict[tuple[str, int], list[int]] = defaultdict(list)
        for c, us in uses.items():
            needed = _needed(len(us), reworded_share)
            if needed is None:
                continue
            for u in sorted(us, key=lambda u: (often[u], u))[: len(us) - needed + 1]:
                self._by_word[u].append(c)

    def head(self, c: int) -> int | None:
        """The earliest unused rendering of class c."""
        members, k = self.members[c], self._heads[c]
        while k < len(members) and self.used[members[k]]:
            k += 1
        self._heads[c] = k
        return members[k] if k < len(members) else None

    def sharing_trigram(self, r: Rendering) -> set[int]:
        return {c for trigram in _trigrams(r.words) for c in self._by_trigram.get(trigram, ())}

    def maybe_reworded(self, r: Rendering) -> set[int]:
        """Whole classes that can have the share of their words in `r` a reworded rendering
        has, when `r` is at least as long."""
        if self._share <= 0:
            return set(self._whole)
        return {c for u in _uses(r.words) for c in self._by_word.get(u, ())}

    def every(self) -> range:
        return range(len(self.members))


def _uses(ws: list[WordSpan]) -> set[tuple[str, int]]:
    """Each word with its number of earlier uses: two sets share as many as the two lists
    share words, counted with repeats."""
    seen: Counter[str] = Counter()
    found = set()
    for w in ws:
        found.add((w.key, seen[w.key]))
        seen[w.key] += 1
    return found


def _needed(length: int, share: float) -> int | None:
    """The fewest of `length` words that make `share` of them, as common_words divides; None
    if none do."""
    return next((k for k in range(length + 1) if k / max(1, length) >= share), None)


def renderings_alive(index: RenderingIndex, classes: Iterable[int]) -> Iterable[Rendering]:
    """The earliest unused rendering of each of the classes that has one."""
    for c in classes:
        h = index.head(c)
        if h is not None:
            yield index.renderings[h]


def _diff(ref: list[WordSpan], other: list[WordSpan]) -> list[tuple[int, list[str]]]:
    return token_diff([w.key for w in ref], [w.key for w in other], timeout=0.2)


def _initials(a: list[WordSpan], b: list[WordSpan]) -> bool:
    """One side is the other's initials ("EU" / "European Union"): one name, not a rewording."""
    for short, long in ((a, b), (b, a)):
        if len(short) == 1 and len(long) >= 2 and short[0].key == "".join(w.key[:1] for w in long):
            return True
    return False


def _compare(ref: Rendering, other: Rendering, swap: int
             ) -> tuple[dict[int, int], list[tuple[int, int]]]:  # fmt: skip
    """Matched word pairs (reference index → other index) and the reference ranges where the
    other rendering differs, edits at the edges left out unless both renderings are whole
    sentences, or a few words are swapped at an edge both quote up to."""
    matched: dict[int, int] = {}
    regions: list[tuple[int, int, int, int]] = []
    ia = ib = 0
    region: list[int] | None = None
    for op, chunk in _diff(ref.words, other.words):
        if op == 0:
            if region is not None:
                regions.append((region[0], ia, region[1], ib))
                region = None
            for k in range(len(chunk)):
                matched[ia + k] = ib + k
            ia += len(chunk)
            ib += len(chunk)
            continue
        if region is None:
            region = [ia, ib]
        if op == -1:
            ia += len(chunk)
        else:
            ib += len(chunk)
    if region is not None:
        regions.append((region[0], ia, region[1], ib))
    sentences = (ref.part.opens and other.part.opens and ref.words[0].capital
             and other.words[0].capital)  # fmt: skip
    kept = []
    for a0, a1, b0, b1 in regions:
        # a few words swapped for others at an edge both renderings quote up to ("news for
        # British manufacturing" / "news for British industry", the quotation closing after
        # each) is a rewording; words one leaves out there are partial quoting
        swapped = (0 < a1 - a0 <= swap and 0 < b1 - b0 <= swap
                   and not _initials(ref.words[a0:a1], other.words[b0:b1]))  # fmt: skip
        opening = swapped and ref.part.opens and other.part.opens
        inner = a1 < len(ref.words) and b1 < len(other.words)
        if a0 == 0 and b0 == 0 and not (inner and (sentences or opening)):
            continue
        closing = (sentences or swapped) and ref.part.closes and other.part.closes
        if a1 == len(ref.words) and b1 == len(other.words) and not closing:
            continue
        kept.append((a0, a1))
    return matched, kept


def collate(ref: Rendering, others: list[Rendering], swap: int = DEFAULT.quote_edge_swap
            ) -> list[list[tuple[int, tuple[int, int]]]]:  # fmt: skip
    """Points of variation among renderings of one quotation, each a list of (statement,
    span) for the reference and every rendering that covers the point (zero-width span for
    an omission). Ranges that overlap between renderings are merged into one point."""
    compared = [(other, *_compare(ref, other, swap)) for other in others]
    ranges = sorted(r for _, _, kept in compared for r in kept)
    merged: list[list[int]] = []
    for a0, a1 in ranges:
        if merged and a0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], a1)
        else:
            merged.append([a0, a1])
    points = []
    for r0, r1 in merged:
        entries = [(ref.part.statement, _span(ref.words, r0, r1))]
        for other, matched, _ in compared:
            before = [matched[i] for i in range(r0) if i in matched]
            after = [matched[i] for i in range(r1, len(ref.words)) if i in matched]
            if (not before and r0 > 0) or (not after and r1 < len(ref.words)):
                continue  # this rendering does not quote that far
            first = before[-1] + 1 if before else 0
            stop = after[0] if after else len(other.words)
            entries.append((other.part.statement, _span(other.words, first, stop)))
        if len(entries) > 1:
            points.append(entries)
    return points


def _span(ws: list[WordSpan], first: int, stop: int) -> tuple[int, int]:
    if stop > first:
        return ws[first].start, ws[stop - 1].end
    at = ws[first - 1].end if first > 0 else ws[0].start
    return at, at
