"""Cross-article entity linking on the five seeds, scored against tests/gold/seed_entities.json.

A gold item is (gold entity, seed file, surface form). Two items of one entity in different
files are a gold link; the system links them when a mention of each (same normalised text, same
article) shares an entity. Recall = gold links the system makes / gold links; precision = system
links between gold items that are gold links / system links between gold items.
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import pytest

from app.core.store.db import open_db

GOLD = json.loads((Path(__file__).parent / "gold" / "seed_entities.json").read_text("utf-8"))
# 0.95 was reached only by stripping Finnish genitive endings ("Borrellin") off names, a rule
# made for the demo's machine-translated article; without it the honest figure is 0.914.
RECALL_MIN = 0.91
PRECISION_MIN = 0.98


def norm(text: str) -> str:
    """Deliberately independent of app.core.entities.names: the gold's own notion of a form."""
    text = text.casefold().strip()
    text = re.sub(r"^(?:the|mr|mrs|pro-)\s*", "", text)
    text = re.sub(r"\s*['’‘]\s*s$|['’]$", "", text)
    return " ".join(text.split())


def system_entities(path: Path) -> dict[tuple[str, str], set[int]]:
    """(seed file prefix, normalised mention text) → entity ids of such mentions."""
    db = open_db(path)
    found: dict[tuple[str, str], set[int]] = {}
    for article_path, text, entity_id in db.execute(
        "SELECT a.path, m.text, m.entity_id FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.entity_id IS NOT NULL"
    ).fetchall():
        found.setdefault((Path(article_path).name[:3], norm(text)), set()).add(entity_id)
    db.conn.close()
    return found


def score(found: dict[tuple[str, str], set[int]]) -> tuple[float, float, list[str], list[str]]:
    items = [
        (index, seed, norm(form))
        for index, entity in enumerate(GOLD["entities"])
        for seed, forms in entity["forms"].items()
        for form in forms
    ]
    gold_links = made = system_links = correct = 0
    missed: list[str] = []
    wrong: list[str] = []
    for a, b in combinations(items, 2):
        if a[1] == b[1]:
            continue
        linked = bool(found.get(a[1:], set()) & found.get(b[1:], set()))
        if a[0] == b[0]:
            gold_links += 1
            made += linked
            if not linked:
                missed.append(f"{a} ~ {b}")
        if linked:
            system_links += 1
            correct += a[0] == b[0]
            if a[0] != b[0]:
                wrong.append(f"{a} ~ {b}")
    return made / gold_links, correct / max(system_links, 1), missed, wrong


@pytest.fixture(scope="module")
def found(seeded_db_file: Path) -> dict[tuple[str, str], set[int]]:
    return system_entities(seeded_db_file)


def test_cross_article_link_recall_and_precision(found: dict[tuple[str, str], set[int]]) -> None:
    recall, precision, missed, wrong = score(found)
    print(f"\nseed entity links: recall {recall:.3f}, precision {precision:.3f}")
    print("missed:", *missed[:20], sep="\n  ")
    print("wrong:", *wrong[:20], sep="\n  ")
    assert recall >= RECALL_MIN, missed
    assert precision >= PRECISION_MIN, wrong


def test_must_not_link_pairs_never_share_an_entity(
    found: dict[tuple[str, str], set[int]],
) -> None:
    by_form: dict[str, set[int]] = {}
    for (_, form), ids in found.items():
        by_form.setdefault(form, set()).update(ids)
    for a, b in GOLD["must_not_link"]:
        assert by_form.get(norm(a)), f"{a!r} is never mentioned: the pair tests nothing"
        assert by_form.get(norm(b)), f"{b!r} is never mentioned: the pair tests nothing"
        assert not by_form[norm(a)] & by_form[norm(b)], f"{a!r} and {b!r} were linked"


def test_entities_take_the_majority_label_and_full_name(seeded_db_file: Path) -> None:
    db = open_db(seeded_db_file)
    rows = {name: label for name, label in db.execute("SELECT name, label FROM entities")}
    db.conn.close()
    assert rows["Alexei Navalny"] == "PERSON"  # spaCy says ORG for "Mr Navalny" in places
    assert rows["Josep Borrell"] == "PERSON"  # and GPE for "Borrell" in articles 001 and 003
    assert rows["Sergei Lavrov"] == "PERSON"
    assert rows["European Union"] == "ORG"
    assert "Navalnyin" not in " ".join(rows)
