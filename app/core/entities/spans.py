"""Repair NER spans before linking; every repaired span is still an exact slice of the text.

spaCy's small model makes a handful of span mistakes that would otherwise break linking:
- it keeps "the" and possessives: "the European Commission’s" → "European Commission";
- it tags "pro-Navalny" as one word: the mention becomes "Navalny";
- it runs over a sentence end: "Sputnik V. Due" → "Sputnik V";
- it splits names at particles: "Ursula von der" + "Leyen" → "Ursula von der Leyen";
- it glues a title to a person: "the Russian Foreign Ministry Marija Zaharova" → ORG + PERSON,
  when the last word is a surname spaCy tags PERSON elsewhere in the collection;
- it glues credits and headlines: "PHOTO/Jennifer Jacquemart/European Commission", "Europe &
  Russia" are cut at the separator when a piece is a name known from other mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from app.core.entities import lexicon
from app.core.entities.lexicon import PARAMS
from app.core.entities.names import AFFIX_PREFIXES, PARTICLES, name_key, name_tokens
from app.core.entities.records import NAME_LABELS, LinkMention

_LEAD = re.compile(r"^(?:(?:the|The|THE)\s+|[\s\"“”‘'’«(\[-]+)+")
_TRAIL = re.compile(
    r"(?:\s*['’‘`]\s*s\b|['’]$|[\s\"“”‘'’»),:;!?\]-]+|\s+(?:of|and|for|the|on|in|&))+$"
)
_SENTENCE_BREAK = re.compile(r"\.\s+(\w+)$")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z]+(?![\w’'-])")
_SEPARATORS = re.compile(r"\s*/\s*|\s+[-–—]\s+|\s+&\s+")
BINDING = frozenset({"of", "de"})  # a word that binds what follows into a longer name
# Words that end an organisation's name rather than start a person's.
ORG_WORDS = lexicon.words("organisation_words")


def _sub(m: LinkMention, start: int, end: int, text: str, label: str | None = None) -> LinkMention:
    return LinkMention(
        m.article_id, start, end, text[start:end], label or m.label,
        m.sources, "linker" if (start, end) != (m.start, m.end) or label else m.origin,
    )  # fmt: skip


def stem(word: str) -> str:
    """A crude English stem, enough to see "Checks" in "checked": no name is cut to a stem
    that running text writes in lower case unless the word is a common word anyway."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def trim(m: LinkMention, text: str) -> LinkMention | None:
    """Drop determiners, quotes, possessives, affixes and trailing connectives from the span."""
    start, end = m.start, m.end
    piece = text[start:end]
    lead = _LEAD.match(piece)
    if lead:
        start += lead.end()
    trail = _TRAIL.search(text[start:end])
    if trail:
        end = start + trail.start()
    lowered = text[start:end].lower()
    for prefix in AFFIX_PREFIXES:
        if lowered.startswith(prefix) and end - start > len(prefix) + 2:
            start += len(prefix)
            break
    brk = _SENTENCE_BREAK.search(text[start:end])
    if brk and brk.group(1).lower() in STOP_WORDS:
        end = start + brk.start()
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return m if (start, end) == (m.start, m.end) else _sub(m, start, end, text)


def join_particles(mentions: list[LinkMention], text: str) -> list[LinkMention]:
    """Join "Ursula von der" + "Leyen": a name that ends in a particle continues in the next."""
    out: list[LinkMention] = []
    for m in sorted(mentions, key=lambda x: x.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and text[prev.end : m.start] == " "
            and prev.text.split()[-1].lower() in PARTICLES
        ):
            label = prev.label if prev.label == "PERSON" else m.label
            out[-1] = LinkMention(
                m.article_id, prev.start, m.end, text[prev.start : m.end], label,
                prev.sources + m.sources, "linker",
            )  # fmt: skip
            continue
        out.append(m)
    return out


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + w.start(), start + w.end()) for w in re.finditer(r"\S+", text[start:end])]


def split_person_tail(m: LinkMention, text: str, surnames: set[str]) -> list[LinkMention]:
    """ "the Russian Foreign Ministry Marija Zaharova" → ORG "Russian Foreign Ministry" + PERSON."""
    if m.label == "PERSON":
        return [m]
    spans = _word_spans(text, m.start, m.end)
    if len(spans) < 3 or name_key(text[spans[-1][0] : spans[-1][1]]) not in surnames:
        return [m]
    first = len(spans) - 1
    before = text[spans[first - 1][0] : spans[first - 1][1]]
    if before[:1].isupper() and name_key(before) not in ORG_WORDS and first - 1 > 0:
        first -= 1
    head_end = spans[first - 1][1]
    if not any(c.isupper() for c in text[m.start : head_end]):
        return [m]
    head = trim(_sub(m, m.start, head_end, text), text)
    person = _sub(m, spans[first][0], m.end, text, "PERSON")
    return [x for x in (head, person) if x is not None]


