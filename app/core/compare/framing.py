"""Differences of attribution inside a group: who said it and where ("said in a statement" vs
"wrote on X", "police said" vs "witnesses said"). Who acts (entity) is doers.py's; how the fact
is characterised (wording) is wording.py's."""

from __future__ import annotations

from functools import cache

from app.core.compare.features import StatementInfo, Tok, canonical
from app.core.compare.offices import Doer, compound_office, one_office, place
from app.core.compare.params import lexicon, word_set
from app.core.compare.quotes import (
    NEWS_OUTLET,
    NO_ATTRIBUTION,
    SAYING_OR_REACTING,
    Attribution,
    statement_attributions,
    verb_forms,
)
from app.core.compare.records import Difference, GroupContext, Reading, SpanRef, reading_text
from app.core.entities.names import fold

NAMED_PREFIX = "name:"
SPOKESPERSON = "spokesperson"


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
            channel, at = attribution.channel, attribution.channel_span
            if channel == NEWS_OUTLET and at is not None:
                # "told the BBC" and "told Sky News" name two outlets, not one channel
                channel = f"{NEWS_OUTLET}: {_outlet_name(member.text_at(at))}"
            channels.append((member.id, channel, at))
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
               and (office := _office(a.speaker_key)) is not None
               and not _bare_spokesperson(members[s], office, a.speaker_span)]  # fmt: skip
    # ... and a named speaker of quoted words whose office is given ("chief executive Andriy
    # Kovalenko told Autoline: …") against an unnamed one of another ("a company spokesperson
    # said: …"): the named ones are one person here (the names above did not differ); words
    # not quoted may be an instruction ("the council told families to stay indoors"), an act
    if offices:
        offices += [(s, office, a.speaker_span) for s, a in first.items()
                    if _speaker_name(a).startswith(NAMED_PREFIX)
                    and any(t.in_quote for t in members[s].tokens)
                    and (office := _named_office(members[s], a)) is not None]  # fmt: skip
    readings = _by_office(context, members, offices)
    if len(readings) >= 2:
        return [Difference("attribution", "conflict", _detail(readings), readings)]
    readings = _spokesperson_or_named(context, members, first)
    if len(readings) >= 2:
        return [Difference("attribution", "conflict", _detail(readings), readings)]
    readings = _anonymous_or_on_record(context, members, first)
    if len(readings) >= 2:
        return [Difference("attribution", "conflict", _detail(readings), readings)]
    readings = _documents_or_speakers(context, members, first)
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


def _spokesperson_or_named(
    context: GroupContext, members: dict[int, StatementInfo], first: dict[int, Attribution]
) -> list[Reading]:
    """An unnamed spokesperson ("a Nordvik spokesperson said") against a person named as the
    speaker ("Nordvik boss Asa Lindqvist boasted", "Ch Supt Marr said"): a spokesperson speaks
    for someone, and is never the chief executive or the officer named, so the two reports
    credit the words to two people. A named speaker who is called a spokesperson takes no
    side; nor do speakers the linker or the names cannot tell apart (`_by_name` first)."""
    # "a Nordvik spokesperson": the body it speaks for may be named, not the person
    unnamed = [(s, a.speaker_span) for s, a in first.items() if a.speaker_span is not None
               and _office(a.speaker_key) == SPOKESPERSON
               and not _name_words(members[s], a)[0]]  # fmt: skip
    if not unnamed:
        return []
    named = [(s, a) for s, a in first.items()
             if _speaker_name(a).startswith(NAMED_PREFIX)
             and _name_words(members[s], a)[0]  # a person's name, not a body's
             and _named_office(members[s], a) != SPOKESPERSON]  # fmt: skip
    people = _by_name(context, members, named)
    if len(people) != 1:  # two named people already differ, or none is named
        return []
    spokesperson = Reading(reading_text(context, members[unnamed[0][0]], unnamed[0][1]),
                           SPOKESPERSON, [SpanRef(s, *span) for s, span in unnamed])  # fmt: skip
    return [spokesperson, *people]


