"""Help: the keyboard-shortcut sheet (made from the action table, so it can never disagree
with the menus) and the "how to read a comparison" page (resources/help/reading.html, in the
colours of the one palette)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.core.palette import DIFFERENCE_INK, STATE_TINTS
from app.core.resources import resources_dir
from app.gui.window.actions import ACTIONS

# What the keyboard and mouse do outside the menus' actions.
GESTURES: tuple[tuple[str, str], ...] = (
    ("Click a statement", "Line up its counterparts in the other panes; word diff below"),
    ("Click a highlighted name", "Follow the entity in every pane"),
    ("Escape", "Stop following the entity"),
    ("Enter in the find box", "Next match in the article in focus (also F3)"),
    ("Ctrl+Return in a note", "Save the note"),
    ("Tab in a note", "Next field"),
    ("Drop files or folders on the window", "Import them"),
)


def shortcuts_html() -> str:
    rows = [
        (item.shortcut, item.label.replace("&", "").removesuffix("…"), item.tooltip)
        for item in ACTIONS
        if item.shortcut and not item.shortcut.startswith("std:")
    ]
    table = "".join(
        f"<tr><td><b>{escape(keys)}</b></td><td>{escape(label)}</td>"
        f"<td style='color:#555'>{escape(tip)}</td></tr>"
        for keys, label, tip in rows
    )
    gestures = "".join(
        f"<tr><td><b>{escape(what)}</b></td><td colspan=2>{escape(does)}</td></tr>"
        for what, does in GESTURES
    )
    return (
        "<h2>Keyboard shortcuts</h2><table cellpadding=4>"
        f"{table}</table><h3>Mouse and keys in the reader</h3>"
        f"<table cellpadding=4>{gestures}</table>"
    )


def reading_html() -> str:
    text = (resources_dir() / "help" / "reading.html").read_text(encoding="utf-8")
    colours = {f"tint_{k}": v for k, v in STATE_TINTS.items()}
    colours |= {f"ink_{k}": v for k, v in DIFFERENCE_INK.items()}
    for name, value in colours.items():
        text = text.replace("{" + name + "}", value)
    return text


class HelpDialog(QDialog):
    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)


def show_help(parent: QWidget, which: str) -> HelpDialog:
    """Open (not modal: it can stay beside the reader) the shortcuts or the reading page."""
    title, html = (
        ("Keyboard shortcuts", shortcuts_html())
        if which == "shortcuts"
        else ("How to read a comparison", reading_html())
    )
    dialog = HelpDialog(title, html, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # opened often: never piled up
    dialog.show()
    return dialog
