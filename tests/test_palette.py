"""One palette (app.core.palette) for the reader and the PDF; entity colours chosen by
perceptual distance (CIEDE2000), with an underline style once colours would run together."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from gui_support import database_copy
from PySide6.QtGui import QColor, QTextCharFormat

from app.core.demo import DEMO_COLLECTION
from app.core.export.annotations import anchor_annotations
from app.core.export.document import Run
from app.core.export.inline import paragraph
from app.core.palette import (
    DIFFERENCE_INK,
    delta_e,
    delta_e_lab,
    difference_ink,
    entity_look,
    entity_palette,
    lab,
)
from app.core.store.db import open_db
from app.core.view.load import load_comparison
from app.gui.compare.colours import difference_colour as gui_difference_colour
from app.gui.compare.colours import entity_colours, entity_underlines
from app.gui.compare.highlighter import underline
from app.pdf.style import _run_format
from app.pdf.style import difference_colour as pdf_background

# Below this CIEDE2000 distance two light swatches are "the same colour, slightly different"
# (ΔE 2-10 is the range usually described as perceptible at a glance but not a different colour);
# the old palette's 25 first colours came as close as 5.1 (#aec7e8 vs #c4d2f3), its greens
# #98df8a and #74c476 7.3; every pair of the new palette (30 colours) is 10.07 or more apart.
DISTINCT = 10.0


@pytest.mark.parametrize(
    ("one", "two", "expected"),
    [  # Sharma, Wu & Dalal (2005), Table 1: pairs 1, 7, 17 and 25
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_the_published_test_pairs(
    one: tuple[float, float, float], two: tuple[float, float, float], expected: float
) -> None:
    assert delta_e_lab(one, two) == pytest.approx(expected, abs=1e-4)


def test_lab_of_white_and_black() -> None:
    assert lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=0.01)


@pytest.mark.parametrize("kind", sorted(DIFFERENCE_INK))
def test_reader_and_pdf_use_the_same_colour_for_each_kind(kind: str) -> None:
    ink = QColor(difference_ink(kind))
    reader = underline(gui_difference_colour(kind))  # what the reader's difference layer paints
    printed = _run_format(Run("x", difference=kind), 10, "DejaVu Sans", False, False, QColor())
    assert reader.underlineColor() == ink
    assert printed.underlineColor() == ink
    assert printed.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    # the printed background is that ink lightened: same hue, light enough under black text
    background = printed.background().color()
    assert background == pdf_background(kind)
    turn = abs(background.hslHue() - ink.hslHue())
    assert min(turn, 360 - turn) <= 3
    assert background.lightness() > 180


def test_kinds_are_told_apart() -> None:
    inks = list(DIFFERENCE_INK.values())
    assert min(delta_e(a, b) for a, b in itertools.combinations(inks, 2)) > DISTINCT


def test_the_pdf_prints_the_users_highlight_colour() -> None:
    text = "Russia expelled three EU diplomats on Monday."
    annotation = {
        "target": {
            "source": "a1",
            "styleClass": "hl-9ad0f5",
            "selector": [{"type": "TextPositionSelector", "start": 0, "end": 6}],
        },
        "body": [],
    }
    anchored = anchor_annotations([annotation], [{"id": "a1", "text": text}])
    assert anchored[0].colour == "#9ad0f5"
    runs = [r for r in paragraph(text, 0, len(text), annotations=anchored).inlines
            if isinstance(r, Run)]  # fmt: skip
    assert runs[0].text == "Russia" and runs[0].note_colour == "#9ad0f5"
    printed = _run_format(runs[0], 10, "DejaVu Sans", False, False, QColor())
    assert printed.background().color() == QColor("#9ad0f5")


def test_the_palette_stays_distinct_then_adds_underlines() -> None:
    palette = entity_palette()
    assert len(palette) >= 25
    assert min(delta_e(a, b) for a, b in itertools.combinations(palette, 2)) > DISTINCT
    repeated = entity_look(len(palette))
    assert repeated.colour == palette[0] and repeated.underline != entity_look(0).underline
    for colour in palette:  # backgrounds under black text: WCAG AAA contrast needs L* ≳ 62
        assert lab(colour)[0] > 62


def test_the_25_most_frequent_seed_entities_are_far_apart(
    seeded_db_file: Path, tmp_path: Path
) -> None:
    db = open_db(database_copy(seeded_db_file, tmp_path, aligned=True))
    comparison = load_comparison(db, DEMO_COLLECTION)
    keys = [a.key for a in comparison.articles]
    colours = entity_colours(comparison.entities, keys)
    top = list(colours)[:25]  # entity_colours ranks them: most shared, then most mentioned
    assert len(top) == 25
    worst = min(delta_e(colours[a], colours[b]) for a, b in itertools.combinations(top, 2))
    assert worst > DISTINCT, worst
    underlines = entity_underlines(colours)
    assert all(underlines[k] == QTextCharFormat.UnderlineStyle.NoUnderline for k in top)
