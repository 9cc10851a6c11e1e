"""The parts of a news page that are not the article's statements: headlines that ask, bylines
in any alphabet, wire datelines, timestamps, credits, prompts and explainer questions. Each is
checked through the real importer (read, clean, roles, metadata); the datelines also through
the real model and a real SQLite file, where statements are made."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from app.core.ingest.article import clean_article
from app.core.ingest.byline import parse_byline
from app.core.ingest.dateline import parse_dateline
from app.core.ingest.importer import Outcome, import_paths
from app.core.ingest.readers import RawDocument, read_bytes, read_document
from app.core.ingest.stamps import date_in, is_timestamp
from app.core.model import CleanArticle, Metadata, Role
from app.core.store import articles

CORPUS = Path(__file__).parent / "corpus"
BODY = [
    "Researchers followed 12,000 adults for ten years and recorded how much coffee they drank.",
    "Those who drank two cups a day had fewer heart attacks than those who drank none.",
    "The authors said the link did not prove that coffee itself was the cause.",
    "The study was paid for by a public research council and published in a medical journal.",
]


def clean(tmp_path: Path, *paragraphs: str, name: str = "page.txt") -> CleanArticle:
    path = tmp_path / name
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return clean_article(read_document(path, read_bytes(path)))


def role_of(article: CleanArticle, needle: str) -> Role:
    found = {b.role for b in article.blocks if needle in article.block_text(b)}
    assert len(found) == 1, f"{needle!r} is in blocks of roles {found}"
    return found.pop()


# 1. A headline that asks a question


def test_question_headline_is_the_title_and_the_byline_is_not(tmp_path: Path) -> None:
    article = clean(
        tmp_path, "Does coffee protect the heart?", "By Laurence Pike, Health Editor", *BODY
    )
    assert article.metadata.title == "Does coffee protect the heart?"
    assert article.blocks[0].role is Role.TITLE
    assert role_of(article, "By Laurence Pike") is Role.BOILERPLATE
    assert article.metadata.author == "Laurence Pike"


def test_exclamation_headline_before_a_timestamp(tmp_path: Path) -> None:
    article = clean(tmp_path, "Coffee wins again!", "Updated 14:32 GMT", *BODY)
    assert article.metadata.title == "Coffee wins again!"


def test_a_question_followed_by_prose_is_the_first_sentence_not_a_title(tmp_path: Path) -> None:
    article = clean(tmp_path, "Is it about time, right?", *BODY)
    assert article.metadata.title is None
    assert role_of(article, "Is it about time") is Role.BODY


def test_the_question_headline_of_a_corpus_story(tmp_path: Path) -> None:
    path = CORPUS / "health_study" / "broadsheet.txt"
    article = clean_article(read_document(path, read_bytes(path)))
    assert article.metadata.title is not None and article.metadata.title.endswith("?")
    assert article.metadata.author is not None
    assert not article.metadata.title.startswith("By ")


# 2. Wire datelines


@pytest.mark.parametrize(
    ("text", "place", "date", "agency", "rest"),
    [
        ("LONDON, May 6 (Wire) — Police said", "LONDON", "May 6", "Wire", "Police said"),
        ("MILLBRIDGE, Tuesday — The river rose", "MILLBRIDGE", "Tuesday", None, "The river"),
        ("BERLIN (AP) — Police said", "BERLIN", None, "AP", "Police said"),
        ("Reuters — The company said", None, None, "Reuters", "The company"),
        ("KINGSMERE, England, May 6 (Wire) - Ms Cole won", "KINGSMERE, England", "May 6",
         "Wire", "Ms Cole"),
        ("NEW YORK (Reuters) -- Stocks fell", "NEW YORK", None, "Reuters", "Stocks fell"),
        ("Mumbai, Nov 11 - The navy said", "Mumbai", "Nov 11", None, "The navy"),
    ],
)  # fmt: skip
def test_dateline_parts(
    text: str, place: str | None, date: str | None, agency: str | None, rest: str
) -> None:
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.date_text, found.agency) == (place, date, agency)
    assert text[found.length :].startswith(rest)


@pytest.mark.parametrize(
    "text",
    [
        "A DISGRACED pension boss was jailed - for ten years.",
        "SNACK giants are joining forces - a deal worth billions.",
        "Police — who arrived late — said nothing.",
        "The fire - which started at night - spread fast.",
        "Tomáš Novák, 52, moved money into companies he controlled.",
        "Golden Gate Bridge was closed on Monday.",
    ],
)
def test_prose_is_not_a_dateline(text: str) -> None:
    assert parse_dateline(text) is None


def test_dateline_is_its_own_block_and_gives_a_dated_publication(tmp_path: Path) -> None:
    article = clean(
        tmp_path,
        "Coffee drinkers live longer, study finds",
        "GENEVA, 6 May 2024 (Wire) — " + BODY[0],
        *BODY[1:],
    )
    assert article.metadata.published == "2024-05-06"
    dateline = article.blocks[1]
    assert dateline.role is Role.BOILERPLATE
    assert article.block_text(dateline) == "GENEVA, 6 May 2024 (Wire) —"
    assert article.blocks[2].role is Role.BODY
    assert article.block_text(article.blocks[2]) == BODY[0]


def test_dateline_without_a_year_invents_no_date(tmp_path: Path) -> None:
    article = clean(tmp_path, "Coffee study", "GENEVA, May 6 (Wire) — " + BODY[0], *BODY[1:])
    assert article.metadata.published is None


def test_a_date_the_article_states_wins_over_its_dateline(tmp_path: Path) -> None:
    article = clean(
        tmp_path, "date 2024-05-07 Coffee study", "GENEVA, 6 May 2024 — " + BODY[0], *BODY[1:]
    )
    assert article.metadata.published == "2024-05-07"


def test_dateline_is_no_part_of_a_compared_statement(
    tmp_path: Path, empty_db: sqlite_utils.Database, nlp: Language
) -> None:
    """Through the real model: the first body statement starts after the dateline, whose place
    and date are in a statement of their own that is never compared."""
    path = tmp_path / "wire.txt"
    path.write_text(
        "Coffee study\n\nBy Grace Otieno\n\nLONDON, May 6 (Wire) - " + "\n\n".join(BODY),
        encoding="utf-8",
    )
    report = import_paths(empty_db, [path], "coffee", nlp=nlp)
    assert report.results[0].outcome is Outcome.IMPORTED
    row = articles.get(empty_db, report.results[0].article_id)
    statements = articles.statements(empty_db, row.id)
    body = [row.text[s.start : s.end] for s in statements if s.role is Role.BODY]
    assert body[0] == BODY[0]
    assert not any("LONDON" in text or "May 6" in text for text in body)
    furniture = [row.text[s.start : s.end] for s in statements if s.role is Role.BOILERPLATE]
    assert "LONDON, May 6 (Wire) -" in furniture
    assert row.author == "Grace Otieno"


def test_corpus_wire_datelines_are_never_body(tmp_path: Path) -> None:
    """Every wire story of the corpus opens with a dateline: none stays in a body block."""
    for path in sorted(CORPUS.glob("*/wire.txt")):
        article = clean_article(read_document(path, read_bytes(path)))
        first = next(i for i, b in enumerate(article.blocks) if b.role is Role.BODY)
        assert parse_dateline(article.block_text(article.blocks[first])) is None, path
        before = article.blocks[first - 1]
        assert before.role is Role.BOILERPLATE, path
        assert article.block_text(before).endswith(("-", "—", "–")), path


# 3. Bylines in any alphabet


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Tomáš Novák", "Tomáš Novák"),
        ("By Jana Dvořáková", "Jana Dvořáková"),
        ("By Łukasz Żak in Warsaw", "Łukasz Żak"),
        ("By Dr Hannah Voss", "Hannah Voss"),
        ("By Sam Whitby, Business Editor", "Sam Whitby"),
        ("By: Ana Lúcia Ferreira", "Ana Lúcia Ferreira"),
        ("By Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("By Jane Roe and John Doe", "Jane Roe and John Doe"),
        ("By our correspondent Lukas Verhoeven", "Lukas Verhoeven"),
        ("By our staff reporter Ana Silva in Lisbon", "Ana Silva"),
    ],
)
def test_byline(line: str, author: str) -> None:
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "By the time fire crews arrived, the roof had gone.",
        "By Saturday, at least 6,000 sites had been infected.",
        "By 6:40 a.m. the fire was under control.",
        "By Friday, Microsoft knew.",
    ],
)
def test_sentences_that_start_with_by_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_diacritic_byline_gives_the_author(tmp_path: Path) -> None:
    article = clean(tmp_path, "Coffee study published", "By Jana Dvořáková", *BODY)
    assert article.metadata.author == "Jana Dvořáková"
    assert role_of(article, "Dvořáková") is Role.BOILERPLATE


def test_every_corpus_article_names_its_author() -> None:
    for path in sorted(CORPUS.glob("*/*.txt")):
        article = clean_article(read_document(path, read_bytes(path)))
        assert article.metadata.author, path
        assert article.metadata.title and not article.metadata.title.startswith("By "), path


# 4. Timestamps, outlet-and-date lines, credits, prompts, explainers


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Updated 14:32 GMT", None),
        ("PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM", "2013-05-02"),
        ("May 2, 2013 | 5:03pm", "2013-05-02"),
        ("26 September 2013, 10:00 (GMT+05:00)", "2013-09-26"),
        ("Published: 2012.08.08 09:01 AM", "2012-08-08"),
        ("on Dec 23 2012, 5:03p", "2012-12-23"),
        ("Posted at 3:21 PM ET, 01/25/2011", "2011-01-25"),
        ("8:13 AM PDT 8/2/2013", None),  # day and month cannot be told apart
    ],
)
def test_timestamp_lines(line: str, date: str | None) -> None:
    assert is_timestamp(line)
    assert date_in(line) == date


@pytest.mark.parametrize(
    "line",
    ["Niyazov died in 2006.", "The fire started at 3:30", "On Monday", "Flood 2014"],
)
def test_sentences_with_dates_are_not_timestamps(line: str) -> None:
    assert not is_timestamp(line)


def test_timestamps_are_boilerplate_and_date_the_article(tmp_path: Path) -> None:
    article = clean(
        tmp_path,
        "UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM",
        "Coffee drinkers live longer",
        "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM",
        *BODY,
    )
    assert article.metadata.title == "Coffee drinkers live longer"
    assert article.metadata.published == "2013-05-02"  # published, not updated
    assert role_of(article, "UPDATED") is Role.BOILERPLATE
    assert role_of(article, "PUBLISHED") is Role.BOILERPLATE


def test_outlet_and_date_line_dates_the_article(tmp_path: Path) -> None:
    article = clean(tmp_path, "Coffee drinkers live longer", "Prague Herald, 14 April 2023", *BODY)
    assert article.metadata.published == "2023-04-14"
    assert role_of(article, "Prague Herald") is Role.BOILERPLATE
    assert article.metadata.source is None  # a place looks the same: never guessed


def test_credits_prompts_and_captions(tmp_path: Path) -> None:
    article = clean(
        tmp_path,
        "Coffee drinkers live longer",
        BODY[0],
        "A barista pours an espresso in Rome. (AP Photo/Jane Roe)",
        "Read more: Is tea any better?",
        BODY[1],
        "Sign up to our health newsletter",
        "Get the latest health news",
        BODY[2],
        "Get the latest figures together and the trend is plain: coffee drinkers had fewer "
        "heart attacks in every group the trial followed.",
        BODY[3],
        "(Reporting by Jane Roe; Editing by John Doe)",
    )
    assert role_of(article, "AP Photo") is Role.CAPTION
    assert role_of(article, "Read more") is Role.BOILERPLATE
    assert role_of(article, "Sign up") is Role.BOILERPLATE
    assert role_of(article, "Get the latest health") is Role.BOILERPLATE
    assert role_of(article, "(Reporting by") is Role.BOILERPLATE
    # A long line that merely starts like a prompt is prose: it errs towards body.
    assert role_of(article, "Get the latest figures") is Role.BODY
    assert all(role_of(article, text) is Role.BODY for text in BODY)


def test_explainer_questions_head_their_answers(tmp_path: Path) -> None:
    article = clean(
        tmp_path,
        "Your questions answered: the coffee study",
        "What did the study find?",
        BODY[1],
        "Who paid for it?",
        BODY[3],
    )
    assert role_of(article, "What did the study find?") is Role.HEADING
    assert role_of(article, "Who paid for it?") is Role.HEADING
    assert role_of(article, BODY[1]) is Role.BODY


def test_one_question_in_prose_stays_a_statement(tmp_path: Path) -> None:
    article = clean(tmp_path, "Coffee study", BODY[0], "Does that settle it?", *BODY[1:])
    assert role_of(article, "Does that settle it?") is Role.BODY


# 5. Broken sentences are not headings


def test_a_line_that_runs_on_is_not_a_heading(tmp_path: Path) -> None:
    article = clean(
        tmp_path,
        "Coffee study",
        "Michael Silverman reports that the researchers",
        "have followed 12,000 adults for ten years.",
        "Children will do what they want as teenagers;",
        "parents try their best.",
        *BODY,
    )
    assert role_of(article, "Michael Silverman reports") is Role.BODY
    assert role_of(article, "Children will do") is Role.BODY


def test_a_quoted_sentence_with_a_spaced_closing_quote_is_not_a_heading(tmp_path: Path) -> None:
    article = clean(tmp_path, "Coffee study", BODY[0], 'It was insane. "', *BODY[1:])
    assert role_of(article, "It was insane") is Role.BODY


def test_a_heading_before_a_lower_case_timestamp_stays_a_heading(tmp_path: Path) -> None:
    article = clean(
        tmp_path, "Coffee study", BODY[0], "Aide was bagman in cover-up",
        "updated 7/28/2004 3:02:00 PM ET", *BODY[1:],
    )  # fmt: skip
    assert role_of(article, "Aide was bagman") is Role.HEADING
    assert role_of(article, "updated 7/28/2004") is Role.BOILERPLATE


def test_caption_credits_and_page_labels(tmp_path: Path) -> None:
    article = clean(
        tmp_path,
        "Coffee study",
        "4 min read",
        BODY[0],
        "A barista at work in Rome on Tuesday. Photograph: Jane Roe/Agency",
        "Image source, Agency",
        BODY[1],
        "Listen to this article",
        *BODY[2:],
    )
    assert role_of(article, "4 min read") is Role.BOILERPLATE
    assert role_of(article, "Photograph: Jane Roe") is Role.CAPTION
    assert role_of(article, "Image source") is Role.CAPTION
    assert role_of(article, "Listen to this") is Role.BOILERPLATE
    assert all(role_of(article, text) is Role.BODY for text in BODY)


def test_a_sentence_with_a_colon_is_not_a_credit(tmp_path: Path) -> None:
    article = clean(
        tmp_path, "Coffee study", BODY[0],
        "The council gave one reason for the delay last year. Cost: about 5 million in all",
        *BODY[1:],
    )  # fmt: skip
    assert role_of(article, "The council gave one reason") is Role.BODY


# 6. Total: no text crashes the page-part rules

_PIECES = st.sampled_from(
    ["By", "by", "LONDON", ",", "May", "6", "(Wire)", "—", "-", "--", "Updated", "14:32", "GMT",
     "Photo:", "Read more", "?", "!", "Tomáš", "Novák", "2013", "05/02/2013", "\"", "(", ")",
     "Reuters", "Tuesday", "p.m.", ":", ";", "é", "ß", "\u200b", "Sign up", "@", " "]
)  # fmt: skip
_LINES = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=14).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=6))
def test_page_part_rules_never_raise(lines: list[str]) -> None:
    for line in lines:
        parse_byline(line)
        parse_dateline(line)
        is_timestamp(line)
        date_in(line)
    article = clean_article(RawDocument("\n\n".join(lines), Metadata(), "text"))
    assert all(0 <= b.start <= b.end <= len(article.text) for b in article.blocks)


def test_a_dateline_on_its_own_line_is_furniture(tmp_path: Path) -> None:
    article = clean(tmp_path, "Coffee study", "Geneva, 6 May 2024 -", *BODY)
    assert role_of(article, "Geneva, 6 May 2024") is Role.BOILERPLATE
    assert article.metadata.published == "2024-05-06"
