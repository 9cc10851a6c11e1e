"""The comparison as the reader, the PDF, the JSON export and the CLI all see it: frozen records
of the chosen articles, their entities, statements, aligned groups and differences.

Built once (`load.load_comparison` from the database, `document.from_document` from a
`parallax/comparison-1` dict); every consumer reads these records instead of the tables or
the JSON. Whether a group diverges is decided here, in `GroupView.divergent`, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SHARED, DIVERGENT, UNIQUE, CONTEXT = "shared", "divergent", "unique", "context"
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ArticleView:
    key: str  # "a<id>": the export id
    db_id: int
    path: str
    label: str  # short: source, else the title cut short, else the file name
    source: str | None  # the metadata as stored: None when unknown
    title: str | None
    published: str | None
    text: str
    url: str | None = None
    author: str | None = None
    language: str | None = None
    word_count: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EntityView:
    key: str  # "e<id>"
    name: str
    label: str
    mentions: dict[str, tuple[Span, ...]]  # article key → spans, in article order
    value: str | None = None  # a date's ISO value, an amount
    written: tuple[Mention, ...] = ()  # every mention with its words, in article order
    descriptors: tuple[Mention, ...] = ()  # "the opposition leader", "Russia's top diplomat"

    @property
    def articles(self) -> frozenset[str]:
        return frozenset(self.mentions)

    @property
    def db_id(self) -> int:
        return int(self.key.lstrip("e"))

    @property
    def aliases(self) -> tuple[str, ...]:
        """The other ways the articles write it, first seen first."""
        return tuple(dict.fromkeys(m.text for m in self.written if m.text != self.name))


def entity_view(
    key: str, name: str, label: str, value: str | None, written: tuple[Mention, ...],
    descriptors: tuple[Mention, ...] = (),
) -> EntityView:  # fmt: skip
    """An entity with its spans per article derived from its mentions (in article order)."""
    spans: dict[str, list[Span]] = {}
    for m in written:
        spans.setdefault(m.article, []).append((m.start, m.end))
    return EntityView(key, name, label, {k: tuple(v) for k, v in spans.items()}, value,
                      written, descriptors)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StatementView:
    key: str  # "s<id>"
    article: str
    start: int
    end: int
    role: str
    text: str
    group: str | None  # its divergent group if it has one, else its first
    state: str  # shared | divergent | unique | context (not compared: captions, boilerplate…)
    groups: tuple[str, ...] = ()  # every group it belongs to (the aligner allows two)

    @property
    def db_id(self) -> int:
        return int(self.key.lstrip("s"))


@dataclass(frozen=True, slots=True)
class ReadingSpan:
    statement: str
    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Reading:
    """One way the sources tell the differing part: its words, its value (an amount, an ISO
    date) and where each source that tells it this way does so."""

    text: str
    spans: tuple[ReadingSpan, ...]
    value: Any = None


@dataclass(frozen=True, slots=True)
class DifferenceView:
    key: str  # "<group>#<index>": stable while the alignment is
    group: str
    type: str
    severity: str  # conflict | variation
    detail: str
    readings: tuple[Reading, ...]
    db_id: int | None = None  # None when read from a JSON document without ids
    relevant: bool = True  # False: the user marked it not relevant (kept for listings only)

    def spans(self) -> list[ReadingSpan]:
        return [span for reading in self.readings for span in reading.spans]


@dataclass(frozen=True, slots=True)
class GroupView:
    key: str  # "g<id>"
    score: float
    statements: tuple[str, ...]
    differences: tuple[DifferenceView, ...]  # the relevant ones, among the chosen articles
    ignored: tuple[DifferenceView, ...] = ()  # marked not relevant by the user

    @property
    def divergent(self) -> bool:
        """The one rule: a group diverges when a relevant difference remains between the
        chosen articles' readings (a difference with a left-out source is none)."""
        return bool(self.differences)

    @property
    def status(self) -> str:
        return DIVERGENT if self.divergent else SHARED

    @property
    def db_id(self) -> int:
        return int(self.key.lstrip("g"))


@dataclass(frozen=True)
class Comparison:
    collection_id: int
    collection_name: str
    articles: tuple[ArticleView, ...]
    entities: tuple[EntityView, ...]
    statements: dict[str, StatementView]  # every statement of the chosen articles
    groups: dict[str, GroupView]  # groups with statements of two or more chosen articles
    annotations: tuple[Mapping[str, Any], ...] = ()  # W3C Web Annotations (JSON-LD)
    by_article: dict[str, tuple[StatementView, ...]] = field(default_factory=dict)
    generated: str = ""  # when it was read (ISO 8601, UTC)

    @property
    def has_alignment(self) -> bool:
        return bool(self.groups)

    def article(self, key: str) -> ArticleView:
        return next(a for a in self.articles if a.key == key)

    def counterparts(self, statement_key: str, group: str | None = None) -> list[StatementView]:
        """The other statements of this statement's groups (of `group` only, when given)."""
        st = self.statements[statement_key]
        chosen = (group,) if group else st.groups or ((st.group,) if st.group else ())
        keys = dict.fromkeys(k for g in chosen for k in self.groups[g].statements if k != st.key)
        return [self.statements[k] for k in keys]

    def statement_at(self, article_key: str, offset: int) -> StatementView | None:
        for st in self.by_article.get(article_key, ()):
            if st.start <= offset < st.end:
                return st
        return None

    def sources_of(self, spans: tuple[ReadingSpan, ...]) -> str:
        """Which sources carry a reading, as a short list of labels."""
        known = {a.key: a.label for a in self.articles}
        return ", ".join(sorted({known[s.article] for s in spans if s.article in known}))

    def differences(self) -> list[DifferenceView]:
        """All differences in reading order of the first article that carries each group."""
        order = {a.key: i for i, a in enumerate(self.articles)}

        def position(group: GroupView) -> tuple[int, int]:
            first = min(
                (self.statements[k] for k in group.statements),
                key=lambda s: (order[s.article], s.start),
            )
            return order[first.article], first.start

        groups = sorted(self.groups.values(), key=position)
        return [d for g in groups for d in g.differences]

    def unique_statements(self) -> list[StatementView]:
        return [s for s in self.statements.values() if s.state == UNIQUE]

    def marks(
        self, statement: StatementView, group: str | None = None
    ) -> list[tuple[int, int, str]]:
        """(start, end, difference type) of the differing words of `group` in the statement
        (its row's group: a statement in two groups shows in each row that row's
        differences), else of its own group; sorted."""
        group = group if group in self.groups else statement.group
        if not group:
            return []
        return sorted(
            (s.start, s.end, d.type)
            for d in self.groups[group].differences
            for s in d.spans()
            if s.statement == statement.key and s.end > s.start
        )


def statement_state(groups: list[GroupView], role: str, aligned: bool) -> tuple[str | None, str]:
    """A statement's group (its divergent one first) and its state."""
    divergent = [g.key for g in groups if g.divergent]
    keys: list[str | None] = [*divergent, *(g.key for g in groups)]
    group = keys[0] if keys else None
    if group is not None:
        return group, DIVERGENT if divergent else SHARED
    if role == "body" and aligned:
        return None, UNIQUE
    return None, CONTEXT
