"""Stepping through the comparison: next/previous difference (all panes follow) and
next/previous mention of the selected entity."""

from __future__ import annotations

from collections.abc import Callable

from app.gui.compare_view import CompareView
from app.gui.comparison_data import Comparison, DifferenceView, EntityView


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

    # -- entity mentions -------------------------------------------------------------------
    def mentions(self) -> list[tuple[str, int]]:
        if self.entity is None:
            return []
        out = []
        for pane in self.view.panes:
            spans = self.entity.mentions.get(pane.key, ())
            out += [(pane.key, i) for i in range(len(spans))]
        return out

    def select_entity(self, entity: EntityView | None) -> None:
        self.entity = entity
        self.mention_index = -1
        self.view.show_entity(entity, None)

    def step_mention(self, step: int) -> tuple[str, int] | None:
        items = self.mentions()
        if not items:
            return None
        self.mention_index = (self.mention_index + step) % len(items)
        current = items[self.mention_index]
        self.view.show_entity(self.entity, current)
        return current
