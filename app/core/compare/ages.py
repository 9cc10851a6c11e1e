"""Ages of the people a statement describes, as amounts of "age" held by that person: "the
driver, 51," / "a 52-year-old from Tarrowby" / "the 52-year-old driver" / "aged 52".

Two reports giving one person two ages is a number divergence. The unit names whose age it
is when a name holds it ("age:E12", a linked entity, else the name); an age held by a common
noun ("an 84-year-old woman", "a patient in her nineties") is plain "age", which the number
finder compares with the one named holder of the group, if there is one: one report's
"84-year-old woman" is another's "Edna Pryce, 84". Two named people's ages are never compared.
"""

from __future__ import annotations

import re
from functools import cache

from app.core.compare.features import StatementInfo, Tok, canonical
from app.core.compare.params import alternation, lexicon
from app.core.compare.quantities import Quantity, parse_number

AGE = "age"  # held by a common noun: see the module's docstring
MAX_AGE = 120
_CLOSING = frozenset({",", ".", ")", ";", ":"})


@cache
def _lexicon() -> tuple[dict[str, int], dict[str | None, tuple[int, int]], frozenset[str],
                        re.Pattern[str]]:  # fmt: skip
    """The decade words ("nineties": 90), the parts of a decade ("early": 0-3), the words
    between a figure and "old" ("52-year-old"), and the pattern of "in her (early) nineties"."""
    lex = lexicon()
    decades: dict[str, int] = lex["age_decades"]
    parts: dict[str | None, tuple[int, int]] = {
        word: (low, high) for word, (low, high) in lex["age_decade_parts"].items()
    }
    parts[None] = (0, 9)
    pattern = re.compile(
        r"\bin\s+(?:his|her|their)\s+(?P<part>"
        + alternation(list(lex["age_decade_parts"]))
        + r")?[\s-]*(?P<decade>"
        + alternation(list(decades))
        + r"|[2-9]0'?s)\b",
        re.IGNORECASE,
    )
    return decades, parts, frozenset(lex["age_year_words"]), pattern


def ages(statement: StatementInfo) -> list[Quantity]:
    """Every age the statement gives, outside quotations, with whose age it is."""
    tokens = statement.tokens
    found = []
    for i, tok in enumerate(tokens):
        if tok.pos != "NUM" or tok.in_quote or not tok.text.isascii():
            continue
        # "¹" is a digit to str.isdigit but no number to int(); "six", "SEVEN" are ages too
        # ("a six-year-old male" / "the SEVEN-year-old male")
        if tok.text.isdigit():
            value = int(tok.text)
        elif tok.text.isalpha() and (word := parse_number(tok.text)) is not None:
            value = int(word) if word == int(word) else 0
        else:
            continue
        if not 0 < value < MAX_AGE:
            continue
        holder = _holder(statement, i)
        if holder is None:
            continue
        found.append(Quantity(tok.start, tok.end, tok.text, float(value), float(value),
                              _unit(tokens[holder]), nominal=float(value)))  # fmt: skip
    return found + _decades(statement)


def _decades(statement: StatementInfo) -> list[Quantity]:
    """ "a patient in her nineties": an age range, held by the noun "in" hangs on."""
    tokens = statement.tokens
    decades, parts, _, pattern = _lexicon()
    found = []
    for m in pattern.finditer(statement.text):
        start = statement.start + m.start()
        at = next((i for i, t in enumerate(tokens) if t.start == start), None)
        if at is None or tokens[at].in_quote:
            continue
        holder = _noun(statement, tokens[at].head)
        if holder is None:
            continue
        word = m.group("decade").lower()
        base = decades.get(word) or int(word[:2])
        part = m.group("part").lower() if m.group("part") else None
        low, high = base + parts[part][0], base + parts[part][1]
        found.append(Quantity(start, statement.start + m.end(), m.group(0), float(low),
                              float(high), _unit(tokens[holder]), nominal=(low + high) / 2,
                              ranged=True))  # fmt: skip
    return found


def _holder(statement: StatementInfo, index: int) -> int | None:
    """The noun whose age the number at `index` gives, if it gives one."""
    tokens = statement.tokens
    tok = tokens[index]
    # "the driver, 51,": a bare number set off by commas beside a noun or a name
    if (
        tok.dep == "appos" and index > 0 and tokens[index - 1].text == ","
        and index + 1 < len(tokens) and tokens[index + 1].text in _CLOSING
    ):  # fmt: skip
        return _noun(statement, tok.head)
    # "a 52-year-old", "52 years old": the number, year words, then "old"
    for j in range(index + 1, min(index + 5, len(tokens))):
        word = tokens[j].text.lower()
        if word == "old" and j > index + 1:
            old = tokens[j]
            if old.dep in ("amod", "appos"):  # "the 52-year-old driver", "the driver, a 52-…"
                return _noun(statement, old.head)
            return None  # "he is 52 years old": a pronoun's age names no one
        if word not in _lexicon()[2]:
            break
    # "the driver, aged 52"
    head = tokens[tok.head]
    if head.lemma.lower() in ("age", "aged") and head.dep in ("acl", "amod"):
        return _noun(statement, head.head)
    return None


def _unit(owner: Tok) -> str:
    if owner.entity_id is not None:
        return f"age:E{owner.entity_id}"
    return f"age:{canonical(owner.lemma)}" if owner.pos == "PROPN" else AGE


def _noun(statement: StatementInfo, index: int) -> int | None:
    tok = statement.tokens[index]
    return index if tok.pos in ("NOUN", "PROPN") and index != -1 else None
