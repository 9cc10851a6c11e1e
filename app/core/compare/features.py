"""What the comparison needs to know about each body statement, read from the stored parse.

Nothing here runs the spaCy model: tokens, lemmas, POS, dependencies and NER come back from the
DocBin stored at import (table article_docs), and entity identities from the mentions table, so
a better entity linker improves alignment without a change here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, TypeVar

import spacy
import sqlite_utils
from spacy.language import Language
from spacy.tokens import Doc, Token

from app.core.nlp.analyse import load_docs
from app.core.resources import load_json

# Derivations the lemmatiser leaves apart ("expulsion" / "expel") and near-synonyms of news
# copy; adjectives of nationality say what the country's name says ("Polish diplomats" are the
# "diplomats from Poland"). General lists only: resources/lexicon/alignment.json.
_LEXICON = load_json("lexicon/alignment.json")
CANONICAL_LEMMA: dict[str, str] = dict(_LEXICON["canonical_lemma"])
DEMONYMS: dict[str, str] = dict(_LEXICON["demonyms"])
CONTENT_POS = frozenset(_LEXICON["content_pos"])
# Reporting and light verbs carry no fact of their own.
LIGHT_LEMMAS = frozenset(_LEXICON["light_lemmas"])


@dataclass(slots=True)
class Tok:
    """One token of a statement; offsets are into the article text."""

    text: str
    lemma: str
    pos: str
    dep: str
    head: int  # index within the statement's tokens (itself for the root)
    start: int
    end: int
    is_stop: bool
    ent_type: str
    entity_id: int | None = None
    in_quote: bool = False


def in_capitals(tok: Tok) -> bool:
    """A word a tabloid sets in capitals ("GREEDY", "LOCKDOWN"): five letters or more, all
    letters (acronyms are shorter)."""
    return tok.text.isupper() and len(tok.text) >= 5 and tok.text.isalpha()


_CHILDREN = object()  # the memo's key for StatementInfo's children of every token


@dataclass(slots=True)
class StatementInfo:
    id: int
    article_id: int
    seq: int
    start: int
    end: int
    text: str
    tokens: list[Tok] = field(default_factory=list)
    # What `remembered` readings found (alignment and the difference finders both ask).
    memo: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def key(self) -> str:
        return f"s{self.id}"

    def text_at(self, span: tuple[int, int]) -> str:
        """Text of an article-offset span that lies inside this statement."""
        return self.text[span[0] - self.start : span[1] - self.start]

    def children(self, index: int) -> list[int]:
        return list(self._children_of().get(index, ()))

    def _children_of(self) -> dict[int, list[int]]:
        """Every token's children, found in one pass and kept in the memo: the finders ask
        for the children of token after token, and a pass over the statement for each was
        quadratic in its length. Heads are never changed once a token is made; a token list
        replaced or grown is read again."""
        tokens = self.tokens
        try:
            memo = self.memo
        except AttributeError:  # unpickled from before the field was added (bench caches)
            memo = self.memo = {}
        kept = memo.get(_CHILDREN)
        if kept is not None and kept[0] is tokens and kept[1] == len(tokens):
            found: dict[int, list[int]] = kept[2]
            return found
        children: dict[int, list[int]] = {}
        for i, t in enumerate(tokens):
            if t.head != i:
                children.setdefault(t.head, []).append(i)
        memo[_CHILDREN] = (tokens, len(tokens), children)
        return children

    def subtree(self, index: int) -> list[int]:
        found = [index]
        for i in found:
            found.extend(self.children(i))
        return sorted(found)


_T = TypeVar("_T")


_SEEN = object()  # the memo's key for what the statement was like when it was read


def remembered(statement: StatementInfo, key: Hashable, read: Callable[[], _T]) -> _T:
    """`read()` once per statement and `key`: alignment and then the difference finders ask
    for the same amounts and dates. What may change after the statement is built (its text
    and offset, its tokens, the quotation marks on them) is noted, and a statement changed
    since forgets what was read. Few objects are kept (a constant `key` is best): a memo per
    reading would make the garbage collector's full passes more frequent."""
    try:
        memo = statement.memo
    except AttributeError:  # unpickled from before the field was added (bench caches)
        memo = statement.memo = {}
    marks = 0
    for i, tok in enumerate(statement.tokens):
        if tok.in_quote:
            marks |= 1 << i
    seen = (statement.text, statement.start, len(statement.tokens), marks)
    if memo.get(_SEEN) != seen:
        memo.clear()
        memo[_SEEN] = seen
    if key not in memo:
        memo[key] = read()
    result: _T = memo[key]
    return result


@dataclass(slots=True)
class ArticleInfo:
    id: int
    text: str
    published: str | None
    label: str
    statements: list[StatementInfo] = field(default_factory=list)


@cache
def vocab_owner() -> Language:
    """The stored DocBins carry their own strings: a blank pipeline is enough to read them."""
    return spacy.blank("en")


def verb_stem(lemma: str) -> str:
    """ "injured", "injure", "injuring" → "injur": the stem by which participles, verbs and the
    events of dates meet."""
    lemma = lemma.lower()
    return re.sub(r"(?:ing|ed|e|d)$", "", lemma) or lemma


def canonical(lemma: str) -> str:
    lemma = lemma.lower()
    return CANONICAL_LEMMA.get(lemma) or DEMONYMS.get(lemma, lemma)


def content_lemma(tok: Tok) -> str | None:
    """The canonical lemma of a word that carries content, else None."""
    if tok.pos not in CONTENT_POS or tok.is_stop:
        return None
    return _content_word(tok.text, tok.lemma)


