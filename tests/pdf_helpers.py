"""Shared by the PDF export tests: real rows for an alignment and annotations, PDF read-back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import sqlite_utils
from pypdf import PdfReader

from app.core.demo import DEMO_COLLECTION
from app.core.store import articles as article_store
from app.core.store import collections
from app.gui.shots.demo_notes import annotation

THREE_NOTE = "Four outlets count three diplomats; check the Foreign Ministry statement."
SEVERAL_NOTE = "Vague on purpose? The Moscow Times avoids the number."


def seed_row(db: sqlite_utils.Database, prefix: str) -> article_store.ArticleRow:
    collection_id = collections.find(db, DEMO_COLLECTION).id
    for row in article_store.in_collection(db, collection_id):
        if row.path.rsplit("/", 1)[-1].startswith(prefix):
            return row
    raise LookupError(prefix)


def statement_at(db: sqlite_utils.Database, row: article_store.ArticleRow, words: str) -> int:
    at = row.text.index(words)
    for st in article_store.statements(db, row.id):
        if st.start <= at < st.end:
            return st.id
    raise LookupError(words)


def add_diplomats_group(db: sqlite_utils.Database) -> dict[str, Any]:
    """Seed 000's "three European diplomats" and seed 002's "several European diplomats" as one
    aligned group with a `number` conflict whose readings span exactly "three" and "several"."""
    telegraph, moscow_times = seed_row(db, "000"), seed_row(db, "002")
    three_at = telegraph.text.index("expulsion of three European diplomats") + len("expulsion of ")
    several_at = moscow_times.text.index("expelling several European") + len("expelling ")
    s_three = statement_at(db, telegraph, "expulsion of three European diplomats")
    s_several = statement_at(db, moscow_times, "expelling several European")
    assert telegraph.text[three_at : three_at + 5] == "three"
    assert moscow_times.text[several_at : several_at + 7] == "several"
    collection_id = collections.find(db, DEMO_COLLECTION).id
    # The test checks the PDF against this one known group: the aligner's own groups go.
    db.execute("DELETE FROM alignments WHERE collection_id = ?", [collection_id])
    gid = db["alignments"].insert({"collection_id": collection_id, "score": 0.9}).last_pk
    for sid in (s_three, s_several):
        db["alignment_statements"].insert({"alignment_id": gid, "statement_id": sid})
    readings = [
        {"text": "three", "value": 3,
         "spans": [{"statement": f"s{s_three}", "start": three_at, "end": three_at + 5}]},
        {"text": "several", "value": None,
         "spans": [{"statement": f"s{s_several}", "start": several_at, "end": several_at + 7}]},
    ]  # fmt: skip
    db["differences"].insert(
        {"alignment_id": gid, "type": "number", "severity": "conflict",
         "detail": "three vs several", "readings": json.dumps(readings)}
    )  # fmt: skip
    return {
        "telegraph": telegraph, "moscow_times": moscow_times, "three_at": three_at,
        "several_at": several_at, "statements": (s_three, s_several),
    }  # fmt: skip


def diplomats_annotations(group: dict[str, Any]) -> list[dict[str, Any]]:
    telegraph, moscow_times = group["telegraph"], group["moscow_times"]
    return [
        annotation("urn:test:1", f"a{telegraph.id}", telegraph.text, group["three_at"],
                   group["three_at"] + 5, THREE_NOTE, ["numbers"]),
        annotation("urn:test:2", f"a{moscow_times.id}", moscow_times.text, group["several_at"],
                   group["several_at"] + 7, SEVERAL_NOTE, []),
    ]  # fmt: skip


def squash(text: str) -> str:
    """Text without any whitespace: wrapped lines and PDF spacing no longer matter."""
    return re.sub(r"\s+", "", text)


def page_texts(path: Path) -> list[str]:
    """Each page's text, runs of whitespace as one space (pypdf reads word gaps as tabs)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Every font used on any page, and whether its program is embedded in the file."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = (target.get("/FontDescriptor") or {}).get_object() if target.get(
                "/FontDescriptor") else {}  # fmt: skip
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return found