def split_separators(m: LinkMention, text: str, known: set[str]) -> list[LinkMention]:
    """Cut "Europe & Russia" or a photo credit at separators when a piece is a known name."""
    piece = text[m.start : m.end]
    cuts = list(_SEPARATORS.finditer(piece))
    if not cuts:
        return [m]
    bounds: list[tuple[int, int]] = []
    at = 0
    for cut in cuts:
        bounds.append((at, cut.start()))
        at = cut.end()
    bounds.append((at, len(piece)))
    keys = [name_key(piece[a:b]) for a, b in bounds]
    if not any(k in known for k in keys):
        return [m]
    out: list[LinkMention] = []
    for (a, b), key in zip(bounds, keys, strict=True):
        words = piece[a:b].split()
        shouting = len(words) == 1 and words[0].isupper() and len(words[0]) > 3
        if not key or not any(c.isupper() for c in piece[a:b]) or (shouting and key not in known):
            continue
        part = trim(_sub(m, m.start + a, m.start + b, text), text)
        if part is not None:
            out.append(part)
    return out or [m]


def split_lines(m: LinkMention, text: str) -> list[LinkMention]:
    """A name never runs over a line break ("08.07.2012\n\nWladimir Klitschko"). A line of
    digits alone is no name but may be a date or number ("08.07.2012"): kept for those."""
    if "\n" not in m.text:
        return [m]
    wanted = str.isalpha if m.label in NAME_LABELS else str.isalnum
    out = []
    for line in re.finditer(r"[^\n]+", m.text):
        if any(wanted(c) for c in line.group()):
            piece = trim(_sub(m, m.start + line.start(), m.start + line.end(), text), text)
            if piece is not None:
                out.append(piece)
    return out


