"""A bar above the comparison when the shown collection's analysis did not finish (a crash, a
kill, Stop, an article that failed a stage: app/core/store/analysis_state.py). It says since
when and why, and offers "Finish analysis" (`finishRequested`), which the window answers with
its usual re-analysis; the window shows it again whenever a comparison is shown or a run ends."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.store.analysis_state import Unfinished

SHOWN_FAILURES = 3  # more go to the tooltip


class UnfinishedBanner(QFrame):
    finishRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unfinishedBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#unfinishedBanner { background: #fff3cd; border: 1px solid #e0c36a; }"
            " #unfinishedBanner QLabel { color: #5c4400; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton("Finish analysis")
        self.button.setToolTip("Run the collection's analysis again, to its end")
        self.button.clicked.connect(self._finish)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def _finish(self) -> None:
        # Until the re-analysis reports (the view reloads and calls show_state again).
        self.button.setEnabled(False)
        self.button.setText("Finishing…")
        self.finishRequested.emit()

    def show_state(self, unfinished: Unfinished | None) -> None:
        """Shown with the mark's when and why; hidden when there is no mark."""
        self.button.setEnabled(True)
        self.button.setText("Finish analysis")
        if unfinished is None:
            self.hide()
            return
        lines = [f.line() for f in unfinished.failures]
        text = (
            f"<b>The analysis of this collection did not finish</b> ({unfinished.when}):"
            f" {unfinished.reason}."
        )
        for line in lines[:SHOWN_FAILURES]:
            text += f"<br>• {_escape(line)}"
        if len(lines) > SHOWN_FAILURES:
            text += f"<br>… and {len(lines) - SHOWN_FAILURES} more"
        self.label.setText(text)
        self.setToolTip("\n".join(lines))
        self.show()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def above(banner: UnfinishedBanner, content: QWidget) -> QWidget:
    """The banner over the window's central content, in one widget to make the central one."""
    container = QWidget()
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(content)
    return container