def _anonymous_or_on_record(
    context: GroupContext, members: dict[int, StatementInfo], first: dict[int, Attribution]
) -> list[Reading]:
    """Unnamed sources ("prison insiders say", "sources close to the club said") against a
    speaker on the record, named or speaking for a body ("the Prison Officers' Association
    said"): the reader weighs the two differently."""
    anonymous = word_set("anonymous_sources")
    unnamed, on_record = [], []
    for sid, a in first.items():
        if a.speaker_span is None:
            continue
        span = SpanRef(sid, *a.speaker_span)
        if (a.speaker_key or "").lower() in anonymous:
            unnamed.append(span)
        elif (a.speaker_key or "").startswith("E") or _name_words(members[sid], a)[1]:
            on_record.append(span)
    return _two_kinds(context, members, ("anonymous", unnamed), ("on record", on_record))


def _documents_or_speakers(
    context: GroupContext, members: dict[int, StatementInfo], first: dict[int, Attribution]
) -> list[Reading]:
    """A fact taken from documents ("according to council records", "figures published by
    the authority", "records show") against one a speaker gave ("the company said",
    "residents said"): the reader weighs a record and a claim differently."""
    documents = word_set("document_sources")
    papers, spoken = [], []
    for sid, member in members.items():
        a = first.get(sid)
        found = _document_subject(member)
        if found is None and a is not None and (a.speaker_key or "").lower() in documents:
            found = a.speaker_span
        if found is not None:
            papers.append(SpanRef(sid, *found))
        elif a is not None and a.speaker_span is not None and a.speaker_key:
            spoken.append(SpanRef(sid, *a.speaker_span))
    return _two_kinds(context, members, ("documents", papers), ("a speaker", spoken))


def _two_kinds(
    context: GroupContext, members: dict[int, StatementInfo], *kinds: tuple[str, list[SpanRef]]
) -> list[Reading]:
    """One reading per kind of source, each shown in the words of its first span; none unless
    every kind is told."""
    if not all(spans for _, spans in kinds):
        return []
    return [
        Reading(reading_text(context, members[spans[0].statement], (spans[0].start, spans[0].end)),
                key, spans)
        for key, spans in kinds
    ]  # fmt: skip


def _document_subject(member: StatementInfo) -> tuple[int, int] | None:
    """The documents a statement says its fact comes from, as the subject of a verb of showing
    ("council records show that…", "figures obtained by the paper reveal…"), else None."""
    tokens = member.tokens
    for i, tok in enumerate(tokens):
        if tok.in_quote or not tok.dep.startswith("nsubj") or tok.pos != "NOUN":
            continue
        if canonical(tok.lemma) not in word_set("document_sources"):
            continue
        if tokens[tok.head].lemma.lower() in word_set("showing_verbs"):
            inside = member.subtree(i)
            return tokens[min(inside)].start, tokens[max(inside)].end
    return None


def _outlet_name(text: str) -> str:
    """An outlet's name as told, folded and without its article ("the BBC" → "bbc")."""
    words = fold(text).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _office(speaker_key: str | None) -> str | None:
    """The office word an unnamed speaker is ("spokeswoman" → "spokesperson"), when it is one."""
    if not speaker_key or speaker_key.startswith("E"):
        return None
    office = one_office(speaker_key)
    # "the family said": a speaker often, but rarely a doer ("handing families a cut")
    offices = word_set("actor_nouns") | word_set("speaker_only_nouns")
    return office if office in offices else None


def _bare_spokesperson(member: StatementInfo, office: str, span: tuple[int, int] | None) -> bool:
    """ "a spokesperson said", whose it is left unsaid: it may speak for any body the others
    name ("the airport said"), so it takes no side ("a hospital spokesperson" does)."""
    if office != "spokesperson" or span is None:
        return False
    words = [w for w in member.text_at(span).lower().split() if w not in ("a", "an", "the")]
    return len(words) == 1


def _by_office(
    context: GroupContext,
    members: dict[int, StatementInfo],
    items: list[tuple[int, str, tuple[int, int] | None]],
) -> list[Reading]:
    """Readings of office speakers, set apart as doers are (see offices.place)."""
    readings: list[Doer] = []
    for sid, office, span in items:
        if span is not None:
            place(context, readings, members[sid], {office}, span)
    return [r for _, _, r in readings]


