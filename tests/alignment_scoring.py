"""Score stored alignments against a hand-made gold file: tests/gold/seed_alignment.json by
default, or any gold of the same shape (tests/corpus_scoring.py expands each invented story's
gold into it). The groups and differences scored are the stored ones unless a caller passes its
own (a baseline's).

- alignment recall: gold pairs whose two statements share a group (for an article that tells
  the fact twice, either of its statements);
- divergence recall: (pair, kind) the gold lists that a relevant difference of that kind
  separates (the two statements in different readings);
- false divergence: aligned gold pairs separated by a difference of a kind the gold neither
  lists nor allows, over all aligned gold pairs;
- strict alignment recall: as alignment recall, but only the named statements `a` and `b` count
  (no `a_also` / `b_also`);
- pairwise alignment precision: over the predicted cross-article pairs the gold judges (both
  statements known, or the pair listed in `not_aligned`; see the gold's `about`), the share whose
  two statements report a fact in common.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

GOLD = Path(__file__).parent / "gold" / "seed_alignment.json"
Groups = dict[int, set[str]]  # group id → statement keys ("s<id>")
Separations = dict[int, list[tuple[str, list[set[str]]]]]  # group id → (kind, readings)


@dataclass
class Scores:
    pairs: int = 0
    aligned: int = 0
    kinds: int = 0
    kinds_found: int = 0
    false_divergent: int = 0
    unaligned: int = 0
    unaligned_kept: int = 0
    aligned_strict: int = 0
    judged: int = 0
    judged_right: int = 0
    paraphrases: int = 0  # aligned gold pairs that differ on nothing
    paraphrases_flagged: int = 0  # … that a difference not allowed separates anyway
    planted_by_kind: Counter[str] = field(default_factory=Counter)
    found_by_kind: Counter[str] = field(default_factory=Counter)
    wrong_pairs: list[str] = field(default_factory=list)
    boilerplate_aligned: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def alignment_recall(self) -> float:
        return self.aligned / self.pairs

    @property
    def divergence_recall(self) -> float:
        return self.kinds_found / self.kinds

    @property
    def false_divergence(self) -> float:
        return self.false_divergent / max(self.aligned, 1)

    @property
    def paraphrase_false_flags(self) -> float:
        return self.paraphrases_flagged / max(self.paraphrases, 1)

    @property
    def strict_alignment_recall(self) -> float:
        return self.aligned_strict / self.pairs

    @property
    def precision(self) -> float:
        return self.judged_right / max(self.judged, 1)

    @property
    def unaligned_kept_rate(self) -> float:
        return self.unaligned_kept / self.unaligned

    def summary(self) -> str:
        return (
            f"alignment recall {self.alignment_recall:.3f} ({self.aligned}/{self.pairs}), "
            f"divergence recall {self.divergence_recall:.3f} ({self.kinds_found}/{self.kinds}), "
            f"false divergence {self.false_divergence:.3f} ({self.false_divergent}/{self.aligned})"
            f", unaligned kept {self.unaligned_kept}/{self.unaligned}, "
            f"boilerplate aligned {len(self.boilerplate_aligned)}, "
            f"strict alignment recall {self.strict_alignment_recall:.3f} "
            f"({self.aligned_strict}/{self.pairs}), "
            f"pairwise precision {self.precision:.3f} ({self.judged_right}/{self.judged})"
        )


def find_statement(db: sqlite_utils.Database, ref: list[str]) -> int:
    """A statement named by seed file prefix and a snippet that occurs in it only."""
    prefix, snippet = ref
    hits = [
        sid
        for sid, path, text, start, end in db.execute(
            'SELECT s.id, a.path, a.text, s.start, s."end" FROM statements s'
            " JOIN articles a ON a.id = s.article_id"
        ).fetchall()
        if Path(path).name.startswith(prefix) and snippet in text[start:end]
    ]
    if len(hits) != 1:
        raise LookupError(f"gold reference {ref} matches {len(hits)} statements")
    return int(hits[0])


def stored_groups(db: sqlite_utils.Database) -> Groups:
    groups: Groups = {}
    for gid, sid in db.execute("SELECT alignment_id, statement_id FROM alignment_statements"):
        groups.setdefault(gid, set()).add(f"s{sid}")
    return groups


def stored_separations(db: sqlite_utils.Database) -> Separations:
    separations: Separations = {}
    for gid, kind, readings in db.execute(
        "SELECT alignment_id, type, readings FROM differences WHERE relevant = 1"
    ):
        sets = [{s["statement"] for s in r["spans"]} for r in json.loads(readings)]
        separations.setdefault(gid, []).append((kind, sets))
    return separations


def score(
    db: sqlite_utils.Database,
    gold: dict | None = None,
    groups: Groups | None = None,
    separations: Separations | None = None,
) -> Scores:
    gold = gold if gold is not None else json.loads(GOLD.read_text(encoding="utf-8"))
    groups = groups if groups is not None else stored_groups(db)
    separations = separations if separations is not None else stored_separations(db)
    result = Scores()
    for pair in gold["pairs"]:
        result.pairs += 1
        result.kinds += len(pair["kinds"])
        result.planted_by_kind.update(pair["kinds"])
        # the named statements, or one of either article's other statements of the same fact
        shared: list[int] = []
        for ref_a in [pair["a"], *pair.get("a_also", [])]:
            a = f"s{find_statement(db, ref_a)}"
            for ref in [pair["b"], *pair.get("b_also", [])]:
                b = f"s{find_statement(db, ref)}"
                shared = [gid for gid, members in groups.items() if a in members and b in members]
                if shared:
                    result.aligned_strict += ref is pair["b"] and ref_a is pair["a"]
                    break
            if shared:
                break
        if not shared:
            a, b = (f"s{find_statement(db, pair[side])}" for side in ("a", "b"))
            result.misses.append(f"not aligned: {a} {b} {pair['a'][1][:40]!r}")
            continue
        result.aligned += 1
        separated = {
            kind
            for gid in shared
            for kind, sets in separations.get(gid, [])
            if any(a in s for s in sets) and any(b in s for s in sets)
            and not any(a in s and b in s for s in sets)
        }  # fmt: skip
        found = set(pair["kinds"]) & separated
        result.kinds_found += len(found)
        result.found_by_kind.update(found)
        for kind in set(pair["kinds"]) - separated:
            result.misses.append(f"missed {kind}: {a} {b}")
        extra = separated - set(pair["kinds"]) - set(pair.get("allowed", []))
        result.paraphrases += not pair["kinds"]
        if extra:
            result.false_divergent += 1
            result.paraphrases_flagged += not pair["kinds"]
            result.misses.append(f"false {sorted(extra)}: {a} {b}")
    aligned = {s for members in groups.values() for s in members}
    for ref in gold["unaligned"]:
        result.unaligned += 1
        sid = f"s{find_statement(db, ref)}"
        if sid not in aligned:
            result.unaligned_kept += 1
        else:
            result.misses.append(f"wrongly aligned: {sid} {ref[1][:40]!r}")
    never = {f"s{find_statement(db, ref)}" for ref in gold.get("never", [])}
    non_body = {
        f"s{sid}" for (sid,) in db.execute("SELECT id FROM statements WHERE role != 'body'")
    }
    result.boilerplate_aligned = sorted((never | non_body) & aligned)
    _score_precision(db, gold, groups, result)
    return result


def gold_facts(db: sqlite_utils.Database, gold: dict) -> dict[str, set[str]]:
    """Statement key → the gold facts it reports (empty for the gold's unique statements)."""
    facts: dict[str, set[str]] = {}
    for pair in gold["pairs"]:
        for ref in [pair["a"], pair["b"], *pair.get("a_also", []), *pair.get("b_also", [])]:
            facts.setdefault(f"s{find_statement(db, ref)}", set()).add(pair["fact"])
    for fact, refs in gold.get("more_facts", {}).items():
        for ref in refs:
            facts.setdefault(f"s{find_statement(db, ref)}", set()).add(fact)
    for ref in gold["unaligned"]:
        facts.setdefault(f"s{find_statement(db, ref)}", set())
    return facts


def _score_precision(db: sqlite_utils.Database, gold: dict, groups: Groups, result: Scores) -> None:
    facts = gold_facts(db, gold)
    wrong = {
        frozenset((f"s{find_statement(db, n['a'])}", f"s{find_statement(db, n['b'])}"))
        for n in gold.get("not_aligned", [])
    }
    article_of = {
        f"s{sid}": aid for sid, aid in db.execute("SELECT id, article_id FROM statements")
    }
    predicted = {
        frozenset((x, y))
        for members in groups.values()
        for x in members
        for y in members
        if article_of[x] != article_of[y]
    }
    for pair in sorted(predicted, key=sorted):
        x, y = sorted(pair)
        if pair in wrong:
            right = False
        elif x in facts and y in facts:
            right = bool(facts[x] & facts[y])
        else:
            continue
        result.judged += 1
        result.judged_right += right
        if not right:
            result.wrong_pairs.append(f"wrong pair: {x} {y}")


if __name__ == "__main__":
    import sys

    scores = score(sqlite_utils.Database(sys.argv[1]))
    print("\n".join(scores.misses + scores.wrong_pairs))
    print(scores.summary())
