"""Score the analysis on the invented stories of tests/corpus/ (see docs/evaluation.md).

Each story is imported into its own temporary SQLite file with the real importer and analysed in
full (entities, alignment, differences), then scored against its `gold.json`:

- alignment and divergences by tests/alignment_scoring.py, after `expand` turned the story's
  facts into the pair gold that scorer reads (every two outlets of a fact make a pair; the kinds
  of a pair are the points on which the two outlets sit in different readings);
- entity links by tests/entity_scoring.py.

`naive_groups`, `naive_separations` and `exact_string_ids` are the baselines `bench.corpus_eval`
prints beside the figures: TF-IDF cosine pairing, "the numbers or dates are written differently",
and linking mentions with the same text and label.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import sqlite_utils
from alignment_scoring import Groups, Scores, Separations, find_statement, score
from entity_scoring import EntityScores, IdOf, found_items, score_entities, stored_mentions

CORPUS = Path(__file__).parent / "corpus"
KINDS = ("number", "date", "entity", "quote", "attribution", "wording")
TFIDF_THRESHOLD = 0.3  # the baseline's one fixed cut: cosine of two statements' TF-IDF vectors
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d[\d,.]*")
_NUMBER = re.compile(
    r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|dozens?|half|quarter|third)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def stories(split: str | None = None) -> list[Path]:
    """Story folders, optionally only the `tuning` or `report` ones."""
    found = sorted(p.parent for p in CORPUS.glob("*/gold.json"))
    if split is None:
        return found
    return [p for p in found if load_gold(p)["split"] == split]


def load_gold(story: Path) -> dict:
    return json.loads((story / "gold.json").read_text(encoding="utf-8"))


def build_db(story: Path, folder: Path | None = None) -> sqlite_utils.Database:
    """The story imported and analysed as the app does it, in a new SQLite file."""
    from app.core.analysis import analyse_collection
    from app.core.ingest.importer import import_paths
    from app.core.nlp.model import shared_model
    from app.core.store import collections
    from app.core.store.db import open_db

    folder = folder or Path(tempfile.mkdtemp(prefix="corpus-"))
    db = open_db(folder / f"{story.name}.db")
    import_paths(db, sorted(story.glob("*.txt")), story.name, nlp=shared_model(), n_process=1)
    analyse_collection(db, collections.find(db, story.name).id)
    return db


def _pair_kinds(readings: Mapping[str, list[list[str]]], a: str, b: str) -> list[str]:
    """Kinds on which outlets `a` and `b` sit in different readings (silent outlets in none)."""
    kinds = []
    for kind, groups in readings.items():
        where = {stem: i for i, group in enumerate(groups) for stem in group}
        if a in where and b in where and where[a] != where[b]:
            kinds.append(kind)
    return kinds


def _pair_allowed(allowed: list[str] | Mapping[str, list[list[str]]], a: str, b: str) -> list[str]:
    if isinstance(allowed, list):
        return list(allowed)
    return [kind for kind, pairs in allowed.items() if any({a, b} == set(p) for p in pairs)]


def expand(gold: Mapping) -> dict:
    """A story's fact gold → the pair gold of tests/alignment_scoring.py."""
    pairs = []
    for fact in gold["facts"]:
        told = fact["statements"]
        also = fact.get("also", {})
        for kind, groups in fact.get("readings", {}).items():
            if kind not in KINDS:
                raise ValueError(f"fact {fact['fact']}: unknown kind {kind!r}")
            for stem in (s for group in groups for s in group):
                if stem not in told:
                    raise ValueError(f"fact {fact['fact']}: {stem} reads but does not tell it")
        hub = fact.get("hub")  # only pairs with this outlet: the others tell two other facts
        for a, b in combinations(told, 2):
            if hub and hub not in (a, b):
                continue
            pairs.append({
                "a": [a, told[a]], "b": [b, told[b]],
                "a_also": [[a, s] for s in also.get(a, [])],
                "b_also": [[b, s] for s in also.get(b, [])],
                "kinds": _pair_kinds(fact.get("readings", {}), a, b),
                "allowed": _pair_allowed(fact.get("allowed", []), a, b),
                "fact": fact["fact"],
            })  # fmt: skip
    return {
        "pairs": pairs,
        "unaligned": gold.get("unique", []),
        "never": gold.get("never", []),
        "not_aligned": gold.get("not_aligned", []),
    }


@dataclass
class StoryScores:
    story: str
    alignment: Scores
    entities: EntityScores
    notes: list[str] = field(default_factory=list)


def score_story(
    db: sqlite_utils.Database,
    gold: Mapping,
    groups: Groups | None = None,
    separations: Separations | None = None,
    id_of: IdOf | None = None,
    story: str = "",
) -> StoryScores:
    alignment = score(db, expand(gold), groups, separations)
    entities = score_entities(gold, found_items(gold, stored_mentions(db, id_of)))
    return StoryScores(story, alignment, entities, alignment.misses + alignment.wrong_pairs)


def total(parts: Iterable[StoryScores]) -> StoryScores:
    """Micro-average: counts summed over the stories."""
    alignment, entities = Scores(), EntityScores()
    for part in parts:
        for name in Scores.__dataclass_fields__:
            value = getattr(part.alignment, name)
            setattr(alignment, name, getattr(alignment, name) + value)
        entities.add(part.entities)
    return StoryScores("all", alignment, entities)


def figures(result: StoryScores) -> dict[str, float]:
    """The figures the issue sets targets for, and the ones beside them."""
    a, e = result.alignment, result.entities
    return {
        "divergent pairs flagged": a.divergence_recall,
        "same-fact pairs falsely flagged": a.false_divergence,
        "paraphrase pairs falsely flagged": a.paraphrase_false_flags,
        "pairs aligned": a.alignment_recall,
        "pairwise alignment precision": a.precision,
        "unique statements kept unique": a.unaligned_kept_rate,
        "entity link precision": e.precision,
        "entity link recall": e.recall,
    }


