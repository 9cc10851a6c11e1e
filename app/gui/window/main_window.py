"""The main window: library on the left, side-by-side panes and the synopsis in the centre,
entities / differences / annotations on the right. It owns its state and connects its own slots;
each part is its own module: the menus' layout (menus.py, from the action table in actions.py),
the dialogs it opens (dialogs.py), re-analysis (reanalysis.py: ReanalysisController), the find
box, colour button and panes menu (controls.py)."""

from __future__ import annotations

import base64
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QResizeEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from app.core.annotations import store as annotation_store
from app.core.counting import count as count_of
from app.core.store import analysis_state
from app.core.store.db import ReadOnlyDatabase, open_db
from app.core.view.model import Comparison, EntityView
from app.gui.annotate.annotator import Annotator
from app.gui.compare.colours import entity_colours
from app.gui.compare.compare_view import CompareView
from app.gui.compare.layers import DisplayOptions, pane_layers, visible_entities
from app.gui.compare.navigator import Navigator
from app.gui.compare.synopsis import SynopsisTab
from app.gui.panels import entity_edits
from app.gui.panels.annotations_panel import AnnotationsPanel
from app.gui.panels.differences_panel import DifferencesPanel
from app.gui.panels.entities_panel import EntitiesPanel
from app.gui.panels.library_panel import LibraryPanel
from app.gui.runner import Changes, Outcome, Status, TaskContext, TaskRunner
from app.gui.window import dialogs, menus, unfinished_banner
from app.gui.window.actions import build_actions
from app.gui.window.controls import ColourButton, FindBar, PanesMenu
from app.gui.window.help_pages import show_help
from app.gui.window.reanalysis import ReanalysisController, RunEnd
from app.gui.window.settings import Settings, default_settings_path
from app.gui.window.unfinished_banner import UnfinishedBanner

log = logging.getLogger("parallax.ui")

FIRST_SIZE = QSize(1400, 860)  # at first start, or the screen's free area if that is smaller
# First-start widths: the library shows article titles, the entity matrix a name and counts.
DEFAULT_DOCK_WIDTHS = {"library": 280, "entities": 300}
# Below this window width every dock shares one tabbed column, leaving the panes the room;
# from SPLIT_FROM up they are split again (the gap stops a resize from flipping back and forth).
COMPACT_BELOW = 1500
SPLIT_FROM = 1600
STOPPING = "Stopping the re-analysis after the current stage…"


