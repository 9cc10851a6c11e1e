"""Entity linking: quality on ECB+ against the naive baseline, and linking time as it scales.

1. ECB+ (../shared/ecbplus next to the repo, else /work/shared/ecbplus; skipped if absent): spaCy
   NER on every document of a topic, then the topic's mentions linked by the linker.
   Scored on NAMED gold entity mentions (validated sentences, text starting with a capital or
   a digit): a gold mention is found when a system mention overlaps it; every pair of gold
   mentions in different documents is a gold link when they share a gold cluster and a system
   link when both are found in one system entity. Precision, recall and F1 are micro-averaged
   over topics (pair counts summed). "R ceiling" is the recall a system would reach if it
   linked every gold link whose two mentions it found (what span finding allows).
   TRAIN (topics 1-22, the only ones to tune on), DEV (23-35) and ALL are reported apart, each
   beside two baselines: "exact" (one entity per exact (text, label)) and "naive" (text with
   case, punctuation and hyphens folded, labels ignored). NER output is cached per topic in the
   temp folder (the model is the slow part); delete the folder after a model change.
   Two definitions of "named" are reported side by side: "capital" (the text starts with a
   capital or a digit; loose, it counts "She", "The man" or "Host" at a sentence start) and
   "proper" (of those, the ones holding a token spaCy tags NUM, or PROPN when the article never
   writes the word in lower case, as "Coach" in a title-case headline; and whose syntactic
   head is no pronoun or determiner: names, acronyms, dates, years, counts).
   `--only=TRAIN` scores one split.
2. Linking time after NER for 40, 160 and 320 articles made from the five seeds (copies with
   varied spellings of the names), to show near-linear growth (`--no-timing` skips it).
Nothing but the NER cache is written to disk.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from spacy.language import Language

from app.core.entities.linker import link
from app.core.entities.records import ArticleInput, LinkMention
from app.core.nlp.model import shared_model

ROOT = Path(__file__).resolve().parents[1]
ECB_CANDIDATES = (ROOT.parent / "shared" / "ecbplus", Path("/work/shared/ecbplus"))
# Spellings the copies of the seeds use instead of the original (as other outlets would).
VARIANTS = {
    "Navalny": ("Navalnyi", "Navalniy"),
    "Alexei": ("Alexey",),
    "Sergei": ("Serguei", "Sergey"),
    "Borrell": ("BORRELL",),
    "Lavrov": ("Lavrow",),
}


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    correct: int = 0
    reachable: int = 0  # gold links whose two mentions the system found at all

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.correct += other.correct
        self.reachable += other.reachable

    def line(self, name: str) -> str:
        p = self.correct / self.system if self.system else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        ceiling = self.reachable / self.gold if self.gold else 0.0
        return (f"{name:10} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({self.correct}/{self.system} links; "
                f"R ceiling {ceiling:.3f})")  # fmt: skip


def ecb_dir() -> Path | None:
    return next((p for p in ECB_CANDIDATES if (p / "1" / "gold.json").is_file()), None)


Token = tuple[int, int, str, int]  # start, end, coarse POS, index of its syntactic head
# A proper mention holds a name or a number ("Feb. 22", "Friday night", "2008", "the NBA"); a
# phrase of common words ("The man", "Host", "Police") or one headed by a pronoun or
# determiner ("She", "That") is no name.
NOT_NAME_HEADS = frozenset({"PRON", "DET"})


def named_gold(gold: dict) -> list[tuple[str, int, int, str]]:
    """(doc id, start, end, cluster id) of named mentions in validated sentences (the old,
    loose definition: the mention text starts with a capital or a digit)."""
    validated: dict[str, list[tuple[int, int]]] = {
        d["id"]: [(s["start"], s["end"]) for s in d["sentences"] if s["validated"]]
        for d in gold["documents"]
    }
    result = []
    for cluster in gold["entity_clusters"]:
        for m in cluster["mentions"]:
            text = m["text"].strip()
            if not text or not (text[0].isupper() or text[0].isdigit()):
                continue
            if any(a <= m["start"] and m["end"] <= b for a, b in validated.get(m["doc"], [])):
                result.append((m["doc"], m["start"], m["end"], cluster["id"]))
    return result


def is_proper(tokens: list[Token], start: int, end: int, text: str = "") -> bool:
    """Whether the tokens of [start, end) hold a proper noun or number and the phrase's head
    (the token whose syntactic head lies outside it) is no pronoun or determiner. A word
    spaCy tags PROPN only for its capital ("Coach", "Star" in a title-case headline) is no
    name when the same article also writes it in lower case."""
    inside = [i for i, t in enumerate(tokens) if t[0] < end and start < t[1]]
    members = set(inside)
    heads = [i for i in inside if tokens[i][3] not in members or tokens[i][3] == i]
    if not heads or tokens[heads[-1]][2] in NOT_NAME_HEADS:
        return False
    lower = set(re.findall(r"\b[a-z]+\b", text))
    return any(
        tokens[i][2] == "NUM"
        or (tokens[i][2] == "PROPN" and text[tokens[i][0] : tokens[i][1]].lower() not in lower)
        for i in inside
    )


def proper_gold(
    gold: dict, syntax: dict[str, list[Token]], texts: dict[str, str]
) -> list[tuple[str, int, int, str]]:
    """The named mentions that are proper: as spaCy parses the article, they hold a proper noun
    or a number (names, acronyms, dates such as "Feb. 22", years, counts) and are not headed
    by a pronoun or determiner."""
    return [m for m in named_gold(gold) if is_proper(syntax.get(m[0], []), m[1], m[2], texts[m[0]])]


def score(
    gold: list[tuple[str, int, int, str]], assigned: dict[str, list[tuple[int, int, int]]]
) -> Counts:
    """Pairwise cross-document links over gold mentions; `assigned` maps a doc to its
    (start, end, system entity) mentions."""
    system_of: list[int | None] = []
    for doc, start, end, _ in gold:
        hit = [e for s, t, e in assigned.get(doc, []) if s < end and start < t]
        system_of.append(hit[0] if hit else None)
    counts = Counts()
    for (a, sa), (b, sb) in combinations(zip(gold, system_of, strict=True), 2):
        if a[0] == b[0]:
            continue
        same_gold = a[3] == b[3]
        same_system = sa is not None and sa == sb
        counts.gold += same_gold
        counts.reachable += same_gold and sa is not None and sb is not None
        counts.system += same_system
        counts.correct += same_gold and same_system
    return counts


CACHE = Path(tempfile.gettempdir()) / "parallax-bench-entities"
TRAIN = range(1, 23)  # tune on these
DEV = range(23, 36)  # report on these; never tune


def _ner(nlp: Language, folder: Path, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """NER spans per document, cached in the temp folder by topic and text hash (the model is
    the slow part; linking is what is being tuned)."""
    digest = hashlib.sha1("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"{folder.name}-{digest}.pickle"
    if path.is_file():
        with path.open("rb") as handle:
            cached: list[list[tuple[int, int, str]]] = pickle.load(handle)
        return cached
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        spans = [
            [(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)
        ]
    CACHE.mkdir(exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(spans, handle)
    return spans


def _syntax(nlp: Language, folder: Path, texts: list[str]) -> list[list[Token]]:
    """Tokens with POS and head per document (for the proper-name definition), cached."""
    digest = hashlib.sha1("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"{folder.name}-{digest}-syntax.pickle"
    if path.is_file():
        with path.open("rb") as handle:
            cached: list[list[Token]] = pickle.load(handle)
        return cached
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler"]):
        tokens = [[(t.idx, t.idx + len(t.text), t.pos_, t.head.i) for t in doc]
                  for doc in nlp.pipe(texts)]  # fmt: skip
    CACHE.mkdir(exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(tokens, handle)
    return tokens


def topic_inputs(nlp: Language, folder: Path) -> tuple[list[ArticleInput], list[LinkMention], dict]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    docs = [(d["id"], (folder / d["file"]).read_text(encoding="utf-8")) for d in gold["documents"]]
    articles = [ArticleInput(i, text) for i, (_, text) in enumerate(docs)]
    mentions: list[LinkMention] = []
    for article, spans in zip(articles, _ner(nlp, folder, [t for _, t in docs]), strict=True):
        mentions.extend(
            LinkMention(article.id, s, e, article.text[s:e], label) for s, e, label in spans
        )
    return articles, mentions, gold


def naive_key(text: str) -> str:
    """The naive string normalisation: case, punctuation and hyphens folded, labels ignored."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


