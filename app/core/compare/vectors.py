"""Statement similarity: sparse TF-IDF vectors, blended with sentence vectors by meaning.

A statement's features: canonical content lemmas, parse-linked word pairs, linked entities
(through mentions.entity_id, so a better linker merges "Navalny" and "Navalnyin"), normalised
amounts ("nearly three years" and "two years and eight months" share Q:year:3), resolved dates,
and word trigrams inside quotations (the same quotation, even quoted in part). No dense matrix
is built: only statements that share a feature rarer than `max_df` are scored together.

Words miss paraphrases ("was taken into custody" / "arrested"); sentence vectors by meaning
do not, but they also find two different arrests alike. So the similarity is a blend:
- the sparse cosine;
- plus the part of the static vectors' cosine (app/core/nlp/sentence_vectors.py, a mean of
  word-piece vectors) above what any two sentences of one story reach
  (`SimilarityParams.semantic_floor`); those vectors also propose candidates the words do
  not share;
- plus the part of the contextual vectors' cosine (all-MiniLM-L6-v2 itself,
  app/core/compare/meanings.py) above what most statement pairs of this collection reach
  (`contextual_quantile`): within one story every sentence is near every other by topic, so
  only the nearest pairs of the collection say "same fact". A contextual cosine this high
  also counts as one shared thing in evidence() (`contextual_evidence`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from app.core.compare.blocking import nearest_by_blocking
from app.core.compare.dates import date_mentions
from app.core.compare.features import (
    ArticleInfo,
    StatementInfo,
    content_lemma,
    content_lemmas,
    dependency_pairs,
    lemma_concepts,
)
from app.core.compare.quantities import Quantity, quantities
from app.core.compare.quotes import statement_attributions
from app.core.compare.slots import value_slots
from app.core.nlp.minilm import sentence_encoder
from app.core.nlp.sentence_vectors import sentence_vectors

Vector = dict[str, float]
_NONE: frozenset[str] = frozenset()
TOP_K = 12  # candidates kept per statement: bounds the work per statement (near-linear)


@dataclass(frozen=True, slots=True)
class SimilarityParams:
    """How statement similarity is computed; bench.alignment_ecb sweeps these on ECB+ train."""

    window: int = 25  # postings looked at on either side of the statement, per feature
    min_max_df: int = 30  # features shared by more statements (and half the articles) ignored
    rare_share: float = 1 / 6  # share of the statements a feature "few" statements have
    semantic_weight: float = 0.4  # share of the semantic part in the blend (0: words only)
    semantic_floor: float = 0.5  # semantic cosine any two sentences of one story reach
    semantic_top_k: int = 8  # extra candidates per statement found by meaning alone
    semantic_least: float = 1.0  # … whose meaning part alone brings this share of a link
    # The contextual vectors (the encoder itself): their part above the cosine that
    # `contextual_quantile` of the collection's cross-article statement pairs stay under (and
    # at least `contextual_floor`), rescaled to 0..1, is added with this weight. Tuned on the
    # corpus TUNING stories and ECB+ TRAIN (docs/alignment.md).
    contextual_weight: float = 0.25
    contextual_quantile: float = 0.9
    contextual_floor: float = 0.3
    # A contextual cosine this high counts as one shared thing in evidence(): a paraphrase
    # shares meaning, not words.
    contextual_evidence: float = 0.7
    # A link between statements that each name who, where or when, or give an amount, but
    # not the same one, is weakened by this factor per kind: two arrests share words, not the
    # arrested. Only between articles that tell different stories (relatedness share below
    # `conflict_related`): within one story outlets that give different names, dates or
    # amounts report one fact differently, and that divergence is what must be aligned and
    # flagged (tuned on ECB+ TRAIN and the corpus TUNING stories).
    conflict_penalty: float = 0.5
    conflict_kinds: tuple[str, ...] = ("name", "date", "amount")
    conflict_related: float = 0.6
    # Statements of two articles that tell different stories rarely report one fact: a link
    # is scaled down to (1 - article_weight) when the two articles share less than
    # `article_share` of what each shares with its most related article in the collection.
    article_weight: float = 0.6
    article_share: float = 0.5
    # ... but only in a collection whose articles split into two stories: the best two-way
    # split (spectral) of the articles whose mean cosine across is at most `story_split` of
    # the lesser side's mean cosine within, each side `story_side` articles or more (a side
    # of fewer must reach `story_single`: a few articles unlike the rest are more often an
    # unusual outlet of one story). In a one-story collection an outlet unlike the others (a
    # tabloid) still tells the same story: its links are not weakened, nor its different
    # figures held against it. ECB+ TRAIN topics (14-39 articles) split at 0.13-0.55; the
    # TUNING stories (4 articles) at 1.06-1.95, or 0.36-0.65 setting one article apart; the
    # demo seeds (5) at 0.55-0.65, so a split needs three articles a side.
    story_split: float = 0.7
    story_side: int = 3
    story_single: float = 0.15
    # In a one-story collection, figures that differ are the divergences to flag (no
    # conflict penalty), and unrelated articles weaken a link by this weight only.
    story_article_weight: float = 0.2
    # Within one side of a split, articles tell one story: their links are not weakened.
    same_side_related: bool = False
    # A link between articles on the two sides of a split is further scaled by this: two
    # stories in one collection rarely report one fact (ECB+ TRAIN: error 0.057 -> 0.025 at
    # recall 0.281 -> 0.305, with article_weight 0.8 -> 0.6).
    cross_story: float = 0.3


DEFAULT_SIMILARITY = SimilarityParams()


def frame_lemmas(statement: StatementInfo) -> set[str]:
    """Lemmas of who said it and where ("the Foreign Ministry said in a statement"): they tell
    the source of a report, not its content, so two reports do not match on them."""
    try:
        attributions = statement_attributions(statement, reactions=False)
    except ValueError:  # a parse the attribution finder cannot read: no frame, not a crash
        attributions = []
    spans = [
        span for a in attributions for span in (a.speaker_span, a.channel_span) if span is not None
    ]
    return {
        lemma
        for tok in statement.tokens
        if any(start <= tok.start < end for start, end in spans)
        and (lemma := content_lemma(tok)) is not None
    }


def features(statement: StatementInfo, published: str | None = None,
             amounts: list[Quantity] | None = None) -> Counter[str]:  # fmt: skip
    """`amounts`: the statement's quantities when already found (they are read once)."""
    counts: Counter[str] = Counter(content_lemmas(statement))
    counts.update(f"D:{pair}" for pair in dependency_pairs(statement))
    counts.update({f"E:{t.entity_id}" for t in statement.tokens if t.entity_id is not None})
    for q in quantities(statement) if amounts is None else amounts:
        middle = (q.low + q.high) / 2
        counts[f"Q:{q.unit}:{round(middle) if middle >= 1 else round(middle, 2)}"] += 1
        if middle >= 100:  # "over 10,000" and "thousands" are of one order of magnitude
            counts[f"Q:{q.unit}:1e{len(str(int(middle))) - 1}"] += 1
    for mention in date_mentions(statement, published):
        if mention.explicit:  # "Monday" is too common a word to tie two reports together
            counts[f"DATE:{mention.value[-5:]}"] += 1
    quoted = [t.text.lower() for t in statement.tokens if t.in_quote and t.text[:1].isalnum()]
    counts.update(f"T:{' '.join(quoted[i : i + 3])}" for i in range(len(quoted) - 2))
    return counts


