"""Collection-level analysis that runs after import: entity linking, statement alignment."""

from __future__ import annotations

import sqlite_utils

from app.core.compare.pipeline import align_collection
from app.core.entities.naive import rebuild_naive_entities


def analyse_collection(db: sqlite_utils.Database, collection_id: int) -> None:
    rebuild_naive_entities(db, collection_id)
    # After linking: the aligner reads entities through mentions.entity_id.
    align_collection(db, collection_id)
