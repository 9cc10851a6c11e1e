"""The one palette of Parallax: the colours of the kinds of difference, statement states,
annotations and entities, shared by the reader (Qt) and the PDF export. Qt-free on purpose, so
both sides read the same hex strings and cannot drift apart again.

Entity colours are chosen by perceptual distance (CIEDE2000 in CIELAB), not by hue steps: light
greens and light blues that are far apart in RGB/HSL can be nearly the same to the eye.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

# Each kind of difference has one hue: the reader underlines differing words in INK, the PDF
# marks them on TINT (the same hue, light enough under black text) and underlines them in INK.
DIFFERENCE_INK = {
    "number": "#d62728",
    "date": "#9467bd",
    "entity": "#1f77b4",
    "quote": "#2ca02c",
    "attribution": "#ff7f0e",
    "wording": "#8c564b",
}
OTHER_INK = "#7f7f7f"
STATE_TINTS = {"divergent": "#fff1dc", "unique": "#f0f4fa", "shared": "#eef8ee"}
LINK_COLOURS = {"shared": "#7fbf7f", "divergent": "#f0a040"}
ANNOTATION_COLOURS = ("#ffe066", "#a3e4a0", "#9ad0f5", "#f7a8c8", "#ffb870")
DEFAULT_ANNOTATION_COLOUR = ANNOTATION_COLOURS[0]


def difference_ink(kind: str | None) -> str:
    return DIFFERENCE_INK.get(kind or "", OTHER_INK)


def difference_tint(kind: str | None, share: float = 0.30) -> str:
    """The kind's ink mixed with white: a background that keeps black text readable."""
    return mix(difference_ink(kind), "#ffffff", share)


def mix(colour: str, other: str, share: float) -> str:
    """`share` of `colour`, the rest of `other` (in sRGB; good enough for a light tint)."""
    a, b = hex_rgb(colour), hex_rgb(other)
    return rgb_hex(tuple(share * x + (1 - share) * y for x, y in zip(a, b, strict=True)))


def darker(colour: str, factor: float = 0.55) -> str:
    return rgb_hex(tuple(factor * x for x in hex_rgb(colour)))


# ---------------------------------------------------------------- colour science (sRGB, D65)


def hex_rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def rgb_hex(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65 white) of an sRGB hex colour."""
    r, g, b = (_linear(c) for c in hex_rgb(colour))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e(one: str, two: str) -> float:
    """CIEDE2000 difference of two hex colours. About 2.3 is just noticeable; side-by-side
    swatches read as 'different colours' from about 10 on."""
    return delta_e_lab(lab(one), lab(two))


def delta_e_lab(one: tuple[float, float, float], two: tuple[float, float, float]) -> float:
    """CIEDE2000 (Sharma, Wu & Dalal 2005, whose test pairs the tests check)."""
    l1, a1, b1 = one
    l2, a2, b2 = two
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dh_big = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (dl / s_l) ** 2 + (dc / s_c) ** 2 + (dh_big / s_h) ** 2 + r_t * (dc / s_c) * (dh_big / s_h)
    )


# ---------------------------------------------------------------- entity colours


@dataclass(frozen=True)
class EntityPaletteParams:
    """How entity backgrounds are picked. Lightness bounds keep black text readable (WCAG
    contrast ≥ 7:1 needs L* above about 62); the grid step sets how many candidates there are."""

    min_lightness: float = 66.0
    max_lightness: float = 93.0
    # Chroma (CIELAB) bounds: below the minimum a background reads as grey ("disabled"), above
    # the maximum it shouts louder than the difference underlines drawn over it.
    min_chroma: float = 18.0
    max_chroma: float = 55.0
    grid_levels: int = 16  # per sRGB channel
    # ΔE00 about 10 is where swatches stop being "perceptible at a glance" variants of one colour
    # and read as other colours; below it a new colour would be a near-twin of one taken, so
    # from then on colours repeat with a second channel (an underline style). With the bounds
    # above, 30 colours stay at least this far apart.
    distinct_delta_e: float = 10.0
    max_colours: int = 40


# The second channel for entities whose colour repeats one used before: none first, then these
# (dotted is the user's notes', solid the differing words', so neither is used here).
ENTITY_UNDERLINES = ("none", "dash", "wave", "dashdot")


@dataclass(frozen=True)
class EntityLook:
    colour: str
    underline: str = "none"  # one of ENTITY_UNDERLINES


def _candidates(params: EntityPaletteParams) -> list[str]:
    steps = [i / (params.grid_levels - 1) for i in range(params.grid_levels)]
    out = []
    for r in steps:
        for g in steps:
            for b in steps:
                colour = rgb_hex((r, g, b))
                lightness, a, bb = lab(colour)
                chroma = math.hypot(a, bb)
                if (
                    params.min_lightness <= lightness <= params.max_lightness
                    and params.min_chroma <= chroma <= params.max_chroma
                ):
                    out.append(colour)
    return out


@lru_cache(maxsize=4)
def entity_palette(params: EntityPaletteParams = EntityPaletteParams()) -> tuple[str, ...]:
    """Light colours chosen by greedy farthest-point selection: each next colour is the
    candidate farthest (CIEDE2000) from every colour already taken and from the colours the
    reader already uses for other things (statement tints, user highlights). Stops when the next
    one would be closer than `distinct_delta_e` to one already taken, so every pair of the set
    is at least that far apart."""
    reserved = [*STATE_TINTS.values(), *ANNOTATION_COLOURS, "#ffffff"]
    candidates = _candidates(params)
    nearest = [min(delta_e(c, r) for r in reserved) for c in candidates]
    chosen: list[str] = []
    while len(chosen) < params.max_colours:
        best = max(range(len(candidates)), key=lambda i: (nearest[i], candidates[i]))
        if chosen and nearest[best] < params.distinct_delta_e:
            break
        colour = candidates[best]
        chosen.append(colour)
        nearest = [min(d, delta_e(c, colour)) for c, d in zip(candidates, nearest, strict=True)]
    # Quietest first: the most frequent entities cover the most text, so they get the least
    # saturated colours (any subset of the set keeps its minimum distance).
    return tuple(sorted(chosen, key=lambda c: (math.hypot(*lab(c)[1:]), c)))


def entity_look(rank: int, params: EntityPaletteParams = EntityPaletteParams()) -> EntityLook:
    """The look of the entity at `rank` (0 = most widely shared): distinct colours first; once
    they run out, the colours again with the next underline style."""
    palette = entity_palette(params)
    cycle, index = divmod(rank, len(palette))
    return EntityLook(palette[index], ENTITY_UNDERLINES[cycle % len(ENTITY_UNDERLINES)])
