"""Link the mentions of a collection into entities (pure: no database, no model).

`link(articles, mentions)` → LinkResult: the repaired and found mentions plus one LinkedEntity
per real-world entity. Stages, each in its own module:
1. spans.repair: fix NER span mistakes (exact spans kept);
2. groups.build_groups: one group per canonical name key, across labels;
3. rules.*: aliases, acronyms, designators, organisation suffixes, people (blocking keys only);
4. finder.find_missed: uncovered occurrences of known people's surnames;
5. dates.resolve: DATE mentions grouped by ISO value.
Cost is linear in the number of mentions plus the (small) number of distinct names per block.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from app.core.entities import lexicon, rules
from app.core.entities.datelinks import date_entities
from app.core.entities.dates import MONTHS, WEEKDAYS
from app.core.entities.finder import PersonIndex, extend_given_name, find_missed
from app.core.entities.gazetteer import NameIndex
from app.core.entities.groups import build_groups, display_form, majority_label
from app.core.entities.names import name_key, name_tokens
from app.core.entities.numbers import number_entities
from app.core.entities.patterns import pattern_names
from app.core.entities.records import (
    DATE_LABEL,
    NAME_LABELS,
    ArticleInput,
    LinkedEntity,
    LinkMention,
    LinkResult,
)
from app.core.entities.spans import (
    Vocabulary,
    collection_vocabulary,
    repair,
    split_lines,
    trim,
)

_DATE_WORD = re.compile(
    r"\d|\b(?:" + "|".join((*MONTHS, *WEEKDAYS, *sorted(lexicon.words("date_words")))) + r")",
    re.IGNORECASE,
)


def repair_all(
    articles: list[ArticleInput], mentions: list[LinkMention], vocabulary: Vocabulary
) -> list[LinkMention]:
    by_article: dict[int, list[LinkMention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article_id].append(m)
    out: list[LinkMention] = []
    for article in articles:
        own = by_article.get(article.id, [])
        names = [m for m in own if m.label in NAME_LABELS]
        rest: list[LinkMention] = []
        for m in own:
            if m.label == DATE_LABEL:
                fixed = trim(m, article.text)
                # "08.07.2012\n\nWladimir Klitschko": a date never runs over a line break;
                # the pieces that hold no date are left for the name finders.
                for piece in split_lines(fixed, article.text) if fixed is not None else []:
                    if _DATE_WORD.search(piece.text):
                        rest.append(piece)
                    elif vocabulary.people[name_key(piece.text)] > 0:
                        # "08.07.2012\n\nWladimir Klitschko": a person named elsewhere
                        names.append(replace(piece, label="PERSON"))
            elif m.label not in NAME_LABELS:
                # A number or time never runs over a line break either ("22:46 GMT\nWladimir
                # Klitschko retained" MONEY): the pieces without a digit are dropped.
                pieces = split_lines(m, article.text) if "\n" in m.text else [m]
                rest.extend(p for p in pieces if p is m or any(c.isdigit() for c in p.text))
        repaired = repair(names, article.text, vocabulary)
        taken = [(m.start, m.end) for m in (*repaired, *rest)]
        out.extend(repaired)
        out.extend(pattern_names(article, taken))  # "Det Supt Ellery", "… Officers' Association"
        out.extend(rest)
    return out


def link(articles: list[ArticleInput], mentions: list[LinkMention]) -> LinkResult:
    vocabulary = collection_vocabulary(
        (m for m in mentions if m.label in NAME_LABELS), (a.text for a in articles)
    )
    result = repair_all(articles, mentions, vocabulary)
    name_indices = [i for i, m in enumerate(result) if m.label in NAME_LABELS]
    groups = build_groups(result, name_indices, {a.id: a.text for a in articles})
    linker = rules.Linker(groups)
    rules.link_aliases(linker)
    rules.link_text_acronyms(linker, [a.text for a in articles])
    rules.link_initials(linker)
    rules.link_designators(linker)
    rules.link_org_suffixes(linker)
    rules.link_org_first_words(linker)
    rules.link_place_qualifiers(linker)
    rules.link_reordered_names(linker)
    rules.link_org_tails(linker)
    rules.link_hyphen_joins(linker)
    rules.link_people(linker)

    root_of = [linker.uf.find(i) for i in range(len(groups))]
    members: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(root_of):
        members[root].extend(groups[i].mentions)
    _settle_ambiguous_surnames(linker, root_of, members, result)
    label_of = linker.cluster_label_of()
    people = {root for root, label in label_of.items() if label == "PERSON"}
    index = PersonIndex(groups, root_of, people)
    by_article: dict[int, list[LinkMention]] = defaultdict(list)
    for m in result:
        by_article[m.article_id].append(m)
    _extend_given_names(articles, result, members, people, index, by_article)
    names = NameIndex(groups, root_of, label_of, vocabulary.is_common)
    for article in articles:
        own = by_article[article.id]
        for mention, root in find_missed(article, own, index):
            members[root].append(len(result))
            result.append(mention)
            own.append(mention)
        for mention, root in names.scan(article, own):
            members[root].append(len(result))
            result.append(mention)

    entities = [
        _name_entity(result, idx, label_of.get(root))
        for root, idx in sorted(members.items())
        if idx
    ]
    names_of: dict[int, set[int]] = defaultdict(set)
    for root, idx in members.items():
        for i in idx:
            names_of[result[i].article_id].add(root)
    entities.extend(date_entities(articles, result, names_of))
    entities.extend(number_entities(result, lexicon.words("number_labels")))
    return LinkResult(result, entities)


def _settle_ambiguous_surnames(
    linker: rules.Linker,
    root_of: list[int],
    members: dict[int, list[int]],
    result: list[LinkMention],
) -> None:
    """ "Jackson" where the collection has two Jacksons: each mention goes to the one of them
    its own article names, if exactly one; otherwise it stays with the bare surname."""
    articles_of: dict[int, set[int]] = defaultdict(set)
    for i, group in enumerate(linker.groups):
        articles_of[root_of[i]] |= group.articles
    for group_index, candidates in linker.ambiguous.items():
        own = root_of[group_index]
        roots = {root_of[c] for c in candidates} - {own}
        moved = []
        for i in linker.groups[group_index].mentions:
            present = [r for r in roots if result[i].article_id in articles_of[r]]
            if len(present) == 1:
                members[present[0]].append(i)
                moved.append(i)
        if moved:
            gone = set(moved)
            members[own] = [i for i in members[own] if i not in gone]


def _extend_given_names(
    articles: list[ArticleInput],
    result: list[LinkMention],
    members: dict[int, list[int]],
    people: set[int],
    index: PersonIndex,
    by_article: dict[int, list[LinkMention]],
) -> None:
    text_of = {a.id: a for a in articles}
    ends = {a: sorted(m.end for m in ms) for a, ms in by_article.items()}
    for root in people:
        for i in members.get(root, []):
            m = result[i]
            if " " in m.text.strip():
                continue
            longer = extend_given_name(text_of[m.article_id], m, root, index, ends[m.article_id])
            if longer is not None:
                result[i] = longer


def _name_entity(
    mentions: list[LinkMention], indices: list[int], label: str | None
) -> LinkedEntity:
    indices = sorted(indices, key=lambda i: (mentions[i].article_id, mentions[i].start))
    labels = Counter(mentions[i].label for i in indices)
    forms = Counter(display_form(mentions[i].text) for i in indices)
    # The fullest form that is used most: "Josep Borrell" over "Borrell", "European Union"
    # over "EU", "Alexei Navalny" over the once-seen "Alexey Navalnyi".
    name = max(forms, key=lambda f: (min(len(name_tokens(f)), 4), forms[f], -len(f)))
    return LinkedEntity(name, label or majority_label(labels), None, indices)
