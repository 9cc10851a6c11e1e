"""Differences of framing inside a group: who acts (entity), who said it and where
(attribution), and how the fact is characterised (wording)."""

from __future__ import annotations

from app.core.compare.features import StatementInfo, Tok, canonical
from app.core.compare.params import lexicon
from app.core.compare.quotes import Attribution, statement_attributions
from app.core.compare.records import Difference, GroupContext, Reading, SpanRef, reading_text

NAMED_PREFIX = "name:"


def _words(name: str) -> frozenset[str]:
    return frozenset(lexicon()[name])


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
        return named_actor_differences(context)
    detail = " vs ".join(r.text for _, r in readings)
    return [Difference("entity", "conflict", detail, [r for _, r in readings])]


def named_actor_differences(context: GroupContext) -> list[Difference]:
    """Members that give the same act a different named doer: "Okafor closed the path" vs
    "Reyes closed the path". People are set against people, organisations against
    organisations ("Russia" and "Moscow", a country and its capital, are not set apart), and
    only for one act — the same main verb, or the same thing acted on ("spotted the fault",
    "identified the fault"): "Navalny was back in court" and "Borrell appealed" in one group
    tell two acts, not two doers of one."""
    result = []
    for label in sorted(_words("actor_entity_labels")):
        # acts (verb and what is acted on) → readings of their doers
        acts: list[tuple[set[str], list[tuple[set[str], Reading]]]] = []
        for member in context.members:
            found = _named_actor(member, label)
            if found is None:
                continue
            act, keys, span = found
            bucket = next((b for b in acts if b[0] & act), None)
            if bucket is None:
                bucket = (set(act), [])
                acts.append(bucket)
            bucket[0].update(act)
            readings = bucket[1]
            ref = SpanRef(member.id, *span)
            # one doer when the names share a linked entity or a name word ("Ms Okafor",
            # "Maria Okafor"): a linker that missed a link makes no difference
            same = next((r for known, r in readings if known & keys), None)
            if same is not None:
                same.spans.append(ref)
                continue
            text = reading_text(context, member, span)
            readings.append((keys, Reading(text, sorted(keys)[0], [ref])))
        for _, readings in acts:
            if len(readings) >= 2:
                detail = " vs ".join(r.text for _, r in readings)
                result.append(Difference("entity", "conflict", detail, [r for _, r in readings]))
    return result


def _named_actor(
    member: StatementInfo, label: str
) -> tuple[set[str], set[str], tuple[int, int]] | None:
    """(act, doer, doer's span): the named subject or passive agent, outside
    quotations, of the statement's main verb when that verb is not one of saying; the doer is
    the entity's id, else its last name word."""
    tokens = member.tokens
    root = next((i for i, t in enumerate(tokens) if t.head == i), None)
    if root is None or tokens[root].pos != "VERB":
        return None
    verb = canonical(tokens[root].lemma)
    if verb in _words("speech_verbs"):
        return None  # who said it is attribution, not the doer
    # the act: its verb, and what it is done to ("spotted" and "identified" the fault)
    act = {f"verb:{verb}"} | {
        f"patient:{canonical(tokens[c].lemma)}" for c in member.children(root)
        if tokens[c].dep in ("dobj", "nsubjpass") and tokens[c].pos == "NOUN"
    }  # fmt: skip
    doers = [c for c in member.children(root) if tokens[c].dep in ("nsubj", "agent")]
    for c in doers:
        if tokens[c].dep == "agent":
            objects = [o for o in member.children(c) if tokens[o].dep == "pobj"]
            if not objects:
                continue
            c = objects[0]
        tok = tokens[c]
        # a proper noun the recogniser left untyped ("HM Coastguard") may be either doer
        if tok.in_quote or tok.ent_type not in (label, "") or tok.pos != "PROPN":
            continue
        names = [i for i in member.subtree(c) if tokens[i].ent_type == tok.ent_type
                 and (tok.ent_type or tokens[i].pos == "PROPN")]  # fmt: skip
        keys = {f"name:{tok.text.lower()}"}
        if tok.entity_id is not None:
            keys.add(f"E:{tok.entity_id}")
        return act, keys, (tokens[min(names)].start, tokens[max(names)].end)
    return None


