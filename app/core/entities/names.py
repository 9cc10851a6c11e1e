"""Name normalisation: the keys under which mentions of one entity meet.

`name_key("the European Commission’s")` → "european commission": determiners, honorifics,
possessives, quotes and accents go; case folds. `skeleton("Serguei")` → "sergei" additionally
flattens the usual transliteration variants (kh/h, y/i, gu/g, ou/u, doubled letters) so that
Alexei/Alexey, Sergei/Serguei and Zakharova/Zaharova share one spelling before rapidfuzz is asked
about what remains.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from app.core.entities import lexicon

DETERMINERS = lexicon.words("determiners")
HONORIFICS = lexicon.words("honorifics")
# Lower-case words inside surnames: "von der Leyen", "de Gaulle", "bin Salman".
PARTICLES = lexicon.words("surname_particles")
# Words that never start a name: "pro-Navalny" protesters are about Navalny.
AFFIX_PREFIXES = lexicon.ordered("affix_prefixes")
# Legal-form words that never tell two organisations apart: "Microsoft Corp." = "Microsoft".
CORPORATE = lexicon.words("corporate_suffixes")
CONNECTIVES = lexicon.words("connectives")

_POSSESSIVE = re.compile(r"(?:\s*['’‘`]\s*s|['’])$", re.IGNORECASE)
_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*\.?")


def fold(text: str) -> str:
    """Lower case without accents, other scripts transliterated: "Envíanos" → "envianos",
    "Навальный" → "naval'nyi"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not bare.isascii():
        bare = anyascii(bare).replace("'", "")  # the soft sign is no letter: Naval'nyi
    return bare.casefold()


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def words(text: str) -> list[str]:
    """Word tokens of a surface form, keeping inner hyphens and apostrophes ("Anti-Corruption")."""
    return _WORD.findall(text)


def name_tokens(text: str) -> list[str]:
    """Folded tokens of a name without determiners, honorifics, possessive or edge punctuation."""
    return list(_name_tokens(text))


@lru_cache(maxsize=65536)
def _name_tokens(text: str) -> tuple[str, ...]:
    text = strip_possessive(_EDGE_JUNK.sub("", text.strip()))
    tokens = [_undot(fold(w)) for w in words(text)]
    tokens = [t for t in tokens if t]
    while tokens and (tokens[0] in DETERMINERS or tokens[0] in HONORIFICS):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in CORPORATE:
        tokens = tokens[:-1]
    if tokens:
        for prefix in AFFIX_PREFIXES:
            if tokens[0].startswith(prefix) and len(tokens[0]) > len(prefix) + 2:
                tokens[0] = tokens[0][len(prefix) :]
    # "Kim Jong-un" = "Kim Jong Un" = "KIM JONG UN": a hyphen inside a name is a space.
    return tuple(piece for t in tokens for piece in t.split("-") if piece)


def _undot(token: str) -> str:
    """ "u.s." → "us", "st." → "st": dots never distinguish names."""
    return token.replace(".", "")


def name_key(text: str) -> str:
    """The exact-match key of a surface form ("" when nothing name-like is left)."""
    return " ".join(name_tokens(text))


def skeleton(token: str) -> str:
    """A transliteration-tolerant spelling of one folded token."""
    s = token.replace("kh", "h").replace("ck", "k").replace("ph", "f").replace("gu", "g")
    s = s.replace("ou", "u").replace("y", "i").replace("ij", "i").replace("j", "i")
    # British and American spellings: "Centre"/"Center", "Theatre"/"Theater", "Labour"/"Labor".
    s = re.sub(r"ur$", "or", re.sub(r"([^aeiou])re$", r"\1er", s)) if len(s) > 4 else s
    return re.sub(r"(.)\1+", r"\1", s)


def initials(tokens: list[str]) -> str:
    """Acronym letters of a multi-word name, skipping connectives: european union → "eu"."""
    return "".join(t[0] for t in tokens if t not in CONNECTIVES and t[:1].isalpha())


GENERATIONS = lexicon.words("generations")


def generation(tokens: list[str]) -> str:
    """ "jr", "iii"…, or "" for none and for "sr" (the father is usually named plainly)."""
    return tokens[-1] if len(tokens) > 2 and tokens[-1] in GENERATIONS - {"sr"} else ""


def split_person(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(given names, surname) of a person name; particles belong to the surname, a
    generational suffix ("Jr.") to neither."""
    if len(tokens) > 2 and tokens[-1] in GENERATIONS:
        tokens = tokens[:-1]
    if not tokens:
        return [], []
    cut = len(tokens) - 1
    while cut > 0 and tokens[cut - 1] in PARTICLES:
        cut -= 1
    return tokens[:cut], tokens[cut:]


def looks_like_acronym(text: str) -> bool:
    letters = re.sub(r"[.\s&]", "", text)
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
