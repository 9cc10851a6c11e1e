"""Quoted spans and who is said to have said them, through which channel.

Quotation marks are found in the article text (a quotation may run over several statements);
speaker and channel come from the dependency parse of the attribution clause: "Borrell wrote in
his blog", "he said in a message posted on his Twitter account", "told Reuters".

The word lists live in resources/lexicon/quotes.json (general words only); the few knobs are
in `QuoteParams`. Every function here is total: any text, any parse, gives an answer.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from app.core.compare.features import ArticleInfo, StatementInfo, Tok, remembered
from app.core.compare.params import lexicon
from app.core.resources import load_json

_LEXICON = load_json("lexicon/quotes.json")
SPEECH_VERBS = frozenset(_LEXICON["speech_verbs"])
# Verbs of reaction ("slammed the walkout on X", "welcomed the move in a statement") attribute
# words as verbs of saying do, but who reacted is part of the fact, not only its source.
REACTION_VERBS = frozenset(lexicon()["reaction_verbs"])
# Verbs of saying as the difference finders read them (who said it is no doer, a date of
# saying no date of the event): the attribution verbs and a few that report words without
# carrying a quotation ("advised", "appealed for calm").
SAYING_VERBS = SPEECH_VERBS | frozenset(lexicon()["saying_verbs_extra"])
# what attributes words when reactions count (statement_attributions), and what the channel
# of a framing hangs from
ATTRIBUTING_VERBS = SPEECH_VERBS | REACTION_VERBS
SAYING_OR_REACTING = SAYING_VERBS | REACTION_VERBS
ACCORDING_WORDS = frozenset(_LEXICON["according_words"])
# a passive subject that is the speaker ("the minister was quoted as saying"); of other verbs
# it is what was said or whom it was said to
PASSIVE_SPEAKER_VERBS = frozenset(_LEXICON["passive_speaker_verbs"])
# Where words were said or written, most specific first: a "message posted on his Twitter
# account" is a Twitter message.
CHANNELS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (name, frozenset(words)) for name, words in _LEXICON["channels"]
)
# Channels that are outlets reporting the words, not the speaker's own medium.
MEDIA_CHANNELS = frozenset(_LEXICON["media_channels"])
NEWS_OUTLET: str = _LEXICON["news_outlet_channel"]
INSTITUTION_WORDS = frozenset(_LEXICON["institution_words"])
PRONOUNS = frozenset(_LEXICON["pronouns"])
SUBJECT_DEPS = frozenset(_LEXICON["subject_deps"])
CHANNEL_DEPS = frozenset(_LEXICON["channel_deps"])
OUTLET_DEPS = frozenset(_LEXICON["outlet_deps"])
GOVERNOR_DEPS = frozenset(_LEXICON["governor_deps"])
PHRASE_DEPS = frozenset(_LEXICON["phrase_deps"])
OPENING = frozenset(_LEXICON["opening_marks"])
CLOSING = frozenset(_LEXICON["closing_marks"])
STRAIGHT = frozenset(_LEXICON["straight_marks"])


@dataclass(frozen=True, slots=True)
class QuoteParams:
    """The knobs of quotation finding and attribution (benchmarks may sweep them)."""

    # Shorter text between two marks is not a quotation (an empty pair, a stray mark).
    min_quote_chars: int = 1
    # How far "…, saying" / "and wrote" may climb to the governing verb to find its subject.
    max_governor_steps: int = 8
    # A named organisation told or addressed by a speech verb ("told Reuters", "said Politico")
    # is the outlet that carries the words.
    organisations_are_outlets: bool = True


DEFAULT_PARAMS = QuoteParams()


@dataclass(frozen=True, slots=True)
class Quote:
    article_id: int
    start: int  # first character inside the quotation marks
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said it (None for a bare pronoun) and through which channel (None when unsaid)."""

    speaker: str | None
    speaker_key: str | None
    speaker_span: tuple[int, int] | None
    channel: str | None
    channel_span: tuple[int, int] | None


NO_ATTRIBUTION = Attribution(None, None, None, None, None)


