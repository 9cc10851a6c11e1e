"""The main window owns its state (issue 15): re-analysis through a ReanalysisController with
its own run state, entity corrections from the Entities panel that reach the core and change
the database, and no module of the GUI that sets a window's fields from outside."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest
import sqlite_utils
from gui_support import database_copy, open_window
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from app.core.analysis import STAGES
from app.core.demo import DEMO_COLLECTION
from app.core.entities.corrections import entity_at, list_corrections
from app.core.entities.queries import entity_mentions, list_entities
from app.core.store import collections
from app.gui.panels import entity_edits
from app.gui.runner import Status, TaskRunner
from app.gui.window import dialogs
from app.gui.window.controls import ColourButton
from app.gui.window.main_window import MainWindow
from app.gui.window.reanalysis import ReanalysisController, RunEnd

# -- ReanalysisController ---------------------------------------------------------------------


@pytest.fixture
def db_path(seeded_db_file: Path, tmp_path: Path) -> Path:
    return database_copy(seeded_db_file, tmp_path)


def _collection_id(db_path: Path) -> int:
    db = sqlite_utils.Database(db_path)
    try:
        return collections.find(db, DEMO_COLLECTION).id
    finally:
        db.conn.close()


def _controller(qtbot: QtBot, db_path: Path) -> tuple[TaskRunner, ReanalysisController, int]:
    """A task runner and a re-analysis controller on a widget qtbot owns, and the demo
    collection's id."""
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(db_path, parent)
    return runner, ReanalysisController(runner, parent), _collection_id(db_path)


def test_controller_state_across_start_and_finish(qtbot: QtBot, db_path: Path) -> None:
    runner, controller, cid = _controller(qtbot, db_path)
    assert not controller.running and controller.handle is None and controller.last is None
    with qtbot.waitSignal(controller.started) as started:
        assert controller.start(cid)
    assert started.args == [cid]
    assert controller.running and controller.collection_id == cid
    assert controller.progress is not None and "reanalyse" in runner.pending
    handle = controller.handle
    assert not controller.start(cid)  # one run at a time
    assert controller.handle is handle
    with qtbot.waitSignal(controller.finished, timeout=60_000) as finished:
        pass
    (end,) = finished.args
    assert isinstance(end, RunEnd) and end is controller.last
    assert end.collection_id == cid and end.outcome.status is Status.DONE and end.message == ""
    assert end.outcome.changes.analysis == {cid}
    assert not controller.running and controller.handle is None
    assert controller.progress is None and controller.collection_id is None
    assert controller.stage == STAGES[-1]  # kept after the end, for the message
    runner.shutdown()


def test_controller_stop_and_shutdown(qtbot: QtBot, db_path: Path) -> None:
    runner, controller, cid = _controller(qtbot, db_path)
    hold = threading.Event()
    runner.submit("hold", lambda ctx: hold.wait(10))  # the worker is busy: the run is queued
    controller.start(cid)
    with qtbot.waitSignal(controller.stopping):
        controller.request_stop()
    with qtbot.assertNotEmitted(controller.stopping):
        controller.request_stop()  # asked once is enough
    hold.set()
    with qtbot.waitSignal(controller.finished, timeout=30_000) as finished:
        pass
    end = finished.args[0]
    assert end.outcome.status is Status.CANCELLED and "before it began" in end.message
    assert not controller.running and controller.stage is None
    # Closing: the run is cancelled and silenced, and its state cleared at once.
    hold.clear()
    runner.submit("hold", lambda ctx: hold.wait(10))
    assert controller.start(cid)
    handle = controller.handle
    assert handle is not None
    controller.shutdown()
    assert handle.cancel_requested and handle.silenced
    assert not controller.running and controller.progress is None
    hold.set()
    with qtbot.assertNotEmitted(controller.finished, wait=200):
        assert handle.wait(30)
        runner.deliver()
    runner.shutdown()


def test_closing_the_window_stops_its_reanalysis(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, db_path, tmp_path / "r.json")
    hold = threading.Event()
    window.runner.submit("hold", lambda ctx: hold.wait(10))
    window.reanalyse()
    handle = window.reanalysis.handle
    assert window.reanalysis.running and handle is not None
    hold.set()
    window.close()
    assert handle.cancel_requested and not window.reanalysis.running


