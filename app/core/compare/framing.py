"""Differences of framing inside a group: who acts (entity) and who said it and where
(attribution). How the fact is characterised (wording) is wording.py's."""

from __future__ import annotations

from app.core.compare.features import StatementInfo, Tok, canonical
from app.core.compare.params import lexicon, word_set
from app.core.compare.quotes import (
    SAYING_OR_REACTING,
    SAYING_VERBS,
    Attribution,
    is_infinitive,
    statement_attributions,
    verb_forms,
)
from app.core.compare.records import Difference, GroupContext, Reading, SpanRef, reading_text
from app.core.entities.names import fold

NAMED_PREFIX = "name:"


def actor_differences(context: GroupContext) -> list[Difference]:
    """Members whose acting offices do not overlap: "foreign ministers" vs "leaders"."""
    actors = {m.id: _actors(m) for m in context.members}
    readings: list[tuple[set[str], Reading]] = []
    # Members naming fewer offices first: one naming both ministers and leaders agrees with
    # either reading and so takes no side.
    for member in sorted(context.members, key=lambda m: len(actors[m.id])):
        found = actors[member.id]
        # Only those who take part in something many take part in ("ambassadors attended",
        # "employees attended" one meeting): naming others contradicts nothing, so such a
        # member takes no side, though its words still agree with another's.
        if not found or all(_acted_by_many(member, at) for at in found.values()):
            continue
        _place(context, readings, member, set(found), next(iter(found.values())), staff=True)
    if len(readings) < 2:
        return named_actor_differences(context)
    detail = " vs ".join(r.text for _, r in readings)
    return [Difference("entity", "conflict", detail, [r for _, r in readings])]


def _place(
    context: GroupContext,
    readings: list[tuple[set[str], Reading]],
    member: StatementInfo,
    keys: set[str],
    span: tuple[int, int],
    staff: bool = False,
) -> None:
    """A member naming these offices joins the reading that names the same ones, starts a
    new reading when it is compatible with none, and otherwise takes no side. With `staff`
    (doers, not speakers), an institution and the people who act for it are compatible."""
    same = [r for ks, r in readings if ks == keys]
    if same:
        same[0].spans.append(SpanRef(member.id, *span))
    elif not any(_compatible(ks, keys, staff) for ks, _ in readings):
        text = reading_text(context, member, span)
        readings.append((keys, Reading(text, sorted(keys)[0], [SpanRef(member.id, *span)])))


def _compatible(a: set[str], b: set[str], staff: bool = False) -> bool:
    """Can two sets of offices name the same doer? They share one; one names a kind the other
    is ("the company" and "the airline", "officials" and "police": a generic word takes no
    side); both name one overlapping crowd ("residents" and "survivors"); or, with `staff`,
    one names an institution and the other the people who act for one ("the council" and
    "staff", not "union officials")."""
    if a & b:
        return True
    kinds: dict[str, list[str]] = lexicon()["actor_generic"]
    if any(b & set(kinds.get(x, ())) for x in a) or any(a & set(kinds.get(x, ())) for x in b):
        return True
    if any(a & set(crowd) and b & set(crowd) for crowd in lexicon()["actor_overlapping"]):
        return True
    if not staff:
        return False
    bodies, people = word_set("staff_institutions"), word_set("staff_people")
    # ... unless the people are another institution's ("union officials" and "the company")
    return any(body & bodies and staff_of & people and not (staff_of & bodies) - body
               for body, staff_of in ((a, b), (b, a)))  # fmt: skip


