"""Units of the comparison: amounts, dates, quotation diffs with exact spans, the synopsis."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils
from spacy.language import Language

from app.core.compare.dates import date_mentions
from app.core.compare.features import StatementInfo, remembered, statement_from_doc
from app.core.compare.params import lexicon
from app.core.compare.quantities import _patterns, _scan, quantities
from app.core.compare.quotediff import QuotePart, Rendering, collate, same_quotation, words


@pytest.fixture(scope="module")
def parse(nlp: Language) -> Callable[[str], StatementInfo]:
    return lambda text: statement_from_doc(nlp(text))


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Russia expelled three EU diplomats", 3, 3, "diplomat"),
        ("Moscow expelled several European diplomats", 3, 9, "diplomat"),
        ("detentions of over 10,000 people", 10_000, 20_000, "people"),
        ("thousands of supporters were held", 2_000, 9_999, "people"),  # ten thousand is "tens of"
        ("a sentence of nearly three years in prison", 2.7, 3.0, "year"),
        ("he must serve two years and eight months in jail", 2.667, 2.667, "year"),
        ("Hungary bought about 2 million doses of the vaccine", 1_600_000, 2_400_000, "dos"),
    ],
)
def test_amounts_become_ranges(
    parse: Callable[[str], StatementInfo], text: str, low: float, high: float, unit: str
) -> None:
    found = quantities(parse(text))
    assert [(q.low, q.high, q.unit) for q in found] == [(low, high, unit)]
    assert text[found[0].start : found[0].end] == found[0].text


def test_compatible_amounts_vary_and_incompatible_ones_conflict(
    parse: Callable[[str], StatementInfo],
) -> None:
    (three,) = quantities(parse("Russia expelled three diplomats."))
    (several,) = quantities(parse("Russia expelled several diplomats."))
    (one,) = quantities(parse("One Estonian MEP called for him to resign."))
    (seventy_three,) = quantities(parse("Already 73 MEPs have called for his resignation."))
    (nearly,) = quantities(parse("He got nearly three years in prison."))
    (exact,) = quantities(parse("He will serve two years and eight months in jail."))
    assert three.compatible(several) and not three.same(several)
    # "nearly" rounds within a tenth: two years and eight months is further off than that
    assert not nearly.compatible(exact)
    assert one.unit == seventy_three.unit == "mep"
    assert not one.compatible(seventy_three)


def test_the_quick_cue_lets_every_kind_of_amount_through() -> None:
    """A statement is scanned for amounts only when it holds the cue: every phrase the
    patterns read without a digit must hold it (else its amounts vanish silently)."""
    lex = lexicon()
    phrases = [*lex["number_words"], *lex["fractions"], *lex["vague_amounts"], "a dozen"]
    phrases += [f"tens of {big}" for big in ("thousands", "millions")]
    phrases += [f"a {unit}" for unit in lex["duration_units"] if unit != "second"]
    for phrase in phrases:
        text = f"Officials said {phrase} of the people left the town"
        assert _patterns().amount_cue.search(text), phrase
    assert _scan("Officials said a third of the people left") != []
    assert _scan("He served a year in prison") != []
    assert _scan("The council met on Tuesday and the mayor spoke.") == []


def test_dates_and_years_are_not_amounts(parse: Callable[[str], StatementInfo]) -> None:
    assert quantities(parse("Ministers meet on February 22nd, as in 2021.")) == []


def test_weekdays_resolve_against_the_publication_date(
    parse: Callable[[str], StatementInfo],
) -> None:
    monday = date_mentions(parse("They hosted a meeting on Monday."), "2021-02-08")
    tuesday = date_mentions(parse("Tuesday they attended a meeting."), "2021-02-09")
    last = date_mentions(parse("It was the sentence handed last Tuesday."), "2021-02-08")
    future = date_mentions(parse("Ministers will meet on February 22."), "2021-02-08")
    assert [m.value for m in monday] == ["2021-02-08"]
    assert [m.value for m in tuesday] == ["2021-02-09"]
    assert [m.value for m in last] == ["2021-02-02"]
    assert [m.value for m in future] == ["2021-02-22"]
    unknown = date_mentions(parse("Talks began on Friday."), None)
    assert [m.value for m in unknown] == ["weekday:friday"]


def test_a_future_word_of_another_clause_leaves_a_past_verb_s_weekday_in_the_past(
    parse: Callable[[str], StatementInfo],
) -> None:
    # Saturday 26 September 2026 and Wednesday 11 June 2025
    struck = parse("Musicians went on strike on Friday in a dispute over plans to cut jobs.")
    cancelled = parse("In all, 84 scheduled flights were cancelled on Monday.")
    planned = parse("The concert is scheduled to take place on Friday.")
    held = parse("The ballot will be held on Friday, the union said.")
    assert [m.value for m in date_mentions(struck, "2026-09-26")] == ["2026-09-25"]
    assert [m.value for m in date_mentions(cancelled, "2025-06-11")] == ["2025-06-09"]
    assert [m.value for m in date_mentions(planned, "2026-09-26")] == ["2026-10-02"]
    assert [m.value for m in date_mentions(held, "2026-09-26")] == ["2026-10-02"]


def _rendering(text: str, statement: int, opens: bool = True, closes: bool = True) -> Rendering:
    part = QuotePart(statement, 0, len(text), opens, closes)
    return Rendering(part, words(text, 0))


def test_quote_collation_finds_the_changed_words_with_exact_spans() -> None:
    a = "Russia does not want to take the opportunity to have a more constructive dialogue"
    b = "highlighted that Russia does not want to seize the opportunity to have a dialogue"
    points = collate(_rendering(a, 1), [_rendering(b, 2)])
    texts = [[(sid, (a if sid == 1 else b)[s:e]) for sid, (s, e) in p] for p in points]
    assert [(1, "take"), (2, "seize")] in texts
    assert [(1, "more constructive"), (2, "")] in texts
    # a fragment ("highlighted that …") does not make the reference's start a variant
    assert all(p[0][1][0] > 0 for p in points)


def test_whole_quotations_differ_at_the_start_too() -> None:
    a = "An aggressively-staged press conference and the expulsion of three EU diplomats"
    b = "The expulsion of three EU diplomats"
    (point,) = collate(_rendering(a, 1), [_rendering(b, 2)])
    assert [(a if sid == 1 else b)[s:e] for sid, (s, e) in point] == [
        "An aggressively-staged press conference and", ""]  # fmt: skip


def test_a_written_out_contraction_is_the_same_rendering() -> None:
    """'We will not' and 'We won't' quote one sentence; only the changed words differ."""
    a = "We will not reward criminals, and we will not let them hold this city to ransom"
    b = "We won't reward criminals and we won't let them hold Pellingford to ransom"
    assert [w.key for w in words(a, 0)][:3] == ["we", "won't", "reward"]  # not "we'll not"
    assert same_quotation(words(a, 0), words(b, 0)) >= 0.6
    points = collate(_rendering(a, 1), [_rendering(b, 2)])
    texts = [[(a if sid == 1 else b)[s:e] for sid, (s, e) in p] for p in points]
    assert texts == [["this city", "Pellingford"]]


