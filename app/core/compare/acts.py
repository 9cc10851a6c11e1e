"""Which act a statement tells and who acts in it, for the doer finders (doers.py): the main
verb, the one joined to it, the clause a verb of saying or finding reports, the act a verb of
intent announces ("threatened to ballot"), and whether a word is the doer of that act (not who
said it, whom it was addressed to, or the doer of a clause inside it)."""

from __future__ import annotations

from functools import cache

from app.core.compare.features import StatementInfo, canonical
from app.core.compare.params import lexicon, word_set
from app.core.compare.quotes import SAYING_VERBS, is_infinitive


def reports(member: StatementInfo, verb: int) -> bool:
    """A verb of saying, or of finding that reports a clause ("the authority found the bank
    had not checked", "the inquiry concluded that…"): its subject tells, the clause acts."""
    tokens = member.tokens
    lemma = tokens[verb].lemma.lower()
    if lemma in SAYING_VERBS:
        # "declared a drought", "announced 200 job cuts": a thing declared is an act of the
        # subject, not words it reports (those come as a clause)
        children = member.children(verb)
        return any(tokens[c].dep == "ccomp" for c in children) or not any(
            tokens[c].dep == "dobj" and tokens[c].pos == "NOUN"
            and canonical(tokens[c].lemma) not in hearers()
            for c in children
        )  # fmt: skip
    return lemma in word_set("finding_verbs") and any(
        tokens[c].dep == "ccomp" and tokens[c].pos in ("VERB", "AUX") and not tokens[c].in_quote
        for c in member.children(verb)
    )


@cache
def hearers() -> frozenset[str]:
    """Whom words are told to ("told reporters", "told staff"): people, not an act's object."""
    return word_set("people_nouns") | word_set("actor_nouns") | word_set("hearer_nouns")


def intended(member: StatementInfo, verb: int) -> int:
    """The act a verb of intent with no object of its own announces ("threatened to ballot
    its members" → ballot), else the verb."""
    tokens = member.tokens
    if tokens[verb].lemma.lower() not in word_set("intent_verbs"):
        return verb
    children = member.children(verb)
    if any(tokens[c].dep == "dobj" for c in children):
        return verb  # "promised £40m": the promise is the act
    return next((c for c in children if tokens[c].dep == "xcomp" and tokens[c].pos == "VERB"
                 and is_infinitive(member, c)), verb)  # fmt: skip


def one_act(verb: str) -> str:
    """One act told with other verbs: "pledged" / "promised", "detained" / "arrested"."""
    acts: dict[str, str] = lexicon()["act_synonyms"]
    return acts.get(verb, verb)


def word_role(member: StatementInfo, index: int) -> tuple[str, int]:
    """(dependency, head) of the word (of the first conjunct when it is one), or for the crowd
    of "thousands of teachers" / "most of the staff" those of the amount the crowd is counted
    by: they walked out."""
    tokens = member.tokens
    tok = tokens[index]
    for _ in range(4):  # "the Prisons and Probation Ombudsman": a conjunct acts as its head
        if tok.dep != "conj" or tokens[tok.head].pos not in ("NOUN", "PROPN"):
            break
        index = tok.head
        tok = tokens[index]
    if tok.dep == "nsubj" and (by := _agent_of_participle(member, tok.head)) is not None:
        return "pobj", by  # "arrested by police investigating the claims"
    if tok.dep == "pobj" and tokens[tok.head].text.lower() == "of":
        amount = tokens[tokens[tok.head].head]
        if amount.pos == "NUM" or amount.lemma.lower() in word_set("crowd_amounts"):
            return amount.dep, amount.head
    return tok.dep, tok.head


