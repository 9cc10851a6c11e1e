"""Maintenance sub-commands: backup, restore and re-analysis of a collection."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import Add, open_database
from app.core.counting import count as count_of
from app.core.store.backup import BackupInfo


def _db_path(args: argparse.Namespace) -> Path:
    from app.core.store.db import default_db_path

    return Path(args.db) if args.db else default_db_path()


def cmd_backup(args: argparse.Namespace) -> int:
    from app.core.store.backup import backup

    info = backup(_db_path(args), Path(args.file))
    print(f"backed up to {info.path}: {_contents(info)}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.core.store.backup import restore
    from app.core.store.db import open_db

    db_path = _db_path(args)
    info, kept = restore(Path(args.file), db_path)
    open_db(db_path).conn.close()  # a backup from an older release is migrated forward now
    if kept is not None:
        print(f"previous database kept as {kept}")
    print(f"restored {info.path}: {_contents(info)}")
    return 0


def cmd_reanalyse(args: argparse.Namespace) -> int:
    from app.commands.articles import print_failures
    from app.core.analysis import analyse_collection
    from app.core.store import analysis_state, collections

    db = open_database(args)
    collection = collections.find(db, args.collection)
    mark = analysis_state.get(db, collection.id)
    if mark is not None:
        print(f"finishing {collection.name!r}: {mark.summary()}")
    report = analyse_collection(db, collection.id)
    failed = print_failures(report.failure_lines())
    if failed:
        print(f"re-analysed {collection.name!r}; {failed} failure(s), still marked unfinished")
        return 4
    print(f"re-analysed {collection.name!r}")
    return 0


def register(add: Add) -> None:
    p = add("backup", cmd_backup, "copy the database to FILE (consistent while others write)")
    p.add_argument("file", metavar="FILE")
    p = add(
        "restore",
        cmd_restore,
        "replace the database with a checked backup FILE (the current one is kept as .bak)",
    )
    p.add_argument("file", metavar="FILE")
    p = add("reanalyse", cmd_reanalyse, "re-run entity linking and alignment on a collection")
    p.add_argument("--collection", required=True)


def _contents(info: BackupInfo) -> str:
    return f"{count_of(info.articles, 'article')}, {count_of(info.annotations, 'annotation')}"
