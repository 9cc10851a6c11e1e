"""From stored rows (or a JSON document's) to the comparison records: which groups count among
the chosen articles, which differences remain between them, and each statement's state.

Both readers (`load.load_comparison`, `document.from_document`) end here, so a subset of the
articles is cut the same way for the reader, the PDF, the JSON and the CLI.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from app.core.compare.severity import severity_among
from app.core.view.model import (
    ArticleView,
    Comparison,
    DifferenceView,
    EntityView,
    GroupView,
    Reading,
    ReadingSpan,
    StatementView,
    statement_state,
)


@dataclass(frozen=True, slots=True)
class RawStatement:
    key: str
    article: str
    start: int
    end: int
    role: str


@dataclass(frozen=True, slots=True)
class RawDifference:
    type: str
    severity: str
    detail: str
    readings: Sequence[Mapping[str, Any]]  # [{text, value, spans: [{statement, start, end}]}]
    db_id: int | None = None
    relevant: bool = True


@dataclass(frozen=True, slots=True)
class RawGroup:
    key: str
    score: float
    statements: tuple[str, ...]
    differences: tuple[RawDifference, ...]


def statement_key(value: Any) -> str:
    """Spans name statements by export id ("s12"); a bare database id (12) is taken as well."""
    return f"s{value}" if isinstance(value, int) else str(value or "")


def assemble(
    collection_id: int,
    collection_name: str,
    articles: tuple[ArticleView, ...],
    entities: tuple[EntityView, ...],
    statements: Sequence[RawStatement],
    groups: Sequence[RawGroup],
    annotations: tuple[Mapping[str, Any], ...] = (),
    generated: str = "",
) -> Comparison:
    texts = {a.key: a.text for a in articles}
    raw = [s for s in statements if s.article in texts]
    article_of = {s.key: s.article for s in raw}
    views: dict[str, GroupView] = {}
    for group in groups:
        members = tuple(s for s in group.statements if s in article_of)
        if len({article_of[s] for s in members}) < 2:
            continue  # with one chosen article left, the group compares nothing
        kept = [
            d for d in (_among(group.key, raw_d, article_of, texts) for raw_d in group.differences)
            if d is not None
        ]  # fmt: skip
        relevant = [d for d in kept if d.relevant]
        ignored = [d for d in kept if not d.relevant]
        views[group.key] = GroupView(
            group.key, group.score, members,
            tuple(_renumbered(d, f"{group.key}#{i}") for i, d in enumerate(relevant)),
            tuple(_renumbered(d, f"{group.key}#ignored{i}") for i, d in enumerate(ignored)),
        )  # fmt: skip
    groups_of: dict[str, list[GroupView]] = defaultdict(list)
    for view in views.values():
        for key in view.statements:
            groups_of[key].append(view)
    aligned = bool(views)
    by_article: dict[str, list[StatementView]] = defaultdict(list)
    shown: dict[str, StatementView] = {}
    for s in raw:
        mine = groups_of.get(s.key, [])
        first, state = statement_state(mine, s.role, aligned)
        words = texts[s.article][s.start : s.end]
        st = StatementView(s.key, s.article, s.start, s.end, s.role, words, first, state,
                           tuple(g.key for g in mine))  # fmt: skip
        shown[st.key] = st
        by_article[st.article].append(st)
    return Comparison(
        collection_id=collection_id,
        collection_name=collection_name,
        articles=articles,
        entities=entities,
        statements=shown,
        groups=views,
        annotations=annotations,
        by_article={k: tuple(sorted(v, key=lambda s: s.start)) for k, v in by_article.items()},
        generated=generated,
    )


def _renumbered(difference: DifferenceView, key: str) -> DifferenceView:
    return replace(difference, key=key)


def _among(
    group: str, raw: RawDifference, article_of: Mapping[str, str], texts: Mapping[str, str]
) -> DifferenceView | None:
    """The difference as the chosen articles tell it: only their readings (a reading is named
    after its first statement, which may be left out: then it is in a chosen source's words),
    its severity worked out again from those readings' values, and None when fewer than two
    readings remain or the remaining ones agree."""
    readings: list[Reading] = []
    whole = True
    for reading in raw.readings:
        spans_in = [s for s in reading.get("spans") or () if isinstance(s, Mapping)]
        kept = [
            ReadingSpan(key, article_of[key], int(s["start"]), int(s["end"]))
            for s in spans_in
            if (key := statement_key(s.get("statement"))) in article_of
        ]
        if not kept:
            whole = False
            continue
        text = str(reading.get("text", ""))
        first_kept = statement_key(spans_in[0].get("statement")) in article_of
        if not first_kept and kept[0].end > kept[0].start:
            shown = texts[kept[0].article][kept[0].start : kept[0].end]
            whole = whole and shown == text
            text = shown
        readings.append(Reading(text, tuple(kept), reading.get("value")))
    if len(readings) < 2:
        return None
    severity = raw.severity
    if len(readings) < len(raw.readings):
        among = severity_among(raw.type, [r.value for r in readings], raw.severity)
        if among is None:
            return None  # the chosen sources agree on it
        severity = among
    detail = raw.detail if whole else " vs ".join(r.text or "(omitted)" for r in readings)
    return DifferenceView("", group, raw.type, severity, detail, tuple(readings), raw.db_id,
                          raw.relevant)  # fmt: skip