SYSTEMS = ("linker", "exact", "naive")
# Two definitions of a "named" gold mention, reported side by side:
DEFINITIONS = {
    "capital": "text starts with a capital or digit (loose: counts 'She', 'The man', 'Host')",
    "proper": "holds a NUM, or a PROPN the article never writes lower case; head no PRON/DET",
}


def _assign(mentions: list[LinkMention], doc_ids: list[str], key) -> dict:  # type: ignore[no-untyped-def]
    ids: dict[object, int] = {}
    out: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for m in mentions:
        entity_id = ids.setdefault(key(m), len(ids))
        out[doc_ids[m.article_id]].append((m.start, m.end, entity_id))
    return out


def topic_scores(nlp: Language, folder: Path) -> tuple[dict[tuple[str, str], Counts], float]:
    """Counts per (definition, system) for one topic, and the seconds the linker took."""
    articles, mentions, gold = topic_inputs(nlp, folder)
    doc_ids = [d["id"] for d in gold["documents"]]
    syntax = dict(zip(doc_ids, _syntax(nlp, folder, [a.text for a in articles]), strict=True))
    texts = {doc_ids[a.id]: a.text for a in articles}
    golds = {"capital": named_gold(gold), "proper": proper_gold(gold, syntax, texts)}
    t0 = time.perf_counter()
    result = link(articles, [LinkMention(m.article_id, m.start, m.end, m.text, m.label)
                             for m in mentions])  # fmt: skip
    seconds = time.perf_counter() - t0
    linked: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for entity_id, entity in enumerate(result.entities):
        for i in entity.mentions:
            m = result.mentions[i]
            linked[doc_ids[m.article_id]].append((m.start, m.end, entity_id))
    assigned = {
        "linker": linked,
        "exact": _assign(mentions, doc_ids, lambda m: (m.text, m.label)),
        "naive": _assign(mentions, doc_ids, lambda m: naive_key(m.text)),
    }
    return {
        (definition, system): score(golds[definition], assigned[system])
        for definition in DEFINITIONS
        for system in SYSTEMS
    }, seconds