@dataclass(frozen=True, slots=True)
class Readings:
    """What the similarity reads from one statement (`statement_readings`)."""

    concepts: dict[str, str]  # lemma_concepts
    frames: set[str]  # frame_lemmas
    amounts: list[Quantity]  # quantities
    raw: Counter[str]  # features


def statement_readings(statement: StatementInfo, published: str | None) -> Readings:
    """The statement's readings, as VectorSpace takes them: the pipeline reads each article's
    on its own (one that raises is left out) and hands them over, so none is read twice."""
    amounts = quantities(statement)
    return Readings(lemma_concepts(statement), frame_lemmas(statement), amounts,
                    features(statement, published, amounts))  # fmt: skip


NAME_TYPES = frozenset({"PERSON", "GPE", "ORG", "LOC", "FAC", "NORP"})


def anchors(statement: StatementInfo, raw: Counter[str]) -> dict[str, frozenset[str]]:
    """What ties a report to one event: the names it gives (linked entities, else the name's
    lemma), its calendar dates and its amounts."""
    names = {
        f"E:{t.entity_id}" if t.entity_id is not None else t.lemma.lower()
        for t in statement.tokens
        if t.ent_type in NAME_TYPES and t.pos == "PROPN"
    }
    return {
        "name": frozenset(names),
        "date": frozenset(f for f in raw if f.startswith("DATE:")),
        "amount": frozenset(f for f in raw if f.startswith("Q:")),
    }


