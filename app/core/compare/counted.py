"""What a count counts (quantities.py finds the amounts): the noun it modifies or the next one
("three EU diplomats", "over 10,000 of his supporters"), the verb it is subject or object of,
stemmed, and a degree word on it ("two were seriously injured"), a part of a group told before it
("two of them critically"), a tally ("the death toll rose to 12"), and whether it is a margin
("won by seven votes")."""

from __future__ import annotations

from app.core.compare.features import StatementInfo, canonical, remembered, verb_stem
from app.core.compare.params import lexicon, word_set

SUBJECT_OBJECT = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj"})
HEADLESS_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
GROUP_PRONOUNS = frozenset({"them", "whom", "those", "us"})
COUNTING_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"})


def is_margin(statement: StatementInfo, start: int, end: int) -> bool:
    """The amount, or the noun it counts, is the object of "by" as a preposition of degree,
    or of a "margin" word. The agent of a passive is a margin unless it counts people or
    doers ("attended by 300 people", but "dumped by nine votes")."""
    tokens = statement.tokens
    inside = _inside(statement, start, end)
    if not inside:
        return False
    index, steps = inside[-1], 0
    while steps < 4 and tokens[index].head != index:
        head = tokens[index].head
        if tokens[head].lemma.lower() in word_set("margin_words"):
            return True
        if tokens[index].dep == "pobj" and tokens[head].text.lower() != "of":  # "margin of"
            if tokens[head].text.lower() != "by":
                return False
            doers = word_set("people_nouns") | word_set("actor_nouns")
            return tokens[head].dep == "prep" or canonical(tokens[index].lemma) not in doers
        index, steps = head, steps + 1
    return False


def is_attribute(statement: StatementInfo, start: int, end: int) -> bool:
    """The figure names or describes a thing rather than counting a group: a label after its
    noun ("tower 7", "Platform 3") or a hyphenated modifier ("a four-seat chair", "a six-car
    train"). Such a figure is compared only with figures of the same noun."""
    text = statement.text
    if text[end : end + 1] == "-":
        return True
    inside = _inside(statement, start, end)
    if not inside:
        return False
    tokens = statement.tokens
    head = tokens[inside[-1]].head
    return head < inside[0] and tokens[head].pos in ("NOUN", "PROPN")


def count_unit(
    statement: StatementInfo, start: int, end: int, plain: bool
) -> tuple[str | None, str, str]:
    """(counted thing, verb, degree word) of a count. The counted thing is the noun the
    number modifies in the parse ("three EU diplomats"), else the next noun after it ("over
    10,000 of his supporters"); "" when the number stands alone as subject or object
    ("three were hurt"); None when it counts nothing that can be compared."""
    tokens = statement.tokens
    inside = _inside(statement, start, end)
    if not inside:
        return None, "", ""
    # "a magnitude 6.1 earthquake", "a 6.3-magnitude quake": a figure on a scale is
    # measured in the scale's noun, whatever the noun it modifies
    measures = lexicon()["measure_nouns"]
    around = [inside[0] - 1, inside[-1] + 1, inside[-1] + 2]
    for i in around:
        if 0 <= i < len(tokens) and tokens[i].lemma.lower() in measures:
            between = tokens[min(i, inside[-1]) + 1 : max(i, inside[0])]
            if all(t.text == "-" for t in between) and (i < inside[0] or between):
                return tokens[i].lemma.lower(), "", ""
    part = _part_of_group(statement, inside)
    if part is not None:
        return part
    for i in inside:  # the first head outside the amount
        head, steps, dep = i, 0, tokens[i].dep
        while head in inside and tokens[head].head != head and steps < 4:
            dep = tokens[head].dep
            head, steps = tokens[head].head, steps + 1
        counted = tokens[head].pos in ("NOUN", "PROPN") and dep in COUNTING_DEPS
        if head not in inside and counted and tokens[head].ent_type not in ("DATE", "TIME"):
            return _noun_unit(statement, head)
        # "left four dead", "three missing": the count is of those in that state
        if head not in inside and tokens[head].lemma.lower() in lexicon()["outcome_states"]:
            return "", _predicate(tokens[head].lemma), _qualifier(statement, head)
    # "Eighty-seven of the orchestra's 92 salaried players": the part counts what its "of"
    # names, however many words lie between
    for i in inside:
        for c in statement.children(i):
            if tokens[c].dep != "prep" or tokens[c].text.lower() != "of":
                continue
            named = [o for o in statement.children(c) if tokens[o].dep == "pobj"
                     and tokens[o].pos == "NOUN"
                     and tokens[o].ent_type not in ("DATE", "TIME")]  # fmt: skip
            if named:
                return _noun_unit(statement, named[0])
    following = [i for i, t in enumerate(tokens) if t.start >= statement.start + end][:6]
    for n, i in enumerate(following):
        tok = tokens[i]
        possessor = n + 1 < len(following) and tokens[following[n + 1]].text in ("'s", "’s")
        if possessor or tok.text in ("of", "'s", "’s") or tok.pos in ("ADJ", "DET", "NUM"):
            continue
        if tok.ent_type in ("NORP", "GPE", "ORG") and tok.pos != "NOUN":
            continue
        if tok.pos in ("NOUN", "PROPN") and tok.ent_type not in ("DATE", "TIME"):
            return _noun_unit(statement, i)
        break
    if plain:
        return None, "", ""
    last = inside[-1]
    tally = _tally_unit(statement, last)
    if tally is not None:
        return tally, "", ""
    # A number standing for the counted thing: "three were seriously injured".
    head_tok = tokens[last]
    for child in statement.children(last):  # "14 injured were taken to hospital"
        tok = tokens[child]
        if tok.dep in ("acl", "amod") and tok.text.lower().endswith("ed"):
            return "", _predicate(tok.lemma), _qualifier(statement, child)
    # Not "will be 29", "turns 29": a number after a copula is an age or a label.
    if head_tok.dep in HEADLESS_DEPS and head_tok.pos == "NUM":
        verb = head_tok.head
        if tokens[verb].pos == "VERB" and tokens[verb].lemma.lower() not in lexicon()["copulas"]:
            return "", _verb_predicate(statement, verb), _qualifier(statement, verb)
    return None, "", ""


