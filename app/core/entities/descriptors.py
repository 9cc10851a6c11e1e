"""How each article describes an entity: appositions and titles, read off the stored parse.

For a mention of a person (or organisation) the descriptor is, in this order of trust:
- an apposition: "Ursula von der Leyen, the European Commission president" / "The EU's High
  Representative for Foreign Affairs, Josep Borrell";
- a title in front of the name: "Russian Foreign Minister Sergei Lavrov", "jailed opposition
  leader Alexei Navalny", "President of the European Council Charles Michel", "The European
  Union’s top diplomat Josep Borrell";
- a copula: "Gary Cartwright is publishing editor …";
- a definite description elsewhere in an article that names the person, whose head noun and
  one modifier match a title the collection gives that person and no one else: "the EU’s
  foreign affairs chief" (Borrell is "EU Chief" / "European Council Chief").
The leading article ("the") is left out of the span; spans are exact slices of the text.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from app.core.entities import lexicon
from app.core.entities.records import ArticleInput, Descriptor, LinkResult

MAX_TOKENS = 16
FINITE_VERBS = frozenset({"VB", "VBD", "VBZ", "VBP", "MD"})
NAMED = frozenset({"PERSON", "GPE", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"})
NOT_SAME = lexicon.words("not_the_same_holder")  # "former minister X" is not the minister
Segments = list[tuple[int, Doc]]


TITLE_WORDS = lexicon.words("descriptor_title_words")
RUN_CONNECTIVES = frozenset({"of", "for", "and", "the", "on"})
EDGE_POS = frozenset({"DET", "ADP", "PUNCT", "SPACE", "CCONJ", "PART", "SCONJ"})
BAD_ENTS = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"})


def _region(tokens: list[Token]) -> list[Token]:
    """Without leading and trailing articles, prepositions, conjunctions and punctuation."""
    while tokens and tokens[0].pos_ in EDGE_POS and tokens[0].tag_ != "POS":
        tokens = tokens[1:]
    while tokens and (tokens[-1].pos_ in EDGE_POS or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _acceptable(tokens: list[Token], name: Span) -> bool:
    if not tokens or len(tokens) > MAX_TOKENS:
        return False
    if any(t.tag_ in FINITE_VERBS for t in tokens) or any(t.i in range(name.start, name.end)
                                                          for t in tokens):  # fmt: skip
        return False
    if any(t.ent_type_ in BAD_ENTS for t in tokens):
        return False
    if len(tokens) == 1 and tokens[0].pos_ == "PROPN" and tokens[0].lower_ not in TITLE_WORDS:
        return False  # a stray piece of a longer name ("Policy")
    if all(t.ent_type_ or t.lower_ in ("mr", "mrs", "ms", "dr") for t in tokens):
        return False  # only another name ("Moscow") or an honorific
    return any(t.pos_ in ("NOUN", "PROPN") for t in tokens)


def _candidates(name: Span, person: bool, chunks: _Chunks) -> list[list[Token]]:
    """Token runs that may describe the named thing (organisations: apposition and a
    preceding common-noun phrase only; titles and copulas are for people)."""
    doc, head = name.doc, name.root
    found: list[list[Token]] = []
    for child in head.children:
        outside = not (name.start <= child.i < name.end)
        if child.dep_ == "appos" and outside and child.ent_type_ not in NAMED:
            found.append(list(doc[child.left_edge.i : child.right_edge.i + 1]))
    for chunk in chunks.ending_at(doc, name.start):
        if chunk.root.pos_ == "NOUN" and chunk.root.tag_ == "NN":
            found.append(list(chunk))
    modifiers = _left_modifiers(name)
    if modifiers and (person or all(t.pos_ in ("NOUN", "ADJ") for t in modifiers)):
        found.append(modifiers)
    if person:
        found.extend(_titles(name))
        found.append(_title_run(name))
    return found


def _has_title(tokens: list[Token]) -> bool:
    return any(t.lower_.rsplit("-", 1)[-1] in TITLE_WORDS for t in tokens)


def _title_run(name: Span) -> list[Token]:
    """Capitalised words (and of/for/and/the) right before a person's name that include a
    title word, whatever the parse made of them: "EU High Representative for Foreign Affairs
    and Security Policy Josep Borrell"; across a comma only from the start of a sentence
    (a caption: "High Representative of the EU …, Josep Borrell listens")."""
    doc = name.doc
    i = name.start - 1
    comma = i >= 0 and doc[i].text == ","
    i -= comma
    run: list[Token] = []
    while i >= 0 and len(run) < MAX_TOKENS:
        token = doc[i]
        if not (token.text[:1].isupper() or token.lower_ in RUN_CONNECTIVES):
            break
        if token.ent_type_ in BAD_ENTS or token.tag_ in FINITE_VERBS:
            break
        run.insert(0, token)
        if token.is_sent_start:
            break
        i -= 1
    # "Borrell and Russian Foreign Minister": what precedes an "and" without a title of its
    # own is another person, not part of this one's title.
    for k in range(len(run) - 1, -1, -1):
        if run[k].lower_ == "and" and not _has_title(run[:k]):
            run = run[k + 1 :]
            break
    if not _has_title(run):
        return []
    if comma and not (run and run[0].is_sent_start):
        return []
    return run


def _left_modifiers(name: Span) -> list[Token]:
    """ "Russian Foreign Minister" / "news agency": the compound and adjective run that the
    parse hangs on the name itself, ending right before it."""
    doc = name.doc
    inside = range(name.start, name.end)
    lefts = [
        t
        for t in doc[max(0, name.start - MAX_TOKENS) : name.start]
        if t.head.i in inside and t.dep_ in ("compound", "amod", "nmod")
    ]
    if not lefts or doc[name.start - 1].head.i not in {*inside, *(t.i for t in lefts)}:
        return []
    return list(doc[min(t.left_edge.i for t in lefts) : name.start])


def _titles(name: Span) -> list[list[Token]]:
    doc, head = name.doc, name.root
    found: list[list[Token]] = []
    if head.dep_ == "appos" and head.head.i < name.start and head.head.ent_type_ not in NAMED:
        found.append(list(doc[head.head.left_edge.i : name.start]))
    if (
        head.dep_ == "pobj"
        and head.head.lower_ in ("of", "for")
        and head.head.head.text[:1].isupper()
        and name.start > 0
        and doc[name.start - 1].tag_ in ("NNP", "NNPS", "NN")
        and head.head.head.i < name.start
        and head.head.head.pos_ in ("NOUN", "PROPN")
    ):
        found.append(list(doc[head.head.head.left_edge.i : name.start]))
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        for child in head.head.children:
            if child.dep_ == "attr":
                found.append(list(doc[child.left_edge.i : child.right_edge.i + 1]))
    return found


class _Chunks:
    """The noun chunks of each doc by the token they end before, read once per doc: a pass
    over a doc's chunks for every name in it was quadratic in a long paragraph (thousands of
    "said Smith" in one took 36 s to link)."""

    def __init__(self) -> None:
        self.by_doc: dict[int, tuple[Doc, dict[int, list[Span]]]] = {}

    def ending_at(self, doc: Doc, end: int) -> list[Span]:
        """The chunks that end right before token `end`, in the doc's order."""
        kept = self.by_doc.get(id(doc))
        if kept is None:  # the doc is kept with them: its id is not reused meanwhile
            by_end: dict[int, list[Span]] = defaultdict(list)
            for chunk in doc.noun_chunks:
                by_end[chunk.end].append(chunk)
            kept = self.by_doc[id(doc)] = (doc, by_end)
        return kept[1].get(end, [])