def _actors(member: StatementInfo) -> dict[str, tuple[int, int]]:
    """Office nouns in an acting or addressed role, outside quotations → their phrase span."""
    found: dict[str, tuple[int, int]] = {}
    for i, tok in enumerate(member.tokens):
        lemma = canonical(tok.lemma)
        # "Police" opening a sentence is often tagged a proper noun
        if tok.pos not in ("NOUN", "PROPN") or tok.in_quote or lemma not in _words("actor_nouns"):
            continue
        if tok.dep not in _words("actor_deps"):
            continue
        head = member.tokens[tok.head]
        if tok.dep.startswith("nsubj") and head.lemma.lower() in _words("speech_verbs"):
            continue  # "the council said": who said it is attribution, not the doer
        preposition = member.tokens[tok.head].text.lower()
        if tok.dep == "pobj" and preposition not in _words("actor_prepositions"):
            continue  # "in court", "against the government": circumstances, not actors
        modifiers = [c for c in member.children(i)
                     if member.tokens[c].dep in ("compound", "amod", "nmod")]  # fmt: skip
        first = min([i, *[min(member.subtree(c)) for c in modifiers]])
        # one doer named two ways ("the firm" / "the company", "officers" / "police")
        lemma = lexicon()["actor_synonyms"].get(lemma, lemma)
        found.setdefault(lemma, (member.tokens[first].start, tok.end))
    return found


def attribution_differences(context: GroupContext) -> list[Difference]:
    """Same words or fact credited to another channel (blog vs Twitter) or speaker (the
    Foreign Ministry vs Lavrov), or to a speaker by one report and to an outlet by another."""
    own = {m.id: statement_attributions(m) for m in context.members}
    members = {m.id: m for m in context.members}
    first = {sid: atts[0] for sid, atts in own.items() if atts}
    channels = []
    for member in context.members:
        found = channel_of(member)
        attribution = first.get(member.id)
        if found is not None:
            channels.append((member.id, *found))
        elif attribution is not None and attribution.channel:
            channels.append((member.id, attribution.channel, attribution.channel_span))
    readings = _by_key(context, members, channels)
    if len(readings) >= 2:
        return [Difference("attribution", "variation", _detail(readings), readings)]
    with_channel = {c[0] for c in channels}
    speakers = [(s, _speaker_name(a), a.speaker_span) for s, a in first.items()
                if a.speaker_key and not a.channel and s not in with_channel]  # fmt: skip
    # Only two names can be told apart: "the high representative" may well be Borrell.
    named = [(s, a) for s, a in first.items()
             if a.speaker_key and not a.channel and s not in with_channel
             and _speaker_name(a).startswith(NAMED_PREFIX)]  # fmt: skip
    readings = _by_name(context, members, named)
    if len(readings) >= 2:
        return [Difference("attribution", "conflict", _detail(readings), readings)]
    # "her spokesman said" in one report, "said Politico" in another: a source against an
    # outlet (speakers of an article that itself names the outlet take no side).
    outlets = [c for c in channels if c[1] in _words("media_channels")]
    outlet_articles = {members[c[0]].article_id for c in outlets}
    sources = [i for i in speakers if members[i[0]].article_id not in outlet_articles]
    if sources and outlets:
        readings = _by_key(context, members, sources + outlets)
        if len(readings) >= 2:
            return [Difference("attribution", "variation", _detail(readings), readings)]
    return []


def channel_of(member: StatementInfo) -> tuple[str, tuple[int, int]] | None:
    """The channel a statement's words went through, from the general channel words ("said in
    a statement", "told … in an interview", "in a post on Facebook"): a channel word outside
    quotations that hangs, within a few links, from a speech verb or a verb of reaction."""
    kinds = {word: kind for kind, words in lexicon()["channel_words"].items() for word in words}
    tokens = member.tokens
    for i, tok in enumerate(tokens):
        kind = kinds.get(tok.lemma.lower()) or kinds.get(tok.text.lower())
        if kind is None or tok.in_quote:
            continue
        head, steps = tok.head, 0
        while steps < 4:
            verb = tokens[head]
            # words said, or a reaction given ("slammed the strike in a post on X")
            said = _words("speech_verbs") | _words("reaction_verbs")
            if verb.lemma.lower() in said and verb.pos in ("VERB", "AUX"):
                # the channel's own phrase ("an interview"), not what was said in it
                left = [c for c in member.subtree(i) if c <= i]
                # "a release in a blog post": the medium named inside it is the more exact
                inner = [c for c in member.subtree(i) if c != i and not tokens[c].in_quote
                         and (kinds.get(tokens[c].lemma.lower())
                              or kinds.get(tokens[c].text.lower()))]  # fmt: skip
                if inner:
                    c = inner[0]
                    kind = kinds.get(tokens[c].lemma.lower()) or kinds[tokens[c].text.lower()]
                return kind, (tokens[min(left)].start, tok.end)
            if tokens[head].head == head:
                break
            head, steps = tokens[head].head, steps + 1
    return None


def _detail(readings: list[Reading]) -> str:
    return " vs ".join(r.text for r in readings)


def _speaker_name(a: Attribution) -> str:
    """A speaker's last name ("Borrell" for "European Council Chief Josep Borrell" and for
    "Borrell himself"), or the office word for an unnamed one ("spokesman")."""
    words = [w.strip(",.’'s") for w in (a.speaker or "").split()]
    names = [w for w in words if w[:1].isupper() and w.lower() not in _words("self_words")]
    if names:
        return NAMED_PREFIX + names[-1].lower()
    return (a.speaker_key or "").lower()


