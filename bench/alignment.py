"""Statement alignment speed: the five seeds end to end, then 50/100/200 synthetic articles of
40 statements each (varied copies of the seeds' parsed statements) to show the growth."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from app.core.compare.aligner import group_statements
from app.core.compare.differences import find_differences
from app.core.compare.features import ArticleInfo, StatementInfo, Tok, load_articles
from app.core.compare.quotes import Quote, find_quotes, mark_quoted_tokens
from app.core.compare.records import GroupContext
from app.core.compare.vectors import VectorSpace
from app.core.nlp.minilm import sentence_encoder
from app.core.resources import seeds_dir

STATEMENTS_PER_ARTICLE = 40
NUMBER_WORDS = ["two", "three", "several", "four", "dozens", "five", "73", "thousands"]


def seeds_end_to_end() -> tuple[Path, dict[str, float]]:
    """Import + entity step + alignment + differences of the five seeds, model loaded first."""
    from app.core.analysis import analyse_collection
    from app.core.compare.pipeline import align_collection
    from app.core.entities.naive import rebuild_naive_entities
    from app.core.ingest.importer import import_paths
    from app.core.nlp.model import shared_model
    from app.core.nlp.sentence_vectors import sentence_vectors
    from app.core.store import collections
    from app.core.store.db import open_db

    nlp = shared_model()
    nlp("Warm the pipeline up once.")
    started = time.perf_counter()
    sentence_vectors()  # loaded once per process, like the spaCy model
    encoder = sentence_encoder()
    if encoder is not None:
        encoder.encode(["Warm the encoder up once."])  # onnxruntime's first run sets it up
    vectors_load = time.perf_counter() - started
    path = Path(tempfile.mkdtemp()) / "bench.db"
    db = open_db(path)
    seeds = sorted(seeds_dir().glob("*.txt"))
    t0 = time.perf_counter()
    import_paths(db, seeds, "Bench", nlp=nlp, n_process=1)
    t1 = time.perf_counter()
    cid = collections.find(db, "Bench").id
    analyse_collection(db, cid)  # entities, then alignment + differences
    t2 = time.perf_counter()
    rebuild_naive_entities(db, cid)
    t3 = time.perf_counter()
    report = align_collection(db, cid, full=True)
    timings = {
        "sentence vectors and encoder load (once, before)": vectors_load,
        "import (read, clean, spaCy, encode, store)": t1 - t0,
        "analysis (entities + align + differences)": t2 - t1,
        "  of which entities": t3 - t2,
        "  of which align + differences": report.seconds,
        "total": t2 - t0,
    }
    db.conn.close()
    return path, timings


def synthetic(
    pool: list[StatementInfo], n_articles: int, rng: random.Random
) -> tuple[list[ArticleInfo], dict[int, list[Quote]]]:
    """Articles of varied copies of seed statements: words dropped out of the vocabulary of
    the pool, numbers changed, so that copies are similar but rarely identical."""
    vocabulary = [t for st in pool for t in st.tokens if t.pos in ("NOUN", "VERB", "ADJ")]
    articles: list[ArticleInfo] = []
    quotes: dict[int, list[Quote]] = {}
    next_id = 1
    for aid in range(1, n_articles + 1):
        article = ArticleInfo(aid, "", "2021-02-08", f"source {aid}")
        pieces: list[str] = []
        offset = 0
        for seq, original in enumerate(rng.sample(pool, min(STATEMENTS_PER_ARTICLE, len(pool)))):
            tokens = []
            for tok in original.tokens:
                text, lemma, pos = tok.text, tok.lemma, tok.pos
                roll = rng.random()
                if pos == "NUM" and roll < 0.5:
                    text = lemma = rng.choice(NUMBER_WORDS)
                elif pos in ("NOUN", "VERB", "ADJ") and roll < 0.12:
                    other = rng.choice(vocabulary)
                    text, lemma, pos = other.text, other.lemma, other.pos
                tokens.append((text, lemma, pos, tok))
            start = offset
            words = []
            statement = StatementInfo(next_id, aid, seq, start, 0, "")
            for text, lemma, pos, tok in tokens:
                statement.tokens.append(
                    Tok(text, lemma, pos, tok.dep, tok.head, offset, offset + len(text),
                        tok.is_stop, tok.ent_type, tok.entity_id)
                )  # fmt: skip
                words.append(text)
                offset += len(text) + 1
            statement.text = " ".join(words)
            statement.end = start + len(statement.text)
            pieces.append(statement.text)
            article.statements.append(statement)
            next_id += 1
        article.text = " ".join(pieces)
        quotes[aid] = find_quotes(article)
        mark_quoted_tokens(article, quotes[aid])
        articles.append(article)
    return articles, quotes


def align_synthetic(articles: list[ArticleInfo], quotes: dict[int, list[Quote]]
                    ) -> dict[str, float]:  # fmt: skip
    statements = [st for a in articles for st in a.statements]
    article_of = {st.id: st.article_id for st in statements}
    seq_of = {st.id: st.seq for st in statements}
    by_id = {a.id: a for a in articles}
    member = {st.id: st for st in statements}
    encoder = sentence_encoder()
    started = time.perf_counter()
    # The app encodes each statement once, at import (ingest/encoding.py): not alignment time.
    contextual = encoder.encode([st.text for st in statements]) if encoder else None
    t0 = time.perf_counter()
    space = VectorSpace(statements, {a.id: a.published for a in articles}, contextual=contextual)
    t1 = time.perf_counter()
    groups = group_statements(space, article_of, seq_of=seq_of)
    t2 = time.perf_counter()
    differences = 0
    for group in groups:
        context = GroupContext([member[m] for m in group.members], by_id, quotes)
        differences += len(find_differences(context))
    t3 = time.perf_counter()
    return {"vectors": t1 - t0, "grouping": t2 - t1, "differences": t3 - t2,
            "total": t3 - t0, "groups": len(groups), "differences_found": differences,
            "encoding": t0 - started}  # fmt: skip


def main() -> None:
    import sqlite_utils

    path, timings = seeds_end_to_end()
    print("five seeds, model loaded (python -m bench.alignment):")
    for name, seconds in timings.items():
        print(f"  {name:45} {seconds:6.2f} s")
    db = sqlite_utils.Database(path)
    seed_articles = load_articles(db, [r[0] for r in db.execute("SELECT id FROM articles")])
    pool = [st for a in seed_articles for st in a.statements if len(st.tokens) > 3]
    rng = random.Random(7)
    print(f"synthetic articles of {STATEMENTS_PER_ARTICLE} statements (varied seed statements):")
    previous = None
    for n in (50, 100, 200):
        articles, quotes = synthetic(pool, n, rng)
        result = align_synthetic(articles, quotes)
        growth = f"  x{result['total'] / previous:.2f} for x2 articles" if previous else ""
        print(f"  {n:4} articles ({n * STATEMENTS_PER_ARTICLE:5} statements): "
              f"{result['total']:6.2f} s (vectors {result['vectors']:.2f}, grouping "
              f"{result['grouping']:.2f}, differences {result['differences']:.2f}); "
              f"{result['groups']} groups{growth}; encoding at import "
              f"{result['encoding']:.1f} s")  # fmt: skip
        previous = result["total"]


if __name__ == "__main__":
    main()