class _Locator:
    def __init__(self, segments: Segments) -> None:
        self.segments = sorted(segments, key=lambda s: s[0])
        self.starts = [s for s, _ in self.segments]

    def span(self, start: int, end: int) -> tuple[int, Span] | None:
        at = bisect.bisect_right(self.starts, start) - 1
        if at < 0:
            return None
        offset, doc = self.segments[at]
        span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
        return (offset, span) if span is not None and len(span) else None


def attach(result: LinkResult, articles: list[ArticleInput], docs: dict[int, Segments]) -> None:
    """Fill `descriptors` of the entities in `result` (in place)."""
    texts = {a.id: a.text for a in articles}
    locators = {article_id: _Locator(segs) for article_id, segs in docs.items()}
    chunks = _Chunks()
    taken: set[tuple[int, int, int]] = set()
    titles: dict[str, set[int]] = defaultdict(set)  # head lemma → entities titled so
    modifiers: dict[tuple[int, str], set[str]] = defaultdict(set)
    for index, entity in enumerate(result.entities):
        if entity.label not in ("PERSON", "ORG"):
            continue
        for i in entity.mentions:
            m = result.mentions[i]
            locator = locators.get(m.article_id)
            located = locator.span(m.start, m.end) if locator is not None else None
            if located is None:
                continue
            offset, name = located
            runs = [r for c in _candidates(name, entity.label == "PERSON", chunks)
                    if _acceptable(r := _region(c), name)]  # fmt: skip
            for tokens in _outermost(runs):
                start, end = offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])
                if (m.article_id, start, end) in taken:
                    continue
                taken.add((m.article_id, start, end))
                text = texts[m.article_id][start:end]
                entity.descriptors.append(Descriptor(m.article_id, start, end, text))
                inside = {t.i for t in tokens}
                head = next((t for t in tokens if t.head.i not in inside), tokens[-1])
                if entity.label == "PERSON":
                    titles[head.lemma_.lower()].add(index)
                    modifiers[(index, head.lemma_.lower())].update(t.lower_ for t in tokens)
    _definite_descriptions(result, texts, docs, taken, titles, modifiers)
    for entity in result.entities:
        entity.descriptors = [
            d
            for d in entity.descriptors
            if not any(
                o.article_id == d.article_id
                and o.start <= d.start
                and d.end <= o.end
                and (o.start, o.end) != (d.start, d.end)
                for o in entity.descriptors
            )
        ]