# -- menus and toolbar: laid out from the action table, the window's own controls added -------


def _entries(menu: QMenu) -> list[object]:
    return [
        "-" if a.isSeparator() else (a.text(), _entries(a.menu())) if a.menu() else a.text()
        for a in menu.actions()
    ]


def test_menus_and_toolbar_keep_their_layout(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(tmp_path / "empty.db", tmp_path / "r.json")
    qtbot.addWidget(window, before_close_func=lambda w: w.close())
    menus = {a.text(): _entries(a.menu()) for a in window.menuBar().actions()}
    assert menus["&File"] == [
        "&Import…", ("&Export", ["Export &PDF…", "Export &annotations…"]),
        "&Re-analyse collection", "-", "&Quit",
    ]  # fmt: skip
    assert menus["&View"][-8:] == [
        "Only &shared entities",
        ("Panes &side by side", ["As many as fit", "1", "2", "3", "4"]),
        "-", "Library", "Entities", "Differences", "Annotations", "Docks in one &tabbed column",
    ]  # fmt: skip
    assert list(menus) == ["&File", "&Edit", "&View", "&Go", "&Help"]
    (toolbar,) = window.findChildren(QToolBar)
    last = [toolbar.widgetForAction(a) for a in toolbar.actions()[-3:]]
    assert isinstance(last[0], ColourButton) and last[2] is window.find_bar
    window.show()
    qtbot.waitExposed(window)
    window.find_bar.box.setText("Borrell")
    window.actions["find"].trigger()  # Ctrl+F: into the find box, its text selected
    assert window.find_bar.box.selectedText() == "Borrell"


# -- entity corrections: from the panel's buttons to the database -----------------------------


def _select(window, keys: list[str]) -> None:
    panel = window.entities
    selection = panel.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for key in keys:
        selection.select(panel.model.index(panel.model.row_of(key), 0), flags)
    assert panel.selected_keys() == sorted(keys, key=panel.model.row_of)


def _span(window, entity) -> tuple[int, int, int]:
    """The entity's first mention as (article id, start, end): it stays where it is when the
    collection is analysed again, while entity ids change."""
    article_key, spans = next(iter(entity.mentions.items()))
    return window.comparison.article(article_key).db_id, *spans[0]


def _press(qtbot: QtBot, window, operation: str, failures: list[str]) -> None:
    """Press the button; the task records the change first, so the view reloads either way."""
    with qtbot.waitSignal(window.viewReady, timeout=120_000):
        window.entities.buttons[operation].click()
    assert not failures


def test_every_entity_button_changes_the_database(
    qtbot: QtBot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures: list[str] = []  # a failed correction's message box would block the test
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: failures.append(args[2]))
    window = open_window(qtbot, db_path, tmp_path / "r.json")
    db, cid = window.db, window.comparison.collection_id
    model = window.entities.model
    shown = [model.entity(r) for r in range(model.rowCount())]
    assert len(shown) >= 4
    # merge: the two entities become one
    first, second = shown[0], shown[1]
    _select(window, [first.key, second.key])
    _press(qtbot, window, "merge", failures)
    assert entity_at(db, _span(window, first)) == entity_at(db, _span(window, second))
    # rename: the name the user typed
    monkeypatch.setattr(dialogs, "ask_entity_name", lambda parent, name: "Renamed entity")
    target = window.entities.model.entity(0)
    _select(window, [target.key])
    _press(qtbot, window, "rename", failures)
    renamed = entity_at(db, _span(window, target))
    assert {e.id: e.name for e in list_entities(db, cid)}[renamed] == "Renamed entity"
    # split: the mentions written one way get an entity of their own
    model = window.entities.model
    texts = {e.key: {m.text for m in entity_mentions(db, e.db_id)}
             for e in (model.entity(r) for r in range(model.rowCount()))}  # fmt: skip
    two_ways = next(key for key, forms in texts.items() if len(forms) >= 2)
    moved = sorted(texts[two_ways])[0]
    monkeypatch.setattr(dialogs, "ask_split_form", lambda parent, forms: moved)
    mentions = entity_mentions(db, int(two_ways.lstrip("e")))
    kept = next(m for m in mentions if m.text != moved)
    split_off = next(m for m in mentions if m.text == moved)
    _select(window, [two_ways])
    _press(qtbot, window, "split", failures)
    assert entity_at(db, (kept.article_id, kept.start, kept.end)) != entity_at(
        db, (split_off.article_id, split_off.start, split_off.end)
    )
    # hide: two entities at once, both hidden. Each hide re-links the collection, which
    # numbers its entities anew after the highest id in the database (another collection's).
    other = db.execute("INSERT INTO collections (name, created) VALUES ('x', 'now')").lastrowid
    db.execute("INSERT INTO entities (id, collection_id, name, label) VALUES (9000, ?, 'X', 'ORG')",
               [other])  # fmt: skip
    db.conn.commit()
    a, b = window.entities.model.entity(0), window.entities.model.entity(1)
    spans = [_span(window, a), _span(window, b)]
    _select(window, [a.key, b.key])
    _press(qtbot, window, "hide", failures)
    hidden = {e.id for e in list_entities(db, cid, include_hidden=True) if e.hidden}
    assert {entity_at(db, s) for s in spans} <= hidden
    assert [c.action for c in list_corrections(db, cid)][-5:] == [
        "merge",
        "rename",
        "split",
        "hide",
        "hide",
    ]


def test_an_entity_edit_needs_a_known_operation(seed_db: sqlite_utils.Database) -> None:
    cid = collections.find(seed_db, DEMO_COLLECTION).id
    with pytest.raises(ValueError, match="unknown"):
        entity_edits.apply(seed_db, entity_edits.EntityEdit("paint", cid, (1,)))
    assert entity_edits.entity_id("e12") == 12


# -- the window owns its state: checked in the source -----------------------------------------

GUI = Path(__file__).resolve().parents[1] / "app" / "gui"
MAIN_WINDOW = GUI / "window" / "main_window.py"
SQL_ALLOWED: set[Path] = set()  # the sample writers live in tests/fixtures/ now


def _gui_modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(GUI.rglob("*.py"))]


