"""The analysis is total: no text crashes any stage. Hypothesis drives every stage — the
parse, quotations and attributions, statement features, amounts, dates, alignment, the
differences, and through the store entity linking, re-anchoring, the synopsis and the JSON
export — with real and adversarial sentences (quotes inside quotes, a subject inside quotation
marks, one-token sentences, unclosed marks, Spanish, Russian, Chinese, huge numbers, nothing
but punctuation) and random text. Hundreds of generated articles go through one nlp.pipe per
example, so the file stays fast."""

from __future__ import annotations

import bisect
import itertools
import json
import os
import re
import time
from pathlib import Path

import pytest
import sqlite_utils
from comparison_support import build_comparison
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from total_support import ARTICLE, DATED_ARTICLE, PUBLISHED, article_from_doc

from app.core.analysis import analyse_collection
from app.core.annotations import store as annotation_store
from app.core.annotations.model import ANCHORED, ORPHAN, new_annotation
from app.core.compare.aligner import group_statements
from app.core.compare.dates import date_mentions
from app.core.compare.differences import find_differences
from app.core.compare.features import (
    ArticleInfo,
    content_lemmas,
    dependency_pairs,
    lemma_concepts,
    load_articles,
)
from app.core.compare.pipeline import _said_by_each, align_collection
from app.core.compare.quantities import quantities
from app.core.compare.quotes import (
    Quote,
    find_quotes,
    mark_quoted_tokens,
    quoted_spans,
    statement_attributions,
)
from app.core.compare.records import GroupContext
from app.core.compare.vectors import VectorSpace, features, frame_lemmas
from app.core.ingest.importer import Outcome, import_paths
from app.core.store import collections
from app.core.store.db import open_db
from app.core.view.load import load_comparison
from app.core.view.synopsis import synopsis_rows

# No shrinking: an example is hundreds of articles through spaCy; shrinking a failure takes
# minutes, and the failing example is printed as found.
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]
# More examples for a longer hunt: PARALLAX_FUZZ_EXAMPLES=100 pytest tests/test_total_analysis.py
EXAMPLES = int(os.environ.get("PARALLAX_FUZZ_EXAMPLES", "6"))
BATCH = settings(
    max_examples=EXAMPLES, deadline=None, phases=NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)  # fmt: skip


def _check_quotes(article: ArticleInfo, quotes: list[Quote]) -> None:
    for q in quotes:
        assert 0 <= q.start < q.end <= len(article.text)
        assert "\n" not in article.text[q.start : q.end]  # a paragraph end closes a quotation
    for before, after in itertools.pairwise(quotes):
        assert before.end <= after.start  # in text order, never overlapping
    for statement in article.statements:
        for tok in statement.tokens:  # the linear marking agrees with the obvious one
            assert tok.in_quote == any(q.start <= tok.start and tok.end <= q.end for q in quotes)


def _check_statement_stages(article: ArticleInfo, quotes: list[Quote]) -> None:
    for statement in article.statements:
        for a in statement_attributions(statement):
            assert a.speaker_key or a.channel
            for span in (a.speaker_span, a.channel_span):
                if span is not None:
                    assert statement.start <= span[0] <= span[1] <= statement.end
        for start, end in quoted_spans(statement, quotes):
            assert statement.start <= start <= end <= statement.end
        content_lemmas(statement)
        lemma_concepts(statement)
        dependency_pairs(statement)
        for q in quantities(statement):
            assert q.low <= q.high
        date_mentions(statement, article.published)
        features(statement, article.published)
        frame_lemmas(statement)
    assert len(_said_by_each(article, quotes)) == len(quotes)


