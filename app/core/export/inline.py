"""Cutting a stretch of article text into runs: difference highlights, annotated words and the
annotation marks that follow them."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.export.annotations import Anchored
from app.core.export.document import Inline, Mark, Paragraph, Run, Style


@dataclass(frozen=True)
class Highlight:
    """A difference reading's span, in article offsets."""

    start: int
    end: int
    type: str
    conflict: bool


def paragraph(
    text: str,
    start: int,
    end: int,
    highlights: Iterable[Highlight] = (),
    annotations: Iterable[Anchored] = (),
    style: Style = Style.BODY,
) -> Paragraph:
    """The article text [start, end) as a paragraph. Highlights and annotations outside the
    range are ignored, partly overlapping ones are clipped; a mark is placed only where its
    annotation ends inside the range, so an annotation over several paragraphs is marked once."""
    lights = [h for h in highlights if h.start < end and h.end > start and h.start < h.end]
    notes = [a for a in annotations if a.placed and a.start < end and a.end > start]
    cuts = {start, end}
    edges = [(h.start, h.end) for h in lights] + [(a.start, a.end) for a in notes]
    for edge in edges:
        cuts.update(x for x in edge if start < x < end)
    points = sorted(cuts)
    inlines: list[Inline] = []
    for left, right in itertools.pairwise(points):
        covering = [h for h in lights if h.start <= left and h.end >= right]
        covering.sort(key=lambda h: (not h.conflict, h.end - h.start))
        light = covering[0] if covering else None
        over = [a for a in notes if a.start <= left and a.end >= right]
        inner = min(over, key=lambda a: a.end - a.start) if over else None
        _append(
            inlines,
            Run(
                text[left:right],
                difference=light.type if light else None,
                conflict=bool(light and light.conflict),
                annotated=inner is not None,
                note_colour=inner.colour if inner else None,
            ),
        )
        inlines.extend(Mark(a.number) for a in notes if a.end == right)
    return Paragraph(_strip(inlines), style)


def _append(inlines: list[Inline], run: Run) -> None:
    """Merge with the previous run when they look the same, so renderers get few runs."""
    last = inlines[-1] if inlines else None
    look = (run.difference, run.conflict, run.annotated, run.note_colour)
    if (
        isinstance(last, Run)
        and (
            last.difference,
            last.conflict,
            last.annotated,
            last.note_colour,
        )
        == look
    ):
        inlines[-1] = Run(last.text + run.text, *look)
    else:
        inlines.append(run)


def _strip(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Line breaks inside a statement come from hard-wrapped sources: print them as spaces."""
    return tuple(
        Run(i.text.replace("\n", " "), i.difference, i.conflict, i.annotated, i.note_colour)
        if isinstance(i, Run) and "\n" in i.text
        else i
        for i in inlines
    )
