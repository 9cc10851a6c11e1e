"""Differences of wording inside a group: an evaluative word in one report where another fills
the same role in plain words ("disastrous visit" against "visit", "botched the rollout" against
"ran the rollout")."""

from __future__ import annotations

from app.core.compare.features import StatementInfo, Tok, canonical, in_capitals
from app.core.compare.params import word_set
from app.core.compare.quotes import verb_forms
from app.core.compare.records import Difference, GroupContext, Reading, SpanRef, reading_text


def wording_differences(context: GroupContext) -> list[Difference]:
    """An evaluative word in one report where another fills the same role in other words: the
    same noun with or without a loaded modifier ("disastrous visit" against "visit"), another
    verb with the same object ("botched the rollout" against "ran the rollout"), another noun
    for the same slot ("a mega-merger" against "a tie-up"). Words of different roles are never
    paired ("disastrous" against "visit", or against a whole "said the EU should …"): a
    report that tells the fact without that slot shows no wording difference."""
    evaluative = {m.id: _evaluative(m) for m in context.members}
    loaded = [m for m in context.members if evaluative[m.id] is not None]
    if not loaded:
        return []
    readings: dict[str, Reading] = {}
    for member in loaded:
        index = evaluative[member.id]
        assert index is not None
        span = _loaded_span(member, index)
        key = canonical(member.tokens[index].lemma)
        reading = readings.setdefault(key, Reading(reading_text(context, member, span), key, []))
        reading.spans.append(SpanRef(member.id, *span))
    for member in context.members:
        if evaluative[member.id] is not None:
            continue
        counterpart = _neutral_counterpart(member, loaded[0])
        if counterpart is None:
            # It tells the fact without that slot: a reading of its own, with no words to mark
            # (an empty span), never a word of another role set against the loaded one.
            at = member.tokens[0].start if member.tokens else member.start
            reading = readings.setdefault("neutral", Reading(UNCHARACTERISED, "neutral", []))
            reading.spans.append(SpanRef(member.id, at, at))
            continue
        # Every plain telling is one reading (loaded or not is the difference), shown in the
        # words of the first.
        text = reading_text(context, member, counterpart)
        reading = readings.setdefault("neutral", Reading(text, "neutral", []))
        reading.spans.append(SpanRef(member.id, *counterpart))
    if len(readings) < 2:
        return []
    detail = " vs ".join(r.text for r in readings.values())
    return [Difference("wording", "variation", detail, list(readings.values()))]


UNCHARACTERISED = "(not characterised)"


def _loaded_span(member: StatementInfo, index: int) -> tuple[int, int]:
    """The loaded word, with the noun it qualifies when it is a modifier ("disastrous visit"),
    so that it reads against the other report's noun phrase in the same role."""
    tok = member.tokens[index]
    head = tok.head
    start = member.tokens[_hyphen_start(member, index)].start  # "crisis-hit", not "hit"
    if tok.dep == "amod" and head != index and 0 < head - index <= 3:
        return start, member.tokens[head].end
    nouns = [i for i in range(index + 1, min(index + 3, len(member.tokens)))
             if member.tokens[i].pos in ("NOUN", "PROPN")]  # fmt: skip
    if start < tok.start and nouns:  # a hyphenated modifier, whatever its parse: its noun
        return start, member.tokens[nouns[0]].end
    clause = _clause_of(member, index) if tok.pos == "NOUN" else None
    if clause is not None and clause < index:
        return member.tokens[clause].start, tok.end  # "causing chaos"
    return start, tok.end


def _hyphen_start(member: StatementInfo, index: int) -> int:
    """The first token of the hyphenated word the token ends ("crisis" of "crisis-hit")."""
    tokens = member.tokens
    first = index
    while (first >= 2 and tokens[first - 1].text == "-"
           and tokens[first - 2].end == tokens[first - 1].start
           and tokens[first - 1].end == tokens[first].start):  # fmt: skip
        first -= 2
    return first


def _evaluative_word(member: StatementInfo, index: int) -> str:
    """The token's lemma, or the whole hyphenated word it ends ("crisis-hit", "cash-strapped":
    the tokenizer splits them, the lexicon lists them whole)."""
    tokens = member.tokens
    first = _hyphen_start(member, index)
    if first == index:
        lemma = tokens[index].lemma.lower()
        if lemma in word_set("evaluative"):
            return lemma
        if tokens[index].text.isupper():
            # capitals mislead the tagger ("PLUNGED" a proper noun, its own lemma): the
            # word's possible bases are tried whatever its tag
            bases = verb_forms(tokens[index])
            return next((f for f in sorted(bases) if f in word_set("evaluative")), lemma)
        if tokens[index].pos != "VERB":
            return lemma
        # the lemmatiser reads "raged" as "rag": the verb's other possible bases
        # (bases only: "failed" the adjective is listed, "failed to check" is no verdict)
        bases = verb_forms(tokens[index]) - {tokens[index].text.lower()}
        return next((f for f in sorted(bases) if f in word_set("evaluative")), lemma)
    # "rubber-stamped" is listed by its lemma ("rubber-stamp"), "cash-strapped" as written
    head = "".join(t.text for t in tokens[first:index]).lower()
    lemma = head + tokens[index].lemma.lower()
    return lemma if lemma in word_set("evaluative") else head + tokens[index].text.lower()