def _check_collection(articles: list[ArticleInfo], quotes: dict[int, list[Quote]]) -> None:
    """Alignment and differences over the articles taken as one collection."""
    statements = {st.id: st for a in articles for st in a.statements}
    article_of = {sid: st.article_id for sid, st in statements.items()}
    seq_of = {sid: st.seq for sid, st in statements.items()}
    space = VectorSpace(statements.values(), {a.id: a.published for a in articles})
    by_id = {a.id: a for a in articles}
    for group in group_statements(space, article_of, seq_of=seq_of):
        assert len({article_of[m] for m in group.members}) >= 2
        context = GroupContext([statements[m] for m in group.members], by_id, quotes)
        for difference in find_differences(context):
            assert difference.readings


@BATCH
@given(st.lists(st.tuples(ARTICLE, PUBLISHED), min_size=25, max_size=35))
def test_every_statement_stage_holds_for_any_text(
    nlp: Language, batch: list[tuple[str, str | None]]
) -> None:
    docs = nlp.pipe((text for text, _ in batch), batch_size=64)
    pairs = enumerate(zip(docs, batch, strict=True))
    articles = [article_from_doc(doc, i + 1, published) for i, (doc, (_, published)) in pairs]
    quotes: dict[int, list[Quote]] = {}
    for article in articles:
        quotes[article.id] = find_quotes(article)
        mark_quoted_tokens(article, quotes[article.id])
        _check_quotes(article, quotes[article.id])
        _check_statement_stages(article, quotes[article.id])
    for start in range(0, len(articles), 6):  # collections of six articles
        chunk = articles[start : start + 6]
        _check_collection(chunk, {a.id: quotes[a.id] for a in chunk})


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    return open_db(tmp_path_factory.mktemp("total") / "total.db")


_COUNTER = itertools.count(1)


# No shrinking: one example imports files and runs the whole analysis; shrinking a failure
# would take minutes, and the failing example is printed as found.
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(DATED_ARTICLE, min_size=2, max_size=6), st.data())
def test_the_whole_analysis_holds_in_the_store(
    nlp: Language, store_db: sqlite_utils.Database, tmp_path_factory: pytest.TempPathFactory,
    texts: list[str], data: st.DataObject,
) -> None:  # fmt: skip
    """Import, link, align, re-anchor, synopsis and JSON export of a generated collection;
    then one article is edited and imported again, and a note on it re-anchored."""
    name = f"generated {next(_COUNTER)}"
    folder = tmp_path_factory.mktemp("articles")
    files = []
    for i, text in enumerate(texts):
        path = folder / f"{i:02}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    report = import_paths(store_db, files, name, nlp=nlp, n_process=1)
    if not report.stored:
        return  # nothing readable (empty files are skipped with their reason)
    cid = collections.find(store_db, name).id
    analysis = analyse_collection(store_db, cid)
    assert analysis.finished, analysis.failure_lines()
    _export(store_db, name)

    stored = [r for r in report.results if r.outcome is Outcome.IMPORTED]
    first = stored[0]
    text = store_db.execute("SELECT text FROM articles WHERE id = ?", [first.article_id])
    text = text.fetchone()[0]
    start = data.draw(st.integers(0, max(0, len(text) - 1)), label="note start")
    end = data.draw(st.integers(start + 1, max(start + 1, min(len(text), start + 60))))
    note = annotation_store.create(
        store_db, new_annotation(cid, first.article_id, first.path, text, start, end)
    )
    edited = data.draw(ARTICLE, label="inserted") + "\n\n" + Path(first.path).read_text("utf-8")
    Path(first.path).write_text(edited, encoding="utf-8")
    again = import_paths(store_db, [Path(first.path)], name, nlp=nlp, n_process=1)
    assert len(again.results) == 1  # updated, or skipped: garbled text is refused, not a crash
    analysis = analyse_collection(store_db, cid)
    assert analysis.finished, analysis.failure_lines()
    assert annotation_store.get(store_db, note.id).status in (ANCHORED, ORPHAN)
    _export(store_db, name)


def _export(db: sqlite_utils.Database, name: str) -> None:
    document = build_comparison(db, name)
    json.loads(json.dumps(document, ensure_ascii=False))
    for group in document["alignments"]:
        assert len(group["statements"]) >= 2 if "statements" in group else True
    for row in synopsis_rows(load_comparison(db, name)):
        if row.group is not None:
            assert sum(bool(cell) for cell in row.cells) >= 2


