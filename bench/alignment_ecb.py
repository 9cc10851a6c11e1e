"""Statement alignment on ECB+ topics: a sanity check of precision outside the seeds.

Each ECB+ topic mixes two look-alike events (documents `…ecb` vs `…ecbplus`): an aligned pair of
statements from different halves is an error. And two validated sentences of different
documents that share a gold cross-document event cluster report (at least part of) the same
event: over the statements that are such sentences, the share of aligned pairs that share an
event is a precision proxy, the share of event-sharing pairs that are aligned a (lenient)
recall proxy. Import, entity linking and alignment run as in the app; a few topics only.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import sqlite_utils

from bench.entities import ECB_CANDIDATES

TOPICS = ("1", "3", "4", "6", "8", "12")
SentenceKey = tuple[str, int]  # (document id, sentence id)
ByText = dict[tuple[str, str], SentenceKey]  # (document id, normalised text) → sentence


@dataclass
class Tally:
    same_event_half: int = 0
    cross_event_half: int = 0
    aligned_sharing_event: int = 0
    aligned_judged: int = 0
    event_pairs: int = 0
    event_pairs_aligned: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def gold_sentences(folder: Path) -> tuple[ByText, dict[SentenceKey, set[str]]]:
    """Validated non-title sentences by (document, normalised text), and their event clusters."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    by_text: ByText = {}
    for document in gold["documents"]:
        text = (folder / document["file"]).read_text(encoding="utf-8")
        for sentence in document["sentences"]:
            if sentence["validated"] and not sentence["is_title"]:
                words = " ".join(text[sentence["start"] : sentence["end"]].split())
                by_text[document["id"], words] = (document["id"], sentence["sent_id"])
    known = set(by_text.values())
    events: dict[SentenceKey, set[str]] = {key: set() for key in known}
    for cluster in gold["event_clusters"]:
        for mention in cluster["mentions"]:
            key = (mention["doc"], mention["sent_id"])
            if key in known:
                events[key].add(cluster["id"])
    return by_text, events


def score_topic(db: sqlite_utils.Database, collection_id: int, folder: Path) -> Tally:
    by_text, events = gold_sentences(folder)
    key_of: dict[int, SentenceKey] = {}
    body: set[SentenceKey] = set()
    half: dict[int, str] = {}
    article_of: dict[int, int] = {}
    for sid, article_id, path, text, start, end, role in db.execute(
        'SELECT st.id, a.id, a.path, a.text, st.start, st."end", st.role FROM statements st'
        " JOIN articles a ON a.id = st.article_id WHERE a.collection_id = ?",
        [collection_id],
    ).fetchall():
        document = Path(path).stem
        article_of[sid] = article_id
        half[sid] = "ecbplus" if document.endswith("ecbplus") else "ecb"
        key = by_text.get((document, " ".join(text[start:end].split())))
        if key is not None:
            key_of[sid] = key
            if role == "body":
                body.add(key)
    groups: dict[int, list[int]] = {}
    for gid, sid in db.execute(
        "SELECT s.alignment_id, s.statement_id FROM alignment_statements s"
        " JOIN alignments a ON a.id = s.alignment_id WHERE a.collection_id = ?",
        [collection_id],
    ).fetchall():
        groups.setdefault(gid, []).append(sid)
    tally = Tally()
    aligned: set[tuple[SentenceKey, SentenceKey]] = set()
    for members in groups.values():
        for x, y in combinations(members, 2):
            if article_of[x] == article_of[y]:
                continue
            if half[x] == half[y]:
                tally.same_event_half += 1
            else:
                tally.cross_event_half += 1
            if x in key_of and y in key_of and key_of[x][0] != key_of[y][0]:
                aligned.add(tuple(sorted((key_of[x], key_of[y]))))  # type: ignore[arg-type]
    for x, y in aligned:
        tally.aligned_judged += 1
        tally.aligned_sharing_event += bool(events[x] & events[y])
    for x, y in combinations(sorted(body), 2):
        if x[0] != y[0] and events[x] & events[y]:
            tally.event_pairs += 1
            tally.event_pairs_aligned += (x, y) in aligned
    return tally


def main() -> None:
    from app.core.analysis import analyse_collection
    from app.core.ingest.importer import import_paths
    from app.core.nlp.model import shared_model
    from app.core.store import collections
    from app.core.store.db import open_db

    corpus = next((c for c in ECB_CANDIDATES if c.is_dir()), None)
    if corpus is None:
        print("ECB+ not found (../shared/ecbplus or /work/shared/ecbplus): skipped")
        return
    nlp = shared_model()
    db = open_db(Path(tempfile.mkdtemp()) / "ecb.db")
    total = Tally()
    seconds = 0.0
    print(f"ECB+ topics {', '.join(TOPICS)}: import + link + align (python -m bench.alignment_ecb)")
    for topic in TOPICS:
        folder = corpus / topic
        import_paths(db, sorted(folder.glob("*.txt")), f"ECB+ {topic}", nlp=nlp, n_process=1)
        collection_id = collections.find(db, f"ECB+ {topic}").id
        started = time.perf_counter()
        analyse_collection(db, collection_id)
        seconds += time.perf_counter() - started
        tally = score_topic(db, collection_id, folder)
        total.add(tally)
        print(f"  topic {topic:3} aligned pairs: {tally.same_event_half:4} within an event, "
              f"{tally.cross_event_half:3} across the two events")  # fmt: skip
    within, across = total.same_event_half, total.cross_event_half
    print(f"  pairs across the two events: {across}/{within + across} "
          f"({across / max(1, within + across):.3f}); analysis {seconds:.2f} s")  # fmt: skip
    print(f"  validated sentences: aligned pairs sharing a gold event "
          f"{total.aligned_sharing_event}/{total.aligned_judged} "
          f"({total.aligned_sharing_event / max(1, total.aligned_judged):.3f}); "
          f"event-sharing pairs aligned {total.event_pairs_aligned}/{total.event_pairs} "
          f"({total.event_pairs_aligned / max(1, total.event_pairs):.3f})")  # fmt: skip


if __name__ == "__main__":
    main()
