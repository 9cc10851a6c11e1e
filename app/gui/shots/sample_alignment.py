"""Hand-made statement groups for the seeds, written as real rows (alignments,
alignment_statements, differences with readings JSON, docs/comparison-schema.md).

Until the aligner (issue 4) fills these tables, tests and screenshots use this to drive the
alignment parts of the reader. Each group was read off the seeds by hand; nothing is invented
beyond what the texts say."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils

from app.core.store import collections


@dataclass(frozen=True)
class Member:
    seed: str  # file name prefix, e.g. "001"
    contains: str  # a substring that picks the statement


@dataclass(frozen=True)
class Reading:
    text: str
    value: float | None
    at: tuple[tuple[str, str], ...]  # (seed, exact words inside that seed's statement)


GROUPS = (
    ("divergent", 0.82,
     (Member("000", "Russia expelled diplomats"), Member("001", "expelled three EU diplomats"),
      Member("002", "expelling several European diplomats")),
     (("number", "conflict", "three vs several",
       (Reading("three", 3, (("001", "three"),)), Reading("several", None, (("002", "several"),)))),
      ("entity", "variation", "EU diplomats vs European diplomats",
       (Reading("EU diplomats", None, (("001", "EU diplomats"),)),
        Reading("European diplomats", None, (("002", "European diplomats"),)))))),
    ("shared", 0.9,
     (Member("000", "learned of the expulsions on social media"),
      Member("001", "found out about them through social media")), ()),
    ("divergent", 0.7,
     (Member("002", "detentions of over 10,000 people"),
      Member("004", "thousands of Navalny's supporters")),
     (("number", "variation", "over 10,000 vs thousands",
       (Reading("over 10,000", 10000, (("002", "over 10,000"),)),
        Reading("thousands", None, (("004", "thousands"),)))),)),
)  # fmt: skip


def add_sample_alignment(
    db: sqlite_utils.Database, collection_name: str, replace: bool = False
) -> int:
    """Insert the groups (when the collection has no alignment yet, or replacing the aligner's
    when `replace`: tests that check the views against known groups); returns groups added."""
    collection = collections.find(db, collection_name)
    if replace:
        with db.atomic():
            db.execute("DELETE FROM alignments WHERE collection_id = ?", [collection.id])
    if db.execute(
        "SELECT count(*) FROM alignments WHERE collection_id = ?", [collection.id]
    ).fetchone()[0]:
        return 0
    statements = db.execute(
        'SELECT s.id, a.path, a.text, s.start, s."end" FROM statements s'
        " JOIN articles a ON a.id = s.article_id WHERE a.collection_id = ? AND s.role = 'body'",
        [collection.id],
    ).fetchall()

    def find(seed: str, contains: str) -> tuple[int, str, int, int]:
        for sid, path, text, start, end in statements:
            if path.rsplit("/", 1)[-1].startswith(seed) and contains in text[start:end]:
                return sid, text, start, end
        raise LookupError(f"no statement in seed {seed} contains {contains!r}")

    added = 0
    with db.atomic():
        for status, score, members, differences in GROUPS:
            gid = int(db.execute(
                "INSERT INTO alignments (collection_id, status, score) VALUES (?,?,?)",
                [collection.id, status, score],
            ).lastrowid or 0)  # fmt: skip
            by_seed = {m.seed: find(m.seed, m.contains) for m in members}
            for sid, *_ in by_seed.values():
                db.execute(
                    "INSERT INTO alignment_statements (alignment_id, statement_id) VALUES (?, ?)",
                    [gid, sid],
                )
            for kind, severity, detail, readings in differences:
                db.execute(
                    "INSERT INTO differences (alignment_id, type, severity, detail, readings)"
                    " VALUES (?,?,?,?,?)",
                    [
                        gid,
                        kind,
                        severity,
                        detail,
                        json.dumps([_reading(r, by_seed) for r in readings]),
                    ],
                )
            added += 1
    return added


def _reading(reading: Reading, by_seed: dict[str, tuple[int, str, int, int]]) -> dict:
    spans = []
    for seed, words in reading.at:
        sid, text, start, end = by_seed[seed]
        at = text.index(words, start, end)
        spans.append({"statement": f"s{sid}", "start": at, "end": at + len(words)})
    return {"text": reading.text, "value": reading.value, "spans": spans}
