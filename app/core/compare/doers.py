"""Differences of who acts inside a group (entity): offices that cannot be one doer
("foreign ministers" vs "leaders"), doers of one kind with different names ("Dunmore Police" vs
"officers of the National Crime Agency"), and named doers of one act ("Okafor closed the path"
vs "Reyes closed the path")."""

from __future__ import annotations

from app.core.compare.acts import acting, agent_objects, hearers, intended, one_act, reports
from app.core.compare.features import DEMONYMS, StatementInfo, Tok, canonical, in_capitals
from app.core.compare.offices import OWN_NAME, Doer, compound_office, one_office, place
from app.core.compare.params import lexicon, word_set
from app.core.compare.quotes import SAYING_VERBS, is_infinitive
from app.core.compare.records import Difference, GroupContext, Reading, SpanRef, reading_text
from app.core.entities.names import fold

# "officers from Dunmore Police", "scientists at Oxford University": the name the doers act for
NAME_PREPOSITIONS = frozenset({"of", "from", "at"})


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
        place(context, readings, member, set(found), span, staff=True, names=names)
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
    if reports(member, root):
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
    # "threatened to ballot", "vowed to appeal": the act is the one intended
    raised = _raised(member, root) if role == "doer" else None
    at = intended(member, root if raised is None else raised)
    verb = one_act(_phrasal(member, at))
    # the act: its verb, and what it is done to ("spotted" and "identified" the fault)
    act = {f"verb:{verb}"} | {
        f"patient:{canonical(tokens[c].lemma)}" for c in member.children(at)
        if tokens[c].dep in ("dobj", "nsubjpass") and tokens[c].pos == "NOUN"
    }  # fmt: skip
    if tokens[at].lemma.lower() in word_set("intent_verbs"):
        # "threatened a strike ballot" intends what "said it would ballot" tells
        act |= {f"verb:{one_act(p.removeprefix('patient:'))}" for p in act
                if p.startswith("patient:")}  # fmt: skip
    deps: tuple[str, ...] = ("nsubj", "agent") if role == "doer" else ("dobj", "nsubjpass")
    if raised is not None:
        deps = ("nsubjpass",)  # "the Federation is set to ballot": it will ballot
    if role != "doer":
        act = {f"verb:{verb}"}
    doers = [c for c in member.children(root) if tokens[c].dep in deps]
    if role == "doer":
        doers += copula_subject
        if not any(tokens[c].pos == "PROPN" for c in doers):
            nominal = _nominal_act(member, root)
            if nominal is not None:
                act, doers = nominal
    if role == "doer" and speaker is not None:
        doers = [speaker if tokens[c].text.lower() in word_set("subject_pronouns") else c
                 for c in doers]  # fmt: skip
    for c in doers:
        if tokens[c].dep in ("agent", "prep"):
            objects = agent_objects(member, c)
            if not objects:
                continue
            c = objects[0]
        # "the bank's reporting officer, Daniel Mercer, stepped down": the person named
        c = next((a for a in member.children(c) if tokens[a].dep == "appos"
                  and tokens[a].pos == "PROPN" and tokens[a].ent_type == "PERSON"), c)  # fmt: skip
        c = _body_acted_for(member, c)
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


def _body_acted_for(member: StatementInfo, doer: int) -> int:
    """The named body people act for ("cops from Skelmoor Police", "volunteers of the charity
    Harbour Aid"), else the doer: the people are its, so it is who acts."""
    tokens = member.tokens
    if tokens[doer].pos != "NOUN" or _office_word(tokens[doer]) not in hearers():
        return doer
    for prep in member.children(doer):
        if tokens[prep].dep != "prep" or tokens[prep].text.lower() not in NAME_PREPOSITIONS:
            continue
        for body in member.children(prep):
            named = tokens[body].dep == "pobj" and tokens[body].pos == "PROPN"
            if named and tokens[body].ent_type not in word_set("place_labels"):
                return body
    return doer


