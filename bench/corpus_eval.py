"""Accuracy on text the analysis was not tuned on, each figure beside a naive baseline
(docs/evaluation.md says what each figure means).

1. The invented stories of tests/corpus/, REPORT (held out) then TUNING: each imported into its
   own SQLite file and analysed as the app does it, scored against its gold.json.
   Baselines: alignment = every two body statements of different articles whose TF-IDF cosine
   reaches 0.30; divergences = on the app's own groups, "the number strings (or date words) of
   two members differ"; entities = one entity per exact (mention text, label).
2. ECB+ (skipped if absent), TRAIN topics 1-22 (tune here) and DEV topics 23-35 (report here):
   cross-document entity links (named gold mentions, as bench/entities.py) for the linker and
   exact-string linking; alignment as bench/alignment_ecb.py scores it (event-sharing sentence
   pairs aligned, share of aligned pairs across the topic's two events) for the app and for
   TF-IDF pairs. A topic whose import or analysis raises is counted and named, not scored.

`python -m bench.corpus_eval` (part of `make bench`); `--stories` skips ECB+; `--save FILE` and
`--against FILE` compare two commits story by story (bench/corpus_compare.py); `--misses` lists
what the app missed or got wrong in the TUNING stories (never in the REPORT ones); `--tuning`
prints only the TUNING stories. "typing on gold groups" runs the difference finders on the gold's
own groups (one per fact), so typing misses are told apart from alignment misses.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the scorers live beside the gold tests

import sqlite_utils  # noqa: E402
from alignment_scoring import score, stored_groups  # noqa: E402
from corpus_scoring import (  # noqa: E402
    StoryScores,
    build_db,
    exact_string_ids,
    expand,
    figures,
    load_gold,
    naive_groups,
    naive_separations,
    score_story,
    score_typing,
    stories,
    total,
)
from spacy.language import Language  # noqa: E402

from bench import alignment_ecb  # noqa: E402
from bench.corpus_compare import Run, comparison, counts, save  # noqa: E402
from bench.entities import Counts, ecb_dir, named_gold, topic_inputs  # noqa: E402
from bench.entities import score as score_links  # noqa: E402

TRAIN = range(1, 23)
DEV = range(23, 36)
# The targets for the invented stories (figure → (comparison, value)).
TARGETS = {
    "divergent pairs flagged": (">=", 0.85),
    "same-fact pairs falsely flagged": ("<=", 0.10),
    "pairs aligned": (">=", 0.85),
}
# Which baseline each figure is set beside.
BASELINE_OF = {
    "divergent pairs flagged": "flags",
    "same-fact pairs falsely flagged": "flags",
    "paraphrase pairs falsely flagged": "flags",
    "pairs aligned": "tfidf",
    "pairwise alignment precision": "tfidf",
    "unique statements kept unique": "tfidf",
    "entity link precision": "tfidf",  # the tf-idf run also links by exact string
    "entity link recall": "tfidf",
}


def evaluate(story: Path) -> dict[str, StoryScores]:
    """The app's scores and the two baselines' on one story."""
    with tempfile.TemporaryDirectory() as folder:
        db = build_db(story, Path(folder))
        gold = load_gold(story)
        app = score_story(db, gold, story=story.name)
        app.notes = [_readable(db, note) for note in app.notes]
        pairs = naive_groups(db)
        tfidf = score_story(
            db, gold, pairs, naive_separations(db, pairs), exact_string_ids, story.name
        )
        groups = stored_groups(db)
        flags_alignment = score(db, expand(gold), groups, naive_separations(db, groups))
        flags = StoryScores(story.name, flags_alignment, app.entities)
        typing = score_typing(db, gold)
        typed = StoryScores(story.name, typing, app.entities,
                            [_readable(db, note) for note in typing.misses])  # fmt: skip
        db.conn.close()
    return {"app": app, "tfidf": tfidf, "flags": flags, "typing": typed}


def _readable(db: sqlite_utils.Database, note: str) -> str:
    """A scorer's note with each statement key ("s12") followed by its file and first words."""

    def label(match: re.Match[str]) -> str:
        row = db.execute(
            'SELECT a.path, a.text, s.start, s."end" FROM statements s'
            " JOIN articles a ON a.id = s.article_id WHERE s.id = ?",
            [int(match.group(1))],
        ).fetchone()
        if row is None:
            return match.group(0)
        path, text, start, end = row
        return f"{match.group(0)} [{Path(path).stem}: {text[start:end][:50]!r}]"

    return re.sub(r"\bs(\d+)\b", label, note)


