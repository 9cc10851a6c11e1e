"""DATE entities: one per resolved ISO value (dates.resolve), across the whole collection.

A weekday or relative date in an article WITHOUT a publication date ("Friday", "last week")
cannot be resolved. Within one story (articles of one week) it most likely means the same day
as the same words in the dated articles, so it joins the one resolved entity reached by the
same words (the mention keeps no value of its own; its anchor says "matched:<value>"). When no
dated article uses those words the undated mentions of one wording form one entity without a
value; when dated articles use them for different days, each undated mention stays alone.
"Today" and "yesterday" are never matched: they name each article's own (unknown) day.
A TIME that names a day and its part ("Friday night", "early Saturday morning") is that day.
Undated mentions of one wording are one day only across articles tied by shared name entities
(at least PARAMS.undated_day_ties): an ECB+-like story mixes two similar events on other days.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from app.core.entities import lexicon
from app.core.entities.dates import (
    collection_date,
    day_of_time,
    looks_calendar,
    month_day_key,
    relative_key,
    resolve,
)
from app.core.entities.lexicon import PARAMS
from app.core.entities.names import name_key
from app.core.entities.records import DATE_LABEL, ArticleInput, LinkedEntity, LinkMention

# Words that name the article's own day: two undated articles' "today" need not be one day.
OWN_DAY = lexicon.words("own_day_words")


def date_entities(
    articles: list[ArticleInput],
    mentions: list[LinkMention],
    names_of: dict[int, set[int]] | None = None,
) -> list[LinkedEntity]:
    """`names_of` (article → the name entities it mentions) ties undated weekdays: two
    articles' "Friday" are one day only when the articles also name a common entity."""
    published = {a.id: a.published for a in articles}
    shared = collection_date(list(published.values()))
    by_value: dict[str, list[int]] = defaultdict(list)
    values_of_wording: dict[str, set[str]] = defaultdict(set)
    undated: dict[str, list[int]] = defaultdict(list)
    alone: dict[tuple[int, str], list[int]] = defaultdict(list)
    month_days: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        text = m.text if m.label == DATE_LABEL else day_of_time(m.text)
        if text is None:
            continue
        resolved = resolve(text, published.get(m.article_id), shared)
        wording = relative_key(text)
        if resolved is not None:
            m.value, m.anchor = resolved.value, resolved.anchor
            by_value[resolved.value].append(i)
            if wording:
                values_of_wording[wording].add(resolved.value)
        elif wording and wording not in OWN_DAY and not published.get(m.article_id):
            undated[wording].append(i)
        elif (day := month_day_key(text)) is not None:
            month_days[day].append(i)
        elif looks_calendar(text):
            alone[(m.article_id, name_key(text))].append(i)
    groups: dict[str, list[int]] = {}
    for wording, indices in undated.items():
        values = values_of_wording.get(wording, set())
        if len(values) == 1:
            value = next(iter(values))
            by_value[value].extend(indices)
            for i in indices:
                mentions[i].anchor = f"matched:{value}"
        elif not values:
            for n, part in enumerate(_tied(indices, mentions, names_of)):
                groups[f"{wording}#{n}"] = part
        else:
            for i in indices:
                alone[(mentions[i].article_id, wording)].append(i)
    for day, indices in month_days.items():
        # "Feb. 22" without a year: the one full date of the collection on that day, else one
        # entity for the same day written any way ("22 February", "February 22nd"): within a
        # story a day of a month rarely means two days.
        values = {v for v in by_value if v.endswith(day[1:]) and len(v) == 10}
        if len(values) == 1:
            value = next(iter(values))
            by_value[value].extend(indices)
            for i in indices:
                mentions[i].anchor = f"matched:{value}"
        else:
            groups[day] = indices
    entities = [_entity(mentions, indices, value) for value, indices in sorted(by_value.items())]
    entities.extend(_entity(mentions, indices, None) for indices in groups.values())
    entities.extend(_entity(mentions, indices, None) for indices in alone.values())
    return entities


def _tied(
    indices: list[int], mentions: list[LinkMention], names_of: dict[int, set[int]] | None
) -> list[list[int]]:
    """The mentions of one undated wording, in parts whose articles are connected by shared
    name entities (all one part without that knowledge)."""
    if names_of is None:
        return [indices]
    articles = sorted({mentions[i].article_id for i in indices})
    parent = {a: a for a in articles}

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for x, a in enumerate(articles):
        for b in articles[x + 1 :]:
            if len(names_of.get(a, set()) & names_of.get(b, set())) >= PARAMS.undated_day_ties:
                parent[find(a)] = find(b)
    parts: dict[int, list[int]] = defaultdict(list)
    for i in indices:
        parts[find(mentions[i].article_id)].append(i)
    return list(parts.values())


def _entity(mentions: list[LinkMention], indices: list[int], value: str | None) -> LinkedEntity:
    indices = sorted(indices, key=lambda i: (mentions[i].article_id, mentions[i].start))
    forms = Counter(mentions[i].text for i in indices)
    return LinkedEntity(forms.most_common(1)[0][0], DATE_LABEL, value, indices)