def acting(member: StatementInfo, index: int) -> bool:
    """Is the word a doer of the statement's act: the subject of its verb (not one of
    saying), an agent, or the object of an actor preposition ("by", "with") — not who said it
    ("the council said", "according to police"), not a circumstance ("in court"), not the one
    addressed ("apologised to customers")? The teller of an instruction acts ("the council
    told families to stay indoors")."""
    tokens = member.tokens
    role, governor = word_role(member, index)
    if role not in word_set("actor_deps"):
        return False
    # the preposition, for a doer it governs (a conjunct's too: "by police and firefighters")
    head = tokens[governor] if role == "pobj" else tokens[tokens[index].head]
    if role.startswith("nsubj") and reports(member, governor):
        return instructs(member, governor)  # "the council said": who said it is attribution
    if role.startswith("nsubj") and advised(member, governor):
        return False
    if role == "pobj":
        preposition = head.text.lower()
        if preposition not in word_set("actor_prepositions"):
            return False  # "in court", "against the government": circumstances, not actors
        if tokens[head.head].text.lower() == "according":
            return False  # "according to police": who said it is attribution, not the doer
        if preposition == "with" and tokens[head.head].pos in ("NOUN", "PROPN"):
            return False  # "a dispute with the department": the other side, not a doer
    # the doer of the statement's own act, not of a clause inside it ("pledged £50m to help
    # workers find jobs": the workers find nothing in this report)
    return main_act(member, governor if role != "pobj" else head.head)


def _agent_of_participle(member: StatementInfo, verb: int) -> int | None:
    """The "by" of a passive whose doer the parser made the subject of a participle after it
    ("arrested by Kestervale Police investigating the claims": "Police" hangs as the subject
    of "investigating"), else None."""
    tokens = member.tokens
    by = tokens[verb].head
    if tokens[verb].dep != "pcomp" or tokens[by].text.lower() != "by":
        return None
    return by


def agent_objects(member: StatementInfo, agent: int) -> list[int]:
    """The doers a passive's "by" names: its object, or the subject the parser gave a
    participle after it ("by police investigating the claims")."""
    tokens = member.tokens
    objects = [o for o in member.children(agent) if tokens[o].dep == "pobj"]
    if objects:
        return objects
    return [s for c in member.children(agent) if tokens[c].dep == "pcomp"
            for s in member.children(c) if tokens[s].dep == "nsubj"]  # fmt: skip


def main_act(member: StatementInfo, verb: int) -> bool:
    """Is the word the statement's main verb, one joined to it ("arrested and charged"), or
    the act a statement of saying reports ("police said officers arrested…")?"""
    tokens = member.tokens
    for _ in range(6):
        head = tokens[verb].head
        if head == verb:
            return True
        dep = tokens[verb].dep
        reported = dep in ("ccomp", "xcomp") and reports(member, head)
        # "arrested two men and charged them": one doer's acts; "Borrell will brief ministers
        # and the bloc's leaders will discuss…": a second act with its own doer, a second fact
        joined = dep == "conj" and not (tokens[verb].pos == "VERB" and own_subject(member, head))
        if joined or reported or tokens[verb].pos not in ("VERB", "AUX"):
            verb = head
            continue
        # a sentence the parser hung on a noun ("The charity Safer Streets Trust has offered
        # …" read as "charity" with a relative clause): that clause is the act
        root = tokens[head].head == head and tokens[head].pos not in ("VERB", "AUX")
        return root and dep in ("relcl", "acl")
    return False


def own_subject(member: StatementInfo, verb: int) -> bool:
    return any(member.tokens[c].dep in ("nsubj", "nsubjpass") for c in member.children(verb))


def advised(member: StatementInfo, verb: int) -> bool:
    """The verb tells what someone was told they should do ("the firm said customers should
    stop using the kettles"): those told are not yet doers, as in "urged customers to stop"."""
    tokens = member.tokens
    reported = (
        tokens[verb].dep == "ccomp" and tokens[tokens[verb].head].lemma.lower() in SAYING_VERBS
    )
    return reported and any(tokens[c].dep == "aux" and tokens[c].lemma.lower() in word_set(
        "advice_modals") for c in member.children(verb))  # fmt: skip


def instructs(member: StatementInfo, verb: int) -> bool:
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
