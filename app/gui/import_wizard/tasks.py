"""The work the wizard runs off the GUI thread. Qt-free: each task gets `emit` (send a progress
value to the GUI) and `should_stop`, and opens its OWN database connection, because a sqlite3
connection belongs to the thread that made it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.analysis import analyse_collection
from app.core.ingest.discover import Survey, survey
from app.core.ingest.importer import FileResult, ImportReport, import_files
from app.core.ingest.naming import Name, article_names
from app.core.ingest.preview import preview_paths
from app.core.nlp.model import shared_model
from app.core.store import collections
from app.core.store.db import open_db

Emit = Callable[[object], None]
ShouldStop = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class FileDone:
    done: int
    total: int
    result: FileResult


@dataclass(frozen=True, slots=True)
class Stage:
    text: str


def survey_task(paths: Sequence[Path], recursive: bool, emit: Emit, stop: ShouldStop) -> Survey:
    return survey(paths, recursive, stop)


def preview_task(
    db_path: Path, paths: Sequence[Path], recursive: bool, emit: Emit, stop: ShouldStop
) -> dict[Path, list[Name]] | None:
    """Emits one PreviewItem per file; returns the names found in each readable article (for
    the collection name), or None when stopped."""
    db = open_db(db_path)
    try:
        items = []
        for item in preview_paths(db, paths, recursive, stop):
            items.append(item)
            emit(item)
    finally:
        db.conn.close()
    if stop():
        return None
    readable = [i for i in items if i.prepared.article is not None]
    emit(Stage("Finding the names the articles mention…"))
    found = article_names(shared_model(), [i.prepared.article for i in readable])
    return {item.path: names for item, names in zip(readable, found, strict=True)}


def import_task(
    db_path: Path,
    files: Sequence[Path],
    collection: str,
    edits: dict[str, dict[str, str | None]],
    emit: Emit,
    stop: ShouldStop,
) -> ImportReport:
    """The same import as `parallax import`, on the chosen files, then the collection analysis."""
    db = open_db(db_path)
    try:
        emit(Stage("Loading the language model…"))
        nlp = shared_model()
        emit(Stage("Importing…"))
        # One process: forking a process that runs Qt threads is not safe.
        report = import_files(
            db, files, collection, edits, nlp=nlp, n_process=1,
            progress=lambda done, total, result: emit(FileDone(done, total, result)),
            should_stop=stop,
        )  # fmt: skip
        if report.needs_analysis:  # new text, or an earlier analysis left unfinished
            emit(Stage("Linking names across the collection…"))
            analyse_collection(db, collections.find(db, collection).id)
        return report
    finally:
        db.conn.close()