def ecb_scores(nlp: Language, root: Path, only: str | None = None) -> None:
    """Scores per split; `only` ("TRAIN" or "DEV") limits the run to one split's topics."""
    splits = {"TRAIN": TRAIN, "DEV": DEV}
    if only is not None:
        splits = {only: splits[only]}
    keys = [(d, s) for d in DEFINITIONS for s in SYSTEMS]
    totals = {name: {k: Counts() for k in keys} for name in (*splits, "ALL")}
    link_seconds = 0.0
    topics = sorted((p for p in root.iterdir() if (p / "gold.json").is_file()),
                    key=lambda p: int(p.name) if p.name.isdigit() else 0)  # fmt: skip
    if only is not None:
        topics = [p for p in topics if p.name.isdigit() and int(p.name) in splits[only]]
    began = time.perf_counter()
    for folder in topics:
        counts, seconds = topic_scores(nlp, folder)
        link_seconds += seconds
        number = int(folder.name) if folder.name.isdigit() else 0
        for split, numbers in splits.items():
            if number in numbers:
                for key in keys:
                    totals[split][key].add(counts[key])
        for key in keys:
            totals["ALL"][key].add(counts[key])
    print(f"ECB+ {len(topics)} topics, cross-document pairwise links over named gold mentions "
          f"(micro-averaged); {time.perf_counter() - began:.0f}s incl. NER (cached in {CACHE}), "
          f"{link_seconds:.2f}s linking")  # fmt: skip
    for definition, meaning in DEFINITIONS.items():
        print(f"Named = {definition}: {meaning}")
        for split, systems in totals.items():
            label = {"TRAIN": "TRAIN 1-22", "DEV": "DEV 23-35", "ALL": "ALL"}[split]
            if only is not None and split == "ALL":
                continue
            print(f"  {label}")
            for system in SYSTEMS:
                print("    " + systems[(definition, system)].line(system))


