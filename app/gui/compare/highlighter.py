"""Paints layered spans (statement tints, entities, differing words, annotations) into a text
document. Layers are merged in order, so a later layer wins where formats collide."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    format: QTextCharFormat


def background(colour: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colour))
    return fmt


def underline(colour: str, bold: bool = True) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(QColor(colour))
    fmt.setForeground(QColor(colour).darker(130))
    if bold:
        fmt.setFontWeight(700)
    return fmt


class LayeredHighlighter(QSyntaxHighlighter):
    """Spans are bucketed by block so each block only looks at what touches it."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._layers: dict[str, list[Span]] = {}
        self._order: list[str] = []
        self._by_block: dict[int, list[tuple[int, Span]]] = {}

    def set_layers(self, layers: Sequence[tuple[str, Sequence[Span]]]) -> None:
        """Replace every layer at once and repaint (one pass over the document)."""
        self._order = [name for name, _ in layers]
        self._layers = {name: list(spans) for name, spans in layers}
        self._index()
        self.rehighlight()

    def set_layer(self, name: str, spans: Sequence[Span]) -> None:
        if name not in self._order:
            self._order.append(name)
        self._layers[name] = list(spans)
        self._index()
        self.rehighlight()

    def layer(self, name: str) -> list[Span]:
        return self._layers.get(name, [])

    def _index(self) -> None:
        doc = self.document()
        buckets: dict[int, list[tuple[int, Span]]] = defaultdict(list)
        length = doc.characterCount()
        for rank, name in enumerate(self._order):
            for span in self._layers[name]:
                if span.end <= span.start or span.start >= length:
                    continue
                block = doc.findBlock(span.start)
                while block.isValid() and block.position() < span.end:
                    buckets[block.blockNumber()].append((rank, span))
                    block = block.next()
        self._by_block = dict(buckets)

    def format_at(self, offset: int) -> QTextCharFormat:
        """The merged format painted at a character (what a reader sees there)."""
        block = self.document().findBlock(offset)
        fmt = QTextCharFormat()
        for _, span in sorted(self._by_block.get(block.blockNumber(), []), key=lambda x: x[0]):
            if span.start <= offset < span.end:
                fmt.merge(span.format)
        return fmt

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        spans = self._by_block.get(block.blockNumber())
        if not spans:
            return
        base = block.position()
        spans = sorted(spans, key=lambda x: x[0])
        cuts = {0, len(text)}
        for _, span in spans:
            cuts.add(min(max(span.start - base, 0), len(text)))
            cuts.add(min(max(span.end - base, 0), len(text)))
        points = sorted(cuts)
        for left, right in pairwise(points):
            fmt: QTextCharFormat | None = None
            for _, span in spans:
                if span.start - base <= left and right <= span.end - base:
                    if fmt is None:
                        fmt = QTextCharFormat()
                    fmt.merge(span.format)
            if fmt is not None:
                self.setFormat(left, right - left, fmt)
