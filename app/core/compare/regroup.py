"""After a two-fact statement joins its second group: put its own group's members back with
the fact they report, and let the statement they displaced take its place.

A statement that tells two facts ("Unplug it, stop using it and contact the maker, which will
offer a refund") draws into its own group a report of either fact: one source's "stop using
it" and another's "customers are offered a refund" end up side by side, the second fact's
report holds its article's place, and that article's report of the first fact ("the firm said
in a post that customers should stop using it") is left looking unique, while the two-fact
statement sits in two rows. Once the statement has joined the second group, a member that is
nearer that group than the rest of its own moves there, and a statement left alone from the
freed article may join the group it fits.
"""

from __future__ import annotations

from typing import Protocol


class _Space(Protocol):
    def cosine(self, a: int, b: int) -> float: ...

    def evidence(self, a: int, b: int) -> int: ...


class _Constraints(Protocol):
    def forbids(self, a: int, b: int) -> bool: ...


class _Group(Protocol):
    members: list[int]
    secondary: set[int]
    pinned: bool


def settle_two_fact_statements(
    space: _Space,
    article_of: dict[int, int],
    constraints: _Constraints,
    cluster_of: dict[int, int],
    groups: dict[int, _Group],
    best_match: float,
    join_floor: float,
    min_evidence: int,
) -> None:
    changed: set[int] = set()
    for host in list(groups.values()):
        for joiner in sorted(host.secondary):
            own_id = cluster_of.get(joiner)
            own = groups.get(own_id) if own_id is not None else None
            if own is None or own is host or own.pinned or host.pinned:
                continue
            if _move_second_fact_reports(space, article_of, constraints, joiner, own, host,
                                         best_match):  # fmt: skip
                changed.add(own_id)  # type: ignore[arg-type]
    for group_id in sorted(changed):
        _fill_free_places(space, article_of, constraints, cluster_of, groups, group_id,
                          join_floor, min_evidence)  # fmt: skip


def _mean(space: _Space, sid: int, others: list[int]) -> float:
    return sum(space.cosine(sid, o) for o in others) / len(others) if others else 0.0


def _move_second_fact_reports(
    space: _Space,
    article_of: dict[int, int],
    constraints: _Constraints,
    joiner: int,
    own: _Group,
    host: _Group,
    best_match: float,
) -> bool:
    moved = False
    for member in [m for m in own.members if m != joiner and m not in own.secondary]:
        host_primary = [m for m in host.members if m not in host.secondary]
        host_articles = {article_of[m] for m in host.members}
        rest = [m for m in own.members if m not in (joiner, member)]
        if not rest or not host_primary or article_of[member] in host_articles:
            continue  # a pair is left alone: the member is the statement's counterpart
        if any(constraints.forbids(member, m) for m in host.members):
            continue
        nearest = max(host_primary, key=lambda m: space.cosine(member, m))
        if space.cosine(member, nearest) < best_match:
            continue
        if _mean(space, member, host_primary) > _mean(space, member, rest):
            own.members.remove(member)
            host.members.append(member)
            moved = True
    return moved


def _fill_free_places(
    space: _Space,
    article_of: dict[int, int],
    constraints: _Constraints,
    cluster_of: dict[int, int],
    groups: dict[int, _Group],
    group_id: int,
    join_floor: float,
    min_evidence: int,
) -> None:
    """A statement alone (in no group) from an article the group lacks joins it when it fits
    the group on average and shares enough rare things with one of its members."""
    group = groups[group_id]
    present = {article_of[m] for m in group.members}
    alone = [g for g in groups.values() if len(g.members) == 1 and not g.pinned]
    best: dict[int, tuple[float, _Group]] = {}
    for single in alone:
        sid = single.members[0]
        article = article_of[sid]
        if article in present or any(constraints.forbids(sid, m) for m in group.members):
            continue
        if max(space.evidence(sid, m) for m in group.members) < min_evidence:
            continue
        fit = _mean(space, sid, group.members)
        if fit >= join_floor and fit > best.get(article, (0.0, single))[0]:
            best[article] = (fit, single)
    for _, single in best.values():
        sid = single.members.pop()
        group.members.append(sid)
        cluster_of[sid] = group_id
