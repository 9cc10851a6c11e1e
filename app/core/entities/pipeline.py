"""`link_collection(db, collection_id)`: the whole entity stage as analysis runs it.

Reads the NER mentions and the stored parse, links (linker.link), attaches descriptors, replays
the user's corrections and writes everything back (store.write_result). Re-running it gives the
same result for the same input: NER rows are never modified, only the linker's own rows.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

import spacy
import sqlite_utils
from spacy.tokens import DocBin

from app.core.entities import corrections, descriptors
from app.core.entities.linker import link
from app.core.entities.store import load_inputs, write_result

log = logging.getLogger("parallax.entities")


@dataclass(frozen=True, slots=True)
class LinkStats:
    entities: int
    mentions: int
    seconds: float


def load_segments(
    db: sqlite_utils.Database, collection_id: int
) -> dict[int, list[tuple[int, object]]]:
    """article id → [(segment start, Doc)] from the stored DocBins (no model needed: a DocBin
    carries its own strings; the blank English vocab brings the noun-chunk rules)."""
    vocab = spacy.blank("en").vocab
    result: dict[int, list[tuple[int, object]]] = {}
    for article_id, starts, blob in db.execute(
        "SELECT d.article_id, d.segment_starts, d.doc_bytes FROM article_docs d"
        " JOIN articles a ON a.id = d.article_id WHERE a.collection_id = ?",
        [collection_id],
    ).fetchall():
        docs = list(DocBin().from_bytes(blob).get_docs(vocab))
        result[int(article_id)] = list(zip(json.loads(starts), docs, strict=True))
    return result


def link_collection(db: sqlite_utils.Database, collection_id: int) -> LinkStats:
    began = time.perf_counter()
    articles, mentions = load_inputs(db, collection_id)
    result = link(articles, mentions)
    descriptors.attach(result, articles, load_segments(db, collection_id))  # type: ignore[arg-type]
    hidden = corrections.apply(result, corrections.list_corrections(db, collection_id))
    hidden = corrections.drop_empty(result, hidden)
    write_result(db, collection_id, result, hidden)
    stats = LinkStats(len(result.entities), len(result.mentions), time.perf_counter() - began)
    log.info("linked %d mentions into %d entities in %.2fs", stats.mentions, stats.entities,
             stats.seconds)  # fmt: skip
    return stats
