"""Run spaCy over articles' blocks and turn the Docs into statements and mentions.

Each block is analysed on its own, so a sentence never crosses a paragraph, a caption or a
piece of boilerplate. Offsets are moved back into the article's cleaned text.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from app.core.model import ArticleAnalysis, CleanArticle, Mention, Statement
from app.core.nlp.workers import guard_worker_processes

T = TypeVar("T")

# spaCy's parser and NER see at most this many characters at once; longer blocks are cut at
# white space (a 20 MB file can be one "paragraph").
MAX_SEGMENT_CHARS = 20_000
DOC_ATTRS = ["ORTH", "LEMMA", "TAG", "POS", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    text: str
    block: int


def segments(article: CleanArticle) -> list[Segment]:
    result: list[Segment] = []
    for index, block in enumerate(article.blocks):
        start = block.start
        while start < block.end:
            end = min(block.end, start + MAX_SEGMENT_CHARS)
            if end < block.end:
                cut = article.text.rfind(" ", start + MAX_SEGMENT_CHARS // 2, end)
                end = cut if cut > start else end
            piece = article.text[start:end]
            if piece.strip():
                result.append(Segment(start, piece, index))
            start = end
    return result


def build_analysis(article: CleanArticle, segs: list[Segment], docs: list[Doc]) -> ArticleAnalysis:
    analysis = ArticleAnalysis()
    store = DocBin(attrs=DOC_ATTRS, store_user_data=False)
    for seg, doc in zip(segs, docs, strict=True):
        role = article.blocks[seg.block].role
        for sent in doc.sents:
            text = sent.text
            if not text.strip():
                continue
            start = seg.start + sent.start_char
            analysis.statements.append(Statement(start, start + len(text), role))
        for ent in doc.ents:
            start = seg.start + ent.start_char
            analysis.mentions.append(Mention(start, start + len(ent.text), ent.text, ent.label_))
        store.add(doc)
        analysis.segment_starts.append(seg.start)
    analysis.doc_bytes = store.to_bytes()
    return analysis


class _Pending(Generic[T]):
    __slots__ = ("article", "docs", "item", "segs")

    def __init__(self, item: T, article: CleanArticle | None) -> None:
        self.item = item
        self.article = article
        self.segs = segments(article) if article is not None else []
        self.docs: list[Doc] = []


def analyse_stream(
    nlp: Language,
    items: Iterable[tuple[T, CleanArticle | None]],
    n_process: int = 1,
    batch_size: int = 32,
    on_doc: Callable[[T, int, int], None] | None = None,
) -> Iterator[tuple[T, ArticleAnalysis | None]]:
    """Analyse articles as they stream in; items with no article pass through in order.

    The input generator is consumed lazily by nlp.pipe, so reading and cleaning the next
    files overlaps the model's work when n_process > 1. `on_doc(item, done, total)` is told of
    every segment analysed, for progress inside a long article.
    """
    pending: deque[_Pending[T]] = deque()

    def texts() -> Iterator[tuple[str, int]]:
        for item, article in items:
            entry = _Pending(item, article)
            pending.append(entry)
            for seg in entry.segs:
                yield seg.text, id(entry)

    def ready() -> Iterator[tuple[T, ArticleAnalysis | None]]:
        while pending and len(pending[0].docs) == len(pending[0].segs):
            head = pending.popleft()
            if head.article is None:
                yield head.item, None
            else:
                yield head.item, build_analysis(head.article, head.segs, head.docs)

    if n_process > 1:
        guard_worker_processes()
    for doc, _ in nlp.pipe(texts(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        yield from ready()  # items with no text that were queued before this doc
        head = pending[0]
        head.docs.append(doc)
        if on_doc is not None:
            on_doc(head.item, len(head.docs), len(head.segs))
        yield from ready()
    yield from ready()


def load_docs(nlp_vocab_owner: Language, doc_bytes: bytes) -> list[Doc]:
    """The stored parse of an article, one Doc per analysed segment."""
    return list(DocBin().from_bytes(doc_bytes).get_docs(nlp_vocab_owner.vocab))
