"""Sub-commands over entities: `parallax entities` (the table) and `parallax entity …`
(show, merge, split, rename, hide, corrections, undo). Corrections survive re-analysis."""

from __future__ import annotations

import argparse

import sqlite_utils

from app.commands.common import Add, open_database


def _collection_id(args: argparse.Namespace) -> int:
    from app.core.store import collections

    return collections.find(open_database(args), args.collection).id


def cmd_entities(args: argparse.Namespace) -> int:
    from app.core.entities.queries import list_entities
    from app.core.store import articles

    db = open_database(args)
    cid = _collection_id(args)
    ids = [row.id for row in articles.in_collection(db, cid)]
    rows = list_entities(db, cid, include_hidden=args.all)
    if args.label:
        rows = [r for r in rows if r.label == args.label.upper()]
    print(f"{'id':>6}  {'entity':32} {'label':8} {'mentions per article':28} aliases")
    for row in rows:
        counts = " ".join(f"a{a}:{row.per_article[a]}" for a in ids if row.per_article[a])
        name = row.name + (f" = {row.value}" if row.value else "") + (" [hidden]" * row.hidden)
        aliases = ", ".join(row.aliases)
        print(f"{'e' + str(row.id):>6}  {name[:32]:32} {row.label:8} {counts:28} {aliases}")
        if args.descriptors:
            for article_id, text in row.descriptors:
                print(f"{'':8}a{article_id}: {text}")
    print(f"{len(rows)} entities")
    return 0


def _entity_id(text: str) -> int:
    """ "e12", "m40" or "12"."""
    from app.core.errors import ParallaxError

    digits = text.lstrip("eEmM")
    if not digits.isdigit():
        raise ParallaxError(f"not an entity or mention id: {text!r}")
    return int(digits)


def cmd_entity(args: argparse.Namespace) -> int:
    from app.core.analysis import remove_entity_correction
    from app.core.entities import corrections
    from app.core.entities.queries import entity_mentions

    db = open_database(args)
    cid = _collection_id(args)
    if args.action == "show":
        for m in entity_mentions(db, _entity_id(args.entity)):
            extra = f" = {m.value} ({m.anchor})" if m.value else ""
            print(f"m{m.id:<6} a{m.article_id:<4} {m.start:>6}-{m.end:<6} {m.label:8} {m.text}"
                  f"{extra}{' [span by linker]' if m.origin == 'linker' else ''}")  # fmt: skip
        return 0
    if args.action in corrections.ACTIONS:
        new = _correct(db, cid, args)
        said = {
            "merge": "merged into",
            "split": "split into",
            "rename": "renamed:",
            "hide": "shown:" if args.action == "hide" and args.unhide else "hidden:",
        }
        print(f"{said[args.action]} e{new}")  # fmt: skip
    elif args.action == "corrections":
        for c in corrections.list_corrections(db, cid):
            print(f"{c.id:5}  {c.action:7} {c.payload.get('name') or ''}")
    elif args.action == "undo":
        remove_entity_correction(db, cid, args.correction)
        print(f"removed correction {args.correction}")
    return 0


def _correct(db: sqlite_utils.Database, cid: int, args: argparse.Namespace) -> int:
    """Record the correction and re-run what depends on it (core/analysis.py decides what)."""
    from app.core.analysis import apply_entity_correction

    if args.action == "merge":
        call: tuple[object, ...] = ([_entity_id(e) for e in args.entities],)
    elif args.action == "split":
        call = ([_entity_id(m) for m in args.mentions], args.name)
    elif args.action == "rename":
        call = (_entity_id(args.entity), args.name)
    else:
        call = (_entity_id(args.entity), not args.unhide)
    new, _report = apply_entity_correction(db, cid, args.action, *call)
    return new


def register(add: Add) -> None:
    p = add("entities", cmd_entities, "list a collection's entities linked across its articles")
    p.add_argument("--collection", required=True)
    p.add_argument("--label", help="only this label (PERSON, ORG, GPE, DATE, …)")
    p.add_argument("--all", action="store_true", help="include hidden entities")
    p.add_argument("--descriptors", action="store_true", help="print how articles describe each")

    p = add("entity", cmd_entity, "show or correct one entity (corrections survive re-analysis)")
    actions = p.add_subparsers(dest="action", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--collection", required=True)
        sub.add_argument("--db", default=argparse.SUPPRESS, help="database file")
        return sub

    action("show", "list an entity's mentions with their ids").add_argument("entity")
    action("merge", "merge entities into one").add_argument("entities", nargs="+")
    sub = action("split", "move mentions (ids from `entity show`) into a new entity")
    sub.add_argument("mentions", nargs="+")
    sub.add_argument("--name", help="name of the new entity")
    sub = action("rename", "rename an entity")
    sub.add_argument("entity")
    sub.add_argument("name")
    sub = action("hide", "hide a false positive")
    sub.add_argument("entity")
    sub.add_argument("--unhide", action="store_true", help="show it again")
    action("corrections", "list the collection's corrections")
    action("undo", "remove one correction").add_argument("correction", type=int)