class MainWindow(QMainWindow):
    viewReady = Signal()  # a comparison is shown and fully painted

    def __init__(
        self, db_path: Path, settings_path: Path | None = None, collection: str | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Parallax")
        self.setObjectName("MainWindow")
        self.db_path = Path(db_path)
        self.db = open_db(self.db_path)
        self.settings_path = settings_path or default_settings_path()
        self.settings = Settings.load(self.settings_path)
        # The reader's one path for background work (runner.py): the wizard and the PDF
        # dialog opened from this window use it too.
        self.runner = TaskRunner(self.db_path, self)
        self.runner.outcome.connect(self._task_ended)
        self.undo_stack = QUndoStack(self)
        self.comparison: Comparison | None = None
        self.keys: list[str] = []
        self.notice = ""  # a message for the status bar once the next comparison is shown
        self.colours: dict[str, str] = {}
        self.options = DisplayOptions(
            self.settings.shared_only, frozenset(self.settings.hidden_types)
        )
        # centre
        self.compare = CompareView()
        self.synopsis = SynopsisTab()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.compare, "Side by side")
        self.tabs.addTab(self.synopsis, "Synopsis")
        self.banner = UnfinishedBanner()  # "analysis did not finish" + Finish
        self.setCentralWidget(unfinished_banner.above(self.banner, self.tabs))
        self.viewReady.connect(self._refresh_banner)
        if isinstance(self.db, ReadOnlyDatabase):  # made by a newer Parallax: shown, not changed
            read_only = QLabel("<b>Read-only</b>: made by a newer Parallax")
            read_only.setToolTip(self.db.notice)
            self.statusBar().addPermanentWidget(read_only)
        # docks
        self.library = LibraryPanel(self.db)
        self.entities = EntitiesPanel()
        self.differences = DifferencesPanel()
        self.annotations = AnnotationsPanel()
        self.docks = {
            "library": self._dock("Library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea),
            "entities": self._dock(
                "Entities", self.entities, Qt.DockWidgetArea.RightDockWidgetArea
            ),
            "differences": self._dock(
                "Differences", self.differences, Qt.DockWidgetArea.RightDockWidgetArea
            ),
            "annotations": self._dock(
                "Annotations", self.annotations, Qt.DockWidgetArea.RightDockWidgetArea
            ),
        }
        self.tabifyDockWidget(self.docks["entities"], self.docks["differences"])
        self.tabifyDockWidget(self.docks["differences"], self.docks["annotations"])
        self.docks["entities"].raise_()
        self.navigator = Navigator(self.compare, self._irrelevant)
        self.annotator = Annotator(
            self.db, self.compare, self.undo_stack, self, self.refresh_annotations
        )
        # The one re-analysis at a time: its task, progress dialog and Stop (reanalysis.py).
        self.reanalysis = ReanalysisController(self.runner, self)
        self.find_bar = FindBar(lambda: self.compare.panes, self.annotator.focused_pane)
        self.colour_button = ColourButton(self.annotator.colour)
        self.actions = build_actions(self)
        self._build_menus()
        self._connect()
        self._connect_actions()
        self.entities.set_options(self.options.shared_only, self.options.hidden_types)
        self.setAcceptDrops(True)
        self._docks_sized = False
        self._restore(collection)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        panes = PanesMenu(self.compare, self)
        tabbed = QAction("Docks in one &tabbed column", self)
        tabbed.setToolTip("Every panel in one column of tabs: more room for the panes")
        tabbed.setCheckable(True)
        tabbed.triggered.connect(lambda on: self.collapse_docks() if on else self.split_docks())
        docks = [dock.toggleViewAction() for dock in self.docks.values()]
        built = menus.build(self.menuBar(), self.actions, [panes, None, *docks, tabbed])
        built.menus["View"].aboutToShow.connect(lambda: tabbed.setChecked(self.docks_collapsed()))
        toolbar = built.toolbar
        toolbar.addWidget(self.colour_button)
        toolbar.addSeparator()
        toolbar.addWidget(self.find_bar)
        self.addToolBar(toolbar)

    def _connect_actions(self) -> None:
        a = self.actions
        slots = {
            "import": lambda: self.open_import([]),
            "export_pdf": self.export_pdf,
            "export_annotations": self.export_annotations,
            "reanalyse": self.reanalyse,
            "quit": self.close,
            "undo": self.undo_stack.undo,
            "redo": self.undo_stack.redo,
            "find": self.find_bar.start,
            "find_next": self.find_bar.find_next,
            "next_difference": lambda: self.step_difference(1),
            "previous_difference": lambda: self.step_difference(-1),
            "next_mention": lambda: self.step_mention(1),
            "previous_mention": lambda: self.step_mention(-1),
            "stop_following": lambda: self.follow(None),
            "zoom_in": lambda: self.zoom(1),
            "zoom_out": lambda: self.zoom(-1),
            "zoom_reset": lambda: self.zoom(0),
            "shared_only": self.set_shared_only,
            "show_panes": lambda: self.tabs.setCurrentWidget(self.compare),
            "show_synopsis": lambda: self.tabs.setCurrentWidget(self.synopsis),
            "highlight": lambda: self.annotator.highlight(),
            "annotate": lambda: self.annotator.highlight(with_dialog=True),
            "annotate_group": lambda: self.annotator.note_group(),
            "about": lambda: dialogs.about(self),
            "help_reading": lambda: show_help(self, "reading"),
            "help_shortcuts": lambda: show_help(self, "shortcuts"),
        }
        for action_id, slot in slots.items():
            a[action_id].triggered.connect(slot)
        # The Edit menu names what would be undone ("Undo Add note"), as every editor does.
        undo = self.undo_stack
        undo.undoTextChanged.connect(lambda text: a["undo"].setText(f"&Undo {text}".rstrip()))
        undo.redoTextChanged.connect(lambda text: a["redo"].setText(f"&Redo {text}".rstrip()))
        undo.canUndoChanged.connect(a["undo"].setEnabled)
        undo.canRedoChanged.connect(a["redo"].setEnabled)
        a["undo"].setEnabled(False)
        a["redo"].setEnabled(False)
        a["stop_following"].setEnabled(False)  # Escape is free for the rest while not following
        a["shared_only"].setCheckable(True)
        a["shared_only"].setChecked(self.options.shared_only)
        for pane_action in ("highlight", "annotate", "annotate_group"):
            self.compare.context_actions.append(a[pane_action])

    def _connect(self) -> None:
        self.library.chosenChanged.connect(self.choose)
        self.library.collectionOpened.connect(self.open_collection)
        self.library.changed.connect(lambda _name: self.reanalyse())
        self.entities.optionsChanged.connect(self._options_changed)
        self.entities.entitySelected.connect(self._entity_selected)
        self.compare.entityClicked.connect(self._entity_clicked)
        self.compare.follow_bar.stepRequested.connect(self.step_mention)
        self.compare.follow_bar.stopRequested.connect(lambda: self.follow(None))
        self.compare.followable = lambda: (
            visible_entities(self.comparison, self.options, self.keys) if self.comparison else []
        )
        self.entities.correctionRequested.connect(self._correct)
        self.differences.differenceActivated.connect(self._difference_activated)
        self.differences.relevanceChanged.connect(self._relevance_changed)
        self.annotations.jumpRequested.connect(self._jump_to_annotation)
        self.annotations.editRequested.connect(self.annotator.edit)
        self.annotations.deleteRequested.connect(self.annotator.delete)
        self.synopsis.statementActivated.connect(self._synopsis_activated)
        self.find_bar.counted.connect(lambda message: self.statusBar().showMessage(message, 4000))
        self.colour_button.colourChosen.connect(self._set_highlight_colour)
        self.banner.finishRequested.connect(self.reanalyse)
        self.reanalysis.stopping.connect(lambda: self.statusBar().showMessage(STOPPING))
        self.reanalysis.finished.connect(self._reanalysis_finished)

    # -- state -----------------------------------------------------------------------------
    def _restore(self, collection: str | None) -> None:
        s = self.settings
        if s.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(s.geometry)))
        else:
            screen = QGuiApplication.primaryScreen()
            room = screen.availableGeometry().size() if screen else FIRST_SIZE
            self.resize(FIRST_SIZE.boundedTo(room))
        if s.window_state:
            self.restoreState(QByteArray(base64.b64decode(s.window_state)))
        self.compare.visible_panes = s.visible_panes
        if s.zoom:
            self.compare.zoom(s.zoom)
        from app.core.store import collections

        names = [c.name for c in collections.list_all(self.db)]
        name = collection or s.collection
        if name not in names:
            name = names[0] if names else ""
        self.library.refresh(collection=name, chosen=[])
        if name:
            self.open_collection(name)

    def open_collection(self, name: str) -> None:
        """Show a collection with the articles last chosen in it, else all of them."""
        from app.core.errors import NotFound
        from app.core.store import articles, collections

        try:
            found = collections.find(self.db, name)
        except NotFound:  # removed since the library was filled
            self.library.refresh()
            return
        ids = [r.id for r in articles.in_collection(self.db, found.id)]
        chosen = [i for i in self.settings.chosen.get(name, []) if i in ids] or ids
        self.library.set_chosen(name, chosen)

    def save_settings(self) -> None:
        s = self.settings
        s.geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode()
        s.window_state = base64.b64encode(bytes(self.saveState().data())).decode()
        s.splitter_sizes = list(self.compare.splitter.sizes())
        s.dock_sizes = {
            name: dock.width()
            for name, dock in self.docks.items()
            if dock.isVisible() and not dock.isFloating()
        }
        s.visible_panes = self.compare.visible_panes
        s.shared_only = self.options.shared_only
        s.hidden_types = sorted(self.options.hidden_types)
        s.save(self.settings_path)

    # -- dock layout -------------------------------------------------------------------------
    def docks_collapsed(self) -> bool:
        """True when every dock shares the library's tabbed column."""
        together = set(self.tabifiedDockWidgets(self.docks["library"]))
        return all(self.docks[n] in together for n in ("entities", "differences", "annotations"))

    def collapse_docks(self) -> None:
        """Every dock into one tabbed column on the left: the panes get the width back."""
        library = self.docks["library"]
        for name in ("entities", "differences", "annotations"):
            self.tabifyDockWidget(library, self.docks[name])
        library.raise_()

    def split_docks(self) -> None:
        """The library on the left, entities / differences / annotations tabbed on the right."""
        right = Qt.DockWidgetArea.RightDockWidgetArea
        entities = self.docks["entities"]
        self.addDockWidget(right, entities)
        self.tabifyDockWidget(entities, self.docks["differences"])
        self.tabifyDockWidget(entities, self.docks["annotations"])
        entities.raise_()
        self._size_docks(DEFAULT_DOCK_WIDTHS)

    def _size_docks(self, widths: dict[str, int]) -> None:
        """Give each dock column its width (one dock per column: a tab group shares one)."""
        docks, sizes, areas = [], [], set()
        for name, width in widths.items():
            dock = self.docks.get(name)
            if dock is None or dock.isFloating() or dock.isHidden():
                continue
            area = self.dockWidgetArea(dock)
            if area in areas:
                continue
            areas.add(area)
            docks.append(dock)
            sizes.append(width)
        if docks:
            self.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._docks_sized:  # dock widths take only once the window has its size
            self._docks_sized = True
            if not self.settings.window_state and self.width() < COMPACT_BELOW:
                self.collapse_docks()  # first start on a narrow screen
            QTimer.singleShot(0, self._size_docks_at_start)

    def _size_docks_at_start(self) -> None:
        self._size_docks(self.settings.dock_sizes or DEFAULT_DOCK_WIDTHS)
        # The docks took their room from the panes: a comparison already shown gets its
        # remembered pane sizes back (it may have loaded before this timer fired).
        self._restore_pane_sizes()

    def _restore_pane_sizes(self) -> None:
        sizes = self.settings.splitter_sizes
        if self.keys and len(sizes) == len(self.keys) and all(sizes):
            self.compare.splitter.setSizes(sizes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        old, new = event.oldSize().width(), event.size().width()
        if not self._docks_sized or old <= 0:
            return  # the start's own sizing is not the user narrowing the window
        if new < COMPACT_BELOW <= old and not self.docks_collapsed():
            self.collapse_docks()
        elif old < SPLIT_FROM <= new and self.docks_collapsed():
            self.split_docks()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        # A running re-analysis ends at its next stage, not at its end; then every other task.
        self.reanalysis.shutdown()
        self.runner.shutdown()
        self.db.conn.close()
        super().closeEvent(event)

    # -- loading a comparison --------------------------------------------------------------
    def choose(self, collection: str, ids: list[int]) -> None:
        """Show these articles of the collection (the library calls this on every check)."""
        self.settings.collection = collection
        self.settings.chosen[collection] = list(ids)
        if not ids:
            self.runner.cancel("compare")
            self._apply(None)
            return
        from app.core.view.load import load_comparison

        self.statusBar().showMessage("Loading comparison…")
        self.runner.submit(
            "compare", lambda ctx: load_comparison(ctx.db, collection, ids),
            on_done=self._compare_done,
        )  # fmt: skip

    def reload(self) -> None:
        if self.settings.collection:
            self.choose(self.settings.collection, self.library.chosen_ids())

    def reanalyse(self) -> None:
        """Entity linking and alignment again for the collection shown, in the background with
        progress and Stop. The public entry point (menu, banners); safe as a slot."""
        if self.comparison is not None:
            self.reanalysis.start(self.comparison.collection_id)

    def reanalyse_collection(self, collection_id: int) -> None:
        """The same for any collection (e.g. one whose analysis is unfinished)."""
        self.reanalysis.start(collection_id)

    def _reanalysis_finished(self, end: RunEnd) -> None:
        if end.outcome.status is Status.FAILED:
            QMessageBox.warning(self, "Parallax", f"Re-analysis failed:\n{end.outcome.error}")
        # The reload that follows (the runner's outcome: apply_changes) shows the message; with
        # nothing changed there is no reload, so it is shown here.
        self.notice = end.message
        if not end.outcome.changes.analysis and end.message:
            self.statusBar().showMessage(end.message, 8000)
            self.notice = ""
        self._refresh_banner()  # e.g. a run stopped before it began: "Finish analysis" again

    def _refresh_banner(self) -> None:
        """The unfinished-analysis banner, for the collection shown."""
        if self.comparison is None:
            self.banner.show_state(None)
        else:
            self.banner.show_state(analysis_state.get(self.db, self.comparison.collection_id))

    def _compare_done(self, outcome: Outcome) -> None:
        if outcome.status is Status.DONE:
            self._apply(outcome.value if isinstance(outcome.value, Comparison) else None)
        elif outcome.status is Status.FAILED:
            self.statusBar().clearMessage()
            QMessageBox.warning(
                self, "Parallax", f"Loading the comparison failed:\n{outcome.error}"
            )

    def _task_ended(self, outcome: Outcome) -> None:
        self.apply_changes(outcome.changes)

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what a task changed, and only that."""
        if changes.library:
            self.library.refresh()
        if self.comparison is not None and self.comparison.collection_id in changes.analysis:
            self.reload()
        elif changes.annotations:
            self.refresh_annotations()

    def _apply(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self.navigator.reset()
        self.follow(None)
        if comparison is None:
            self.keys = []
            self.compare.show_comparison(_EMPTY, [])
            self.synopsis.show_comparison(None, [])
            self.differences.show_differences(None, [], set())
            self.entities.model.set_entities(None, [], [], {}, set())
            self.statusBar().showMessage("Choose two or more articles in the library.")
            return
        self.keys = [a.key for a in comparison.articles]
        self.setWindowTitle(f"Parallax — {comparison.collection_name}")
        self.compare.show_comparison(comparison, self.keys)
        self._restore_pane_sizes()
        self.colours = entity_colours(comparison.entities, self.keys)
        self._load_annotations()
        self.repaint_highlights()
        self.synopsis.show_comparison(comparison, self.keys)
        self.differences.show_differences(comparison, self.keys, self._irrelevant())
        notice, self.notice = self.notice, ""
        self.statusBar().showMessage(
            notice or f"{count_of(len(self.keys), 'article')} ·"
            f" {count_of(len(comparison.groups), 'statement group')} ·"
            f" {count_of(len(self.navigator.walkable_differences()), 'difference')}", 8000
        )  # fmt: skip
        self.viewReady.emit()

    def repaint_highlights(self) -> None:
        """Entities, statement states, differing words and annotations in every pane."""
        if self.comparison is None:
            return
        entities = visible_entities(self.comparison, self.options, self.keys)
        layers = {
            pane.key: pane_layers(
                self.comparison,
                pane.key,
                entities,
                self.colours,
                self.options,
                self.annotator.annotations,
                pane.article.db_id,
            )
            for pane in self.compare.panes
            if pane.article is not None
        }
        self.compare.paint(layers, self.annotator.annotations)
        self.entities.model.set_entities(
            self.comparison, self.keys, self.comparison.entities, self.colours,
            {e.key for e in entities},
        )  # fmt: skip

    def entity_colour(self, article_key: str, offset: int) -> str | None:
        """The highlight colour painted at a character of a pane (None: not highlighted)."""
        pane = self.compare.pane_for(article_key)
        if pane is None:
            return None
        fmt = pane.highlighter.format_at(offset)
        return (
            fmt.background().color().name()
            if fmt.hasProperty(fmt.Property.BackgroundBrush)
            else None
        )

    # -- annotations -----------------------------------------------------------------------
    def _load_annotations(self) -> None:
        if self.comparison is None:
            self.annotator.annotations = []
            return
        ids = [a.db_id for a in self.comparison.articles]
        self.annotator.annotations = annotation_store.for_articles(
            self.db, self.comparison.collection_id, ids
        )
        labels = {a.db_id: a.label for a in self.comparison.articles}
        self.annotations.show_annotations(self.annotator.annotations, labels)

    def refresh_annotations(self) -> None:
        self._load_annotations()
        self.repaint_highlights()

    def _jump_to_annotation(self, annotation_id: int) -> None:
        self.tabs.setCurrentWidget(self.compare)
        self.annotator.jump(annotation_id)

    # -- panels ----------------------------------------------------------------------------
    def _options_changed(self) -> None:
        self.options = DisplayOptions(
            self.entities.shared_only.isChecked(), self.entities.hidden_types(),
            self.options.show_states, self.options.hidden_entities,
        )  # fmt: skip
        self.actions["shared_only"].setChecked(self.options.shared_only)
        self.repaint_highlights()

    def set_shared_only(self, on: bool) -> None:
        self.entities.shared_only.setChecked(on)

    def _entity_selected(self, key: str) -> None:
        entity = None
        if self.comparison is not None and key:
            entity = next((e for e in self.comparison.entities if e.key == key), None)
        self.follow(entity)

    def _entity_clicked(self, key: str, article_key: str, index: int) -> None:
        if self.comparison is not None:
            entity = next((e for e in self.comparison.entities if e.key == key), None)
            self.follow(entity, (article_key, index))

    def follow(self, entity: EntityView | None, at: tuple[str, int] | None = None) -> None:
        """Follow an entity across the panes (None: stop), from the Entities panel or from a
        click on a name (`at`: that mention is the current one)."""
        self.navigator.select_entity(entity, at)
        self.entities.select(entity.key if entity else "", quiet=True)
        self.actions["stop_following"].setEnabled(entity is not None)
        self._show_follow()

    def step_mention(self, step: int) -> None:
        if self.navigator.entity is None:
            self.statusBar().showMessage(
                "Choose an entity first: in the Entities panel, or click a name.", 4000
            )
            return
        self.tabs.setCurrentWidget(self.compare)
        self.navigator.step_mention(step)
        self._show_follow()

    def _show_follow(self) -> None:
        entity = self.navigator.entity
        colour = self.colours.get(entity.key, "#2f5fb3") if entity else ""
        self.compare.follow_bar.show_position(
            self.navigator.position(), colour,
            lambda key: self.comparison.article(key).label if self.comparison else key,
        )  # fmt: skip

    def _difference_activated(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.compare)
        self.navigator.go_to_difference(key)

    def _relevance_changed(self, key: str, relevant: bool) -> None:
        if self.comparison is None:
            return
        marked = set(self.settings.irrelevant.get(self.comparison.collection_name, []))
        (marked.discard if relevant else marked.add)(key)
        self.settings.irrelevant[self.comparison.collection_name] = sorted(marked)

    def _irrelevant(self) -> set[str]:
        if self.comparison is None:
            return set()
        return set(self.settings.irrelevant.get(self.comparison.collection_name, []))

    def _synopsis_activated(self, statement_key: str) -> None:
        self.tabs.setCurrentWidget(self.compare)
        self.compare.focus_statement(statement_key, scroll_source=True)

    def step_difference(self, step: int) -> None:
        self.tabs.setCurrentWidget(self.compare)
        found = self.navigator.step_difference(step)
        if found is None:
            self.statusBar().showMessage("No differences between the shown articles.", 4000)
        else:
            self.differences.select(found.key)

    def zoom(self, step: int) -> None:
        """Larger (1) or smaller (-1) text in every pane, or (0) its normal size; remembered."""
        if step == 0:
            self.compare.zoom(-self.settings.zoom)
            self.settings.zoom = 0
        else:
            self.compare.zoom(step)
            self.settings.zoom += step

    def _set_highlight_colour(self, colour: str) -> None:
        self.annotator.colour = colour

    # -- entity corrections ----------------------------------------------------------------
    def _correct(self, operation: str, keys: list[str]) -> None:
        """An entity correction from the Entities panel. The core records it and analyses the
        collection again (entity_edits.py) on the worker thread; then the comparison reloads."""
        if self.comparison is None or not keys or operation not in entity_edits.OPERATIONS:
            return
        if operation == "merge" and len(keys) < 2:
            self.statusBar().showMessage("Select two or more entities to merge.", 4000)
            return
        edit = dialogs.ask_entity_edit(self, self.comparison, operation, keys)
        if edit is None:
            return
        self.statusBar().showMessage(f"Entity {operation}: re-linking the collection…")

        def work(ctx: TaskContext) -> None:
            ctx.changed(Changes(analysis=frozenset({edit.collection_id})))
            entity_edits.apply(ctx.db, edit)

        def done(outcome: Outcome) -> None:
            if outcome.status is Status.FAILED:
                message = f"Entity {operation} failed:\n{outcome.error}"
                QMessageBox.warning(self, "Parallax", message)

        self.runner.submit(f"correct-{operation}", work, on_done=done, replace=False)

    # -- dialogs ---------------------------------------------------------------------------
    def open_import(self, paths: Sequence[Path], urls: Sequence[str] = ()) -> None:
        """The import wizard, with dropped or given files (web links: on its Links page)."""
        if self.actions["import"].isEnabled():
            dialogs.open_import(self, self.db_path, self.runner, paths, urls, self._imported)

    def _imported(self, collection: str) -> None:
        """The wizard's "Open comparison": the library lists the collection again, and shows
        the articles last chosen in it, else all of them."""
        self.library.refresh(collection=collection, chosen=[])
        self.open_collection(collection)

    def export_pdf(self) -> None:
        if self.comparison is not None:
            ids = [a.db_id for a in self.comparison.articles]
            dialogs.open_pdf_export(
                self, self.db_path, self.runner, self.comparison.collection_name, ids
            )

    def export_annotations(self) -> None:
        shown = self.comparison
        if shown is None:
            return
        out = dialogs.ask_annotations_file(self, shown.collection_name)
        if out is not None:
            dialogs.write_annotations(
                self, self.runner, shown.collection_id, shown.collection_name,
                {a.db_id: a.path for a in shown.articles}, out,
                lambda message: self.statusBar().showMessage(message, 6000),
            )  # fmt: skip

    # -- drag and drop opens the import wizard ---------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        data = event.mimeData()
        if self.actions["import"].isEnabled() and (
            dialogs.dropped_paths(data) or dialogs.dropped_links(data)
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        paths, links = dialogs.dropped_paths(data), dialogs.dropped_links(data)
        if paths or links:
            event.acceptProposedAction()
            self.open_import(paths, links)


_EMPTY = Comparison(0, "", (), (), {}, {})
