"""Give every paragraph a role. Boilerplate and captions stay visible to readers but are never
compared as statements, so these rules err towards `body` when unsure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.core.ingest.language import is_foreign
from app.core.model import Role

_URL_BLOCK = re.compile(r"^(\s*(https?://|www\.)\S+\s*)+$")
_BOILERPLATE_START = re.compile(
    r"^(related (article|articles|posts|stories|content|reading|coverage)\b"
    r"|(read|see) (more|also)\b"
    r"|follow\b.{1,80}\bon\b.{0,30}(social media|twitter|facebook|instagram|telegram|x)\b"
    r"|(subscribe|sign up|share (this|on)|click here|download our app)\b"
    r"|includes reporting from\b|(additional )?reporting by\b|editing by\b|written by\b"
    r"|copyright\b|©|all rights reserved|advertisement$)",
    re.IGNORECASE,
)
# Lines that end the article proper: what follows them is site furniture.
_FOOTER_START = re.compile(
    r"^(follow\b.{1,80}\bon\b|related posts\b|share this\b|about the author\b)", re.IGNORECASE
)
_CAPTION_START = re.compile(
    r"^(photo|image|picture|screenshot|file photo|pictured|caption)\b\s*[/:\-–_0-9]?",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(
    r"\s[-–—]\s[^.!?]{0,60}(press service|press office|photo|images|pool|getty|reuters|afp"
    r"|associated press|epa|shutterstock|handout|via)[^.!?]{0,30}$",
    re.IGNORECASE,
)
# Image file labels such as "Atalayar_Serguei Lavrov, …": a word glued to a name by "_".
_IMAGE_LABEL = re.compile(r"^[A-Za-z0-9]+_[A-Z]")
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)\]]*$")
_BIO = re.compile(
    r"\b(is|was) (a|an|the)?\s*([\w-]+\s){0,4}(editor|correspondent|journalist|reporter|"
    r"writer|author|columnist|contributor|analyst)\b",
    re.IGNORECASE,
)


def _words(text: str) -> int:
    return len(text.split())


def looks_like_heading(text: str) -> bool:
    if _SENTENCE_END.search(text):
        return False
    if text.endswith(":"):
        return _words(text) <= 25
    return _words(text) <= 10 and text[:1].isupper()


def caption_or_boilerplate(text: str, author: str | None, language: str | None) -> Role | None:
    """The role a block has on its own evidence, or None when nothing marks it."""
    if _URL_BLOCK.match(text) or _BOILERPLATE_START.match(text):
        return Role.BOILERPLATE
    if author and (text == author or (text.startswith(author) and _BIO.search(text))):
        return Role.BOILERPLATE
    if _CAPTION_START.match(text) or _CREDIT_TAIL.search(text) or _IMAGE_LABEL.match(text):
        return Role.CAPTION
    if is_foreign(text, language):
        return Role.BOILERPLATE
    return None


def assign_roles(
    paragraphs: Sequence[str],
    title_index: int | None,
    author: str | None,
    language: str | None,
) -> list[Role]:
    roles: list[Role] = []
    in_footer = False
    for i, text in enumerate(paragraphs):
        if i == title_index:
            roles.append(Role.TITLE)
            continue
        own = caption_or_boilerplate(text, author, language)
        # A footer starts after the lead; near the top such a line is just a call to action.
        late = 5 * i >= 2 * len(paragraphs)
        in_footer = in_footer or (late and bool(_FOOTER_START.match(text)))
        if in_footer:
            roles.append(Role.BOILERPLATE)
        elif own is not None:
            roles.append(own)
        elif looks_like_heading(text) and i + 1 < len(paragraphs):
            roles.append(Role.HEADING)
        else:
            roles.append(Role.BODY)
    return _bio_runs(paragraphs, roles)


def _bio_runs(paragraphs: Sequence[str], roles: list[Role]) -> list[Role]:
    """An author bio is several short paragraphs after the byline: once a bio sentence is found
    in the last third, the rest of the article is boilerplate too."""
    start = (2 * len(paragraphs)) // 3
    for i in range(start, len(paragraphs)):
        if _BIO.search(paragraphs[i]) and _words(paragraphs[i]) < 40:
            for j in range(i, len(paragraphs)):
                roles[j] = Role.BOILERPLATE
            break
    return roles
