"""Sample notes over the demo articles, for the PDF screenshots and the export bench.

Everything is located by quoting the seed texts, never by row ids, and every span is checked:
if a seed changes, this fails loudly instead of highlighting the wrong words.
"""

from __future__ import annotations

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


NOTES = [
    (Quote("002", "expelling several", "several"),
     "The Moscow Times gives no number; every other source says three.", ["check"]),
    (Quote("000", "defended the EU", "disastrous visit"),
     "The Telegraph's own framing, not a quotation.", ["framing"]),
    (Quote("004", "timed perfectly", "timed perfectly to belittle him personally"),
     "Interpretation presented as fact.", ["framing", "opinion"]),
]  # fmt: skip


class SeedTexts:
    """The demo articles by seed number, with their statements: quotes are found in them."""

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


def sample_annotations(db: sqlite_utils.Database, collection: str) -> list[dict[str, Any]]:
    """NOTES as W3C Web Annotations targeting the export's article ids ("a<id>")."""
    seeds = SeedTexts(db, collection)
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
