"""Linking rules over name groups. Each rule looks candidates up in an index (a blocking key:
alias group, initials, last token, base name), never by comparing every pair of groups, and
links only when exactly one candidate remains: an ambiguous short form stays on its own.

What is deliberately never linked: a name and a longer name it starts ("Navalny" / "Navalny
Anti-Corruption Foundation"), a place and an organisation named after it ("Russia" / "Russian
Foreign Ministry"), an acronym whose letters fit two names ("EC"), two people who share only a
surname or a given name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from rapidfuzz import fuzz

from app.core.entities import lexicon
from app.core.entities.aliases import alias_index
from app.core.entities.cues import compatible, settled
from app.core.entities.groups import NameGroup, UnionFind, flattened, majority_label
from app.core.entities.lexicon import PARAMS
from app.core.entities.names import (
    CONNECTIVES,
    generation,
    initials,
    looks_like_acronym,
    name_key,
    name_tokens,
    skeleton,
)
from app.core.entities.spans import stem

ORG_LABELS = lexicon.words("organisation_labels")
PLACE_LABELS = lexicon.words("place_labels")
_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{0,3}|ix|x)$")
# a word of a long form before its acronym, and the bracketed acronym
_LONG_WORD = r"(?:[A-Z][\w’'-]+|of|for|and|the|on)"
_ACRONYM = r"\(([A-Z][A-Za-z.&]{1,9})\)"
_ACRONYM_IN_TEXT = re.compile(rf"({_LONG_WORD}(?:\s+{_LONG_WORD})+)\s*{_ACRONYM}")
# The pieces of _ACRONYM_IN_TEXT: a bracketed acronym, a stretch of characters a run of words
# before it can hold, one chunk of word characters, a word of the run.
_BRACKETED = re.compile(_ACRONYM)
_STRETCH = re.compile(r"[\w’'\s-]+")
_CHUNK = re.compile(r"[\w’'-]+")
_RUN_WORD = re.compile(_LONG_WORD)
_RUN_WORD_ENDING = re.compile(rf"{_LONG_WORD}$")


class Linker:
    """The union-find over groups plus the per-cluster views the rules need."""

    def __init__(self, groups: list[NameGroup]) -> None:
        self.groups = groups
        # surname-only group → full-name groups it may belong to (decided per article later)
        self.ambiguous: dict[int, list[int]] = {}
        self.uf = UnionFind(len(groups))
        self.by_key = {g.key: i for i, g in enumerate(groups)}

    def union(self, a: int, b: int) -> None:
        self.uf.union(a, b)

    def cluster_labels(self) -> dict[int, Counter[str]]:
        labels: dict[int, Counter[str]] = {}
        for i, g in enumerate(self.groups):
            labels.setdefault(self.uf.find(i), Counter()).update(g.labels)
        return labels

    def cluster_label_of(self) -> dict[int, str]:
        """root → the cluster's label. Votes are summed over its mentions, except that a
        cluster whose most used full name is mostly PERSON is a person: spaCy often tags a
        bare surname NORP or ORG ("Klitschko" NORP 120 times beside "Wladimir Klitschko"
        PERSON), never a full name a person and the bare name something else that is one."""
        labels = self.cluster_labels()
        best_full: dict[int, NameGroup] = {}
        for i, g in enumerate(self.groups):
            if len(g.tokens) >= 2:
                root = self.uf.find(i)
                held = best_full.get(root)
                if held is None or len(g.mentions) > len(held.mentions):
                    best_full[root] = g
        pronouns: Counter[int] = Counter()
        for i, g in enumerate(self.groups):
            pronouns[self.uf.find(i)] += g.pronouns
        out = {}
        for root, counter in labels.items():
            full = best_full.get(root)
            person = full is not None and full.label == "PERSON"
            label = majority_label(counter)
            # A bare name spaCy reads as an organisation but sometimes as a person, that the
            # text goes on to call "he" or "she" often enough, is a person ("Teixeira").
            person = person or (
                full is None
                and counter["PERSON"] > 0
                and label not in PLACE_LABELS
                and pronouns[root] >= PARAMS.person_pronoun_share * sum(counter.values())
            )
            out[root] = "PERSON" if person else label
        return out

    def link_unique(self, item: int, candidates: list[int]) -> bool:
        roots = {self.uf.find(c) for c in candidates}
        if len(roots) == 1:
            self.union(item, candidates[0])
            return True
        return False


def link_aliases(linker: Linker) -> None:
    """Curated alias groups (resources/aliases.json): UK/Britain, US/United States, EU/…"""
    index = alias_index()
    first: dict[int, int] = {}
    for i, g in enumerate(linker.groups):
        group = index.get(g.key)
        if group is not None:
            linker.union(first.setdefault(group, i), i)


def acronyms_in_text(text: str) -> list[re.Match[str]]:
    """The matches of _ACRONYM_IN_TEXT.finditer(text), found in linear time. The regex alone
    scans a run of capitalised words again from every word in it (quadratic on a title-case
    line). Its words are whole chunks of word characters (the first may be a chunk's ending)
    parted by spaces, so a match ends at the last chunk before a bracketed acronym and starts
    where the longest run of words ending there starts: the first chunk of the unbroken run of
    chunks that are words, or further left, in the chunk before it, where its ending is one.
    A run never crosses a bracket, so the matches are those at each acronym in turn."""
    out: list[re.Match[str]] = []
    stretch_start: dict[int, int] | None = None
    for bracket in _BRACKETED.finditer(text):
        if stretch_start is None:
            stretch_start = {m.end(): m.start() for m in _STRETCH.finditer(text)}
        first = stretch_start.get(bracket.start())
        if first is None:
            continue
        chunks = [(m.start(), m.end()) for m in _CHUNK.finditer(text, first, bracket.start())]
        lead = len(chunks)
        while lead > 0 and _RUN_WORD.fullmatch(text, *chunks[lead - 1]):
            lead -= 1
        start = chunks[lead][0] if lead < len(chunks) else None
        if lead > 0:
            ending = _RUN_WORD_ENDING.search(text, *chunks[lead - 1])
            start = ending.start() if ending is not None else start
        match = _ACRONYM_IN_TEXT.match(text, start) if start is not None else None
        if match is not None and match.end() == bracket.end():
            out.append(match)
    return out


def link_text_acronyms(linker: Linker, texts: list[str]) -> None:
    """ "European Union (EU)" in any article links the two names."""
    for text in texts:
        for match in acronyms_in_text(text):
            long_key, short = name_key(match.group(1)), match.group(2)
            letters = re.sub(r"[^A-Za-z]", "", short).lower()
            tokens = long_key.split()
            # The long form may carry a lead-in ("the head of the European Union (EU)"): cut
            # it at the first word from which the initials are the acronym's letters. Those
            # initials have as many letters as the acronym only from the words from `cut`,
            # the first word of the shortest ending of the name with that many, back to the
            # word after the previous one with a letter, and are the same from all of them.
            cut, found = len(tokens), 0
            while cut > 0 and found < len(letters):
                cut -= 1
                found += len(initials(tokens[cut : cut + 1]))
            while cut > 0 and not initials(tokens[cut - 1 : cut]):
                cut -= 1
            if found < len(letters) or initials(tokens[cut:]) != letters:
                continue
            long_key = " ".join(tokens[cut:])
            a, b = linker.by_key.get(long_key), linker.by_key.get(name_key(short))
            if a is not None and b is not None:
                linker.union(a, b)


def link_initials(linker: Linker) -> None:
    """An acronym group links to the one multi-word non-person name with those initials."""
    by_initials: dict[str, list[int]] = {}
    for i, g in enumerate(linker.groups):
        if len(g.tokens) >= 2 and g.label != "PERSON":
            by_initials.setdefault(initials(g.tokens), []).append(i)
    for i, g in enumerate(linker.groups):
        form = g.forms.most_common(1)[0][0]
        if len(g.tokens) == 1 and looks_like_acronym(form):
            linker.link_unique(i, by_initials.get(g.key.replace(".", ""), []))


def link_designators(linker: Linker) -> None:
    """ "Sputnik V" ↔ "Sputnik": a trailing model letter, number or roman numeral."""
    variants: dict[str, list[int]] = {}
    for i, g in enumerate(linker.groups):
        last = g.tokens[-1]
        if len(g.tokens) >= 2 and (len(last) == 1 or last.isdigit() or _ROMAN.match(last)):
            variants.setdefault(" ".join(g.tokens[:-1]), []).append(i)
    for base, members in variants.items():
        target = linker.by_key.get(base)
        if target is not None and len({linker.groups[m].tokens[-1] for m in members}) == 1:
            for m in members:
                linker.union(target, m)


def link_org_suffixes(linker: Linker) -> None:
    """ "Foreign Ministry" → the one "<place> Foreign Ministry" of the collection."""
    place_keys = {g.key for g in linker.groups if g.label in PLACE_LABELS}
    by_last: dict[str, list[int]] = {}
    longer_ending: dict[str, list[int]] = {}
    for i, g in enumerate(linker.groups):
        if g.label in ORG_LABELS:
            by_last.setdefault(g.tokens[-1], []).append(i)
        if len(g.tokens) >= 2:
            longer_ending.setdefault(g.tokens[-1], []).append(i)
    for i, g in enumerate(linker.groups):
        if g.label not in ORG_LABELS:
            continue
        n = len(g.tokens)
        candidates = [
            j
            for j in by_last.get(g.tokens[-1], [])
            if len(linker.groups[j].tokens) > n
            and linker.groups[j].tokens[-n:] == g.tokens
            and _is_place(linker.groups[j].tokens[:-n], place_keys)
        ]
        if not candidates and n == 1 and g.label == "ORG":
            # "Navy" / "Sox": the last word of exactly one longer organisation name of the
            # collection ("Indian Navy", "Red Sox") and of no other longer name at all.
            candidates = [j for j in longer_ending.get(g.tokens[0], []) if j != i]
            if any(linker.groups[j].label not in ORG_LABELS for j in candidates):
                continue
        linker.link_unique(i, candidates)


def link_org_first_words(linker: Linker) -> None:
    """ "Brightwell" / "Brightwell Appliances", "Corvane" / "Corvane Aerospace": a one-word name
    that is the first word of exactly one longer name of the collection, an organisation's,
    and of no other longer name (two "Kelsey …" organisations leave "Kelsey" alone). The
    short name must read as an organisation, or as a person that no longer person name holds
    and the text never calls "he" or "she" (spaCy often takes a company's coined name for a
    surname); a place stays a place."""
    starting: dict[str, list[int]] = {}
    person_words: set[str] = set()
    for i, g in enumerate(linker.groups):
        if len(g.tokens) >= 2:
            starting.setdefault(g.tokens[0], []).append(i)
            if g.label == "PERSON":
                person_words.update(g.tokens)
    for i, g in enumerate(linker.groups):
        # a word of a person's full name is that person's ("Navalny" is not the "Navalny
        # Anti-Corruption Foundation")
        if len(g.tokens) != 1 or g.tokens[0] in person_words:
            continue
        if g.label == "PERSON":
            if g.pronouns or g.honorific:
                continue
        elif g.label not in ORG_LABELS:
            continue
        candidates = starting.get(g.tokens[0], [])
        if len(candidates) == 1 and linker.groups[candidates[0]].label in ORG_LABELS:
            linker.union(i, candidates[0])


def link_reordered_names(linker: Linker) -> None:
    """ "Central Commission for Elections" / "Central Elections Commission", "Academy of
    Motion Picture(s) Arts and Sciences": organisation names of three or more words with the
    same words up to order, connectives and a plural ending."""
    by_words: dict[frozenset[str], list[int]] = {}
    for i, g in enumerate(linker.groups):
        content = [_word_root(t) for t in g.tokens if t not in CONNECTIVES]
        if g.label in ORG_LABELS and len(content) >= 3 and len(set(content)) == len(content):
            by_words.setdefault(frozenset(content), []).append(i)
    for members in by_words.values():
        for j in members[1:]:
            linker.union(members[0], j)


def _word_root(token: str) -> str:
    """The token's stem, without a plural ending first: "pictures" and "picture" are one word
    (stem alone cuts the one to "pictur" and leaves the other whole)."""
    if token.endswith("s") and not token.endswith("ss") and len(token) > 4:
        token = token[:-1]
    return stem(token)


def link_hyphen_joins(linker: Linker) -> None:
    """ "Co-operative" / "Cooperative", "Jean-Pierre" / "Jeanpierre": a name written with a
    hyphen is the one written as one word without it (a hyphen between words is a space:
    names.name_tokens)."""
    for i, g in enumerate(linker.groups):
        for form in g.forms:
            if "-" not in form:
                continue
            key = " ".join(flattened(t) for t in name_tokens(form.replace("-", "")))
            target = linker.by_key.get(key)
            if target is not None and target != i:
                linker.union(i, target)
                break


def link_org_tails(linker: Linker) -> None:
    """ "Staunton Police" / "Staunton Police Department": an organisation's name of two or
    more words that is another's without its last word, when that word only says what kind
    of body it is (lexicon `organisation_tails`) and no other name of the collection ends the
    same way after those words."""
    tails = lexicon.words("organisation_tails")
    longer: dict[str, list[int]] = {}
    for i, g in enumerate(linker.groups):
        if g.label in ORG_LABELS and len(g.tokens) >= 3 and g.tokens[-1] in tails:
            longer.setdefault(" ".join(g.tokens[:-1]), []).append(i)
    for i, g in enumerate(linker.groups):
        if g.label in ORG_LABELS and len(g.tokens) >= 2:
            linker.link_unique(i, longer.get(g.key, []))


def link_place_qualifiers(linker: Linker) -> None:
    """ "Los Angeles, California" / "New Orleans, La.": a place written with its state or
    country after a comma is the place the collection also names alone."""
    for i, g in enumerate(linker.groups):
        if g.label not in PLACE_LABELS:
            continue
        for form in g.forms:
            head, comma, tail = form.partition(",")
            target = linker.by_key.get(name_key(head)) if comma and tail.strip() else None
            if target is not None and target != i and linker.groups[target].label in PLACE_LABELS:
                linker.union(i, target)
                break


def _is_place(tokens: list[str], place_keys: set[str]) -> bool:
    """ "russian", "new orleans", "us federal": words naming places or peoples."""
    return " ".join(tokens) in place_keys or all(t in place_keys for t in tokens)


def _short_forms() -> dict[str, frozenset[str]]:
    """given name → the names of its short-form groups ("bill" → william, billy, will...)."""
    out: dict[str, set[str]] = {}
    for line in lexicon.ordered("given_name_forms"):
        # Group tokens are canonical: long ones flattened to their skeleton ("bill" → "bil").
        names = {f for n in line.split() for f in (n, skeleton(n))}
        for name in names:
            out.setdefault(name, set()).update(names)
    return {k: frozenset(v) for k, v in out.items()}


SHORT_FORMS = _short_forms()


def _given_compatible(x: str, y: str) -> bool:
    """Alexei/Alexey (fuzzy), Fred/Frederick (short form), Bill/William (a known short form),
    W./William (initial)."""
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    if y in SHORT_FORMS.get(x, ()):
        return True
    if min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)):
        return True
    # Transliterations from Cyrillic write "ks" where English writes "x" (Aleksei/Alexei).
    x, y = x.replace("ks", "x"), y.replace("ks", "x")
    return x == y or fuzz.ratio(x, y) >= PARAMS.given_name_match


def _given_match(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    if _given_compatible(a[0], b[0]):
        return True
    # "W. Mark Felt" / "Mark Felt": past a leading initial, the middle name is the name in
    # use. Never any other middle name: "Joyce Burleson" and "Grace Burleson" are sisters.
    a_named = [t for t in a if len(t) > 1]
    b_named = [t for t in b if len(t) > 1]
    shifted = (len(a[0]) == 1) != (len(b[0]) == 1)
    return shifted and bool(a_named and b_named) and _given_compatible(a_named[0], b_named[0])


def link_people(linker: Linker) -> None:
    """Full names sharing a surname and a compatible given name; then a bare surname (or a
    given name used in the same article) to the one full name it can belong to."""
    labels = linker.cluster_labels()

    def is_person(i: int) -> bool:
        return majority_label(labels[linker.uf.find(i)]) == "PERSON"

    full: dict[str, list[int]] = {}
    given_of: dict[str, list[int]] = {}
    for i, g in enumerate(linker.groups):
        given, surname = g.person_parts()
        if given and surname and (g.labels["PERSON"] > 0 or is_person(i)):
            full.setdefault(surname[-1], []).append(i)
            for name in {t for t in given if len(t) > 1}:
                given_of.setdefault(name, []).append(i)
    for i, g in enumerate(linker.groups):
        # "Mo Cheeks" read as a place beside the person "Maurice Cheeks": a two-word name
        # of another label is that person when its given name fits one of that surname (the
        # short-form list or the fuzzy given-name match).
        given, surname = g.person_parts()
        people = full.get(surname[-1], []) if given and surname and len(g.tokens) == 2 else []
        if i not in people and any(
            _given_match(given, linker.groups[j].person_parts()[0]) for j in people
        ):
            people.append(i)
    for members in full.values():
        for k, a in enumerate(members):
            for b in members[k + 1 :]:
                ga, gb = linker.groups[a], linker.groups[b]
                same_generation = generation(ga.tokens) == generation(gb.tokens)
                if same_generation and _given_match(ga.person_parts()[0], gb.person_parts()[0]):
                    linker.union(a, b)
    _link_short_names(linker, full, given_of, is_person)


class _PersonCues:
    """Gender votes and titles per cluster of full names (read once, after full names link)."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker
        self.votes: dict[int, Counter[str]] = {}
        self.titles: dict[int, set[str]] = {}
        for j, other in enumerate(linker.groups):
            if other.genders or other.titles:
                root = linker.uf.find(j)
                self.votes.setdefault(root, Counter()).update(other.genders)
                self.titles.setdefault(root, set()).update(other.titles)

    def fitting(self, g: NameGroup, candidates: list[int]) -> list[int]:
        """The full names a cued bare name may be: never of the other gender ("Mr. Trump" is
        not "Melania Trump"), and those carrying its title when any does ("President Trump")."""
        roots = {j: self.linker.uf.find(j) for j in candidates}
        fit = [
            j
            for j in candidates
            if compatible(g.cue.gender, settled(self.votes.get(roots[j], Counter())))
        ]
        titled = [j for j in fit if g.cue.title in self.titles.get(roots[j], set())]
        return titled or fit


def _link_short_names(
    linker: Linker,
    full: dict[str, list[int]],
    given_of: dict[str, list[int]],
    is_person: Callable[[int], bool],
) -> None:
    cued_alone: list[int] = []
    cues: _PersonCues | None = None
    for i, g in enumerate(linker.groups):
        given, surname = g.person_parts()
        if given or not surname:
            continue
        personal = g.labels["PERSON"] > 0 or g.honorific or is_person(i)
        last = surname[-1]
        as_surname = [j for j in full.get(last, []) if j != i]
        if not personal:
            # A surname the NER read as an organisation or a people ("Teixeira" ORG, "Ketsoyan"
            # NORP) is the person in the articles that name that person in full; a place name
            # never is ("Washington" beside "George Washington").
            # (NORP is spaCy's usual misreading of a foreign surname: "Klitschko".)
            if as_surname and g.label not in PLACE_LABELS - {"NORP"} and len(g.tokens) == 1:
                linker.ambiguous[i] = as_surname
            continue
        as_given = [
            j
            for j in given_of.get(last, [])
            if len(g.tokens) == 1 and linker.groups[j].articles & g.articles
        ]
        if g.cue.gender or g.cue.title:
            if not as_surname and not as_given:
                cued_alone.append(i)
                continue
            cues = cues or _PersonCues(linker)
            as_surname = cues.fitting(g, as_surname)
            as_given = []  # "Mr. Kim" is a surname, never a given name
            if not as_surname:
                continue  # the only full names are of the other gender: stay alone
        if as_surname and not as_given:
            if not linker.link_unique(i, as_surname):
                linker.ambiguous[i] = as_surname
        elif as_given and not g.honorific:
            # A bare given name ("Tony") is only ever read inside an article that names the
            # person in full, and only when that article names one such person.
            linker.ambiguous[i] = as_given + as_surname
    # A cued bare name no full name exists for joins the plain form of the name ("Mr. Lohan"
    # and "Lohan"), or the first cued form of a compatible gender.
    first_of: dict[str, int] = {}
    for i in cued_alone:
        g = linker.groups[i]
        plain = linker.by_key.get(g.tokens[0])
        if plain is not None:
            linker.union(i, plain)
            continue
        gender_key = f"{g.tokens[0]}|{g.cue.gender}"
        target = first_of.get(gender_key) or first_of.get(f"{g.tokens[0]}|")
        if target is None:
            first_of[gender_key] = i
        else:
            linker.union(target, i)
