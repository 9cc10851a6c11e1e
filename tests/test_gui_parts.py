"""The reader's pure parts: action table, scroll mapping, colours, word diff, settings."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.core.view.model import EntityView
from app.gui.compare.colours import PALETTE, entity_colours, entity_underlines
from app.gui.compare.scroll_sync import map_position, monotonic
from app.gui.compare.word_diff import DELETE, INSERT, word_diff
from app.gui.window.actions import ACTIONS
from app.gui.window.settings import Settings


def test_every_action_has_label_tooltip_and_unique_id_and_shortcut() -> None:
    ids = [a.id for a in ACTIONS]
    assert len(ids) == len(set(ids))
    for action in ACTIONS:
        assert action.label.strip() and action.tooltip.strip(), action.id
    shortcuts = [a.shortcut.lower().replace(" ", "") for a in ACTIONS if a.shortcut]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share a shortcut"


def test_shortcuts_parse_as_key_sequences(qapp: object) -> None:
    from PySide6.QtGui import QKeySequence

    for action in ACTIONS:
        if action.shortcut:
            assert not QKeySequence(action.shortcut).isEmpty(), action.id


def test_map_position_interpolates_between_anchors() -> None:
    anchors = [(0.0, 0.0), (100.0, 300.0), (200.0, 400.0)]
    assert map_position(anchors, 50) == 150
    assert map_position(anchors, 150) == 350
    assert map_position(anchors, 250) == 450  # past the last anchor: 1:1


@given(st.lists(st.tuples(st.floats(0, 1e4), st.floats(0, 1e4)), max_size=30),
       st.floats(0, 1e4), st.floats(0, 1e4))  # fmt: skip
def test_mapping_through_monotonic_anchors_never_goes_back(
    points: list[tuple[float, float]], y1: float, y2: float
) -> None:
    anchors = monotonic(points)
    low, high = sorted((y1, y2))
    assert map_position(anchors, low) <= map_position(anchors, high) + 1e-6


def _entity(key: str, name: str, articles: dict[str, int]) -> EntityView:
    return EntityView(key, name, "ORG", {a: ((0, 1),) * n for a, n in articles.items()})


def test_distinct_entities_get_distinct_colours_beyond_the_palette() -> None:
    entities = [_entity(f"e{i}", f"E{i}", {"a1": 1, "a2": 1}) for i in range(len(PALETTE) * 3)]
    colours = entity_colours(entities, ["a1", "a2"])
    underlines = entity_underlines(colours)
    looks = {(colours[e.key], underlines[e.key]) for e in entities}
    assert len(looks) == len(entities)  # colour, then underline style, tells every one apart


def test_most_shared_entities_take_the_palette_first() -> None:
    rare = _entity("e1", "Rare", {"a1": 5})
    common = _entity("e2", "Common", {"a1": 1, "a2": 1, "a3": 1})
    colours = entity_colours([rare, common], ["a1", "a2", "a3"])
    assert colours["e2"] == PALETTE[0]


def test_word_diff_marks_the_words_that_differ() -> None:
    diff = word_diff("Russia expelled three EU diplomats.", "Russia expelled several EU diplomats.")
    assert (DELETE, "three ") in diff and (INSERT, "several ") in diff


def test_settings_round_trip_and_bad_types_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    Settings(collection="C", chosen={"C": [1, 2]}, splitter_sizes=[3, 4], zoom=2).save(path)
    loaded = Settings.load(path)
    assert (loaded.collection, loaded.chosen, loaded.splitter_sizes, loaded.zoom) == (
        "C", {"C": [1, 2]}, [3, 4], 2,
    )  # fmt: skip
    path.write_text('{"zoom": "big", "collection": "D"}')
    assert Settings.load(path).zoom == 0 and Settings.load(path).collection == "D"


def test_a_statement_in_two_groups_has_the_counterparts_of_both() -> None:
    from app.core.view.document import from_document

    def statement(key: str, article: str, start: int) -> dict:
        return {"id": key, "article": article, "start": start, "end": start + 4, "role": "body",
                "text": "text"}  # fmt: skip

    difference = {"type": "number", "severity": "conflict", "detail": "3 vs 4",
                  "readings": [{"text": "3", "spans": [{"statement": "s1", "start": 0, "end": 1}]},
                               {"text": "4", "spans": [{"statement": "s3", "start": 10,
                                                        "end": 11}]}]}  # fmt: skip
    document = {
        "collection": {"id": "c1", "name": "x"},
        "articles": [{"id": a, "path": f"/{a}.txt", "text": "text " * 9} for a in ("a1", "a2")],
        "entities": [],
        "statements": [
            statement("s1", "a1", 0),
            statement("s2", "a2", 0),
            statement("s3", "a2", 10),
        ],
        "alignments": [
            {
                "id": "g1",
                "statements": ["s1", "s2"],
                "score": 1,
                "status": "shared",
                "differences": [],
            },
            {
                "id": "g2",
                "statements": ["s1", "s3"],
                "score": 1,
                "status": "divergent",
                "differences": [difference],
            },
        ],
    }
    comparison = from_document(document)
    s1 = comparison.statements["s1"]
    assert s1.groups == ("g1", "g2") and s1.group == "g2" and s1.state == "divergent"
    assert [c.key for c in comparison.counterparts("s1")] == ["s2", "s3"]
    assert [c.key for c in comparison.counterparts("s1", "g1")] == ["s2"]
