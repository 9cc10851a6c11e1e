"""Import files into a collection: read, clean, analyse, store — one transaction per article.

One bad file is reported with its reason and skipped; the rest of the import goes on.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import sqlite_utils
from spacy.language import Language

from app.core.errors import UnreadableFile
from app.core.ingest.article import clean_article
from app.core.ingest.discover import Candidate, discover
from app.core.ingest.readers import read_bytes, read_document
from app.core.model import CleanArticle, Role
from app.core.nlp.analyse import analyse_stream
from app.core.nlp.model import shared_model
from app.core.store import articles as article_store
from app.core.store import collections

log = logging.getLogger("parallax.import")

# Below this much text a second process costs more (model start-up) than it saves.
PARALLEL_MIN_BYTES = 400_000


class Outcome(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    outcome: Outcome
    reason: str | None = None
    article_id: int | None = None
    words: int = 0


@dataclass(slots=True)
class ImportReport:
    collection: str
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def words(self) -> int:
        return sum(r.words for r in self.results if r.outcome is Outcome.IMPORTED)

    def summary(self) -> str:
        text = (
            f"{self.count(Outcome.IMPORTED)} imported, {self.count(Outcome.DUPLICATE)} duplicate, "
            f"{self.count(Outcome.SKIPPED)} skipped ({self.words} words) into {self.collection!r}"
        )
        return text + (" — cancelled" if self.cancelled else "")


@dataclass(slots=True)
class _Plan:
    """One file on its way through the import."""

    candidate: Candidate
    file_hash: str = ""
    text_hash: str = ""
    format: str = ""
    result: FileResult | None = None  # set when the file is decided before analysis


ProgressFn = Callable[[int, int, FileResult], None]


def _prepare(
    db: sqlite_utils.Database, collection_id: int, candidate: Candidate, seen: dict[str, str]
) -> tuple[_Plan, CleanArticle | None]:
    plan = _Plan(candidate)
    path = str(candidate.path)
    if candidate.problem:
        plan.result = FileResult(path, Outcome.SKIPPED, candidate.problem)
        return plan, None
    try:
        data = read_bytes(candidate.path)
        plan.file_hash = hashlib.sha256(data).hexdigest()
        if plan.file_hash in seen:
            plan.result = FileResult(
                path, Outcome.DUPLICATE, f"same file as {seen[plan.file_hash]}"
            )
            return plan, None
        raw = read_document(candidate.path, data)
        article = clean_article(raw)
    except UnreadableFile as exc:
        plan.result = FileResult(path, Outcome.SKIPPED, str(exc))
        return plan, None
    except Exception as exc:  # a reader library failing on a malformed file
        log.exception("unexpected error reading %s", path)
        plan.result = FileResult(path, Outcome.SKIPPED, f"cannot read ({exc.__class__.__name__})")
        return plan, None
    if not any(b.role is Role.BODY for b in article.blocks):
        plan.result = FileResult(path, Outcome.SKIPPED, "no article text (only boilerplate)")
        return plan, None
    plan.format = raw.format
    plan.text_hash = hashlib.sha256(article.text.encode()).hexdigest()
    duplicate = article_store.find_duplicate(db, collection_id, plan.file_hash, plan.text_hash)
    earlier = seen.get(plan.text_hash)
    seen[plan.file_hash] = seen[plan.text_hash] = path
    if duplicate is not None:
        same = "same file" if duplicate.path == path else f"same text as {duplicate.path}"
        plan.result = FileResult(path, Outcome.DUPLICATE, f"{same} (article {duplicate.id})")
        return plan, None
    if earlier is not None:
        plan.result = FileResult(path, Outcome.DUPLICATE, f"same text as {earlier}")
        return plan, None
    return plan, article


def import_paths(
    db: sqlite_utils.Database,
    paths: Sequence[Path],
    collection: str,
    nlp: Language | None = None,
    recursive: bool = True,
    n_process: int | None = None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """Import files and folders into `collection` (created if missing)."""
    target = collections.get_or_create(db, collection)
    candidates = list(discover(paths, recursive))
    report = ImportReport(collection)
    if n_process is None:
        n_process = _auto_processes(candidates)
    seen: dict[str, str] = {}

    def planned() -> Iterator[tuple[_Plan, CleanArticle | None]]:
        for candidate in candidates:
            if should_stop():
                report.cancelled = True
                return
            yield _prepare(db, target.id, candidate, seen)

    model = nlp or shared_model()
    for (plan, article), analysis in _with_articles(model, planned(), n_process):
        result = plan.result
        if result is None and article is not None and analysis is not None:
            article_id = article_store.insert_article(
                db, target.id, str(plan.candidate.path), plan.format, plan.file_hash,
                plan.text_hash, article, analysis,
            )  # fmt: skip
            result = FileResult(
                str(plan.candidate.path), Outcome.IMPORTED, None, article_id,
                len(article.text.split()),
            )  # fmt: skip
        assert result is not None
        report.results.append(result)
        if progress:
            progress(len(report.results), len(candidates), result)
        if should_stop():
            report.cancelled = len(report.results) < len(candidates)
            break
    return report


def _with_articles(
    nlp: Language, items: Iterator[tuple[_Plan, CleanArticle | None]], n_process: int
) -> Iterator[tuple[tuple[_Plan, CleanArticle | None], object]]:
    keyed = (((plan, article), article) for plan, article in items)
    yield from analyse_stream(nlp, keyed, n_process=n_process)


def _auto_processes(candidates: Sequence[Candidate]) -> int:
    total = 0
    for c in candidates:
        try:
            total += c.path.stat().st_size if c.problem is None else 0
        except OSError:
            continue
    cores = os.cpu_count() or 1
    return min(2, cores) if total >= PARALLEL_MIN_BYTES else 1
