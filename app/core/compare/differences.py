"""Find the points where a group's statements differ and group them by reading.

Numbers, dates and quotations are found here; actors in doers.py, attribution in framing.py and
evaluative wording in wording.py. A statement silent on a point is in none of its readings.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

from app.core.compare.ages import AGE, ages
from app.core.compare.date_values import DateMention, agree
from app.core.compare.dates import date_mentions
from app.core.compare.doers import actor_differences
from app.core.compare.features import StatementInfo, verb_stem
from app.core.compare.framing import attribution_differences, one_speaker
from app.core.compare.ordinals import RANK, ordinals
from app.core.compare.params import DEFAULT, DivergenceParams, lexicon
from app.core.compare.quantities import MARGIN, Quantity, quantities
from app.core.compare.quotediff import (
    QuotePart,
    Rendering,
    RenderingIndex,
    collate,
    common_words,
    renderings_alive,
    same_quotation,
    shared_trigrams,
    whole,
    words,
)
from app.core.compare.quotes import SAYING_VERBS
from app.core.compare.records import Difference, GroupContext, Reading, SpanRef, reading_text
from app.core.compare.wording import wording_differences


def find_differences(context: GroupContext, params: DivergenceParams = DEFAULT
                     ) -> list[Difference]:  # fmt: skip
    found: list[Difference] = []
    found += number_differences(context, params)
    found += date_differences(context, params)
    found += actor_differences(context)
    found += quote_differences(context, params)
    found += attribution_differences(context)
    found += wording_differences(context)
    found = _doers_not_speakers(found)
    # An article that tells the fact twice (its lede and its body) may word it twice: that is
    # no divergence between sources unless the readings come from two articles.
    article_of = {st.id: st.article_id for st in context.members}
    return [
        d for d in found
        if len({article_of[s.statement] for r in d.readings for s in r.spans}) >= 2
    ]  # fmt: skip


def _doers_not_speakers(found: list[Difference]) -> list[Difference]:
    """One divergence told once: the teller of an instruction ("the council told residents to
    stay indoors" vs "police told …") is both its doer and its speaker; when the speakers
    split the members exactly as the doers do, the doers' difference says it."""

    def partition(d: Difference) -> frozenset[frozenset[int]]:
        return frozenset(frozenset(s.statement for s in r.spans) for r in d.readings)

    doers = {partition(d) for d in found if d.type == "entity"}
    return [d for d in found if d.type != "attribution" or partition(d) not in doers]


def number_differences(
    context: GroupContext, params: DivergenceParams = DEFAULT
) -> list[Difference]:
    member_of: dict[int, StatementInfo] = {m.id: m for m in context.members}
    found = {m.id: _without_fronted_whole(quantities(m, params), m) + ages(m) + ordinals(m)
             for m in context.members}  # fmt: skip
    by_key: dict[tuple[str, str], dict[int, list[Quantity]]]
    by_key = defaultdict(lambda: defaultdict(list))
    for sid, qs in found.items():
        for q in qs:
            if not q.headless:
                by_key[q.key][sid].append(q)
    for sid, qs in found.items():
        for q in qs:
            if q.headless:
                by_key[_headless_key(q, sid, by_key)][sid].append(q)
    # an age held by a common noun is the age of the group's one named holder, if one
    named_ages = [key for key in by_key if key[0].startswith(f"{AGE}:")]
    if len(named_ages) == 1 and (AGE, "") in by_key:
        for sid, qs in by_key.pop((AGE, "")).items():
            by_key[named_ages[0]][sid].extend(qs)
    if params.one_count_factor is not None:
        _one_count_per_article(by_key, {m.id: m.article_id for m in context.members},
                               params.one_count_factor)  # fmt: skip
    result = []
    for key, per_member in by_key.items():
        if len(per_member) < 2:
            continue
        own = {sid: _without_wholes(qs, member_of[sid]) for sid, qs in per_member.items()}
        chosen = {sid: _representative(qs, per_member, sid) for sid, qs in own.items()}
        difference = _number_difference(context, member_of, chosen, key, params)
        if difference is None:
            # The figures the members agree on told, a second figure of one unit may still
            # differ: "£80 back on £190 tickets" vs "£95 back, half the £190 price".
            agreed = list(chosen.values())
            rest = {sid: left for sid, qs in own.items()
                    if len(qs) > 1 and (left := _not_told(qs, agreed))}  # fmt: skip
            if len(rest) >= 2:
                chosen = {sid: _representative(qs, rest, sid) for sid, qs in rest.items()}
                difference = _number_difference(context, member_of, chosen, key, params)
        if difference is not None:
            result.append(difference)
    return result


def _not_told(amounts: list[Quantity], told: list[Quantity]) -> list[Quantity]:
    """The amounts that tell none of `told`."""
    return [q for q in amounts if not any(q.told_alike(t) for t in told)]


def _number_difference(
    context: GroupContext,
    member_of: dict[int, StatementInfo],
    chosen: dict[int, Quantity],
    key: tuple[str, str],
    params: DivergenceParams,
) -> Difference | None:
    """The readings of one figure, each member's `chosen` amount; None when all agree."""
    readings: list[tuple[Quantity, Reading]] = []
    loose: list[tuple[Quantity, Reading, SpanRef]] = []  # inexact figures that joined
    # exact figures first: a rounded one joins the exact reading it covers, the nearest
    for sid, q in sorted(chosen.items(), key=lambda item: item[1].exact is None):
        alike = [(known, r) for known, r in readings if known.told_alike(q)]
        span = SpanRef(sid, q.start, q.end)
        if alike:
            _, reading = min(alike, key=lambda kr: abs(kr[0].nominal - q.nominal))
            reading.spans.append(span)
            if q.exact is None:
                loose.append((q, reading, span))
        else:
            text = reading_text(context, member_of[sid], (q.start, q.end))
            value = q.exact if q.exact is not None else [q.low, q.high]
            readings.append((q, Reading(text, value, [span])))
    # An inexact figure that tells every reading ("at least 12" beside "12" and "14")
    # takes no side, as long as its reading keeps another member; merely fitting is not
    # enough: "more than 300" fits "nearly 400" but tells "312", so it sides with "312".
    for q, reading, span in loose:
        if len(reading.spans) > 1 and all(q.told_alike(known) for known, _ in readings):
            reading.spans.remove(span)
    if len(readings) < 2:
        return None
    conflict = any(not a.compatible(b, params.range_slack) for a, _ in readings
                   for b, _ in readings)  # fmt: skip
    detail = " vs ".join(r.text for _, r in readings) + _unit_label(key)
    return Difference("number", "conflict" if conflict else "variation", detail,
                      [r for _, r in readings])  # fmt: skip


def _one_count_per_article(
    by_key: dict[tuple[str, str], dict[int, list[Quantity]]],
    article_of: dict[int, int],
    factor: float,
) -> None:
    """A group tells one fact, so an article's only count, under a noun no other article
    uses, is the count the others give under theirs ("23 applicants", "TWENTY-FIVE rich
    kids", "23 students"; "Fourteen of the accounts", "15 were held"): such loose counts join
    the one other count of their degree whose figures lie within `factor` of theirs, or each
    other when there is none. Two counts near them leave it unknown which one they tell, and
    figures far apart are other counts ("1,200 objections", "15 speakers"). Vague words,
    measures and labels are never counted (`Quantity.counted`)."""
    for qualifier in {key[1] for key in by_key}:
        keys = [key for key, per_member in by_key.items() if key[1] == qualifier
                and all(q.counted for qs in per_member.values() for q in qs)]  # fmt: skip
        articles = {key: {article_of[sid] for sid in by_key[key]} for key in keys}
        keys_of = Counter(a for key in keys for a in articles[key])
        loose = [key for key in keys if len(articles[key]) == 1
                 and keys_of[next(iter(articles[key]))] == 1]  # fmt: skip
        figures = [f for key in loose for f in _figures(by_key[key])]
        if len(keys) < 2 or not loose or not _within(figures, factor):
            continue
        targets = [key for key in keys if key not in loose
                   and _within(_figures(by_key[key]) + figures, factor)]  # fmt: skip
        if len(targets) > 1:
            continue
        into = targets[0] if targets else loose[0]
        for key in loose:
            if key != into:
                for sid, qs in by_key.pop(key).items():
                    by_key[into][sid].extend(qs)


def _figures(per_member: dict[int, list[Quantity]]) -> list[float]:
    return [q.nominal for qs in per_member.values() for q in qs]


def _within(figures: list[float], factor: float) -> bool:
    """All the figures positive and within `factor` of each other."""
    return min(figures) > 0 and max(figures) <= factor * min(figures)


def _headless_key(
    q: Quantity, sid: int, by_key: dict[tuple[str, str], dict[int, list[Quantity]]]
) -> tuple[str, str]:
    """A lone number ("three were seriously injured") counts what another member counts as
    subject or object of the same verb with the same degree word ("four people were
    seriously injured"); else it is compared only with other lone numbers of that verb."""
    for key, per_member in by_key.items():
        if key[0].startswith("~") or key[1] != q.qualifier:
            continue
        if any(o.predicate == q.predicate for other, qs in per_member.items() if other != sid
               for o in qs):  # fmt: skip
            return key
    return f"~{q.predicate}", q.qualifier


def _unit_label(key: tuple[str, str]) -> str:
    unit, qualifier = key
    if unit == "year":
        return ""
    if unit.split(":")[0] == AGE:  # whose age it is, the readings name
        return " (age)"
    if unit.startswith(f"{RANK}:"):  # "ninth vs 11th (outbreak, rank)"
        return f" ({unit.removeprefix(f'{RANK}:')}, rank)"
    shown = unit.removeprefix("~").removeprefix("money:")
    if qualifier == MARGIN:
        return f" ({shown}, margin)"
    return f" ({qualifier + ' ' if qualifier else ''}{shown})"


# "87 of the orchestra's 92 players": what joins a part to its whole
_PARTITIVE = re.compile(r"\s+of\s+(?:(?:the|its|their|his|her|all)\s+|[\w'’-]+['’]s?\s+)*$",
                        re.IGNORECASE)  # fmt: skip
_FRONTED_WHOLE = re.compile(r"(?:^|[,;:]\s*)of\s+(?:(?:the|its|their|all)\s+)?$", re.IGNORECASE)


def _without_wholes(own: list[Quantity], member: StatementInfo) -> list[Quantity]:
    """A member's amounts of one unit without the whole of a part-whole ("87 of the
    orchestra's 92 players" tells 87 who took part; 92 is how many there are), unless only
    wholes are left."""

    def between(part: Quantity, whole: Quantity) -> str:
        return member.text[part.end - member.start : whole.start - member.start]

    pairs = [(part, q) for q in own for part in own
             if part.end <= q.start and _PARTITIVE.fullmatch(between(part, q))]  # fmt: skip
    # "one of about 4,300 patients" is a member of the whole, not a count of one
    drop = {part if part.text.lower() in ("one", "1") else whole for part, whole in pairs}
    return [q for q in own if q not in drop] or own


def _without_fronted_whole(found: list[Quantity], member: StatementInfo) -> list[Quantity]:
    """A member's amounts without a whole told first ("Of the 4,312 patients, the audit
    records 14 deaths"): the statement counts the part; the whole only sets the scene."""
    return [q for q in found
            if not (_FRONTED_WHOLE.search(member.text[: q.start - member.start])
                    and any(part.start > q.end for part in found))]  # fmt: skip


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


def date_differences(context: GroupContext, params: DivergenceParams = DEFAULT
                     ) -> list[Difference]:  # fmt: skip
    """Members that date the same event differently: "Tuesday 14 March" vs "Wednesday 15
    March", "in December" vs "in January", "on Tuesday" vs "March 15" (a Wednesday).

    Dates are compared per event (the verb they hang from) when two members date the same
    verb; members with one date each are compared whatever their verbs ("collapsed" and
    "gave way" are one event in an aligned group)."""
    mentions = {
        m.id: _event_dates(date_mentions(m, context.published(m), params)) for m in context.members
    }
    by_event: dict[str, dict[int, list[DateMention]]] = defaultdict(lambda: defaultdict(list))
    for sid, found in mentions.items():
        for mention in found:
            if mention.event:
                by_event[mention.event][sid].append(mention)
    pools = [dict(per) for per in by_event.values() if len(per) >= 2]
    compared = {sid for per in pools for sid in per}
    # A member with one dated event, of a verb no other member dates ("an inquiry was ordered
    # into the collapse on Wednesday"), dates the group's main event: the most dated one. So
    # does one that dates several events ("happened on Saturday 11 October in the room where
    # it has hung since 1902"), beside members that date one verb alike. One event may carry
    # two dates ("fell in January, after December"): the comparison takes the one the others
    # agree with.
    single = {sid: found for sid, found in mentions.items()
              if found and len({d.event for d in found}) == 1 and sid not in compared}  # fmt: skip
    others = {sid: found for sid, found in mentions.items() if found and sid not in compared}
    if pools and others:
        max(pools, key=len).update(others)
    elif len(single) >= 2:
        # Dates of different verbs are set side by side only at one precision: "issued on
        # Tuesday 10 October" is no rival of "sold between February and August".
        # A member with dates at two precisions ("its first since July 2018, takes effect on
        # Friday, June 20") sides at each with its dates there.
        by_precision: dict[str, dict[int, list[DateMention]]] = defaultdict(dict)
        for sid, found in single.items():
            for mention in found:
                level = "day" if mention.precision == "weekday" else mention.precision
                by_precision[level].setdefault(sid, []).append(mention)
        pools += [per for per in by_precision.values() if len(per) >= 2]
    member_of = {m.id: m for m in context.members}
    result = []
    for per_member in pools:
        difference = _date_difference(context, member_of, per_member, mentions)
        if difference is not None:
            result.append(difference)
    return result


def _event_dates(found: list[DateMention]) -> list[DateMention]:
    """A member's dates without those of saying ("will walk out from Friday 12 July, the union
    said on Tuesday": Tuesday is when it was said), unless it dates nothing else."""
    speech = _speech_stems()
    events = [d for d in found if d.event not in speech]
    return events or found


@cache
def _speech_stems() -> frozenset[str]:
    """The speech verbs stemmed as DateMention.event is."""
    return frozenset(verb_stem(verb) for verb in SAYING_VERBS)


def _date_difference(
    context: GroupContext,
    member_of: dict[int, StatementInfo],
    per_member: dict[int, list[DateMention]],
    mentions: dict[int, list[DateMention]],
) -> Difference | None:
    chosen: dict[int, DateMention] = {}
    for sid, own in per_member.items():
        others = [d for other, ds in per_member.items() if other != sid for d in ds]
        # The member's date the others agree with most, its date of this event first, then
        # the most precise: a member that dates two events ("will debrief on Feb. 22 … a
        # summit in March") agrees through the one the others date.
        chosen[sid] = max(
            mentions[sid],
            key=lambda d: (sum(agree(d, o) for o in others), d in own,
                           _PRECISION.index(d.precision)),
        )  # fmt: skip
    readings: list[tuple[list[DateMention], Reading]] = []
    # The most precise first, a full date before one without its year ("2025-06-19" before
    # "--06-19"): a mention joins the reading whose every date it agrees with, so that "on
    # Friday" is not absorbed by "19 June" (of no known weekday) beside "Thursday 19 June".
    for sid, mention in sorted(chosen.items(), key=lambda item: (
            -_PRECISION.index(item[1].precision), item[1].value.startswith("-"))):  # fmt: skip
        span = SpanRef(sid, mention.start, mention.end)
        for known, reading in readings:
            if any(k.value == mention.value for k in known) or all(
                _agree(k, mention) for k in known
            ):
                known.append(mention)
                reading.spans.append(span)
                break
        else:
            text = reading_text(context, member_of[sid], (mention.start, mention.end))
            readings.append(([mention], Reading(text, mention.value, [span])))
    if len(readings) < 2:
        return None
    conflict = any(not _agree(a, b) for ka, _ in readings for kb, _ in readings
                   for a in ka for b in kb)  # fmt: skip
    if not conflict:
        return None  # "on Tuesday" and "14 March": one day told two ways
    detail = " vs ".join(f"{r.text} ({_shown(r.value)})" for _, r in readings)
    return Difference("date", "conflict", detail, [r for _, r in readings])


_PRECISION = ("weekday", "year", "month", "day")


def _agree(a: DateMention, b: DateMention) -> bool:
    """`agree`, or one relative word of two different verbs ("eight fighting for their lives
    last night" / "six still in intensive care last night"): rolling coverage dates the state
    at each report's own time of writing, not one event two ways."""
    if agree(a, b):
        return True
    relative = lexicon()["relative_days"]
    word = a.text.lower()
    return word == b.text.lower() and word in relative and a.event != b.event


def _shown(value: str) -> str:
    return value.removeprefix("weekday:")


def quote_parts(context: GroupContext, member: StatementInfo) -> list[QuotePart]:
    parts = []
    for q in context.quotes.get(member.article_id, []):
        if q.overlaps(member.start, member.end):
            start, end = max(q.start, member.start), min(q.end, member.end)
            parts.append(QuotePart(member.id, start, end, q.start >= member.start,
                                   q.end <= member.end))  # fmt: skip
    return parts


def quote_differences(context: GroupContext, params: DivergenceParams = DEFAULT
                      ) -> list[Difference]:  # fmt: skip
    """For each quotation the members share, collate every rendering with the longest one."""
    member_of = {m.id: m for m in context.members}
    renderings = [
        Rendering(part, words(context.article_text(m)[part.start : part.end], part.start))
        for m in context.members
        for part in quote_parts(context, m)
    ]
    remarks = _short_remarks(context, renderings, params)
    result = []
    for reference, others in _quotations([r for r in renderings if r.words], remarks, params):
        points = collate(reference, others, params.quote_edge_swap)
        if not points:  # two short remarks with no word in common: the whole is the point
            points = _whole_remarks(reference, others, remarks)
        for point in points:
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


def _quotations(renderings: list[Rendering], remarks: set[tuple[int, int]],
                params: DivergenceParams) -> list[tuple[Rendering, list[Rendering]]]:  # fmt: skip
    """The group's quotations in turn: the longest unused rendering (the first of them) and,
    from each other statement, the unused rendering of its quotation that shares most word
    trigrams with it (the first of them), statements in the order of their first rendering
    of it. Only renderings the index finds can be one quotation with the reference: sharing
    a trigram, a short remark, or whole and sharing enough words to be reworded; and only
    the first unused rendering of each class of alike ones can be the one chosen."""
    index = RenderingIndex(renderings, params.reworded_quotation_words)
    partners: dict[int, list[int]] = defaultdict(list)
    for a, b in remarks:
        partners[a].append(b)
    statements: dict[int, list[int]] = defaultdict(list)
    for c, members in enumerate(index.members):
        statements[renderings[members[0]].part.statement].append(c)
    every = params.quote_min_trigrams < 1  # then any two renderings share enough trigrams

    def rivals(other: Rendering) -> Iterable[Rendering]:
        return renderings_alive(index, index.every() if every else index.sharing_trigram(other))

    found = []
    for i in sorted(range(len(renderings)), key=lambda i: (-len(renderings[i].words), i)):
        if index.used[i]:
            continue
        index.used[i] = True
        reference = renderings[i]
        own = reference.part.statement
        classes: Iterable[int] = index.every()
        if not every:
            near = index.sharing_trigram(reference)
            if whole(reference):
                near |= index.maybe_reworded(reference)
            for sid in partners[own]:
                near.update(statements[sid])
            classes = near
        first: dict[int, int] = {}  # statement → its first rendering of the quotation
        best: dict[int, tuple[int, int]] = {}  # statement → (shared trigrams, -rendering)
        for c in classes:
            h = index.head(c)
            if h is None:
                continue
            other = renderings[h]
            sid = other.part.statement
            if sid == own:
                continue
            shared = shared_trigrams(reference.words, other.words)
            remark = (own, sid) in remarks
            if not remark and not _one_quotation(reference, other, shared, rivals(other), params):
                continue
            first[sid] = min(first.get(sid, h), h)
            best[sid] = max(best.get(sid, (shared, -h)), (shared, -h))
        chosen = [renderings[-best[sid][1]] for sid in sorted(best, key=first.__getitem__)]
        for r in chosen:  # and any rendering equal to it
            for j in index.same_part[r.part]:
                index.used[j] = True
        found.append((reference, chosen))
    return found


def _short_remarks(context: GroupContext, renderings: list[Rendering], params: DivergenceParams
                   ) -> set[tuple[int, int]]:  # fmt: skip
    """Pairs of statements each quoting one short remark whole, credited to one speaker."""
    parts: dict[int, list[Rendering]] = defaultdict(list)
    for r in renderings:
        parts[r.part.statement].append(r)
    limit = params.short_remark_words
    short = [sid for sid, rs in parts.items() if len(rs) == 1 and rs[0].part.opens
             and rs[0].part.closes and 0 < len(rs[0].words) <= limit]  # fmt: skip
    members = {m.id: m for m in context.members}
    found = set()
    for a in short:
        for b in short:
            other_article = members[a].article_id != members[b].article_id
            if a < b and other_article and one_speaker(members[a], members[b]):
                found |= {(a, b), (b, a)}
    return found


def _whole_remarks(reference: Rendering, others: list[Rendering], remarks: set[tuple[int, int]]
                   ) -> list[list[tuple[int, tuple[int, int]]]]:  # fmt: skip
    """One point of variation, every rendering whole, when short remarks differ outright
    ("an insult" / "insulting"); collate keeps no edit that spans a whole rendering."""
    sid = reference.part.statement
    own = [o for o in others if (sid, o.part.statement) in remarks]
    keys = {tuple(w.key for w in r.words) for r in (reference, *own)}
    if len(keys) < 2:
        return []
    whole = [(r.part.statement, (r.words[0].start, r.words[-1].end)) for r in (reference, *own)]
    return [whole]


def _one_quotation(reference: Rendering, other: Rendering, shared: int,
                   rivals: Iterable[Rendering], params: DivergenceParams) -> bool:  # fmt: skip
    """Is `other` a rendering of the quotation `reference` renders? `rivals`: the unused
    renderings `other` can share trigrams with."""
    # one whole quotation reworded ("did not take this step" / "have not taken this step",
    # "kept families waiting for a year" / "kept waiting for one whole year"), however many
    # word triples the two keep
    if _reworded(reference, other, params):
        return True
    if shared < params.quote_min_trigrams:
        return False
    if _same_quote(reference, other, params, strict=True):
        return True
    # a rendering that plainly quotes another one, which this quotation does not match, is
    # kept for that one's round
    sid = other.part.statement
    return _same_quote(reference, other, params, strict=False) and not any(
        _same_quote(other, x, params, strict=True)
        and not _same_quote(reference, x, params, strict=False)
        for x in rivals if x.part.statement not in (sid, reference.part.statement)
    )  # fmt: skip


def _reworded(a: Rendering, b: Rendering, params: DivergenceParams) -> bool:
    """One whole quotation reworded: both renderings complete, most words in order."""
    both = whole(a) and whole(b)
    return both and common_words(a.words, b.words) >= params.reworded_quotation_words


def _same_quote(a: Rendering, b: Rendering, params: DivergenceParams, strict: bool) -> bool:
    """One quotation: most of the shorter rendering's trigrams in the longer one, or (not
    strict) some of them and most of its words in the same order."""
    if shared_trigrams(a.words, b.words) < params.quote_min_trigrams:
        return False
    overlap = same_quotation(a.words, b.words)
    if overlap >= params.same_quotation:
        return True
    return (not strict and overlap >= params.same_quotation_floor
            and common_words(a.words, b.words) >= params.same_quotation_words)  # fmt: skip