def _raised(member: StatementInfo, verb: int) -> int | None:
    """The act a passive of expectation announces for its subject ("the union is set to
    ballot", "the firm is expected to appeal"), else None; the parser may tag that act a noun
    ("set to ballot for strikes")."""
    tokens = member.tokens
    if tokens[verb].lemma.lower() not in word_set("raising_verbs"):
        return None
    children = member.children(verb)
    if not any(tokens[c].dep == "nsubjpass" for c in children):
        return None
    acts = [c for c in children if tokens[c].dep == "xcomp"
            and tokens[c].pos in ("VERB", "NOUN") and is_infinitive(member, c)]  # fmt: skip
    return acts[0] if acts else None


def _nominal_act(member: StatementInfo, root: int) -> tuple[set[str], list[int]] | None:
    """An act told as a noun with its doer ("The arrest of six people by the Fraud Unit has
    turned…"): (the act, as its verb would give it, and the prepositions that name the doer:
    "by" or "from" on the noun, or the "by" of a participle on it)."""
    tokens = member.tokens
    for subject in member.children(root):
        if tokens[subject].dep not in ("nsubj", "nsubjpass") or tokens[subject].pos != "NOUN":
            continue
        if _office_word(tokens[subject]) in hearers():
            continue  # "officers from the Fraud Unit closed…": people who act, not an act
        # "the arrest … by the Fraud Unit", "an amendment from Cllr Lindell", "an amendment,
        # tabled by Ms Halloran": the preposition naming the doer, the participle's "by"
        by = [c for c in member.children(subject)
              if tokens[c].dep == "prep" and tokens[c].text.lower() in ("by", "from")]  # fmt: skip
        by += [a for c in member.children(subject) if tokens[c].dep == "acl"
               and tokens[c].pos == "VERB" for a in member.children(c)
               if tokens[a].dep == "agent"]  # fmt: skip
        if not by:
            continue
        act = {f"verb:{one_act(canonical(tokens[subject].lemma))}"} | {
            f"patient:{canonical(tokens[o].lemma)}"
            for c in member.children(subject)
            if tokens[c].dep == "prep" and tokens[c].text.lower() == "of"
            for o in member.children(c) if tokens[o].dep == "pobj" and tokens[o].pos == "NOUN"
        }  # fmt: skip
        return act, by
    return None


def _phrasal(member: StatementInfo, verb: int) -> str:
    """The verb with its particle, which may make it another act ("step down", "hand over"),
    else its canonical lemma."""
    tokens = member.tokens
    lemma = canonical(tokens[verb].lemma)
    # the parser hangs the particle as one ("prt") or as an adverb ("stepped down"), or a
    # preposition that makes the verb another ("called for" is demanded)
    for c in member.children(verb):
        phrase = f"{lemma} {tokens[c].text.lower()}"
        if tokens[c].dep in ("prt", "advmod", "prep") and phrase in lexicon()["act_synonyms"]:
            return phrase
    return lemma


def _acted_by_many(member: StatementInfo, span: tuple[int, int]) -> bool:
    """The office phrase at `span` is the doer (or the agent) of a verb many take part in at
    once ("attend", "protest"): naming other participants contradicts nothing."""
    tokens = member.tokens
    inside = [i for i, t in enumerate(tokens) if span[0] <= t.start < span[1]]
    # the phrase's head: its word governed from outside it ("ambassadors from the UK")
    index = next((i for i in inside if tokens[i].head not in inside or tokens[i].head == i),
                 None)  # fmt: skip
    if index is None:
        return False
    head = tokens[index].head
    if tokens[index].dep == "pobj" and tokens[head].dep == "agent":
        head = tokens[head].head  # "was attended by ambassadors"
    return tokens[head].lemma.lower() in word_set("shared_act_verbs")


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
        if _former(member, i):
            continue  # "a former Formula One engineer": not the office the doer acts in
        lemma = compound_office(member, i) or _office_word(tok)
        named = _named_head(member, i) if lemma in word_set("actor_nouns") else None
        doer = i if named is None else named  # "Insurers Harlow Mutual": the name acts
        if lemma not in word_set("actor_nouns") or not acting(member, doer):
            continue
        modifiers = [c for c in member.children(i)
                     if tokens[c].dep in ("compound", "amod", "nmod")]  # fmt: skip
        first = min([i, *[min(member.subtree(c)) for c in modifiers]])
        span = (tokens[first].start, tokens[_named_end(member, i)].end)
        if named is not None:
            phrase = [j for j in member.subtree(named) if tokens[j].dep != "appos"
                      and not (tokens[j].dep == "punct" or tokens[j].pos == "DET")]  # fmt: skip
            span = (tokens[min(phrase)].start, tokens[max(phrase)].end)
        names = _names_of(member, doer)
        if names and tokens[doer].pos == "PROPN":
            names.add(OWN_NAME)
        # one doer named two ways ("the firm" / "the company", "officers" / "police")
        lemma = one_office(lemma)
        found.setdefault(lemma, (span, names))
        # whose people they are ("union officials"): the modifier names the institution
        for c in modifiers:
            owner = one_office(canonical(tokens[c].lemma))
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


