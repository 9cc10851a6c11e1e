"""When two statements of one article may stand in one group: they tell one fact over two
sentences, or one restates the other (a lede sums up what the body tells again)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class _Space(Protocol):
    def cosine(self, a: int, b: int) -> float: ...

    def evidence(self, a: int, b: int) -> int: ...


class _Params(Protocol):
    @property
    def min_evidence(self) -> int: ...

    @property
    def restated(self) -> float: ...


class Tellings:
    """The same-article rule of grouping, for one collection."""

    def __init__(
        self, space: _Space, article_of: dict[int, int], seq_of: dict[int, int], params: _Params
    ) -> None:
        self.space, self.seq_of, self.params = space, seq_of, params
        # An article's first body statement (its lede) sums up facts its body tells again.
        first: dict[int, int] = {}
        for sid, article in article_of.items():
            if article not in first or seq_of.get(sid, 0) < seq_of.get(first[article], 0):
                first[article] = sid
        self.ledes = set(first.values())

    def restates(self, x: int, y: int) -> bool:
        space, params = self.space, self.params
        if x in self.ledes or y in self.ledes:
            return space.evidence(x, y) >= params.min_evidence
        return space.cosine(x, y) >= params.restated and space.evidence(x, y) > params.min_evidence

    def told_on(self, x: int, y: int) -> bool:
        return abs(self.seq_of.get(x, -10) - self.seq_of.get(y, -10)) == 1 or self.restates(x, y)

    def one_report(self, left: Iterable[int], right: Iterable[int]) -> bool:
        """One article's statements on two sides tell one fact: every statement of one side
        runs on from (the next sentence) or restates a statement of the other."""
        left, right = list(left), list(right)
        return all(any(self.told_on(x, y) for x in left) for y in right) or all(
            any(self.told_on(x, y) for y in right) for x in left
        )
