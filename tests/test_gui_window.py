"""The reader, driven as a user would: real window (offscreen), real seeded database."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gui_support import choose, open_window
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from app.core.demo import DEMO_COLLECTION
from app.core.store.db import open_db
from app.gui.main_window import MainWindow
from app.gui.shots.sample_alignment import add_sample_alignment


@pytest.fixture
def db_path(seeded_db_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "seeds.db"
    shutil.copy(seeded_db_file, copy)
    return copy


@pytest.fixture
def aligned_db_path(db_path: Path) -> Path:
    db = open_db(db_path)
    assert add_sample_alignment(db, DEMO_COLLECTION, replace=True) == 3
    db.conn.close()
    return db_path


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "reader.json"


def test_chosen_panes_show_the_articles(qtbot: QtBot, db_path: Path, settings_path: Path) -> None:
    window = open_window(qtbot, db_path, settings_path)
    assert len(window.compare.panes) == 5
    ids = window.library.chosen_ids()[1:3]
    choose(qtbot, window, ids)
    panes = window.compare.panes
    assert [p.article.db_id for p in panes] == ids
    db = open_db(db_path)
    for pane, article_id in zip(panes, ids, strict=True):
        text, title = db.execute("SELECT text, title FROM articles WHERE id = ?",
                                 [article_id]).fetchone()  # fmt: skip
        assert pane.text.toPlainText() == text
        if title:
            assert title[:20] in pane.header.text()


def _entity_with_mention(window: MainWindow, text: str):
    return next(
        e
        for e in window.comparison.entities
        for key, spans in e.mentions.items()
        for s, t in spans
        if window.comparison.article(key).text[s:t].removeprefix("the ") == text
    )


@pytest.mark.parametrize("name", ["Navalny", "Borrell"])
def test_a_shared_entity_has_one_colour_in_every_pane(
    qtbot: QtBot, db_path: Path, settings_path: Path, name: str
) -> None:
    window = open_window(qtbot, db_path, settings_path)
    entity = _entity_with_mention(window, name)  # whatever entity linking grouped it into
    shown = {p.key for p in window.compare.panes}
    assert len(entity.articles & shown) >= 2
    painted = {
        window.entity_colour(key, start)
        for key, spans in entity.mentions.items()
        if key in shown
        for start, _ in spans
    }
    assert painted == {window.colours[entity.key]}


def test_council_of_europe_is_not_painted_like_the_european_council(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, db_path, settings_path)
    window.set_shared_only(False)  # each may occur in one article only: show every entity
    coe = _entity_with_mention(window, "Council of Europe")
    ec = _entity_with_mention(window, "European Council")
    assert coe.key != ec.key
    (coe_article, coe_spans), *_ = coe.mentions.items()
    (ec_article, ec_spans), *_ = ec.mentions.items()
    coe_colour = window.entity_colour(coe_article, coe_spans[0][0] + 3)
    ec_colour = window.entity_colour(ec_article, ec_spans[0][0] + 3)
    assert coe_colour and ec_colour and coe_colour != ec_colour


def _visible(pane, start: int) -> bool:
    first, last = pane.text.visible_range()
    return first <= start <= last


def test_clicking_a_divergent_statement_scrolls_the_others_to_its_counterparts(
    qtbot: QtBot, aligned_db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, aligned_db_path, settings_path)
    comparison = window.comparison
    clicked = next(s for s in comparison.statements.values()
                   if s.state == "divergent" and "expelled three EU" in s.text)  # fmt: skip
    counterparts = comparison.counterparts(clicked.key)
    assert len(counterparts) == 2
    source = window.compare.pane_for(clicked.article)
    source.text.scroll_to(clicked.start, 0.5)
    with window.compare.sync.lock.hold():  # put the other panes far away first
        for pane in window.compare.panes:
            if pane is not source:
                pane.text.verticalScrollBar().setValue(0)
    for other in counterparts:
        assert not _visible(window.compare.pane_for(other.article), other.start)
    rect = source.text.cursorRect(source.text.cursor_at(clicked.start + 5))
    qtbot.mouseClick(source.text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    for other in counterparts:
        assert _visible(window.compare.pane_for(other.article), other.start)
    assert "several" in window.compare.detail.text()
    assert window.compare.focus_group == clicked.group
    handle = window.compare.splitter.handle(2)  # between a2 and a3: the group links them
    handle.repaint()
    assert handle.drawn >= 1


def test_next_difference_walks_every_difference(
    qtbot: QtBot, aligned_db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, aligned_db_path, settings_path)
    expected = [d.key for d in window.navigator.walkable_differences()]
    assert len(expected) == 3
    seen = []
    for _ in expected:
        window.actions["next_difference"].trigger()
        current = window.navigator.walkable_differences()[window.navigator.difference_index]
        seen.append(current.key)
        for span in current.spans():
            assert _visible(window.compare.pane_for(span.article), span.start), span
    assert sorted(seen) == sorted(expected)
    window.actions["next_difference"].trigger()  # wraps round
    assert window.navigator.difference_index == 0
    window.actions["previous_difference"].trigger()
    assert window.navigator.difference_index == len(expected) - 1
    # Marked not relevant: skipped from then on.
    window.differences.set_relevant(expected[0], False)
    assert expected[0] not in [d.key for d in window.navigator.walkable_differences()]


def _select(window: MainWindow, article_index: int, words: str) -> tuple[int, int]:
    pane = window.compare.panes[article_index]
    start = pane.article.text.index(words)
    cursor = pane.text.cursor_at(start)
    cursor.setPosition(start + len(words), cursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(cursor)
    pane.text.setFocus()
    return start, start + len(words)


def _painted_notes(window: MainWindow, article_index: int) -> list[tuple[int, int]]:
    pane = window.compare.panes[article_index]
    return [(s.start, s.end) for s in pane.highlighter.layer("notes")]


WORDS = "learned of the expulsions on social media"


def test_annotation_undo_and_redo(qtbot: QtBot, db_path: Path, settings_path: Path) -> None:
    window = open_window(qtbot, db_path, settings_path)
    span = _select(window, 0, WORDS)
    window.actions["highlight"].trigger()
    assert _painted_notes(window, 0) == [span]
    assert window.annotations.model.rowCount() == 1
    window.actions["undo"].trigger()
    assert _painted_notes(window, 0) == [] and window.annotations.model.rowCount() == 0
    assert open_db(db_path).execute("SELECT count(*) FROM annotations").fetchone()[0] == 0
    window.actions["redo"].trigger()
    assert _painted_notes(window, 0) == [span]


def test_annotation_survives_restart_and_edited_reimport(
    qtbot: QtBot, db_path: Path, settings_path: Path, tmp_path: Path, nlp: object
) -> None:
    from app.core.analysis import analyse_collection
    from app.core.ingest.importer import import_paths
    from app.core.store import collections

    window = open_window(qtbot, db_path, settings_path)
    window.annotator.ask = False
    _select(window, 0, WORDS)
    created = window.annotator.highlight(note="how did he learn?", tags=("media",))
    assert created is not None and created.note == "how did he learn?"
    path = window.compare.panes[0].article.path
    window.close()

    window = open_window(qtbot, db_path, settings_path)  # restart
    ((start, end),) = _painted_notes(window, 0)
    assert window.compare.panes[0].article.text[start:end] == WORDS
    window.close()

    # The article's file is edited and imported again (as the import wizard does).
    edited = tmp_path / Path(path).name
    text = Path(path).read_text(encoding="utf-8")
    text = text.replace("Meanwhile,", "Meanwhile, as we now add,")
    edited.write_text(text.replace("Brussels on Monday", "On Monday Brussels"), encoding="utf-8")
    db = open_db(db_path)
    db.execute("UPDATE articles SET path = ? WHERE path = ?", [str(edited), path])
    db.execute("UPDATE annotations SET article_path = ?", [str(edited)])
    import_paths(db, [edited], DEMO_COLLECTION, nlp=nlp, n_process=1)
    analyse_collection(db, collections.find(db, DEMO_COLLECTION).id)
    newest = db.execute("SELECT max(id) FROM articles").fetchone()[0]
    db.conn.close()

    window = open_window(qtbot, db_path, settings_path)
    choose(qtbot, window, [newest, *window.library.chosen_ids()[1:2]])
    pane = window.compare.pane_for(f"a{newest}")
    assert pane is not None
    ((start, end),) = [(s.start, s.end) for s in pane.highlighter.layer("notes")]
    assert pane.article.text[start:end] == WORDS
    assert "Meanwhile, as we now add" in pane.article.text


def test_window_state_and_choice_persist(qtbot: QtBot, db_path: Path, settings_path: Path) -> None:
    window = open_window(qtbot, db_path, settings_path)
    ids = window.library.chosen_ids()[:3]
    choose(qtbot, window, ids)
    window.compare.splitter.setSizes([500, 300, 200])
    sizes = window.compare.splitter.sizes()
    window.close()
    window = open_window(qtbot, db_path, settings_path)
    assert window.library.chosen_ids() == ids
    assert [p.article.db_id for p in window.compare.panes] == ids
    assert window.compare.splitter.sizes() == sizes


def test_synopsis_rows_and_filters(
    qtbot: QtBot, aligned_db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, aligned_db_path, settings_path)
    synopsis = window.synopsis
    unique = len(window.comparison.unique_statements())
    assert synopsis.model.rowCount() == 3 + unique
    synopsis.set_filter("divergent")
    assert synopsis.proxy.rowCount() == 2
    synopsis.set_filter("only_in", 4)  # EU Today (seed 004)
    rows = [synopsis.model.row_at(synopsis.proxy.mapToSource(synopsis.proxy.index(r, 0)).row())
            for r in range(synopsis.proxy.rowCount())]  # fmt: skip
    assert rows and all(r.cells[4] is not None and sum(c is not None for c in r.cells) == 1
                        for r in rows)  # fmt: skip
    synopsis.set_filter("missing_from", 4)
    every = [synopsis.model.row_at(r) for r in range(synopsis.model.rowCount())]
    assert synopsis.proxy.rowCount() == sum(r.cells[4] is None for r in every)
    # The divergent words are marked in the number colour.
    from app.gui.colours import difference_colour
    from app.gui.synopsis_model import HTML_ROLE

    expelled = next(i for i, r in enumerate(every) if r.cells[2] and "several" in r.cells[2].text)
    html = synopsis.model.index(expelled, 2).data(HTML_ROLE)
    assert f"color:{difference_colour('number')}" in html and ">several</span>" in html


def test_entity_click_steps_through_mentions(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, db_path, settings_path)
    entity = _entity_with_mention(window, "Navalny")
    window.entities.select(entity.key)
    first = window.navigator.mentions()[window.navigator.mention_index]
    window.actions["next_mention"].trigger()
    second = window.navigator.mentions()[window.navigator.mention_index]
    assert first != second
    pane = window.compare.pane_for(second[0])
    start = entity.mentions[second[0]][second[1]][0]
    assert _visible(pane, start)


def test_no_display_gives_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "app", "gui", "--db", str(tmp_path / "x.db")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "parallax compare" in lines[0]


def test_reloading_keeps_none_alive(qtbot: QtBot, db_path: Path, settings_path: Path) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call; after a few
    reloads the interpreter aborts. pyproject pins below it; this catches a regression."""
    window = open_window(qtbot, db_path, settings_path)
    ids = window.library.chosen_ids()
    # Earlier tests' windows (deferred deletes) and cyclic garbage, freed mid-loop, would lower
    # the count too: let them go first, and keep the collector out of the measured loop.
    choose(qtbot, window, ids[:2])
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    gc.disable()
    before = sys.getrefcount(None)
    try:
        for chosen in (ids, ids[:3], ids, ids[:2]):
            choose(qtbot, window, chosen)
    finally:
        gc.enable()
    assert sys.getrefcount(None) >= before - 50


