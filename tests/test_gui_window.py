"""The reader, driven as a user would: real window (offscreen), real seeded database."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gui_support import choose, open_window, select_words
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from app.core.demo import DEMO_COLLECTION
from app.core.store.db import open_db
from app.gui.window.main_window import MainWindow
from tests.fixtures.sample_alignment import add_sample_alignment


@pytest.fixture
def db_path(seeded_db_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "seeds.db"
    shutil.copy(seeded_db_file, copy)
    return copy


@pytest.fixture
def known_groups_db_path(db_path: Path) -> Path:
    """The aligner's groups replaced by three hand-made ones: for tests that check how known,
    specific differences are rendered (the real groups change as the aligner improves).
    Everything else runs on the real analysis of the seeds (`db_path`)."""
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


def _plain_word(window: MainWindow, statement) -> int:
    """An offset inside a word of the statement that is no highlighted name: a click there
    focuses the statement (a click on a name follows the entity instead)."""
    text = window.comparison.article(statement.article).text
    return 1 + next(
        i for i in range(statement.start, statement.end - 1)
        if text[i].isalpha() and text[i + 1].isalpha()
        and window.compare.entity_at(statement.article, i + 1) is None
    )  # fmt: skip


def _far_apart(window: MainWindow):
    """(statement, its counterparts): a divergent statement of the real alignment whose
    counterparts in other panes are out of sight once those panes are scrolled to the top."""
    comparison = window.comparison
    for clicked in comparison.statements.values():
        if clicked.state != "divergent":
            continue
        others = [c for c in comparison.counterparts(clicked.key) if c.article != clicked.article]
        source = window.compare.pane_for(clicked.article)
        source.text.scroll_to(clicked.start, 0.5)
        with window.compare.sync.lock.hold():
            for pane in window.compare.panes:
                if pane is not source:
                    pane.text.verticalScrollBar().setValue(0)
        if others and not any(
            _visible(window.compare.pane_for(c.article), c.start) for c in others
        ):
            return clicked, others
    raise AssertionError("no divergent statement with counterparts out of sight")


def test_clicking_a_divergent_statement_scrolls_the_others_to_its_counterparts(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, db_path, settings_path)  # the real alignment of the seeds
    assert sum(g.status == "divergent" for g in window.comparison.groups.values()) >= 3
    clicked, counterparts = _far_apart(window)
    source = window.compare.pane_for(clicked.article)
    rect = source.text.cursorRect(source.text.cursor_at(_plain_word(window, clicked)))
    qtbot.mouseClick(source.text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.compare.focus_group == clicked.group
    for article in {c.article for c in counterparts}:
        pane = window.compare.pane_for(article)
        assert any(_visible(pane, c.start) for c in counterparts if c.article == article)
    detail = window.compare.detail.text()
    group = window.comparison.groups[clicked.group]
    assert all(d.detail.split(" vs ")[0] in detail for d in group.differences)
    assert " vs " in detail  # the word diff against each counterpart
    # The link map between neighbouring panes that both hold the group draws its links.
    keys = [p.key for p in window.compare.panes]
    members = {window.comparison.statements[k].article for k in group.statements}
    for i in range(1, len(keys)):
        if {keys[i - 1], keys[i]} <= members:
            handle = window.compare.splitter.handle(i)
            handle.repaint()
            assert handle.drawn >= 1


def test_next_difference_walks_every_difference(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, db_path, settings_path)  # the real alignment of the seeds
    expected = [d.key for d in window.navigator.walkable_differences()]
    every = window.comparison.differences()
    assert len(expected) == len(every) >= 5  # five panes shown: every difference is walkable
    seen = []
    for _ in expected:
        window.actions["next_difference"].trigger()
        current = window.navigator.walkable_differences()[window.navigator.difference_index]
        seen.append(current.key)
        for article in {span.article for span in current.spans()}:  # each reading in view
            pane = window.compare.pane_for(article)
            spans = [s for s in current.spans() if s.article == article]
            assert any(_visible(pane, s.start) for s in spans), (current.detail, spans)
    assert seen == expected  # in order, each once
    window.actions["next_difference"].trigger()  # wraps round
    assert window.navigator.difference_index == 0
    window.actions["previous_difference"].trigger()
    assert window.navigator.difference_index == len(expected) - 1
    # Marked not relevant: skipped from then on.
    window.differences.set_relevant(expected[0], False)
    assert expected[0] not in [d.key for d in window.navigator.walkable_differences()]


def _painted_notes(window: MainWindow, article_index: int) -> list[tuple[int, int]]:
    pane = window.compare.panes[article_index]
    return [(s.start, s.end) for s in pane.highlighter.layer("notes")]


WORDS = "learned of the expulsions on social media"


def test_annotation_undo_and_redo(qtbot: QtBot, db_path: Path, settings_path: Path) -> None:
    window = open_window(qtbot, db_path, settings_path)
    span = select_words(window, 0, WORDS)
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
    select_words(window, 0, WORDS)
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
    count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    report = import_paths(db, [edited], DEMO_COLLECTION, nlp=nlp, n_process=1)
    assert [r.outcome.value for r in report.results] == ["updated"]  # in place, same id
    analyse_collection(db, collections.find(db, DEMO_COLLECTION).id)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == count
    db.conn.close()

    window = open_window(qtbot, db_path, settings_path)  # the same five panes as before
    pane = window.compare.panes[0]
    assert pane.article.db_id == created.article_id
    assert "Meanwhile, as we now add" in pane.article.text
    ((start, end),) = _painted_notes(window, 0)
    assert pane.article.text[start:end] == WORDS
    assert window.annotations.model.rowCount() == 1
    window.actions["undo"].trigger()  # nothing to undo in a new session: the note stays
    assert _painted_notes(window, 0) == [(start, end)]


def test_window_state_and_choice_persist(qtbot: QtBot, db_path: Path, settings_path: Path) -> None:
    window = open_window(qtbot, db_path, settings_path)
    ids = window.library.chosen_ids()[:3]
    choose(qtbot, window, ids)
    # Sizes a user can drag to: every pane at least its readable minimum, all within the view
    # (a size under a pane's minimum makes the scrollable splitter outgrow the view instead).
    least = max(p.minimumWidth() for p in window.compare.panes)
    room = window.compare.scroller.viewport().width() - 2 * window.compare.splitter.handleWidth()
    window.compare.splitter.setSizes([room - 2 * least, least, least])
    sizes = window.compare.splitter.sizes()
    assert sizes[0] > sizes[1]  # really moved
    window.close()
    window = open_window(qtbot, db_path, settings_path)
    assert window.library.chosen_ids() == ids
    assert [p.article.db_id for p in window.compare.panes] == ids
    assert window.compare.splitter.sizes() == sizes


def test_synopsis_rows_and_filters(
    qtbot: QtBot, known_groups_db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, known_groups_db_path, settings_path)
    synopsis = window.synopsis
    unique = len(window.comparison.unique_statements())
    assert synopsis.model.rowCount() == 3 + unique
    synopsis.set_filter("divergent")
    assert synopsis.proxy.rowCount() == 2
    synopsis.set_filter("only_in", 4)  # EU Today (seed 004)
    rows = [synopsis.model.row_at(synopsis.proxy.mapToSource(synopsis.proxy.index(r, 0)).row())
            for r in range(synopsis.proxy.rowCount())]  # fmt: skip
    assert rows and all(r.cells[4] and sum(bool(c) for c in r.cells) == 1 for r in rows)
    synopsis.set_filter("missing_from", 4)
    every = [synopsis.model.row_at(r) for r in range(synopsis.model.rowCount())]
    assert synopsis.proxy.rowCount() == sum(not r.cells[4] for r in every)
    # The divergent words are marked in the number colour.
    from app.gui.compare.colours import difference_colour
    from app.gui.compare.synopsis_model import HTML_ROLE

    expelled = next(
        i for i, r in enumerate(every) if r.group and r.cells[2] and "several" in r.cells[2][0].text
    )
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
    qtbot: QtBot, known_groups_db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, known_groups_db_path, settings_path)
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
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, db_path, settings_path)
    window.actions["previous_difference"].trigger()
    assert window.navigator.difference_index == len(window.navigator.walkable_differences()) - 1


def test_shortcuts_work_from_a_pane(qtbot: QtBot, db_path: Path, settings_path: Path) -> None:
    window = open_window(qtbot, db_path, settings_path)
    window.activateWindow()
    span = select_words(window, 0, WORDS)
    text = window.compare.panes[0].text
    qtbot.keyClick(text, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert _painted_notes(window, 0) == [span]
    qtbot.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _painted_notes(window, 0) == []
    qtbot.keyClick(text, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.navigator.difference_index == 0


def test_synopsis_cells_are_never_clipped(qtbot: QtBot, db_path: Path, settings_path: Path) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    window = open_window(qtbot, db_path, settings_path)
    window.tabs.setCurrentWidget(window.synopsis)
    table, delegate = window.synopsis.table, window.synopsis.table.itemDelegate()
    clipped = []
    for width in range(1500, 1700, 13):  # wrapping changes with the column widths
        window.resize(width, 900)
        qtbot.wait(60)  # a scroll bar appearing narrows the columns: the rows are refitted
        qtbot.waitUntil(lambda: not window.synopsis._fit_timer.isActive(), timeout=5_000)
        for row in range(table.model().rowCount()):
            for column in range(table.model().columnCount()):
                index = table.model().index(row, column)
                rect = table.visualRect(index)
                option = QStyleOptionViewItem()
                option.font = table.font()
                height = delegate._layout(option, index, rect.width()).size().height()
                if height > rect.height() + 0.5:
                    clipped.append((width, row, column))
    assert table.model().rowCount() > 20 and clipped == []


def test_four_panes_start_level_and_share_the_width(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, db_path, settings_path)
    window.resize(1920, 1080)
    choose(qtbot, window, window.library.chosen_ids()[:4])
    qtbot.wait(50)
    panes = window.compare.panes
    assert len({p.header.height() for p in panes}) == 1  # texts start at the same height
    assert len({p.text.mapTo(window, p.text.rect().topLeft()).y() for p in panes}) == 1
    widths = [p.width() for p in panes]
    assert max(widths) - min(widths) <= 0.05 * max(widths)  # no long title widens its pane
    for pane in panes:  # headers elide what does not fit, the full title is in the tooltip
        assert pane.header.sizeHint().height() <= pane.header.height()
        assert (pane.article.title or "")[:20] in pane.header.toolTip()


def test_clicking_a_statement_in_two_groups_marks_both(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, db_path, settings_path)
    comparison = window.comparison
    both = [s for s in comparison.statements.values() if len(s.groups) >= 2]
    if not both:
        pytest.skip("the aligner put no statement in two groups of the seeds")
    clicked = both[0]
    source = window.compare.pane_for(clicked.article)
    source.text.scroll_to(clicked.start, 0.5)
    rect = source.text.cursorRect(source.text.cursor_at(_plain_word(window, clicked)))
    qtbot.mouseClick(source.text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    marked = {
        (pane.key, start)
        for pane in window.compare.panes
        if pane is not source
        for start, _end, _colour in pane.text.bars
    }
    for key in clicked.groups:
        members = [comparison.statements[k] for k in comparison.groups[key].statements]
        assert {(m.article, m.start) for m in members if m.article != clicked.article} <= marked
        for difference in comparison.groups[key].differences:
            assert difference.detail.split(" vs ")[0] in window.compare.detail.text()
