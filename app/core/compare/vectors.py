"""Sparse TF-IDF vectors of statements and the candidate pairs an inverted index finds.

A statement's features: canonical content lemmas, parse-linked word pairs, linked entities
(through mentions.entity_id, so a better linker merges "Navalny" and "Navalnyin"), normalised
amounts ("nearly three years" and "two years and eight months" share Q:year:3), resolved dates,
and word trigrams inside quotations (the same quotation, even quoted in part). No dense matrix
is built: only statements that share a feature rarer than `max_df` are scored together.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from app.core.compare.dates import date_mentions
from app.core.compare.features import (
    StatementInfo,
    content_lemma,
    content_lemmas,
    dependency_pairs,
    lemma_concepts,
)
from app.core.compare.quantities import quantities
from app.core.compare.quotes import statement_attributions

Vector = dict[str, float]
TOP_K = 12  # candidates kept per statement: bounds the work per statement (near-linear)
WINDOW = 25  # postings looked at on either side of the statement, per feature
MIN_MAX_DF = 30  # features shared by more statements (and half the articles) do not block


def frame_lemmas(statement: StatementInfo) -> set[str]:
    """Lemmas of who said it and where ("the Foreign Ministry said in a statement"): they tell
    the source of a report, not its content, so two reports do not match on them."""
    spans = [
        span
        for a in statement_attributions(statement)
        for span in (a.speaker_span, a.channel_span)
        if span is not None
    ]
    return {
        lemma
        for tok in statement.tokens
        if any(start <= tok.start < end for start, end in spans)
        and (lemma := content_lemma(tok)) is not None
    }


def features(statement: StatementInfo, published: str | None = None) -> Counter[str]:
    counts: Counter[str] = Counter(content_lemmas(statement))
    counts.update(f"D:{pair}" for pair in dependency_pairs(statement))
    counts.update({f"E:{t.entity_id}" for t in statement.tokens if t.entity_id is not None})
    for q in quantities(statement):
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


class VectorSpace:
    """IDF over a set of statements; vectors are L2-normalised so dot product is cosine."""

    def __init__(
        self, statements: Iterable[StatementInfo], published: dict[int, str | None] | None = None
    ) -> None:
        published = published or {}
        statements = list(statements)
        self.concepts: dict[int, dict[str, str]] = {st.id: lemma_concepts(st) for st in statements}
        self.frames: dict[int, set[str]] = {st.id: frame_lemmas(st) for st in statements}
        self.raw: dict[int, Counter[str]] = {
            st.id: features(st, published.get(st.article_id)) for st in statements
        }
        self.df: Counter[str] = Counter()
        for counts in self.raw.values():
            self.df.update(counts.keys())
        self.n = len(self.raw)
        self.vectors: dict[int, Vector] = {sid: self._weigh(c) for sid, c in self.raw.items()}
        self.rare_df = max(4, self.n // 6)  # "few statements" for evidence()
        self.rare: dict[int, frozenset[str]] = {
            sid: frozenset(f for f in counts if self.df[f] <= self.rare_df)
            for sid, counts in self.raw.items()
        }

    def idf(self, feature: str) -> float:
        return math.log((1 + self.n) / (1 + self.df[feature])) + 1.0

    def _weigh(self, counts: Counter[str]) -> Vector:
        vector = {f: (1.0 + math.log(c)) * self.idf(f) for f, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {f: w / norm for f, w in vector.items()}

    def cosine(self, a: int, b: int) -> float:
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb[f] for f, w in va.items() if f in vb)

    def evidence(self, a: int, b: int) -> int:
        """How many distinct things two statements share that few statements mention: rare
        content lemmas counted once per phrase on the sparser side, plus one for a shared
        amount or calendar date and one for shared quoted words; words naming the source on
        either side do not count. Cosine alone lets one rare word ("media", "human rights")
        tie two different reports together."""
        shared = self.rare[a] & self.rare[b]
        if not shared:
            return 0
        framing = self.frames[a] | self.frames[b]
        lemmas = [f for f in shared if ":" not in f and f not in framing]
        things = [
            {concepts.get(f, f) for f in lemmas}
            for concepts in (self.concepts[a], self.concepts[b])
        ]
        # A name counts as its entity: rare only if the entity is ("Josep" is rarely
        # written, Borrell is in every other statement).
        phrases = min(len({t for t in ts if not t.startswith("E:") or self.df[t] <= self.rare_df})
                      for ts in things)  # fmt: skip
        extra = any(f.startswith(("Q:", "DATE:")) for f in shared)
        quoted = any(f.startswith("T:") for f in shared)
        return phrases + extra + quoted

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
        max_df = max(MIN_MAX_DF, len(set(article_of.values())) // 2)
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        position: dict[tuple[str, int], int] = {}
        for sid, vector in self.vectors.items():
            for f, w in vector.items():
                if self.df[f] <= max_df:
                    position[f, sid] = len(postings[f])
                    postings[f].append((sid, w))
        sources = only if only is not None else set(self.vectors)
        pairs: dict[tuple[int, int], float] = {}
        for a in sources:
            home = article_of[a]
            partial: dict[int, float] = defaultdict(float)
            for f, w in self.vectors[a].items():
                posting = postings.get(f)
                if not posting:
                    continue
                # A window of the posting list around the statement: a fact every article
                # repeats still links each report to many others, at bounded cost.
                at = position[f, a]
                for b, wb in posting[max(0, at - WINDOW) : at + WINDOW + 1]:
                    partial[b] += w * wb
            best = heapq.nlargest(TOP_K + 8, partial.items(), key=lambda item: item[1])
            kept = 0
            for b, _ in best:
                if b == a or article_of[b] == home:
                    continue
                key = (a, b) if a < b else (b, a)
                score = pairs.get(key)
                if score is None:
                    score = self.cosine(a, b)
                    if score >= min_score:
                        pairs[key] = score
                kept += 1
                if kept >= TOP_K:
                    break
        return pairs
