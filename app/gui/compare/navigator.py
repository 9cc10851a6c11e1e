"""Stepping through the comparison: next/previous difference (all panes follow) and
next/previous mention of the selected entity."""

from __future__ import annotations

from collections.abc import Callable

from app.core.view.model import Comparison, DifferenceView, EntityView
from app.gui.compare.compare_view import CompareView
from app.gui.compare.follow_bar import FollowPosition


class Navigator:
    def __init__(self, view: CompareView, irrelevant: Callable[[], set[str]]) -> None:
        self.view = view
        self._irrelevant = irrelevant
        self.difference_index = -1
        self.entity: EntityView | None = None
        self.mention_index = -1

    def reset(self) -> None:
        self.difference_index = -1
        self.mention_index = -1

    def walkable_differences(self) -> list[DifferenceView]:
        """Differences with readings in two or more shown panes, not marked irrelevant."""
        comparison: Comparison | None = self.view.comparison
        if comparison is None:
            return []
        shown = {p.key for p in self.view.panes}
        skip = self._irrelevant()
        return [
            d
            for d in comparison.differences()
            if d.key not in skip and len({s.article for s in d.spans()} & shown) >= 2
        ]

    def step_difference(self, step: int) -> DifferenceView | None:
        items = self.walkable_differences()
        if not items:
            return None
        if self.difference_index < 0 and step < 0:
            self.difference_index = len(items) - 1  # "previous" from nowhere: the last one
        else:
            self.difference_index = (self.difference_index + step) % len(items)
        difference = items[self.difference_index]
        self.view.focus_difference(difference)
        return difference

    def go_to_difference(self, key: str) -> DifferenceView | None:
        items = self.walkable_differences()
        for i, d in enumerate(items):
            if d.key == key:
                self.difference_index = i
                self.view.focus_difference(d)
                return d
        comparison = self.view.comparison
        found = (
            next((d for d in comparison.differences() if d.key == key), None)
            if comparison
            else None
        )
        if found is not None:
            self.view.focus_difference(found)
        return found

    # -- following an entity across panes ----------------------------------------------------
    def mentions(self) -> list[tuple[str, int]]:
        """Every mention of the followed entity in the shown panes, pane by pane, in reading
        order: the walk of next/previous mention."""
        if self.entity is None:
            return []
        out = []
        for pane in self.view.panes:
            spans = self.entity.mentions.get(pane.key, ())
            out += [(pane.key, i) for i in range(len(spans))]
        return out

    def select_entity(self, entity: EntityView | None, at: tuple[str, int] | None = None) -> None:
        """Follow `entity` (None: stop): mark its mentions in every pane and bring each pane
        to its first one. The current mention is `at` (article key, mention index: the one
        clicked), else the first in the first pane that has one."""
        self.entity = entity
        items = self.mentions()
        if at in items:
            self.mention_index = items.index(at)
        else:
            self.mention_index = 0 if items else -1
        current = items[self.mention_index] if items else None
        self.view.show_entity(entity, current, every_pane=True)

    def step_mention(self, step: int) -> tuple[str, int] | None:
        items = self.mentions()
        if not items:
            return None
        self.mention_index = (self.mention_index + step) % len(items)
        current = items[self.mention_index]
        self.view.show_entity(self.entity, current, every_pane=False)
        return current

    def position(self) -> FollowPosition | None:
        """Where the walk stands: for the count "Navalny — 3 of 17, in 5 sources"."""
        if self.entity is None:
            return None
        items = self.mentions()
        shown = [p.key for p in self.view.panes]
        present = [k for k in shown if self.entity.mentions.get(k)]
        return FollowPosition(
            self.entity.name, self.mention_index + 1 if items else 0, len(items),
            present, [k for k in shown if k not in present],
        )  # fmt: skip
