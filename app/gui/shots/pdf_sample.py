"""Hand-made alignments and annotations over the seed articles, for screenshots, the export
bench and tests while the aligner and the annotation store are still being written.

Everything is located by quoting the seed texts, never by row ids, and every span is checked:
if a seed changes, this fails loudly instead of highlighting the wrong words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app.core.store import articles as article_store
from app.core.store import collections


@dataclass(frozen=True)
class Quote:
    seed: str  # the seed file's number, "000"…"004"
    statement: str  # words that pick the statement
    word: str = ""  # the reading's words inside it, for a difference span


GROUPS: list[dict[str, Any]] = [
    {
        "statements": [
            Quote("000", "ended with the expulsion of three European diplomats"),
            Quote("001", "Russia expelled three EU diplomats"),
            Quote("002", "expelling several European diplomats"),
            Quote("003", "heard the news of the expulsion of three European diplomats"),
            Quote("004", "the expulsion of three EU diplomats timed perfectly"),
        ],
        "differences": [
            ("number", "conflict", "three vs several", [
                ("three", 3, [Quote("000", "ended with the expulsion", "three"),
                              Quote("001", "Russia expelled three", "three"),
                              Quote("003", "heard the news", "three"),
                              Quote("004", "timed perfectly", "three")]),
                ("several", None, [Quote("002", "expelling several", "several")]),
            ]),
            ("wording", "variation", "European vs EU diplomats", [
                ("European diplomats", None, [
                    Quote("000", "ended with the expulsion", "European diplomats"),
                    Quote("002", "expelling several", "European diplomats"),
                    Quote("003", "heard the news", "European diplomats")]),
                ("EU diplomats", None, [Quote("001", "Russia expelled three", "EU diplomats"),
                                        Quote("004", "timed perfectly", "EU diplomats")]),
            ]),
        ],
    },
    {
        "statements": [
            Quote("000", "indicate that the Russian authorities"),
            Quote("002", "indicates that the Russian authorities"),
        ],
        "differences": [
            ("quote", "variation", "indicate vs indicates in Borrell's blog", [
                ("indicate", None, [Quote("000", "indicate that the Russian", "indicate")]),
                ("indicates", None, [Quote("002", "indicates that the Russian", "indicates")]),
            ]),
        ],
    },
    {
        "statements": [
            Quote("000", "will discuss relations with Moscow on February 22"),
            Quote("002", "will debrief his trip to foreign ministers"),
            Quote("003", "EU leaders will meet on February 22"),
            Quote("004", "EU foreign ministers are due to meet on February 22nd"),
        ],
        "differences": [
            ("entity", "conflict", "foreign ministers vs EU leaders meet on 22 February", [
                ("foreign ministers", None, [
                    Quote("000", "will discuss relations", "foreign affairs ministers"),
                    Quote("002", "will debrief his trip", "foreign ministers"),
                    Quote("004", "are due to meet", "foreign ministers")]),
                ("EU leaders", None, [Quote("003", "EU leaders will meet", "EU leaders")]),
            ]),
        ],
    },
    {
        "statements": [
            Quote("000", "Mr Borrell learned of the expulsions on social media"),
            Quote("001", "found out about them through social media"),
        ],
        "differences": [],
    },
    {
        "statements": [
            Quote("003", "the decision would have to be taken unanimously"),
            Quote("004", "must be decided unanimously"),
        ],
        "differences": [],
    },
]  # fmt: skip

NOTES = [
    (Quote("002", "expelling several", "several"),
     "The Moscow Times gives no number; every other source says three.", ["check"]),
    (Quote("000", "defended the EU", "disastrous visit"),
     "The Telegraph's own framing, not a quotation.", ["framing"]),
    (Quote("004", "timed perfectly", "timed perfectly to belittle him personally"),
     "Interpretation presented as fact.", ["framing", "opinion"]),
]  # fmt: skip


class _Seeds:
    def __init__(self, db: sqlite_utils.Database, collection: str) -> None:
        self.rows = {}
        collection_id = collections.find(db, collection).id
        for row in article_store.in_collection(db, collection_id):
            name = row.path.rsplit("/", 1)[-1]
            self.rows[name[:3]] = row
        self.statements = {
            key: article_store.statements(db, row.id) for key, row in self.rows.items()
        }

    def statement(self, quote: Quote) -> tuple[int, int, int]:
        """(statement id, start, end) of the statement holding the quote's words."""
        text = self.rows[quote.seed].text
        at = text.find(quote.statement)
        if at < 0:
            raise LookupError(f"seed {quote.seed} does not contain {quote.statement!r}")
        for st in self.statements[quote.seed]:
            if st.start <= at < st.end:
                return st.id, st.start, st.end
        raise LookupError(f"no statement holds {quote.statement!r}")

    def span(self, quote: Quote) -> dict[str, Any]:
        sid, start, end = self.statement(quote)
        text = self.rows[quote.seed].text
        # the words after the quoted phrase, else anywhere in the statement
        at = text.find(quote.word, text.find(quote.statement), end)
        at = text.find(quote.word, start, end) if at < 0 else at
        if at < 0:
            raise LookupError(f"{quote.word!r} not in the statement of {quote.statement!r}")
        return {"statement": f"s{sid}", "start": at, "end": at + len(quote.word)}


def add_sample_alignments(db: sqlite_utils.Database, collection: str) -> int:
    """Store GROUPS as alignments of `collection`; returns how many were added."""
    seeds = _Seeds(db, collection)
    collection_id = collections.find(db, collection).id
    for group in GROUPS:
        status = "divergent" if group["differences"] else "shared"
        gid = (
            db["alignments"]
            .insert({"collection_id": collection_id, "status": status, "score": 0.8})
            .last_pk
        )
        for quote in group["statements"]:
            db["alignment_statements"].insert(
                {"alignment_id": gid, "statement_id": seeds.statement(quote)[0]}
            )
        for kind, severity, detail, readings in group["differences"]:
            stored = [
                {"text": text, "value": value, "spans": [seeds.span(q) for q in quotes]}
                for text, value, quotes in readings
            ]
            db["differences"].insert(
                {"alignment_id": gid, "type": kind, "severity": severity, "detail": detail,
                 "readings": json.dumps(stored)}
            )  # fmt: skip
    return len(GROUPS)


def sample_annotations(db: sqlite_utils.Database, collection: str) -> list[dict[str, Any]]:
    """NOTES as W3C Web Annotations targeting the export's article ids ("a<id>")."""
    seeds = _Seeds(db, collection)
    found = []
    for n, (quote, note, tags) in enumerate(NOTES, 1):
        span = seeds.span(quote)
        text = seeds.rows[quote.seed].text
        found.append(annotation(
            f"urn:parallax:sample:{n}", f"a{seeds.rows[quote.seed].id}", text, span["start"],
            span["end"], note, tags,
        ))  # fmt: skip
    return found


def annotation(
    ident: str, article: str, text: str, start: int, end: int, note: str, tags: list[str]
) -> dict[str, Any]:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": ident,
        "type": "Annotation",
        "created": "2026-11-26T10:00:00Z",
        "body": [
            {"type": "TextualBody", "value": note, "purpose": "commenting", "format": "text/plain"},
            *({"type": "TextualBody", "value": t, "purpose": "tagging"} for t in tags),
        ],
        "target": {
            "source": article,
            "selector": [
                {"type": "TextQuoteSelector", "exact": text[start:end],
                 "prefix": text[max(0, start - 32) : start], "suffix": text[end : end + 32]},
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }  # fmt: skip