def story_report(
    split: str, title: str, misses: bool = False, only: Sequence[str] = (),
    saved: dict[str, Run] | None = None, against: dict[str, Run] | None = None,
) -> dict[str, float]:  # fmt: skip
    """Print the split's figures; `saved` receives each story's counts (corpus_compare),
    and with `against` (a saved run) each figure's change is printed with its interval."""
    folders = [f for f in stories(split) if not only or f.name in only]
    if not folders:
        print(f"{title}: no stories")
        return {}
    runs = [evaluate(folder) for folder in folders]
    counted: Run = {
        run["app"].story: {"app": counts(run["app"]), "typing": counts(run["typing"])}
        for run in runs
    }
    if saved is not None:
        saved[split] = counted
    print(f"\n{title} ({len(folders)} stories, python -m bench.corpus_eval)")
    print(f"  {'story':20} {'aligned':>15} {'div. flagged':>15} {'false flags':>15} "
          f"{'pair prec.':>15} {'entity P':>15} {'entity R':>15}   (app / baseline)")  # fmt: skip
    columns = [
        "pairs aligned",
        "divergent pairs flagged",
        "same-fact pairs falsely flagged",
        "pairwise alignment precision",
        "entity link precision",
        "entity link recall",
    ]
    for run in runs:
        print("  " + _row(run["app"].story, run, columns))
    overall = {
        name: total(run[name] for run in runs) for name in ("app", "tfidf", "flags", "typing")
    }
    print("  " + _row("all (micro-average)", overall, columns))
    app_figures = figures(overall["app"])
    print("  overall, with the baseline and the issue's target:")
    for figure, value in app_figures.items():
        base = figures(overall[BASELINE_OF[figure]])[figure]
        target = TARGETS.get(figure)
        goal = f"target {target[0]} {target[1]:.2f}" if target else ""
        print(f"    {figure:34} {value:.3f}   baseline {base:.3f}   {goal}")
    app, flags = overall["app"].alignment, overall["flags"].alignment
    by_kind = ", ".join(
        f"{kind} {app.found_by_kind[kind]}/{planted} (baseline {flags.found_by_kind[kind]})"
        for kind, planted in sorted(app.planted_by_kind.items())
    )
    print(f"    divergences flagged by kind: {by_kind}")
    # The same finders on the gold's own groups: a miss here is the typing's, not the aligner's.
    typing = overall["typing"].alignment
    print(
        "    typing on gold groups: divergent pairs flagged "
        f"{typing.divergence_recall:.3f}, same-fact pairs falsely flagged "
        f"{typing.false_divergence:.3f}, paraphrase pairs falsely flagged "
        f"{typing.paraphrase_false_flags:.3f}"
    )
    by_kind = ", ".join(
        f"{kind} {typing.found_by_kind[kind]}/{planted}"
        for kind, planted in sorted(typing.planted_by_kind.items())
    )
    print(f"    typing on gold groups by kind: {by_kind}")
    if against is not None:
        print("  change against the saved run (paired bootstrap over the stories):")
        for which in ("app", "typing"):
            print("\n".join(comparison(against.get(split, {}), counted, which)))
    for run in runs if misses else []:
        app = run["app"]
        print(f"\n  {app.story}: what the app missed or got wrong")
        details = app.notes + app.entities.missed + app.entities.wrong + app.entities.forbidden
        print("\n".join("    " + line for line in details))
        typed = [n for n in run["typing"].notes if not n.startswith(("not aligned", "wrongly"))]
        print(f"  {app.story}: typing on gold groups, missed or wrong")
        print("\n".join("    " + line for line in typed))
    return app_figures


def _row(name: str, run: dict[str, StoryScores], columns: Sequence[str]) -> str:
    cells = []
    for figure in columns:
        value = figures(run["app"])[figure]
        base = figures(run[BASELINE_OF[figure]])[figure]
        cells.append(f"{value:.3f} / {base:.3f}")
    return f"{name:20} " + " ".join(f"{c:>15}" for c in cells)


# --- ECB+ ----------------------------------------------------------------------------------


