"""Statement alignment on ECB+: same-event recall and cross-event error, TRAIN and DEV apart.

Definition (issue 12). Each topic mixes two look-alike events: documents whose id ends `ecb`
and those ending `ecbplus` are its two halves.
- A same-event pair is two validated body sentences, in different documents of the same half,
  that mention the same gold event cluster; mentions that only report speech ("said",
  "according to", "told", "reported" …, REPORTING below) do not count.
- Recall: the share of those pairs whose sentences share a group (primary or second member).
- Error: of all aligned pairs of statements from different articles, the share whose articles
  belong to different halves.
- Ceiling: the recall a grouping with at most one statement per article per group could reach
  on this gold (a greedy packing, so a close lower bound of the exact optimum): the gold pairs
  every sentence that mentions an event, however many one document has.

Methods, all through the same grouping (app.core.compare.aligner):
- ours: the app's similarity (AlignParams and SimilarityParams defaults);
- sparse: ours without any sentence vectors; previous: the aligner before issue 12;
- static: ours without the contextual vectors (as before stop 16);
- tfidf: plain TF-IDF cosine over the sentences' words, no evidence gate;
- staticcos: cosine of the shipped static vectors alone (app/core/nlp/sentence_vectors.py);
- minilm: full all-MiniLM-L6-v2 cosine alone (the app's encoder, app/core/nlp/minilm.py;
  vectors cached beside the parses); no evidence gate.

With `--one-event`, each half of a topic is scored as a collection of its own: several outlets
telling one event, as a user's collection usually is (the app's one-story mode). Recall is as
above; there is no other half, so the error is the share of aligned cross-article pairs of two
sentences that both mention gold events but share no event cluster ("mismatch").

Import and entity linking run as in the app, once per topic: the parsed articles are cached in
/tmp/parallax-align-ecb (delete it, or pass --fresh, after changing import or linking).

    python -m bench.alignment_ecb [--split train|dev|both] [--methods ours,tfidf,minilm]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np

from app.core.compare.aligner import AlignParams, Group, group_statements
from app.core.compare.features import ArticleInfo, StatementInfo
from app.core.compare.vectors import (
    DEFAULT_SIMILARITY,
    SimilarityParams,
    VectorSpace,
    statement_space,
)
from bench.entities import ECB_CANDIDATES

TRAIN = tuple(str(t) for t in range(1, 23))
DEV = tuple(str(t) for t in range(23, 36))
CACHE = Path(tempfile.gettempdir()) / "parallax-align-ecb"
# Event mentions that only report that something was said; chosen from the most frequent event
# mention texts of the TRAIN gold ("said" 192, "reported" 34, "say" 27, "told" 22, "says" 20 …).
REPORTING = frozenset({
    "said", "say", "says", "saying", "told", "tell", "tells", "telling", "reported", "report",
    "reports", "reporting", "according", "according to", "added", "adds", "stated", "statement",
    "explained", "noted", "claimed", "wrote", "quoted", "asked",
})  # fmt: skip

SentenceKey = tuple[str, int]  # (document id, sentence id)


@dataclass
class Topic:
    name: str
    articles: list[ArticleInfo]
    document_of: dict[int, str]  # article id → gold document id
    statements_of: dict[SentenceKey, list[int]]  # validated body sentence → its statements
    events: dict[SentenceKey, set[str]]  # validated body sentence → event clusters (no reporting)


@dataclass
class Tally:
    pairs: int = 0  # same-event gold pairs
    aligned: int = 0  # … of them aligned
    ceiling: int = 0  # … of them a one-per-article grouping could align
    cross_pairs: int = 0  # aligned statement pairs from different articles
    cross_event: int = 0  # … of them from different halves
    annotated: int = 0  # aligned cross-article pairs of two sentences that mention events
    mismatched: int = 0  # … of them sharing no event cluster
    seconds: float = 0.0
    per_topic: dict[str, tuple[float, float]] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        for name in (
            "pairs",
            "aligned",
            "ceiling",
            "cross_pairs",
            "cross_event",
            "annotated",
            "mismatched",
            "seconds",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.per_topic.update(other.per_topic)

    @property
    def recall(self) -> float:
        return self.aligned / max(1, self.pairs)

    @property
    def error(self) -> float:
        return self.cross_event / max(1, self.cross_pairs)

    @property
    def mismatch(self) -> float:
        return self.mismatched / max(1, self.annotated)


def half(document: str) -> str:
    return "ecbplus" if document.endswith("ecbplus") else "ecb"


def _normalise(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------- data and cache


def _import_topic(folder: Path) -> tuple[list[ArticleInfo], dict[int, str]]:
    """Import + entity linking as in the app, then the statements as the aligner reads them."""
    from app.core.compare.features import load_articles
    from app.core.compare.quotes import find_quotes, mark_quoted_tokens
    from app.core.entities.pipeline import link_collection
    from app.core.ingest.importer import import_paths
    from app.core.nlp.model import shared_model
    from app.core.store import collections
    from app.core.store.db import open_db

    db = open_db(Path(tempfile.mkdtemp()) / "ecb.db")
    import_paths(db, sorted(folder.glob("*.txt")), f"ECB+ {folder.name}", nlp=shared_model(),
                 n_process=1)  # fmt: skip
    collection_id = collections.find(db, f"ECB+ {folder.name}").id
    with db.atomic():
        link_collection(db, collection_id)
    rows = db.execute(
        "SELECT id, path FROM articles WHERE collection_id = ? ORDER BY id", [collection_id]
    ).fetchall()
    articles = load_articles(db, [r[0] for r in rows])
    for article in articles:
        try:
            mark_quoted_tokens(article, find_quotes(article))
        except Exception as error:  # a bench reports; the quote finder is not ours
            print(f"  quotes of {article.label}: {error!r}", file=sys.stderr)
    db.conn.close()
    return articles, {int(r[0]): Path(r[1]).stem for r in rows}


def _gold(folder: Path) -> tuple[dict[str, dict], dict[SentenceKey, set[str]]]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    documents = {d["id"]: d for d in gold["documents"]}
    events: dict[SentenceKey, set[str]] = {}
    for d in gold["documents"]:
        for s in d["sentences"]:
            if s["validated"] and not s["is_title"]:
                events[d["id"], s["sent_id"]] = set()
    for cluster in gold["event_clusters"]:
        for m in cluster["mentions"]:
            key = (m["doc"], m["sent_id"])
            if key in events and _normalise(m["text"]).lower() not in REPORTING:
                events[key].add(cluster["id"])
    return documents, events


def _locate(topic: str, folder: Path, articles: list[ArticleInfo], document_of: dict[int, str]
            ) -> dict[SentenceKey, list[int]]:  # fmt: skip
    """Each validated sentence → the body statements that cover it: found by its text in the
    stored article (import may clean the text, so offsets of the .txt do not carry over);
    statements overlapping the found span by at least half of either count."""
    documents, events = _gold(folder)
    result: dict[SentenceKey, list[int]] = {}
    for article in articles:
        document = documents.get(document_of[article.id])
        if document is None:
            continue
        raw = (folder / document["file"]).read_text(encoding="utf-8")
        cursor = 0
        for s in document["sentences"]:
            key = (document["id"], s["sent_id"])
            if key not in events:
                continue
            words = raw[s["start"] : s["end"]].split()
            if not words:
                continue
            pattern = r"\s+".join(re.escape(w) for w in words)
            found = re.compile(pattern).search(article.text, cursor) or re.compile(
                pattern).search(article.text)  # fmt: skip
            if found is None:
                continue
            cursor = found.end()
            start, end = found.span()
            covering = []
            for st in article.statements:
                overlap = min(end, st.end) - max(start, st.start)
                if overlap > 0 and 2 * overlap >= min(end - start, st.end - st.start):
                    covering.append(st.id)
            if covering:
                result[key] = covering
    return result


def load_topic(corpus: Path, topic: str, fresh: bool = False) -> Topic:
    folder = corpus / topic
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{topic}.pickle"
    if cached.is_file() and not fresh:
        articles, document_of = pickle.loads(cached.read_bytes())
    else:
        articles, document_of = _import_topic(folder)
        cached.write_bytes(pickle.dumps((articles, document_of)))
    statements_of = _locate(topic, folder, articles, document_of)
    _, events = _gold(folder)
    return Topic(topic, articles, document_of, statements_of, events)


def one_event_halves(topic: Topic) -> list[Topic]:
    """The topic's two halves as collections of their own (one event each)."""
    result = []
    for side in ("ecb", "ecbplus"):
        articles = [a for a in topic.articles if half(topic.document_of[a.id]) == side]
        if len(articles) < 2:
            continue
        result.append(Topic(
            f"{topic.name}{side.removeprefix('ecb') or 'a'}", articles,
            {a.id: topic.document_of[a.id] for a in articles},
            {k: v for k, v in topic.statements_of.items() if half(k[0]) == side},
            {k: v for k, v in topic.events.items() if half(k[0]) == side},
        ))  # fmt: skip
    return result