def varied_collection(nlp: Language, size: int) -> tuple[list[ArticleInput], list[LinkMention]]:
    """`size` articles: the seeds again and again, each copy spelling names its own way."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    parsed = []
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for path, doc in zip(seeds, nlp.pipe(p.read_text(encoding="utf-8") for p in seeds),
                             strict=True):  # fmt: skip
            parsed.append((path.name, doc.text, [(e.start_char, e.end_char, e.label_)
                                                 for e in doc.ents]))  # fmt: skip
    articles: list[ArticleInput] = []
    mentions: list[LinkMention] = []
    for n in range(size):
        _, text, ents = parsed[n % len(parsed)]
        copy = n // len(parsed)
        pieces: list[str] = []
        at = 0
        spans = []
        for start, end, label in ents:
            pieces.append(text[at:start])
            surface = text[start:end]
            for word, variants in VARIANTS.items():
                if copy and word in surface:
                    surface = surface.replace(word, variants[copy % len(variants)])
            offset = sum(len(p) for p in pieces)
            spans.append((offset, offset + len(surface), surface, label))
            pieces.append(surface)
            at = end
        pieces.append(text[at:])
        pieces.append(f"\n\nCopy {n}.")  # every copy distinct, so an import keeps them all
        articles.append(ArticleInput(n, "".join(pieces), "2021-02-08" if n % 2 else None))
        mentions.extend(LinkMention(n, s, e, t, lab) for s, e, t, lab in spans)
    return articles, mentions


def timing(nlp: Language) -> None:
    print("Linking time after NER (seeds copied with varied spellings; best of 3):")
    collections: dict[int, list[ArticleInput]] = {}
    for size in (40, 160, 320):
        articles, mentions = varied_collection(nlp, size)
        collections[size] = articles
        best = min(_timed(articles, mentions) for _ in range(3))
        print(f"  linker only  {size:4} articles, {len(mentions):6} mentions: {best:.3f}s "
              f"({1000 * best / size:.1f} ms/article)")  # fmt: skip
    full_stage(nlp, collections[40])


def full_stage(nlp: Language, articles: list[ArticleInput]) -> None:
    """The whole entity stage as analysis runs it (read mentions and stored parses, link,
    descriptors, corrections, write), on a throw-away database of the 40 varied articles."""
    from app.core.entities.pipeline import link_collection
    from app.core.ingest.importer import import_paths
    from app.core.store import collections
    from app.core.store.db import open_db

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for article in articles:
            path = Path(folder) / f"{article.id:03d}.txt"
            path.write_text(article.text, encoding="utf-8")
            paths.append(path)
        db = open_db(Path(folder) / "bench.db")
        import_paths(db, paths, "bench", nlp=nlp, n_process=1)
        cid = collections.find(db, "bench").id
        count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        best = min(link_collection(db, cid).seconds for _ in range(3))
        db.conn.close()
    print(f"  full stage   {count:4} articles (link_collection: parse loading, descriptors, "
          f"store): {best:.3f}s")  # fmt: skip


def _timed(articles: list[ArticleInput], mentions: list[LinkMention]) -> float:
    fresh = [LinkMention(m.article_id, m.start, m.end, m.text, m.label) for m in mentions]
    began = time.perf_counter()
    link(articles, fresh)
    return time.perf_counter() - began


def main(argv: Sequence[str] = ()) -> None:
    # parsed, not searched: an unknown flag (even --help) must not run the DEV topics
    parser = argparse.ArgumentParser(prog="python -m bench.entities", description=__doc__)
    parser.add_argument("--only", choices=("TRAIN", "DEV"), help="one split's topics only")
    parser.add_argument("--no-timing", action="store_true", help="skip the timing part")
    args = parser.parse_args(list(argv))
    nlp = shared_model()
    root = ecb_dir()
    if root is None:
        print("ECB+ not found (../shared/ecbplus or /work/shared/ecbplus): quality part skipped")
    else:
        ecb_scores(nlp, root, args.only)
    if not args.no_timing:
        timing(nlp)


if __name__ == "__main__":
    main(sys.argv[1:])