def is_headline(text: str, at: int) -> bool:
    """Whether the line holding offset `at` is set in title case or capitals ("Lindsay Lohan
    Checks Into Rehab", "RED SOX MAKE HUGE OFFER"): there the NER's spans are unreliable."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return _headline_line(text, start, end if end >= 0 else len(text))


# Read once per line, not once per name on it: a line of thousands of names ("John Smith and
# Mary Jones and …") was read whole for each of them (quadratic). The text is one string
# object per article, so its hash is computed once.
@lru_cache(maxsize=512)  # bounded: its keys hold the texts alive
def _headline_line(text: str, start: int, end: int) -> bool:
    line = text[start:end]
    long_words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) >= 4]
    if len(long_words) < 3:
        return False
    capitalised = sum(w[0].isupper() for w in long_words)
    return bool(capitalised >= PARAMS.headline_share * len(long_words))


def _loose_word(word: str, vocabulary: Vocabulary) -> bool:
    """A headline word that may be cut off a name: no other mention holds it, and it is no
    digit-bearing or organisation word that would belong to the name ("76ers", "Bank")."""
    return (
        vocabulary.name_words[word] <= 1
        and word not in ORG_WORDS
        and not any(c.isdigit() for c in word)
    )


# No name anyone writes runs longer: a span is never shrunk to a part of more words.
MAX_NAME_WORDS = 12


def _running(flags: list[bool]) -> list[int]:
    """How many of the flags are set before each index (and, last, in all)."""
    counts = [0]
    for flag in flags:
        counts.append(counts[-1] + flag)
    return counts


def trim_headline(m: LinkMention, text: str, vocabulary: Vocabulary) -> LinkMention:
    """Shrink a span to a name known from other mentions that it starts or ends with, when
    every word cut off is a common word (one the collection also writes in lower case) that is
    not itself used more as a name than the whole span: "Lindsay Lohan Checks Into Rehab" →
    "Lindsay Lohan", "Comedian Ellen DeGeneres" → "Ellen DeGeneres"; never "Josep Borrell" →
    "Borrell" (no lower-case "josep") nor "Mark Felt" → "Mark" ("Felt" is a name). Outside
    people, only on a title-case line, and only to a name the collection uses at least twice:
    "RED SOX MAKE HUGE OFFER" → "RED SOX", "Overturn Bush Rules" → "Bush"."""
    spans = _word_spans(text, m.start, m.end)
    if len(spans) < 2:
        return m
    headline = is_headline(text, m.start)
    loose = headline and m.label != "PERSON"  # a person's span may hold an unknown given name
    if m.label not in ("PERSON", "ORG", "WORK_OF_ART") and not headline:
        return m
    own = name_key(m.text)
    limit = max(1, vocabulary.people[own])
    words = [name_key(text[a:b]) for a, b in spans]
    # What may be cut off, as running counts, so that each candidate is checked at once (a
    # long title-case line made this cubic): words common enough to go, and ORG words.
    goes = _running([(vocabulary.is_common(w) or (loose and _loose_word(w, vocabulary)))
                     and vocabulary.people[w] <= limit for w in words])  # fmt: skip
    org = _running([w in ORG_WORDS for w in words])
    best: tuple[int, int, int, int] | None = None  # (uses of the name, size, start, end)
    for size in range(min(len(spans) - 1, MAX_NAME_WORDS), 0, -1):
        ends = [(0, size), (len(spans) - size, len(spans))]
        # On a headline the name may sit inside the span too ("Negotiations for HUNGER GAMES
        # Sequel", "Overturn Bush Rules"); elsewhere only a leading or trailing part goes.
        inner = [(a, a + size) for a in range(1, len(spans) - size)] if headline else []
        for a, b in ends + inner:
            key = name_key(text[spans[a][0] : spans[b - 1][1]])
            if key == own:
                continue
            person = vocabulary.people[key] > 0
            other = headline and vocabulary.names[key] >= 2 and not vocabulary.is_common(key)
            # Only a PERSON span (or a headline) may shrink to a bare surname.
            if size == 1:  # a surname of a person named in full elsewhere
                person = key in vocabulary.surnames and (
                    (person and m.label == "PERSON") or headline
                )
            if not (person or other):
                continue
            if a > 0 and words[a - 1] in BINDING:
                continue  # "Bank of America" is not "America"
            cut = len(words) - size  # the words outside [a, b)
            # On a headline a word no other mention of the collection holds may go too
            # ("Bumped"), never a given name ("Gary" of "Gary Ross").
            if loose and org[a] + org[-1] - org[b] > 0:
                continue  # "MARFIN EGNATIA BANK" is a bank's whole name
            if goes[a] + goes[-1] - goes[b] == cut:
                uses = vocabulary.people[key] if person else vocabulary.names[key]
                candidate = (uses, size, spans[a][0], spans[b - 1][1])
                best = max(best or candidate, candidate)
    if best is None:
        return m
    return trim(_sub(m, best[2], best[3], text), text) or m


_CONTINUATION = re.compile(r"(?:-|[ ]+)([^\W\d_]+)")


def extend_to_known(m: LinkMention, text: str, vocabulary: Vocabulary) -> LinkMention:
    """ "Moon Jae" where the text goes on "-in", or "KIM JONG" before "UN": a person's span
    grows over the next word or two when the longer name is a person the collection names
    more often than the cut one."""
    if m.label != "PERSON" and vocabulary.people[name_key(m.text)] == 0:
        return m
    own = name_key(m.text)
    at, best = m.end, m.end
    for _ in range(2):
        more = _CONTINUATION.match(text, at)
        if more is None or not (more.group(1)[0].isupper() or text[at] == "-"):
            break
        at = more.end()
        key = name_key(text[m.start : at])
        # Only toward a name used more than the cut one: "Lindsay Lohan Checks" (a headline
        # span) is no reason to grow "Lindsay Lohan".
        if key != own and vocabulary.people[key] > vocabulary.people[own]:
            best = at
    if best == m.end:
        return m
    return _sub(m, m.start, best, text, "PERSON")


def _drop_covered(mentions: list[LinkMention]) -> list[LinkMention]:
    """Without mentions inside a longer one (what an extended span swallowed)."""
    ordered = sorted(mentions, key=lambda x: (x.start, -x.end))
    out: list[LinkMention] = []
    reach = -1
    for m in ordered:
        if m.end <= reach:
            continue
        out.append(m)
        reach = max(reach, m.end)
    return out


def split_headline_names(m: LinkMention, text: str, vocabulary: Vocabulary) -> list[LinkMention]:
    """ "Obama Reverses Bush": a headline span holding two names the collection knows, with
    nothing but common or unknown words around them, is those names."""
    spans = _word_spans(text, m.start, m.end)
    if len(spans) < 3 or not is_headline(text, m.start):
        return [m]
    words = [name_key(text[a:b]) for a, b in spans]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        for j in range(len(spans), i, -1):
            key = " ".join(words[i:j])
            person = vocabulary.people[key] >= 2 and (j - i >= 2 or key in vocabulary.surnames)
            if person and (i, j) != (0, len(spans)):
                found.append((i, j))
                i = j
                break
        else:
            if not (vocabulary.is_common(words[i]) or _loose_word(words[i], vocabulary)):
                return [m]  # an unknown name-like word: the span may be one name after all
            i += 1
    if len(found) < 2:
        return [m]
    return [_sub(m, spans[i][0], spans[j - 1][1], text, "PERSON") for i, j in found]


@lru_cache(maxsize=1)
def _lead_titles() -> frozenset[str]:
    """Words and phrases that may open a person's span without being part of the name."""
    # (honorifics stay: name keys drop them, and the gender cue reads them inside the span)
    return (lexicon.words("person_titles") | lexicon.words("rank_titles")
            | lexicon.words("person_descriptors"))  # fmt: skip


