"""Differences of framing inside a group: who acts (entity) and who said it and where
(attribution). How the fact is characterised (wording) is wording.py's."""

from __future__ import annotations

from app.core.compare.features import StatementInfo, Tok, canonical
from app.core.compare.params import lexicon, word_set
from app.core.compare.quotes import (
    NEWS_OUTLET,
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
    """Members whose acting offices do not overlap ("foreign ministers" vs "leaders"), or
    whose doers of one kind carry different names ("Dunmore Police" vs "officers of the
    National Crime Agency")."""
    actors = {m.id: _actors(m) for m in context.members}
    readings: list[Doer] = []

    # Members naming fewer offices first: one naming both ministers and leaders agrees with
    # either reading and so takes no side. Among those, the named ones first ("Insurers
    # Harlow Mutual"), so that a bare name or office then joins the one it belongs to.
    def order(member: StatementInfo) -> tuple[int, bool]:
        found = actors[member.id]
        return len(found), not any(names for _, names in found.values())

    for member in sorted(context.members, key=order):
        found = actors[member.id]
        # Only those who take part in something many take part in ("ambassadors attended",
        # "employees attended" one meeting): naming others contradicts nothing, so such a
        # member takes no side, though its words still agree with another's.
        if not found or all(_acted_by_many(member, span) for span, _ in found.values()):
            continue
        names = set().union(*(names for _, names in found.values()))
        span = next(iter(found.values()))[0]
        _place(context, readings, member, set(found), span, staff=True, names=names)
    if len(readings) < 2:
        return named_actor_differences(context)
    # A doer given by name alone ("Harlow Mutual has offered") joins the reading of that name:
    # named and unnamed doers are set apart only through a name that also gives an office.
    for member in context.members:
        named = None if actors[member.id] else _named_actor(member)
        if named is None:
            continue
        _, keys, at = named
        names = {k.replace("part:", "name:") for k in keys if not k.startswith("given:")}
        same = [r for _, known, r in readings if known & names]
        if len(same) == 1:
            same[0].spans.append(SpanRef(member.id, *at))
    detail = " vs ".join(r.text for _, _, r in readings)
    return [Difference("entity", "conflict", detail, [r for _, _, r in readings])]


# A reading of who acts: its offices, the names it was given, and where it is told.
Doer = tuple[set[str], set[str], Reading]
# Among a doer's names: they are its own ("Dunmore Police"), not those it acts for ("EU
# ministers").
OWN_NAME = "own"


def _place(
    context: GroupContext,
    readings: list[Doer],
    member: StatementInfo,
    keys: set[str],
    span: tuple[int, int],
    staff: bool = False,
    names: set[str] | None = None,
) -> None:
    """A member naming these offices joins the one reading it can only be (the same offices,
    or a name in common), starts a new reading when it is compatible with none, and
    otherwise takes no side ("police" when both "Dunmore Police" and the "National Crime
    Agency" act). With `staff` (doers, not speakers), an institution and the people who act
    for it are compatible."""
    names = names or set()
    compatible = [(ks, ns, r) for ks, ns, r in readings
                  if _compatible_doers(ks, ns, keys, names, staff)]  # fmt: skip
    same = [(ks, ns, r) for ks, ns, r in compatible if (ns & names) - {OWN_NAME} or ks == keys]
    if len(same) == 1:
        offices, known, reading = same[0]
        reading.spans.append(SpanRef(member.id, *span))
        offices.update(keys)
        known.update(names)
    elif not compatible:
        text = reading_text(context, member, span)
        reading = Reading(text, sorted(keys)[0], [SpanRef(member.id, *span)])
        readings.append((set(keys), set(names), reading))


def _compatible_doers(
    a: set[str], names_a: set[str], b: set[str], names_b: set[str], staff: bool
) -> bool:
    """Can two doers be one? Two that are themselves named ("Minister Ana Ruiz", "Dunmore
    Police") when their names share a word or a linked entity, whatever office each gives;
    otherwise when their offices are compatible and any names they are given, their own or
    those of whom they act for ("EU ministers", "officers from Dunmore Police"), meet: "EU
    ministers" and "EU leaders" are two doers."""
    shared = (names_a & names_b) - {OWN_NAME}
    if OWN_NAME in names_a and OWN_NAME in names_b:
        return bool(shared)
    if names_a - {OWN_NAME} and names_b - {OWN_NAME} and not shared:
        return False
    return _compatible(a, b, staff)


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
    for role in ("doer", "patient"):
        # acts (verb and what is acted on) → readings of their doers (or of whom it was
        # done to: "police arrested John Okafor" vs "police arrested James Okafor")
        acts: list[tuple[set[str], list[tuple[set[str], Reading]]]] = []
        for member in context.members:
            found = _named_actor(member, role)
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
    member: StatementInfo, role: str = "doer"
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
        # a proper noun the recogniser left untyped ("HM Coastguard") or mislabelled
        # ("Moderna" a date) may be either doer; a place is not set apart from another
        # ("Russia" and "Moscow", a country and its capital)
        if tok.in_quote or tok.ent_type in word_set("place_labels") or tok.pos != "PROPN":
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


def _actors(member: StatementInfo) -> dict[str, tuple[tuple[int, int], set[str]]]:
    """Office nouns in an acting or addressed role, outside quotations → (their phrase span,
    the names that phrase gives them: "Dunmore" of "Dunmore Police", "Harlow Mutual" of
    "insurers Harlow Mutual", "National Crime Agency" of "officers of the National Crime
    Agency")."""
    found: dict[str, tuple[tuple[int, int], set[str]]] = {}
    tokens = member.tokens
    for i, tok in enumerate(tokens):
        # "Police" opening a sentence is often tagged a proper noun
        if tok.pos not in ("NOUN", "PROPN") or tok.in_quote:
            continue
        lemma = _office_word(tok)
        named = _named_head(member, i) if lemma in word_set("actor_nouns") else None
        doer = i if named is None else named  # "Insurers Harlow Mutual": the name acts
        if lemma not in word_set("actor_nouns") or not _acting(member, doer):
            continue
        modifiers = [c for c in member.children(i)
                     if tokens[c].dep in ("compound", "amod", "nmod")]  # fmt: skip
        first = min([i, *[min(member.subtree(c)) for c in modifiers]])
        span = (tokens[first].start, tokens[i].end)
        if named is not None:
            phrase = [j for j in member.subtree(named) if tokens[j].dep != "appos"
                      and not (tokens[j].dep == "punct" or tokens[j].pos == "DET")]  # fmt: skip
            span = (tokens[min(phrase)].start, tokens[max(phrase)].end)
        names = _names_of(member, doer)
        if names and tokens[doer].pos == "PROPN":
            names.add(OWN_NAME)
        # one doer named two ways ("the firm" / "the company", "officers" / "police")
        lemma = _one_office(lemma)
        found.setdefault(lemma, (span, names))
        # whose people they are ("union officials"): the modifier names the institution
        for c in modifiers:
            owner = _one_office(canonical(tokens[c].lemma))
            if owner in word_set("staff_institutions"):
                found.setdefault(owner, (span, names))
    return found


def _office_word(tok: Tok) -> str:
    """The word's canonical lemma; a capitalised plural the tagger took for a name keeps its
    plural as lemma ("Insurers Harlow Mutual"), so its singular is tried too."""
    lemma = canonical(tok.lemma)
    if tok.pos == "PROPN" and lemma not in word_set("actor_nouns") and lemma.endswith("s"):
        singular = canonical(lemma[:-1])
        if singular in word_set("actor_nouns"):
            return singular
    return lemma


def _named_head(member: StatementInfo, index: int) -> int | None:
    """The proper name an office word describes: "Insurers" (a compound) of "Insurers Calder
    Mutual", "the insurer" (an apposition) of "Harlow Mutual, the insurer"; else None."""
    tokens = member.tokens
    head, steps = index, 0
    while tokens[head].dep in ("compound", "appos") and steps < 4:
        head, steps = tokens[head].head, steps + 1
    if head == index or tokens[head].pos != "PROPN":
        return None
    return None if canonical(tokens[head].lemma) in word_set("actor_nouns") else head


def _names_of(member: StatementInfo, index: int) -> set[str]:
    """Name words (folded) and linked entities of a doer's phrase: its proper-noun modifiers,
    itself when a name, and the name it is "of" or "from" ("officers from Dunmore
    Police"); office words and titles are not names."""
    tokens = member.tokens
    skip = word_set("actor_nouns") | word_set("name_titles")
    labels = word_set("actor_entity_labels")
    # a name the tagger took for an adjective keeps its entity label ("Greenpeace activists")
    parts = [c for c in member.children(index) if tokens[c].dep in ("compound", "poss", "nmod")
             or (tokens[c].dep == "amod" and tokens[c].ent_type in labels)]  # fmt: skip
    parts += [o for c in member.children(index)
              if tokens[c].dep == "prep" and tokens[c].text.lower() in ("of", "from")
              for o in member.children(c) if tokens[o].dep == "pobj"]  # fmt: skip
    found: set[str] = set()
    # Places and nationalities are told many ways ("Swedish diplomats", "diplomats from
    # Sweden") and say whose the doers are, not which body acts: they name no doer.
    places = word_set("place_labels") | {"NORP"}
    proper = [j for j in sorted({index, *(j for c in parts for j in member.subtree(c))})
              if (tokens[j].pos == "PROPN" or tokens[j].ent_type in labels)
              and tokens[j].pos not in ("DET", "ADP", "CCONJ", "PART")
              and tokens[j].ent_type not in places
              and tokens[j].text[:1].isupper() and not tokens[j].in_quote]  # fmt: skip
    for j in proper:
        t = tokens[j]
        if canonical(t.lemma) not in skip:
            found.add(f"name:{fold(t.text)}")
        if t.entity_id is not None:
            found.add(f"E:{t.entity_id}")
    if len(proper) >= 2:
        # its initials, so that "RAI inspectors" and "the Rail Accident Inspectorate" meet
        found.add("name:" + "".join(fold(tokens[j].text)[:1] for j in proper))
    return found


def _acting(member: StatementInfo, index: int) -> bool:
    """Is the word a doer or the one addressed: the subject of a verb that is not one of
    saying, an agent, or the object of "to", "by" or "with" — not who said it ("the council
    said", "according to police") nor a circumstance ("in court")? The teller of an
    instruction acts ("the council told families to stay indoors")."""
    tokens = member.tokens
    role, governor = _role(member, index)
    if role not in word_set("actor_deps"):
        return False
    head = tokens[tokens[index].head]
    verb = tokens[governor]
    if role.startswith("nsubj") and verb.lemma.lower() in SAYING_VERBS:
        return _instructs(member, governor)  # "the council said": who said it is attribution
    if role.startswith("nsubj") and _advised(member, governor):
        return False
    if role == "pobj":
        preposition = head.text.lower()
        if preposition not in word_set("actor_prepositions"):
            return False  # "in court", "against the government": circumstances, not actors
        if tokens[head.head].text.lower() == "according":
            return False  # "according to police": who said it is attribution, not the doer
        if preposition == "with" and tokens[head.head].pos in ("NOUN", "PROPN"):
            return False  # "a dispute with the department": the other side, not a doer
    return True


def _advised(member: StatementInfo, verb: int) -> bool:
    """The verb tells what someone was told they should do ("the firm said customers should
    stop using the kettles"): those told are not yet doers, as in "urged customers to stop"."""
    tokens = member.tokens
    reported = (
        tokens[verb].dep == "ccomp" and tokens[tokens[verb].head].lemma.lower() in SAYING_VERBS
    )
    return reported and any(tokens[c].dep == "aux" and tokens[c].lemma.lower() in word_set(
        "advice_modals") for c in member.children(verb))  # fmt: skip


def _instructs(member: StatementInfo, verb: int) -> bool:
    """A verb of saying used to instruct: it tells someone to do something ("told families
    to stay indoors", "advised residents to keep windows shut")."""
    tokens = member.tokens
    children = member.children(verb)
    told = any(tokens[c].dep in ("dobj", "dative") for c in children)
    to_do = any(tokens[c].dep in ("xcomp", "advcl", "ccomp") and tokens[c].pos == "VERB"
                and any(tokens[a].dep == "aux" and tokens[a].text.lower() == "to"
                        for a in member.children(c))
                for c in children)  # fmt: skip
    return told and to_do


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


def _outlet_name(text: str) -> str:
    """An outlet's name as told, folded and without its article ("the BBC" → "bbc")."""
    words = fold(text).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _office(speaker_key: str | None) -> str | None:
    """The office word an unnamed speaker is ("spokeswoman" → "spokesperson"), when it is one."""
    if not speaker_key or speaker_key.startswith("E"):
        return None
    office = _one_office(speaker_key)
    # "the family said": a speaker often, but rarely a doer ("handing families a cut")
    offices = word_set("actor_nouns") | word_set("speaker_only_nouns")
    return office if office in offices else None


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
    readings: list[Doer] = []
    for sid, office, span in items:
        if span is not None:
            _place(context, readings, members[sid], {office}, span)
    return [r for _, _, r in readings]


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
