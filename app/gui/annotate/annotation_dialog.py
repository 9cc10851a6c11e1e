"""Edit an annotation's note, tags and colour."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.gui.compare.colours import ANNOTATION_COLOURS

COLOUR_NAMES = dict(zip(ANNOTATION_COLOURS, ("Yellow", "Green", "Blue", "Pink", "Orange"),
                        strict=True))  # fmt: skip


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class AnnotationDialog(QDialog):
    def __init__(
        self, quote: str, note: str = "", tags: tuple[str, ...] = (), colour: str = "",
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Annotation")
        form = QFormLayout(self)
        shown = quote if len(quote) < 300 else quote[:297] + "…"
        quote_label = QLabel(f"“{shown}”")
        quote_label.setWordWrap(True)
        form.addRow("Text", quote_label)
        self.note = QPlainTextEdit(note)
        self.note.setObjectName("annotationNote")
        self.note.setTabChangesFocus(True)  # Tab goes to Tags, as in every form
        self.note.setPlaceholderText("Ctrl+Return saves")
        form.addRow("Note", self.note)
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setObjectName("annotationTags")
        self.tags.setPlaceholderText("comma-separated, e.g. bias, check")
        form.addRow("Tags", self.tags)
        self.colour = QComboBox()
        for value, name in COLOUR_NAMES.items():
            self.colour.addItem(swatch(value), name, value)
        if colour and colour not in COLOUR_NAMES:
            self.colour.addItem(swatch(colour), colour, colour)
        self.colour.setCurrentIndex(max(0, self.colour.findData(colour or ANNOTATION_COLOURS[0])))
        form.addRow("Colour", self.colour)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Ok)
        save.setText("Save")
        save.setToolTip("Save (Ctrl+Return)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Return in the note is a new line; Ctrl+Return saves from any field.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        form.addRow(buttons)
        self.resize(440, 300)

    def values(self) -> tuple[str, tuple[str, ...], str]:
        tags = tuple(t.strip() for t in self.tags.text().split(",") if t.strip())
        return self.note.toPlainText().strip(), tags, str(self.colour.currentData())