def find_quotes(article: ArticleInfo, params: QuoteParams = DEFAULT_PARAMS) -> list[Quote]:
    """Spans between quotation marks, in text order and never overlapping; a paragraph end
    closes an unclosed quotation. A curly opening mark inside a quotation restarts it (the
    earlier one was never closed); single curly marks quote outside double ones only (nested,
    they are left to the outer quotation)."""
    text = article.text
    quotes: list[Quote] = []
    opened: int | None = None

    def close(at: int) -> None:
        if opened is not None and at - opened >= params.min_quote_chars:
            quotes.append(Quote(article.id, opened, at))

    for i, ch in enumerate(text):
        if ch == "\n":
            close(i)
            opened = None
        elif ch in OPENING or (ch in STRAIGHT and opened is None):
            close(i)  # an unclosed quotation ends where the next one opens
            opened = i + 1
        elif (ch in CLOSING or ch in STRAIGHT) and opened is not None:
            close(i)
            opened = None
    close(len(text))
    inside = [(q.start, q.end) for q in quotes]
    for m in SINGLE_QUOTATION.finditer(text):
        start, end = m.start() + 1, m.end() - 1
        if end - start >= params.min_quote_chars and not any(
            s < end and start < e for s, e in inside
        ):
            quotes.append(Quote(article.id, start, end))
    return sorted(quotes, key=lambda q: q.start)


# A quotation in single curly marks, as British papers print them: ‘ at a word's start and a
# closing ’ in the same paragraph that ends a word. ’ followed by a letter is an apostrophe
# ("don’t", "Ruiz’s"); ‘ before "s" is a mistyped one ("Borrell ‘s speech"), and a ‘ never
# closed is no quotation ("Ross ‘direction was").
SINGLE_QUOTATION = re.compile(r"(?<![\w‘’])‘(?!s\b)(?=[\w“\"])(?:[^‘’\n]|’(?=\w))+?’(?!\w)")


def mark_quoted_tokens(article: ArticleInfo, quotes: list[Quote]) -> None:
    """Set `in_quote` on every token that lies wholly inside a quotation. Linear in tokens and
    quotations (a binary search per token): `quotes` are sorted and do not overlap."""
    ordered = sorted(quotes, key=lambda q: q.start)
    starts = [q.start for q in ordered]
    for statement in article.statements:
        for tok in statement.tokens:
            at = bisect.bisect_right(starts, tok.start) - 1
            tok.in_quote = at >= 0 and tok.end <= ordered[at].end


def quoted_spans(statement: StatementInfo, quotes: list[Quote]) -> list[tuple[int, int]]:
    """The parts of the statement that lie inside quotation marks (article offsets)."""
    spans = []
    for q in quotes:
        if q.overlaps(statement.start, statement.end):
            spans.append((max(q.start, statement.start), min(q.end, statement.end)))
    return spans


def statement_attributions(
    statement: StatementInfo, params: QuoteParams = DEFAULT_PARAMS, reactions: bool = True
) -> list[Attribution]:
    """Attributions made inside the statement, by its speech verbs (and with `reactions`, its
    verbs of reaction) outside quotations; found once per statement and kind (`remembered`):
    alignment, quotation speakers and the attribution differences all ask."""
    key = ("attributions", reactions) if params is DEFAULT_PARAMS else (
        "attributions", reactions, params)  # fmt: skip
    found = remembered(
        statement, key, lambda: tuple(_statement_attributions(statement, params, reactions))
    )
    return list(found)


def _statement_attributions(
    statement: StatementInfo, params: QuoteParams, reactions: bool
) -> list[Attribution]:
    verbs = ATTRIBUTING_VERBS if reactions else SPEECH_VERBS
    found = []
    for i, tok in enumerate(statement.tokens):
        if tok.in_quote:
            continue
        # "according to police": the object of "to" said it ("accord" is a speech verb too,
        # whose subject search would find the statement's own subject)
        if tok.text.lower() in ACCORDING_WORDS:
            found.append(_according_to(statement, i))
        elif tok.pos in ("VERB", "AUX") and not verbs.isdisjoint(forms := verb_forms(tok)):
            if is_infinitive(statement, i):
                continue  # "ordered the airline to publish", "declined to comment": no one spoke
            reaction = not REACTION_VERBS.isdisjoint(forms) and SPEECH_VERBS.isdisjoint(forms)
            if reaction and _commits(statement, i):
                continue  # "the Greens have promised to reopen the library": an act promised
            found.append(_attribution_of(statement, i, params))
    unique: dict[tuple[str | None, str | None], Attribution] = {}
    for a in found:
        if a.speaker_key or a.channel:
            unique.setdefault((a.speaker_key, a.channel), a)
    return list(unique.values())