def _named_end(member: StatementInfo, index: int) -> int:
    """The last word of an office's phrase with the name it is "of", "from" or "at"
    ("officers from Dunmore Police", "scientists at Oxford University"): shown as the reading."""
    tokens = member.tokens
    last = index
    for c in member.children(index):
        if tokens[c].dep == "prep" and tokens[c].text.lower() in NAME_PREPOSITIONS:
            names = [j for j in member.subtree(c) if tokens[j].pos == "PROPN"]
            last = max([last, *names])  # not a clause on the name ("…, which said")
    return last


def _former(member: StatementInfo, index: int) -> bool:
    """An office the person no longer holds ("a former engineer", "the ex-chairman")."""
    tokens = member.tokens
    return any(tokens[c].lemma.lower() in word_set("former_words") for c in member.children(index)
               if tokens[c].dep in ("amod", "compound", "advmod"))  # fmt: skip


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
    itself when a name, and the name it is "of", "from" or "at" ("officers from Dunmore
    Police"); office words and titles are not names."""
    tokens = member.tokens
    skip = word_set("actor_nouns") | word_set("name_titles")
    labels = word_set("actor_entity_labels")
    # a name the tagger took for an adjective keeps its entity label ("Greenpeace activists")
    parts = [c for c in member.children(index) if tokens[c].dep in ("compound", "poss", "nmod")
             or (tokens[c].dep == "amod" and tokens[c].ent_type in labels)]  # fmt: skip
    parts += [o for c in member.children(index)
              if tokens[c].dep == "prep" and tokens[c].text.lower() in NAME_PREPOSITIONS
              for o in member.children(c) if tokens[o].dep == "pobj"]  # fmt: skip
    # doers acting together are named together ("Minister Ana Ruiz and her counterpart, Li
    # Wei"): the other telling may name them in another order
    parts += [c for c in member.children(index) if tokens[c].dep == "conj"]
    found: set[str] = set()
    # Places and nationalities are told many ways ("Swedish diplomats", "diplomats from
    # Sweden") and say whose the doers are, not which body acts: they name no doer.
    places = word_set("place_labels") | {"NORP"}
    proper = [j for j in sorted({index, *(j for c in parts for j in member.subtree(c))})
              if (tokens[j].pos == "PROPN" or tokens[j].ent_type in labels)
              and tokens[j].pos not in ("DET", "ADP", "CCONJ", "PART")
              and tokens[j].ent_type not in places
              and tokens[j].lemma.lower() not in DEMONYMS  # "Estonian", however tagged
              and tokens[j].text[:1].isupper() and not tokens[j].in_quote
              and not _shouted(tokens[j])]  # fmt: skip
    for j in proper:
        t = tokens[j]
        if _office_word(t) not in skip:  # "MEPs" is an office even as a proper noun
            found.add(f"name:{fold(t.text)}")
        if t.entity_id is not None:
            found.add(f"E:{t.entity_id}")
    if len(proper) >= 2:
        # its initials, so that "RAI inspectors" and "the Rail Accident Inspectorate" meet
        found.add("name:" + "".join(fold(tokens[j].text)[:1] for j in proper))
    return found


def _shouted(tok: Tok) -> bool:
    """A tabloid's capitals on a common word ("GREEDY ministers"), no name: a word of five
    letters or more in capitals that is tagged a word, not a proper noun (acronyms are short,
    and names stay proper nouns: "SHEFFIELD Rovers")."""
    return in_capitals(tok) and tok.pos != "PROPN"