@lru_cache(maxsize=65536)
def _content_word(text: str, lemma: str) -> str | None:
    """content_lemma past the part of speech, remembered: alignment asks for every word of
    every statement several times over (features, concepts, word pairs, frames)."""
    if not any(c.isalnum() for c in text):
        return None
    lemma = canonical(lemma)
    return lemma if lemma not in LIGHT_LEMMAS and len(lemma) > 1 else None


def content_lemmas(statement: StatementInfo) -> list[str]:
    """Lower-cased canonical lemmas of the words that carry the statement's content."""
    return [lemma for tok in statement.tokens if (lemma := content_lemma(tok))]


# A modifier inside a name or noun phrase ("human rights", "High Representative", "Alexei
# Navalny") names one thing together with its head: shared, they are one piece of evidence.
PHRASE_DEPS = frozenset(_LEXICON["phrase_deps"])


def lemma_concepts(statement: StatementInfo) -> dict[str, str]:
    """Each content lemma → the thing it names: the linked entity of a name ("Josep" and
    "Borrell" are one person), else the phrase it belongs to (its head, followed up through
    compound and adjective links), so that overlap can be counted in things, not words."""
    tokens = statement.tokens
    result: dict[str, str] = {}
    for index, tok in enumerate(tokens):
        lemma = content_lemma(tok)
        if lemma is None or lemma in result:
            continue
        if tok.entity_id is not None:
            result[lemma] = f"E:{tok.entity_id}"
            continue
        head, steps = index, 0
        while tokens[head].dep in PHRASE_DEPS and tokens[head].head != head and steps < 5:
            head, steps = tokens[head].head, steps + 1
        owner = tokens[head].entity_id  # "Foreign Minister" in "Foreign Minister Sergei Lavrov"
        result[lemma] = f"E:{owner}" if owner is not None else f"P:{head}"
    return result


def dependency_pairs(statement: StatementInfo) -> list[str]:
    """Content word pairs linked in the parse ("expel>russia" for "Russia expelled"), through
    prepositions; they tell "Russia expelled diplomats" from "Poland expelled a Russian"."""
    pairs: list[str] = []
    tokens = statement.tokens
    for tok in tokens:
        lemma = content_lemma(tok)
        if lemma is None or tok.dep in ("compound", "conj"):
            continue
        head = tokens[tok.head]
        if head.pos == "ADP" and head.head != tok.head:
            head = tokens[head.head]
        head_lemma = content_lemma(head)
        if head_lemma and head_lemma != lemma and head is not tok:
            pairs.append(f"{head_lemma}>{lemma}")
    return pairs


def load_articles(
    db: sqlite_utils.Database, article_ids: Iterable[int], body_only: bool = True
) -> list[ArticleInfo]:
    """The articles with their (body) statements, tokens and entity ids."""
    articles: list[ArticleInfo] = []
    for article_id in article_ids:
        row = db.execute(
            "SELECT id, text, published, coalesce(source, title, path) FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            continue
        article = ArticleInfo(int(row[0]), row[1], row[2], row[3])
        role_filter = " AND role = 'body'" if body_only else ""
        for sid, seq, start, end in db.execute(
            f'SELECT id, seq, start, "end" FROM statements WHERE article_id = ?{role_filter}'
            " ORDER BY seq",
            [article_id],
        ).fetchall():
            article.statements.append(
                StatementInfo(sid, article_id, seq, start, end, article.text[start:end])
            )
        _attach_tokens(db, article)
        articles.append(article)
    return articles


def _attach_tokens(db: sqlite_utils.Database, article: ArticleInfo) -> None:
    stored = db.execute(
        "SELECT segment_starts, doc_bytes FROM article_docs WHERE article_id = ?", [article.id]
    ).fetchone()
    if stored is None or not article.statements:
        return
    entity_at = _entity_offsets(db, article.id)
    by_start = {st.start: st for st in article.statements}
    docs = load_docs(vocab_owner(), stored[1])
    for seg_start, doc in zip(json.loads(stored[0]), docs, strict=True):
        for sent in doc.sents:
            statement = by_start.get(seg_start + sent.start_char)
            if statement is None:
                continue
            for token in sent:
                start = seg_start + token.idx
                statement.tokens.append(_tok(token, start, sent.start, entity_at.get(start)))


def _tok(token: Token, start: int, sentence_start: int, entity_id: int | None) -> Tok:
    return Tok(
        text=token.text, lemma=token.lemma_ or token.text, pos=token.pos_, dep=token.dep_,
        head=token.head.i - sentence_start, start=start, end=start + len(token.text),
        is_stop=token.is_stop, ent_type=token.ent_type_, entity_id=entity_id,
    )  # fmt: skip


def statement_from_doc(doc: Doc, statement_id: int = 1, article_id: int = 1) -> StatementInfo:
    """A one-sentence Doc as a statement at offset 0 (tests, and text that is not stored)."""
    statement = StatementInfo(statement_id, article_id, 0, 0, len(doc.text), doc.text)
    statement.tokens = [_tok(t, t.idx, 0, None) for t in doc]
    return statement


def _entity_offsets(db: sqlite_utils.Database, article_id: int) -> dict[int, int]:
    """Every character offset inside a linked mention → the mention's entity id."""
    result: dict[int, int] = {}
    for start, end, entity_id in db.execute(
        'SELECT start, "end", entity_id FROM mentions'
        " WHERE article_id = ? AND entity_id IS NOT NULL",
        [article_id],
    ).fetchall():
        for position in range(start, end):
            result[position] = int(entity_id)
    return result