def test_stored_readings_point_at_their_words(seeded_db_file: Path) -> None:
    """Every span of every stored reading lies inside its statement, and for quotations,
    amounts and dates text[start:end] is the reading's text (or its other rendering)."""
    db = sqlite_utils.Database(seeded_db_file)
    spans = {
        f"s{sid}": (text, start, end)
        for sid, text, start, end in db.execute(
            'SELECT s.id, a.text, s.start, s."end" FROM statements s'
            " JOIN articles a ON a.id = s.article_id"
        )
    }
    checked = 0
    quote_texts = set()
    for kind, readings in db.execute("SELECT type, readings FROM differences"):
        for reading in json.loads(readings):
            for span in reading["spans"]:
                text, start, end = spans[span["statement"]]
                assert start <= span["start"] <= span["end"] <= end
                found = text[span["start"] : span["end"]]
                if kind == "quote":
                    assert found.lower().split() == reading["text"].lower().split()
                    quote_texts.add(found)
                elif kind == "date" and len(reading["spans"]) == 1:
                    assert found == reading["text"]
                checked += 1
    assert checked > 20
    assert {"take", "seize", "my", "this"} <= quote_texts


def test_remembered_readings_follow_the_quotation_marks(
    parse: Callable[[str], StatementInfo],
) -> None:
    """A statement's amounts and dates are read once, and again once its quotation marks
    (or its text) change: they depend on which words are quoted."""
    statement = parse("Russia expelled three EU diplomats on Friday.")
    reads: list[int] = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    assert remembered(statement, "probe", read) == remembered(statement, "probe", read) == 1
    statement.tokens[2].in_quote = True
    assert remembered(statement, "probe", read) == 2
    assert remembered(statement, "other", read) == 3
    statement.text = statement.text.upper()
    assert remembered(statement, "probe", read) == 4
    assert quantities(statement) == quantities(statement)
