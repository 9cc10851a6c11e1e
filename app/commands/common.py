"""What every sub-command shares."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import sqlite_utils

Handler = Callable[[argparse.Namespace], int]
Add = Callable[[str, Handler, str], argparse.ArgumentParser]


def open_database(args: argparse.Namespace) -> sqlite_utils.Database:
    import sys

    from app.core.store.db import ReadOnlyDatabase, open_db

    db = open_db(args.db)
    if isinstance(db, ReadOnlyDatabase):
        print(f"parallax: warning: {db.notice}", file=sys.stderr)
    return db
