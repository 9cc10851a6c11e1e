"""Import files into a collection: read, clean, analyse, store — one transaction per article.

One bad file is reported with its reason and skipped; the rest of the import goes on.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import sqlite_utils
from spacy.language import Language

from app.core.ingest.discover import Candidate, discover
from app.core.ingest.edits import Edits, apply_edits, check_edits
from app.core.ingest.encoding import BackgroundEncoding
from app.core.ingest.prepare import DuplicateCheck, Prepared, prepare
from app.core.model import ArticleAnalysis, CleanArticle
from app.core.nlp.analyse import analyse_stream
from app.core.nlp.model import shared_model
from app.core.store import analysis_state, collections
from app.core.store import articles as article_store

log = logging.getLogger("parallax.import")

S = TypeVar("S")  # what the import loop prepares: a file's Candidate, a web address, …

# Below this much text a second process costs more (model start-up) than it saves.
PARALLEL_MIN_BYTES = 400_000


class Outcome(StrEnum):
    IMPORTED = "imported"
    UPDATED = "updated"  # the file's path was imported before; its changed text replaced it
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"


STORED = (Outcome.IMPORTED, Outcome.UPDATED)


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
    # The collection's earlier analysis did not finish (store/analysis_state.py): even an
    # import of nothing but duplicates must run the analysis to finish it.
    unfinished: str | None = None

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def words(self) -> int:
        return sum(r.words for r in self.results if r.outcome in STORED)

    @property
    def stored(self) -> int:
        """Articles written (new or updated): analysis must run after the import."""
        return sum(self.count(outcome) for outcome in STORED)

    @property
    def needs_analysis(self) -> bool:
        """New text was stored, or the collection's last analysis never finished."""
        return bool(self.stored) or self.unfinished is not None

    def summary(self) -> str:
        updated = self.count(Outcome.UPDATED)
        text = (
            f"{self.count(Outcome.IMPORTED)} imported, "
            + (f"{updated} updated, " if updated else "")
            + f"{self.count(Outcome.DUPLICATE)} duplicate, "
            f"{self.count(Outcome.SKIPPED)} skipped ({self.words} words) into {self.collection!r}"
        )
        if self.unfinished is not None and not self.stored:
            text += f"; its earlier analysis had not finished ({self.unfinished})"
        return text + (" — cancelled" if self.cancelled else "")


ProgressFn = Callable[[int, int, FileResult], None]
# Progress inside one long article: (its name, paragraphs analysed, paragraphs in all).
PartProgressFn = Callable[[str, int, int], None]
# Below this many paragraphs an article is analysed in a moment: no progress inside it.
PART_PROGRESS_MIN = 50


def _decide(prepared: Prepared, duplicates: DuplicateCheck) -> FileResult | None:
    """The outcome of a file settled before analysis (a problem or a duplicate), else None."""
    path = prepared.key
    if prepared.problem is not None:
        return FileResult(path, Outcome.SKIPPED, prepared.problem)
    if prepared.duplicate is not None:  # a web address imported before: not even fetched
        return FileResult(path, Outcome.DUPLICATE, prepared.duplicate)
    reason = duplicates.check(prepared)
    return FileResult(path, Outcome.DUPLICATE, reason) if reason else None


def import_paths(
    db: sqlite_utils.Database,
    paths: Sequence[Path],
    collection: str,
    nlp: Language | None = None,
    recursive: bool = True,
    n_process: int | None = None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_part: PartProgressFn | None = None,
) -> ImportReport:
    """Import files and folders into `collection` (created if missing)."""
    return _import(
        db, list(discover(paths, recursive)), collection, {}, nlp, n_process, progress,
        should_stop, on_part=on_part,
    )  # fmt: skip


def import_files(
    db: sqlite_utils.Database,
    files: Sequence[Path],
    collection: str,
    edits: Mapping[str, Edits] | None = None,
    nlp: Language | None = None,
    n_process: int | None = None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_part: PartProgressFn | None = None,
) -> ImportReport:
    """Import exactly these files (the ones a user chose after a preview) into `collection`.

    `edits` maps a file's path (as given) to metadata the user corrected; the corrected values
    are stored and remembered as edited. Bad edits raise ParallaxError before anything is stored.
    """
    checked = {path: check_edits(values) for path, values in (edits or {}).items()}
    candidates = list(discover(files, recursive=False))
    return _import(
        db, candidates, collection, checked, nlp, n_process, progress, should_stop,
        on_part=on_part,
    )  # fmt: skip


