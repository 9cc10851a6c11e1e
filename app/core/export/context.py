"""What every section of the printable document shares beyond the comparison itself: the
sources with their letters, the annotations anchored and numbered as notes, and the differing
words to highlight per article."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from app.core.export.annotations import Anchored, anchor_annotations
from app.core.export.document import Note, Source
from app.core.export.inline import Highlight
from app.core.view.model import ArticleView, Comparison


def letter(index: int) -> str:
    """A, B, … Z, AA, AB, …: short names for sources that stay unique past 26."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


class PrintContext:
    def __init__(self, comparison: Comparison, include_notes: bool = True) -> None:
        self.comparison = comparison
        self.sources = tuple(_source(a, i) for i, a in enumerate(comparison.articles))
        self.source = {s.key: s for s in self.sources}
        self.text = {a.key: a.text for a in comparison.articles}
        articles = [{"id": a.key, "text": a.text} for a in comparison.articles]
        raw = comparison.annotations if include_notes else ()
        self.annotations: list[Anchored] = anchor_annotations(raw, articles)

    @cached_property
    def highlights(self) -> dict[str, list[Highlight]]:
        """Every reading's span of every difference, per article."""
        found: dict[str, list[Highlight]] = defaultdict(list)
        for group in self.comparison.groups.values():
            for difference in group.differences:
                conflict = difference.severity == "conflict"
                for span in difference.spans():
                    found[span.article].append(
                        Highlight(span.start, span.end, difference.type, conflict)
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
            a.number: Note(a.number, self.source[a.article].letter, a.quote, a.note, a.tags,
                           a.placed)
            for a in self.annotations
        }  # fmt: skip


def _source(article: ArticleView, index: int) -> Source:
    file_name = article.path.rsplit("/", 1)[-1] or article.key
    return Source(
        key=article.key,
        letter=letter(index),
        outlet=article.source or _site(article.url),
        title=article.title or file_name,
        published=article.published,
        words=article.word_count or len(article.text.split()),
        untitled=not article.title,
    )


def _site(url: str | None) -> str | None:
    if not url or "//" not in url:
        return None
    host = url.split("//", 1)[1].split("/", 1)[0]
    return host.removeprefix("www.") or None
