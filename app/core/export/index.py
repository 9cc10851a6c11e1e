"""Look-ups over a comparison dict that every section of the printable document needs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from app.core.export.annotations import Anchored, anchor_annotations
from app.core.export.document import Note, Source
from app.core.export.inline import Highlight


@dataclass(frozen=True)
class Statement:
    id: str
    article: str
    start: int
    end: int
    role: str


@dataclass(frozen=True)
class Group:
    id: str
    statements: tuple[str, ...]
    status: str
    differences: tuple[Mapping[str, Any], ...]

    @property
    def divergent(self) -> bool:
        """As the schema defines it, on the readings of the articles exported: a group that
        diverges only through a left-out article does not diverge here."""
        return any(len(d.get("readings") or ()) >= 2 for d in self.differences)


def statement_key(value: Any) -> str:
    """Spans name statements by export id ("s12"); a bare database id (12) is taken as well."""
    return f"s{value}" if isinstance(value, int) else str(value or "")


def letter(index: int) -> str:
    """A, B, … Z, AA, AB, …: short names for sources that stay unique past 26."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


class ComparisonIndex:
    def __init__(self, comparison: Mapping[str, Any], include_notes: bool = True) -> None:
        self.comparison = comparison
        self.articles: list[Mapping[str, Any]] = list(comparison.get("articles") or [])
        self.text = {a["id"]: a.get("text") or "" for a in self.articles}
        self.sources = tuple(_source(a, i) for i, a in enumerate(self.articles))
        self.source = {s.key: s for s in self.sources}
        self.statements: dict[str, Statement] = {}
        by_article: dict[str, list[Statement]] = defaultdict(list)
        for raw in comparison.get("statements") or []:
            if raw["article"] not in self.text:
                continue
            st = Statement(raw["id"], raw["article"], raw["start"], raw["end"], raw["role"])
            self.statements[st.id] = st
            by_article[st.article].append(st)
        self.by_article = {k: sorted(v, key=lambda s: s.start) for k, v in by_article.items()}
        self.groups = [
            Group(
                g["id"],
                tuple(s for s in g.get("statements") or () if s in self.statements),
                g.get("status") or "shared",
                tuple(self._shown_differences(g.get("differences") or ())),
            )
            for g in comparison.get("alignments") or []
        ]
        # a group left with one exported statement is that statement, unique to its article
        self.groups = [g for g in self.groups if len(g.statements) >= 2]
        self.group_of = {s: g.id for g in self.groups for s in g.statements}
        raw_annotations = (comparison.get("annotations") or []) if include_notes else []
        self.annotations: list[Anchored] = anchor_annotations(raw_annotations, self.articles)

    def _shown_differences(self, differences: Any) -> list[dict[str, Any]]:
        """Differences with only the readings (and spans) of the exported articles."""
        kept = []
        for difference in differences:
            readings = []
            for reading in difference.get("readings") or ():
                spans = [
                    {**span, "statement": statement_key(span.get("statement"))}
                    for span in reading.get("spans") or ()
                ]
                spans = [span for span in spans if span["statement"] in self.statements]
                if spans:
                    readings.append({**reading, "spans": spans})
            if readings:
                kept.append({**difference, "readings": readings})
        return kept

    @cached_property
    def highlights(self) -> dict[str, list[Highlight]]:
        """Every reading's span of every difference, per article."""
        found: dict[str, list[Highlight]] = defaultdict(list)
        for group in self.groups:
            for difference in group.differences:
                conflict = difference.get("severity") == "conflict"
                for reading in difference.get("readings") or ():
                    for span in reading.get("spans") or ():
                        st = self.statements.get(span.get("statement", ""))
                        if st is None:
                            continue
                        found[st.article].append(
                            Highlight(span["start"], span["end"], difference["type"], conflict)
                        )
        return found

    @cached_property
    def annotations_by_article(self) -> dict[str, list[Anchored]]:
        found: dict[str, list[Anchored]] = defaultdict(list)
        for annotation in self.annotations:
            found[annotation.article].append(annotation)
        return found

    @cached_property
    def notes(self) -> dict[int, Note]:
        return {
            a.number: Note(
                a.number,
                self.source[a.article].letter,
                a.quote,
                a.note,
                a.tags,
                a.placed,
            )
            for a in self.annotations
        }


def _source(article: Mapping[str, Any], index: int) -> Source:
    path = str(article.get("path") or "")
    file_name = path.rsplit("/", 1)[-1] or str(article.get("id"))
    title = article.get("title")
    return Source(
        key=article["id"],
        letter=letter(index),
        outlet=article.get("source") or _site(article.get("url")),
        title=title or file_name,
        published=article.get("published"),
        words=int(article.get("word_count") or len((article.get("text") or "").split())),
        untitled=not title,
    )


def _site(url: Any) -> str | None:
    if not isinstance(url, str) or "//" not in url:
        return None
    host = url.split("//", 1)[1].split("/", 1)[0]
    return host.removeprefix("www.") or None
