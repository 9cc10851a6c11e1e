"""Give every paragraph a role. Boilerplate and captions stay visible to readers but are never
compared as statements, so these rules err towards `body` when unsure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.core.ingest.byline import parse_byline
from app.core.ingest.language import is_foreign
from app.core.ingest.lexicon import words
from app.core.ingest.params import DEFAULT_PARAMS, IngestParams
from app.core.ingest.stamps import is_timestamp, signed_date
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
# A caption's photo credit in brackets at its end: "(AP Photo/Jane Roe)", "(Photo: Getty)".
_CREDIT_BRACKET = re.compile(r"\((?:[\w.]+\s)?photo(?:graph)?\b[^()]*\)\s*$", re.IGNORECASE)
_QUESTION = re.compile(r"\?['\"’”)]*$")
_QUOTE_OPEN = re.compile(r"^[\"“‘'«]")
# A sentence may end in a closing quote set off by a space ('… party girl. "').
_SENTENCE_END = re.compile(r"[.!?…]\s?['\"’”)\]]*$")
# A line that ends in a comma or semicolon, or runs on in lower case, is a broken sentence.
_RUNS_ON = re.compile(r"[,;]['\"’”)\]]*$")
_BIO = re.compile(
    r"\b(is|was) (a|an|the)?\s*([\w-]+\s){0,4}(editor|correspondent|journalist|reporter|"
    r"writer|author|columnist|contributor|analyst)\b",
    re.IGNORECASE,
)


def _words(text: str) -> int:
    return len(text.split())


def _continues(next_text: str) -> bool:
    """The next paragraph carries on the sentence (a lower-case start that is not a link or a
    timestamp such as "updated 7/28/2004")."""
    return (
        next_text[:1].islower() and not _URL_BLOCK.match(next_text) and not is_timestamp(next_text)
    )


def looks_like_heading(text: str, next_text: str = "") -> bool:
    if _SENTENCE_END.search(text) or _RUNS_ON.search(text) or _continues(next_text):
        return False
    if text.endswith(":"):
        return _words(text) <= 25
    return _words(text) <= 10 and text[:1].isupper()


def is_prompt(text: str, params: IngestParams = DEFAULT_PARAMS) -> bool:
    """A call to action or link label ("Read more", "Sign up to our newsletter"): a short line
    that starts with a prompt, or any line where a colon or an arrow follows the prompt."""
    lowered = text.lower()
    for prompt in words("prompt_starts"):
        if not lowered.startswith(prompt):
            continue
        rest = lowered[len(prompt) :]
        if rest[:1].isalnum():  # "Readmore" is not "Read more"; "Sign upgrade" is not a prompt
            continue
        if prompt.endswith(":") or rest.lstrip()[:1] in (":", "»", "›", "→", "|", ">"):
            return True
        if len(text.split()) <= params.prompt_max_words:
            return True
    return False


_READ_TIME = re.compile(r"^\d{1,3}\s?(min|mins|minute|minutes)(\s?read)?$", re.IGNORECASE)


def _labelled(text: str, starts: frozenset[str]) -> bool:
    """The line opens with a caption label and a separator ("Image source: …", "Photo | …")."""
    lowered = text.lower()
    return any(
        lowered.startswith(label) and lowered[len(label) : len(label) + 1] in (":", "|", "/", ",")
        for label in starts
    )


def _credit_label_tail(text: str) -> bool:
    """A caption that ends in its credit: "… on Tuesday. Photograph: Jane Roe/Agency"."""
    match = re.search(r"[.!?]\s+([A-Za-z]+)\s?:\s?[^.!?:]{1,60}$", text)
    return match is not None and match.group(1).lower() in words("caption_labels")


def is_caption(text: str) -> bool:
    return bool(
        _CAPTION_START.match(text)
        or _CREDIT_TAIL.search(text)
        or _IMAGE_LABEL.match(text)
        or _CREDIT_BRACKET.search(text)
        or _labelled(text, words("caption_starts"))
        or _credit_label_tail(text)
    )


def caption_or_boilerplate(
    text: str, author: str | None, language: str | None, params: IngestParams = DEFAULT_PARAMS
) -> Role | None:
    """The role a block has on its own evidence, or None when nothing marks it."""
    # Credits often come in brackets: "(Reporting by Jane Roe; Editing by John Doe)".
    opened = text.lstrip("([{ ")
    if (
        _URL_BLOCK.match(text)
        or _BOILERPLATE_START.match(opened)
        or is_prompt(opened, params)
        or _READ_TIME.match(text)
    ):
        return Role.BOILERPLATE
    if author and (text == author or (text.startswith(author) and _BIO.search(text))):
        return Role.BOILERPLATE
    # Page furniture that is metadata: a byline, a timestamp, an "Outlet, 14 April 2023" line.
    if parse_byline(text, params) or is_timestamp(text, params) or signed_date(text, params):
        return Role.BOILERPLATE
    if is_caption(text):
        return Role.CAPTION
    if is_foreign(text, language):
        return Role.BOILERPLATE
    return None


def assign_roles(
    paragraphs: Sequence[str],
    title_index: int | None,
    author: str | None,
    language: str | None,
    params: IngestParams = DEFAULT_PARAMS,
) -> list[Role]:
    roles: list[Role] = []
    in_footer = False
    for i, text in enumerate(paragraphs):
        if i == title_index:
            roles.append(Role.TITLE)
            continue
        own = caption_or_boilerplate(text, author, language, params)
        # A footer starts after the lead; near the top such a line is just a call to action.
        late = 5 * i >= 2 * len(paragraphs)
        in_footer = in_footer or (late and bool(_FOOTER_START.match(text)))
        if in_footer:
            roles.append(Role.BOILERPLATE)
        elif own is not None:
            roles.append(own)
        elif i + 1 < len(paragraphs) and looks_like_heading(text, paragraphs[i + 1]):
            roles.append(Role.HEADING)
        else:
            roles.append(Role.BODY)
    return _question_headings(paragraphs, _bio_runs(paragraphs, roles), params)


def _question_headings(
    paragraphs: Sequence[str], roles: list[Role], params: IngestParams
) -> list[Role]:
    """An explainer's questions ("What has happened?" followed by its answer) head the answers:
    short questions, each followed by a statement, at least `question_headings_min` of them."""
    found = [
        i
        for i in range(len(paragraphs) - 1)
        if roles[i] is Role.BODY
        and roles[i + 1] is Role.BODY
        and _QUESTION.search(paragraphs[i])
        and not _QUOTE_OPEN.match(paragraphs[i])
        and _words(paragraphs[i]) <= params.question_heading_max_words
        and not _QUESTION.search(paragraphs[i + 1])
    ]
    if len(found) >= params.question_headings_min:
        for i in found:
            roles[i] = Role.HEADING
    return roles


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
