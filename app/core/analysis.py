"""Collection-level analysis that runs after import: entity linking, statement alignment."""

from __future__ import annotations

import sqlite_utils

from app.core.annotations.anchor import reanchor_collection
from app.core.compare.pipeline import align_collection
from app.core.entities.pipeline import link_collection


def analyse_collection(db: sqlite_utils.Database, collection_id: int) -> None:
    link_collection(db, collection_id)
    # After linking: the aligner reads entities through mentions.entity_id.
    align_collection(db, collection_id)
    # Last: annotations follow re-imported (edited) articles to their new text.
    reanchor_collection(db, collection_id)