# ---------------------------------------------------------------------------- scoring


def same_event_pairs(topic: Topic) -> list[tuple[SentenceKey, SentenceKey]]:
    keys = sorted(topic.events)
    return [
        (x, y)
        for x, y in combinations(keys, 2)
        if x[0] != y[0] and half(x[0]) == half(y[0]) and topic.events[x] & topic.events[y]
    ]


def ceiling(topic: Topic, pairs: list[tuple[SentenceKey, SentenceKey]]) -> int:
    """Gold pairs a grouping with one statement per article per group (each statement in one
    group) can hold, by greedy packing: the event mentioned by unplaced sentences of the most
    documents becomes a group of one such sentence per document (the one sharing most events
    with the others), until no group of two is left."""
    placed: set[SentenceKey] = set()
    linked: dict[SentenceKey, set[SentenceKey]] = defaultdict(set)
    for x, y in pairs:
        linked[x].add(y)
        linked[y].add(x)
    covered = 0
    while True:
        by_event: dict[str, dict[str, list[SentenceKey]]] = defaultdict(lambda: defaultdict(list))
        for key, clusters in topic.events.items():
            if key in placed or key not in linked:
                continue
            for cluster in clusters:
                by_event[cluster][key[0]].append(key)
        best = max(sorted(by_event.items()), key=lambda item: len(item[1]), default=None)
        if best is None or len(best[1]) < 2:
            return covered
        cluster, documents = best
        group = []
        for _, candidates in sorted(documents.items()):
            group.append(max(sorted(candidates), key=lambda k: len(linked[k] - placed)))
        covered += sum(1 for x, y in combinations(group, 2) if y in linked[x])
        placed.update(group)


