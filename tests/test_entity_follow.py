"""Following an entity across the panes (issue 14, part 3): one click in the Entities panel or
on a name in the text marks every mention in every pane, brings each pane to its first one,
next/previous walks across the panes, the bar says where the walk stands, Escape clears."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.core.view.model import EntityView
from app.gui.window.main_window import MainWindow
from tests.gui_support import database_copy, open_window


@pytest.fixture
def window(qtbot: QtBot, seeded_db_file: Path, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, database_copy(seeded_db_file, tmp_path), tmp_path / "reader.json")


def _most_followed(window: MainWindow) -> EntityView:
    """The entity with mentions in the most shown panes (then the most mentions)."""
    shown = [p.key for p in window.compare.panes]
    return max(
        window.comparison.entities,
        key=lambda e: (sum(1 for k in shown if e.mentions.get(k)),
                       sum(len(e.mentions.get(k, ())) for k in shown)),
    )  # fmt: skip


def _visible(window: MainWindow, key: str, start: int) -> bool:
    pane = window.compare.pane_for(key)
    first, last = pane.text.visible_range()
    return first <= start <= last


def test_following_from_the_panel_marks_and_shows_every_pane(window: MainWindow) -> None:
    entity = _most_followed(window)
    shown = [p.key for p in window.compare.panes]
    sources = [k for k in shown if entity.mentions.get(k)]
    assert len(sources) >= 3  # the seeds' most shared entity: a real walk across panes
    for pane in window.compare.panes:  # read to the end: every first mention out of view
        pane.text.verticalScrollBar().setValue(pane.text.verticalScrollBar().maximum())
    assert not any(_visible(window, k, entity.mentions[k][0][0]) for k in sources)
    window.entities.select(entity.key)
    total = sum(len(entity.mentions.get(k, ())) for k in shown)
    for pane in window.compare.panes:
        spans = entity.mentions.get(pane.key, ())
        assert len(pane.text.extraSelections()) == len(spans)
        if spans:  # each pane brought to its first mention
            assert _visible(window, pane.key, spans[0][0]), pane.key
    bar = window.compare.follow_bar
    assert bar.isVisible()
    assert bar.label.text().startswith(f"{entity.name} — 1 of {total}, in {len(sources)} sources")


def test_next_and_previous_mention_walk_across_the_panes(window: MainWindow) -> None:
    entity = _most_followed(window)
    window.entities.select(entity.key)
    walk = window.navigator.mentions()
    seen = [walk[window.navigator.mention_index]]
    for step in range(1, len(walk)):
        window.actions["next_mention"].trigger()
        current = walk[window.navigator.mention_index]
        seen.append(current)
        start = entity.mentions[current[0]][current[1]][0]
        assert _visible(window, current[0], start)
        assert f" {step + 1} of {len(walk)}," in window.compare.follow_bar.label.text()
    assert seen == walk  # every mention once, pane after pane
    assert len({key for key, _ in seen}) >= 3
    window.actions["next_mention"].trigger()  # past the last: back to the first
    assert window.navigator.mention_index == 0
    window.actions["previous_mention"].trigger()  # before the first: the last
    assert window.navigator.mention_index == len(walk) - 1


def test_clicking_a_name_in_the_text_follows_it(qtbot: QtBot, window: MainWindow) -> None:
    entity = _most_followed(window)
    pane = window.compare.panes[1]
    if not entity.mentions.get(pane.key):
        pane = next(p for p in window.compare.panes if entity.mentions.get(p.key))
    index = len(entity.mentions[pane.key]) - 1  # its last mention in that pane
    start, end = entity.mentions[pane.key][index]
    pane.text.scroll_to(start)
    qtbot.wait(50)
    point = pane.text.cursorRect(pane.text.cursor_at((start + end) // 2)).center()
    QTest.mouseClick(pane.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.navigator.entity is not None and window.navigator.entity.key == entity.key
    assert window.navigator.mentions()[window.navigator.mention_index] == (pane.key, index)
    assert window.compare.focus_group is None  # the name, not its whole statement
    assert window.entities.selected_keys() in ([entity.key], [])  # listed rows follow too
    assert _visible(window, pane.key, start)


def test_escape_stops_following(qtbot: QtBot, window: MainWindow) -> None:
    entity = _most_followed(window)
    window.entities.select(entity.key)
    assert any(p.text.extraSelections() for p in window.compare.panes)
    window.compare.panes[0].text.setFocus()
    QTest.keyClick(window.compare.panes[0].text, Qt.Key.Key_Escape)
    assert window.navigator.entity is None
    assert not any(p.text.extraSelections() for p in window.compare.panes)
    assert not window.compare.follow_bar.isVisible()
    assert window.entities.selected_keys() == []
    assert not window.actions["stop_following"].isEnabled()  # Escape is free again


def test_a_source_that_never_names_it_is_said(window: MainWindow) -> None:
    shown = [p.key for p in window.compare.panes]
    entity = next(
        (e for e in window.comparison.entities
         if 2 <= sum(1 for k in shown if e.mentions.get(k)) < len(shown)),
        None,
    )  # fmt: skip
    assert entity is not None
    window.follow(entity)
    absent = [window.comparison.article(k).label for k in shown if not entity.mentions.get(k)]
    assert "· not in " + ", ".join(absent) in window.compare.follow_bar.label.text()