def _group_parts(statement: StatementInfo) -> tuple[int, ...]:
    """Numbers that count part of a group told before them: "two of them", "three of whom".
    Found once per statement (`remembered`): every amount and degree word asks."""
    tokens = statement.tokens
    return remembered(statement, "group parts", lambda: tuple(
        i for i, t in enumerate(tokens) if t.pos == "NUM" and any(
            tokens[c].text.lower() == "of" and any(tokens[o].text.lower() in GROUP_PRONOUNS
                                                   for o in statement.children(c))
            for c in statement.children(i))))  # fmt: skip


def _part_of_group(statement: StatementInfo, inside: list[int]) -> tuple[str, str, str] | None:
    """ "Ten people were injured, two of them critically": the two are people, counted with
    the degree word that follows them ("critically", "for serious injuries"), as "two people
    were critically injured" is; None when the amount is no such part."""
    tokens = statement.tokens
    parts = _group_parts(statement)
    number = next((i for i in inside if i in parts), None)
    if number is None:
        return None
    qualifier = ""
    for tok in tokens[number + 1 :]:
        if tok.pos == "PUNCT" or tok.dep == "cc":
            break
        qualifier = qualifier or _degree(tok.lemma)
    verb, steps = tokens[number].head, 0
    while tokens[verb].pos not in ("VERB", "AUX") and tokens[verb].head != verb and steps < 3:
        verb, steps = tokens[verb].head, steps + 1
    for c in statement.children(verb):  # the group: the verb's counted subject or object
        counted = any(tokens[n].dep == "nummod" for n in statement.children(c))
        if tokens[c].dep in SUBJECT_OBJECT and tokens[c].pos == "NOUN" and counted:
            unit = _noun_unit(statement, c)[0]
            return unit, _verb_predicate(statement, verb), qualifier
    return "", _verb_predicate(statement, verb), qualifier


def _degree(lemma: str) -> str:
    """The degree word a word gives ("seriously" → "serious"), or ""."""
    degrees = lexicon()["degree_qualifiers"]
    word = lemma.lower()
    base = word[:-2] if word.endswith("ly") else word
    return next((c for c in (word, base, base + "e") if c in degrees), "")


