"""Turn a raw document into a clean article: paragraphs, roles, metadata and one text."""

from __future__ import annotations

import re

from app.core.ingest import metadata as meta
from app.core.ingest.cleanup import BIDI_CONTROLS, normalise_characters, paragraphs
from app.core.ingest.dateline import Dateline, parse_dateline
from app.core.ingest.language import detect
from app.core.ingest.params import DEFAULT_PARAMS, IngestParams
from app.core.ingest.readers import RawDocument
from app.core.ingest.roles import assign_roles
from app.core.ingest.stamps import is_timestamp, published_from_stamps, signed_date
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


def _find_dateline(
    paras: list[str], roles: list[Role], params: IngestParams
) -> tuple[int, Dateline] | None:
    """The dateline opening one of the first body paragraphs, or standing alone on a line
    before them ("Mumbai, Nov 11 -", which looks like a heading)."""
    bodies = [i for i, role in enumerate(roles) if role is Role.BODY]
    first = bodies[0] if bodies else len(paras)
    for i in range(first):
        found = parse_dateline(paras[i], params) if roles[i] is Role.HEADING else None
        if found and found.length >= len(paras[i].rstrip()):
            return i, found
    for i in bodies[: params.dateline_search_body]:
        found = parse_dateline(paras[i], params)
        if found:
            return i, found
    return None


def _page_date(paras: list[str], roles: list[Role], params: IngestParams) -> str | None:
    """A publication date the page prints outside the article's sentences: an
    "Outlet, 14 April 2023" line, else its timestamps ("Published …" before "Updated …")."""
    furniture = [p for p, r in zip(paras, roles, strict=True) if r is not Role.BODY]
    for text in furniture:
        signed = signed_date(text, params)
        if signed:
            return signed
    return published_from_stamps([t for t in furniture if is_timestamp(t, params)])


def _blocks(
    paras: list[str], roles: list[Role], dateline: tuple[int, Dateline] | None
) -> list[Block]:
    """One block per paragraph, except that a dateline becomes a block of its own in front of
    its paragraph's body, so that it is shown but never part of a compared sentence."""
    blocks: list[Block] = []
    offset = 0
    for i, (text, role) in enumerate(zip(paras, roles, strict=True)):
        end = offset + len(text)
        if dateline is not None and dateline[0] == i:
            cut = dateline[1].length
            head = len(text[:cut].rstrip())
            if text[cut:].strip():
                blocks.append(Block(Role.BOILERPLATE, offset, offset + head))
                blocks.append(Block(role, offset + cut, end))
            else:
                blocks.append(Block(Role.BOILERPLATE, offset, end))
        else:
            blocks.append(Block(role, offset, end))
        offset = end + len(PARAGRAPH_BREAK)
    return blocks


def clean_article(raw: RawDocument, params: IngestParams = DEFAULT_PARAMS) -> CleanArticle:
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
        title_index = meta.guess_title_index(paras, params)
        title = paras[title_index] if title_index is not None else None

    language = _article_language(paras)
    author = hints.author or meta.author_from_text(paras, params)
    roles = assign_roles(paras, title_index, author, language, params)
    dateline = _find_dateline(paras, roles, params)
    published = (
        published
        or _page_date(paras, roles, params)
        or (dateline[1].published if dateline else None)
    )
    source = hints.source or meta.source_from_text(
        [p for p, r in zip(paras, roles, strict=True) if r is not Role.TITLE]
    )

    blocks = _blocks(paras, roles, dateline)
    text = PARAGRAPH_BREAK.join(paras)
    metadata = Metadata(
        title=title,
        published=published,
        source=source,
        url=hints.url,
        author=author,
        language=language,
    )
    controls = len(BIDI_CONTROLS.findall(raw.text))
    notes = (
        (f"{controls} text-direction control character(s) removed (they can disguise names)",)
        if controls
        else ()
    )
    return CleanArticle(text=text, blocks=tuple(blocks), metadata=metadata, notes=notes)
