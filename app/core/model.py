"""Small immutable records passed between the core's stages.

All offsets are Python str indices into the article's cleaned text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit of an article's cleaned text."""

    role: Role
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    published: str | None = None  # ISO date
    source: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """An article after reading and clean-up, before NLP."""

    text: str
    blocks: tuple[Block, ...]
    metadata: Metadata
    notes: tuple[str, ...] = ()  # what clean-up changed that a user should know

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence-level unit; statements never cross block boundaries."""

    start: int
    end: int
    role: Role


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention as the NER found it."""

    start: int
    end: int
    text: str
    label: str


@dataclass(slots=True)
class ArticleAnalysis:
    """What NLP produced for one article; `doc_bytes` is a serialised spaCy DocBin
    (one Doc per analysed segment) so later stages need not run the model again."""

    statements: list[Statement] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    doc_bytes: bytes = b""
    segment_starts: list[int] = field(default_factory=list)
