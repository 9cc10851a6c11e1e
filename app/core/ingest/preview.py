"""Plan an import without storing anything: what each file would become, and why not.

The import wizard shows this before the user chooses what to import; the import itself later
goes through `importer.import_files`, which reads the files again with the same `prepare`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import sqlite_utils

from app.core.ingest.discover import discover
from app.core.ingest.prepare import DuplicateCheck, Prepared, prepare


class Status(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class PreviewItem:
    prepared: Prepared
    status: Status
    reason: str | None = None  # what it duplicates, or what is wrong with it

    @property
    def path(self) -> Path:
        return self.prepared.path

    @property
    def status_text(self) -> str:
        if self.status is Status.DUPLICATE:
            return f"duplicate: {self.reason}"
        if self.status is Status.PROBLEM:
            return f"problem: {self.reason}"
        return f"new text: {self.reason}" if self.reason else "new"


def preview_paths(
    db: sqlite_utils.Database,
    paths: Sequence[Path],
    recursive: bool = True,
    should_stop: Callable[[], bool] = lambda: False,
    duplicates: DuplicateCheck | None = None,
) -> Iterator[PreviewItem]:
    """One item per file found under `paths`, in import order. Reads only: the database and
    the files are left as they are. Duplicates are looked for in every collection and among
    the files before them (and what else `duplicates` has seen: the wizard's web pages)."""
    duplicates = duplicates or DuplicateCheck(db, None)
    for candidate in discover(paths, recursive):
        if should_stop():
            return
        prepared = prepare(candidate, keep_original=False)  # the import reads it again
        if prepared.problem is not None:
            yield PreviewItem(prepared, Status.PROBLEM, prepared.problem)
            continue
        reason = duplicates.check(prepared)
        if reason:
            yield PreviewItem(prepared, Status.DUPLICATE, reason)
        else:
            yield PreviewItem(prepared, Status.NEW, _imported_before(db, str(prepared.path)))


def _imported_before(db: sqlite_utils.Database, path: str) -> str | None:
    """Where a file with changed text was imported from the same path before: imported into
    that collection again, it updates that article in place."""
    row = db.execute(
        "SELECT a.id, c.name FROM articles a JOIN collections c ON c.id = a.collection_id"
        " WHERE a.path = ? ORDER BY a.id DESC LIMIT 1",
        [path],
    ).fetchone()
    if row is None:
        return None
    return f"changed since it became article {row[0]} in {row[1]!r} (updates it there)"