def story_sides(cosines: np.ndarray, params: SimilarityParams) -> np.ndarray | None:
    """Which of two stories each article tells (a boolean per row), or None when the
    articles do not split into two: the sweep over the Fiedler vector of the cosine graph
    whose mean cosine across is the least share of the lesser side's mean within."""
    n = len(cosines)
    if n < 3:
        return None
    weights = np.clip(cosines, 0.0, None)
    np.fill_diagonal(weights, 0.0)
    degree = np.maximum(weights.sum(axis=1), 1e-9)
    root = np.sqrt(degree)
    laplacian = np.eye(n) - weights / (root[:, None] * root[None, :])
    _, vectors = np.linalg.eigh(laplacian)
    order = np.argsort(vectors[:, 1] / root)
    best, sides = math.inf, None
    for k in range(1, n):
        left = np.zeros(n, dtype=bool)
        left[order[:k]] = True
        within = []
        for side in (left, ~left):
            m = int(side.sum())
            if m > 1:
                within.append(weights[np.ix_(side, side)].sum() / (m * (m - 1)))
        across = weights[np.ix_(left, ~left)].mean()
        ratio = across / max(min(within), 1e-9)
        # a side smaller than `story_side` must stand further apart
        if min(k, n - k) < params.story_side:
            ratio *= params.story_split / params.story_single
        if ratio < best:
            best, sides = ratio, left
    return sides if best <= params.story_split else None