def import_sources(
    db: sqlite_utils.Database,
    sources: Sequence[S],
    prepare_one: Callable[[S], Prepared],
    collection: str,
    edits: Mapping[str, Edits] | None = None,
    nlp: Language | None = None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """Import sources of any kind (web pages: app.core.ingest.web) that `prepare_one` turns
    into Prepared articles, through the same loop as files; one NLP process."""
    checked = {key: check_edits(values) for key, values in (edits or {}).items()}
    return _import(
        db, list(sources), collection, checked, nlp, 1, progress, should_stop, prepare_one
    )


def _import(
    db: sqlite_utils.Database,
    candidates: Sequence[S],
    collection: str,
    edits: Mapping[str, Edits],
    nlp: Language | None,
    n_process: int | None,
    progress: ProgressFn | None,
    should_stop: Callable[[], bool],
    prepare_one: Callable[[S], Prepared] = prepare,  # type: ignore[assignment]
    on_part: PartProgressFn | None = None,
) -> ImportReport:
    """The one import loop: prepare each file, analyse the new ones, store each in its own
    transaction, so that stopping leaves only whole articles."""
    target = collections.get_or_create(db, collection)
    report = ImportReport(collection)
    if n_process is None:
        n_process = _auto_processes(candidates)
    duplicates = DuplicateCheck(db, target.id)

    def planned() -> Iterator[tuple[Planned, CleanArticle | None]]:
        for candidate in candidates:
            if should_stop():
                report.cancelled = True
                return
            prepared = prepare_one(candidate)
            decided = _decide(prepared, duplicates)
            earlier = None
            if decided is None:
                earlier = article_store.find_by_path(db, target.id, prepared.key)
            plan = Planned(prepared, decided, earlier.id if earlier else None)
            yield plan, (prepared.article if decided is None else None)

    model = nlp or shared_model()
    marked = False

    def part(plan: Planned, done: int, total: int) -> None:
        if on_part is not None and total >= PART_PROGRESS_MIN:
            on_part(plan.prepared.key, done, total)

    stream = analyse_stream(model, planned(), n_process=n_process, on_doc=part)
    with BackgroundEncoding(db) as encoding:  # each article's sentence vectors, beside spaCy
        for plan, analysis in stream:
            prepared, result = plan.prepared, plan.decided
            if result is None and prepared.article is not None and analysis is not None:
                if not marked:  # a kill before the collection analysis runs leaves this mark
                    analysis_state.mark(db, target.id, analysis_state.PENDING)
                    marked = True
                result = _store(db, target.id, plan, analysis, edits)
            assert result is not None
            report.results.append(result)
            if progress:
                progress(len(report.results), len(candidates), result)
            # After the report: writing vectors can meet a full disk, and every stored
            # article must have been reported by then.
            if result.outcome in STORED and result.article_id is not None:
                encoding.add(result.article_id)
            if should_stop():
                report.cancelled = len(report.results) < len(candidates)
                break
    mark = analysis_state.get(db, target.id)
    report.unfinished = mark.reason if mark is not None else None
    return report


@dataclass(frozen=True, slots=True)
class Planned:
    """A file's fate before analysis: settled (`decided`), or to be stored — as a new article,
    or in place of `replaces`, the article earlier imported from the same path."""

    prepared: Prepared
    decided: FileResult | None
    replaces: int | None = None


def _store(
    db: sqlite_utils.Database,
    collection_id: int,
    plan: Planned,
    analysis: ArticleAnalysis,
    edits: Mapping[str, Edits],
) -> FileResult:
    """Write one analysed file (one transaction): a new article, or the edited text of the
    article from the same path, which keeps its id and so its annotations and its place."""
    prepared = plan.prepared
    assert prepared.article is not None
    path = prepared.key
    article, edited = apply_edits(prepared.article, edits.get(path, {}))
    if plan.replaces is not None:
        article_store.replace_article(
            db, plan.replaces, prepared.format, prepared.file_hash, prepared.text_hash,
            article, analysis, edited, prepared.original,
        )  # fmt: skip
        return FileResult(path, Outcome.UPDATED, None, plan.replaces, prepared.words)
    try:
        article_id = article_store.insert_article(
            db, collection_id, path, prepared.format, prepared.file_hash, prepared.text_hash,
            article, analysis, edited, prepared.page, prepared.original,
        )  # fmt: skip
    except sqlite3.IntegrityError:
        # Another import stored the same text after this one checked (two imports of the same
        # files at once): a duplicate, as if it had been there all along.
        stored = article_store.find_duplicate(
            db, collection_id, prepared.file_hash, prepared.text_hash
        )
        if stored is None:
            raise
        reason = f"same text as {stored.path} (article {stored.id}, stored meanwhile)"
        return FileResult(path, Outcome.DUPLICATE, reason)
    notes = "; ".join(article.notes) or None
    return FileResult(path, Outcome.IMPORTED, notes, article_id, prepared.words)


def _auto_processes(candidates: Sequence[object]) -> int:
    total = 0
    for c in candidates:
        if not isinstance(c, Candidate):
            continue
        try:
            total += c.path.stat().st_size if c.problem is None else 0
        except OSError:
            continue
    cores = os.cpu_count() or 1
    return min(2, cores) if total >= PARALLEL_MIN_BYTES else 1
