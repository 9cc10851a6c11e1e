"""Score the differences of an imported story against its divergence gold (a `gold.json` beside
the articles; format in its `about`): planted divergences flagged with the right kind, and
same-fact pairs that no difference sets apart."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from alignment_scoring import find_statement


@dataclass
class DivergenceScores:
    divergent: int = 0
    flagged: int = 0
    same: int = 0
    same_aligned: int = 0
    falsely_flagged: int = 0
    flagged_cases: set[str] = field(default_factory=set)
    misses: list[str] = field(default_factory=list)

    @property
    def flagged_rate(self) -> float:
        return self.flagged / max(self.divergent, 1)

    @property
    def false_rate(self) -> float:
        return self.falsely_flagged / max(self.same_aligned, 1)

    def summary(self) -> str:
        return (
            f"divergent pairs flagged {self.flagged_rate:.3f} ({self.flagged}/{self.divergent}), "
            f"same-fact pairs falsely flagged {self.false_rate:.3f} "
            f"({self.falsely_flagged}/{self.same_aligned} aligned of {self.same})"
        )


Found = list[tuple[str, str, list[set[str]]]]  # (kind, severity, readings) of each difference


def stored_differences(db: sqlite_utils.Database) -> tuple[dict[int, set[str]], dict[int, Found]]:
    """The stored groups and their relevant differences."""
    groups: dict[int, set[str]] = {}
    for gid, sid in db.execute("SELECT alignment_id, statement_id FROM alignment_statements"):
        groups.setdefault(gid, set()).add(f"s{sid}")
    found: dict[int, Found] = {}
    for gid, kind, severity, readings in db.execute(
        "SELECT alignment_id, type, severity, readings FROM differences WHERE relevant = 1"
    ):
        sets = [{s["statement"] for s in r["spans"]} for r in json.loads(readings)]
        found.setdefault(gid, []).append((kind, severity, sets))
    return groups, found


def separations(db: sqlite_utils.Database, a: str, b: str) -> list[tuple[str, str]] | None:
    """(kind, severity) of the relevant differences that put a and b in different readings of
    a group holding both; None when no group holds both."""
    groups: dict[int, set[str]] = {}
    for gid, sid in db.execute("SELECT alignment_id, statement_id FROM alignment_statements"):
        groups.setdefault(gid, set()).add(f"s{sid}")
    shared = [gid for gid, members in groups.items() if a in members and b in members]
    if not shared:
        return None
    found = []
    for gid in shared:
        for kind, severity, readings in db.execute(
            "SELECT type, severity, readings FROM differences WHERE relevant = 1"
            " AND alignment_id = ?",
            [gid],
        ):
            sets = [{s["statement"] for s in r["spans"]} for r in json.loads(readings)]
            if (any(a in s for s in sets) and any(b in s for s in sets)
                    and not any(a in s and b in s for s in sets)):  # fmt: skip
                found.append((kind, severity))
    return found


def _separated(
    groups: dict[int, set[str]], found: dict[int, Found], a: str, b: str
) -> list[tuple[str, str]] | None:
    shared = [gid for gid, members in groups.items() if a in members and b in members]
    if not shared:
        return None
    return [
        (kind, severity)
        for gid in shared
        for kind, severity, sets in found.get(gid, [])
        if any(a in s for s in sets) and any(b in s for s in sets)
        and not any(a in s and b in s for s in sets)
    ]  # fmt: skip


def gold_groups(db: sqlite_utils.Database, gold_path: Path) -> dict[int, set[str]]:
    """One group per set of statements the gold pairs (divergent or same), joined through
    shared statements: what a perfect alignment would store."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for pair in gold["divergent"] + gold["same"]:
        a, b = (f"s{find_statement(db, pair[k])}" for k in ("a", "b"))
        parent[root(a)] = root(b)
    groups: dict[str, set[str]] = {}
    for key in list(parent):
        groups.setdefault(root(key), set()).add(key)
    return dict(enumerate(groups.values(), start=1))


def score_typing(db: sqlite_utils.Database, gold_path: Path) -> DivergenceScores:
    """The app's difference finders on the gold's own groups: typing alone, without the
    alignment's misses."""
    from corpus_scoring import typed_differences

    groups = gold_groups(db, gold_path)
    return score_story(db, gold_path, (groups, typed_differences(db, groups)))


def score_story(
    db: sqlite_utils.Database,
    gold_path: Path,
    analysis: tuple[dict[int, set[str]], dict[int, Found]] | None = None,
) -> DivergenceScores:
    """Scores of the stored analysis, or of `analysis` (groups and their differences)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    groups, differences = analysis or stored_differences(db)
    result = DivergenceScores()
    for pair in gold["divergent"]:
        a, b = (f"s{find_statement(db, pair[k])}" for k in ("a", "b"))
        result.divergent += 1
        found = _separated(groups, differences, a, b)
        if found is None:
            result.misses.append(f"not aligned: {pair['a']} {pair['b']}")
        elif pair["kind"] in {kind for kind, _ in found}:
            result.flagged += 1
            result.flagged_cases.add(pair["case"])
        else:
            result.misses.append(f"missed {pair['kind']}: {pair['a']} {pair['b']} {found}")
    for pair in gold["same"]:
        a, b = (f"s{find_statement(db, pair[k])}" for k in ("a", "b"))
        result.same += 1
        found = _separated(groups, differences, a, b)
        if found is None:
            result.misses.append(f"same pair not aligned: {pair['a']} {pair['b']}")
            continue
        result.same_aligned += 1
        allowed = set(pair.get("allowed", []))
        wrong = [(k, s) for k, s in found if k not in allowed
                 or (pair.get("variation_only") and s != "variation")]  # fmt: skip
        if wrong:
            result.falsely_flagged += 1
            result.misses.append(f"false {wrong}: {pair['a']} {pair['b']}")
    return result
