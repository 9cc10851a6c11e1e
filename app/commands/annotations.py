"""`parallax export --format annotations`: a collection's annotations as W3C JSON-LD."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.commands.common import open_database


def export_annotations(args: argparse.Namespace) -> int:
    from app.core.annotations import jsonld
    from app.core.annotations import store as annotation_store
    from app.core.store import articles, collections
    from app.core.view.document import write_json

    db = open_database(args)
    collection = collections.find(db, args.collection)
    rows = articles.in_collection(db, collection.id)
    if args.articles:
        wanted = {int(x) for x in args.articles.split(",")}
        rows = [r for r in rows if r.id in wanted]
    # Targets name articles by where they came from (path), the key a reader can resolve.
    sources = {row.id: row.url or row.path for row in rows}
    shown = annotation_store.for_articles(db, collection.id, sources)
    document = jsonld.annotation_collection(shown, sources, collection.name)
    if args.out in (None, "-"):
        json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        write_json(document, Path(args.out))
        print(f"wrote {args.out}: {len(shown)} annotations")
    return 0