def named_actor_differences(context: GroupContext) -> list[Difference]:
    """Members that give the same act a different named doer: "Okafor closed the path" vs
    "Reyes closed the path". People and organisations are set against each other ("the
    Conciliation Service invited both sides" vs "Ms Lowe invited both sides"); places are not
    ("Russia" and "Moscow", a country and its capital, are not set apart). Only for one act:
    the same main verb, or the same thing acted on ("spotted the fault", "identified the
    fault"): "Navalny was back in court" and "Borrell appealed" in one group tell two acts,
    not two doers of one."""
    result = []
    label = "|".join(sorted(word_set("actor_entity_labels")))
    for role in ("doer", "patient"):
        # acts (verb and what is acted on) → readings of their doers (or of whom it was
        # done to: "police arrested John Okafor" vs "police arrested James Okafor")
        acts: list[tuple[set[str], list[tuple[set[str], Reading]]]] = []
        for member in context.members:
            found = _named_actor(member, label, role)
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
            same = next((r for known, r in readings if _same_name(known, keys)), None)
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


def _same_name(a: set[str], b: set[str]) -> bool:
    """One person: a shared linked entity, or a shared last name unless both give different
    first names ("John Okafor" and "James Okafor" are two people; "Okafor" is either)."""
    if any(k.startswith("E:") for k in a & b):
        return True
    # one name inside the other ("Brightwell" and "Brightwell Appliances")
    parts_a = {k for k in a if k.startswith("part:")}
    parts_b = {k for k in b if k.startswith("part:")}
    if parts_a and parts_b and (parts_a <= parts_b or parts_b <= parts_a):
        return True
    if not any(k.startswith("name:") for k in a & b):
        return False
    given_a = {k for k in a if k.startswith("given:")}
    given_b = {k for k in b if k.startswith("given:")}
    return not (given_a and given_b and not given_a & given_b)


def _named_actor(
    member: StatementInfo, label: str, role: str = "doer"
) -> tuple[set[str], set[str], tuple[int, int]] | None:
    """(act, doer, doer's span): the named subject or passive agent, outside quotations, of
    the statement's main verb when that verb is not one of saying (else of the clause it
    reports); the doer is the entity's id, else its last name word. With `role` "patient",
    the one it is done to (the named object, or passive subject) and the act is the verb."""
    tokens = member.tokens
    root = next((i for i, t in enumerate(tokens) if t.head == i), None)
    if root is None:
        return None
    # "Nordvik Bank was (the) first to pass on the cut": the act is the infinitive the
    # copula governs, its subject the copula's
    copula_subject: list[int] = []
    if tokens[root].pos == "AUX":
        complements = [root, *(c for c in member.children(root)
                               if tokens[c].dep in ("attr", "acomp"))]  # fmt: skip
        acting = [v for c in complements for v in member.children(c)
                  if tokens[v].dep in ("xcomp", "relcl", "acl") and tokens[v].pos == "VERB"
                  and is_infinitive(member, v)]  # fmt: skip
        if not acting:
            return None
        copula_subject = [c for c in member.children(root) if tokens[c].dep == "nsubj"]
        root = acting[0]
    if tokens[root].pos != "VERB":
        return None
    verb = canonical(tokens[root].lemma)
    if tokens[root].lemma.lower() in word_set("shared_act_verbs"):
        return None  # many take part in one meeting, vote or protest: no single doer
    speaker = None
    if verb in SAYING_VERBS:
        # who said it is attribution, not the doer; the act is the clause reported
        # ("police said a contractor started the fire"), outside quotation marks
        reported = [c for c in member.children(root) if tokens[c].dep == "ccomp"
                    and tokens[c].pos == "VERB" and not tokens[c].in_quote]  # fmt: skip
        if not reported:
            return None
        # ... unless the speaker tells its own act ("Morvane Bank said it would cut its
        # rates"): then the speaker is the doer
        speaker = next((c for c in member.children(root) if tokens[c].dep == "nsubj"), None)
        root = reported[0]
        verb = canonical(tokens[root].lemma)
        if verb in SAYING_VERBS:
            return None
    # the act: its verb, and what it is done to ("spotted" and "identified" the fault)
    act = {f"verb:{verb}"} | {
        f"patient:{canonical(tokens[c].lemma)}" for c in member.children(root)
        if tokens[c].dep in ("dobj", "nsubjpass") and tokens[c].pos == "NOUN"
    }  # fmt: skip
    deps = ("nsubj", "agent") if role == "doer" else ("dobj", "nsubjpass")
    if role != "doer":
        act = {f"verb:{verb}"}
    doers = [c for c in member.children(root) if tokens[c].dep in deps]
    if role == "doer":
        doers += copula_subject
    if role == "doer" and speaker is not None:
        doers = [speaker if tokens[c].text.lower() in word_set("subject_pronouns") else c
                 for c in doers]  # fmt: skip
    for c in doers:
        if tokens[c].dep == "agent":
            objects = [o for o in member.children(c) if tokens[o].dep == "pobj"]
            if not objects:
                continue
            c = objects[0]
        tok = tokens[c]
        # a proper noun the recogniser left untyped ("HM Coastguard") may be either doer
        if tok.in_quote or tok.ent_type not in (*label.split("|"), "") or tok.pos != "PROPN":
            continue
        names = [i for i in member.subtree(c) if tokens[i].ent_type == tok.ent_type
                 and (tok.ent_type or tokens[i].pos == "PROPN")]  # fmt: skip
        # folded, so that "Novák" and "Novak" are one name when the linker missed the link
        keys = {f"name:{fold(tok.text)}"} | {f"part:{fold(tokens[i].text)}" for i in names}
        if tok.entity_id is not None:
            keys.add(f"E:{tok.entity_id}")
        first = tokens[min(names)] if names else tok
        titles = word_set("name_titles") | word_set("actor_nouns")  # "Mayor Lopez", "Dr Lopez"
        if first is not tok and first.pos == "PROPN" and first.text.lower() not in titles:
            keys.add(f"given:{fold(first.text)}")
        return act, keys, (tokens[min(names)].start, tokens[max(names)].end)
    return None


