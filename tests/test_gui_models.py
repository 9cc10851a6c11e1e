"""Every custom Qt model of the reader through pytest-qt's model tester, on real data."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_support import database_copy
from pytestqt.modeltest import ModelTester

from app.core.annotations import store
from app.core.annotations.model import new_annotation
from app.core.demo import DEMO_COLLECTION
from app.core.store import articles, collections
from app.core.store.db import open_db
from app.core.view.load import load_comparison
from app.core.view.model import Comparison
from app.gui.annotate.annotation_model import AnnotationFilter, AnnotationsModel
from app.gui.compare.colours import entity_colours
from app.gui.compare.synopsis_model import DIVERGENT_ONLY, ONLY_IN, SynopsisFilter, SynopsisModel
from app.gui.panels.entity_model import EntityMatrixModel


@pytest.fixture
def comparison(seeded_db_file: Path, tmp_path: Path) -> Comparison:
    db = open_db(database_copy(seeded_db_file, tmp_path, aligned=True))
    collection = collections.find(db, DEMO_COLLECTION)
    for row in articles.in_collection(db, collection.id)[:2]:
        store.create(db, new_annotation(collection.id, row.id, row.path, row.text, 0, 20,
                                        note="n", tags=("t",)))  # fmt: skip
    return load_comparison(db, DEMO_COLLECTION)


def test_synopsis_model_and_filter(qtmodeltester: ModelTester, comparison: Comparison) -> None:
    model = SynopsisModel()
    keys = [a.key for a in comparison.articles]
    model.set_comparison(comparison, keys)
    assert model.rowCount() > 3
    qtmodeltester.check(model)
    proxy = SynopsisFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(DIVERGENT_ONLY)
    qtmodeltester.check(proxy)
    proxy.set_filter(ONLY_IN, 1)
    qtmodeltester.check(proxy)
    model.set_comparison(comparison, keys[:2])  # reset with fewer columns
    qtmodeltester.check(model)


def test_entity_matrix_model(qtmodeltester: ModelTester, comparison: Comparison) -> None:
    model = EntityMatrixModel()
    keys = [a.key for a in comparison.articles]
    colours = entity_colours(comparison.entities, keys)
    model.set_entities(comparison, keys, comparison.entities, colours, set(colours))
    assert model.rowCount() > 10 and model.columnCount() == 2 + len(keys)
    qtmodeltester.check(model)


def test_annotations_model_and_filter(qtmodeltester: ModelTester, comparison: Comparison) -> None:
    from app.core.annotations.model import Annotation

    rows = [
        Annotation(comparison.collection_id, a.db_id, a.path, 0, 5, a.text[:5], note=f"note {i}",
                   tags=("x",) if i else ())
        for i, a in enumerate(comparison.articles)
    ]  # fmt: skip
    model = AnnotationsModel()
    model.set_annotations(rows, {a.db_id: a.label for a in comparison.articles})
    qtmodeltester.check(model)
    proxy = AnnotationFilter()
    proxy.setSourceModel(model)
    proxy.set_filter("x")
    assert proxy.rowCount() == len(rows) - 1
    qtmodeltester.check(proxy)