def _commits(statement: StatementInfo, verb: int) -> bool:
    """The verb takes an infinitive ("promised to reopen", "vowed to fight"): it commits its
    subject to an act rather than reporting words."""
    return any(statement.tokens[c].dep == "xcomp" and is_infinitive(statement, c)
               for c in statement.children(verb))  # fmt: skip


def verb_forms(tok: Tok) -> set[str]:
    """The token's lemma and the bases its past or third-person form may have: the
    lemmatiser reads "raged" as "rag", which "rage" in a verb list would never meet."""
    text = tok.text.lower()
    return {tok.lemma.lower(), text, text[:-1], text[:-2]}


def is_infinitive(statement: StatementInfo, verb: int) -> bool:
    """A speech verb in the infinitive ("to publish") names words yet to be said or asked
    for, not words someone said."""
    return any(
        statement.tokens[c].dep == "aux" and statement.tokens[c].text.lower() == "to"
        for c in statement.children(verb)
    )


def _attribution_of(statement: StatementInfo, verb: int, params: QuoteParams) -> Attribution:
    tokens = statement.tokens
    subject = _subject(statement, verb, params)
    speaker = speaker_key = speaker_span = None
    channel = channel_span = None
    if subject is not None:
        head = tokens[subject]
        outside = [i for i in statement.subtree(subject) if not tokens[i].in_quote]
        # A subject wholly inside quotation marks is quoted words, not the speaker: the
        # quotation's speaker is then named elsewhere, or not at all.
        span = _span(statement, outside) if outside and not head.in_quote else None
        # the subject's own phrase names an outlet ("Reuters news agency"), not what its
        # apposition or a preposition says of the speaker ("Lucia Benn, the head of the
        # civil protection agency")
        own = [subject, *(c for c in statement.children(subject)
                          if tokens[c].dep in PHRASE_DEPS | {"flat", "nmod"})]  # fmt: skip
        kind = _channel_kind(statement, own)
        if span is None:
            pass
        elif kind is not None and head.pos == "PROPN":
            channel, channel_span = kind, span  # "Reuters news agency quotes Jabarov"
        elif head.text.lower() not in PRONOUNS:
            speaker, speaker_span = statement.text_at(span), span
            speaker_key = f"E{head.entity_id}" if head.entity_id else head.lemma.lower()
    if channel is None:
        channel, channel_span = _verb_channel(statement, verb, params)
    return Attribution(speaker, speaker_key, speaker_span, channel, channel_span)


def _verb_channel(
    statement: StatementInfo, verb: int, params: QuoteParams
) -> tuple[str | None, tuple[int, int] | None]:
    """The channel named in the verb's own circumstances (the reported content, a ccomp,
    names none): a channel word, else a named organisation the words were told to."""
    tokens = statement.tokens
    children = [c for c in statement.children(verb) if tokens[c].dep in CHANNEL_DEPS]
    candidates = [i for c in children for i in statement.subtree(c) if not tokens[i].in_quote]
    kind = _channel_kind(statement, candidates)
    if kind is not None:
        hits = [i for i in candidates if _kind_of(tokens[i].lemma) == kind]
        return kind, _span(statement, _phrase(statement, hits[0]))
    if params.organisations_are_outlets:
        for child in children:
            tok = tokens[child]
            # a name the NER calls an organisation, or any name after "the" ("told the
            # Chronicle": people take no article)
            named = tok.ent_type == "ORG" or any(
                tokens[c].dep == "det" and tokens[c].text.lower() == "the"
                for c in statement.children(child)
            )
            if (
                tok.dep in OUTLET_DEPS and tok.pos == "PROPN" and named
                and not tok.in_quote and tok.lemma.lower() not in INSTITUTION_WORDS
            ):  # fmt: skip
                phrase = [i for i in _phrase(statement, child) if not tokens[i].in_quote]
                if phrase and not any(tokens[i].lemma.lower() in INSTITUTION_WORDS
                                      for i in phrase):  # fmt: skip
                    return NEWS_OUTLET, _span(statement, phrase)
    return _speaking_to(statement, verb)


