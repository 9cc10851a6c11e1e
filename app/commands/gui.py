"""`parallax gui`: open the desktop reader."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from app.commands.common import Add


def open_window(db: str | None, collection: str | None = None, paths: Sequence[Path] = ()) -> int:
    # Imported here: the CLI must start without Qt when no window is wanted.
    from app.gui.app import run_app

    return run_app(db, collection, paths)


def cmd_gui(args: argparse.Namespace) -> int:
    return open_window(args.db, args.collection, [Path(p) for p in args.paths])


def register(add: Add) -> None:
    p = add("gui", cmd_gui, "open the desktop reader (needs a display)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files to open in the import wizard")
    p.add_argument("--collection", help="collection to open (default: the last one)")