def _acted_by_many(member: StatementInfo, span: tuple[int, int]) -> bool:
    """The office word ending at `span` is the doer (or the agent) of a verb many take part in
    at once ("attend", "protest"): naming other participants contradicts nothing."""
    tokens = member.tokens
    index = next((i for i, t in enumerate(tokens) if t.end == span[1]), None)
    if index is None:
        return False
    head = tokens[index].head
    if tokens[index].dep == "pobj" and tokens[head].dep == "agent":
        head = tokens[head].head  # "was attended by ambassadors"
    return tokens[head].lemma.lower() in word_set("shared_act_verbs")


def _role(member: StatementInfo, index: int) -> tuple[str, int]:
    """(dependency, head) of the word, or for the crowd of "thousands of teachers" / "most of
    the staff" those of the amount the crowd is counted by: they walked out."""
    tokens = member.tokens
    tok = tokens[index]
    if tok.dep == "pobj" and tokens[tok.head].text.lower() == "of":
        amount = tokens[tokens[tok.head].head]
        if amount.pos == "NUM" or amount.lemma.lower() in word_set("crowd_amounts"):
            return amount.dep, amount.head
    return tok.dep, tok.head


def _actors(member: StatementInfo) -> dict[str, tuple[int, int]]:
    """Office nouns in an acting or addressed role, outside quotations → their phrase span."""
    found: dict[str, tuple[int, int]] = {}
    for i, tok in enumerate(member.tokens):
        lemma = canonical(tok.lemma)
        # "Police" opening a sentence is often tagged a proper noun
        if tok.pos not in ("NOUN", "PROPN") or tok.in_quote or lemma not in word_set("actor_nouns"):
            continue
        role, governor = _role(member, i)
        if role not in word_set("actor_deps"):
            continue
        head = member.tokens[tok.head]
        verb = member.tokens[governor].lemma.lower()
        if role.startswith("nsubj") and verb in SAYING_VERBS:
            continue  # "the council said": who said it is attribution, not the doer
        if role == "pobj":
            preposition = head.text.lower()
            if preposition not in word_set("actor_prepositions"):
                continue  # "in court", "against the government": circumstances, not actors
            if member.tokens[head.head].text.lower() == "according":
                continue  # "according to police": who said it is attribution, not the doer
            if preposition == "with" and member.tokens[head.head].pos in ("NOUN", "PROPN"):
                continue  # "a dispute with the department": the other side, not a doer
        modifiers = [c for c in member.children(i)
                     if member.tokens[c].dep in ("compound", "amod", "nmod")]  # fmt: skip
        first = min([i, *[min(member.subtree(c)) for c in modifiers]])
        # one doer named two ways ("the firm" / "the company", "officers" / "police")
        lemma = _one_office(lemma)
        span = (member.tokens[first].start, tok.end)
        found.setdefault(lemma, span)
        # whose people they are ("union officials"): the modifier names the institution
        for c in modifiers:
            owner = _one_office(canonical(member.tokens[c].lemma))
            if owner in word_set("staff_institutions"):
                found.setdefault(owner, span)
    return found


