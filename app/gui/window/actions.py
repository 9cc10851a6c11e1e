"""Every user action in one table: id, label, shortcut, tooltip (shortcuts are data, like
Meld's accelerators). The main window turns the table into QActions and connects them by id."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    label: str
    shortcut: str  # QKeySequence text or a StandardKey name prefixed with "std:"; "" = none
    tooltip: str


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import", "&Import…", "Ctrl+I", "Import article files or folders"),
    ActionSpec(
        "export_pdf",
        "Export &PDF…",
        "Ctrl+Shift+E",
        "Export the shown comparison to a PDF document",
    ),
    ActionSpec(
        "export_annotations",
        "Export &annotations…",
        "",
        "Save this collection's annotations as W3C Web Annotation JSON-LD",
    ),
    ActionSpec(
        "reanalyse",
        "&Re-analyse collection",
        "Ctrl+Shift+R",
        "Run entity linking and alignment again for this collection, in the background",
    ),
    ActionSpec("quit", "&Quit", "Ctrl+Q", "Close Parallax"),
    ActionSpec("undo", "&Undo", "Ctrl+Z", "Undo the last annotation change"),
    ActionSpec("redo", "&Redo", "Ctrl+Shift+Z", "Redo the annotation change just undone"),
    ActionSpec("find", "&Find…", "Ctrl+F", "Find text in the article in focus"),
    ActionSpec("find_next", "Find &next", "F3", "Find the next occurrence"),
    ActionSpec(
        "next_difference",
        "Next &difference",
        "Alt+Down",
        "Go to the next difference between the sources",
    ),
    ActionSpec(
        "previous_difference",
        "Previous d&ifference",
        "Alt+Up",
        "Go to the previous difference between the sources",
    ),
    ActionSpec(
        "next_mention", "Next &mention", "Ctrl+.", "Go to the next mention of the selected entity"
    ),
    ActionSpec(
        "previous_mention",
        "Previous m&ention",
        "Ctrl+,",
        "Go to the previous mention of the selected entity",
    ),
    ActionSpec(
        "stop_following",
        "&Stop following entity",
        "Escape",
        "Clear the marks of the followed entity in every pane",
    ),
    ActionSpec("zoom_in", "Zoom &in", "Ctrl++", "Larger text in every pane"),
    ActionSpec("zoom_out", "Zoom &out", "Ctrl+-", "Smaller text in every pane"),
    ActionSpec("zoom_reset", "&Normal size", "Ctrl+0", "Text back to its normal size"),
    ActionSpec(
        "shared_only",
        "Only &shared entities",
        "Ctrl+Shift+S",
        "Highlight only entities that occur in two or more of the shown articles",
    ),
    ActionSpec("show_synopsis", "S&ynopsis", "Ctrl+2", "Show the aligned synopsis table"),
    ActionSpec("show_panes", "Side by si&de", "Ctrl+1", "Show the articles side by side"),
    ActionSpec(
        "highlight",
        "&Highlight selection",
        "Ctrl+H",
        "Highlight the selected text in the current colour",
    ),
    ActionSpec(
        "annotate",
        "Add &note…",
        "Ctrl+Shift+N",
        "Highlight the selected text and write a note with tags",
    ),
    ActionSpec(
        "annotate_group",
        "Note on statement &group…",
        "Ctrl+Shift+G",
        "Write a note about the statement in focus and its counterparts",
    ),
    ActionSpec(
        "help_reading", "How to &read a comparison", "F1", "What the colours, bands and marks mean"
    ),
    ActionSpec("help_shortcuts", "&Keyboard shortcuts", "Ctrl+/", "Every shortcut of the reader"),
    ActionSpec("about", "&About Parallax", "", "Version and language model"),
)


def spec(action_id: str) -> ActionSpec:
    return next(a for a in ACTIONS if a.id == action_id)


def build_actions(parent: QWidget) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for item in ACTIONS:
        action = QAction(item.label, parent)
        action.setObjectName(f"action_{item.id}")
        if item.shortcut:
            action.setShortcut(QKeySequence(item.shortcut))
            action.setToolTip(f"{item.tooltip} ({item.shortcut})")
        else:
            action.setToolTip(item.tooltip)
        action.setStatusTip(item.tooltip)
        actions[item.id] = action
    return actions
