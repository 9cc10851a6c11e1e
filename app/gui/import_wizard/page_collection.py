"""Page 3: add to an existing collection or create one, with a suggested name."""

from __future__ import annotations

import html

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.core.counting import count as count_of
from app.core.ingest.naming import suggest_name
from app.core.ingest.preview import Status
from app.core.store import collections
from app.core.store.db import open_db
from app.gui.import_wizard.session import ImportSession


class CollectionPage(QWizardPage):
    def __init__(self, session: ImportSession) -> None:
        super().__init__()
        self.session = session
        self.setTitle("Choose the collection")
        self.setSubTitle("A collection holds the articles about one story, to be compared.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        self.new_button = QRadioButton("Create a new collection:")
        self.existing_button = QRadioButton("Add to an existing collection:")
        group = QButtonGroup(self)
        group.addButton(self.new_button)
        group.addButton(self.existing_button)
        self.name_edit = QLineEdit()
        self.name_edit.setMinimumWidth(380)
        self.existing_combo = QComboBox()
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)

        grid = QGridLayout()
        grid.addWidget(self.new_button, 0, 0)
        grid.addWidget(self.name_edit, 0, 1)
        grid.addWidget(self.basis, 1, 1)
        grid.addWidget(self.existing_button, 2, 0)
        grid.addWidget(self.existing_combo, 2, 1)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(10)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addWidget(self.note)
        layout.addStretch()

        self.new_button.toggled.connect(self._changed)
        self.name_edit.textChanged.connect(self._changed)
        self.existing_combo.currentIndexChanged.connect(self._changed)
        self._existing: dict[str, int] = {}

    def initializePage(self) -> None:
        db = open_db(self.session.db_path)
        try:  # a short read on the GUI thread: names and counts only
            counts = collections.article_counts(db)
            self._existing = {c.name: counts.get(c.id, 0) for c in collections.list_all(db)}
        finally:
            db.conn.close()
        self.existing_combo.clear()
        for name, count in self._existing.items():
            self.existing_combo.addItem(f"{name} ({count_of(count, 'article')})", name)
        chosen = self.session.chosen()
        suggestion = suggest_name(
            [r.value("title") for r in chosen], [r.names for r in chosen if r.names]
        )
        self.name_edit.setText(suggestion.name)
        self.basis.setText(f"<small>Suggested from {html.escape(suggestion.basis)}.</small>")
        self.existing_button.setEnabled(bool(self._existing))
        self.existing_combo.setEnabled(bool(self._existing))
        self.new_button.setChecked(True)
        self._changed()

    def chosen_name(self) -> str:
        if self.existing_button.isChecked():
            return str(self.existing_combo.currentData() or "")
        return self.name_edit.text().strip()

    @Slot()
    def _changed(self) -> None:
        new = self.new_button.isChecked()
        self.name_edit.setEnabled(new)
        self.existing_combo.setEnabled(not new and bool(self._existing))
        notes: list[str] = []
        name = self.chosen_name()
        if new and name in self._existing:
            notes.append(f"A collection named {html.escape(name)!r} exists: the articles will "
                         "be added to it.")  # fmt: skip
        duplicates = [r for r in self.session.chosen() if r.item.status is Status.DUPLICATE]
        if duplicates:
            notes.append(
                f"{len(duplicates)} of the chosen files are already stored; in the same "
                "collection they will be reported as duplicates and not imported again."
            )
        chosen = self.session.chosen()
        notes.append(
            f"<b>{count_of(len(chosen), 'file')}</b>"
            f" ({count_of(self.session.chosen_words(), 'word')}) will be imported and analysed."
        )
        self.note.setText("<br><br>".join(notes))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.chosen_name())

    def validatePage(self) -> bool:
        self.session.collection = self.chosen_name()
        return bool(self.session.collection)
