"""Reports of one figure that give it different values: the divergences the aligner misses.

Two outlets that report "a second attempt in September" and "a second attempt in October", or
"six satellites" and "seven small satellites", share few words, and the one word that differs
is the one that matters. Their similarity stays under the link thresholds, so the divergence a
reader wants flagged would show as two unique statements. After grouping, a statement left
alone joins the group (or the lone statement) that fills the same value slot: an amount of the
same counted thing, or a date on the same word, when it shares a rare thing with a statement
there and links to it, however weakly (AlignParams.rescue_link, rescue_fit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Protocol

from app.core.compare.features import StatementInfo, content_lemma
from app.core.compare.quantities import Quantity, quantities

DATE_LABELS = frozenset({"DATE", "TIME"})
# Units that many figures of one story share: for them the slot is the unit and the verb the
# amount goes with ("reported revenue of $4.1bn" and "savings are put at $180m" are two slots);
# an amount of such a unit with no verb gives no slot.
SAMPLE = 10
GENERIC_UNITS = ("money:", "percent", "year", "month", "week", "day", "hour")


def value_slots(statement: StatementInfo, amounts: list[Quantity] | None = None) -> frozenset[str]:
    """What the statement gives a value for: "Q:<counted thing>" per amount (a lone number
    gives none: what it counts is a guess) and "T:<word>" per date, the word the date is
    attached to ("attempt" in "a second attempt in October"). `amounts`: its quantities, when
    already found."""
    slots = set()
    for q in quantities(statement) if amounts is None else amounts:
        if q.headless:
            continue
        if not q.unit.startswith(GENERIC_UNITS):
            slots.add(f"Q:{q.unit}")
        elif q.predicate:
            slots.add(f"Q:{q.unit}@{q.predicate}")
    tokens = statement.tokens
    for tok in tokens:
        if tok.ent_type not in DATE_LABELS:
            continue
        at = tok.head
        if tokens[at] is tok or tokens[at].ent_type in DATE_LABELS:
            continue  # a word inside the date phrase: the phrase's head speaks for it
        if tokens[at].pos == "ADP" and tokens[at].head != at:
            at = tokens[at].head  # "in" → "attempt"
        head = tokens[at]
        if head.ent_type in DATE_LABELS:
            continue
        # the parse may hang the date on the verb or on its object ("make a second attempt
        # in September"): both name the slot
        objects = [tokens[i] for i in statement.children(at) if tokens[i].dep == "dobj"]
        words = [head, *objects] if head.pos == "VERB" else [head]
        slots.update(f"T:{lemma}" for word in words if (lemma := content_lemma(word)))
    return frozenset(slots)


class _Space(Protocol):
    def link_score(self, a: int, b: int) -> float: ...

    def evidence(self, a: int, b: int) -> int: ...

    def value_slots(self, sid: int) -> frozenset[str]: ...


class _Group(Protocol):
    members: list[int]
    secondary: set[int]
    pinned: bool


def join_lone_figures(
    space: _Space,
    article_of: dict[int, int],
    forbids: Callable[[int, int], bool],
    groups: list[_Group],
    least_link: float,
    least_fit: float,
) -> None:
    """Each lone statement (a group of one, not the user's) that gives a value joins the group
    it fits best: a statement there fills one of its slots, shares a rare thing with it
    (VectorSpace.evidence) and links to it at `least_link`, and its mean link to the group's
    first members reaches `least_fit`. Two lone statements may pair up. Statements are taken in
    id order, so the result does not depend on the order of the groups."""
    by_slot: dict[str, set[int]] = defaultdict(set)  # slot → groups with a statement filling it
    for index, group in enumerate(groups):
        for m in group.members:
            if m not in group.secondary:
                for slot in space.value_slots(m):
                    by_slot[slot].add(index)
    alone = {g.members[0]: i for i, g in enumerate(groups) if len(g.members) == 1 and not g.pinned}
    for sid in sorted(alone):
        own_index = alone.get(sid)
        mine = space.value_slots(sid)
        if own_index is None or not mine:
            continue
        best_index, best_fit = -1, least_fit
        for index in sorted(set().union(*(by_slot.get(slot, set()) for slot in mine))):
            if index == own_index:
                continue
            fit = _fit(space, article_of, forbids, sid, mine, groups[index], least_link)
            if fit >= best_fit and (best_index < 0 or fit > best_fit):
                best_index, best_fit = index, fit
        if best_index < 0:
            continue
        host = groups[best_index]
        host.members.append(sid)
        groups[own_index].members.remove(sid)
        alone.pop(sid, None)
        alone.pop(host.members[0], None)  # a lone host is alone no more
        for slot in mine:
            by_slot[slot].add(best_index)


def _fit(space: _Space, article_of: dict[int, int], forbids: Callable[[int, int], bool],
         sid: int, mine: frozenset[str], group: _Group, least_link: float) -> float:  # fmt: skip
    """The statement's mean link to the group's first members (at most SAMPLE: bounded work
    for a fact a hundred articles repeat), or -1 when it may not join."""
    primary = [m for m in group.members if m not in group.secondary][:SAMPLE]
    if group.pinned or not primary:
        return -1.0
    if article_of[sid] in {article_of[m] for m in group.members}:
        return -1.0
    if any(forbids(sid, m) for m in group.members):
        return -1.0
    fillers = [m for m in primary if mine & space.value_slots(m)]
    if not any(space.link_score(sid, m) >= least_link and space.evidence(sid, m) >= 1
               for m in fillers):  # fmt: skip
        return -1.0
    return sum(space.link_score(sid, m) for m in primary) / len(primary)
