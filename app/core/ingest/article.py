"""Turn a raw document into a clean article: paragraphs, roles, metadata and one text."""

from __future__ import annotations

import re

from app.core.ingest import metadata as meta
from app.core.ingest.cleanup import normalise_characters, paragraphs
from app.core.ingest.language import detect
from app.core.ingest.readers import RawDocument
from app.core.ingest.roles import assign_roles
from app.core.model import Block, CleanArticle, Metadata, Role

PARAGRAPH_BREAK = "\n\n"
_URL_LINE = re.compile(r"^\s*(https?://|www\.)\S+\s*$")


def _group_url_lines(paras: list[str]) -> list[str]:
    """Consecutive bare URLs form one block: a list of links is one piece of site furniture."""
    grouped: list[str] = []
    for text in paras:
        if _URL_LINE.match(text) and grouped and _URL_LINE.match(grouped[-1].split("\n")[-1]):
            grouped[-1] = f"{grouped[-1]}\n{text}"
        else:
            grouped.append(text)
    return grouped


def _article_language(paras: list[str]) -> str | None:
    sample = " ".join(p for p in paras if len(p.split()) >= 8)[:20_000]
    if len(sample.split()) < 5:
        return None
    lang, _ = detect(sample)
    return lang


def clean_article(raw: RawDocument) -> CleanArticle:
    paras = _group_url_lines(paragraphs(normalise_characters(raw.text)))
    hints = raw.metadata
    published = meta.normalise_date(hints.published)
    title: str | None = hints.title.strip() if hints.title else None
    title_index: int | None = None

    dated = meta.parse_date_line(paras[0]) if paras else None
    if dated:
        published = published or dated[0]
        head, standfirst = meta.split_title(dated[1])
        title = head
        paras[0:1] = [head] + ([standfirst] if standfirst else [])
        title_index = 0
    elif title:
        paras.insert(0, title)
        title_index = 0
    else:
        title_index = meta.guess_title_index(paras)
        title = paras[title_index] if title_index is not None else None

    language = _article_language(paras)
    author = hints.author or meta.author_from_text(paras)
    roles = assign_roles(paras, title_index, author, language)
    source = hints.source or meta.source_from_text(
        [p for p, r in zip(paras, roles, strict=True) if r is not Role.TITLE]
    )

    blocks: list[Block] = []
    offset = 0
    for text, role in zip(paras, roles, strict=True):
        blocks.append(Block(role, offset, offset + len(text)))
        offset += len(text) + len(PARAGRAPH_BREAK)
    text = PARAGRAPH_BREAK.join(paras)
    metadata = Metadata(
        title=title,
        published=published,
        source=source,
        url=hints.url,
        author=author,
        language=language,
    )
    return CleanArticle(text=text, blocks=tuple(blocks), metadata=metadata)