def ecb_entities(nlp: Language, root: Path, topics: Sequence[int]) -> tuple[Counts, Counts]:
    from app.core.entities.linker import link

    ours, naive = Counts(), Counts()
    for topic in topics:
        folder = root / str(topic)
        if not (folder / "gold.json").is_file():
            continue
        articles, mentions, gold = topic_inputs(nlp, folder)
        doc_ids = [d["id"] for d in gold["documents"]]
        named = named_gold(gold)
        result = link(articles, mentions)
        linked: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for entity_id, entity in enumerate(result.entities):
            for i in entity.mentions:
                m = result.mentions[i]
                linked[doc_ids[m.article_id]].append((m.start, m.end, entity_id))
        ours.add(score_links(named, linked))
        exact: dict[tuple[str, str], int] = {}
        baseline: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for m in mentions:
            entity_id = exact.setdefault((m.text, m.label), len(exact))
            baseline[doc_ids[m.article_id]].append((m.start, m.end, entity_id))
        naive.add(score_links(named, baseline))
    return ours, naive


def ecb_alignment(topics: Sequence[int]) -> list[str]:
    """Alignment on ECB+ by the issue's definition, exactly as `python -m bench.alignment_ecb`
    computes it (one definition of recall, error and ceiling for every bench), for the app and
    the TF-IDF baseline through the same grouping; then each topic's halves as collections of
    their own."""
    corpus = alignment_ecb.corpus_folder()
    if corpus is None:
        return ["ECB+ not found: skipped"]
    loaded = alignment_ecb.load_split(corpus, [str(t) for t in topics])
    halves = [part for topic in loaded for part in alignment_ecb.one_event_halves(topic)]
    chosen = alignment_ecb.methods(["ours", "tfidf"])
    lines = [alignment_ecb.line(name, alignment_ecb.evaluate(loaded, aligner))
             for name, aligner in chosen.items()]  # fmt: skip
    lines.append("  each half of a topic alone (one event, several outlets: --one-event):")
    lines += [alignment_ecb.line(name, alignment_ecb.evaluate(halves, aligner, True), True)
              for name, aligner in chosen.items()]  # fmt: skip
    return lines


def ecb_report(splits: Sequence[tuple[str, range]]) -> None:
    from app.core.nlp.model import shared_model

    root = ecb_dir()
    if root is None:
        print("\nECB+ not found (../shared/ecbplus or /work/shared/ecbplus): skipped")
        return
    nlp = shared_model()
    for name, topics in splits:
        began = time.perf_counter()
        print(f"\nECB+ {name} topics {topics.start}-{topics.stop - 1}")
        ours, naive = ecb_entities(nlp, root, topics)
        print("  entity links  " + ours.line("linker"))
        print("  entity links  " + naive.line("exact"))
        for text in ecb_alignment(topics):
            print("  alignment   " + text)
        print(f"  ({time.perf_counter() - began:.0f} s)")


def main(argv: Sequence[str] = ()) -> None:
    # argparse, so that a mistyped or unknown flag stops here instead of printing the held-out
    # REPORT figures to someone who meant to look at the TUNING stories only
    parser = argparse.ArgumentParser(prog="python -m bench.corpus_eval")
    parser.add_argument(
        "--tuning", action="store_true", help="only the stories one may tune on (no REPORT figures)"
    )
    parser.add_argument("--stories", action="store_true", help="skip ECB+")
    parser.add_argument("--misses", action="store_true",
                        help="list what the app missed in the TUNING stories")  # fmt: skip
    # a batch of new stories measured on their own (on two commits) before anyone reads them
    parser.add_argument("--only", nargs="+", default=[], metavar="STORY",
                        help="only these stories (implies --stories)")  # fmt: skip
    # two commits compared story by story (bench/corpus_compare.py)
    parser.add_argument("--save", type=Path, metavar="FILE",
                        help="save each story's counts, for a later --against")  # fmt: skip
    parser.add_argument("--against", type=Path, metavar="FILE",
                        help="print each figure's change against a saved run")  # fmt: skip
    args = parser.parse_args(list(argv))
    saved: dict[str, Run] = {}
    against = json.loads(args.against.read_text(encoding="utf-8")) if args.against else None
    if not args.tuning:
        story_report("report", "REPORT stories (held out: never tune on these)", only=args.only,
                     saved=saved, against=against)  # fmt: skip
    # Details only for the stories one may tune on: the held-out ones stay figures.
    story_report("tuning", "TUNING stories (free to tune on)", misses=args.misses,
                 only=args.only, saved=saved, against=against)  # fmt: skip
    if args.save:
        save(args.save, saved)
    if not args.stories and not args.only:
        ecb_report([("TRAIN", TRAIN), ("DEV", DEV)])


if __name__ == "__main__":
    main(sys.argv[1:])