def test_five_thousand_quotation_marks_analyse_in_seconds(nlp: Language, tmp_path: Path) -> None:
    """Issue 17: marking quoted tokens was quadratic (50,000 marks took 83 s)."""
    paragraphs = [" ".join(f"“No {p}-{i},” he said." for i in range(50)) for p in range(50)]
    text = "\n\n".join(paragraphs)
    assert text.count("“") + text.count("”") == 5_000
    path = tmp_path / "quotes.txt"
    path.write_text(text, encoding="utf-8")
    db = open_db(tmp_path / "q.db")
    import_paths(db, [path], "quotes", nlp=nlp, n_process=1)
    (article,) = load_articles(db, [1])
    started = time.perf_counter()
    quotes = find_quotes(article)
    mark_quoted_tokens(article, quotes)
    said = _said_by_each(article, quotes)
    quote_seconds = time.perf_counter() - started
    assert len(quotes) == 2_500 and said.count(("he", None)) == 0  # a pronoun is no speaker
    tokens = [t for s in article.statements for t in s.tokens]
    # Each quotation holds "No", "p", "-", "i", ","; "he said ." are outside.
    assert sum(t.in_quote for t in tokens) == 2_500 * 5
    assert not any(t.in_quote for t in tokens if t.text in ("he", "said", "“", "”"))
    started = time.perf_counter()
    report = align_collection(db, collections.find(db, "quotes").id)
    align_seconds = time.perf_counter() - started
    assert report.failures == ()
    assert quote_seconds < 2.0 and align_seconds < 10.0, (quote_seconds, align_seconds)
    db.conn.close()


def test_bisect_marking_matches_on_touching_quotations() -> None:
    """Quotations that touch (one closes where the next opens) and tokens on the border."""
    from app.core.compare.features import StatementInfo, Tok

    text = "“ab”“cd” ef"
    article = ArticleInfo(1, text, None, "a")
    statement = StatementInfo(1, 1, 0, 0, len(text), text)
    for start, end in ((0, 1), (1, 3), (3, 4), (4, 5), (5, 7), (7, 8), (9, 11)):
        statement.tokens.append(Tok(text[start:end], "x", "X", "dep", 0, start, end, False, ""))
    article.statements.append(statement)
    quotes = find_quotes(article)
    assert [(q.start, q.end) for q in quotes] == [(1, 3), (5, 7)]
    mark_quoted_tokens(article, quotes)
    assert [t.in_quote for t in statement.tokens] == [False, True, False, False, True, False, False]
    assert bisect.bisect_right([1, 5], 5) == 2


def test_names_found_by_their_words_stay_linear_on_long_runs() -> None:
    """Stop 18: the organisation pattern backtracked from every capital inside a long
    hyphenated run ("Aaaa-Bbbb-…": 20,000 characters took 3 s, 200,000 several minutes)."""
    from app.core.entities.patterns import pattern_names
    from app.core.entities.records import ArticleInput

    texts = ["Aaaa-Bbbb-" * 20_000, " ".join(["Word"] * 20_000) + " Association",
             "Det Supt " * 20_000, "Mr " * 20_000 + "Smith"]  # fmt: skip
    started = time.perf_counter()
    found = [pattern_names(ArticleInput(i, text), []) for i, text in enumerate(texts)]
    assert time.perf_counter() - started < 2.0
    assert [len(f) for f in found[:2]] == [0, 0] and [m.text for m in found[3]] == ["Smith"]


