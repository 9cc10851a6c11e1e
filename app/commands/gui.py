"""`parallax gui`: open the desktop reader."""

from __future__ import annotations

import argparse

from app.commands.common import Add


def open_window(db: str | None, collection: str | None = None) -> int:
    # Imported here: the CLI must start without Qt when no window is wanted.
    from app.gui.app import run_app

    return run_app(db, collection)


def cmd_gui(args: argparse.Namespace) -> int:
    return open_window(args.db, args.collection)


def register(add: Add) -> None:
    p = add("gui", cmd_gui, "open the desktop reader (needs a display)")
    p.add_argument("--collection", help="collection to open (default: the last one)")