# --- baselines -----------------------------------------------------------------------------


def _body_statements(
    db: sqlite_utils.Database, collection_id: int | None = None
) -> list[tuple[str, int, str]]:
    where = "" if collection_id is None else f" AND a.collection_id = {int(collection_id)}"
    return [
        (f"s{sid}", aid, text[start:end])
        for sid, aid, text, start, end in db.execute(
            'SELECT s.id, s.article_id, a.text, s.start, s."end" FROM statements s'
            " JOIN articles a ON a.id = s.article_id WHERE s.role = 'body'"
            + where
            + " ORDER BY s.id"
        )
    ]


def naive_groups(
    db: sqlite_utils.Database,
    threshold: float = TFIDF_THRESHOLD,
    collection_id: int | None = None,
) -> Groups:
    """Every two body statements of different articles whose TF-IDF cosine reaches
    `threshold` make a group of two (stop words dropped, lower case, IDF over the collection)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    rows = _body_statements(db, collection_id)
    bags = [
        Counter(w for w in (m.lower() for m in _WORD.findall(text)) if w not in STOP_WORDS)
        for _, _, text in rows
    ]
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    vectors = []
    for bag in bags:
        vec = {w: c * math.log((1 + n) / (1 + df[w])) + c for w, c in bag.items()}
        size = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / size for w, v in vec.items()})
    groups: Groups = {}
    for i, j in combinations(range(n), 2):
        if rows[i][1] == rows[j][1]:
            continue
        small, large = sorted((vectors[i], vectors[j]), key=len)
        cosine = sum(v * large.get(w, 0.0) for w, v in small.items())
        if cosine >= threshold:
            groups[len(groups) + 1] = {rows[i][0], rows[j][0]}
    return groups


def naive_separations(db: sqlite_utils.Database, groups: Groups) -> Separations:
    """In each group, members whose number strings (or date words) differ are in different
    readings; a member without any is silent. No other kind is ever flagged."""
    text_of = {key: text for key, _, text in _body_statements(db)}
    result: Separations = {}
    for gid, members in groups.items():
        for kind, pattern in (("number", _NUMBER), ("date", _DATE)):
            readings: dict[frozenset[str], set[str]] = {}
            for key in members:
                found = frozenset(m.lower() for m in pattern.findall(text_of.get(key, "")))
                if found:
                    readings.setdefault(found, set()).add(key)
            if len(readings) > 1:
                result.setdefault(gid, []).append((kind, list(readings.values())))
    return result


def exact_string_ids(text: str, label: str, entity_id: object) -> object:
    """The entity baseline: one entity per exact (mention text, label)."""
    return (text, label)


def gold_groups(db: sqlite_utils.Database, gold: Mapping) -> tuple[Groups, Separations]:
    """What a perfect analysis would store: one group per fact (every statement that tells it)
    and, per kind, its readings. Scoring it must give full marks: a check of the gold itself."""
    groups: Groups = {}
    separations: Separations = {}
    for gid, fact in enumerate(gold["facts"], start=1):
        also = fact.get("also", {})
        keys = {
            stem: {f"s{find_statement(db, [stem, s])}" for s in [told, *also.get(stem, [])]}
            for stem, told in fact["statements"].items()
        }
        groups[gid] = set().union(*keys.values())
        for kind, readings in fact.get("readings", {}).items():
            sets = [set().union(*(keys[stem] for stem in reading)) for reading in readings]
            if len(sets) > 1:
                separations.setdefault(gid, []).append((kind, sets))
    return groups, separations


def typed_gold_groups(db: sqlite_utils.Database, gold: Mapping) -> tuple[Groups, Separations]:
    """The gold's groups (one per fact) with the app's own difference finders run on each:
    typing alone, so a divergence missed here is the typing's fault, not the alignment's."""
    groups, _ = gold_groups(db, gold)
    return groups, typed_groups(db, groups)


def typed_groups(db: sqlite_utils.Database, groups: Groups) -> Separations:
    """The app's difference finders run on the given groups of statement keys ("s12")."""
    return {
        gid: [(kind, sets) for kind, _, sets in found]
        for gid, found in typed_differences(db, groups).items()
    }


def typed_differences(
    db: sqlite_utils.Database, groups: Groups
) -> dict[int, list[tuple[str, str, list[set[str]]]]]:
    """(kind, severity, readings) of each difference the app's finders see in each group."""
    from app.core.compare.differences import find_differences
    from app.core.compare.features import load_articles
    from app.core.compare.pipeline import prepare_quotes
    from app.core.compare.records import GroupContext

    ids = [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id")]
    articles = load_articles(db, ids)
    quotes = prepare_quotes(db, articles, [])
    by_id = {a.id: a for a in articles}
    statements = {f"s{st.id}": st for a in articles for st in a.statements}
    result: dict[int, list[tuple[str, str, list[set[str]]]]] = {}
    for gid, keys in groups.items():
        members = [statements[k] for k in sorted(keys) if k in statements]
        for d in find_differences(GroupContext(members, by_id, quotes)):
            sets = [{f"s{s.statement}" for s in r.spans} for r in d.readings]
            result.setdefault(gid, []).append((d.type, d.severity, sets))
    return result


def score_typing(db: sqlite_utils.Database, gold: Mapping) -> Scores:
    """Divergence figures of the app's typing on the gold groups (see `typed_gold_groups`)."""
    groups, separations = typed_gold_groups(db, gold)
    return score(db, expand(gold), groups, separations)
