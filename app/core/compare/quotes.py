"""Quoted spans and who is said to have said them, through which channel.

Quotation marks are found in the article text (a quotation may run over several statements);
speaker and channel come from the dependency parse of the attribution clause: "Borrell wrote in
his blog", "he said in a message posted on his Twitter account", "told Reuters".
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.compare.features import ArticleInfo, StatementInfo

SPEECH_VERBS = frozenset(
    {
        "say", "write", "tell", "state", "add", "quote", "conclude", "insist", "argue",
        "announce", "stress", "declare", "post", "tweet", "comment", "explain", "warn", "note",
        "reply", "respond", "admit", "claim", "describe", "publish", "report", "accord",
    }
)  # fmt: skip
# Where words were said or written, most specific first: a "message posted on his Twitter
# account" is a Twitter message.
CHANNELS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Twitter", frozenset({"twitter", "tweet"})),
    ("blog", frozenset({"blog"})),
    ("news agency", frozenset({"reuters", "tass", "ria", "afp", "agency", "interfax"})),
    ("newspaper", frozenset({"politico", "newspaper", "paper", "sanomat", "observer"})),
    ("television", frozenset({"television", "tv", "radio"})),
    ("statement", frozenset({"statement", "release", "communique"})),
    ("press conference", frozenset({"conference", "briefing", "reporter"})),
    ("speech", frozenset({"speech", "debate"})),
    ("message", frozenset({"message", "letter", "post", "publication", "article"})),
)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CHANNEL_DEPS = frozenset({"prep", "dative", "dobj", "npadvmod", "agent", "attr", "oprd"})


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


def find_quotes(article: ArticleInfo) -> list[Quote]:
    """Spans between quotation marks; a paragraph end closes an unclosed quotation."""
    text = article.text
    quotes: list[Quote] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and opened is not None:
            if i > opened:
                quotes.append(Quote(article.id, opened, i))
            opened = None
        elif ch == "“" or (ch == '"' and opened is None):
            opened = i + 1
        elif ch in '”"' and opened is not None:
            if i > opened:
                quotes.append(Quote(article.id, opened, i))
            opened = None
    if opened is not None and len(text) > opened:
        quotes.append(Quote(article.id, opened, len(text)))
    return quotes


def mark_quoted_tokens(article: ArticleInfo, quotes: list[Quote]) -> None:
    for statement in article.statements:
        for tok in statement.tokens:
            tok.in_quote = any(q.start <= tok.start and tok.end <= q.end for q in quotes)


def quoted_spans(statement: StatementInfo, quotes: list[Quote]) -> list[tuple[int, int]]:
    """The parts of the statement that lie inside quotation marks (article offsets)."""
    spans = []
    for q in quotes:
        if q.overlaps(statement.start, statement.end):
            spans.append((max(q.start, statement.start), min(q.end, statement.end)))
    return spans


def statement_attributions(statement: StatementInfo) -> list[Attribution]:
    """Attributions made inside the statement, by its speech verbs outside quotations."""
    found = []
    for i, tok in enumerate(statement.tokens):
        if tok.pos in ("VERB", "AUX") and tok.lemma.lower() in SPEECH_VERBS and not tok.in_quote:
            found.append(_attribution_of(statement, i))
        elif tok.text.lower() == "according" and not tok.in_quote:
            found.append(_according_to(statement, i))
    unique: dict[tuple[str | None, str | None], Attribution] = {}
    for a in found:
        if a.speaker_key or a.channel:
            unique.setdefault((a.speaker_key, a.channel), a)
    return list(unique.values())


def _attribution_of(statement: StatementInfo, verb: int) -> Attribution:
    tokens = statement.tokens
    subject = _subject(statement, verb)
    speaker = speaker_key = speaker_span = None
    channel = channel_span = None
    if subject is not None:
        head = tokens[subject]
        span = _span(statement, [i for i in statement.subtree(subject) if not tokens[i].in_quote])
        kind = _channel_kind(statement, statement.subtree(subject))
        if kind is not None and head.pos == "PROPN":
            channel, channel_span = kind, span  # "Reuters news agency quotes Jabarov"
        elif head.text.lower() not in PRONOUNS:
            speaker, speaker_span = statement.text_at(span), span
            speaker_key = f"E{head.entity_id}" if head.entity_id else head.lemma.lower()
    if channel is None:
        # Only the verb's own circumstances: the reported content (ccomp) names no channel.
        candidates = [
            i for child in statement.children(verb) if tokens[child].dep in CHANNEL_DEPS
            for i in statement.subtree(child) if not tokens[i].in_quote
        ]  # fmt: skip
        kind = _channel_kind(statement, candidates)
        if kind is not None:
            channel = kind
            hits = [i for i in candidates if _kind_of(tokens[i].lemma) == kind]
            channel_span = _span(statement, _phrase(statement, hits[0]))
    return Attribution(speaker, speaker_key, speaker_span, channel, channel_span)


def _according_to(statement: StatementInfo, according: int) -> Attribution:
    objects = [i for i in statement.subtree(according) if statement.tokens[i].dep == "pobj"]
    if not objects:
        return Attribution(None, None, None, None, None)
    head = statement.tokens[objects[0]]
    span = _span(statement, statement.subtree(objects[0]))
    kind = _channel_kind(statement, statement.subtree(objects[0]))
    if kind is not None:
        return Attribution(None, None, None, kind, span)
    key = f"E{head.entity_id}" if head.entity_id else head.lemma.lower()
    return Attribution(statement.text_at(span), key, span, None, None)


def _subject(statement: StatementInfo, verb: int) -> int | None:
    """The verb's subject; for "…, saying" or "and wrote" the subject of the governing verb."""
    seen = {verb}
    while True:
        # A parse may hang two subjects on "said" ("X supported it, her spokesman said"): the
        # speaker is the nearer one.
        subjects = [c for c in statement.children(verb) if statement.tokens[c].dep in SUBJECT_DEPS]
        if subjects:
            return min(subjects, key=lambda c: abs(c - verb))
        tok = statement.tokens[verb]
        if tok.dep not in ("advcl", "conj", "xcomp", "ccomp", "relcl") or tok.head in seen:
            return None
        verb = tok.head
        seen.add(verb)


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
    if tok.dep in ("compound", "amod", "poss") and tok.head != index:
        head = tok.head
    return statement.subtree(head)


def _span(statement: StatementInfo, indexes: list[int]) -> tuple[int, int]:
    tokens = statement.tokens
    return tokens[min(indexes)].start, tokens[max(indexes)].end
