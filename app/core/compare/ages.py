"""Ages of the people a statement describes, as amounts of "age" held by that person: "the
driver, 51," / "a 52-year-old from Tarrowby" / "the 52-year-old driver" / "aged 52".

Two reports giving one person two ages is a number divergence; ages of different people are
different things counted (the unit names whose age it is: a linked entity, else the noun).
"""

from __future__ import annotations

from app.core.compare.features import StatementInfo, canonical
from app.core.compare.quantities import Quantity

MAX_AGE = 120
_CLOSING = frozenset({",", ".", ")", ";", ":"})
_YEAR_WORDS = frozenset({"-", "year", "years"})


def ages(statement: StatementInfo) -> list[Quantity]:
    """Every age the statement gives, outside quotations, with whose age it is."""
    tokens = statement.tokens
    found = []
    for i, tok in enumerate(tokens):
        # "¹" is a digit to str.isdigit but no number to int()
        if tok.pos != "NUM" or tok.in_quote or not (tok.text.isascii() and tok.text.isdigit()):
            continue
        value = int(tok.text)
        if not 0 < value < MAX_AGE:
            continue
        holder = _holder(statement, i)
        if holder is None:
            continue
        owner = tokens[holder]
        key = f"E{owner.entity_id}" if owner.entity_id is not None else canonical(owner.lemma)
        found.append(Quantity(tok.start, tok.end, tok.text, float(value), float(value),
                              f"age:{key}", nominal=float(value)))  # fmt: skip
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
        if word not in _YEAR_WORDS:
            break
    # "the driver, aged 52"
    head = tokens[tok.head]
    if head.lemma.lower() == "age" and head.dep == "acl":
        return _noun(statement, head.head)
    return None


def _noun(statement: StatementInfo, index: int) -> int | None:
    tok = statement.tokens[index]
    return index if tok.pos in ("NOUN", "PROPN") and index != -1 else None
