"""The reader's colours, all from the one palette (app.core.palette) the PDF export uses too:
one look per entity (colour, then an underline style once colours run out), one ink per kind
of difference."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import QTextCharFormat

from app.core.palette import (
    ANNOTATION_COLOURS,
    DIFFERENCE_INK,
    LINK_COLOURS,
    STATE_TINTS,
    difference_ink,
    entity_look,
    entity_palette,
)
from app.core.view.model import EntityView

__all__ = [
    "ANNOTATION_COLOURS",
    "DIFFERENCE_COLOURS",
    "LINK_COLOURS",
    "PALETTE",
    "STATE_TINTS",
    "difference_colour",
    "entity_colours",
    "entity_underlines",
    "legend_html",
]

PALETTE = entity_palette()
DIFFERENCE_COLOURS = DIFFERENCE_INK
UNDERLINE_STYLES = {
    "none": QTextCharFormat.UnderlineStyle.NoUnderline,
    "dash": QTextCharFormat.UnderlineStyle.DashUnderline,
    "wave": QTextCharFormat.UnderlineStyle.WaveUnderline,
    "dashdot": QTextCharFormat.UnderlineStyle.DashDotLine,
}


def difference_colour(kind: str) -> str:
    return difference_ink(kind)


def _ranked(entities: Sequence[EntityView], shown: Iterable[str]) -> list[EntityView]:
    shown_set = set(shown)

    def rank(e: EntityView) -> tuple[int, int, str]:
        return (-len(e.articles & shown_set), -sum(len(s) for s in e.mentions.values()), e.key)

    return sorted(entities, key=rank)


def entity_colours(entities: Sequence[EntityView], shown: Iterable[str]) -> dict[str, str]:
    """A colour for every entity, the most shared (across `shown` articles) first, so that
    colours stay the same whatever the type filters hide. The dict is in rank order: beyond the
    palette colours repeat, told apart by entity_underlines()."""
    return {e.key: entity_look(i).colour for i, e in enumerate(_ranked(entities, shown))}


def entity_underlines(colours: dict[str, str]) -> dict[str, QTextCharFormat.UnderlineStyle]:
    """The second channel of the entities whose colour repeats: the rank is the position in
    `colours` (as entity_colours() orders it)."""
    return {key: UNDERLINE_STYLES[entity_look(i).underline] for i, key in enumerate(colours)}


def legend_html() -> str:
    """One line naming what the colours mean: statement states and difference types."""
    states = " ".join(
        f'<span style="background-color:{tint}">&nbsp;{state}&nbsp;</span>'
        for state, tint in STATE_TINTS.items()
    )
    kinds = " ".join(
        f'<span style="color:{colour}"><b><u>{kind}</u></b></span>'
        for kind, colour in DIFFERENCE_COLOURS.items()
    )
    return f"Statements: {states} &nbsp;·&nbsp; Differing words: {kinds}"
