"""Names the NER missed that their words give away: a person after a title ("Detective
Superintendent Mark Ellery", "Cllr Whitlock") and an organisation ending in an
organisation's word ("the Prison Officers' Association", "Safer Streets Trust").

The small English model misses such names often in news prose (a rank before a name, an
apostrophe inside one), and a name missed in every article is one the collection-wide finders
(finder.py, gazetteer.py) cannot recover. Headlines are skipped: there every word is
capitalised.
"""

from __future__ import annotations

import re
from functools import cache

from app.core.entities import lexicon
from app.core.entities.records import ArticleInput, LinkMention
from app.core.entities.spans import is_headline

# a capitalised word of a name: "Ellery", "O'Neill", "Lowe-Barrett", "Ødegård". Possessive
# quantifiers, and names start only where a word starts: a run like "Aaaa-Bbbb-…" of 20,000
# characters took 3 s (quadratic backtracking from every capital inside it) and now takes none.
_NAME_WORD = r"[^\W\d_a-z][^\W\d_]*+(?:['’-][^\W\d_]++)*+"
_WORD_START = r"(?<![\w'’-])"


@cache
def _title_words() -> frozenset[str]:
    return (
        lexicon.words("person_titles") | lexicon.words("honorifics") | lexicon.words("rank_titles")
    )


@cache
def _titled() -> re.Pattern[str]:
    titles = sorted(_title_words(), key=len, reverse=True)
    title = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    name = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,2}}"
    # a title may end a hyphenated one ("Vice-Governor Soren Halvik")
    start = r"(?<![\w'’])"
    return re.compile(rf"{start}\b(?i:{title})\.?(?:\s+(?i:{title})\.?)*\s+(?P<name>{name})")


@cache
def _headed() -> re.Pattern[str]:
    heads = "|".join(h.capitalize() for h in sorted(lexicon.words("organisation_heads"),
                                                      key=len, reverse=True))  # fmt: skip
    word = rf"{_NAME_WORD}(?:['’]s?)?"
    joined = rf"{word}(?:[ ](?:of[ ]|and[ ]|for[ ])?{word}){{0,4}}"
    return re.compile(
        rf"{_WORD_START}\b(?!(?:The|A|An|This|That)\b)(?P<name>{joined}[ ](?:{heads}))\b"
    )


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in _title_words()


def pattern_names(article: ArticleInput, taken: list[tuple[int, int]]) -> list[LinkMention]:
    """PERSON and ORG mentions found by title and by organisation word, where no mention
    (of `taken`) already is."""
    text = article.text
    found: list[LinkMention] = []
    spans = list(taken)

    def add(start: int, end: int, label: str) -> None:
        if any(s < end and start < e for s, e in spans) or is_headline(text, start):
            return
        spans.append((start, end))
        found.append(LinkMention(article.id, start, end, text[start:end], label, (), "linker"))

    for m in _titled().finditer(text):
        if not m.group(0)[0].isupper():
            continue  # "the detective Ellery": a title in lower case is a description
        words = list(re.finditer(r"\S+", m.group("name")))
        # the name stops at another title or office word ("President Joe Biden Chief …")
        kept = []
        for w in words:
            if _is_title(w.group()) or w.group().lower() in lexicon.words("organisation_words"):
                break
            kept.append(w)
        if kept:
            start = m.start("name") + kept[0].start()
            end = m.start("name") + kept[-1].end()
            name = text[start:end]
            end -= len(name) - len(re.sub(r"['’]s$", "", name))  # "Ana Ruiz's"
            add(start, end, "PERSON")
    for m in _headed().finditer(text):
        start = m.start("name")
        first = m.group("name").split()[0]
        if first.lower() in lexicon.words("determiners") or _is_title(first):
            continue  # "The Association", "Minister …": no name of its own
        add(start, m.end("name"), "ORG")
    return found
