"""The comparison dict (parallax/comparison-1) as small immutable records the widgets paint.

Pure Python (no Qt) so it can be built on the worker thread and tested on its own."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

SHARED, DIVERGENT, UNIQUE, CONTEXT = "shared", "divergent", "unique", "context"


@dataclass(frozen=True, slots=True)
class ArticleView:
    key: str
    db_id: int
    path: str
    label: str  # short: source, else the title cut short, else the file name
    source: str
    title: str
    published: str
    text: str


@dataclass(frozen=True, slots=True)
class EntityView:
    key: str
    name: str
    label: str
    mentions: dict[str, tuple[tuple[int, int], ...]]  # article key → spans

    @property
    def articles(self) -> frozenset[str]:
        return frozenset(self.mentions)

    @property
    def db_id(self) -> int:
        return int(self.key.lstrip("e"))


@dataclass(frozen=True, slots=True)
class StatementView:
    key: str
    article: str
    start: int
    end: int
    role: str
    text: str
    group: str | None  # its divergent group if it has one, else its first
    state: str  # shared | divergent | unique | context (not compared: captions, boilerplate…)
    groups: tuple[str, ...] = ()  # every group it belongs to (the aligner allows two)


@dataclass(frozen=True, slots=True)
class ReadingSpan:
    statement: str
    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DifferenceView:
    key: str  # "<group>#<index>": stable while the alignment is
    group: str
    type: str
    severity: str
    detail: str
    readings: tuple[tuple[str, tuple[ReadingSpan, ...]], ...]  # (reading text, spans)

    def spans(self) -> list[ReadingSpan]:
        return [span for _, spans in self.readings for span in spans]


@dataclass(frozen=True, slots=True)
class GroupView:
    key: str
    status: str
    score: float
    statements: tuple[str, ...]
    differences: tuple[DifferenceView, ...]


@dataclass(frozen=True)
class Comparison:
    collection_id: int
    collection_name: str
    articles: tuple[ArticleView, ...]
    entities: tuple[EntityView, ...]
    statements: dict[str, StatementView]
    groups: dict[str, GroupView]
    annotations: tuple[dict[str, Any], ...] = ()
    by_article: dict[str, tuple[StatementView, ...]] = field(default_factory=dict)

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


def build(document: dict[str, Any]) -> Comparison:
    articles = tuple(_article(a) for a in document["articles"])
    statement_groups: dict[str, list[str]] = defaultdict(list)
    for group in document["alignments"]:
        for key in group["statements"]:
            statement_groups[key].append(group["id"])
    article_of = {s["id"]: s["article"] for s in document["statements"]}
    groups = {g["id"]: _group(g, article_of) for g in document["alignments"]}
    aligned = bool(groups)
    statements: dict[str, StatementView] = {}
    by_article: dict[str, list[StatementView]] = defaultdict(list)
    for s in document["statements"]:
        mine = statement_groups.get(s["id"], [])
        divergent = [g for g in mine if groups[g].status == DIVERGENT]
        group = (divergent or mine or [None])[0]
        if group is not None:
            state = DIVERGENT if divergent else SHARED
        elif s["role"] == "body" and aligned:
            state = UNIQUE
        else:
            state = CONTEXT
        view = StatementView(
            s["id"],
            s["article"],
            s["start"],
            s["end"],
            s["role"],
            s["text"],
            group,
            state,
            tuple(mine),
        )
        statements[view.key] = view
        by_article[view.article].append(view)
    return Comparison(
        collection_id=int(document["collection"]["id"].lstrip("c")),
        collection_name=document["collection"]["name"],
        articles=articles,
        entities=tuple(_entity(e) for e in document["entities"]),
        statements=statements,
        groups=groups,
        annotations=tuple(document.get("annotations", ())),
        by_article={k: tuple(sorted(v, key=lambda s: s.start)) for k, v in by_article.items()},
    )


def _article(a: dict[str, Any]) -> ArticleView:
    label = a.get("source") or _short(a.get("title") or "") or a["path"].rsplit("/", 1)[-1]
    return ArticleView(
        a["id"], int(a["id"].lstrip("a")), a["path"], label, a.get("source") or "",
        a.get("title") or "",
        a.get("published") or "", a["text"],
    )  # fmt: skip


def _short(title: str, limit: int = 30) -> str:
    """A title short enough for a column header: cut at a word, with an ellipsis."""
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _entity(e: dict[str, Any]) -> EntityView:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in e["mentions"]:
        spans[m["article"]].append((m["start"], m["end"]))
    return EntityView(e["id"], e["name"], e["label"], {k: tuple(v) for k, v in spans.items()})


def _group(g: dict[str, Any], article_of: dict[str, str]) -> GroupView:
    differences = []
    for i, d in enumerate(g.get("differences", [])):
        readings = tuple(
            (
                str(r.get("text", "")),
                tuple(
                    ReadingSpan(
                        sp["statement"], article_of.get(sp["statement"], ""), sp["start"], sp["end"]
                    )
                    for sp in r.get("spans", [])
                    if sp["statement"] in article_of
                ),
            )
            for r in d.get("readings", [])
        )
        differences.append(
            DifferenceView(f"{g['id']}#{i}", g["id"], d["type"], d["severity"], d["detail"],
                           readings)
        )  # fmt: skip
    return GroupView(g["id"], g["status"], float(g["score"]), tuple(g["statements"]),
                     tuple(differences))  # fmt: skip