def attribution_differences(context: GroupContext) -> list[Difference]:
    """Same words or fact credited to another channel (blog vs Twitter) or speaker (the
    Foreign Ministry vs Lavrov), or to a speaker by one report and to an outlet by another."""
    own = {m.id: statement_attributions(m) for m in context.members}
    members = {m.id: m for m in context.members}
    first = {sid: atts[0] for sid, atts in own.items() if atts}
    channels: list[tuple[int, str, tuple[int, int] | None]] = []
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
    # Unnamed sources of kinds that cannot be one speaker ("police said" / "witnesses said",
    # "the company said" / "union officials said"); a kind and one of its kind take no side.
    offices = [(s, office, a.speaker_span) for s, a in first.items()
               if not a.channel and s not in with_channel
               and (office := _office(a.speaker_key)) is not None]  # fmt: skip
    readings = _by_office(context, members, offices)
    if len(readings) >= 2:
        return [Difference("attribution", "conflict", _detail(readings), readings)]
    # "her spokesman said" in one report, "said Politico" in another: a source against an
    # outlet (speakers of an article that itself names the outlet take no side).
    outlets = [c for c in channels if c[1] in word_set("media_channels")]
    outlet_articles = {members[c[0]].article_id for c in outlets}
    sources = [i for i in speakers if members[i[0]].article_id not in outlet_articles]
    if sources and outlets:
        readings = _by_key(context, members, sources + outlets)
        if len(readings) >= 2:
            return [Difference("attribution", "variation", _detail(readings), readings)]
    return []


def _office(speaker_key: str | None) -> str | None:
    """The office word an unnamed speaker is ("spokeswoman" → "spokesperson"), when it is one."""
    if not speaker_key or speaker_key.startswith("E"):
        return None
    office = _one_office(speaker_key)
    return office if office in word_set("actor_nouns") else None


def _one_office(word: str) -> str:
    """One doer named two ways is one office: "the firm" / "the company", "officers" / "police"."""
    synonyms: dict[str, str] = lexicon()["actor_synonyms"]
    return synonyms.get(word, word)


def _by_office(
    context: GroupContext,
    members: dict[int, StatementInfo],
    items: list[tuple[int, str, tuple[int, int] | None]],
) -> list[Reading]:
    """Readings of office speakers, set apart as doers are (see _place)."""
    readings: list[tuple[set[str], Reading]] = []
    for sid, office, span in items:
        if span is not None:
            _place(context, readings, members[sid], {office}, span)
    return [r for _, r in readings]


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
            said = not SAYING_OR_REACTING.isdisjoint(verb_forms(verb))
            if said and verb.pos in ("VERB", "AUX"):
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
    names = [w for w in words if w[:1].isupper() and w.lower() not in word_set("self_words")]
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
    dropped = word_set("name_titles") | word_set("self_words")

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
