"""Differences of framing inside a group: who acts (entity), who said it and where
(attribution), and how the fact is characterised (wording)."""

from __future__ import annotations

from app.core.compare.features import StatementInfo, canonical
from app.core.compare.quotes import MEDIA_CHANNELS, Attribution, statement_attributions
from app.core.compare.records import Difference, GroupContext, Reading, SpanRef, reading_text

# People acting in an office: "EU foreign ministers" and "EU leaders" are different actors.
# Left out: "diplomat", "chief", "head", "envoy" — in a story about an envoy these name him
# ("the EU's top diplomat", "the head of European diplomacy") as often as anyone else.
ACTOR_NOUNS = frozenset(
    {
        "minister", "leader", "ambassador", "official", "spokesman", "spokeswoman",
        "spokesperson", "president", "mep", "commissioner", "lawmaker", "legislator", "senator",
        "government", "ministry", "parliament", "prosecutor", "judge", "police", "premier",
        "chancellor",
    }
)  # fmt: skip
NAMED_PREFIX = "name:"
SELF_WORDS = frozenset({"himself", "herself", "themselves", "itself", "the", "a", "an"})
ACTOR_PREPOSITIONS = frozenset({"to", "by", "with"})
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "pobj", "dative"})
# Characterisations a neutral report of the same fact does without.
EVALUATIVE = frozenset(
    {
        "catastrophic", "disastrous", "disaster", "humiliation", "humiliating", "humiliate",
        "fiasco", "debacle", "failed", "crucify", "botch", "err", "laud", "hail", "praise",
        "slam", "blast", "belittle", "trap", "outrageous", "shameful", "triumph", "embarrassing",
        "embarrassment", "blunder", "gaffe", "lambast", "rebuke", "snub", "defiant",
    }
)  # fmt: skip


def actor_differences(context: GroupContext) -> list[Difference]:
    """Members whose acting offices do not overlap: "foreign ministers" vs "leaders"."""
    actors = {m.id: _actors(m) for m in context.members}
    readings: list[tuple[set[str], Reading]] = []
    # Members naming fewer offices first: one naming both ministers and leaders agrees with
    # either reading and so takes no side.
    for member in sorted(context.members, key=lambda m: len(actors[m.id])):
        found = actors[member.id]
        if not found:
            continue
        keys = set(found)
        span = next(iter(found.values()))
        same = [r for ks, r in readings if ks == keys]
        if same:
            same[0].spans.append(SpanRef(member.id, *span))
        elif not any(ks & keys for ks, _ in readings):
            text = reading_text(context, member, span)
            readings.append((keys, Reading(text, sorted(keys)[0], [SpanRef(member.id, *span)])))
    if len(readings) < 2:
        return []
    detail = " vs ".join(r.text for _, r in readings)
    return [Difference("entity", "conflict", detail, [r for _, r in readings])]


def _actors(member: StatementInfo) -> dict[str, tuple[int, int]]:
    """Office nouns in an acting or addressed role, outside quotations → their phrase span."""
    found: dict[str, tuple[int, int]] = {}
    for i, tok in enumerate(member.tokens):
        lemma = canonical(tok.lemma)
        if tok.pos != "NOUN" or tok.in_quote or lemma not in ACTOR_NOUNS:
            continue
        if tok.dep not in ACTOR_DEPS:
            continue
        if tok.dep == "pobj" and member.tokens[tok.head].text.lower() not in ACTOR_PREPOSITIONS:
            continue  # "in court", "against the government": circumstances, not actors
        modifiers = [c for c in member.children(i)
                     if member.tokens[c].dep in ("compound", "amod", "nmod")]  # fmt: skip
        first = min([i, *[min(member.subtree(c)) for c in modifiers]])
        found.setdefault(lemma, (member.tokens[first].start, tok.end))
    return found


def attribution_differences(context: GroupContext) -> list[Difference]:
    """Same words or fact credited to another channel (blog vs Twitter) or speaker (the
    Foreign Ministry vs Lavrov), or to a speaker by one report and to an outlet by another."""
    own = {m.id: statement_attributions(m) for m in context.members}
    members = {m.id: m for m in context.members}
    first = {sid: atts[0] for sid, atts in own.items() if atts}
    channels = [(s, a.channel or "", a.channel_span) for s, a in first.items() if a.channel]
    readings = _by_key(context, members, channels)
    if len(readings) >= 2:
        return [Difference("attribution", "variation", _detail(readings), readings)]
    speakers = [(s, _speaker_name(a), a.speaker_span) for s, a in first.items()
                if a.speaker_key and not a.channel]  # fmt: skip
    # Only two names can be told apart: "the high representative" may well be Borrell.
    named = [item for item in speakers if item[1].startswith(NAMED_PREFIX)]
    readings = _by_key(context, members, named)
    if len(readings) >= 2:
        return [Difference("attribution", "conflict", _detail(readings), readings)]
    # "her spokesman said" in one report, "said Politico" in another: a source against an
    # outlet (speakers of an article that itself names the outlet take no side).
    outlets = [c for c in channels if c[1] in MEDIA_CHANNELS]
    outlet_articles = {members[c[0]].article_id for c in outlets}
    sources = [i for i in speakers if members[i[0]].article_id not in outlet_articles]
    if sources and outlets:
        readings = _by_key(context, members, sources + outlets)
        if len(readings) >= 2:
            return [Difference("attribution", "variation", _detail(readings), readings)]
    return []