def score(topic: Topic, groups: list[Group], one_event: bool = False) -> Tally:
    article_of = {st.id: st.article_id for a in topic.articles for st in a.statements}
    half_of = {a.id: half(topic.document_of[a.id]) for a in topic.articles}
    sentence_of = {sid: key for key, sids in topic.statements_of.items() for sid in sids}
    together: set[tuple[int, int]] = set()
    tally = Tally()
    for g in groups:
        for x, y in combinations(sorted(set(g.members)), 2):
            if article_of[x] == article_of[y]:
                continue
            together.add((x, y))
            tally.cross_pairs += 1
            tally.cross_event += half_of[article_of[x]] != half_of[article_of[y]]
            ex = topic.events.get(sentence_of.get(x, ("", -1)))
            ey = topic.events.get(sentence_of.get(y, ("", -1)))
            if ex and ey:
                tally.annotated += 1
                tally.mismatched += not ex & ey
    pairs = same_event_pairs(topic)
    tally.pairs = len(pairs)
    for x, y in pairs:
        sx, sy = topic.statements_of.get(x, []), topic.statements_of.get(y, [])
        tally.aligned += any((min(a, b), max(a, b)) in together for a in sx for b in sy)
    tally.ceiling = ceiling(topic, pairs)
    tally.per_topic[topic.name] = (tally.recall, tally.mismatch if one_event else tally.error)
    return tally


# ---------------------------------------------------------------------------- methods

Aligner = Callable[[Topic], list[Group]]


def statements(topic: Topic) -> list[StatementInfo]:
    return [st for a in topic.articles for st in a.statements]


def ours(params: AlignParams | None = None, similarity: SimilarityParams | None = None
         ) -> Aligner:  # fmt: skip
    def run(topic: Topic) -> list[Group]:
        sts = statements(topic)
        similar = similarity or DEFAULT_SIMILARITY
        contextual = contextual_matrix(sts) if similar.contextual_weight > 0 else None
        space = statement_space(topic.articles, similar, contextual)
        return group_statements(space, {s.id: s.article_id for s in sts}, params=params,
                                seq_of={s.id: s.seq for s in sts})  # fmt: skip

    return run


