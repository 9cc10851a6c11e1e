"""The work the wizard runs on the reader's TaskRunner. Qt-free: each task gets the runner's
`ctx` (progress through `ctx.report`, the cancel flag, the task's own database connection)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.analysis import analyse_collection
from app.core.ingest.discover import Survey, survey
from app.core.ingest.importer import FileResult, ImportReport, import_files
from app.core.ingest.naming import Name, article_names
from app.core.ingest.preview import preview_paths
from app.core.nlp.model import shared_model
from app.core.store import collections
from app.gui.task import Changes, TaskCancelled, TaskContext


@dataclass(frozen=True, slots=True)
class FileDone:
    done: int
    total: int
    result: FileResult


@dataclass(frozen=True, slots=True)
class Stage:
    text: str


def survey_task(paths: Sequence[Path], recursive: bool, ctx: TaskContext) -> Survey:
    found = survey(paths, recursive, ctx.cancelled)
    ctx.check()
    return found


def preview_task(
    paths: Sequence[Path], recursive: bool, ctx: TaskContext
) -> dict[Path, list[Name]]:
    """Reports one PreviewItem per file; returns the names found in each readable article (for
    the collection name)."""
    items = []
    for item in preview_paths(ctx.db, paths, recursive, ctx.cancelled):
        items.append(item)
        ctx.report(item)
    ctx.check()
    readable = [i for i in items if i.prepared.article is not None]
    ctx.report(Stage("Finding the names the articles mention…"))
    found = article_names(shared_model(), [i.prepared.article for i in readable])
    return {item.path: names for item, names in zip(readable, found, strict=True)}


def import_task(
    files: Sequence[Path],
    collection: str,
    edits: dict[str, dict[str, str | None]],
    ctx: TaskContext,
) -> ImportReport:
    """The same import as `parallax import`, on the chosen files, then the collection analysis.
    Stopped midway, it raises TaskCancelled with the report of the articles already stored."""
    db = ctx.db
    ctx.report(Stage("Loading the language model…"))
    nlp = shared_model()
    ctx.report(Stage("Importing…"))
    # One process: the reader's worker must not fork (other threads hold locks).
    report = import_files(
        db, files, collection, edits, nlp=nlp, n_process=1,
        progress=lambda done, total, result: ctx.report(FileDone(done, total, result)),
        should_stop=ctx.cancelled,
    )  # fmt: skip
    if report.needs_analysis:  # new text, or an earlier analysis left unfinished
        collection_id = collections.find(db, collection).id
        ctx.changed(Changes(library=True, analysis=frozenset({collection_id})))
        # Also after a stop: what was stored is analysed as a collection. Not stoppable itself:
        # a cancel that arrives now comes too late (and is reported so).
        ctx.report(Stage("Linking names across the collection…"))
        analyse_collection(db, collection_id)
    if report.cancelled:
        raise TaskCancelled(report)
    return report
