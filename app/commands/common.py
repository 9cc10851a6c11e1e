"""What every sub-command shares."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import sqlite_utils

Handler = Callable[[argparse.Namespace], int]
Add = Callable[[str, Handler, str], argparse.ArgumentParser]


def open_database(args: argparse.Namespace) -> sqlite_utils.Database:
    from app.core.store.db import open_db

    return open_db(args.db)