def channel_of(member: StatementInfo) -> tuple[str, tuple[int, int]] | None:
    """The channel a statement's words went through, from the general channel words ("said in
    a statement", "told … in an interview", "in a post on Facebook"): a channel word outside
    quotations that hangs, within a few links, from a speech verb or a verb of reaction."""
    tokens = member.tokens
    for i, tok in enumerate(tokens):
        kind = _channel_kind(tok)
        if kind is None:
            continue
        if tok.lemma.lower() in word_set("gathering_channels") and not _addressed(member, i):
            continue  # "following his meeting with Lavrov, Borrell said": the topic
        head, steps = tok.head, 0
        while steps < 4:
            verb = tokens[head]
            # words said, or a reaction given ("slammed the strike in a post on X")
            said = not SAYING_OR_REACTING.isdisjoint(verb_forms(verb))
            if said and verb.pos in ("VERB", "AUX"):
                # the channel's own phrase ("an interview"), not what was said in it
                left = [c for c in member.subtree(i) if c <= i]
                # "a release in a blog post": the medium named inside it is the more exact
                inner = [found for c in member.subtree(i)
                         if c != i and (found := _channel_kind(tokens[c])) is not None]  # fmt: skip
                return (inner[0] if inner else kind), (tokens[min(left)].start, tok.end)
            if tokens[head].head == head:
                break
            head, steps = tokens[head].head, steps + 1
    return None


def _addressed(member: StatementInfo, index: int) -> bool:
    """The gathering is where the words were said: the object of the verb ("told a public
    meeting", "told Parliament") or of "at", "to", "in", "on" or "during" on it."""
    tokens = member.tokens
    tok = tokens[index]
    if tok.dep == "dobj":
        return True
    head = tokens[tok.head]
    return tok.dep == "pobj" and head.text.lower() in word_set("gathering_prepositions")


def _channel_kind(tok: Tok) -> str | None:
    """The channel a word outside quotations names ("statement", "Instagram"), or None; some
    name one only as nouns ("a call with analysts", not "called for calm")."""
    if tok.in_quote:
        return None
    if tok.lemma.lower() in word_set("channel_nouns") and tok.pos != "NOUN":
        return None
    kinds = _channel_kinds()
    # a sentence's last word may keep its full stop ("posted on X.")
    lemma, text = tok.lemma.lower().rstrip("."), tok.text.lower().rstrip(".")
    return kinds.get(lemma) or kinds.get(text)


@cache
def _channel_kinds() -> dict[str, str]:
    return {word: kind for kind, words in lexicon()["channel_words"].items() for word in words}


def _detail(readings: list[Reading]) -> str:
    return " vs ".join(r.text for r in readings)


def one_speaker(a: StatementInfo, b: StatementInfo) -> bool:
    """Do the two statements credit their words to one speaker: two names that share a word
    or a linked person, one unnamed office ("a spokesman"), or a pronoun each?"""
    first = [next(iter(statement_attributions(m)), NO_ATTRIBUTION) for m in (a, b)]
    spans = [x.speaker_span for x in first]
    if all(span is None for span in spans):  # pronouns, or only a channel ("told reporters")
        return first[0].speaker_key == first[1].speaker_key
    if any(span is None for span in spans):
        return False
    names = [_name_words(m, x) for m, x in zip((a, b), first, strict=True)]
    if names[0][1] and names[1][1]:
        return _same_speaker(names[0], names[1])
    return not (names[0][1] or names[1][1]) and first[0].speaker_key == first[1].speaker_key


def _named_office(member: StatementInfo, a: Attribution) -> str | None:
    """The office a named speaker's phrase gives ("Chief executive Andriy Kovalenko" → the
    CEO, "Rachel Ostrow, the business secretary" → none known), or None."""
    if a.speaker_span is None:
        return None
    offices = word_set("actor_nouns") | word_set("speaker_only_nouns")
    tokens = member.tokens
    for i, tok in enumerate(tokens):
        if not a.speaker_span[0] <= tok.start < a.speaker_span[1] or tok.in_quote:
            continue
        if tok.pos in ("NOUN", "PROPN"):
            office = compound_office(member, i) or one_office(canonical(tok.lemma))
            if office in offices or office in lexicon()["office_compounds"].values():
                return office
    return None


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
        # names only: not a capitalised first word ("Many residents"), a tabloid's capitals
        # ("FURIOUS villagers") or the place the speakers are from ("residents of Ano Drosini")
        named = [t for t in tokens if t.text[:1].isupper() and t.pos == "PROPN"
                 and t.ent_type not in word_set("place_labels")]  # fmt: skip
        found = {t.text.strip(".’'").lower() for t in named} - dropped
        return found | {f"E{t.entity_id}" for t in named if t.entity_id is not None}

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