def _is_window_type(annotation: ast.expr | None) -> bool:
    return annotation is not None and "MainWindow" in ast.unparse(annotation)


def _window_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The parameters that hold a window: named so, or annotated MainWindow."""
    args = function.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    return {a.arg for a in every if a.arg == "window" or _is_window_type(a.annotation)}


def _assigned(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return node.targets
    if isinstance(node, ast.AugAssign | ast.AnnAssign):
        return [node.target]
    return []


def _a_window(expr: ast.expr, names: set[str]) -> bool:
    """`window` (a parameter holding one) or `….window` (a window kept by another object)."""
    return (isinstance(expr, ast.Name) and expr.id in names) or (
        isinstance(expr, ast.Attribute) and expr.attr == "window"
    )


def test_no_module_sets_a_windows_fields_from_outside() -> None:
    """Only MainWindow assigns MainWindow's attributes: no function elsewhere takes the window
    to set its fields (`window.find_box = …`, `window._reanalysis = …`, setattr)."""
    found = []
    for path, tree in _gui_modules():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            where = f"{path.name}:{function.lineno} {function.name}"
            every = [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]
            if path != MAIN_WINDOW and any(_is_window_type(a.annotation) for a in every):
                found.append(f"{where} takes a MainWindow")
            names = _window_names(function)
            for node in ast.walk(function):
                for target in _assigned(node):
                    if isinstance(target, ast.Attribute) and _a_window(target.value, names):
                        found.append(f"{where}: {ast.unparse(target)} =")
                calls_setattr = isinstance(node, ast.Call) and ast.unparse(node.func) == "setattr"
                if calls_setattr and node.args and _a_window(node.args[0], names):
                    found.append(f"{where}: {ast.unparse(node)}")
    assert found == []


SQL_CALLS = ("execute", "executemany", "executescript")
PROBES = ("importlib.util.find_spec", "importlib.import_module")


def test_no_sql_and_no_import_probes_in_the_gui() -> None:
    """The GUI asks the core for data (no SQL of its own) and imports its parts directly
    (the screenshot runner, which finds its scripts by name, aside)."""
    found = []
    for path, tree in _gui_modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name = ast.unparse(node.func)
            sql = node.func.attr in SQL_CALLS and path not in SQL_ALLOWED
            probe = name in PROBES and path.parent.name != "shots"
            if sql or probe:
                found.append(f"{path.name}:{node.lineno} {name}")
    assert found == []
