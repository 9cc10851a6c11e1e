"""Linked scrolling: a pure mapping between two documents' heights through aligned statements,
and a re-entrancy guard so that a pane moved by the sync does not sync the others back."""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QObject

Anchor = tuple[float, float]  # (y in the source document, y in the target document)


def monotonic(anchors: Sequence[Anchor]) -> list[Anchor]:
    """Keep anchors in source order whose targets only go down the page: crossing alignments
    (a quote early in one article and late in another) would make the other pane jump back."""
    kept: list[Anchor] = []
    for src, dst in sorted(anchors):
        if not kept or (src > kept[-1][0] and dst > kept[-1][1]):
            kept.append((src, dst))
    return kept


def map_position(anchors: Sequence[Anchor], y: float) -> float:
    """Piecewise-linear map of a source y to the target through sorted, monotonic anchors."""
    if not anchors:
        return y
    sources = [a[0] for a in anchors]
    i = bisect_right(sources, y)
    if i == 0:
        return anchors[0][1] + (y - anchors[0][0])
    if i == len(anchors):
        return anchors[-1][1] + (y - anchors[-1][0])
    (s0, d0), (s1, d1) = anchors[i - 1], anchors[i]
    return d0 + (y - s0) * (d1 - d0) / (s1 - s0)


class ScrollLock:
    def __init__(self) -> None:
        self.held = False

    @contextmanager
    def hold(self) -> Iterator[None]:
        self.held = True
        try:
            yield
        finally:
            self.held = False


class ScrollSync(QObject):
    """Keeps every pane's middle line in step with the pane the user scrolls.

    `anchors(i, j)` gives the anchors from pane i to pane j (the compare view computes them
    from the alignment and caches them until the layout changes)."""

    def __init__(
        self,
        bars: Callable[[], Sequence],  # the panes' QScrollBars, in pane order
        viewports: Callable[[], Sequence[int]],  # the panes' viewport heights
        anchors: Callable[[int, int], Sequence[Anchor]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bars, self._viewports, self._anchors = bars, viewports, anchors
        self.lock = ScrollLock()
        self.enabled = True
        self.last_latency = 0.0  # seconds spent in the last sync (bench reads it)

    def sync_from(self, index: int) -> None:
        if self.lock.held or not self.enabled:
            return
        started = time.perf_counter()
        with self.lock.hold():
            bars, heights = self._bars(), self._viewports()
            middle = bars[index].value() + heights[index] / 2
            for j, bar in enumerate(bars):
                if j != index:
                    target = map_position(self._anchors(index, j), middle)
                    bar.setValue(round(target - heights[j] / 2))
        self.last_latency = time.perf_counter() - started
