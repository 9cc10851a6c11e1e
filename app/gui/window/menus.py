"""Menus and the main toolbar, laid out from the action table (actions.py). Only layout: the
window connects the actions and adds its own widgets (find box, colour button) to the toolbar."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar

# Each menu's entries in order: an action id, None (a separator) or a submenu (title, ids).
Entry = str | None | tuple[str, tuple[str, ...]]
MENUS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    ("&File", ("import", ("&Export", ("export_pdf", "export_annotations")), "reanalyse", None,
               "quit")),
    ("&Edit", ("undo", "redo", None, "highlight", "annotate", "annotate_group", None, "find",
               "find_next")),
    ("&View", ("show_panes", "show_synopsis", None, "zoom_in", "zoom_out", "zoom_reset", None,
               "shared_only")),
    ("&Go", ("next_difference", "previous_difference", None, "next_mention", "previous_mention",
             "stop_following")),
    ("&Help", ("help_reading", "help_shortcuts", None, "about")),
)  # fmt: skip
TOOLBAR: tuple[str | None, ...] = (
    "import", "export_pdf", None, "previous_difference", "next_difference", None, "highlight",
    "annotate", "annotate_group", None, "zoom_out", "zoom_in",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Menus:
    menus: dict[str, QMenu]  # by title without "&": "File", "View"…
    toolbar: QToolBar  # not yet added to the window: it adds its own widgets first


def build(
    bar: QMenuBar,
    actions: Mapping[str, QAction],
    view_extras: Sequence[QAction | QMenu | None] = (),
) -> Menus:
    """Fill the menu bar from the table; `view_extras` (the window's own entries: panes side by
    side, dock toggles; None a separator) end the View menu."""
    menus: dict[str, QMenu] = {}
    for title, ids in MENUS:
        menu = bar.addMenu(title)
        menus[title.replace("&", "")] = menu
        for entry in ids:
            if entry is None:
                menu.addSeparator()
            elif isinstance(entry, tuple):
                submenu = menu.addMenu(entry[0])
                for item in entry[1]:
                    submenu.addAction(actions[item])
            else:
                menu.addAction(actions[entry])
        if title == "&View":
            for extra in view_extras:
                if extra is None:
                    menu.addSeparator()
                elif isinstance(extra, QMenu):
                    menu.addMenu(extra)
                else:
                    menu.addAction(extra)
    toolbar = QToolBar("Main")
    toolbar.setObjectName("toolbar_main")
    toolbar.setIconSize(QSize(18, 18))
    for name in TOOLBAR:
        toolbar.addSeparator() if name is None else toolbar.addAction(actions[name])
    return Menus(menus, toolbar)
