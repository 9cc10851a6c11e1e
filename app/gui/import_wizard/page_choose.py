"""Page 1: choose folders and files; count what can be imported and what will be ignored."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from app.core.counting import count as count_of
from app.core.ingest.discover import Survey
from app.core.ingest.readers import READERS
from app.gui.import_wizard.dropped import links_from_urls, paths_from_urls, worth_importing
from app.gui.import_wizard.page_ids import LINKS, PREVIEW
from app.gui.import_wizard.session import ImportSession
from app.gui.import_wizard.tasks import survey_task
from app.gui.runner import Outcome, Status, TaskHandle, TaskRunner

FILE_FILTER = "Articles ({})".format(" ".join(f"*{suffix}" for suffix in READERS))


class ChoosePage(QWizardPage):
    def __init__(self, session: ImportSession, runner: TaskRunner) -> None:
        super().__init__()
        self.session = session
        self.runner = runner
        self.setTitle("Choose what to import")
        self.setSubTitle(
            "Folders and files of articles: saved web pages (.html, .mhtml, .webarchive), PDFs, "
            "Word documents, text files. You can also drop them here. For links, press "
            "“Add links from the web…”."
        )
        self.setAcceptDrops(True)
        self.path_list = QListWidget()
        self.path_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_folder_button = QPushButton("Add folder…")
        self.add_files_button = QPushButton("Add files…")
        self.remove_button = QPushButton("Remove")
        self.links_button = QPushButton("Add links from the web…")
        self.recursive_box = QCheckBox("Include sub-folders")
        self.recursive_box.setChecked(session.recursive)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setMinimumHeight(70)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        buttons = QVBoxLayout()
        for button in (self.add_folder_button, self.add_files_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.links_button)
        top = QHBoxLayout()
        top.addWidget(self.path_list, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.recursive_box)
        layout.addWidget(self.summary)

        self.add_folder_button.clicked.connect(self._add_folder)
        self.add_files_button.clicked.connect(self._add_files)
        self.remove_button.clicked.connect(self._remove_selected)
        self.links_button.clicked.connect(self.go_to_links)
        self.recursive_box.toggled.connect(self._recursive_toggled)
        self._survey: Survey | None = None
        self._job: TaskHandle | None = None
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._start_survey)
        self._show_paths()

    # --- paths -------------------------------------------------------------------------
    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.session.paths:
                self.session.paths.append(path)
        self._show_paths()

    @Slot()
    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of articles")
        if folder:
            self.add_paths([Path(folder)])

    @Slot()
    def _add_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add article files", "", FILE_FILTER)
        self.add_paths([Path(f) for f in files])

    @Slot()
    def _remove_selected(self) -> None:
        rows = sorted((i.row() for i in self.path_list.selectedIndexes()), reverse=True)
        for row in rows:
            del self.session.paths[row]
        self._show_paths()

    @Slot(bool)
    def _recursive_toggled(self, on: bool) -> None:
        self.session.recursive = on
        self._show_paths()

    def _show_paths(self) -> None:
        self.path_list.clear()
        for path in self.session.paths:
            self.path_list.addItem(f"{path}{'/' if path.is_dir() else ''}")
        self._survey = None
        self.summary.setText("Counting files…" if self.session.paths else "Nothing chosen yet.")
        self.completeChanged.emit()
        if self.session.paths:
            self._debounce.start()

    @Slot()
    def go_to_links(self) -> None:
        """On to the Links page, with or without files chosen here."""
        self.session.links = True
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def nextId(self) -> int:
        return LINKS if self.session.links else PREVIEW

    # --- counting, off the GUI thread (a big folder tree takes a while) ---------------------
    @Slot()
    def _start_survey(self) -> None:
        paths, recursive = list(self.session.paths), self.session.recursive
        # Replaces (cancels and silences) a count of paths the user has since changed.
        self._job = self.runner.submit(
            "survey", lambda ctx: survey_task(paths, recursive, ctx), on_done=self._survey_done
        )

    def _survey_done(self, outcome: Outcome) -> None:
        if outcome.status is Status.DONE:
            assert isinstance(outcome.value, Survey)
            self._survey = outcome.value
            self.summary.setText(survey_text(outcome.value))
            self.completeChanged.emit()
        elif outcome.status is Status.FAILED:
            self.summary.setText(f"Cannot look at these paths: {html.escape(outcome.error)}")

    def stop_jobs(self) -> None:
        self._debounce.stop()  # no new count once the wizard is closing
        if self._job is not None:
            self._job.discard()
            self._job = None

    def isComplete(self) -> bool:
        counted = self._survey is not None
        files = self._survey is not None and self._survey.total > 0
        links = self.session.links and bool(self.session.urls)
        # Links alone need no count; beside files, wait for it (it names what is ignored).
        return files or (links and (counted or not self.session.paths))

    # --- drag and drop onto the page -------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = paths_from_urls(u.toString() for u in event.mimeData().urls())
        if worth_importing(paths) or links_from_urls(u.toString() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Files and folders join the list; links from a browser go to the Links page."""
        links = links_from_urls(u.toString() for u in event.mimeData().urls())
        if links:
            self.session.urls += [u for u in links if u not in self.session.urls]
            self.session.links = True
            self.links_button.setText(f"Fetch {count_of(len(self.session.urls), 'link')}…")
        self.add_paths(paths_from_urls(u.toString() for u in event.mimeData().urls()))
        event.acceptProposedAction()


def survey_text(found: Survey) -> str:
    if found.total == 0:
        head = "<b>No importable files</b> (.txt, .md, .html, .mhtml, .pdf, .docx) here."
    else:
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(found.importable.items()))
        head = f"<b>{found.total} file{'s' if found.total != 1 else ''} to import</b>: {kinds}"
    if not found.ignored:
        return head + "<br>Nothing will be ignored."
    ignored = ", ".join(
        f"{n} × {html.escape(reason)}"
        for reason, n in sorted(found.ignored.items(), key=lambda kv: -kv[1])
    )
    return f"{head}<br><font color='#6a6a6a'>Ignored: {ignored}</font>"