def _detail(readings: list[Reading]) -> str:
    return " vs ".join(r.text for r in readings)


def _speaker_name(a: Attribution) -> str:
    """A speaker's last name ("Borrell" for "European Council Chief Josep Borrell" and for
    "Borrell himself"), or the office word for an unnamed one ("spokesman")."""
    words = [w.strip(",.’'s") for w in (a.speaker or "").split()]
    names = [w for w in words if w[:1].isupper() and w.lower() not in SELF_WORDS]
    if names:
        return NAMED_PREFIX + names[-1].lower()
    return (a.speaker_key or "").lower()


def _by_key(
    context: GroupContext,
    members: dict[int, StatementInfo],
    items: list[tuple[int, str, tuple[int, int] | None]],
) -> list[Reading]:
    by_key: dict[str, Reading] = {}
    for sid, key, span in items:
        if not key or span is None:
            continue
        reading = by_key.get(key)
        if reading is None:
            text = reading_text(context, members[sid], span)
            reading = by_key[key] = Reading(text, key, [])
        reading.spans.append(SpanRef(sid, *span))
    return list(by_key.values())


def wording_differences(context: GroupContext) -> list[Difference]:
    """An evaluative word in one report where another reports the same fact neutrally."""
    evaluative = {m.id: _evaluative(m) for m in context.members}
    if not any(evaluative.values()):
        return []
    readings: dict[str, Reading] = {}
    for member in context.members:
        index = evaluative[member.id]
        if index is not None:
            tok = member.tokens[index]
            key = canonical(tok.lemma)
            reading = readings.setdefault(key, Reading(tok.text, key, []))
            reading.spans.append(SpanRef(member.id, tok.start, tok.end))
    loaded = [m for m in context.members if evaluative[m.id] is not None]
    for member in context.members:
        if evaluative[member.id] is not None:
            continue
        span = _neutral_counterpart(member, loaded[0])
        if span is None:
            continue
        reading = readings.setdefault("neutral", Reading(reading_text(context, member, span),
                                                         "neutral", []))  # fmt: skip
        reading.spans.append(SpanRef(member.id, *span))
    if len(readings) < 2:
        return []
    detail = " vs ".join(r.text for r in readings.values())
    return [Difference("wording", "variation", detail, list(readings.values()))]


def _evaluative(member: StatementInfo) -> int | None:
    for i, tok in enumerate(member.tokens):
        if not tok.in_quote and tok.lemma.lower() in EVALUATIVE:
            return i
    return None


def _neutral_counterpart(member: StatementInfo, loaded: StatementInfo) -> tuple[int, int] | None:
    """Where the neutral report says what the loaded one characterises: the noun the loaded
    adjective qualifies ("disastrous visit" → "visit"), or for a loaded verb ("lauded the
    vaccine") the neutral verb phrase up to the shared object ("said the EU should turn to")."""
    index = _evaluative(loaded)
    assert index is not None
    tok = loaded.tokens[index]
    if tok.pos in ("ADJ", "NOUN"):
        target = canonical(loaded.tokens[tok.head].lemma) if tok.pos == "ADJ" else None
        for t in member.tokens:
            if target and canonical(t.lemma) == target and not t.in_quote:
                return t.start, t.end
        return None
    objects = {canonical(loaded.tokens[c].lemma) for c in loaded.subtree(index)
               if loaded.tokens[c].pos == "NOUN"}  # fmt: skip
    root = next((i for i, t in enumerate(member.tokens) if t.head == i), None)
    if root is None or member.tokens[root].pos not in ("VERB", "AUX"):
        return None
    start = member.tokens[root].start
    for i in range(root + 1, len(member.tokens)):
        t = member.tokens[i]
        if canonical(t.lemma) in objects and t.pos == "NOUN" and not t.in_quote:
            phrase = i
            while (
                member.tokens[phrase].dep in ("conj", "compound", "amod", "appos")
                and member.tokens[phrase].head < phrase
            ):
                phrase = member.tokens[phrase].head
            first = min(member.subtree(phrase))
            if first > root:
                return start, member.tokens[first - 1].end
            break
    return None  # no shared object: nothing to set against the loaded verb
