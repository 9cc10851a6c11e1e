"""The JSON export is the contract other tools read: validate it against the schema file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import sqlite_utils
from comparison_support import build_comparison

from app.core.view.document import write_json
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "resources" / "comparison-1.schema.json").read_text())


def test_export_validates_and_offsets_match(seed_db: sqlite_utils.Database, tmp_path: Path) -> None:
    out = tmp_path / "seeds.json"
    write_json(build_comparison(seed_db, "Borrell in Moscow"), out)
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert document["schema"] == "parallax/comparison-1"
    texts = {a["id"]: a["text"] for a in document["articles"]}
    assert len(texts) == 5
    for statement in document["statements"]:
        assert (
            texts[statement["article"]][statement["start"] : statement["end"]] == statement["text"]
        )
    for entity in document["entities"]:
        for mention in entity["mentions"]:
            assert texts[mention["article"]][mention["start"] : mention["end"]] == mention["text"]
    roles = {s["role"] for s in document["statements"]}
    assert roles == {"title", "heading", "caption", "boilerplate", "body"}
    first = document["articles"][0]
    assert first["published"] == "2021-02-08" and first["language"] == "en"


def test_export_of_chosen_articles(seed_db: sqlite_utils.Database) -> None:
    document = build_comparison(seed_db, "Borrell in Moscow", [1, 3])
    assert [a["id"] for a in document["articles"]] == ["a1", "a3"]
    assert {s["article"] for s in document["statements"]} == {"a1", "a3"}
    jsonschema.validate(document, SCHEMA)


def test_schema_rejects_a_broken_document(seed_db: sqlite_utils.Database) -> None:
    document = build_comparison(seed_db, "Borrell in Moscow")
    document["statements"][0]["role"] = "sidebar"
    try:
        jsonschema.validate(document, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an unknown role")