class DenseSpace(VectorSpace):
    """A baseline similarity through the same grouping: given unit vectors per statement,
    cosine is their dot product; every pair passes the evidence gate."""

    def __init__(self, sts: list[StatementInfo], matrix: np.ndarray) -> None:
        self.ids = [s.id for s in sts]
        self.row = {sid: i for i, sid in enumerate(self.ids)}
        self.matrix = matrix.astype(np.float32)

    def cosine(self, a: int, b: int) -> float:
        return float(self.matrix[self.row[a]] @ self.matrix[self.row[b]])

    def link_score(self, a: int, b: int) -> float:
        return self.cosine(a, b)

    def evidence(self, a: int, b: int) -> int:
        return 99

    def residual(self, sid: int, covered_by: list[int]) -> dict[str, float]:
        return {"_": 1.0}

    def dot(self, vector: dict[str, float], sid: int) -> float:
        return 0.0

    def candidate_pairs(self, article_of: dict[int, int], min_score: float,
                        only: set[int] | None = None, top_k: int = 12,
                        ) -> dict[tuple[int, int], float]:  # fmt: skip
        sims = self.matrix @ self.matrix.T
        articles = np.array([article_of[s] for s in self.ids])
        sims[articles[:, None] == articles[None, :]] = -1.0
        pairs: dict[tuple[int, int], float] = {}
        for i in range(len(self.ids)):
            for j in np.argsort(-sims[i])[:top_k]:
                if sims[i, j] >= min_score:
                    a, b = sorted((self.ids[i], self.ids[int(j)]))
                    pairs[a, b] = float(sims[i, j])
        return pairs


def tfidf_matrix(sts: list[StatementInfo]) -> np.ndarray:
    words = [[t.text.lower() for t in s.tokens if t.text[:1].isalnum() and not t.is_stop]
             for s in sts]  # fmt: skip
    df = Counter(w for ws in words for w in set(ws))
    vocab = {w: i for i, w in enumerate(df)}
    matrix = np.zeros((len(sts), len(vocab)), np.float32)
    for row, ws in enumerate(words):
        for w, c in Counter(ws).items():
            matrix[row, vocab[w]] = (1 + math.log(c)) * (math.log((1 + len(sts)) / (1 + df[w])) + 1)
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


def dense(make: Callable[[list[StatementInfo]], np.ndarray], params: AlignParams) -> Aligner:
    def run(topic: Topic) -> list[Group]:
        sts = statements(topic)
        space = DenseSpace(sts, make(sts))
        return group_statements(space, {s.id: s.article_id for s in sts}, params=params,
                                seq_of={s.id: s.seq for s in sts})  # fmt: skip

    return run


def static_matrix(sts: list[StatementInfo]) -> np.ndarray:
    from app.core.nlp.sentence_vectors import sentence_vectors

    model = sentence_vectors()
    assert model is not None, "resources/vectors/minilm-static is missing"
    return model.encode([s.text for s in sts])


def contextual_matrix(sts: list[StatementInfo]) -> np.ndarray:
    """The app's contextual sentence vectors (all-MiniLM-L6-v2) of the statements, cached on
    disk beside the parses: encoding a split's topics takes about a minute."""
    from app.core.nlp.minilm import sentence_encoder

    key = hashlib.sha256("\x00".join(s.text for s in sts).encode()).hexdigest()[:20]
    cached = CACHE / f"minilm-{key}.npy"
    if cached.is_file():
        return np.load(cached)
    encoder = sentence_encoder()
    assert encoder is not None, "resources/models/minilm is missing: run make"
    matrix = encoder.encode([s.text for s in sts])
    np.save(cached, matrix)
    return matrix


PREVIOUS_ALIGN = AlignParams(best_match=0.08, group_floor=0.08, competitive=False,
                             near_tie=1.01, secondary_link=0.0)  # fmt: skip
PREVIOUS_SIMILARITY = SimilarityParams(semantic_weight=0.0, semantic_top_k=0, contextual_weight=0.0,
                                       conflict_penalty=0.0, article_weight=0.0)  # fmt: skip
