"""Menus and toolbar of the main window, made from the action table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QToolBar, QToolButton

from app.gui.window import hooks
from app.gui.window.help_pages import show_help

if TYPE_CHECKING:
    from app.gui.window.main_window import MainWindow


def _panes_menu(window: MainWindow, menu: QMenu) -> None:
    """How many panes sit side by side; the others are a sideways scroll away."""
    group = QActionGroup(menu)
    for count in range(5):
        action = menu.addAction("As many as fit" if count == 0 else f"{count}")
        action.setCheckable(True)
        action.setChecked(window.compare.visible_panes == count)
        action.triggered.connect(lambda _on=False, n=count: window.compare.set_visible_panes(n))
        group.addAction(action)
    menu.aboutToShow.connect(
        lambda: group.actions()[min(4, window.compare.visible_panes)].setChecked(True)
    )


def build(window: MainWindow) -> None:
    a = window.actions
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(a["import"])
    export_menu = file_menu.addMenu("&Export")
    export_menu.addAction(a["export_pdf"])
    export_menu.addAction(a["export_annotations"])
    file_menu.addAction(a["reanalyse"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu("&Edit")
    for name in ("undo", "redo", None, "highlight", "annotate", "annotate_group", None, "find",
                 "find_next"):  # fmt: skip
        edit_menu.addSeparator() if name is None else edit_menu.addAction(a[name])
    view_menu = bar.addMenu("&View")
    for name in ("show_panes", "show_synopsis", None, "zoom_in", "zoom_out", "zoom_reset", None,
                 "shared_only"):  # fmt: skip
        view_menu.addSeparator() if name is None else view_menu.addAction(a[name])
    _panes_menu(window, view_menu.addMenu("Panes &side by side"))
    view_menu.addSeparator()
    for dock in window.docks.values():
        view_menu.addAction(dock.toggleViewAction())
    tabbed = view_menu.addAction("Docks in one &tabbed column")
    tabbed.setToolTip("Every panel in one column of tabs: more room for the panes")
    tabbed.setCheckable(True)
    tabbed.triggered.connect(lambda on: window.collapse_docks() if on else window.split_docks())
    view_menu.aboutToShow.connect(lambda: tabbed.setChecked(window.docks_collapsed()))
    go_menu = bar.addMenu("&Go")
    for name in ("next_difference", "previous_difference", None, "next_mention",
                 "previous_mention", "stop_following"):  # fmt: skip
        go_menu.addSeparator() if name is None else go_menu.addAction(a[name])
    help_menu = bar.addMenu("&Help")
    for name in ("help_reading", "help_shortcuts", None, "about"):
        help_menu.addSeparator() if name is None else help_menu.addAction(a[name])

    toolbar = QToolBar("Main")
    toolbar.setObjectName("toolbar_main")
    toolbar.setIconSize(QSize(18, 18))
    tools = ("import", "export_pdf", None, "previous_difference", "next_difference", None,
             "highlight", "annotate", "annotate_group", None, "zoom_out", "zoom_in")  # fmt: skip
    for name in tools:
        toolbar.addSeparator() if name is None else toolbar.addAction(a[name])
    toolbar.addWidget(_colour_button(window))
    toolbar.addSeparator()
    window.find_box = QLineEdit()
    window.find_box.setPlaceholderText("Find in article (Ctrl+F)")
    window.find_box.setMaximumWidth(240)
    window.find_box.returnPressed.connect(lambda: hooks.find_next(window))
    window.find_box.textChanged.connect(lambda _t: hooks.show_find_count(window))
    toolbar.addWidget(window.find_box)
    window.find_count = QLabel()
    window.find_count.setObjectName("findCount")
    window.find_count.setContentsMargins(6, 0, 6, 0)
    toolbar.addWidget(window.find_count)
    window.addToolBar(toolbar)

    undo = window.undo_stack
    a["undo"].triggered.connect(undo.undo)
    a["redo"].triggered.connect(undo.redo)
    # The Edit menu names what would be undone ("Undo Add note"), as every editor does.
    undo.undoTextChanged.connect(lambda text: a["undo"].setText(f"&Undo {text}".rstrip()))
    undo.redoTextChanged.connect(lambda text: a["redo"].setText(f"&Redo {text}".rstrip()))
    undo.canUndoChanged.connect(a["undo"].setEnabled)
    undo.canRedoChanged.connect(a["redo"].setEnabled)
    a["undo"].setEnabled(False)
    a["redo"].setEnabled(False)
    a["import"].triggered.connect(lambda: hooks.open_import(window, []))
    a["export_pdf"].triggered.connect(lambda: hooks.open_pdf_export(window))
    a["export_annotations"].triggered.connect(lambda: hooks.export_annotations(window))
    a["reanalyse"].triggered.connect(window.reanalyse)
    a["quit"].triggered.connect(window.close)
    a["find"].triggered.connect(lambda: (window.find_box.setFocus(), window.find_box.selectAll()))
    a["find_next"].triggered.connect(lambda: hooks.find_next(window))
    a["next_difference"].triggered.connect(lambda: window.step_difference(1))
    a["previous_difference"].triggered.connect(lambda: window.step_difference(-1))
    a["next_mention"].triggered.connect(lambda: window.step_mention(1))
    a["previous_mention"].triggered.connect(lambda: window.step_mention(-1))
    a["stop_following"].triggered.connect(lambda: window.follow(None))
    a["stop_following"].setEnabled(False)  # Escape is free for the rest while nothing is followed
    a["zoom_in"].triggered.connect(lambda: hooks.zoom(window, 1))
    a["zoom_out"].triggered.connect(lambda: hooks.zoom(window, -1))
    a["zoom_reset"].triggered.connect(lambda: hooks.zoom(window, 0))
    a["shared_only"].setCheckable(True)
    a["shared_only"].setChecked(window.options.shared_only)
    a["shared_only"].triggered.connect(window.set_shared_only)
    a["show_panes"].triggered.connect(lambda: window.tabs.setCurrentWidget(window.compare))
    a["show_synopsis"].triggered.connect(lambda: window.tabs.setCurrentWidget(window.synopsis))
    a["highlight"].triggered.connect(lambda: window.annotator.highlight())
    a["annotate"].triggered.connect(lambda: window.annotator.highlight(with_dialog=True))
    a["annotate_group"].triggered.connect(lambda: window.annotator.note_group())
    a["about"].triggered.connect(lambda: hooks.about(window))
    a["help_reading"].triggered.connect(lambda: show_help(window, "reading"))
    a["help_shortcuts"].triggered.connect(lambda: show_help(window, "shortcuts"))
    for pane_action in ("highlight", "annotate", "annotate_group"):
        window.compare.context_actions.append(a[pane_action])


def _colour_button(window: MainWindow) -> QToolButton:
    """The highlight colour that Highlight selection and new notes use."""
    from app.gui.annotate.annotation_dialog import COLOUR_NAMES, swatch

    button = QToolButton()
    button.setObjectName("highlightColour")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setToolTip("Colour for new highlights")
    menu = QMenu(button)

    def choose(colour: str) -> None:
        window.annotator.colour = colour
        button.setIcon(swatch(colour))

    for colour, name in COLOUR_NAMES.items():
        menu.addAction(swatch(colour), name, lambda c=colour: choose(c))
    button.setMenu(menu)
    choose(window.annotator.colour)
    return button