def _outermost(runs: list[list[Token]]) -> list[list[Token]]:
    """Drop runs inside a longer run of the same mention ("External Relations")."""
    bounds = [(r[0].i, r[-1].i) for r in runs]
    return [
        r
        for r, (a, b) in zip(runs, bounds, strict=True)
        if not any(x <= a and b <= y and (x, y) != (a, b) for x, y in bounds)
        and (a, b) not in bounds[: runs.index(r)]
    ]


def _definite_descriptions(
    result: LinkResult,
    texts: dict[int, str],
    docs: dict[int, Segments],
    taken: set[tuple[int, int, int]],
    titles: dict[str, set[int]],
    modifiers: dict[tuple[int, str], set[str]],
) -> None:
    present: dict[int, set[int]] = defaultdict(set)
    for index, entity in enumerate(result.entities):
        for i in entity.mentions:
            present[result.mentions[i].article_id].add(index)
    for article_id, segments in docs.items():
        for offset, doc in segments:
            for chunk in doc.noun_chunks:
                owners = titles.get(chunk.root.lemma_.lower(), set())
                if len(owners) != 1 or chunk.root.tag_ not in ("NN", "NNP"):
                    continue
                index = next(iter(owners))
                tokens = _region(list(chunk))
                words = {t.lower_ for t in tokens}
                known = modifiers[(index, chunk.root.lemma_.lower())] - {chunk.root.lower_}
                if (
                    index not in present[article_id]
                    or (chunk[0].lower_ not in ("the", "its") and chunk[0].dep_ != "poss")
                    or words & NOT_SAME
                    or not (words - {chunk.root.lower_}) & known
                    or any(t.ent_type_ == "PERSON" for t in chunk)
                    or (chunk.end < len(doc) and doc[chunk.end].ent_type_ == "PERSON")
                ):
                    continue
                start = offset + tokens[0].idx
                end = offset + tokens[-1].idx + len(tokens[-1])
                if (article_id, start, end) not in taken:
                    taken.add((article_id, start, end))
                    result.entities[index].descriptors.append(
                        Descriptor(article_id, start, end, texts[article_id][start:end])
                    )