def test_hover_tells_notes_and_differences(
    qtbot: QtBot, aligned_db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, aligned_db_path, settings_path)
    window.annotator.ask = False
    statement = next(s for s in window.comparison.statements.values()
                     if "expelled three EU" in s.text)  # fmt: skip
    pane = window.compare.pane_for(statement.article)
    cursor = pane.text.cursor_at(statement.start)
    cursor.setPosition(statement.start + 10, cursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(cursor)
    pane.text.setFocus()
    window.annotator.highlight(note="check the count", tags=("numbers",))
    tip = pane.text.tooltip_for(statement.start + 2)
    assert "check the count" in tip and "numbers" in tip
    assert "divergent" in tip and "three vs several" in tip


def test_library_search_filters_articles(qtbot: QtBot, db_path: Path, settings_path: Path) -> None:
    window = open_window(qtbot, db_path, settings_path)
    items = window.library._article_items()
    window.library.search.setText("Sputnik")
    shown = [i for i in items if not i.isHidden()]
    assert 1 <= len(shown) < len(items)
    window.library.search.setText("")
    assert not any(i.isHidden() for i in items)


def test_previous_difference_from_nowhere_goes_to_the_last(
    qtbot: QtBot, aligned_db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, aligned_db_path, settings_path)
    window.actions["previous_difference"].trigger()
    assert window.navigator.difference_index == len(window.navigator.walkable_differences()) - 1


def test_shortcuts_work_from_a_pane(
    qtbot: QtBot, aligned_db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, aligned_db_path, settings_path)
    window.activateWindow()
    span = _select(window, 0, WORDS)
    text = window.compare.panes[0].text
    qtbot.keyClick(text, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert _painted_notes(window, 0) == [span]
    qtbot.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _painted_notes(window, 0) == []
    qtbot.keyClick(text, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.navigator.difference_index == 0
