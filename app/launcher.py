"""`parallax-app`: the desktop entry point (the bundle's executable and the .desktop file's Exec).

`parallax-app` opens the reader (importing the demo collection on first run);
`parallax-app FILE...` does the same and opens the import wizard with those files;
`parallax-app SUB-COMMAND ...` is the `parallax` command line (so the bundle exposes the CLI);
`parallax-app --self-test [FILE...]` is the packaging smoke test (app/gui/selftest.py)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from app import cli


def command_names() -> set[str]:
    parser = cli.build_parser()
    return {
        name
        for action in parser._subparsers._group_actions  # argparse keeps sub-parsers here
        for name in getattr(action, "choices", None) or ()
    }


def translate(argv: Sequence[str]) -> list[str]:
    """The `parallax` arguments for a desktop-style command line."""
    args = list(argv)
    if args and (args[0] in command_names() or args[0].startswith("-")):
        return args
    return ["run", *args]  # nothing, or files and folders to import


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--self-test"]:
        from app.gui.selftest import run_self_test

        return run_self_test([Path(p) for p in args[1:]])
    return cli.main(translate(args))


if __name__ == "__main__":
    sys.exit(main())