def _verb_predicate(statement: StatementInfo, verb: int) -> str:
    """The verb's predicate (`_predicate`), or "hospital" when it takes people to a place of
    care or gives them its treatment: "four were taken to hospital", "five were rushed to
    hospital", "three remain in hospital", "four needed hospital treatment" count one outcome
    however it is told."""
    tokens = statement.tokens
    places = word_set("care_places")
    for c in statement.children(verb):
        place = tokens[c].dep == "prep" and tokens[c].text.lower() in ("to", "in", "into", "at")
        if place and any(tokens[o].lemma.lower() in places for o in statement.children(c)
                         if tokens[o].dep == "pobj"):  # fmt: skip
            return "hospital"
        if tokens[c].dep == "dobj" and any(tokens[m].lemma.lower() in places
                                           for m in statement.children(c)
                                           if tokens[m].dep in ("compound", "amod")):  # fmt: skip
            return "hospital"
    return _predicate(tokens[verb].lemma)


def _predicate(lemma: str) -> str:
    """The stem by which counts of one outcome meet: "killed three", "three died" and "three
    dead" all count deaths; "hurt" and "injured" count injuries."""
    return verb_stem(lexicon()["same_outcome"].get(lemma.lower(), lemma))


def _tally_unit(statement: StatementInfo, index: int) -> str | None:
    """What a figure counts when it is the value a tally reaches: "the number of patients has
    risen to 23", "the number of cases reached 40", "the death toll rose to 12"."""
    tokens = statement.tokens
    tok = tokens[index]
    verb = tok.head
    if tok.dep == "pobj" and tokens[verb].lemma.lower() in ("to", "at"):
        verb = tokens[verb].head
    elif tok.dep not in ("dobj", "attr"):
        return None
    if tokens[verb].pos not in ("VERB", "AUX"):
        return None
    tallies = lexicon()["tally_nouns"]
    for subject in statement.children(verb):
        if tokens[subject].dep != "nsubj" or tokens[subject].lemma.lower() not in tallies:
            continue
        for child in statement.children(subject):
            if tokens[child].lemma.lower() == "of":  # "the number of patients"
                counted = [c for c in statement.children(child) if tokens[c].dep == "pobj"]
                if counted and tokens[counted[0]].pos in ("NOUN", "PROPN"):
                    return _noun_unit(statement, counted[0])[0]
            if tokens[child].dep == "compound" and tokens[child].pos == "NOUN":  # "death toll"
                return canonical(tokens[child].lemma)
    return None


def _noun_unit(statement: StatementInfo, noun: int) -> tuple[str, str, str]:
    tokens = statement.tokens
    lemma = canonical(tokens[noun].lemma)
    people = lexicon()["people_nouns"]
    unit = "people" if lemma in people or canonical(lemma) in people else lemma
    unit = lexicon()["unit_synonyms"].get(unit, unit)  # "1,200 roles" counts what "1,200 jobs" do
    predicate = qualifier = ""
    tok = tokens[noun]
    if tok.dep in SUBJECT_OBJECT and tok.head != noun and tokens[tok.head].pos in ("VERB", "AUX"):
        predicate = _verb_predicate(statement, tok.head)
        qualifier = _qualifier(statement, tok.head)
        if unit in lexicon()["generic_units"]:
            # "recalling 41,500 units" counts what another report names ("41,500 kettles"):
            # such an amount is matched by its verb, as a lone figure is
            return f"~{predicate}", predicate, qualifier
    # "14 injured", "15 dead": the participle is the counted thing's state.
    if tok.text.lower().endswith("ed") and tok.pos in ("NOUN", "ADJ", "VERB"):
        return "", _predicate(tok.lemma), _qualifier(statement, noun)
    return unit, predicate, qualifier


def _qualifier(statement: StatementInfo, verb: int) -> str:
    """A degree word on the verb or its object: "seriously injured", "serious injuries"."""
    # not from a clause joined on ("leaving 15 people injured and four of them seriously
    # hurt": the fifteen are not the serious ones), nor the degree of a part counted after
    # ("ten people were injured, two of them critically")
    own = (verb, *(c for c in statement.children(verb) if statement.tokens[c].dep != "conj"))
    parts = _group_parts(statement)
    for i in statement.subtree(verb):
        tok = statement.tokens[i]
        if tok.head not in own or tok.in_quote or any(i > p for p in parts):
            continue
        found = _degree(tok.lemma)
        if found:
            return found
    return ""


def _inside(statement: StatementInfo, start: int, end: int) -> list[int]:
    """The statement's tokens within the amount (`start`, `end`: offsets in its text)."""
    first, stop = statement.start + start, statement.start + end
    return [i for i, t in enumerate(statement.tokens) if first <= t.start < stop]
