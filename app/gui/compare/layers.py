"""What each pane paints, as layers of spans: statement tints, entities, differing words,
annotations. Built from the comparison records and the reader's display options."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QTextCharFormat

from app.core.annotations.model import Annotation
from app.core.view.model import Comparison, EntityView
from app.gui.compare.colours import STATE_TINTS, difference_colour, entity_underlines
from app.gui.compare.highlighter import Span, background, underline

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "CARDINAL", "OTHER")


def type_group(label: str) -> str:
    return label if label in ENTITY_TYPES else "OTHER"


@dataclass(frozen=True)
class DisplayOptions:
    shared_only: bool = True  # entities present in ≥ 2 shown articles
    hidden_types: frozenset[str] = frozenset({"CARDINAL", "OTHER"})
    show_states: bool = True
    hidden_entities: frozenset[str] = field(default_factory=frozenset)


def visible_entities(
    comparison: Comparison, options: DisplayOptions, shown: Iterable[str]
) -> list[EntityView]:
    shown_set = set(shown)
    return [
        e
        for e in comparison.entities
        if type_group(e.label) not in options.hidden_types
        and e.key not in options.hidden_entities
        and (not options.shared_only or len(e.articles & shown_set) >= 2)
    ]


def note_format(colour: str) -> QTextCharFormat:
    """The user's highlight, with a dotted underline so it never reads as an entity colour."""
    fmt = background(colour)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(QColor(colour).darker(180))
    return fmt


def pane_layers(
    comparison: Comparison,
    article_key: str,
    entities: Sequence[EntityView],
    colours: dict[str, str],
    options: DisplayOptions,
    annotations: Sequence[Annotation],
    article_db_id: int,
) -> list[tuple[str, list[Span]]]:
    states: list[Span] = []
    if options.show_states:
        formats = {state: background(tint) for state, tint in STATE_TINTS.items()}
        for st in comparison.by_article.get(article_key, ()):
            if st.state in formats:
                states.append(Span(st.start, st.end, formats[st.state]))
    entity_spans: list[Span] = []
    underlines = entity_underlines(colours)
    for entity in entities:
        fmt = background(colours[entity.key])
        style = underlines.get(entity.key, QTextCharFormat.UnderlineStyle.NoUnderline)
        if style != QTextCharFormat.UnderlineStyle.NoUnderline:
            # a colour shared with a more frequent entity: told apart by the line under it
            fmt.setUnderlineStyle(style)
            fmt.setUnderlineColor(QColor(colours[entity.key]).darker(200))
        entity_spans += [Span(s, e, fmt) for s, e in entity.mentions.get(article_key, ())]
    words: list[Span] = []
    for group in comparison.groups.values():
        for difference in group.differences:
            if len(difference.readings) < 2:
                continue
            fmt = underline(difference_colour(difference.type))
            words += [
                Span(sp.start, sp.end, fmt)
                for sp in difference.spans()
                if sp.article == article_key
            ]
    notes = [
        Span(a.start, a.end, note_format(a.colour))
        for a in annotations
        if a.article_id == article_db_id and not a.is_orphan
    ]
    return [
        ("states", states),
        ("entities", entity_spans),
        ("differences", words),
        ("notes", notes),
    ]
