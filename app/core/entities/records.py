"""Records passed between the linker's stages (all offsets index the article's cleaned text)."""

from __future__ import annotations

from dataclasses import dataclass, field

# NER labels that name things; numbers and times are not linked across articles.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "LANGUAGE"}
)  # fmt: skip
DATE_LABEL = "DATE"
# Tie-break for the majority label: a person mislabelled ORG as often as PERSON stays a person.
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART",
                  "LAW", "LANGUAGE", "DATE")  # fmt: skip


@dataclass(frozen=True, slots=True)
class ArticleInput:
    id: int
    text: str
    published: str | None = None  # ISO date


@dataclass(slots=True)
class LinkMention:
    """A mention as the linker sees it; `sources` are the NER mention ids it was made from
    (empty for a mention the linker found itself), `origin` is "ner" when it is an NER span
    unchanged, else "linker"."""

    article_id: int
    start: int
    end: int
    text: str
    label: str
    sources: tuple[int, ...] = ()
    origin: str = "ner"
    value: str | None = None
    anchor: str | None = None  # the date a relative DATE was resolved against


@dataclass(slots=True)
class Descriptor:
    article_id: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class LinkedEntity:
    name: str
    label: str
    value: str | None
    mentions: list[int]  # indices into LinkResult.mentions
    descriptors: list[Descriptor] = field(default_factory=list)


@dataclass(slots=True)
class LinkResult:
    mentions: list[LinkMention]
    entities: list[LinkedEntity]
