"""Tree widget helpers shared by the panels."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def second_level(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The items under the top-level groups (articles under collections, differences under
    their type), in display order."""
    out = []
    for i in range(tree.topLevelItemCount()):
        parent = tree.topLevelItem(i)
        out += [parent.child(j) for j in range(parent.childCount())]
    return out