def test_amounts_are_found_in_linear_time_in_a_long_statement() -> None:
    """Stop 18: a statement of thousands of figures was quadratic (each amount copied and
    searched the whole text before it, and checked every amount taken): 40,000 characters of
    "1-1-1…" took 128 s, "six votes to six votes to…" 4 s at 26,000."""
    from app.core.compare.quantities import _scan

    texts = ["1-" * 20_000, "six votes to " * 5_000, "41C " * 10_000, "from 5.25 to " * 3_000]
    started = time.perf_counter()
    found = [_scan(text) for text in texts]
    assert time.perf_counter() - started < 10.0
    assert [len(f) for f in found[2:]] == [10_000, 3_000]


def test_children_of_every_token_are_found_in_linear_time() -> None:
    """A token's children were found by a pass over the whole statement, and the finders ask
    for them token after token (speech verbs, doers, channels): one 40,000-character sentence
    took 26 s in `children` alone."""
    from app.core.compare.features import StatementInfo, Tok

    n = 30_000
    statement = StatementInfo(1, 1, 0, 0, 2 * n, "a " * n)
    for i in range(n):  # a chain: each token hangs from the one before
        statement.tokens.append(Tok("a", "a", "X", "dep", max(0, i - 1), 2 * i, 2 * i + 1,
                                    False, ""))  # fmt: skip
    started = time.perf_counter()
    found = [statement.children(i) for i in range(n)]
    assert time.perf_counter() - started < 2.0
    assert found[0] == [1] and found[n - 2] == [n - 1] and found[n - 1] == []
    statement.tokens.append(Tok("b", "b", "X", "dep", 0, 2 * n, 2 * n + 1, False, ""))
    assert statement.children(0) == [1, n]  # a token added later is seen


def test_dates_are_found_in_linear_time_in_a_long_statement() -> None:
    """Each date looked for its token by a pass over the statement, and was checked against
    every date taken before it: 40,000 characters of "Monday 3 March, …" took 9 s."""
    from app.core.compare.features import StatementInfo, Tok

    def statement(text: str) -> StatementInfo:
        made = StatementInfo(1, 1, 0, 0, len(text), text)
        for m in re.finditer(r"\S+", text):
            made.tokens.append(Tok(m.group(), m.group(), "X", "dep", 0, m.start(), m.end(),
                                   False, ""))  # fmt: skip
        return made

    texts = ["Monday 3 March, " * 4_000, "It happened in 2019 and " * 3_000]
    started = time.perf_counter()
    found = [date_mentions(statement(text), "2021-03-10") for text in texts]
    assert time.perf_counter() - started < 5.0
    assert [len(f) for f in found] == [4_000, 3_000]
    assert {d.value for d in found[0]} == {"2021-03-03"} and found[1][-1].value == "2019"


def test_descriptors_are_found_in_linear_time_in_a_long_paragraph(
    nlp: Language, tmp_path: Path
) -> None:
    """Every name read all the noun chunks of its paragraph to find the one before it: 20,000
    characters of "said Smith, told Jones, …" in one paragraph took 36 s to link."""
    from app.core.entities.pipeline import link_collection

    path = tmp_path / "said.txt"
    path.write_text("said Smith, told Jones, claimed Brown, " * 520, encoding="utf-8")
    db = open_db(tmp_path / "s.db")
    import_paths(db, [path], "said", nlp=nlp, n_process=1)
    started = time.perf_counter()
    link_collection(db, collections.find(db, "said").id)
    assert time.perf_counter() - started < 10.0
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] > 1_000
    db.conn.close()


def test_quotations_are_matched_without_comparing_every_pair() -> None:
    """Every quotation of a group was compared with every other, and a rendering that passed
    was checked against all of them again: two statements of 2,000 and 1,000 quotations took
    20-40 s each in quote_differences. Renderings are found by the trigrams or words they
    share, alike ones once."""
    from app.core.compare.differences import quote_differences
    from app.core.compare.features import StatementInfo
    from app.core.compare.quotes import Quote

    def group(texts: list[str]) -> GroupContext:
        articles, members, quotes = {}, [], {}
        for i, text in enumerate(texts, 1):
            articles[i] = ArticleInfo(i, text, None, f"a{i}")
            members.append(StatementInfo(i, i, 0, 0, len(text), text))
            opens = [m.start() for m in re.finditer("“", text)]
            quotes[i] = [Quote(i, at + 1, text.index("”", at)) for at in opens]
        return GroupContext(members, articles, quotes)

    started = time.perf_counter()
    for unit in ("“a” ", "“He said no way” ", "“No {i}” "):
        texts = ["".join(unit.format(i=i) for i in range(n)) for n in (2_000, 1_000)]
        assert quote_differences(group(texts)) == []
    assert time.perf_counter() - started < 15.0
    varied = group(["“We will not back down,” he said. “No.”", "“We won't back off.”"])
    assert [d.detail for d in quote_differences(varied)] == ["“down” vs “off”"]


