"""Colours: one per entity (distinct entities never share one), one per difference type."""

from __future__ import annotations

import colorsys
from collections.abc import Iterable, Sequence

from app.gui.comparison_data import EntityView

# Light backgrounds under black text, picked to stay apart from each other (and from the
# statement tints and annotation yellow); the most widely shared entities get these first.
PALETTE = (
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d",
    "#9edae5", "#6baed6", "#74c476", "#9e9ac8", "#d9d9d9", "#e7ba52", "#fd8d3c", "#e377c2",
)  # fmt: skip

DIFFERENCE_COLOURS = {
    "number": "#d62728",
    "date": "#9467bd",
    "entity": "#1f77b4",
    "quote": "#2ca02c",
    "attribution": "#ff7f0e",
    "wording": "#8c564b",
}
STATE_TINTS = {"divergent": "#fff1dc", "unique": "#f0f4fa", "shared": "#eef8ee"}
LINK_COLOURS = {"shared": "#7fbf7f", "divergent": "#f0a040"}
ANNOTATION_COLOURS = ("#ffe066", "#a3e4a0", "#9ad0f5", "#f7a8c8", "#ffb870")


def difference_colour(kind: str) -> str:
    return DIFFERENCE_COLOURS.get(kind, "#7f7f7f")


def _generated(index: int) -> str:
    """Beyond the palette: golden-angle hues at alternating lightness, always light."""
    hue = (index * 0.618033988749895) % 1.0
    lightness = (0.78, 0.86, 0.70)[index % 3]
    r, g, b = colorsys.hls_to_rgb(hue, lightness, 0.65)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def entity_colours(entities: Sequence[EntityView], shown: Iterable[str]) -> dict[str, str]:
    """A distinct colour for every entity, the most shared (across `shown` articles) first, so
    that colours stay the same whatever the type filters hide."""
    shown_set = set(shown)

    def rank(e: EntityView) -> tuple[int, int, str]:
        return (-len(e.articles & shown_set), -sum(len(s) for s in e.mentions.values()), e.key)

    colours: dict[str, str] = {}
    used: set[str] = set()
    generated = 0
    for i, entity in enumerate(sorted(entities, key=rank)):
        colour = PALETTE[i] if i < len(PALETTE) else ""
        while not colour or colour in used:
            colour = _generated(generated)
            generated += 1
        used.add(colour)
        colours[entity.key] = colour
    return colours


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