# Baselines keep the grouping but not the app's lexical gates: linking thresholds for a plain
# cosine (TF-IDF or MiniLM), chosen on TRAIN for error <= 0.05.
TFIDF_PARAMS = AlignParams(best_match=0.3, strong=0.6, group_floor=0.3, secondary=1.1)
STATIC_PARAMS = AlignParams(best_match=0.85, strong=0.95, group_floor=0.85, secondary=1.1)
MINILM_PARAMS = AlignParams(best_match=0.6, strong=0.85, group_floor=0.6, secondary=1.1)


def methods(names: Iterable[str]) -> dict[str, Aligner]:
    result: dict[str, Aligner] = {}
    for name in names:
        if name == "ours":
            result[name] = ours()
        elif name == "sparse":  # ours without the sentence vectors
            result[name] = ours(None, SimilarityParams(semantic_weight=0.0, semantic_top_k=0,
                                                       contextual_weight=0.0))  # fmt: skip
        elif name == "static":  # ours without the contextual vectors
            result[name] = ours(None, SimilarityParams(contextual_weight=0.0))
        elif name == "previous":  # the aligner before issue 12 (without its demo synonyms)
            result[name] = ours(PREVIOUS_ALIGN, PREVIOUS_SIMILARITY)
        elif name == "tfidf":
            result[name] = dense(tfidf_matrix, TFIDF_PARAMS)
        elif name == "staticcos":
            result[name] = dense(static_matrix, STATIC_PARAMS)
        elif name == "minilm":
            result[name] = dense(contextual_matrix, MINILM_PARAMS)
    return result


def evaluate(topics: list[Topic], aligner: Aligner, one_event: bool = False) -> Tally:
    total = Tally()
    for topic in topics:
        started = time.perf_counter()
        groups = aligner(topic)
        tally = score(topic, groups, one_event)
        tally.seconds = time.perf_counter() - started
        total.add(tally)
    return total


def line(name: str, tally: Tally, one_event: bool = False) -> str:
    ceiling = tally.ceiling / max(1, tally.pairs)
    wrong = (f"mismatch {tally.mismatch:.3f} ({tally.mismatched}/{tally.annotated})"
             if one_event else
             f"error {tally.error:.3f} ({tally.cross_event}/{tally.cross_pairs})")  # fmt: skip
    return (f"  {name:8} recall {tally.recall:.3f} ({tally.aligned}/{tally.pairs})  {wrong}  "
            f"ceiling {ceiling:.3f}  {tally.seconds:.1f} s")  # fmt: skip


def corpus_folder() -> Path | None:
    return next((c for c in ECB_CANDIDATES if (c / "1" / "gold.json").is_file()), None)


def load_split(corpus: Path, names: Iterable[str], fresh: bool = False) -> list[Topic]:
    return [load_topic(corpus, t, fresh) for t in names if (corpus / t / "gold.json").is_file()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("train", "dev", "both"), default="both")
    parser.add_argument("--methods", default="ours,sparse,previous,tfidf,static")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--topics", action="store_true", help="per-topic figures")
    parser.add_argument(
        "--one-event",
        action="store_true",
        help="score each half of a topic as a collection of its own",
    )
    args = parser.parse_args()
    corpus = corpus_folder()
    if corpus is None:
        print("ECB+ not found (../shared/ecbplus or /work/shared/ecbplus): skipped")
        return
    chosen = methods(args.methods.split(","))
    splits = {"train": TRAIN, "dev": DEV}
    for split in ("train", "dev"):
        if args.split not in (split, "both"):
            continue
        topics = load_split(corpus, splits[split], args.fresh)
        if args.one_event:
            topics = [part for topic in topics for part in one_event_halves(topic)]
        unit = "one-event halves" if args.one_event else "topics"
        print(f"ECB+ {split.upper()} ({len(topics)} {unit}), same-event pairs of validated body "
              f"sentences (python -m bench.alignment_ecb):")  # fmt: skip
        for name, aligner in chosen.items():
            tally = evaluate(topics, aligner, args.one_event)
            print(line(name, tally, args.one_event))
            if args.topics:
                print("    " + " ".join(f"{t}:{r:.2f}/{e:.2f}" for t, (r, e) in
                                        tally.per_topic.items()))  # fmt: skip


if __name__ == "__main__":
    main()