def test_acronyms_in_a_long_title_case_line_are_found_in_linear_time() -> None:
    """The acronym regex scanned a run of capitalised words again from every word in it:
    20,000 characters of "Aaa Bbb Ccc …" took about 4 s (quadratic). The matches are the
    regex's own."""
    from app.core.entities.rules import (
        _ACRONYM_IN_TEXT,
        Linker,
        acronyms_in_text,
        link_text_acronyms,
    )

    run = "Aaa Bbb Ccc " * 2_500
    text = run + "zzz " + run + "(AB) and the European Union (EU), eBay Inc (BI)"
    started = time.perf_counter()
    found = [(m.span(), m.groups()) for m in acronyms_in_text(text)]
    link_text_acronyms(Linker([]), [text])
    assert time.perf_counter() - started < 2.0
    assert [groups for _, groups in found] == [
        ("Aaa Bbb Ccc " * 2_499 + "Aaa Bbb Ccc", "AB"),
        ("and the European Union", "EU"),
        ("Bay Inc", "BI"),
    ]
    short = "x " + text[-60:] + " Of the Aa Bb(AB) xof Aa (XA)"
    assert [(m.span(), m.groups()) for m in _ACRONYM_IN_TEXT.finditer(short)] == [
        (m.span(), m.groups()) for m in acronyms_in_text(short)
    ]


def test_a_line_of_many_names_is_read_for_headline_case_once() -> None:
    """Every name on a line asked whether the line is a title-case headline, and the whole
    line was read each time: thousands of names on one line ("John Smith and Mary Jones and
    …") made linking quadratic (20,000 characters: 5.5 s). The line is read once."""
    from app.core.entities.spans import is_headline

    text = "John Smith and Mary Jones and " * 1_500 + "\nthe end of it all here now"
    started = time.perf_counter()
    answers = {is_headline(text, at) for at in range(0, 45_000, 9)}
    assert time.perf_counter() - started < 2.0
    assert answers == {True}
    assert not is_headline(text, len(text) - 3)


def test_a_long_title_case_span_is_trimmed_in_linear_time() -> None:
    """trim_headline tried every part of a span, and cut and compared each afresh: a span of
    400 title-case words took 20 s (cubic). Parts are at most MAX_NAME_WORDS words and what
    the cut drops is counted once, so it is linear; the known name inside is still found."""
    from app.core.entities.records import LinkMention
    from app.core.entities.spans import Vocabulary, collection_vocabulary, trim_headline

    words = " ".join(f"Word{chr(65 + i % 26)}{i}" for i in range(2_000))
    text = f"{words} Maria Okafor\nthe rest of it is written in lower case here."
    end = text.index("\n")
    started = time.perf_counter()
    trim_headline(LinkMention(1, 0, end, text[:end], "ORG"), text, Vocabulary())
    assert time.perf_counter() - started < 2.0
    known = [LinkMention(2, 0, 12, "Maria Okafor", "PERSON")] * 2
    vocabulary = collection_vocabulary(known, ["crowds cheer for the people of the town"])
    line = "Crowds Cheer For Maria Okafor\nthe people of the town were there."
    cut = trim_headline(LinkMention(1, 0, 29, line[:29], "PERSON"), line, vocabulary)
    assert cut.text == "Maria Okafor"
