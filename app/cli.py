"""`parallax …`: the core for scripting and tests. Each sub-command is a thin shell over app.core;
the sub-commands live in app/commands/, one module per area."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence

from app import __version__
from app.commands import articles, backup, compare, entities, gui
from app.commands.common import Handler
from app.core.errors import ParallaxError

COMMAND_MODULES = [articles, entities, compare, gui, backup]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parallax", description=__doc__)
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", help="database file (default: user data dir; env PARALLAX_DB)")
        p.set_defaults(handler=handler)
        return p

    for module in COMMAND_MODULES:
        module.register(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args))
    except ParallaxError as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:  # disk full, read-only, locked: a sentence, no traceback
        from app.core.store.backup import describe

        print(f"parallax: database error: {describe(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        from app.core.nlp.workers import stop_workers

        stop_workers()
        print("parallax: interrupted", file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        # Leave now: an interpreter exit would join spaCy's queue threads, which can wait for
        # good on a pipe no worker reads any more. Every stored article is already committed.
        os._exit(130)


if __name__ == "__main__":
    sys.exit(main())
