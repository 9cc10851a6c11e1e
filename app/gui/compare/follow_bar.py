"""The strip above the panes while an entity is followed: where the walk stands
("Navalny — 3 of 17, in 5 sources"), the sources that never name it, and the buttons of the
walk (previous, next, stop; the same as Ctrl+, / Ctrl+. / Escape)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget


@dataclass(frozen=True, slots=True)
class FollowPosition:
    name: str
    index: int  # 1-based; 0 when the entity has no mention in the shown panes
    total: int
    present: list[str]  # article keys of the shown panes that mention it
    absent: list[str]  # … and of those that do not


def follow_text(position: FollowPosition, label: Callable[[str], str]) -> str:
    """The count the bar shows, in plain words (also the test's handle on the state)."""
    sources = len(position.present)
    where = f"in {sources} source{'s' if sources != 1 else ''}"
    if position.total == 0:
        head = f"{position.name} — not mentioned in the shown articles"
    else:
        head = f"{position.name} — {position.index} of {position.total}, {where}"
    if position.absent and position.total:
        head += " · not in " + ", ".join(label(k) for k in position.absent)
    return head


class FollowBar(QFrame):
    stepRequested = Signal(int)
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followBar")
        self.setStyleSheet("#followBar { background: #e8eefa; border-bottom: 1px solid #9fb3d9; }")
        self.swatch = QLabel()
        self.swatch.setFixedSize(12, 12)
        self.label = QLabel()
        # Long lists of sources elide in the label's width, never widen the window.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.swatch)
        layout.addWidget(self.label, 1)
        for text, tip, step in (("◀", "Previous mention (Ctrl+,)", -1),
                                ("▶", "Next mention (Ctrl+.)", 1)):  # fmt: skip
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, s=step: self.stepRequested.emit(s))
            layout.addWidget(button)
        stop = QToolButton()
        stop.setText("✕")
        stop.setToolTip("Stop following this entity (Escape)")
        stop.clicked.connect(lambda _c=False: self.stopRequested.emit())
        layout.addWidget(stop)
        self.hide()

    def show_position(
        self, position: FollowPosition | None, colour: str, label: Callable[[str], str]
    ) -> None:
        if position is None:
            self.hide()
            return
        self.swatch.setStyleSheet(f"background: {colour}; border: 1px solid #556;")
        text = follow_text(position, label)
        self.label.setText(text)
        self.label.setToolTip(text)
        self.show()
