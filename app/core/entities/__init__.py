"""Entities: mentions linked across the articles of a collection (issue 3).

Entry points (Qt-free; the CLI and the GUI call the same functions):
- pipeline.link_collection(db, collection_id) -> LinkStats: the whole stage, run by
  app.core.analysis.analyse_collection after every import; idempotent.
- queries.list_entities(db, collection_id, include_hidden=False) / queries.entity_mentions(db, id)
- corrections.merge / split / rename / hide / list_corrections / remove: user corrections,
  stored by mention spans so that they survive re-analysis.
- linker.link(articles, mentions) -> LinkResult: the pure linker (no database, no model), used
  by the bench on ECB+.

Modules, one job each: names (keys, transliteration skeletons), spans (NER span repairs),
groups (one group per canonical name, union-find), rules (aliases, acronyms, designators,
organisation suffixes, people), finder (missed mentions of known people), gazetteer (missed
mentions of known places and organisations), patterns (names the NER missed that their words
give away: a person after a title or rank, an organisation by its last word), dates / datelinks
(ISO values, DATE entities), aliases (curated list in resources/aliases.json), descriptors
(appositions and titles from the stored parse), store (read inputs, write results), naive (the
exact-string baseline, kept for comparison).
"""