def article_relatedness(
    statements: list[StatementInfo], raw: dict[int, Counter[str]],
    params: SimilarityParams = DEFAULT_SIMILARITY,
) -> tuple[dict[tuple[int, int], float], dict[int, bool]]:  # fmt: skip
    """(article, article) → the TF-IDF cosine of the two articles' features (over articles),
    as a share of the larger of the two articles' best cosine with any other article; and
    the side of the split each article is on (empty when the articles tell one story,
    `story_sides`)."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for st in statements:
        counts[st.article_id].update(f for f in raw[st.id] if not f.startswith("D:"))
    ids = sorted(counts)
    n = len(ids)
    if n < 2:
        return {}, {}
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    # Only features of two articles or more add to a dot product; all of them to the norms.
    column = {f: i for i, f in enumerate(f for f, k in df.items() if k >= 2)}
    matrix = np.zeros((n, len(column)), dtype=np.float32)
    norms = np.zeros(n, dtype=np.float32)
    for row, article in enumerate(ids):
        total = 0.0
        for f, k in counts[article].items():
            w = (1 + math.log(k)) * math.log((1 + n) / (1 + df[f]))
            total += w * w
            if f in column:
                matrix[row, column[f]] = w
        norms[row] = math.sqrt(total) or 1.0
    matrix /= norms[:, None]
    cosines = matrix @ matrix.T
    sides = story_sides(cosines, params)
    np.fill_diagonal(cosines, -1.0)
    best = cosines.max(axis=1)
    top = np.maximum(best[:, None], best[None, :])
    shares = np.where(top > 0, cosines / np.where(top > 0, top, 1.0), 1.0)
    if sides is not None and params.same_side_related:
        shares[sides[:, None] == sides[None, :]] = 1.0
    related = {(a, b): float(shares[i, j]) for i, a in enumerate(ids)
               for j, b in enumerate(ids) if i != j}  # fmt: skip
    if sides is None:
        return related, {}
    return related, {a: bool(sides[i]) for i, a in enumerate(ids)}


class VectorSpace:
    """IDF over a set of statements; vectors are L2-normalised so dot product is cosine."""

    def __init__(
        self,
        statements: Iterable[StatementInfo],
        published: dict[int, str | None] | None = None,
        params: SimilarityParams = DEFAULT_SIMILARITY,
        semantic: np.ndarray | None = None,
        readings: dict[int, Readings] | None = None,
        contextual: np.ndarray | None = None,
    ) -> None:
        """`semantic`, `contextual`: unit static and contextual sentence vectors, one row per
        statement in order (computed here when the blend needs them and none are given: the
        app passes the stored ones, meanings.stored_meanings); `readings`: the statements'
        `statement_readings` already made (the others are made here)."""
        published = published or {}
        statements = list(statements)
        self.params = params
        self.row: dict[int, int] = {st.id: i for i, st in enumerate(statements)}
        self._cosines: dict[tuple[int, int], float] = {}
        self._slots: dict[int, frozenset[str]] = {}
        self.statements: dict[int, StatementInfo] = {st.id: st for st in statements}
        self.semantic: np.ndarray | None = None
        if params.semantic_weight > 0 or params.semantic_top_k > 0:
            if semantic is None and (model := sentence_vectors()) is not None:
                semantic = model.encode([st.text for st in statements])
            self.semantic = semantic
        if contextual is None and params.contextual_weight > 0 and statements:
            encoder = sentence_encoder()
            contextual = encoder.encode([st.text for st in statements]) if encoder else None
        self.contextual = contextual if params.contextual_weight > 0 else None
        self.contextual_floor = _collection_floor(self.contextual, statements, params)
        known = readings or {}
        read = {
            st.id: known[st.id] if st.id in known
            else statement_readings(st, published.get(st.article_id))
            for st in statements
        }  # fmt: skip
        self.concepts: dict[int, dict[str, str]] = {sid: r.concepts for sid, r in read.items()}
        self.frames: dict[int, set[str]] = {sid: r.frames for sid, r in read.items()}
        self.amounts: dict[int, list[Quantity]] = {sid: r.amounts for sid, r in read.items()}
        self.raw: dict[int, Counter[str]] = {sid: r.raw for sid, r in read.items()}
        self.df: Counter[str] = Counter()
        for counts in self.raw.values():
            self.df.update(counts.keys())
        self.n = len(self.raw)
        self.vectors: dict[int, Vector] = {sid: self._weigh(c) for sid, c in self.raw.items()}
        self.rare_df = max(4, int(self.n * params.rare_share))  # "few statements": evidence()
        self.anchors: dict[int, dict[str, frozenset[str]]] = {
            st.id: anchors(st, self.raw[st.id]) for st in statements
        }
        self.rare: dict[int, frozenset[str]] = {
            sid: frozenset(f for f in counts if self.df[f] <= self.rare_df)
            for sid, counts in self.raw.items()
        }
        # The rare features evidence() tells apart, split once per statement: words, amounts
        # and dates, quoted trigrams; and the entities too common to count as a rare thing.
        # (Most statements have no rare figure or quoted words: they share one empty set.)
        self._rare_words = {sid: frozenset(f for f in rare if ":" not in f)
                            for sid, rare in self.rare.items()}  # fmt: skip
        self._rare_figures = {
            sid: frozenset(f for f in rare if f.startswith(("Q:", "DATE:"))) or _NONE
            for sid, rare in self.rare.items()
        }
        self._rare_quoted = {sid: frozenset(f for f in rare if f.startswith("T:")) or _NONE
                             for sid, rare in self.rare.items()}  # fmt: skip
        self._common_entities = frozenset(
            f for f, k in self.df.items() if f.startswith("E:") and k > self.rare_df
        )
        self.article_of = {st.id: st.article_id for st in statements}
        self.relatedness, self.side_of = (
            article_relatedness(statements, self.raw, params)
            if params.article_weight > 0 else ({}, {})
        )  # fmt: skip
        # every article tells one story: measured, and no two-story split found
        self.one_story = bool(self.relatedness) and not self.side_of

    def value_slots(self, sid: int) -> frozenset[str]:
        """What the statement gives a value for (slots.value_slots), remembered."""
        known = self._slots.get(sid)
        if known is None:
            known = self._slots[sid] = value_slots(self.statements[sid], self.amounts[sid])
        return known

    def idf(self, feature: str) -> float:
        return math.log((1 + self.n) / (1 + self.df[feature])) + 1.0

    def _weigh(self, counts: Counter[str]) -> Vector:
        vector = {f: (1.0 + math.log(c)) * self.idf(f) for f, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {f: w / norm for f, w in vector.items()}

    def sparse_cosine(self, a: int, b: int) -> float:
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum([w * vb[f] for f, w in va.items() if f in vb])  # a list sums faster

    def semantic_cosine(self, a: int, b: int) -> float:
        if self.semantic is None:
            return 0.0
        return float(self.semantic[self.row[a]] @ self.semantic[self.row[b]])

    def contextual_cosine(self, a: int, b: int) -> float:
        if self.contextual is None:
            return 0.0
        return float(self.contextual[self.row[a]] @ self.contextual[self.row[b]])

    def cosine(self, a: int, b: int) -> float:
        """The blended similarity the aligner uses (remembered: grouping asks again)."""
        key = (a, b) if a < b else (b, a)
        known = self._cosines.get(key)
        if known is not None:
            return known
        score = self.sparse_cosine(a, b)
        weight = self.params.semantic_weight
        if self.semantic is not None and weight > 0:
            floor = self.params.semantic_floor
            meaning = max(0.0, self.semantic_cosine(a, b) - floor) / (1.0 - floor)
            score = (1.0 - weight) * score + weight * meaning
        if self.contextual is not None:
            floor = self.contextual_floor
            meaning = max(0.0, self.contextual_cosine(a, b) - floor) / (1.0 - floor)
            score += self.params.contextual_weight * meaning
        self._cosines[key] = score
        return score

    def conflicts(self, a: int, b: int) -> int:
        """Kinds of anchor (names, dates, amounts) both statements give and share none of."""
        mine, theirs = self.anchors[a], self.anchors[b]
        kinds = self.params.conflict_kinds
        return sum(1 for kind, values in mine.items()
                   if kind in kinds and values and theirs.get(kind)
                   and not values & theirs[kind])  # fmt: skip

    def article_share(self, a: int, b: int) -> float:
        """How related the articles of two statements are, 0..1 (1 when not measured)."""
        if not self.relatedness:
            return 1.0
        pair = (self.article_of[a], self.article_of[b])
        return min(1.0, self.relatedness.get(pair, 0.0) / self.params.article_share)

    def link_score(self, a: int, b: int) -> float:
        """The similarity of a candidate link: the cosine, weakened by conflicting anchors
        between articles that tell different stories, and by the articles' unrelatedness."""
        score = self.cosine(a, b)
        if score <= 0:
            return score
        share = self.article_share(a, b)
        penalty = self.params.conflict_penalty
        story = self.one_story
        if penalty > 0 and share < self.params.conflict_related and not story:
            score *= (1.0 - penalty) ** self.conflicts(a, b)
        weight = self.params.story_article_weight if story else self.params.article_weight
        if self.relatedness and weight > 0:
            score *= 1.0 - weight * (1.0 - share)
        a_side, b_side = self.side_of.get(self.article_of[a]), self.side_of.get(self.article_of[b])
        if a_side is not None and b_side is not None and a_side != b_side:
            score *= self.params.cross_story
        return score

    def evidence(self, a: int, b: int) -> int:
        """How many distinct things two statements share that few statements mention: rare
        content lemmas counted once per phrase on the sparser side, plus one for a shared
        amount or calendar date and one for shared quoted words; words naming the source on
        either side do not count. Cosine alone lets one rare word ("media", "human rights")
        tie two different reports together."""
        bonus = int(self.contextual_cosine(a, b) >= self.params.contextual_evidence)
        extra = not self._rare_figures[a].isdisjoint(self._rare_figures[b])
        quoted = not self._rare_quoted[a].isdisjoint(self._rare_quoted[b])
        shared = self._rare_words[a] & self._rare_words[b]
        if not shared:
            return extra + quoted + bonus
        framing = self.frames[a] | self.frames[b]
        lemmas = [f for f in shared if f not in framing]
        common = self._common_entities
        # A name counts as its entity: rare only if the entity is ("Josep" is rarely
        # written, Borrell is in every other statement).
        phrases = min(len({t for f in lemmas if (t := concepts.get(f, f)) not in common})
                      for concepts in (self.concepts[a], self.concepts[b]))  # fmt: skip
        return phrases + extra + quoted + bonus

    def residual(self, sid: int, covered_by: list[int]) -> Vector:
        """The statement's vector without the features those statements have, renormalised."""
        covered = set().union(*(self.vectors[m] for m in covered_by)) if covered_by else set()
        left = {f: w for f, w in self.vectors[sid].items() if f not in covered}
        norm = math.sqrt(sum(w * w for w in left.values())) or 1.0
        return {f: w / norm for f, w in left.items()}

    def dot(self, vector: Vector, sid: int) -> float:
        other = self.vectors[sid]
        return sum(w * other[f] for f, w in vector.items() if f in other)

    def candidate_pairs(
        self, article_of: dict[int, int], min_score: float, only: set[int] | None = None
    ) -> dict[tuple[int, int], float]:
        """Cross-article pairs (a < b) whose cosine reaches `min_score`, at most TOP_K per
        statement; with `only`, just the pairs that involve one of those statements
        (incremental alignment). Candidates come from an inverted index over the features
        no more than `max_df` statements share (blocking), ranked by the dot product over
        those features; only the best are scored exactly."""
        max_df = max(self.params.min_max_df, len(set(article_of.values())) // 2)
        sources = only if only is not None else set(self.vectors)
        nearest = nearest_by_blocking(
            self.vectors, (f for f, k in self.df.items() if k <= max_df), self.params.window,
            sources, TOP_K + 8,
        )  # fmt: skip
        pairs: dict[tuple[int, int], float] = {}
        for a in sources:
            home = article_of[a]
            kept = 0
            for b in nearest[a]:
                if b == a or article_of[b] == home:
                    continue
                key = (a, b) if a < b else (b, a)
                score = pairs.get(key)
                if score is None:
                    score = self.link_score(a, b)
                    if score >= min_score:
                        pairs[key] = score
                kept += 1
                if kept >= TOP_K:
                    break
        for key in self._semantic_candidates(article_of, sources, min_score):
            if key not in pairs and (semantic := self.link_score(*key)) >= min_score:
                pairs[key] = semantic
        return pairs

    def _semantic_candidates(self, article_of: dict[int, int], sources: Iterable[int],
                             min_score: float) -> set[tuple[int, int]]:  # fmt: skip
        """The statements of other articles nearest by meaning, `semantic_top_k` each."""
        k = self.params.semantic_top_k
        if self.semantic is None or k <= 0:
            return set()
        ids = list(self.row)
        articles = np.array([article_of.get(sid, -1) for sid in ids])
        # The meaning part alone must bring `semantic_least` of the least link score (the
        # words the pair shares bring little: none of them is among its blocking features).
        params = self.params
        least = params.semantic_floor + (1.0 - params.semantic_floor) * min(
            1.0, params.semantic_least * min_score / max(params.semantic_weight, 1e-9)
        )
        found: set[tuple[int, int]] = set()
        chosen = [sid for sid in sources if sid in self.row]
        for begin in range(0, len(chosen), 256):  # blocks bound the memory of the product
            block = chosen[begin : begin + 256]
            rows = np.array([self.row[sid] for sid in block])
            sims = self.semantic[rows] @ self.semantic.T
            sims[articles[rows][:, None] == articles[None, :]] = -2.0
            top = np.argpartition(-sims, min(k, sims.shape[1] - 1), axis=1)[:, :k]
            for i, (a, columns) in enumerate(zip(block, top, strict=True)):
                for column in columns:
                    if sims[i, column] >= least:  # (same-article statements are at -2)
                        b = ids[int(column)]
                        found.add((a, b) if a < b else (b, a))
        return found


def _collection_floor(
    vectors: np.ndarray | None, statements: list[StatementInfo], params: SimilarityParams
) -> float:
    """The contextual cosine that `contextual_quantile` of the statement pairs of different
    articles stay under (at least `contextual_floor`), measured on at most about 400 rows so
    that a large collection costs no more than a small one."""
    if vectors is None or len(statements) < 2:
        return params.contextual_floor
    articles = np.array([st.article_id for st in statements])
    rows = np.arange(len(statements))[:: max(1, len(statements) // 400)]
    cross = (vectors[rows] @ vectors.T)[articles[rows][:, None] != articles[None, :]]
    if not cross.size:
        return params.contextual_floor
    floor = float(np.quantile(cross, params.contextual_quantile))
    return min(0.99, max(params.contextual_floor, floor))  # 0.99: the rescaling divides by 1 - it


def statement_space(
    articles: Iterable[ArticleInfo],
    params: SimilarityParams = DEFAULT_SIMILARITY,
    contextual: np.ndarray | None = None,
) -> VectorSpace:
    """The similarity the aligner uses over the body statements of `articles`."""
    articles = list(articles)
    return VectorSpace([st for a in articles for st in a.statements],
                       {a.id: a.published for a in articles}, params,
                       contextual=contextual)  # fmt: skip