def drop_lead_title(m: LinkMention, text: str) -> LinkMention:
    """ "Grandad Darren Pocock", "President Joe Biden" → "Darren Pocock", "Joe Biden": spaCy
    takes a title or a tabloid's label for a first name; with two name words after it, it is
    none ("Prince Harry" stays whole: one word is left to say which Harry)."""
    if m.label != "PERSON":
        return m
    spans = _word_spans(text, m.start, m.end)
    if not all(text[a].isupper() for a, _ in spans):
        return m  # "Mrs von der": particles are no name words to stand on their own

    def title_of(at: int) -> int:
        """How many words from `at` make a title that leaves two name words (0: none)."""
        for size in (2, 1):
            words = " ".join(text[a:b].lower().rstrip(".") for a, b in spans[at : at + size])
            if len(spans) - at - size >= 2 and words in _lead_titles():
                return size
        return 0

    cut = 0
    while size := title_of(cut):
        cut += size
    return _sub(m, spans[cut][0], m.end, text) if cut else m


def repair(mentions: Iterable[LinkMention], text: str, vocabulary: Vocabulary) -> list[LinkMention]:
    """All repairs for one article's mentions, using what the collection knows of names."""
    trimmed = [drop_lead_title(t, text) for m in mentions if (t := trim(m, text)) is not None]
    lines = [piece for m in trimmed for piece in split_lines(m, text)]
    out: list[LinkMention] = []
    for m in join_particles(lines, text):
        for piece in split_separators(m, text, vocabulary.known):
            parts = [
                p
                for q in split_headline_names(piece, text, vocabulary)
                for p in split_person_tail(q, text, vocabulary.surnames)
            ]
            for part in parts:
                out.append(extend_to_known(trim_headline(part, text, vocabulary), text, vocabulary))
    return _drop_covered(out)


@dataclass(slots=True)
class Vocabulary:
    """What the NER mentions of the whole collection say about names."""

    known: set[str] = field(default_factory=set)  # every name key
    surnames: set[str] = field(default_factory=set)  # last words of PERSON mentions
    people: Counter[str] = field(default_factory=Counter)  # PERSON keys → mentions
    names: Counter[str] = field(default_factory=Counter)  # every key → mentions
    name_words: Counter[str] = field(default_factory=Counter)  # word of a key → mentions
    common: set[str] = field(default_factory=set)  # stems of words written in lower case

    def is_common(self, word: str) -> bool:
        return stem(word) in self.common


def collection_vocabulary(mentions: Iterable[LinkMention], texts: Iterable[str]) -> Vocabulary:
    vocabulary = Vocabulary()
    for text in texts:
        vocabulary.common.update(stem(w) for w in _LOWER_WORD.findall(text))
    for m in mentions:
        tokens = name_tokens(m.text)
        if not tokens:
            continue
        key = " ".join(tokens)
        vocabulary.known.add(key)
        vocabulary.names[key] += 1
        vocabulary.name_words.update(set(tokens))
        if m.label == "PERSON":
            vocabulary.people[key] += 1
            if len(tokens[-1]) >= 4 and tokens[-1] not in ORG_WORDS:
                vocabulary.surnames.add(tokens[-1])
    return vocabulary
