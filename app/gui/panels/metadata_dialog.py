"""Edit an article's metadata (the core remembers edited fields across re-analysis)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from app.core.store.articles import EDITABLE, ArticleRow


class MetadataDialog(QDialog):
    def __init__(self, row: ArticleRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article metadata")
        self._row = row
        self._edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name in EDITABLE:
            edit = QLineEdit(getattr(row, name) or "")
            self._edits[name] = edit
            form.addRow(name.capitalize(), edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())

    def values(self) -> dict[str, str | None]:
        """Only the fields that changed (empty means unknown)."""
        return {
            name: (edit.text().strip() or None)
            for name, edit in self._edits.items()
            if edit.text().strip() != (getattr(self._row, name) or "")
        }
