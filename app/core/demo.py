"""The demo collection: the five seed articles, imported on first run."""

from __future__ import annotations

import sqlite_utils

from app.core.analysis import analyse_collection
from app.core.ingest.importer import ImportReport, import_paths
from app.core.resources import seeds_dir
from app.core.store import articles, collections

DEMO_COLLECTION = "Borrell in Moscow"


def ensure_demo(db: sqlite_utils.Database) -> ImportReport | None:
    """Import the seeds when the database holds no article yet; None when nothing was done."""
    if articles.count(db):
        return None
    report = import_paths(db, sorted(seeds_dir().glob("*.txt")), DEMO_COLLECTION)
    analyse_collection(db, collections.find(db, DEMO_COLLECTION).id)
    return report
