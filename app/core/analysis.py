"""Collection-level analysis that runs after import: entity linking, statement alignment,
annotation re-anchoring.

Each stage writes in one transaction, and `should_stop` is asked between stages: stopping (or
a crash) leaves every stage either fully written or not at all. A stopped analysis is picked up
by the next run: the aligner re-aligns the articles it has not recorded as aligned."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from app.core.annotations.anchor import reanchor_collection
from app.core.compare.pipeline import align_collection
from app.core.entities.pipeline import link_collection

STAGES = ("link", "align", "reanchor")


def analyse_collection(
    db: sqlite_utils.Database,
    collection_id: int,
    should_stop: Callable[[], bool] = lambda: False,
    on_stage: Callable[[str], None] = lambda stage: None,
) -> bool:
    """Run the stages in order; False when `should_stop` ended it before the last one."""
    runs: dict[str, Callable[[], object]] = {
        "link": lambda: link_collection(db, collection_id),
        # After linking: the aligner reads entities through mentions.entity_id.
        "align": lambda: align_collection(db, collection_id),
        # Last: annotations follow re-imported (edited) articles to their new text.
        "reanchor": lambda: reanchor_collection(db, collection_id),
    }
    for stage in STAGES:
        if should_stop():
            return False
        on_stage(stage)
        with db.atomic():
            runs[stage]()
    return True