def _evaluative(member: StatementInfo) -> int | None:
    verbs_only = word_set("evaluative_verbs_only")
    for i, tok in enumerate(member.tokens):
        lemma = _evaluative_word(member, i)
        if tok.in_quote:
            continue
        if lemma not in word_set("evaluative") and not _shouted(tok):
            continue
        # "shares rocketed" is loaded, "the rocket" and "the blast" are not
        # (capitals mislead the tagger: "PLUNGED" is read as a name)
        if lemma in verbs_only and tok.pos != "VERB" and not tok.text.isupper():
            continue
        # "a killer superbug" is loaded, "the killer was jailed" is not
        if lemma in word_set("evaluative_modifiers_only") and tok.dep not in ("amod", "compound"):
            continue
        return i
    return None


def _misread_capitals(tok: Tok) -> bool:
    """A word in capitals the tagger took for a name ("PLUNGED"): its tag says nothing."""
    return tok.text.isupper() and tok.pos == "PROPN" and not tok.ent_type


def _shouted(tok: Tok) -> bool:
    """A noun or verb in a tabloid's capitals ("a 3km LOCKDOWN zone", "CRASHED", which the
    tagger may take for a proper noun): the type shouts what the words do not; acronyms are
    short, and names are entities."""
    return in_capitals(tok) and (tok.pos in ("NOUN", "VERB") or _misread_capitals(tok))


def _neutral_counterpart(member: StatementInfo, loaded: StatementInfo) -> tuple[int, int] | None:
    """What the neutral report puts in the loaded word's role, or None when it has nothing
    there: for a loaded modifier, the noun it qualifies with the neutral report's own
    modifiers ("visit", "controversial trip"); for a loaded verb, the verb that takes the same
    object ("ran" in "ran the rollout"); for a loaded noun, the noun in the same slot of the
    same verb ("tie-up" in "agreed a tie-up" against "agreed a mega-merger")."""
    index = _evaluative(loaded)
    assert index is not None
    tok = loaded.tokens[index]
    # a hyphenated word ("crisis-hit", "eye-watering") qualifies a noun, whatever its last
    # piece is tagged
    hyphenated = _hyphen_start(loaded, index) != index
    if tok.pos == "VERB" and not hyphenated:
        return _verb_counterpart(member, loaded, index)
    if tok.dep == "amod" or tok.pos == "ADJ" or hyphenated:
        for target in _qualified(loaded, index):
            for i, t in enumerate(member.tokens):
                if canonical(t.lemma) == target and t.pos in ("NOUN", "PROPN") and not t.in_quote:
                    return _noun_phrase(member, i)
        return None
    return _same_slot_noun(member, loaded, index)


def _noun_phrase(member: StatementInfo, index: int) -> tuple[int, int]:
    """A noun with the adjectives right before it that qualify it."""
    first = index
    while (
        first > 0
        and member.tokens[first - 1].head == index
        and member.tokens[first - 1].dep in ("amod", "compound")
    ):
        first -= 1
    return member.tokens[first].start, member.tokens[index].end


def _same_slot_noun(
    member: StatementInfo, loaded: StatementInfo, index: int
) -> tuple[int, int] | None:
    tok = loaded.tokens[index]
    if tok.head == index:
        return None
    governor = loaded.tokens[tok.head]
    verb = canonical(governor.lemma)
    for i, t in enumerate(member.tokens):
        if (
            t.pos == "NOUN" and t.dep == tok.dep and t.head != i and not t.in_quote
            and canonical(member.tokens[t.head].lemma) == verb
            and canonical(t.lemma) != canonical(tok.lemma)
        ):  # fmt: skip
            return _noun_phrase(member, i)
    clause = _clause_of(loaded, index)
    if clause is None:
        return None
    # "causing chaos" against "disrupting traffic": the other clause in the same place
    anchor = canonical(loaded.tokens[governor.head].lemma)
    for i, t in enumerate(member.tokens):
        if (
            t.pos == "VERB" and t.dep == governor.dep and t.head != i and not t.in_quote
            and canonical(member.tokens[t.head].lemma) == anchor
        ):  # fmt: skip
            last = max(member.subtree(i))
            return t.start, member.tokens[last].end
    return None


CLAUSE_DEPS = ("advcl", "xcomp", "ccomp", "conj", "acl")


def _clause_of(member: StatementInfo, index: int) -> int | None:
    """The verb of the clause a loaded object noun belongs to ("causing" in "causing chaos"),
    when that clause hangs off the sentence (an adverbial or complement clause)."""
    tok = member.tokens[index]
    governor = member.tokens[tok.head]
    if (
        tok.dep in ("dobj", "obj") and governor.pos == "VERB"
        and governor.dep in CLAUSE_DEPS and governor.head != tok.head
    ):  # fmt: skip
        return tok.head
    return None


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
    member: StatementInfo, loaded: StatementInfo, index: int
) -> tuple[int, int] | None:
    """The neutral report's verb whose object is the loaded verb's object (by lemma)."""
    objects = {  # what the loaded verb acts on (not its adjuncts: "during the visit")
        canonical(t.lemma)
        for c, t in enumerate(loaded.tokens)
        if t.head == index and c != index and t.pos in ("NOUN", "PROPN")
        and t.dep in ("dobj", "obj")
    }  # fmt: skip
    own = loaded.tokens[index].lemma.lower()  # "slammed" against "criticised" is the point
    for i, t in enumerate(member.tokens):
        if t.pos != "NOUN" or t.in_quote or canonical(t.lemma) not in objects:
            continue
        head = t.head
        if member.tokens[head].pos == "ADP" and member.tokens[head].head != head:
            head = member.tokens[head].head  # "turn to the vaccine": the verb over the preposition
        verb = member.tokens[head]
        if head != i and verb.pos == "VERB" and verb.lemma.lower() != own:
            return verb.start, verb.end
    return None
