"""Find the points where a group's statements differ and group them by reading.

Numbers, dates and quotations are found here; attribution, actors and evaluative wording in
framing.py. A statement silent on a point is in none of its readings.
"""

from __future__ import annotations

from collections import defaultdict

from app.core.compare.dates import date_mentions
from app.core.compare.features import StatementInfo
from app.core.compare.framing import actor_differences, attribution_differences, wording_differences
from app.core.compare.quantities import Quantity, quantities
from app.core.compare.quotediff import (
    QuotePart,
    Rendering,
    collate,
    same_quotation,
    shared_trigrams,
    words,
)
from app.core.compare.records import Difference, GroupContext, Reading, SpanRef, reading_text

SAME_QUOTATION = 0.6  # share of the shorter rendering's word trigrams


def find_differences(context: GroupContext) -> list[Difference]:
    found: list[Difference] = []
    found += number_differences(context)
    found += date_differences(context)
    found += actor_differences(context)
    found += quote_differences(context)
    found += attribution_differences(context)
    found += wording_differences(context)
    # An article that tells the fact twice (its lede and its body) may word it twice: that is
    # no divergence between sources unless the readings come from two articles.
    article_of = {st.id: st.article_id for st in context.members}
    return [
        d for d in found
        if len({article_of[s.statement] for r in d.readings for s in r.spans}) >= 2
    ]  # fmt: skip


def number_differences(context: GroupContext) -> list[Difference]:
    by_unit: dict[str, dict[int, list[Quantity]]] = defaultdict(lambda: defaultdict(list))
    member_of: dict[int, StatementInfo] = {m.id: m for m in context.members}
    for member in context.members:
        for q in quantities(member):
            by_unit[q.unit][member.id].append(q)
    result = []
    for unit, per_member in by_unit.items():
        if len(per_member) < 2:
            continue
        chosen = {sid: _representative(qs, per_member, sid) for sid, qs in per_member.items()}
        readings: list[tuple[Quantity, Reading]] = []
        for sid, q in chosen.items():
            for known, reading in readings:
                if known.same(q):
                    reading.spans.append(SpanRef(sid, q.start, q.end))
                    break
            else:
                text = reading_text(context, member_of[sid], (q.start, q.end))
                readings.append((q, Reading(text, q.exact, [SpanRef(sid, q.start, q.end)])))
        if len(readings) < 2:
            continue
        conflict = any(not a.compatible(b) for a, _ in readings for b, _ in readings)
        detail = " vs ".join(r.text for _, r in readings) + ("" if unit == "year" else f" ({unit})")
        result.append(
            Difference("number", "conflict" if conflict else "variation", detail,
                       [r for _, r in readings])
        )  # fmt: skip
    return result


def _representative(own: list[Quantity], per_member: dict[int, list[Quantity]], sid: int
                    ) -> Quantity:  # fmt: skip
    """Of a member's amounts of one unit, the one the other members talk about: most
    compatible with theirs, then the closest in value."""
    others = [q for other, qs in per_member.items() if other != sid for q in qs]

    def fit(q: Quantity) -> tuple[int, float]:
        middle = (q.low + q.high) / 2 or 1e-9
        closest = min(abs(((o.low + o.high) / 2) / middle - 1) for o in others)
        return -sum(q.compatible(o) for o in others), closest

    return min(own, key=fit)


def date_differences(context: GroupContext) -> list[Difference]:
    """Members with exactly one day-precise date each; different days are a conflict."""
    readings: list[Reading] = []
    kinds: set[bool] = set()
    for member in context.members:
        mentions = date_mentions(member, context.published(member))
        values = {m.value for m in mentions}
        # An unresolved weekday ("on Friday" with no publication date) pins no day down.
        if len(values) != 1 or mentions[0].value.startswith("weekday:"):
            continue
        mention = mentions[0]
        kinds.add(mention.explicit)
        span = SpanRef(member.id, mention.start, mention.end)
        for reading in readings:
            if _same_day(reading.value, mention.value):
                reading.spans.append(span)
                break
        else:
            text = reading_text(context, member, (mention.start, mention.end))
            readings.append(Reading(text, mention.value, [span]))
    if len(readings) < 2 or len(kinds) > 1:  # "Monday" vs "Jan. 23": two different events
        return []
    detail = " vs ".join(f"{r.text} ({r.value})" for r in readings)
    return [Difference("date", "conflict", detail, readings)]


def _same_day(a: str, b: str) -> bool:
    if a.startswith("--") or b.startswith("--"):  # a year unknown: month and day decide
        return a[-5:] == b[-5:]
    return a == b


def quote_parts(context: GroupContext, member: StatementInfo) -> list[QuotePart]:
    parts = []
    for q in context.quotes.get(member.article_id, []):
        if q.overlaps(member.start, member.end):
            start, end = max(q.start, member.start), min(q.end, member.end)
            parts.append(QuotePart(member.id, start, end, q.start >= member.start,
                                   q.end <= member.end))  # fmt: skip
    return parts


def quote_differences(context: GroupContext) -> list[Difference]:
    """For each quotation the members share, collate every rendering with the longest one."""
    member_of = {m.id: m for m in context.members}
    renderings = [
        Rendering(part, words(context.article_text(m)[part.start : part.end], part.start))
        for m in context.members
        for part in quote_parts(context, m)
    ]
    unused = [r for r in renderings if r.words]
    result = []
    while unused:
        reference = max(unused, key=lambda r: len(r.words))
        unused.remove(reference)
        best: dict[int, Rendering] = {}
        for other in unused:
            shared = shared_trigrams(reference.words, other.words)
            sid = other.part.statement
            if sid == reference.part.statement or shared < 2:
                continue
            if same_quotation(reference.words, other.words) < SAME_QUOTATION:
                continue
            if sid not in best or shared > shared_trigrams(reference.words, best[sid].words):
                best[sid] = other
        unused = [r for r in unused if r not in best.values()]
        for point in collate(reference, list(best.values())):
            readings: dict[str, Reading] = {}
            for sid, span in point:
                text = reading_text(context, member_of[sid], span)
                key = " ".join(w.key for w in words(text, 0))
                reading = readings.setdefault(key, Reading(text, None, []))
                reading.spans.append(SpanRef(sid, *span))
            if len(readings) >= 2:
                detail = " vs ".join(f"“{r.text}”" if r.text else "(omitted)"
                                     for r in readings.values())  # fmt: skip
                result.append(Difference("quote", "variation", detail, list(readings.values())))
    return result
