"""Side by side: a splitter of article panes joined by link maps, kept in step by the scroll
synchroniser, with a strip under them that shows the word diff of the statement in focus.

The splitter sits in a horizontal scroll area: as many panes are shown at once as fit at a
readable width (or as the user asked for), and the rest are reached by scrolling sideways, so
a laptop screen holds the reader without squeezing every pane into a narrow column."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from app.core.annotations.model import Annotation
from app.core.counting import count as count_of
from app.core.view.model import (
    Comparison,
    DifferenceView,
    EntityView,
    ReadingSpan,
    StatementView,
)
from app.gui.compare.article_pane import ArticlePane
from app.gui.compare.colours import difference_colour, legend_html
from app.gui.compare.follow_bar import FollowBar
from app.gui.compare.highlighter import Span
from app.gui.compare.link_map import WIDTH, Link, LinkMap
from app.gui.compare.scroll_sync import Anchor, ScrollSync, monotonic
from app.gui.compare.word_diff import is_reworded, pieces_html, word_diff

FOCUS_COLOUR = QColor("#2f5fb3")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
COUNTERPART_COLOUR = QColor("#f08c00")


class PaneSplitter(QSplitter):
    def __init__(self, view: CompareView) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._view = view
        self.setHandleWidth(WIDTH)
        self.setChildrenCollapsible(False)

    def createHandle(self) -> LinkMap:
        handle = LinkMap(self.orientation(), self)
        handle.links = self._view.links
        return handle


class CompareView(QWidget):
    statementFocused = Signal(str)
    entityClicked = Signal(str, str, int)  # entity key, article key, mention index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.splitter = PaneSplitter(self)
        self.splitter.splitterMoved.connect(lambda *_: self.invalidate_layout())
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.splitter)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.viewport().installEventFilter(self)
        self.visible_panes = 0  # panes shown side by side at once; 0 = as many as fit
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMargin(6)
        detail_area = QScrollArea()
        detail_area.setWidget(self.detail)
        detail_area.setWidgetResizable(True)
        detail_area.setMaximumHeight(110)
        detail_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.detail_area = detail_area
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.follow_bar = FollowBar()
        layout.addWidget(self.follow_bar)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(detail_area)
        self.panes: list[ArticlePane] = []
        self.context_actions: list = []  # QActions the panes' context menus offer
        self.annotations: Sequence[Annotation] = ()
        self.comparison: Comparison | None = None
        self.focus_group: str | None = None
        # The entities a click in the text follows (those highlighted); the window sets it.
        self.followable: Callable[[], Sequence[EntityView]] = lambda: ()
        self._anchor_cache: dict[tuple[int, int], list[Anchor]] = {}
        self.sync = ScrollSync(
            lambda: [p.text.verticalScrollBar() for p in self.panes],
            lambda: [p.text.viewport().height() for p in self.panes],
            self.anchors,
            self,
        )
        self._show_hint()

    # -- content ---------------------------------------------------------------------------
    def show_comparison(self, comparison: Comparison, keys: Sequence[str]) -> None:
        """One pane per article key, in the given order (texts only; paint() colours them)."""
        self.comparison = comparison
        self.focus_group = None
        while len(self.panes) > len(keys):
            gone = self.panes.pop()
            gone.hide()
            gone.setParent(None)  # out of the splitter now, not at the next event loop turn
            gone.deleteLater()
        while len(self.panes) < len(keys):
            pane = ArticlePane()
            pane.text.context_actions = self.context_actions
            pane.text.tooltip_for = lambda offset, p=pane: self.tooltip(p.key, offset)
            pane.statementClicked.connect(self._text_clicked)
            pane.text.verticalScrollBar().valueChanged.connect(self._scrolled)
            self.panes.append(pane)
            self.splitter.addWidget(pane)
            bar = pane.text.verticalScrollBar()
            bar.valueChanged.connect(lambda _v, p=pane: self._sync_from(p))
        for pane, key in zip(self.panes, keys, strict=True):
            pane.show_article(comparison.article(key))
            pane.text.set_bars([])
            pane.text.set_mentions([], None)
        self.splitter.setSizes([1000] * len(keys))
        self.fit_panes()
        self.invalidate_layout()
        self._show_hint()

    def paint(self, layers: dict[str, list[tuple[str, list[Span]]]],
              annotations: Sequence[Annotation]) -> None:  # fmt: skip
        assert self.comparison is not None
        self.annotations = annotations
        for pane in self.panes:
            pane.paint(layers[pane.key])
            pane.mark_overview(self.comparison, annotations)
        self._repaint_links()

    def pane_for(self, article_key: str) -> ArticlePane | None:
        return next((p for p in self.panes if p.key == article_key), None)

    def zoom(self, steps: int) -> None:
        for pane in self.panes:
            if steps > 0:
                pane.text.zoomIn(steps)
            else:
                pane.text.zoomOut(-steps)
            pane.fit_min_width()
        self.fit_panes()
        self.invalidate_layout()

    def shown_panes(self) -> int:
        """How many panes are side by side in the view now (the rest: scroll sideways)."""
        room = self.scroller.viewport().width()
        handle = self.splitter.handleWidth()
        least = max((p.minimumWidth() for p in self.panes), default=1)
        fit = max(1, (room + handle) // (least + handle))
        wanted = self.visible_panes or fit
        return max(1, min(len(self.panes), wanted, fit))

    def set_visible_panes(self, count: int) -> None:
        """Show `count` panes at once (0 = as many as fit at a readable width)."""
        self.visible_panes = max(0, count)
        self.fit_panes()
        self.invalidate_layout()

    def fit_panes(self) -> None:
        """Size the splitter so that exactly shown_panes() panes fill the view's width."""
        count = len(self.panes)
        room = self.scroller.viewport().width()
        if count == 0 or room < 50:
            return
        shown = self.shown_panes()
        bar = self.scroller.horizontalScrollBar()
        if shown >= count:
            self.splitter.setMinimumWidth(0)  # all fit: the splitter follows the view
            if self.splitter.width() > room:  # … also when it was wider before (no scroll left)
                self.splitter.resize(room, self.splitter.height())
            bar.setToolTip("")
            return
        bar.setToolTip(
            f"{shown} of {count_of(count, 'article')} side by side: scroll for the others"
        )
        handle = self.splitter.handleWidth()
        width = (room - (shown - 1) * handle) // shown
        self.splitter.setMinimumWidth(count * width + (count - 1) * handle)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroller.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_panes()
        return super().eventFilter(watched, event)

    # -- geometry shared with the link maps and the scroll sync ------------------------------
    def invalidate_layout(self) -> None:
        self._anchor_cache.clear()
        for pane in self.panes:
            if pane._marks:
                pane.refresh_overview()
        self._repaint_links()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._anchor_cache.clear()

    def _pairs(self, i: int, j: int) -> list[tuple[StatementView, StatementView, str]]:
        if self.comparison is None or max(i, j) >= len(self.panes):
            return []
        left, right = self.panes[i].key, self.panes[j].key
        pairs = []
        for group in self.comparison.groups.values():
            members = [self.comparison.statements[k] for k in group.statements]
            for a in (m for m in members if m.article == left):
                for b in (m for m in members if m.article == right):
                    pairs.append((a, b, group.key))
        return pairs

    def links(self, handle_index: int) -> list[Link]:
        assert self.comparison is not None or handle_index >= 0
        out: list[Link] = []
        for a, b, gkey in self._pairs(handle_index - 1, handle_index):
            status = self.comparison.groups[gkey].status if self.comparison else "shared"
            out.append(((a.start, a.end), (b.start, b.end), status, gkey == self.focus_group))
        return out

    def anchors(self, i: int, j: int) -> list[Anchor]:
        cached = self._anchor_cache.get((i, j))
        if cached is not None:
            return cached
        src, dst = self.panes[i].text, self.panes[j].text
        points = [(0.0, 0.0)]
        for a, b, _ in self._pairs(i, j):
            points.append((float(src.content_y(a.start)), float(dst.content_y(b.start))))
        points.append((src.document().size().height(), dst.document().size().height()))
        anchors = monotonic(points)
        self._anchor_cache[(i, j)] = anchors
        return anchors

    def _sync_from(self, pane: ArticlePane) -> None:
        if pane in self.panes:
            self.sync.sync_from(self.panes.index(pane))

    def _scrolled(self) -> None:
        self._repaint_links()

    def _repaint_links(self) -> None:
        for i in range(1, self.splitter.count()):
            self.splitter.handle(i).update()

    # -- focus -----------------------------------------------------------------------------
    def _text_clicked(self, article_key: str, offset: int) -> None:
        """A click on a highlighted name follows its entity; anywhere else, its statement."""
        mention = self.entity_at(article_key, offset)
        if mention is not None:
            self.entityClicked.emit(mention[0], article_key, mention[1])
        else:
            self.focus_at(article_key, offset)

    def focus_at(self, article_key: str, offset: int) -> None:
        if self.comparison is None:
            return
        statement = self.comparison.statement_at(article_key, offset)
        if statement is not None:
            self.focus_statement(statement.key)

    def focus_statement(
        self, statement_key: str, scroll_source: bool = False,
        prefer: Sequence[ReadingSpan] = (), group: str | None = None,
    ) -> None:  # fmt: skip
        """Mark a statement and its counterparts; scroll the other panes so each counterpart
        lines up with it (in a pane with several, the one holding a `prefer` span: the
        reading of the difference being shown); show the word diff in the strip. A statement
        can belong to two groups: `group` chooses one, else both are shown."""
        assert self.comparison is not None
        statement = self.comparison.statements[statement_key]
        self.focus_group = group or statement.group
        counterparts = self.comparison.counterparts(statement_key, group)
        source = self.pane_for(statement.article)
        if source is None:
            return
        self.scroller.ensureWidgetVisible(source, 0, 0)  # it may lie beyond the view's edge
        if scroll_source:
            source.text.scroll_to(statement.start)
        source_y = source.text.span_y(statement.start, statement.end)[0]
        with self.sync.lock.hold():
            for pane in self.panes:
                mine = [c for c in counterparts if c.article == pane.key]
                if pane is source:
                    pane.text.set_bars([(statement.start, statement.end, FOCUS_COLOUR)])
                    continue
                pane.text.set_bars([(c.start, c.end, COUNTERPART_COLOUR) for c in mine])
                wanted = {span.statement for span in prefer if span.article == pane.key}
                mine.sort(key=lambda c: (c.key not in wanted, c.start))
                if mine:
                    bar = pane.text.verticalScrollBar()
                    bar.setValue(pane.text.content_y(mine[0].start) - source_y)
        shown = (group,) if group else statement.groups or tuple(filter(None, [statement.group]))
        self._show_detail(statement, counterparts, groups=shown)
        self._repaint_links()
        self.statementFocused.emit(statement_key)

    def focus_difference(self, difference: DifferenceView) -> None:
        """Bring a difference into view in every pane that carries one of its readings."""
        assert self.comparison is not None
        spans = difference.spans()
        if not spans:
            return
        shown = {p.key for p in self.panes}
        first = next((s for s in spans if s.article in shown), None)
        if first is None:
            return
        self.focus_statement(
            first.statement, scroll_source=True, prefer=spans, group=difference.group
        )
        self._show_detail(
            self.comparison.statements[first.statement],
            self.comparison.counterparts(first.statement, difference.group),
            difference,
        )

    def show_entity(
        self, entity: EntityView | None, current: tuple[str, int] | None, every_pane: bool
    ) -> None:
        """Outline an entity's mentions in every pane; `current` = (article key, mention
        index) in focus. `every_pane`: each pane also scrolls to its first mention (the
        start of following); else only the current mention's pane moves (the walk). The
        scroll sync is held: each pane stays on its own mention, not on its neighbour's."""
        with self.sync.lock.hold():
            for pane in self.panes:
                spans = list(entity.mentions.get(pane.key, ())) if entity else []
                index = current[1] if current and current[0] == pane.key else None
                pane.text.set_mentions(spans, index)
                if index is not None:
                    pane.text.scroll_to(spans[index][0], 0.4)
                    self.scroller.ensureWidgetVisible(pane, 0, 0)
                elif every_pane and spans:
                    pane.text.scroll_to(spans[0][0], 0.4)
        self._repaint_links()

    def entity_at(self, article_key: str, offset: int) -> tuple[str, int] | None:
        """The followable entity mention under a character: (entity key, mention index)."""
        for entity in self.followable():
            for i, (start, end) in enumerate(entity.mentions.get(article_key, ())):
                if start <= offset < end:
                    return entity.key, i
        return None

    # -- the strip under the panes ---------------------------------------------------------
    def _show_hint(self) -> None:
        if self.comparison is not None and not self.comparison.has_alignment:
            self.detail.setText(
                "<i>No statement alignment in this collection yet: panes scroll in proportion."
                " Click a statement to see its counterparts once alignment has run.</i>"
            )
        else:
            self.detail.setText("<i>Click a statement to see its counterparts and the words"
                                f" that differ.</i><br>{legend_html()}")  # fmt: skip

    def _show_detail(
        self,
        statement: StatementView,
        counterparts: Sequence[StatementView],
        difference: DifferenceView | None = None,
        groups: Sequence[str] = (),
    ) -> None:
        assert self.comparison is not None
        label = self.comparison.article(statement.article).label
        if not counterparts:
            state = "not compared" if statement.state == "context" else "only in this source"
            self.detail.setText(f"<b>{_esc(label)}</b>: {state}.")
            return
        rows = []
        if difference is not None:
            colour = difference_colour(difference.type)
            readings = " | ".join(
                f"<b>{_esc(reading.text)}</b> ({self.comparison.sources_of(reading.spans)})"
                for reading in difference.readings
            )
            rows.append(
                f'<span style="color:{colour}"><b>{difference.type}</b></span>'
                f" ({difference.severity}): {_esc(difference.detail)} — {readings}"
            )
        if difference is None:
            rows += [
                f'<span style="color:{difference_colour(d.type)}"><b>{d.type}</b></span>'
                f" ({d.severity}): {_esc(d.detail)}"
                for key in groups
                for d in self.comparison.groups[key].differences
            ]
        for other in counterparts:
            # The same source can tell a fact twice: then "X vs X" would say nothing.
            who = (
                f"<b>{_esc(label)}</b>, another statement:"
                if other.article == statement.article
                else f"<b>{_esc(self._label(other.article))}</b> vs <b>{_esc(label)}</b>:"
            )
            pieces = word_diff(statement.text, other.text)
            if is_reworded(pieces):
                rows.append(f"{who} <i>reworded</i>{self._shared_points(statement, other)}:"
                            f" {_esc(other.text)}")  # fmt: skip
            else:
                rows.append(f"{who} {pieces_html(pieces)}")
        self.detail.setText("<br>".join(rows))

    def _shared_points(self, one: StatementView, other: StatementView) -> str:
        """What a paraphrase keeps: the entities both statements name and the figures both
        give (" (both name Borrell, Moscow; both give 3)"), so "reworded" is not read as
        "disagrees"."""
        assert self.comparison is not None
        entities = self.comparison.entities

        def names_in(statement: StatementView) -> set[str]:
            return {
                e.name
                for e in entities
                for start, end in e.mentions.get(statement.article, ())
                if statement.start <= start and end <= statement.end
            }

        names = sorted(names_in(one) & names_in(other))
        figures = sorted(set(_FIGURE.findall(one.text)) & set(_FIGURE.findall(other.text)))
        parts = []
        if names:
            parts.append("both name " + ", ".join(_esc(n) for n in names))
        if figures:
            parts.append("both give " + ", ".join(figures))
        return f" ({'; '.join(parts)})" if parts else ""

    def tooltip(self, article_key: str, offset: int) -> str:
        """What hovering a character tells: notes on it, and its statement's differences."""
        if self.comparison is None:
            return ""
        article = self.comparison.article(article_key)
        lines = [
            f"<b>Note</b> ({', '.join(a.tags) or 'no tags'}): {_esc(a.note or a.exact)}"
            for a in self.annotations
            if a.article_id == article.db_id and a.start <= offset < a.end and not a.is_orphan
        ]
        statement = self.comparison.statement_at(article_key, offset)
        if statement is not None and statement.group is not None:
            for key in statement.groups or (statement.group,):
                group = self.comparison.groups[key]
                others = sorted(
                    {
                        self._label(s.article)
                        for s in self.comparison.counterparts(statement.key, key)
                    }
                )
                lines.append(f"<b>{group.status}</b>, also in {_esc(', '.join(others))}")
                lines += [
                    f'<span style="color:{difference_colour(d.type)}">{d.type}</span>:'
                    f" {_esc(d.detail)}"
                    for d in group.differences
                ]
        elif statement is not None and statement.state == "unique":
            lines.append(f"Only in {_esc(article.label)}")
        return "<br>".join(lines)

    def _label(self, article_key: str) -> str:
        assert self.comparison is not None
        return self.comparison.article(article_key).label


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
