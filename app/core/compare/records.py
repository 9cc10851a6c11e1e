"""Points of variation inside an alignment group, shaped like the export's `differences[]`."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from app.core.compare.features import ArticleInfo, StatementInfo
from app.core.compare.quotes import Quote

TYPES = ("number", "date", "entity", "quote", "attribution", "wording")


@dataclass(frozen=True, slots=True)
class SpanRef:
    statement: int
    start: int  # article offsets
    end: int


@dataclass(slots=True)
class Reading:
    text: str
    value: Any
    spans: list[SpanRef] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "spans": [{"statement": f"s{s.statement}", "start": s.start, "end": s.end}
                      for s in self.spans],
        }  # fmt: skip


@dataclass(slots=True)
class Difference:
    type: str
    severity: str  # conflict | variation
    detail: str
    readings: list[Reading]

    def key(self, article_of: dict[int, int]) -> str:
        """Stable identity across re-analysis, for 'not relevant' marks: what differs and in
        which articles, not where (statement ids and offsets move on re-import)."""
        who = sorted(
            (r.text.lower(), sorted({article_of[s.statement] for s in r.spans}))
            for r in self.readings
        )
        raw = json.dumps([self.type, who], ensure_ascii=False)
        return hashlib.sha1(raw.encode()).hexdigest()[:16]

    def statements(self) -> set[int]:
        return {s.statement for r in self.readings for s in r.spans}

    def readings_json(self) -> str:
        return json.dumps([r.as_json() for r in self.readings], ensure_ascii=False)


@dataclass(slots=True)
class GroupContext:
    """What the difference finders need about a group's members."""

    members: list[StatementInfo]
    articles: dict[int, ArticleInfo]
    quotes: dict[int, list[Quote]]  # article id → its quotations

    def article_text(self, statement: StatementInfo) -> str:
        return self.articles[statement.article_id].text

    def published(self, statement: StatementInfo) -> str | None:
        return self.articles[statement.article_id].published


def reading_text(context: GroupContext, statement: StatementInfo, span: tuple[int, int]) -> str:
    return context.article_text(statement)[span[0] : span[1]]
