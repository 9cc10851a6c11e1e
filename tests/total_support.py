"""Text generators for the total-analysis tests: real and adversarial sentences, random
words, quotation marks in every arrangement, non-English text, huge numbers, punctuation."""

from __future__ import annotations

from hypothesis import strategies as st
from spacy.tokens import Doc

from app.core.compare.features import ArticleInfo, StatementInfo, _tok

REAL = [
    "Borrell said the visit was a success.",
    "Three people were injured on Tuesday, 14 March, the police said.",
    "“We will not resign,” the minister told Reuters on Monday.",
    "According to the agency, about 20 people died in the fire.",
    "The company said in a statement that it had agreed to buy its rival for $2.5bn.",
    "Fourteen workers were taken to hospital, a spokeswoman said.",
    "The bridge was inspected in December, officials said in a press release.",
    "He wrote in his blog that the talks had failed.",
    "The court sentenced him to two years and eight months in prison.",
    "“The government” said it would resign.",  # the subject inside the quotation
    "“We” said no.",
    "“Nobody,” said “the spokesman”, “knew.”",
    "He said: “She told me ‘never’ and “then” left.”",  # quotes inside quotes
    "“He said “yes” twice,” she added.",
    "“This quotation is never closed, he said.",
    "The minister said “",
    "” said the minister.",
    "Said.",
    "Yes.",
    "“”",
    "“ ” said.",
    "According to.",
    "according to “him”",
    "told Reuters.",
    "El ministro dijo que “no habrá acuerdo” el martes 14 de marzo.",
    "«Мы не уйдём», — заявил министр агентству ТАСС в понедельник.",
    "外交部发言人说：“我们不会接受。”",
    "There were 999999999999999999999999999999999999 people and 1e308 dollars.",
    "About 10" + "0" * 400 + " were there, he said.",
    "There were 1" + "0" * 400 + " people injured and 1" + "0" * 320 + " diplomats expelled.",
    "Nearly 1e308 billion protesters marched yesterday, on Monday and tomorrow.",
    "A growth of 12.5% to €3,000,000,000 was reported on 31 February 2021.",
    "On Monday, Tuesday and 2021-02-05 nothing happened.",
    "... !!! ??? ;;; — – - “” «» ‘’ '' \"\"",
    '"',
    "“",
    "”",
    "«",
    "»",
    ".",
    ",",
    "",
    "Mr. Trump and President Trump met Melania Trump, Trump said.",
    "Kim Jong-un, Kim Jong Un and Moon Jae-in said “peace” in Seoul.",
]
WORDS = [
    "the", "minister", "said", "told", "wrote", "according", "to", "Reuters", "in", "a",
    "statement", "blog", "Twitter", "he", "she", "they", "Borrell", "Moscow", "EU", "police",
    "14", "15", "fourteen", "two", "hundreds", "$5m", "3.5%", "Monday", "March", "2021",
    "December", "injured", "killed", "“", "”", "\"", "«", "»", "‘", "’", ",", ".", ":", ";",
    "!", "?", "(", ")", "—", "\n", "ministro", "dijo", "заявил", "министр", "说", "我们",
    "999999999999999999999", "0", "-1", "½", "and", "not", "saying", "added", "quoted",
]  # fmt: skip

SENTENCE = st.one_of(
    st.sampled_from(REAL),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(" ".join),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map("".join),
    st.text(max_size=60),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join)
ARTICLE = st.lists(PARAGRAPH, min_size=1, max_size=4).map("\n\n".join)
DATES = ["2021-02-08", "2023-03-15", "1999-12-31", "0001-01-01", "9999-12-31"]
PUBLISHED = st.one_of(st.none(), st.sampled_from([*DATES, "not a date", "2021"]))
# A file whose first line dates it ("date 2021-02-08 Title", a monitoring tool's export).
DATED_ARTICLE = st.one_of(
    ARTICLE,
    st.tuples(st.sampled_from(DATES), ARTICLE).map(lambda t: f"date {t[0]} Report\n\n{t[1]}"),
)


def article_from_doc(doc: Doc, article_id: int, published: str | None = None) -> ArticleInfo:
    """An article whose statements are the Doc's sentences (what load_articles gives for a
    stored article, without the store)."""
    article = ArticleInfo(article_id, doc.text, published, f"a{article_id}")
    for seq, sent in enumerate(doc.sents):
        if not sent.text.strip():
            continue
        statement = StatementInfo(
            article_id * 10_000 + seq, article_id, seq, sent.start_char, sent.end_char, sent.text
        )
        statement.tokens = [_tok(t, t.idx, sent.start, None) for t in sent]
        article.statements.append(statement)
    return article