def _speaking_to(statement: StatementInfo, verb: int) -> tuple[str | None, tuple[int, int] | None]:
    """ "Speaking to Offshore Power Monitor after the vote, X said": the words went to whom
    the clause of speaking names, a channel ("reporters") or, by name, an outlet."""
    tokens = statement.tokens
    for clause in statement.children(verb):
        if tokens[clause].dep != "advcl" or tokens[clause].lemma.lower() not in ("speak", "talk"):
            continue
        for prep in statement.children(clause):
            if tokens[prep].dep != "prep" or tokens[prep].text.lower() != "to":
                continue
            for obj in statement.children(prep):
                phrase = [i for i in _phrase(statement, obj) if not tokens[i].in_quote]
                if tokens[obj].dep != "pobj" or not phrase:
                    continue
                kind = _channel_kind(statement, phrase)
                if kind is not None:
                    return kind, _span(statement, phrase)
                if tokens[obj].pos == "PROPN":
                    return NEWS_OUTLET, _span(statement, phrase)
    return None, None


def _according_to(statement: StatementInfo, according: int) -> Attribution:
    tokens = statement.tokens
    objects = [i for i in statement.subtree(according)
               if tokens[i].dep == "pobj" and not tokens[i].in_quote]  # fmt: skip
    if not objects:
        return NO_ATTRIBUTION
    head = tokens[objects[0]]
    inside = [i for i in statement.subtree(objects[0]) if not tokens[i].in_quote]
    span = _span(statement, inside)
    kind = _channel_kind(statement, inside)
    if kind is not None:
        return Attribution(None, None, None, kind, span)
    if head.text.lower() in PRONOUNS:
        return NO_ATTRIBUTION
    key = f"E{head.entity_id}" if head.entity_id else head.lemma.lower()
    return Attribution(statement.text_at(span), key, span, None, None)


def _subject(statement: StatementInfo, verb: int, params: QuoteParams) -> int | None:
    """The verb's subject; for "…, saying" or "and wrote" the subject of the governing verb."""
    seen = {verb}
    for _ in range(params.max_governor_steps + 1):
        # A parse may hang two subjects on "said" ("X supported it, her spokesman said"): the
        # speaker is the nearer one.
        subjects = [c for c in statement.children(verb) if statement.tokens[c].dep in SUBJECT_DEPS]
        if subjects:
            nearest = min(subjects, key=lambda c: abs(c - verb))
            passive = statement.tokens[nearest].dep == "nsubjpass"
            if passive and statement.tokens[verb].lemma.lower() not in PASSIVE_SPEAKER_VERBS:
                return None  # "the blaze was reported", "residents were told": no speaker
            return nearest
        tok = statement.tokens[verb]
        if (
            tok.dep not in GOVERNOR_DEPS
            or tok.head in seen
            or not 0 <= tok.head < len(statement.tokens)
        ):
            return None
        verb = tok.head
        seen.add(verb)
    return None


def _kind_of(lemma: str) -> str | None:
    lemma = lemma.lower()
    for name, words in CHANNELS:
        if lemma in words:
            return name
    return None


def _channel_kind(statement: StatementInfo, indexes: list[int]) -> str | None:
    kinds = {_kind_of(statement.tokens[i].lemma) for i in indexes} - {None}
    for name, _ in CHANNELS:
        if name in kinds:
            return name
    return None


def _phrase(statement: StatementInfo, index: int) -> list[int]:
    """A channel word with its compound and possessive modifiers ("his Twitter account")."""
    head = index
    tok = statement.tokens[index]
    if tok.dep in PHRASE_DEPS and tok.head != index and 0 <= tok.head < len(statement.tokens):
        head = tok.head
    return statement.subtree(head)


def _span(statement: StatementInfo, indexes: list[int]) -> tuple[int, int]:
    """The article-offset span from the first to the last of `indexes` (not empty)."""
    tokens = statement.tokens
    return tokens[min(indexes)].start, tokens[max(indexes)].end
