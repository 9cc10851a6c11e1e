"""Readings of who acts or speaks, by office and name: one doer named two ways ("the firm" /
"the company", "Dunmore Police" / "officers from Dunmore Police") is one reading, two that
cannot be one ("police" / "the fire service", "EU ministers" / "EU leaders") are two. The doers
(doers.py) and the unnamed speakers (framing.py) are set apart by these rules."""

from __future__ import annotations

from app.core.compare.features import StatementInfo, canonical
from app.core.compare.params import lexicon, word_set
from app.core.compare.records import GroupContext, Reading, SpanRef, reading_text

# A reading of who acts: its offices, the names it was given, and where it is told.
Doer = tuple[set[str], set[str], Reading]
# Among a doer's names: they are its own ("Dunmore Police"), not those it acts for ("EU
# ministers").
OWN_NAME = "own"


def place(
    context: GroupContext,
    readings: list[Doer],
    member: StatementInfo,
    keys: set[str],
    span: tuple[int, int],
    staff: bool = False,
    names: set[str] | None = None,
) -> None:
    """A member naming these offices joins the one reading it can only be (the same offices,
    or a name in common), starts a new reading when it is compatible with none, and
    otherwise takes no side ("police" when both "Dunmore Police" and the "National Crime
    Agency" act). With `staff` (doers, not speakers), an institution and the people who act
    for it are compatible."""
    names = names or set()
    compatible = [(ks, ns, r) for ks, ns, r in readings
                  if compatible_doers(ks, ns, keys, names, staff)]  # fmt: skip
    # the same office words join a reading only when they could be no other ("officers"
    # beside "Saint-Olric police" and "officers of the National Gendarmerie" is either)
    alone = names or len(compatible) == 1
    same = [(ks, ns, r) for ks, ns, r in compatible
            if names_meet(ns, names) or (ks == keys and alone)]  # fmt: skip
    if len(same) == 1:
        offices, known, reading = same[0]
        reading.spans.append(SpanRef(member.id, *span))
        offices.update(keys)
        known.update(names)
    elif not compatible:
        text = reading_text(context, member, span)
        reading = Reading(text, sorted(keys)[0], [SpanRef(member.id, *span)])
        readings.append((set(keys), set(names), reading))


def compatible_doers(
    a: set[str], names_a: set[str], b: set[str], names_b: set[str], staff: bool
) -> bool:
    """Can two doers be one? Two that are themselves named ("Minister Ana Ruiz", "Dunmore
    Police") when their names share a word or a linked entity, whatever office each gives;
    otherwise when their offices are compatible and any names they are given, their own or
    those of whom they act for ("EU ministers", "officers from Dunmore Police"), meet: "EU
    ministers" and "EU leaders" are two doers."""
    if OWN_NAME in names_a and OWN_NAME in names_b:
        return names_meet(names_a, names_b)
    if names_a - {OWN_NAME} and names_b - {OWN_NAME} and not names_meet(names_a, names_b):
        return False
    return _compatible(a, b, staff)


def names_meet(a: set[str], b: set[str]) -> bool:
    """Do two doers' names name one body? A linked entity in common, or name words in common
    that make up at least half of the shorter name: "Northern Fraud Unit" and "the Fraud
    Unit" meet, "Kellbridge Transport Authority" and "Department of Regional Transport" do
    not, though both have "Transport"."""
    if any(k.startswith("E:") for k in a & b):
        return True
    words = [{k for k in side if k.startswith("name:")} for side in (a, b)]
    common = words[0] & words[1]
    return bool(common) and 2 * len(common) >= min(len(w) for w in words)


def _compatible(a: set[str], b: set[str], staff: bool = False) -> bool:
    """Can two sets of offices name the same doer? They share one; one names a kind the other
    is ("the company" and "the airline", "officials" and "police": a generic word takes no
    side); both name one overlapping crowd ("residents" and "survivors"); or, with `staff`,
    one names an institution and the other the people who act for one ("the council" and
    "staff", not "union officials")."""
    if a & b:
        return True
    kinds: dict[str, list[str]] = lexicon()["actor_generic"]
    if any(b & set(kinds.get(x, ())) for x in a) or any(a & set(kinds.get(x, ())) for x in b):
        return True
    if any(a & set(crowd) and b & set(crowd) for crowd in lexicon()["actor_overlapping"]):
        return True
    if not staff:
        return False
    bodies, people = word_set("staff_institutions"), word_set("staff_people")
    # ... unless the people are another institution's ("union officials" and "the company")
    return any(body & bodies and staff_of & people and not (staff_of & bodies) - body
               for body, staff_of in ((a, b), (b, a)))  # fmt: skip


def one_office(word: str) -> str:
    """One doer named two ways is one office: "the firm" / "the company", "officers" / "police"."""
    synonyms: dict[str, str] = lexicon()["actor_synonyms"]
    return synonyms.get(word, word)


def compound_office(member: StatementInfo, index: int) -> str:
    """An office its modifier makes another ("chief executive" is the CEO, not any
    executive), or ""."""
    tokens = member.tokens
    compounds: dict[str, str] = lexicon()["office_compounds"]
    for c in member.children(index):
        if tokens[c].dep in ("amod", "compound") and c == index - 1:
            found = compounds.get(f"{tokens[c].text.lower()} {canonical(tokens[index].lemma)}")
            if found:
                return found
    return ""