def _name_words(member: StatementInfo, a: Attribution) -> tuple[set[str], set[str]]:
    """What names a speaker: (the person's name words and linked id — "Nadia Rahman, a
    spokesperson for Brightwell" → Nadia, Rahman —, every capitalised word of the speaker
    phrase), titles left out ("Ms Okafor" → Okafor)."""
    assert a.speaker_span is not None
    inside = [t for t in member.tokens
              if a.speaker_span[0] <= t.start < a.speaker_span[1] and not t.in_quote]  # fmt: skip
    dropped = _words("name_titles") | _words("self_words")

    def words(tokens: list[Tok]) -> set[str]:
        found = {t.text.strip(".’'").lower() for t in tokens if t.text[:1].isupper()} - dropped
        return found | {f"E{t.entity_id}" for t in tokens if t.entity_id is not None}

    return words([t for t in inside if t.ent_type == "PERSON"]), words(inside)


def _same_speaker(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    """Two people when both name a person and the names share nothing; otherwise one when
    the phrases share a name word ("Halvorsen Foods and Marrow & Pike" / "Marrow and Pike,
    one of Norwich's biggest employers")."""
    if a[0] and b[0]:
        return bool(a[0] & b[0])
    return bool(a[1] & b[1])


def _by_name(
    context: GroupContext,
    members: dict[int, StatementInfo],
    items: list[tuple[int, Attribution]],
) -> list[Reading]:
    """Readings of named speakers: two speakers are one when their names share a word or a
    linked person ("Ms Okafor" and "council leader Maria Okafor")."""
    found: list[tuple[tuple[set[str], set[str]], Reading]] = []
    for sid, a in items:
        if a.speaker_span is None:
            continue
        words = _name_words(members[sid], a)
        if not words[1]:
            continue
        span = SpanRef(sid, *a.speaker_span)
        for known, reading in found:
            if _same_speaker(known, words):
                known[0].update(words[0])
                known[1].update(words[1])
                reading.spans.append(span)
                break
        else:
            text = reading_text(context, members[sid], a.speaker_span)
            found.append((words, Reading(text, _speaker_name(a), [span])))
    return [r for _, r in found]


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
    verbs_only = _words("evaluative_verbs_only")
    for i, tok in enumerate(member.tokens):
        lemma = tok.lemma.lower()
        if tok.in_quote or lemma not in _words("evaluative"):
            continue
        # "shares rocketed" is loaded, "the rocket" and "the blast" are not
        if lemma in verbs_only and tok.pos != "VERB":
            continue
        return i
    return None


def _neutral_counterpart(member: StatementInfo, loaded: StatementInfo) -> tuple[int, int] | None:
    """Where the neutral report says what the loaded one characterises: the noun the loaded
    word qualifies ("disastrous visit" → "visit", "a mega-merger" → "merger"), or for a loaded
    verb ("lauded the vaccine") the neutral verb phrase up to the shared object ("said the EU
    should turn to"); else the neutral report's own main verb, since a member of the group
    tells the same fact in its plainer words ("agreed a tie-up" against "a mega-merger")."""
    index = _evaluative(loaded)
    assert index is not None
    tok = loaded.tokens[index]
    root = next((i for i, t in enumerate(member.tokens) if t.head == i), None)
    if tok.pos != "VERB":
        for target in _qualified(loaded, index):
            for t in member.tokens:
                if canonical(t.lemma) == target and not t.in_quote:
                    return t.start, t.end
    else:
        found = _verb_counterpart(member, loaded, index, root)
        if found is not None:
            return found
    if (
        root is None
        or member.tokens[root].pos not in ("VERB", "AUX")
        or member.tokens[root].in_quote
    ):
        return None
    return member.tokens[root].start, member.tokens[root].end


def _qualified(loaded: StatementInfo, index: int) -> list[str]:
    """What a loaded adjective or noun characterises: its head, then the next noun or verb
    after it (a hyphenated "mega-merger" is often parsed with the wrong head)."""
    tokens = loaded.tokens
    own = canonical(tokens[index].lemma)
    found = [canonical(tokens[tokens[index].head].lemma)] if tokens[index].head != index else []
    for t in tokens[index + 1 : index + 4]:
        content = t.pos in ("NOUN", "VERB", "PROPN") or t.dep in ("amod", "compound")
        if content and any(c.isalpha() for c in t.text):
            found.append(canonical(t.lemma))
            break
    return [lemma for lemma in found if lemma != own]


def _verb_counterpart(
    member: StatementInfo, loaded: StatementInfo, index: int, root: int | None
) -> tuple[int, int] | None:
    objects = {canonical(loaded.tokens[c].lemma) for c in loaded.subtree(index)
               if loaded.tokens[c].pos == "NOUN"}  # fmt: skip
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
    return None  # no shared object
